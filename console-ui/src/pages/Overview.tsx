import { useEffect, useState } from 'react'
import { Link } from 'react-router'
import { api, seg, type Bus, type Queue, type Stats } from '../api'
import BarChart from '../components/BarChart.tsx'
import ProblemMessage from '../components/ProblemMessage.tsx'

/** The overview: events in, delivered, dead-lettered and failed attempts over the last 24 h, per bus; queue depths. */
export default function Overview() {
  const [bus, setBus] = useState('')
  const [buses, setBuses] = useState<Bus[]>([])
  const [stats, setStats] = useState<Stats | null>(null)
  const [queues, setQueues] = useState<Queue[] | null>(null)
  const [error, setError] = useState<unknown>(null)

  useEffect(() => {
    api<{ buses: Bus[] }>('GET', '/v1/buses').then((r) => setBuses(r.buses), () => undefined)
    api<{ queues: Queue[] }>('GET', '/v1/queues').then((r) => setQueues(r.queues), setError)
  }, [])

  useEffect(() => {
    setStats(null)
    let current = true // an answer for a bus chosen before this one may come after: it is dropped
    api<Stats>('GET', `/v1/stats?bucketSeconds=3600${bus ? `&bus=${seg(bus)}` : ''}`)
      .then((s) => current && setStats(s), (e) => current && setError(e))
    return () => {
      current = false
    }
  }, [bus])

  return (
    <section>
      <h1>Overview</h1>
      <p className="hint">The last 24 hours, an hour per bar.</p>
      <label className="inline-label">Bus
        <select value={bus} onChange={(e) => setBus(e.target.value)}>
          <option value="">all buses</option>
          {buses.map((b) => <option key={b.name} value={b.name}>{b.name}</option>)}
        </select>
      </label>
      <ProblemMessage error={error} />
      {stats === null && !error && <p role="status" className="loading">Loading counts…</p>}
      {stats !== null && (
        <div className="charts">
          <BarChart title="Events in" buckets={stats.buckets} value={(b) => b.eventsIn} tone="neutral" />
          <BarChart title="Delivered" buckets={stats.buckets} value={(b) => b.delivered} tone="good" />
          <BarChart title="Failed attempts" buckets={stats.buckets} value={(b) => b.failedAttempts} tone="bad" />
          <BarChart title="Dead-lettered" buckets={stats.buckets} value={(b) => b.deadLettered} tone="bad" />
        </div>
      )}
      <h2>Queues</h2>
      {queues !== null && queues.length === 0 && (
        <p className="empty">No queues. Create a dead-letter queue on the <Link to="/queues">Queues</Link> page.</p>
      )}
      {queues !== null && queues.length > 0 && (
        <div className="table-scroll">
          <table aria-label="Queue depths">
            <thead><tr><th>Queue</th><th className="num">Visible</th><th className="num">In flight</th></tr></thead>
            <tbody>
              {queues.map((q) => (
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
