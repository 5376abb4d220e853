import { useCallback, useEffect, useState, type FormEvent } from 'react'
import { Link, useSearchParams } from 'react-router'
import { api, seg, type Bus, type EventPage, type EventSummary } from '../api'
import { toInstant, toLocalInput } from '../components/localTime.ts'
import ProblemMessage from '../components/ProblemMessage.tsx'

/**
 * The filters kept in the address: ?bus=&source=&detailType=&from=&to= (from and to as ISO instants), ?replay= for
 * the copies one replay stored, and ?delivery=&rule=&target= for events with such a delivery.
 */
const FILTERS = ['bus', 'source', 'detailType', 'from', 'to', 'replay', 'delivery', 'rule', 'target']
/** The delivery filter's choices: events with at least one delivery that ... */
const DELIVERY_CHOICES: [string, string][] = [['', 'any'], ['failed', 'failed (retrying or dead-lettered)'],
  ['dead-lettered', 'dead-lettered'], ['pending', 'pending'], ['delivered', 'delivered']]

/**
 * The event explorer: recent events, newest first, filtered by bus, source, detail-type and time of ingestion
 * (from inclusive, to exclusive), a page at a time.
 */
export default function Events() {
  const [params, setParams] = useSearchParams()
  const [buses, setBuses] = useState<Bus[]>([])
  const [events, setEvents] = useState<EventSummary[] | null>(null)
  const [next, setNext] = useState<string | undefined>()
  const [error, setError] = useState<unknown>(null)

  const query = useCallback((before?: string) => {
    const q = new URLSearchParams()
    for (const name of FILTERS) {
      const value = params.get(name)
      if (value) q.set(name, value)
    }
    if (before) q.set('before', before)
    return `/v1/events?${q.toString()}`
  }, [params])

  useEffect(() => {
    api<{ buses: Bus[] }>('GET', '/v1/buses').then((r) => setBuses(r.buses), () => undefined)
  }, [])

  useEffect(() => {
    setEvents(null)
    let current = true // an answer for filters changed since may come after: it is dropped
    api<EventPage>('GET', query()).then((page) => {
      if (!current) return
      setEvents(page.events)
      setNext(page.next)
      setError(null)
    }, (e) => current && setError(e))
    return () => {
      current = false
    }
  }, [query])

  async function more() {
    if (!next) return
    try {
      const page = await api<EventPage>('GET', query(next))
      setEvents((shown) => [...(shown ?? []), ...page.events])
      setNext(page.next)
    } catch (e) {
      setError(e)
    }
  }

  function filter(e: FormEvent<HTMLFormElement>) {
    e.preventDefault()
    const form = new FormData(e.currentTarget)
    const q = new URLSearchParams()
    for (const [name, value] of form.entries()) {
      if (typeof value !== 'string' || !value.trim()) continue
      q.set(name, name === 'from' || name === 'to' ? toInstant(value) : value.trim())
    }
    setParams(q)
  }

  // the bus of the address is an option before the list arrives, so the form keeps it
  const shownBus = params.get('bus')
  const busNames = buses.map((b) => b.name)
  if (shownBus && !busNames.includes(shownBus)) busNames.unshift(shownBus)

  return (
    <section>
      <h1>Events</h1>
      <p className="hint">Every event put on a bus, newest first, with where its deliveries stand.</p>
      <form key={params.toString()} className="inline-form" onSubmit={filter} aria-label="Filter events">
        <label>Bus
          <select name="bus" defaultValue={params.get('bus') ?? ''}>
            <option value="">all buses</option>
            {busNames.map((name) => <option key={name} value={name}>{name}</option>)}
          </select>
        </label>
        <label>Source <input name="source" defaultValue={params.get('source') ?? ''} placeholder="shop.orders" /></label>
        <label>Detail-type <input name="detailType" defaultValue={params.get('detailType') ?? ''}
                                  placeholder="Order Placed" /></label>
        <label>Replay <input name="replay" defaultValue={params.get('replay') ?? ''} placeholder="replay name" /></label>
        <label>Delivery
          <select name="delivery" defaultValue={params.get('delivery') ?? ''}>
            {DELIVERY_CHOICES.map(([value, label]) => <option key={value} value={value}>{label}</option>)}
          </select>
        </label>
        <label>Rule <input name="rule" defaultValue={params.get('rule') ?? ''} placeholder="rule name" /></label>
        <label>Target <input name="target" defaultValue={params.get('target') ?? ''} placeholder="target id" /></label>
        <label>From <input name="from" type="datetime-local" defaultValue={toLocalInput(params.get('from'))}
                           aria-describedby="time-zone" /></label>
        <label>To <input name="to" type="datetime-local" defaultValue={toLocalInput(params.get('to'))}
                         aria-describedby="time-zone" /></label>
        <button type="submit" className="primary">Filter</button>
        {FILTERS.some((f) => params.has(f)) && <Link to="/events">Clear filters</Link>}
        <p id="time-zone" className="hint form-note">From and to are times of ingestion in your time zone
          ({Intl.DateTimeFormat().resolvedOptions().timeZone}); from is included, to is not.</p>
      </form>
      {params.get('replay') && (
        <p className="hint">The copies of events that replay <Link
          to={`/replays/${seg(params.get('replay')!)}`}>{params.get('replay')}</Link> stored.</p>
      )}
      <ProblemMessage error={error} />
      {events === null && !error && <p role="status" className="loading">Loading events…</p>}
      {events !== null && events.length === 0 && (FILTERS.some((f) => params.has(f))
        ? <p className="empty">No events match these filters.
          {params.get('bus') && <> <Link to={`/buses/${seg(params.get('bus')!)}/send-event`}>Send one
            to {params.get('bus')}</Link>.</>}</p>
        : <p className="empty">No events yet. Send one from a bus' page (Send event), or put one with an API
          key: <code>POST /v1/buses/&#123;bus&#125;/events</code>.</p>)}
      {events !== null && events.length > 0 && (
        <div className="table-scroll">
          <table aria-label="Events">
            <thead>
              <tr><th>Ingested</th><th>Bus</th><th>Source</th><th>Detail-type</th><th>Deliveries</th></tr>
            </thead>
            <tbody>
              {events.map((e) => (
                <tr key={`${e.id}/${e.ingestedAt}`}>
                  <td><Link to={`/events/${seg(e.id)}?at=${encodeURIComponent(e.ingestedAt)}`}>
                    {new Date(e.ingestedAt).toLocaleString()}</Link>
                    {e.replayName && <span className="badge replay-copy" title={`Stored again by replay ${e.replayName}`}>
                      replay</span>}</td>
                  <td>{e.bus}</td>
                  <td>{e.source}</td>
                  <td>{e.detailType}</td>
                  <td>{deliverySummary(e.deliveries)}</td>
                </tr>
              ))}
            </tbody>
          </table>
        </div>
      )}
      {next && <p><button type="button" onClick={() => void more()}>Show older events</button></p>}
    </section>
  )
}

export function deliverySummary(counts: Record<string, number>): string {
  const parts = Object.entries(counts).map(([state, n]) => `${n} ${state.toLowerCase().replace('_', ' ')}`)
  return parts.length === 0 ? 'matched no rule' : parts.join(', ')
}

export { toInstant, toLocalInput } from '../components/localTime.ts'
