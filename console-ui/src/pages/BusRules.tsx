import { useCallback, useEffect, useState } from 'react'
import { Link, useParams } from 'react-router'
import {
  api, ApiError, listArchives, request, seg, type Archive, type Bus, type Rule, type Target, type TargetType,
} from '../api'
import BusFigures from '../components/BusFigures.tsx'
import BusSettingsForm from '../components/BusSettingsForm.tsx'
import ConfirmDialog from '../components/ConfirmDialog.tsx'
import ProblemMessage from '../components/ProblemMessage.tsx'
import RetryFailed from '../components/RetryFailed.tsx'
import RelativeTime from '../components/RelativeTime.tsx'

interface RulePage {
  rules: Rule[]
  nextToken?: string
}

interface LoadedBus {
  bus: Bus
  etag: string | null
}

/**
 * A bus' page: its settings and its rules, with their state and where they send events. A bus that does not exist
 * is said so, with no actions. Route /buses/:bus.
 */
export default function BusRules() {
  const { bus = '' } = useParams()
  const [loaded, setLoaded] = useState<LoadedBus | null>(null)
  const [busError, setBusError] = useState<unknown>(null)

  useEffect(() => {
    setLoaded(null)
    setBusError(null)
    request<Bus>('GET', `/v1/buses/${seg(bus)}`).then((r) => setLoaded({ bus: r.body, etag: r.etag }), setBusError)
  }, [bus])

  const missing = busError instanceof ApiError && busError.status === 404
  return (
    <section>
      <nav className="crumbs" aria-label="Breadcrumb"><Link to="/buses">Buses</Link> › {bus}</nav>
      {missing ? (
        <>
          <h1>Bus '{bus}' does not exist</h1>
          <p className="empty">There is no bus named <code>{bus}</code>: it may have been deleted, or the address is
            mistyped. <Link to="/buses">Go to the buses</Link>.</p>
        </>
      ) : (
        <>
          {!loaded && <h1>Rules of {bus}</h1>}
          <ProblemMessage error={busError} />
          {!loaded && !busError && <p role="status" className="loading">Loading the bus…</p>}
          {loaded?.bus.name === bus && <BusPage key={bus} loaded={loaded} />}
        </>
      )}
    </section>
  )
}

function BusPage({ loaded }: { loaded: LoadedBus }) {
  const bus = loaded.bus.name
  const [rules, setRules] = useState<Rule[] | null>(null)
  const [next, setNext] = useState<string | undefined>(undefined)
  const [loadError, setLoadError] = useState<unknown>(null)
  const [deleting, setDeleting] = useState<Rule | null>(null)
  /** The archives of the bus; null while unknown (loading, or a server without archives): then nothing is said. */
  const [archives, setArchives] = useState<Archive[] | null>(null)

  const load = useCallback((after?: string) => {
    api<RulePage>('GET', `/v1/buses/${seg(bus)}/rules` + (after ? `?after=${seg(after)}` : '')).then((page) => {
      setRules((shown) => (after && shown ? [...shown, ...page.rules] : page.rules))
      setNext(page.nextToken)
      setLoadError(null)
    }, setLoadError)
  }, [bus])

  useEffect(() => load(), [load])

  useEffect(() => {
    listArchives(bus).then(setArchives, () => setArchives(null))
  }, [bus])

  const newRule = `/buses/${seg(bus)}/new-rule`
  return (
    <>
      <div className="title-row">
        <h1>Rules of {bus}</h1>
        <Link className="button" to={`/buses/${seg(bus)}/health`}>Target health</Link>
        <Link className="button" to={`/buses/${seg(bus)}/send-event`}>Send event</Link>
        {archives !== null && archives.length > 0 && (
          <Link className="button" to={`/replays/new?bus=${seg(bus)}`}>Replay…</Link>
        )}
        <Link className="button primary" to={newRule}>New rule</Link>
      </div>
      <BusFigures bus={bus} />
      <BusSettingsForm loaded={loaded.bus} etag={loaded.etag} />
      <p className="hint">A rule sends the events that match its pattern to its targets.</p>
      {archives !== null && archives.length === 0 && (
        <p className="hint entry-hint">No archive keeps the events of {bus}, so they cannot be replayed through its
          rules. <Link to={`/archives?bus=${seg(bus)}`}>Create an archive for {bus}</Link>.</p>
      )}
      <ProblemMessage error={loadError} />
      {rules === null && !loadError && <p role="status" className="loading">Loading rules…</p>}
      {rules !== null && rules.length === 0 && (
        <p className="empty">No rules on {bus} yet. <Link to={newRule}>Create one</Link> to send its events to a
          webhook, a queue, another bus or a broker (RabbitMQ, Kafka, NATS).</p>
      )}
      {rules !== null && rules.length > 0 && (
        <div className="table-scroll">
          <table aria-label="Rules">
            <thead>
              <tr><th>Name</th><th>State</th><th>Targets</th><th>Description</th><th>Updated</th><th /></tr>
            </thead>
            <tbody>
              {rules.map((rule) => (
                <tr key={rule.name}>
                  <td className="name"><Link to={`/buses/${seg(bus)}/rules/${seg(rule.name)}`}>{rule.name}</Link></td>
                  <td><span className={`badge ${rule.state === 'ENABLED' ? 'on' : 'off'}`}>
                    {rule.state === 'ENABLED' ? 'Enabled' : 'Disabled'}</span></td>
                  <td>{rule.targets.length === 0 ? <span className="hint">none</span>
                    : <ul className="plain">{rule.targets.map((t) => <li key={t.id}>{summary(t)}</li>)}</ul>}</td>
                  <td>{rule.description ?? ''}</td>
                  <td><RelativeTime at={rule.updatedAt} /></td>
                  <td className="row-actions">
                    <button type="button" className="danger-link" onClick={() => setDeleting(rule)}
                            aria-label={`Delete rule ${rule.name}`}>Delete</button>
                  </td>
                </tr>
              ))}
            </tbody>
          </table>
        </div>
      )}
      {next && <button type="button" onClick={() => load(next)}>Show more rules</button>}
      {rules !== null && rules.length > 0 && <RetryFailed bus={bus} rules={rules} />}
      {deleting && (
        <ConfirmDialog title={`Delete rule ${deleting.name}?`} confirmLabel="Delete rule"
                       onClose={() => setDeleting(null)}
                       onConfirm={async () => {
                         await api('DELETE', `/v1/buses/${seg(bus)}/rules/${seg(deleting.name)}`)
                         load()
                       }}>
          <p>Events on {bus} stop going to its {deleting.targets.length} target(s); deliveries still pending for them
            end as TARGET_GONE.</p>
        </ConfirmDialog>
      )}
    </>
  )
}

/** Where a target of each kind sends, in a few words. */
const WHERE: Record<TargetType, (t: Target) => string> = {
  webhook: (t) => `${t.webhook?.method ?? 'POST'} ${t.webhook?.url ?? ''}`,
  queue: (t) => t.queue?.name ?? '',
  bus: (t) => t.bus?.name ?? '',
  rabbitmq: (t) => `exchange '${t.rabbitmq?.exchange ?? ''}' at ${t.rabbitmq?.uri ?? ''}`,
  kafka: (t) => `${t.kafka?.topic ?? ''} at ${t.kafka?.bootstrapServers ?? ''}`,
  nats: (t) => `${t.nats?.subject ?? ''} at ${t.nats?.servers ?? ''}`,
}

/** One line per target: "webhook billing → POST https://…", "queue audit → audit", "kafka k → orders at host:9092". */
function summary(t: Target): string {
  const where = WHERE[t.type]?.(t) ?? ''
  const dlq = t.deadLetterQueue ? ` (dead letters → ${t.deadLetterQueue})` : ''
  return `${t.type} ${t.id} → ${where}${dlq}`
}
