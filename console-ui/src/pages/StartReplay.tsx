import { useEffect, useMemo, useState, type FormEvent } from 'react'
import { Link, useNavigate, useSearchParams } from 'react-router'
import { api, ApiError, listArchives, seg, startReplay, type Archive, type NewReplay, type Rule } from '../api'
import { toInstant, toLocalInput } from '../components/localTime.ts'
import NameField from '../components/NameField.tsx'
import { nameProblem } from '../components/names.ts'
import ProblemMessage from '../components/ProblemMessage.tsx'
import SelectField from '../components/SelectField.tsx'
import { isAt } from '../components/targetForm.ts'

const HOUR = 3_600_000

/** The names of a `rules` parameter, given as rules=a,b or rules=a&rules=b. */
export function ruleNames(params: URLSearchParams): string[] {
  return [...new Set(params.getAll('rules').flatMap((r) => r.split(',')).map((r) => r.trim()).filter(Boolean))]
}

/** Every rule of a bus, page after page. */
async function allRules(bus: string): Promise<string[]> {
  const names: string[] = []
  let after: string | undefined
  do {
    const page = await api<{ rules: Rule[], nextToken?: string }>('GET',
      `/v1/buses/${seg(bus)}/rules` + (after ? `?after=${seg(after)}` : ''))
    names.push(...page.rules.map((r) => r.name))
    after = page.nextToken
  } while (after)
  return names
}

/**
 * Start a replay: the events of an archive in a window of event time, through all or some rules of its bus. Route
 * /replays/new; `?archive=`, `?bus=` (only that bus' archives), `?rules=`, `?from=` and `?to=` (ISO instants) fill the
 * form in. The window is shown in local time and sent as ISO instants; it is the last hour unless given.
 */
export default function StartReplay() {
  const [params] = useSearchParams()
  const navigate = useNavigate()
  const onlyBus = params.get('bus') ?? ''
  const [archives, setArchives] = useState<Archive[] | null>(null)
  const [archiveName, setArchiveName] = useState(params.get('archive') ?? '')
  const [name, setName] = useState('')
  const [description, setDescription] = useState('')
  const [start, setStart] = useState(() => toLocalInput(params.get('from'))
    || toLocalInput(new Date(Date.now() - HOUR)))
  const [end, setEnd] = useState(() => toLocalInput(params.get('to'), 'up') || toLocalInput(new Date(), 'up'))
  const [rules, setRules] = useState<{ bus: string, names: string[] } | null>(null)
  const [chosen, setChosen] = useState<string[]>(() => ruleNames(params))
  const [rateLimit, setRateLimit] = useState('')
  const [error, setError] = useState<unknown>(null)
  const [busy, setBusy] = useState(false)

  useEffect(() => {
    listArchives(onlyBus || undefined).then((list) => {
      setArchives(list)
      setArchiveName((n) => (list.some((a) => a.name === n) ? n : list[0]?.name ?? ''))
    }, setError)
  }, [onlyBus])

  const archive = useMemo(() => archives?.find((a) => a.name === archiveName) ?? null, [archives, archiveName])
  const bus = archive?.bus ?? null

  useEffect(() => {
    if (!bus) return
    let current = true
    allRules(bus).then((names) => current && setRules({ bus, names }), (e) => current && setError(e))
    return () => {
      current = false
    }
  }, [bus])

  const busRules = rules !== null && rules.bus === bus ? rules.names : null

  async function submit(e: FormEvent) {
    e.preventDefault()
    const problem = nameProblem('name', 'the name', name.trim()) ?? formProblem()
    if (problem) {
      setError(problem)
      return
    }
    // the rules chosen on another bus (of an archive chosen before) are not sent
    const onBus = chosen.filter((r) => busRules === null || busRules.includes(r))
    const body: NewReplay = {
      name: name.trim(), archive: archiveName, eventStartTime: toInstant(start), eventEndTime: toInstant(end),
    }
    if (description.trim()) body.description = description.trim()
    if (onBus.length > 0) body.rules = onBus
    if (rateLimit.trim()) body.rateLimitPerSecond = Number(rateLimit)
    setBusy(true)
    setError(null)
    try {
      await startReplay(body)
      navigate(`/replays/${seg(body.name)}`)
    } catch (problem) {
      setError(problem)
      setBusy(false)
    }
  }

  function formProblem(): ApiError | null {
    if (!archiveName) return new ApiError(0, 'ValidationError', 'Choose the archive to replay.', 'archive')
    const from = new Date(start).getTime()
    const to = new Date(end).getTime()
    if (Number.isNaN(from)) return new ApiError(0, 'ValidationError', 'Give the start of the window.', 'eventStartTime')
    if (Number.isNaN(to)) return new ApiError(0, 'ValidationError', 'Give the end of the window.', 'eventEndTime')
    if (to <= from) return new ApiError(0, 'ValidationError', 'The end of the window must be after its start.', 'eventEndTime')
    if (rateLimit.trim()) {
      const n = Number(rateLimit)
      if (!Number.isInteger(n) || n < 1 || n > 1_000_000) {
        return new ApiError(0, 'ValidationError', 'The rate limit is a whole number of events per second, 1 to 1000000.',
          'rateLimitPerSecond')
      }
    }
    return null
  }

  function toggle(rule: string, on: boolean) {
    setChosen((all) => (on ? [...all, rule] : all.filter((r) => r !== rule)))
  }

  const noArchives = archives !== null && archives.length === 0
  return (
    <section>
      <nav className="crumbs" aria-label="Breadcrumb"><Link to="/replays">Replays</Link> › new replay</nav>
      <h1>Start a replay</h1>
      <p className="hint">The archived events whose time is in the window go through the rules again, oldest first;
        their deliveries carry a <code>replay-name</code> field so targets can tell them apart.</p>
      {archives === null && !error && <p role="status" className="loading">Loading archives…</p>}
      {noArchives && (
        <p className="empty">{onlyBus ? <>No archive keeps the events of {onlyBus}. <Link
          to={`/archives?bus=${seg(onlyBus)}`}>Create an archive for {onlyBus}</Link>: it keeps the events that arrive
          from then on.</> : <>No archives yet. <Link to="/archives">Create one</Link>: it keeps the events that arrive
          from then on.</>}</p>
      )}
      {archives !== null && !noArchives && (
        <form className="panel replay-form" onSubmit={(e) => void submit(e)} aria-label="Start a replay">
          <div className="field-row">
            <NameField label="Name" location="name" what="the name" value={name} onChange={setName} error={error}
                       placeholder="orders-gap" />
            <SelectField label="Archive" value={archiveName} onChange={setArchiveName} required>
              {archives.map((a) => <option key={a.name} value={a.name}>{a.name} (bus {a.bus})</option>)}
            </SelectField>
            <label className="grow">Description
              <input value={description} onChange={(e) => setDescription(e.target.value)} placeholder="optional" />
            </label>
          </div>
          <div className="field-row">
            <label>Window start
              <input type="datetime-local" value={start} onChange={(e) => setStart(e.target.value)} required
                     aria-describedby="replay-window-hint" />
            </label>
            <label>Window end
              <input type="datetime-local" value={end} onChange={(e) => setEnd(e.target.value)} required
                     aria-describedby="replay-window-hint" />
            </label>
            <label>Rate limit (events per second)
              <input type="number" min={1} max={1_000_000} step={1} value={rateLimit} placeholder="server default"
                     onChange={(e) => setRateLimit(e.target.value)} />
            </label>
          </div>
          <p id="replay-window-hint" className="hint">Event times in your time zone
            ({Intl.DateTimeFormat().resolvedOptions().timeZone}); the start is included, the end is not.
            {archive?.oldestEventTime && <> {archive.name} holds events
              from {new Date(archive.oldestEventTime).toLocaleString()}
              {archive.newestEventTime && <> to {new Date(archive.newestEventTime).toLocaleString()}</>}.</>}</p>
          <fieldset>
            <legend>Rules{bus ? ` of ${bus}` : ''}</legend>
            <p className="hint">None checked: every rule of the bus.</p>
            {bus && busRules === null && <span className="hint">Loading…</span>}
            {busRules !== null && busRules.length === 0 && <span className="hint">{bus} has no rules.</span>}
            <div className="rule-checks">
              {(busRules ?? []).map((rule) => (
                <label key={rule} className="check">
                  <input type="checkbox" checked={chosen.includes(rule)}
                         onChange={(e) => toggle(rule, e.target.checked)} /> {rule}
                </label>
              ))}
            </div>
          </fieldset>
          <button type="submit" className="primary" disabled={busy}>{busy ? 'Starting…' : 'Start replay'}</button>
          <ProblemMessage error={isAt(error, 'name') ? null : error} />
        </form>
      )}
      {(archives === null || noArchives) && <ProblemMessage error={error} />}
    </section>
  )
}
