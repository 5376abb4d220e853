import { useCallback, useEffect, useState, type FormEvent } from 'react'
import { Link, useNavigate, useParams } from 'react-router'
import {
  ApiError, deleteArchive, getArchive, isActive, listReplays, seg, updateArchive, type Archive, type ArchiveChange,
  type Replay,
} from '../api'
import { humanBytes, localTime, retentionProblem, retentionText, windowText } from '../components/archiveFormat.ts'
import ConfirmDialog from '../components/ConfirmDialog.tsx'
import { EXAMPLE_EVENT } from '../components/exampleEvent.ts'
import { formatJson } from '../components/formatJson.ts'
import ArchivePatternField from '../components/ArchivePatternField.tsx'
import ProblemMessage from '../components/ProblemMessage.tsx'
import RelativeTime from '../components/RelativeTime.tsx'
import { ReplayProgress, ReplayStateBadge } from '../components/ReplayState.tsx'
import { isAt } from '../components/targetForm.ts'

interface Loaded {
  archive: Archive
  etag: string | null
}

/**
 * One archive: what it holds, its settings (saved with If-Match), its replays and Start replay; delete (confirmed;
 * the server refuses while one of its replays is under way, and the dialog says which). Route /archives/:name.
 */
export default function ArchiveDetail() {
  const { name = '' } = useParams()
  const navigate = useNavigate()
  const [loaded, setLoaded] = useState<Loaded | null>(null)
  const [loadError, setLoadError] = useState<unknown>(null)
  const [deleting, setDeleting] = useState(false)

  const load = useCallback(() => {
    getArchive(name).then((r) => {
      setLoaded({ archive: r.body, etag: r.etag })
      setLoadError(null)
    }, setLoadError)
  }, [name])

  useEffect(() => {
    setLoaded(null)
    load()
  }, [load])

  if (loadError instanceof ApiError && loadError.status === 404) {
    return (
      <section>
        <h1>Archive '{name}' does not exist</h1>
        <p><Link to="/archives">Go to the archives.</Link></p>
      </section>
    )
  }
  const archive = loaded?.archive.name === name ? loaded.archive : null
  return (
    <section>
      <nav className="crumbs" aria-label="Breadcrumb"><Link to="/archives">Archives</Link> › {name}</nav>
      <div className="title-row">
        <h1>Archive {name}</h1>
        {archive && (
          <>
            <button type="button" onClick={load}>Refresh</button>
            <Link className="button primary"
                  to={`/replays/new?archive=${seg(archive.name)}&bus=${seg(archive.bus)}`}>Start replay</Link>
            <button type="button" className="danger" onClick={() => setDeleting(true)}>Delete archive</button>
          </>
        )}
      </div>
      <ProblemMessage error={loadError} />
      {!archive && !loadError && <p role="status" className="loading">Loading the archive…</p>}
      {archive && loaded && (
        <>
          <dl className="facts" aria-label="Archive facts">
            <dt>Bus</dt><dd><Link to={`/buses/${seg(archive.bus)}`}>{archive.bus}</Link></dd>
            {archive.description && <><dt>Description</dt><dd>{archive.description}</dd></>}
            <dt>Keeps</dt><dd>{archive.eventPattern ? 'the events that match its pattern' : 'every event of the bus'},
              {' '}{retentionText(archive.retentionDays)}</dd>
            <dt>Events</dt><dd>{archive.eventCount.toLocaleString('en')}</dd>
            <dt>Size</dt><dd>{humanBytes(archive.sizeBytes)}</dd>
            <dt>Oldest event</dt><dd>{localTime(archive.oldestEventTime)}</dd>
            <dt>Newest event</dt><dd>{localTime(archive.newestEventTime)}</dd>
            <dt>Created</dt><dd>{localTime(archive.createdAt)}</dd>
            <dt>Updated</dt><dd>{localTime(archive.updatedAt)}</dd>
          </dl>
          <ArchiveReplays archive={archive} />
          <EditArchive key={archive.name} loaded={loaded}
                       onSaved={(saved) => setLoaded(saved)} />
        </>
      )}
      {deleting && archive && (
        <ConfirmDialog title={`Delete archive ${name}?`} confirmLabel="Delete archive"
                       onClose={() => setDeleting(false)}
                       onConfirm={async () => {
                         await deleteArchive(name)
                         navigate('/archives')
                       }}>
          <p>Its {archive.eventCount.toLocaleString('en')} archived event(s) are deleted and {archive.bus} stops
            archiving. Its finished replays stay listed.</p>
        </ConfirmDialog>
      )}
    </section>
  )
}

/** The replays of an archive, newest first. */
function ArchiveReplays({ archive }: { archive: Archive }) {
  const [replays, setReplays] = useState<Replay[] | null>(null)
  const [error, setError] = useState<unknown>(null)

  useEffect(() => {
    listReplays({ archive: archive.name }).then(setReplays, setError)
  }, [archive.name])

  return (
    <div className="panel" role="region" aria-label="Replays of this archive">
      <h2>Replays</h2>
      <ProblemMessage error={error} />
      {replays === null && !error && <p role="status" className="loading">Loading replays…</p>}
      {replays !== null && replays.length === 0 && (
        <p className="hint">No replays of this archive yet. Start replay puts a window of its events through the
          rules of {archive.bus} again.</p>
      )}
      {replays !== null && replays.length > 0 && (
        <div className="table-scroll">
          <table aria-label="Replays">
            <thead><tr><th>Name</th><th>Window</th><th>State</th><th>Progress</th><th>Created</th></tr></thead>
            <tbody>
              {replays.map((r) => (
                <tr key={r.name}>
                  <td className="name"><Link to={`/replays/${seg(r.name)}`}>{r.name}</Link></td>
                  <td>{windowText(r.eventStartTime, r.eventEndTime)}</td>
                  <td><ReplayStateBadge state={r.state} /></td>
                  <td><ReplayProgress replay={r} /></td>
                  <td><RelativeTime at={r.createdAt} /></td>
                </tr>
              ))}
            </tbody>
          </table>
        </div>
      )}
      {replays?.some(isActive) && <p className="hint">A replay is under way: the archive cannot be deleted until it
        ends or is cancelled.</p>}
    </div>
  )
}

/** Description, pattern and retention; PUT replaces all three, so all three are sent. */
function EditArchive({ loaded, onSaved }: { loaded: Loaded, onSaved: (saved: Loaded) => void }) {
  const { archive } = loaded
  const [description, setDescription] = useState(archive.description ?? '')
  const [retention, setRetention] = useState(archive.retentionDays ? String(archive.retentionDays) : '')
  const [filtered, setFiltered] = useState(archive.eventPattern !== null && archive.eventPattern !== undefined)
  const [pattern, setPattern] = useState(() => formatJson(archive.eventPattern ?? { source: [EXAMPLE_EVENT.source] }, 60))
  const [sampleEvent, setSampleEvent] = useState(() => formatJson(EXAMPLE_EVENT, 60))
  const [error, setError] = useState<unknown>(null)
  const [busy, setBusy] = useState(false)
  const [saved, setSaved] = useState(false)

  async function submit(e: FormEvent) {
    e.preventDefault()
    setSaved(false)
    const problem = retentionProblem(retention)
    if (problem) {
      setError(problem)
      return
    }
    setBusy(true)
    setError(null)
    const change: ArchiveChange = {
      eventPattern: filtered ? pattern : null,
      retentionDays: retention.trim() === '' ? 0 : Number(retention),
    }
    if (description.trim()) change.description = description.trim()
    try {
      const r = await updateArchive(archive.name, change, loaded.etag)
      setSaved(true)
      onSaved({ archive: r.body, etag: r.etag })
    } catch (problem) {
      setError(problem)
    } finally {
      setBusy(false)
    }
  }

  return (
    <form className="panel archive-form" onSubmit={(e) => void submit(e)} aria-label="Archive settings">
      <h2>Settings</h2>
      <div className="field-row">
        <label className="grow">Description
          <input value={description} onChange={(e) => setDescription(e.target.value)} placeholder="optional" />
        </label>
        <label>Keep events (days)
          <input type="number" min={0} max={36500} step={1} value={retention} placeholder="forever"
                 onChange={(e) => setRetention(e.target.value)} />
        </label>
      </div>
      <ArchivePatternField filtered={filtered} onFilteredChange={setFiltered} pattern={pattern}
                           onPatternChange={setPattern} sampleEvent={sampleEvent}
                           onSampleEventChange={setSampleEvent} saveError={error} />
      <p className="hint">A change applies to the events archived from now on; those already archived stay.</p>
      <button type="submit" className="primary" disabled={busy}>{busy ? 'Saving…' : 'Save settings'}</button>
      {saved && <span role="status" className="saved"> Saved.</span>}
      <ProblemMessage error={filtered && (isAt(error, 'eventPattern')
        || (error instanceof ApiError && error.code === 'InvalidEventPattern')) ? null : error} />
    </form>
  )
}
