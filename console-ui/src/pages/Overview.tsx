import { useEffect, useState } from 'react'
import { Link } from 'react-router'
import { api, seg, type Bus, type Queue, type Rule, type Stats, type TargetHealthPage } from '../api'
import BarChart from '../components/BarChart.tsx'
import ProblemMessage from '../components/ProblemMessage.tsx'
import { percent, successRate } from '../components/stats.ts'

/** The ranges the overview offers: how far back, in buckets of how long, and the target-health window to match. */
export const RANGES = {
  '1h': { label: 'Last hour', seconds: 3600, bucketSeconds: 60, window: '1h', per: 'a minute per bar' },
  '24h': { label: 'Last 24 hours', seconds: 86_400, bucketSeconds: 1800, window: '24h', per: 'half an hour per bar' },
  '7d': { label: 'Last 7 days', seconds: 604_800, bucketSeconds: 14_400, window: '7d', per: 'four hours per bar' },
} as const
type Range = keyof typeof RANGES

/** The queues a bus uses: its dead-letter queue, and its targets' queues and dead-letter queues. */
export function queuesOf(bus: Bus | undefined, rules: Rule[]): Set<string> {
  const names = new Set<string>()
  if (bus?.settings?.deadLetterQueue) names.add(bus.settings.deadLetterQueue)
  for (const rule of rules) {
    for (const t of rule.targets) {
      if (t.queue?.name) names.add(t.queue.name)
      if (t.deadLetterQueue) names.add(t.deadLetterQueue)
    }
  }
  return names
}

/**
 * The overview over a chosen range, of all buses or one: events in; delivered, failed attempts and dead-lettered on
 * one scale; the success rate; for one bus, each rule's targets; queue depths (of the bus' queues when one is chosen).
 */
export default function Overview() {
  const [bus, setBus] = useState('')
  const [range, setRange] = useState<Range>('24h')
  const [buses, setBuses] = useState<Bus[]>([])
  const [stats, setStats] = useState<Stats | null>(null)
  const [queues, setQueues] = useState<Queue[] | null>(null)
  const [rules, setRules] = useState<Rule[]>([])
  const [health, setHealth] = useState<TargetHealthPage | null>(null)
  const [error, setError] = useState<unknown>(null)
  const chosen = RANGES[range]

  useEffect(() => {
    api<{ buses: Bus[] }>('GET', '/v1/buses').then((r) => setBuses(r.buses), () => undefined)
    api<{ queues: Queue[] }>('GET', '/v1/queues').then((r) => setQueues(r.queues), setError)
  }, [])

  useEffect(() => {
    setStats(null)
    let current = true // an answer for a bus or range chosen before this one may come after: it is dropped
    const from = new Date(Date.now() - chosen.seconds * 1000).toISOString()
    api<Stats>('GET', `/v1/stats?bucketSeconds=${chosen.bucketSeconds}&from=${encodeURIComponent(from)}`
      + (bus ? `&bus=${seg(bus)}` : '')).then((s) => current && setStats(s), (e) => current && setError(e))
    return () => {
      current = false
    }
  }, [bus, chosen])

  useEffect(() => {
    setHealth(null)
    setRules([])
    if (!bus) return undefined
    let current = true
    api<TargetHealthPage>('GET', `/v1/buses/${seg(bus)}/target-health?window=${chosen.window}`)
      .then((h) => current && setHealth(h), () => undefined)
    api<{ rules: Rule[] }>('GET', `/v1/buses/${seg(bus)}/rules`).then((r) => current && setRules(r.rules), () => undefined)
    return () => {
      current = false
    }
  }, [bus, chosen])

  const deliveryTop = stats === null ? 1 : Math.max(1, ...stats.buckets.flatMap((b) =>
    [b.delivered, b.failedAttempts, b.deadLettered]))
  const rate = stats === null ? null : successRate(stats)
  const used = bus ? queuesOf(buses.find((b) => b.name === bus), rules) : null
  const shownQueues = queues === null ? null : used === null ? queues : queues.filter((q) => used.has(q.name))
  return (
    <section>
      <h1>Overview</h1>
      <div className="inline-form">
        <label className="inline-label">Bus
          <select value={bus} onChange={(e) => setBus(e.target.value)}>
            <option value="">all buses</option>
            {buses.map((b) => <option key={b.name} value={b.name}>{b.name}</option>)}
          </select>
        </label>
        <label className="inline-label">Range
          <select value={range} onChange={(e) => setRange(e.target.value as Range)}>
            {Object.entries(RANGES).map(([key, r]) => <option key={key} value={key}>{r.label}</option>)}
          </select>
        </label>
        <p className="hint form-note">{chosen.label}, {chosen.per}. Delivered, failed attempts and dead-lettered share
          one scale.</p>
      </div>
      <ProblemMessage error={error} />
      {stats === null && !error && <p role="status" className="loading">Loading counts…</p>}
      {stats !== null && (
        <>
          <p className="figure" aria-label="Success rate">Success rate: <strong>{percent(rate)}</strong>
            {' '}<span className="hint">of the attempts in
            the range, delivered</span>{bus && <> · <Link to={`/events?bus=${encodeURIComponent(bus)}`}>Events of
            {' '}{bus}</Link></>}</p>
          <div className="charts">
            <BarChart title="Events in" buckets={stats.buckets} value={(b) => b.eventsIn} tone="neutral"
                      bucketSeconds={stats.bucketSeconds} />
            <BarChart title="Delivered" buckets={stats.buckets} value={(b) => b.delivered} tone="good"
                      max={deliveryTop} bucketSeconds={stats.bucketSeconds} />
            <BarChart title="Failed attempts" buckets={stats.buckets} value={(b) => b.failedAttempts} tone="bad"
                      max={deliveryTop} bucketSeconds={stats.bucketSeconds} />
            <BarChart title="Dead-lettered" buckets={stats.buckets} value={(b) => b.deadLettered} tone="bad"
                      max={deliveryTop} bucketSeconds={stats.bucketSeconds} />
          </div>
        </>
      )}
      {bus && health && health.targets.length > 0 && (
        <>
          <h2>By rule and target</h2>
          <div className="table-scroll">
            <table aria-label="By rule and target">
              <thead>
                <tr><th>Rule → target</th><th className="num">Delivered</th><th className="num">Failed attempts</th>
                  <th className="num">Dead-lettered</th><th className="num">Success</th><th className="num">p99</th></tr>
              </thead>
              <tbody>
                {health.targets.map((t) => (
                  <tr key={`${t.rule}/${t.target}`}>
                    <td><Link to={`/buses/${seg(bus)}/rules/${seg(t.rule)}`}>{t.rule}</Link> → {t.target}</td>
                    <td className="num">{t.delivered}</td>
                    <td className="num">{t.failedAttempts}</td>
                    <td className="num">{t.deadLettered}</td>
                    <td className="num">{t.successRate === undefined ? '—' : `${(t.successRate * 100).toFixed(1)} %`}</td>
                    <td className="num">{t.latencyP99Millis === undefined ? '—'
                      : `${t.latencyBucketed ? '< ' : ''}${t.latencyP99Millis} ms`}</td>
                  </tr>
                ))}
              </tbody>
            </table>
          </div>
          <p><Link to={`/buses/${seg(bus)}/health`}>Target health of {bus}</Link></p>
        </>
      )}
      <h2>Queues{bus ? ` of ${bus}` : ''}</h2>
      {shownQueues !== null && shownQueues.length === 0 && (bus
        ? <p className="empty">Bus {bus} uses no queue: no queue target, no dead-letter queue.</p>
        : <p className="empty">No queues. Create a dead-letter queue on the <Link to="/queues">Queues</Link> page.</p>)}
      {shownQueues !== null && shownQueues.length > 0 && (
        <div className="table-scroll">
          <table aria-label="Queue depths">
            <thead><tr><th>Queue</th><th className="num">Visible</th><th className="num">In flight</th></tr></thead>
            <tbody>
              {shownQueues.map((q) => (
                <tr key={q.name}>
                  <td><Link to={`/queues/${seg(q.name)}`}>{q.name}</Link></td>
                  <td className="num">{q.depth.visible}</td>
                  <td className="num">{q.depth.inFlight}</td>
                </tr>
              ))}
            </tbody>
          </table>
        </div>
      )}
    </section>
  )
}
