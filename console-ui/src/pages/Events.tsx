import { useCallback, useEffect, useState, type FormEvent } from 'react'
import { Link, useSearchParams } from 'react-router'
import { api, type Bus, type EventPage, type EventSummary } from '../api'
import ProblemMessage from '../components/ProblemMessage.tsx'

/** The event explorer: recent events, newest first, filtered by bus, source and detail-type, a page at a time. */
export default function Events() {
  const [params, setParams] = useSearchParams()
  const [buses, setBuses] = useState<Bus[]>([])
  const [events, setEvents] = useState<EventSummary[] | null>(null)
  const [next, setNext] = useState<string | undefined>()
  const [error, setError] = useState<unknown>(null)

  const query = useCallback((before?: string) => {
    const q = new URLSearchParams()
    for (const name of ['bus', 'source', 'detailType']) {
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
    api<EventPage>('GET', query()).then((page) => {
      setEvents(page.events)
      setNext(page.next)
      setError(null)
    }, setError)
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
      if (typeof value === 'string' && value.trim()) q.set(name, value.trim())
    }
    setParams(q)
  }

  return (
    <section>
      <h1>Events</h1>
      <p className="hint">Every event put on a bus, newest first, with where its deliveries stand.</p>
      <form className="inline-form" onSubmit={filter} aria-label="Filter events">
        <label>Bus
          <select name="bus" defaultValue={params.get('bus') ?? ''}>
            <option value="">all buses</option>
            {buses.map((b) => <option key={b.name} value={b.name}>{b.name}</option>)}
          </select>
        </label>
        <label>Source <input name="source" defaultValue={params.get('source') ?? ''} placeholder="shop.orders" /></label>
        <label>Detail-type <input name="detailType" defaultValue={params.get('detailType') ?? ''}
                                  placeholder="Order Placed" /></label>
        <button type="submit" className="primary">Filter</button>
      </form>
      <ProblemMessage error={error} />
      {events === null && !error && <p role="status" className="loading">Loading events…</p>}
      {events !== null && events.length === 0 && (
        <p className="empty">No events here yet. Put one with an API key: <code>POST /v1/buses/&#123;bus&#125;/events</code>.</p>
      )}
      {events !== null && events.length > 0 && (
        <table aria-label="Events">
          <thead>
            <tr><th>Ingested</th><th>Bus</th><th>Source</th><th>Detail-type</th><th>Deliveries</th></tr>
          </thead>
          <tbody>
            {events.map((e) => (
              <tr key={e.id}>
                <td><Link to={`/events/${e.id}`}>{new Date(e.ingestedAt).toLocaleString()}</Link></td>
                <td>{e.bus}</td>
                <td>{e.source}</td>
                <td>{e.detailType}</td>
                <td>{deliverySummary(e.deliveries)}</td>
              </tr>
            ))}
          </tbody>
        </table>
      )}
      {next && <p><button type="button" onClick={() => void more()}>Show older events</button></p>}
    </section>
  )
}

export function deliverySummary(counts: Record<string, number>): string {
  const parts = Object.entries(counts).map(([state, n]) => `${n} ${state.toLowerCase().replace('_', ' ')}`)
  return parts.length === 0 ? 'matched no rule' : parts.join(', ')
}
