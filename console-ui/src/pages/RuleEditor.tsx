import { useEffect, useState, type FormEvent } from 'react'
import { Link, useLocation, useNavigate, useParams } from 'react-router'
import {
  api, ApiError, request, seg, type Bus, type Queue, type RecentEvent, type Rule, type RuleState, type SavedRule,
  type SaveWarning, type TargetType,
} from '../api'
import { EXAMPLE_EVENT } from '../components/exampleEvent.ts'
import PatternEditor from '../components/PatternEditor.tsx'
import { formatJson } from '../components/formatJson.ts'
import NameField from '../components/NameField.tsx'
import { nameProblem } from '../components/names.ts'
import ProblemMessage from '../components/ProblemMessage.tsx'
import {
  NO_WARNINGS, SavedWithWarnings, unplacedWarnings, warningsOfTarget, type SaveWarnings,
} from '../components/SaveWarnings.tsx'
import SecretOnce from '../components/SecretOnce.tsx'
import SelectField from '../components/SelectField.tsx'
import TargetEditor from '../components/TargetEditor.tsx'
import { FieldWords, ruleFieldWords } from '../components/fieldWords.ts'
import { useUnsavedWarning } from '../components/useUnsavedWarning.ts'
import { isAt, KINDS, newTarget, targetForm, targetRequest, type TargetForm } from '../components/targetForm.ts'

interface Loaded {
  /** Which page this was loaded for ("bus/rule"): a form never starts from another page's data. */
  page: string
  rule: Rule | null
  etag: string | null
  latest: RecentEvent | null
  /** The bus' latest events, newest first, for the sandbox to pick from. */
  recent: RecentEvent[]
}

interface Secret {
  target: string
  secret: string
}

/** How many of the bus' latest events the sandbox offers. */
const RECENT = 10

/** The kinds added from the "Other kind" choice; webhooks and queues, the common ones, have a button each. */
const OTHER_KINDS: TargetType[] = ['bus', 'rabbitmq', 'kafka', 'nats']

/** A rule of a bus: its pattern (checked as typed, tried in the sandbox) and its targets. Route /buses/:bus/rules/:rule. */
export default function RuleEditor() {
  const { bus = '', rule } = useParams()
  const [loaded, setLoaded] = useState<Loaded | null>(null)
  const [loadError, setLoadError] = useState<unknown>(null)
  const page = `${bus}/${rule ?? ''}`

  useEffect(() => {
    setLoaded(null)
    setLoadError(null)
    Promise.all([
      rule === undefined ? Promise.resolve({ body: null, etag: null })
        : request<Rule>('GET', `/v1/buses/${seg(bus)}/rules/${seg(rule)}`),
      api<{ events: RecentEvent[] }>('GET', `/v1/buses/${seg(bus)}/events?limit=${RECENT}`),
    ]).then(([r, events]) => setLoaded({ page: `${bus}/${rule ?? ''}`, rule: r.body, etag: r.etag,
      latest: events.events[0] ?? null, recent: events.events }), setLoadError)
  }, [bus, rule])

  return (
    <section>
      <nav className="crumbs" aria-label="Breadcrumb">
        <Link to="/buses">Buses</Link> › <Link to={`/buses/${seg(bus)}`}>{bus}</Link> › {rule ?? 'new rule'}
      </nav>
      <h1>{rule === undefined ? `New rule on ${bus}` : `Rule ${rule}`}</h1>
      <ProblemMessage error={loadError} />
      {loaded?.page !== page && !loadError && <p role="status" className="loading">Loading the rule…</p>}
      {loaded?.page === page && <RuleForm key={page} bus={bus} loaded={loaded} />}
    </section>
  )
}

function RuleForm({ bus, loaded }: { bus: string, loaded: Loaded }) {
  const navigate = useNavigate()
  const location = useLocation()
  /** What the new-rule page handed over when it saved: its note, generated secrets, warnings and sandbox event. */
  const opened = location.state as {
    saved?: string, secrets?: Secret[], warnings?: SaveWarning[], sampleEvent?: string
  } | null
  const existing = loaded.rule
  const [name, setName] = useState(existing?.name ?? '')
  const [description, setDescription] = useState(existing?.description ?? '')
  const [state, setState] = useState<RuleState>(existing?.state ?? 'ENABLED')
  const [pattern, setPattern] = useState(() => formatJson(existing ? existing.eventPattern
    : { source: [loaded.latest?.source ?? EXAMPLE_EVENT.source] }, 60))
  const [sampleEvent, setSampleEvent] = useState(() => opened?.sampleEvent
    ?? formatJson(loaded.latest?.event ?? EXAMPLE_EVENT, 60))
  const [targets, setTargets] = useState<TargetForm[]>(() => existing?.targets.map(targetForm) ?? [])
  const [etag, setEtag] = useState(loaded.etag)
  const [queues, setQueues] = useState<Queue[]>([])
  const [connections, setConnections] = useState<string[]>([])
  const [buses, setBuses] = useState<string[]>([])
  const [otherKind, setOtherKind] = useState<TargetType>(OTHER_KINDS[0])
  const [saveError, setSaveError] = useState<unknown>(null)
  const [saving, setSaving] = useState(false)
  const [saved, setSaved] = useState<string | null>(opened?.saved ?? null)
  const [secrets, setSecrets] = useState<Secret[]>(opened?.secrets ?? [])
  const [warnings, setWarnings] = useState<SaveWarnings>(() => ({ list: opened?.warnings ?? [],
    keys: targets.map((t) => t.key) }))

  useEffect(() => {
    // shown now; not kept in the browser's history, where a reload would show the secrets again. Unless the user
    // has already left the page (a quick click right after saving): replacing would take them back to it
    if (location.state && window.location.pathname === location.pathname) {
      navigate(location.pathname, { replace: true, state: null })
    }
  }, [])

  useEffect(() => {
    api<{ queues: Queue[] }>('GET', '/v1/queues').then((r) => setQueues(r.queues), () => setQueues([]))
    api<{ connections: { name: string }[] }>('GET', '/v1/connections')
      .then((r) => setConnections(r.connections.map((c) => c.name)), () => setConnections([]))
    api<{ buses: Bus[] }>('GET', '/v1/buses').then((r) => setBuses(r.buses.map((b) => b.name)), () => setBuses([]))
  }, [])

  const sampleSource = loaded.latest
    ? `The latest event on ${bus} (${loaded.latest.detailType} from ${loaded.latest.source}, `
      + `${new Date(loaded.latest.ingestedAt).toLocaleString()}). Edit it to try other events.`
    : `An example event: ${bus} has no events yet. Edit it to try your own.`

  // what the form holds, to tell unsaved changes: the targets without the editor's own keys
  const snapshot = (t: TargetForm[]) => JSON.stringify([name, description, state, pattern,
    t.map(({ key: _key, ...rest }) => rest)])
  const current = snapshot(targets)
  const [baseline, setBaseline] = useState(current)
  useUnsavedWarning(current !== baseline && !saving)

  function change(index: number, patch: Partial<TargetForm>) {
    setTargets((all) => all.map((t, i) => (i === index ? { ...t, ...patch } : t)))
  }

  function add(type: TargetType) {
    const taken = new Set(targets.map((t) => t.id))
    let n = targets.length + 1
    while (taken.has(`${type}-${n}`)) n++
    setTargets((all) => [...all, newTarget(type, `${type}-${n}`)])
  }

  async function save(e: FormEvent) {
    e.preventDefault()
    setSaving(true)
    setSaveError(null)
    setSaved(null)
    setWarnings(NO_WARNINGS)
    try {
      const ruleName = existing?.name ?? name.trim()
      const nameWrong = existing ? null : nameProblem('path: rule', 'the name', ruleName)
      if (nameWrong) throw nameWrong
      const body = {
        ...(description.trim() ? { description: description.trim() } : {}),
        eventPattern: pattern, state, targets: targets.map(targetRequest),
      }
      const path = `/v1/buses/${seg(bus)}/rules/${seg(ruleName)}`
      if (!existing && await exists(path)) {
        throw new ApiError(409, 'Conflict', `A rule named ${ruleName} already exists on ${bus}: open it to change it.`,
          'path: rule')
      }
      const answer = await request<SavedRule>('PUT', path, body, existing ? etag : null)
      const generated = answer.body.targets.filter((t) => t.webhook?.signingSecret)
        .map((t) => ({ target: t.id, secret: t.webhook!.signingSecret! }))
      const warned = answer.body.warnings ?? []
      const message = `Saved ${new Date(answer.body.updatedAt).toLocaleTimeString()}`
        + (warned.length === 0 ? '.' : ` with ${warned.length === 1 ? 'a warning' : `${warned.length} warnings`}.`)
      setSecrets(generated)
      setSaved(message)
      if (existing) {
        const forms = answer.body.targets.map(targetForm)
        setEtag(answer.etag)
        setTargets(forms)
        setBaseline(snapshot(forms))
        setWarnings({ list: warned, keys: forms.map((t) => t.key) })
      } else {
        // the editor of the saved rule, with what this save has to show: secrets once, warnings
        navigate(`/buses/${seg(bus)}/rules/${seg(ruleName)}`, {
          replace: true, state: { saved: message, secrets: generated, warnings: warned, sampleEvent },
        })
      }
    } catch (problem) {
      setSaveError(problem)
    } finally {
      setSaving(false)
    }
  }

  const placed = isAt(saveError, 'path: rule') || isAt(saveError, 'description') || isAt(saveError, 'targets')
    || isAt(saveError, 'eventPattern') || (saveError instanceof ApiError && saveError.code === 'InvalidEventPattern')
  const words = (location: string) => ruleFieldWords(location, targets)
  return (
    <FieldWords.Provider value={words}>
    <form className="rule-form" onSubmit={(e) => void save(e)} aria-label="Rule" noValidate>
      {!placed && <ProblemMessage error={saveError} />}
      {warnings.list.length > 0 && (
        <SavedWithWarnings count={warnings.list.length} unplaced={unplacedWarnings(warnings, targets.map((t) => t.key))} />
      )}
      {secrets.map((s) => (
        <SecretOnce key={s.target} label={`Signing secret of target ${s.target}`} secret={s.secret}
                    onDone={() => setSecrets((all) => all.filter((x) => x !== s))} />
      ))}
      <div className="field-row">
        <NameField label="Name" location="path: rule" what="the name" value={existing?.name ?? name} onChange={setName}
                   error={saveError} readOnly={existing !== null} placeholder="big-orders" autoFocus={existing === null} />
        <label className="grow">Description
          <input value={description} onChange={(e) => setDescription(e.target.value)} placeholder="what it is for (optional)" />
        </label>
        <SelectField label="State" value={state} onChange={(v) => setState(v as RuleState)}>
          <option value="ENABLED">Enabled</option>
          <option value="DISABLED">Disabled (kept, matches nothing)</option>
        </SelectField>
      </div>
      <ProblemMessage error={isAt(saveError, 'description') ? saveError : null} />

      <PatternEditor pattern={pattern} sampleEvent={sampleEvent} sampleSource={sampleSource}
                     onPatternChange={setPattern} onSampleEventChange={setSampleEvent} saveError={saveError}
                     samplePicker={loaded.recent.length > 1 && (
                       <label className="inline-label">Try another recent event
                         <select value="" onChange={(e) => {
                           const picked = loaded.recent.find((r) => r.id === e.target.value)
                           if (picked) setSampleEvent(formatJson(picked.event, 60))
                         }}>
                           <option value="">choose…</option>
                           {loaded.recent.map((r) => (
                             <option key={`${r.id}/${r.ingestedAt}`} value={r.id}>
                               {`${r.detailType} from ${r.source}, ${new Date(r.ingestedAt).toLocaleTimeString()}`}
                             </option>
                           ))}
                         </select>
                       </label>
                     )} />

      <h2>Targets</h2>
      <ProblemMessage error={saveError instanceof ApiError && saveError.location === 'targets' ? saveError : null} />
      {targets.length === 0 && (
        <p className="empty">No targets: matching events go nowhere. Add one below.</p>
      )}
      {targets.map((t, i) => (
        <TargetEditor key={t.key} form={t} index={i} queues={queues} connections={connections} buses={buses}
                      sampleEvent={sampleEvent} bus={bus}
                      ruleName={existing?.name ?? name} saveError={saveError} warnings={warningsOfTarget(warnings, t.key)}
                      onChange={(patch) => change(i, patch)}
                      onRemove={() => setTargets((all) => all.filter((_, j) => j !== i))} />
      ))}
      <div className="field-row">
        <button type="button" onClick={() => add('webhook')}>Add webhook target</button>
        <button type="button" onClick={() => add('queue')}>Add queue target</button>
        <SelectField label="Other kind" value={otherKind} onChange={(kind) => setOtherKind(kind as TargetType)}>
          {OTHER_KINDS.map((kind) => <option key={kind} value={kind}>{KINDS[kind].title}</option>)}
        </SelectField>
        <button type="button" onClick={() => add(otherKind)}>Add {KINDS[otherKind].title} target</button>
      </div>

      <div className="save-bar">
        <button type="submit" className="primary" disabled={saving}>{saving ? 'Saving…' : 'Save rule'}</button>
        <Link to={`/buses/${seg(bus)}`}>Back to the rules of {bus}</Link>
        <span role="status" className={saveError ? 'not-saved' : warnings.list.length > 0 ? 'saved warned' : 'saved'}>
          {saveError ? `Not saved: ${placed ? `see the problem at ${whereIs(saveError, words)}` : 'see the problem above'}.`
            : saved}
        </span>
      </div>
    </form>
    </FieldWords.Provider>
  )
}

function whereIs(problem: unknown, words: (location: string) => string): string {
  if (!(problem instanceof ApiError)) return 'the top'
  if (problem.code === 'InvalidEventPattern') return 'Event pattern'
  return problem.location ? words(problem.location) : 'the top'
}

async function exists(path: string): Promise<boolean> {
  try {
    await api('GET', path)
    return true
  } catch (e) {
    if (e instanceof ApiError && e.status === 404) return false
    throw e
  }
}
