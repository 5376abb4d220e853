import { useCallback, useEffect, useState } from 'react'
import { Link, useParams, useSearchParams } from 'react-router'
import { api, seg, type EventDetail as Detail, type RetriedDelivery, type TargetType } from '../api'
import ProblemMessage from '../components/ProblemMessage.tsx'
import CopyButton from '../components/CopyButton.tsx'
import { deliveryWait } from '../components/deliveryWait.ts'
import SentRequest from '../components/SentRequest.tsx'
import RelativeTime from '../components/RelativeTime.tsx'

/** States of a delivery that did not reach its target (yet): the page offers to replay from its event on. */
const NOT_DELIVERED = new Set(['RETRYABLE', 'DEAD_LETTERED'])
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
  /** Which copy of the event: the ingestion time of a replay's copy; none for the original. */
  const at = useSearchParams()[0].get('at')
  const [event, setEvent] = useState<Detail | null>(null)
  const [error, setError] = useState<unknown>(null)
  const [refreshes, setRefreshes] = useState(0)
  const [loading, setLoading] = useState(false)
  /** The delivery being retried, and what the last retry said. */
  const [retrying, setRetrying] = useState<string | null>(null)
  const [retried, setRetried] = useState<RetriedDelivery | null>(null)

  const load = useCallback(() => {
    setLoading(true)
    api<Detail>('GET', `/v1/events/${seg(id)}` + (at ? `?at=${encodeURIComponent(at)}` : '')).then((e) => {
      setEvent(e)
      setError(null)
    }, setError).finally(() => setLoading(false))
  }, [id, at])

  useEffect(() => {
    setEvent(null)
    setRefreshes(0)
    setRetried(null)
    load()
  }, [load])

  /** POST :retry, then look again (and keep looking while it is under way). */
  const retry = (deliveryId: string) => {
    setRetrying(deliveryId)
    api<RetriedDelivery>('POST', `/v1/deliveries/${seg(deliveryId)}:retry`).then((d) => {
      setRetried(d)
      setError(null)
      setRefreshes(0)
      load()
    }, setError).finally(() => setRetrying(null))
  }

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
        <CopyButton text={event.id} label="Copy the event id" />
        <button type="button" onClick={load} disabled={loading}>{loading ? 'Refreshing…' : 'Refresh'}</button>
      </div>
      <p className="hint">On bus <Link to={`/buses/${seg(event.bus)}`}>{event.bus}</Link>, accepted
        {' '}<RelativeTime at={event.ingestedAt} />.
        {' '}{event.matchedRules.length === 0 ? 'It matched no rule.' : <>Matched: {event.matchedRules.map((rule, i) => (
          <span key={rule}>{i > 0 && ', '}<Link to={`/buses/${seg(event.bus)}/rules/${seg(rule)}`}>{rule}</Link></span>
        ))}.</>}</p>
      {event.replayName && (
        <p className="hint" role="note" aria-label="Replay copy">
          <span className="badge replay-copy">replay</span> Replayed by <Link
          to={`/replays/${seg(event.replayName)}`}>{event.replayName}</Link>: a copy of <Link
          to={`/events/${seg(event.id)}`}>the original event</Link>.
        </p>
      )}
      {event.replays && event.replays.length > 0 && (
        <div role="region" aria-label="Replays of this event">
          <h2>Replayed</h2>
          <ul>
            {event.replays.map((r) => (
              <li key={r.ingestedAt}>
                <Link to={`/events/${seg(event.id)}?at=${encodeURIComponent(r.ingestedAt)}`}>
                  {r.replayName}, {new Date(r.ingestedAt).toLocaleString()}</Link>
              </li>
            ))}
          </ul>
        </div>
      )}
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
          <p className={`wait wait-${d.state.toLowerCase()}`} aria-label="Where it stands">{deliveryWait(d)}</p>
          {d.lastError && <p className="hint">Last error: {d.lastError}</p>}
          {retried?.id === d.id && UNDER_WAY.has(d.state) && (
            <p role="status" className="hint">Retry requested: attempt {retried.attempts + 1} is due now
              (it was {retried.previousState}).</p>
          )}
          {NOT_DELIVERED.has(d.state) && (
            <p><button type="button" onClick={() => retry(d.id)} disabled={retrying !== null}
              aria-label={`Retry delivery to ${d.rule}/${d.target} now`}>
              {retrying === d.id ? 'Retrying…' : 'Retry now'}</button>
              <span className="hint"> — attempt it again now, as the same delivery (same webhook-id)</span></p>
          )}
          {NOT_DELIVERED.has(d.state) && (
            <p><Link to={replayFromHere(event, d.rule)}>Replay from here</Link>
              <span className="hint"> — put this event and those after it through {d.rule} again, from an
                archive of {event.bus}</span></p>
          )}
          {d.attemptLog.length === 0
            ? <p className="hint">No attempt yet{d.nextAttemptAt ? `; due ${new Date(d.nextAttemptAt).toLocaleString()}` : ''}.</p>
            : (
              <ol className="attempts">
                {d.attemptLog.map((a) => (
                  <li key={a.attempt}>
                    <strong>#{a.attempt}</strong> {new Date(a.at).toLocaleTimeString()}
                    {' — '}{attemptResult(a, d.targetType)}, {a.latencyMillis} ms
                    {a.error && <span className="error"> — {a.error}</span>}
                    {a.response && <pre className="response">{a.response}</pre>}
                  </li>
                ))}
              </ol>
            )}
          <SentRequest deliveryId={d.id} />
        </article>
      ))}
      <h2>Event</h2>
      <pre className="json">{JSON.stringify(event.event, null, 2)}</pre>
    </section>
  )
}

/** What a target without HTTP statuses did with an attempt that went through. */
const TAKEN: Partial<Record<TargetType, string>> = {
  queue: 'put on the queue', bus: 'put on the bus', rabbitmq: 'confirmed by RabbitMQ', kafka: 'acknowledged by Kafka',
  nats: 'acknowledged by JetStream',
}

/**
 * What an attempt got: an HTTP status; none, with an error: the error's code (a timeout, a refused connection, a
 * missing exchange); none and no error: the target took it, as its kind says.
 */
export function attemptResult(a: { status?: number | null, error?: string | null }, type?: TargetType): string {
  if (a.status) return `HTTP ${a.status}`
  if (a.error) return a.error.split(':')[0]
  return (type && TAKEN[type]) ?? 'taken'
}

/**
 * The start-replay form for the rule of a delivery that did not get through, its window from this event's time
 * (the accepted time when the envelope has none) to now.
 */
export function replayFromHere(event: Detail, rule: string): string {
  const envelope = event.event as { time?: unknown } | null
  const time = typeof envelope?.time === 'string' ? envelope.time : event.ingestedAt
  return `/replays/new?${new URLSearchParams({ bus: event.bus, rules: rule, from: time }).toString()}`
}
