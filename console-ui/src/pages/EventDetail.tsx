import { useCallback, useEffect, useState } from 'react'
import { Link, useParams } from 'react-router'
import { api, seg, type EventDetail as Detail } from '../api'
import ProblemMessage from '../components/ProblemMessage.tsx'

/** States a delivery leaves by itself soon: the page looks again while one is in them. */
const UNDER_WAY = new Set(['AVAILABLE', 'RUNNING'])
/** How often and how many times the page looks again by itself (about a minute in all). */
export const REFRESH_MILLIS = 2000
const MAX_REFRESHES = 30

/**
 * One event: its envelope, the rules it matched, and each delivery with its attempts. While a delivery is under
 * way the page looks again every {@link REFRESH_MILLIS} ms (for about a minute), so an event just sent is seen
 * delivered without reloading; Refresh looks again at any time.
 */
export default function EventDetail() {
  const { id = '' } = useParams()
  const [event, setEvent] = useState<Detail | null>(null)
  const [error, setError] = useState<unknown>(null)
  const [refreshes, setRefreshes] = useState(0)
  const [loading, setLoading] = useState(false)

  const load = useCallback(() => {
    setLoading(true)
    api<Detail>('GET', `/v1/events/${seg(id)}`).then((e) => {
      setEvent(e)
      setError(null)
    }, setError).finally(() => setLoading(false))
  }, [id])

  useEffect(() => {
    setEvent(null)
    setRefreshes(0)
    load()
  }, [load])

  const underWay = event?.id === id && event.deliveries.some((d) => UNDER_WAY.has(d.state))
  useEffect(() => {
    if (!underWay || refreshes >= MAX_REFRESHES) return
    const timer = setTimeout(() => {
      setRefreshes((n) => n + 1)
      load()
    }, REFRESH_MILLIS)
    return () => clearTimeout(timer)
  }, [underWay, refreshes, load])

  if (error && !event) {
    return <section><h1>Event</h1><ProblemMessage error={error} /><Link to="/events">All events</Link></section>
  }
  if (!event) {
    return <p role="status" className="loading">Loading the event…</p>
  }
  return (
    <section>
      <p><Link to="/events">All events</Link></p>
      <div className="title-row">
        <h1>Event <code>{event.id}</code></h1>
        <button type="button" onClick={load} disabled={loading}>{loading ? 'Refreshing…' : 'Refresh'}</button>
      </div>
      <p className="hint">On bus <Link to={`/buses/${seg(event.bus)}`}>{event.bus}</Link>, accepted
        {' '}{new Date(event.ingestedAt).toLocaleString()}.
        {' '}{event.matchedRules.length === 0 ? 'It matched no rule.' : `Matched: ${event.matchedRules.join(', ')}.`}</p>
      {event.schemaProblem && (
        <div className="warning" role="note" aria-label="Schema warning">
          <strong>Taken although its schema refuses it:</strong> {event.schemaProblem}
          <span className="code">SchemaValidation WARN</span>
        </div>
      )}
      <ProblemMessage error={error} />
      <h2>Deliveries</h2>
      <p role="status" className="hint">{underWay && refreshes < MAX_REFRESHES
        ? 'Deliveries are under way: this page looks again every few seconds.' : ''}</p>
      {event.deliveries.length === 0 && <p className="empty">No deliveries: no rule of the bus matched this event.</p>}
      {event.deliveries.map((d) => (
        <article key={d.id} className="delivery" aria-label={`Delivery to ${d.rule}/${d.target}`}>
          <h3>{d.rule} → {d.target} <span className={`state state-${d.state.toLowerCase()}`}>{d.state}</span></h3>
          {d.lastError && <p className="hint">Last error: {d.lastError}</p>}
          {d.attemptLog.length === 0
            ? <p className="hint">No attempt yet{d.nextAttemptAt ? `; due ${new Date(d.nextAttemptAt).toLocaleString()}` : ''}.</p>
            : (
              <ol className="attempts">
                {d.attemptLog.map((a) => (
                  <li key={a.attempt}>
                    <strong>#{a.attempt}</strong> {new Date(a.at).toLocaleTimeString()}
                    {' — '}{a.status ? `HTTP ${a.status}` : 'no answer'}, {a.latencyMillis} ms
                    {a.error && <span className="error"> — {a.error}</span>}
                    {a.response && <pre className="response">{a.response}</pre>}
                  </li>
                ))}
              </ol>
            )}
        </article>
      ))}
      <h2>Event</h2>
      <pre className="json">{JSON.stringify(event.event, null, 2)}</pre>
    </section>
  )
}
