import { useEffect, useState } from 'react'
import { Link, useParams } from 'react-router'
import { api, seg, type EventDetail as Detail } from '../api'
import ProblemMessage from '../components/ProblemMessage.tsx'

/** One event: its envelope, the rules it matched, and each delivery with its attempts. */
export default function EventDetail() {
  const { id = '' } = useParams()
  const [event, setEvent] = useState<Detail | null>(null)
  const [error, setError] = useState<unknown>(null)

  useEffect(() => {
    api<Detail>('GET', `/v1/events/${seg(id)}`).then(setEvent, setError)
  }, [id])

  if (error) {
    return <section><h1>Event</h1><ProblemMessage error={error} /><Link to="/events">All events</Link></section>
  }
  if (!event) {
    return <p role="status" className="loading">Loading the event…</p>
  }
  return (
    <section>
      <p><Link to="/events">All events</Link></p>
      <h1>Event <code>{event.id}</code></h1>
      <p className="hint">On bus <Link to={`/buses/${seg(event.bus)}`}>{event.bus}</Link>, accepted
        {' '}{new Date(event.ingestedAt).toLocaleString()}.
        {' '}{event.matchedRules.length === 0 ? 'It matched no rule.' : `Matched: ${event.matchedRules.join(', ')}.`}</p>
      <h2>Deliveries</h2>
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
