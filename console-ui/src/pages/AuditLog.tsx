import { Link } from 'react-router'
import type { AuditEntry, AuditPage } from '../api'
import { toLocalInput } from '../components/localTime.ts'
import ProblemMessage from '../components/ProblemMessage.tsx'
import RelativeTime from '../components/RelativeTime.tsx'
import { useCursorPages } from '../components/useCursorPages.ts'

/** The filters kept in the address: resource and action prefixes, from and to (ISO instants). */
const FILTERS = ['resource', 'action', 'from', 'to']

/** The console page of a resource of the log, when it has one: buses, their rules, queues, schemas, … */
export function resourceLink(resource: string): string | null {
  const [kind, name, sub, subName] = resource.split('/')
  if (!name) return null
  if (kind === 'buses') return sub === 'rules' && subName ? `/buses/${name}/rules/${subName}` : `/buses/${name}`
  if (kind === 'queues') return `/queues/${name}`
  if (kind === 'schemas') return `/schemas/${name}`
  if (kind === 'archives') return `/archives/${name}`
  if (kind === 'replays') return `/replays/${name}`
  return null
}

/**
 * The audit log: every change made through the control plane, newest first, filtered by resource and action
 * (prefixes) and time, a page at a time.
 */
export default function AuditLog() {
  const { params, items: entries, next, error, more, filter } = useCursorPages<AuditPage, AuditEntry>(
    '/v1/audit-log', FILTERS, (page) => page.entries, { limit: '50' })

  const filtered = FILTERS.some((f) => params.has(f))
  return (
    <section>
      <h1>Audit log</h1>
      <p className="hint">Every change made through the console or the admin API: who, what, on which resource, and
        what changed. Secrets are never recorded.</p>
      <form key={params.toString()} className="inline-form" aria-label="Filter the audit log" onSubmit={filter}>
        <label>Resource <input name="resource" defaultValue={params.get('resource') ?? ''}
                               placeholder="buses/orders" /></label>
        <label>Action <input name="action" defaultValue={params.get('action') ?? ''} placeholder="rule." /></label>
        <label>From <input name="from" type="datetime-local" defaultValue={toLocalInput(params.get('from'))} /></label>
        <label>To <input name="to" type="datetime-local" defaultValue={toLocalInput(params.get('to'))} /></label>
        <button type="submit" className="primary">Filter</button>
        {filtered && <Link to="/audit-log">Clear filters</Link>}
        <p className="hint form-note">Resource and action find what starts with what you type: buses/orders is the
          bus and its rules, queue. every queue action. From and to are in your time zone.</p>
      </form>
      <ProblemMessage error={error} />
      {entries === null && !error && <p role="status" className="loading">Loading the audit log…</p>}
      {entries !== null && entries.length === 0 && (
        <p className="empty">{filtered ? 'No change matches these filters.' : 'No changes yet.'}</p>
      )}
      {entries !== null && entries.length > 0 && (
        <div className="table-scroll">
          <table aria-label="Audit log">
            <thead><tr><th>When</th><th>Who</th><th>Action</th><th>Resource</th><th>Detail</th></tr></thead>
            <tbody>
              {entries.map((e) => {
                const link = resourceLink(e.resource)
                return (
                  <tr key={e.id}>
                    <td><RelativeTime at={e.at} /></td>
                    <td>{e.actor}</td>
                    <td><code>{e.action}</code></td>
                    <td>{link ? <Link to={link}>{e.resource}</Link> : e.resource}</td>
                    <td>{e.detail === undefined || e.detail === null ? ''
                      : <code className="audit-detail">{JSON.stringify(e.detail)}</code>}</td>
                  </tr>
                )
              })}
            </tbody>
          </table>
        </div>
      )}
      {next && <p><button type="button" onClick={() => void more()}>Show older changes</button></p>}
    </section>
  )
}
