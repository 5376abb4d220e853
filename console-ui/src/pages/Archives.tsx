import { useCallback, useEffect, useState, type FormEvent } from 'react'
import { Link, useNavigate, useSearchParams } from 'react-router'
import { api, ApiError, createArchive, listArchives, seg, type Archive, type Bus, type NewArchive } from '../api'
import {
  humanBytes, localTime, patternSummary, retentionProblem, retentionText,
} from '../components/archiveFormat.ts'
import { EXAMPLE_EVENT } from '../components/exampleEvent.ts'
import { formatJson } from '../components/formatJson.ts'
import NameField from '../components/NameField.tsx'
import { nameProblem } from '../components/names.ts'
import ArchivePatternField from '../components/ArchivePatternField.tsx'
import ProblemMessage from '../components/ProblemMessage.tsx'
import SelectField from '../components/SelectField.tsx'
import { isAt } from '../components/targetForm.ts'

/**
 * Archives: each with its bus, what it keeps and for how long, and how much it holds; create one. `?bus=` chooses
 * the bus of the create form (the bus page links here with it).
 */
export default function Archives() {
  const [params] = useSearchParams()
  const [archives, setArchives] = useState<Archive[] | null>(null)
  const [loadError, setLoadError] = useState<unknown>(null)

  const load = useCallback(() => {
    listArchives().then((list) => {
      setArchives(list)
      setLoadError(null)
    }, setLoadError)
  }, [])

  useEffect(load, [load])

  return (
    <section>
      <div className="title-row">
        <h1>Archives</h1>
        <Link className="button" to="/replays">Replays</Link>
        <button type="button" onClick={load}>Refresh</button>
      </div>
      <p className="hint">An archive keeps a copy of the events of a bus (all of them, or those its pattern matches) so
        that a replay can put them through the bus' rules again.</p>
      <CreateArchive initialBus={params.get('bus') ?? ''} />
      <ProblemMessage error={loadError} />
      {archives === null && !loadError && <p role="status" className="loading">Loading archives…</p>}
      {archives !== null && archives.length === 0 && (
        <p className="empty">No archives yet. Create one above: it keeps the events that arrive from then on.</p>
      )}
      {archives !== null && archives.length > 0 && (
        <div className="table-scroll">
          <table aria-label="Archives">
            <thead>
              <tr><th>Name</th><th>Bus</th><th>Pattern</th><th>Retention</th><th className="num">Events</th>
                <th className="num">Size</th><th>Oldest event</th><th>Newest event</th></tr>
            </thead>
            <tbody>
              {archives.map((a) => (
                <tr key={a.name}>
                  <td className="name"><Link to={`/archives/${seg(a.name)}`}>{a.name}</Link></td>
                  <td><Link to={`/buses/${seg(a.bus)}`}>{a.bus}</Link></td>
                  <td>{a.eventPattern ? <code>{patternSummary(a.eventPattern)}</code>
                    : <span className="hint">every event</span>}</td>
                  <td>{retentionText(a.retentionDays)}</td>
                  <td className="num">{a.eventCount.toLocaleString('en')}</td>
                  <td className="num">{humanBytes(a.sizeBytes)}</td>
                  <td>{localTime(a.oldestEventTime)}</td>
                  <td>{localTime(a.newestEventTime)}</td>
                </tr>
              ))}
            </tbody>
          </table>
        </div>
      )}
    </section>
  )
}

function CreateArchive({ initialBus }: { initialBus: string }) {
  const navigate = useNavigate()
  const [buses, setBuses] = useState<string[] | null>(null)
  const [name, setName] = useState('')
  const [bus, setBus] = useState(initialBus)
  const [description, setDescription] = useState('')
  const [retention, setRetention] = useState('')
  const [filtered, setFiltered] = useState(false)
  const [pattern, setPattern] = useState(() => formatJson({ source: [EXAMPLE_EVENT.source] }, 60))
  const [sampleEvent, setSampleEvent] = useState(() => formatJson(EXAMPLE_EVENT, 60))
  const [error, setError] = useState<unknown>(null)
  const [busy, setBusy] = useState(false)

  useEffect(() => {
    api<{ buses: Bus[] }>('GET', '/v1/buses').then((r) => {
      const names = r.buses.map((b) => b.name)
      setBuses(names)
      setBus((chosen) => chosen || (names.includes('default') ? 'default' : names[0] ?? ''))
    }, setError)
  }, [])

  async function submit(e: FormEvent) {
    e.preventDefault()
    const problem = nameProblem('name', 'the name', name.trim()) ?? retentionProblem(retention)
      ?? (bus ? null : new ApiError(0, 'ValidationError', 'Choose the bus whose events to archive.', 'bus'))
    if (problem) {
      setError(problem)
      return
    }
    setBusy(true)
    setError(null)
    const body: NewArchive = { name: name.trim(), bus }
    if (description.trim()) body.description = description.trim()
    if (filtered) body.eventPattern = pattern
    if (retention.trim() !== '') body.retentionDays = Number(retention)
    try {
      await createArchive(body)
      navigate(`/archives/${seg(body.name)}`)
    } catch (problem) {
      setError(problem)
      setBusy(false)
    }
  }

  // the bus of the address is an option before the list arrives, so the select keeps it
  const busNames = buses ?? []
  if (bus && !busNames.includes(bus)) busNames.unshift(bus)

  return (
    <form className="panel archive-form" onSubmit={(e) => void submit(e)} aria-label="Create an archive">
      <h2>Create an archive</h2>
      <div className="field-row">
        <NameField label="Name" location="name" what="the name" value={name} onChange={setName} error={error}
                   placeholder="orders-archive" />
        <SelectField label="Bus" value={bus} onChange={setBus} required>
          {busNames.length === 0 && <option value="">Loading…</option>}
          {busNames.map((b) => <option key={b} value={b}>{b}</option>)}
        </SelectField>
        <label>Keep events (days)
          <input type="number" min={0} max={36500} step={1} value={retention} placeholder="forever"
                 onChange={(e) => setRetention(e.target.value)} aria-describedby="archive-retention-hint" />
        </label>
        <label className="grow">Description
          <input value={description} onChange={(e) => setDescription(e.target.value)} placeholder="optional" />
        </label>
      </div>
      <p id="archive-retention-hint" className="hint">Empty or 0 keeps the events forever. The archive keeps the
        events that arrive from now on.</p>
      <ArchivePatternField filtered={filtered} onFilteredChange={setFiltered} pattern={pattern}
                           onPatternChange={setPattern} sampleEvent={sampleEvent}
                           onSampleEventChange={setSampleEvent} saveError={error} />
      <button type="submit" className="primary" disabled={busy}>{busy ? 'Creating…' : 'Create archive'}</button>
      <ProblemMessage error={isAt(error, 'name') || (filtered && (isAt(error, 'eventPattern')
        || (error instanceof ApiError && error.code === 'InvalidEventPattern'))) ? null : error} />
    </form>
  )
}
