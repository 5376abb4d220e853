import { useCallback, useEffect, useRef, useState } from 'react'
import { Link } from 'react-router'
import { api, seg, type Bus, type EventPage, type EventSummary } from '../api'
import { arrived, eventKey, mergeNewest, TAIL_MILLIS } from '../components/liveTail.ts'
import { toLocalInput } from '../components/localTime.ts'
import ProblemMessage from '../components/ProblemMessage.tsx'
import { useCursorPages } from '../components/useCursorPages.ts'
import { usePolling } from '../components/usePolling.ts'
import RelativeTime from '../components/RelativeTime.tsx'

/**
 * The filters kept in the address: ?id=, ?bus=&source=&detailType= (source and detail-type: case-insensitive
 * prefixes), ?field=&value= (a field of the event equal to a value), ?from=&to= (ISO instants), ?replay= for the
 * copies one replay stored, and ?delivery=&rule=&target= for events with such a delivery.
 */
const FILTERS = ['id', 'bus', 'source', 'detailType', 'field', 'value', 'from', 'to', 'replay', 'delivery', 'rule',
  'target']
/** The delivery filter's choices: events with at least one delivery that ... */
const DELIVERY_CHOICES: [string, string][] = [['', 'any'], ['failed', 'failed (retrying or dead-lettered)'],
  ['dead-lettered', 'dead-lettered'], ['pending', 'pending'], ['delivered', 'delivered']]

/**
 * The event explorer: recent events, newest first, filtered (see FILTERS), a page at a time. While it follows new
 * events (the default; Pause stops it), it asks again for the first page every TAIL_MILLIS and puts what arrived on
 * top, marked as new, with the delivery counts of the rows it shows brought up to date.
 */
export default function Events() {
  const { params, items: events, setItems: setEvents, next, setNext, error, query, more, filter } =
    useCursorPages<EventPage, EventSummary>('/v1/events', FILTERS, (page) => page.events)
  const [buses, setBuses] = useState<Bus[]>([])
  const [live, setLive] = useState(true)
  const [fresh, setFresh] = useState<Set<string>>(new Set())
  const shown = useRef<EventSummary[] | null>(null)
  shown.current = events

  useEffect(() => {
    api<{ buses: Bus[] }>('GET', '/v1/buses').then((r) => setBuses(r.buses), () => undefined)
  }, [])

  useEffect(() => setFresh(new Set()), [params])

  const tail = useCallback(async () => {
    const before = shown.current
    if (before === null) return // the first page is still on its way
    const page = await api<EventPage>('GET', query())
    if (shown.current !== before) return // the list changed meanwhile (another page, new filters): look next time
    const merged = mergeNewest(before, page.events, page.next !== undefined)
    if (merged.restart) setNext(page.next)
    setFresh(arrived(before, merged.events))
    setEvents(merged.events)
  }, [query])
  usePolling(tail, TAIL_MILLIS, live && events !== null)

  // the bus of the address is an option before the list arrives, so the form keeps it
  const shownBus = params.get('bus')
  const busNames = buses.map((b) => b.name)
  if (shownBus && !busNames.includes(shownBus)) busNames.unshift(shownBus)

  return (
    <section>
      <h1>Events</h1>
      <p className="hint">Every event put on a bus, newest first, with where its deliveries stand.</p>
      <form key={params.toString()} className="inline-form" onSubmit={filter} aria-label="Filter events">
        <label>Event id <input name="id" defaultValue={params.get('id') ?? ''} size={38}
                               placeholder="0193…" /></label>
        <label>Bus
          <select name="bus" defaultValue={params.get('bus') ?? ''}>
            <option value="">all buses</option>
            {busNames.map((name) => <option key={name} value={name}>{name}</option>)}
          </select>
        </label>
        <label>Source <input name="source" defaultValue={params.get('source') ?? ''} placeholder="shop.orders"
                             aria-describedby="prefix-note" /></label>
        <label>Detail-type <input name="detailType" defaultValue={params.get('detailType') ?? ''}
                                  placeholder="Order Placed" aria-describedby="prefix-note" /></label>
        <label>Field <input name="field" defaultValue={params.get('field') ?? ''} placeholder="detail.orderId" /></label>
        <label>equals <input name="value" defaultValue={params.get('value') ?? ''} placeholder="42" /></label>
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
        <p id="prefix-note" className="hint form-note">Source and detail-type find the values that start with
          what you type, in any case. A field is a dotted path of the event (detail.customer.id), equal to the value
          as text.</p>
        <p id="time-zone" className="hint form-note">From and to are times of ingestion in your time zone
          ({Intl.DateTimeFormat().resolvedOptions().timeZone}); from is included, to is not.</p>
      </form>
      <p className="live-tail">
        <button type="button" aria-pressed={live} onClick={() => setLive(!live)}>
          {live ? 'Pause' : 'Follow new events'}</button>
        <span role="status" className="hint">{live ? 'New events appear as they arrive.'
          : 'Paused: new events are not added.'}</span>
      </p>
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
                <tr key={eventKey(e)} className={fresh.has(eventKey(e)) ? 'arrived' : undefined}>
                  <td><Link to={`/events/${seg(e.id)}?at=${encodeURIComponent(e.ingestedAt)}`}>
                    <RelativeTime at={e.ingestedAt} /></Link>
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
