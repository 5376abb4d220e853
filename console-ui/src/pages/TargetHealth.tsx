import { useCallback, useEffect, useState } from 'react'
import { Link, useParams, useSearchParams } from 'react-router'
import { api, seg, type TargetHealth as Health, type TargetHealthPage } from '../api'
import ProblemMessage from '../components/ProblemMessage.tsx'
import { usePolling } from '../components/usePolling.ts'

/** How often the page looks again: an operator sees a target start failing within seconds. */
export const HEALTH_REFRESH_MILLIS = 5000
/** How often a window is looked at again: a long window's figures move slowly, so it is counted less often. */
export function refreshMillis(window: string): number {
  return window === '24h' || window === '7d' ? 60_000 : HEALTH_REFRESH_MILLIS
}
const WINDOWS: [string, string][] = [['15m', '15 min'], ['1h', '1 h'], ['24h', '24 h'], ['7d', '7 days']]
const VERDICTS: Record<Health['health'], string> = {
  FAILING: 'Failing', DEGRADED: 'Some failures', HEALTHY: 'Healthy', IDLE: 'Idle',
}

/**
 * The health of a bus' targets over a window (route /buses/:bus/health?window=): each target's verdict in colour,
 * deliveries, failures, success rate, latency, an open circuit and the last error; failing ones first link to
 * their deliveries to retry. Looks again every {@link HEALTH_REFRESH_MILLIS} ms (a minute for 24 h and 7 days).
 */
export default function TargetHealth() {
  const { bus = '' } = useParams()
  const [params, setParams] = useSearchParams()
  const span = params.get('window') ?? '1h'
  const [page, setPage] = useState<TargetHealthPage | null>(null)
  const [error, setError] = useState<unknown>(null)

  const load = useCallback(() => api<TargetHealthPage>('GET',
    `/v1/buses/${seg(bus)}/target-health?window=${encodeURIComponent(span)}`).then((p) => {
    setPage(p)
    setError(null)
  }, setError), [bus, span])

  useEffect(() => {
    setPage(null)
    load()
  }, [load])
  usePolling(load, refreshMillis(span), true)

  const failing = page?.targets.filter((t) => t.health === 'FAILING').length ?? 0
  return (
    <section>
      <nav className="crumbs" aria-label="Breadcrumb"><Link to="/buses">Buses</Link> › <Link
        to={`/buses/${seg(bus)}`}>{bus}</Link> › health</nav>
      <div className="title-row">
        <h1>Target health of {bus}</h1>
        <label>Over the last
          <select value={span} onChange={(e) => setParams({ window: e.target.value })}>
            {WINDOWS.map(([value, label]) => <option key={value} value={value}>{label}</option>)}
          </select>
        </label>
      </div>
      <ProblemMessage error={error} />
      {!page && !error && <p role="status" className="loading">Loading target health…</p>}
      {page && page.targets.length === 0 && (
        <p className="empty">No targets: {bus} has no rules with targets yet.</p>
      )}
      {page && page.targets.length > 0 && (
        <>
          <p role="status" className="hint">{failing === 0 ? 'No target is failing.'
            : `${failing} target${failing === 1 ? ' is' : 's are'} failing.`} Looks again every
            {refreshMillis(span) > HEALTH_REFRESH_MILLIS ? ' minute' : ' few seconds'}.</p>
          <div className="table-scroll">
            <table aria-label="Target health">
              <thead>
                <tr><th>Rule → target</th><th>Health</th><th>Delivered</th><th>Failed attempts</th>
                  <th>Dead-lettered</th><th>Pending</th><th>Success</th><th>Latency p50 / p99</th><th>Last error</th></tr>
              </thead>
              <tbody>
                {page.targets.map((t) => (
                  <tr key={`${t.rule}/${t.target}`} aria-label={`${t.rule}/${t.target}`}>
                    <td className="name"><Link to={`/buses/${seg(bus)}/rules/${seg(t.rule)}`}>{t.rule}</Link> → {t.target}
                      {' '}<span className="hint">({t.type})</span></td>
                    <td><span className={`health health-${t.health.toLowerCase()}`}>{VERDICTS[t.health]}</span>
                      {t.circuitOpenUntil && <div className="hint">circuit open, next try
                        {' '}{new Date(t.circuitOpenUntil).toLocaleTimeString()}</div>}</td>
                    <td>{t.delivered}</td>
                    <td>{t.failedAttempts}</td>
                    <td>{t.deadLettered}</td>
                    <td>{t.pending}</td>
                    <td>{t.successRate === undefined ? '—' : `${Math.round(t.successRate * 1000) / 10} %`}</td>
                    <td>{t.latencyP50Millis === undefined ? '—' : t.latencyBucketed
                      ? `< ${t.latencyP50Millis} / < ${t.latencyP99Millis} ms` : `${t.latencyP50Millis} / ${t.latencyP99Millis} ms`}</td>
                    <td>{t.lastError ? <span title={t.lastErrorAt ? new Date(t.lastErrorAt).toLocaleString() : ''}>
                      {t.lastError}</span> : '—'}
                      {(t.failedAttempts > 0 || t.deadLettered > 0) && <div><Link to={`/events?${new URLSearchParams({
                        bus, delivery: 'failed', rule: t.rule, target: t.target }).toString()}`}>Failed events</Link></div>}</td>
                  </tr>
                ))}
              </tbody>
            </table>
          </div>
          {failing > 0 && (
            <p className="hint">Fixed a receiver? <Link to={`/buses/${seg(bus)}#retry`}>Retry its failed
              deliveries from the bus page</Link>.</p>
          )}
        </>
      )}
    </section>
  )
}
