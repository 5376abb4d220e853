import { useEffect, useState, type FormEvent, type KeyboardEvent } from 'react'
import { Link, useParams } from 'react-router'
import { api, ApiError, JsonText, request, seg, type PutEventsResponse, type RecentEvent } from '../api'
import { EXAMPLE_EVENT } from '../components/exampleEvent.ts'
import { formatJson } from '../components/formatJson.ts'
import ProblemMessage from '../components/ProblemMessage.tsx'

/** The fields of the form; a problem the server places at one of them is shown there. */
type Field = 'source' | 'detailType' | 'detail' | 'resources'
const FIELDS: Field[] = ['source', 'detailType', 'detail', 'resources']

interface Start {
  bus: string
  latest: RecentEvent | null
}

/**
 * Send an event to a bus, as a producer would: POST /v1/buses/{bus}/events, with the console's session instead of
 * an API key. Starts from the bus' latest event (or an example order); answers with the new event's id and a link
 * to it in the event explorer, where its deliveries are. Route /buses/:bus/send-event.
 */
export default function SendEvent() {
  const { bus = '' } = useParams()
  const [start, setStart] = useState<Start | null>(null)
  const [loadError, setLoadError] = useState<unknown>(null)

  useEffect(() => {
    setStart(null)
    setLoadError(null)
    api<{ events: RecentEvent[] }>('GET', `/v1/buses/${seg(bus)}/events?limit=1`)
      .then((r) => setStart({ bus, latest: r.events[0] ?? null }), setLoadError)
  }, [bus])

  return (
    <section>
      <nav className="crumbs" aria-label="Breadcrumb">
        <Link to="/buses">Buses</Link> › <Link to={`/buses/${seg(bus)}`}>{bus}</Link> › send an event
      </nav>
      <h1>Send an event to {bus}</h1>
      <p className="hint">The event goes through the bus' rules like one from a producer, and its deliveries start at
        once. Producers send events with an API key: <code>POST /v1/buses/{bus}/events</code>.</p>
      <ProblemMessage error={loadError} />
      {start?.bus !== bus && !loadError && <p role="status" className="loading">Loading…</p>}
      {start?.bus === bus && <SendEventForm key={bus} bus={bus} latest={start.latest} />}
    </section>
  )
}

export function SendEventForm({ bus, latest }: { bus: string, latest: RecentEvent | null }) {
  const envelope = (latest?.event ?? EXAMPLE_EVENT) as { detail?: unknown }
  const [source, setSource] = useState(latest?.source ?? EXAMPLE_EVENT.source)
  const [detailType, setDetailType] = useState(latest?.detailType ?? EXAMPLE_EVENT['detail-type'])
  const [detail, setDetail] = useState(() => formatJson(envelope.detail ?? {}, 60))
  // resources name what one event is about (order/o-1001): a new event starts without the latest one's
  const [resources, setResources] = useState('')
  const [sending, setSending] = useState(false)
  const [error, setError] = useState<unknown>(null)
  const [sent, setSent] = useState<{ id: string, at: Date } | null>(null)

  const detailProblem = checkDetail(detail)
  const at = fieldOf(error)
  const problemAt = (field: Field) => (at === field ? error : null)

  /** Editing the field a problem is about puts the problem away. */
  function edit(field: Field, set: (value: string) => void) {
    return (value: string) => {
      set(value)
      if (at === field) setError(null)
    }
  }

  async function send(e: FormEvent) {
    e.preventDefault()
    setSent(null)
    if (detailProblem) {
      setError(new ApiError(0, 'InvalidJson', detailProblem, 'detail'))
      document.getElementById('event-detail')?.focus()
      return
    }
    setSending(true)
    setError(null)
    try {
      const answer = await request<PutEventsResponse>('POST', `/v1/buses/${seg(bus)}/events`,
        new JsonText(body(source, detailType, detail, resources)))
      const result = answer.body.entries[0]
      if (!result?.eventId) {
        throw new ApiError(200, result?.errorCode ?? 'Refused', result?.errorMessage ?? 'The event was refused',
          result?.errorLocation)
      }
      setSent({ id: result.eventId, at: new Date() })
    } catch (problem) {
      setError(problem instanceof ApiError && problem.status === 405 ? NO_DATA_PLANE : problem)
    } finally {
      setSending(false)
    }
  }

  function sendOnCtrlEnter(e: KeyboardEvent<HTMLFormElement>) {
    if (e.key === 'Enter' && (e.ctrlKey || e.metaKey)) {
      e.preventDefault()
      e.currentTarget.requestSubmit()
    }
  }

  return (
    <form className="send-event" onSubmit={(e) => void send(e)} onKeyDown={sendOnCtrlEnter} aria-label="Send an event"
          noValidate>
      <p className="hint">{latest
        ? `Filled in from the latest event on ${bus} (${new Date(latest.ingestedAt).toLocaleString()}). Change what you like.`
        : `Filled in with an example order: ${bus} has no events yet. Change what you like.`}</p>
      <div className="field-row">
        <label>Source
          <input value={source} onChange={(e) => edit('source', setSource)(e.target.value)} placeholder="shop.orders" autoFocus
                 aria-invalid={at === 'source' ? true : undefined} />
        </label>
        <label className="grow">Detail-type
          <input value={detailType} onChange={(e) => edit('detailType', setDetailType)(e.target.value)}
                 placeholder="Order Placed"
                 aria-invalid={at === 'detailType' ? true : undefined} />
        </label>
      </div>
      <ProblemMessage error={problemAt('source') ?? problemAt('detailType')} />

      <label htmlFor="event-detail" className="inline-label"><strong>Detail</strong> (a JSON object)</label>
      <textarea id="event-detail" className="code" rows={10} value={detail} spellCheck={false}
                aria-invalid={at === 'detail' || detailProblem ? true : undefined} aria-describedby="event-detail-check"
                onChange={(e) => edit('detail', setDetail)(e.target.value)} />
      <div id="event-detail-check" className="check-line">
        {at === 'detail' ? <ProblemMessage error={error} />
          : detailProblem ? <span className="hint">{detailProblem}</span>
            : <span className="ok">Valid JSON.</span>}
      </div>

      <label>Resources (optional, one per line)
        <textarea className="code" rows={2} value={resources} spellCheck={false} placeholder="order/o-1001"
                  aria-invalid={at === 'resources' ? true : undefined}
                  onChange={(e) => edit('resources', setResources)(e.target.value)} />
      </label>
      <ProblemMessage error={problemAt('resources')} />

      <ProblemMessage error={error && at === null ? error : null} />
      <div className="save-bar">
        <button type="submit" className="primary" disabled={sending}>{sending ? 'Sending…' : 'Send event'}</button>
        <span className="hint">Ctrl+Enter sends.</span>
        <Link to={`/buses/${seg(bus)}`}>Back to the rules of {bus}</Link>
        <span role="status" className={error ? 'not-saved' : 'saved'}>
          {error ? `Not sent: see the problem ${at ? `at ${label(at)}` : 'above'}.`
            : sent && <>Sent {sent.at.toLocaleTimeString()}: event <code>{sent.id}</code>.{' '}
              <Link to={`/events/${sent.id}`}>See it and its deliveries</Link></>}
        </span>
      </div>
    </form>
  )
}

/**
 * What a 405 to the put means: this server runs the control plane only (EVENTBUS_ROLES=control, as on Kubernetes), and
 * the data plane that takes events is another process.
 */
export const NO_DATA_PLANE = new ApiError(405, 'NoDataPlane', 'This server runs only the control plane, so it takes no'
  + ' events: the data plane is a separate process here. Put events there with an API key (POST'
  + ' /v1/buses/{bus}/events on the data plane\'s address).')

/** What is wrong with the detail as typed, or null: the body needs a JSON object there. */
export function checkDetail(text: string): string | null {
  if (!text.trim()) return 'Detail is empty: write a JSON object, e.g. {"total": 120}'
  let value: unknown
  try {
    value = JSON.parse(text)
  } catch (e) {
    return `Not JSON: ${(e as Error).message}`
  }
  return value !== null && typeof value === 'object' && !Array.isArray(value) ? null
    : 'Detail must be a JSON object, e.g. {"total": 120}'
}

/**
 * The request as text: the detail goes in as typed (number spellings kept), the rest as JSON strings. Blank lines of
 * resources are left out, and so are resources when there are none.
 */
function body(source: string, detailType: string, detail: string, resources: string): string {
  const list = resources.split('\n').map((r) => r.trim()).filter((r) => r !== '')
  return `{"entries": [{"source": ${JSON.stringify(source.trim())}, "detailType": ${JSON.stringify(detailType.trim())},`
    + ` "detail": ${detail.trim()}${list.length > 0 ? `, "resources": ${JSON.stringify(list)}` : ''}}]}`
}

/**
 * Which field a problem is about: the entry's errorLocation (detail, resources[1]) or a problem's location in the
 * request (entries[0].detail...). Unreadable JSON can only come from the detail, the one part typed as JSON.
 */
function fieldOf(error: unknown): Field | null {
  if (!(error instanceof ApiError)) return null
  if (error.code === 'InvalidJson') return 'detail'
  const where = (error.location ?? '').replace(/^entries\[0\]\.?/, '')
  return FIELDS.find((f) => where === f || where.startsWith(f + '.') || where.startsWith(f + '[')) ?? null
}

function label(field: Field): string {
  return field === 'detailType' ? 'the detail-type' : `the ${field}`
}
