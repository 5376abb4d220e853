import { useCallback, useEffect, useState, type FormEvent } from 'react'
import { Link, useParams, useSearchParams } from 'react-router'
import { api, request, seg, type BulkRedriven, type PeekedMessage, type PeekPage, type Queue } from '../api'
import ConfirmDialog from '../components/ConfirmDialog.tsx'
import { prettyText } from '../components/formatJson.ts'
import ProblemMessage from '../components/ProblemMessage.tsx'
import QueueSettingsForm from '../components/QueueSettingsForm.tsx'
import RelativeTime from '../components/RelativeTime.tsx'

const PEEK = 50
/** The filters kept in the address: a dead letter's rule (bus/rule or its name), target and error code. */
const FILTERS = ['rule', 'target', 'errorCode']

/** What a bulk redrive did, in words. */
export function redriveNote(r: BulkRedriven): string {
  const left = Object.entries(r.skipped).map(([why, n]) => `${n} ${why}`)
  return `Redriven ${r.redriven} dead ${r.redriven === 1 ? 'letter' : 'letters'} at ${r.ratePerSecond}/s.`
    + (left.length > 0 ? ` Left in the queue: ${left.join(', ')}.` : '')
}

/**
 * One queue: its depth and messages, oldest first, a page at a time, filtered by a dead letter's rule, target and
 * error code (peeked: nothing changes); a dead letter links to its event and can be redriven, every dead letter the
 * filter matches at once at a rate; a message can be deleted; the whole queue purged.
 */
export default function QueueMessages() {
  const { queue = '' } = useParams()
  const [params, setParams] = useSearchParams()
  const [info, setInfo] = useState<Queue | null>(null)
  const [etag, setEtag] = useState<string | null>(null)
  const [page, setPage] = useState<PeekPage | null>(null)
  const [loadError, setLoadError] = useState<unknown>(null)
  const [purging, setPurging] = useState(false)
  const [redrivingAll, setRedrivingAll] = useState(false)
  const [rate, setRate] = useState('20')
  const [note, setNote] = useState<string | null>(null)

  const peek = useCallback((after?: string) => {
    const q = new URLSearchParams({ limit: String(PEEK) })
    for (const name of FILTERS) {
      const value = params.get(name)
      if (value) q.set(name, value)
    }
    if (after) q.set('after', after)
    return api<PeekPage>('GET', `/v1/queues/${seg(queue)}/messages:peek?${q.toString()}`)
  }, [queue, params])

  const load = useCallback(() => {
    Promise.all([request<Queue>('GET', `/v1/queues/${seg(queue)}`), peek()]).then(([q, first]) => {
      setInfo(q.body)
      setEtag(q.etag)
      setPage(first)
      setLoadError(null)
    }, setLoadError)
  }, [queue, peek])

  useEffect(load, [load])

  async function more() {
    if (!page?.next) return
    try {
      const next = await peek(page.next)
      setPage({ ...next, messages: [...page.messages, ...next.messages] })
    } catch (e) {
      setLoadError(e)
    }
  }

  function filter(e: FormEvent<HTMLFormElement>) {
    e.preventDefault()
    const q = new URLSearchParams()
    for (const [name, value] of new FormData(e.currentTarget).entries()) {
      if (typeof value === 'string' && value.trim()) q.set(name, value.trim())
    }
    setParams(q)
  }

  const total = info ? info.depth.visible + info.depth.inFlight : 0
  const filtered = FILTERS.some((f) => params.has(f))
  const deadLetters = page?.messages.some((m) => m.attributes.RULE !== undefined) ?? false
  return (
    <section>
      <nav className="crumbs" aria-label="Breadcrumb"><Link to="/queues">Queues</Link> › {queue}</nav>
      <div className="title-row">
        <h1>Queue {queue}</h1>
        <button type="button" onClick={load}>Refresh</button>
        <button type="button" className="danger" disabled={total === 0} onClick={() => setPurging(true)}>Purge…</button>
      </div>
      {info && (
        <p className="hint">{info.depth.visible} visible, {info.depth.inFlight} in flight. Messages are peeked: their
          visibility and receive counts do not change. A dead letter (it names the rule and target it failed at) can be
          redriven: its event is delivered to that target again.</p>
      )}
      {info && (
        <details className="settings">
          <summary>Settings: visibility timeout {info.visibilityTimeoutSeconds} s, retention
            {' '}{info.messageRetentionSeconds} s</summary>
          <QueueSettingsForm key={etag ?? ''} loaded={info} etag={etag} onSaved={setInfo} />
        </details>
      )}
      <form key={params.toString()} className="inline-form" aria-label="Filter messages" onSubmit={filter}>
        <label>Rule <input name="rule" defaultValue={params.get('rule') ?? ''} placeholder="bus/rule or rule" /></label>
        <label>Target <input name="target" defaultValue={params.get('target') ?? ''} placeholder="target id" /></label>
        <label>Error code <input name="errorCode" defaultValue={params.get('errorCode') ?? ''}
                                 placeholder="HTTP_500" /></label>
        <button type="submit">Filter</button>
        {filtered && <Link to={`/queues/${seg(queue)}`}>Clear filters</Link>}
      </form>
      <ProblemMessage error={loadError} />
      {note && <p role="status" className="saved">{note}</p>}
      {page === null && !loadError && <p role="status" className="loading">Loading messages…</p>}
      {page !== null && page.messages.length === 0 && (filtered
        ? <p className="empty">No messages match these filters.</p>
        : <p className="empty">No messages. Rules whose targets or dead-letter queue name {queue} put messages
          here.</p>)}
      {page !== null && page.messages.length > 0 && (
        <>
          <div className="title-row">
            <p role="status">{page.matched} {page.matched === 1 ? 'message' : 'messages'}
              {filtered ? ' match' : ''}; showing the oldest {page.messages.length}.</p>
            {deadLetters && (
              <button type="button" onClick={() => setRedrivingAll(true)}>
                Redrive all {filtered ? 'matching' : ''}…</button>
            )}
          </div>
          <div className="table-scroll">
            <table aria-label="Messages">
              <thead>
                <tr><th>Sent</th><th>Attributes</th><th>Body</th><th className="num">Received</th><th /></tr>
              </thead>
              <tbody>
                {page.messages.map((m) => (
                  <MessageRow key={m.messageId} queue={queue} message={m}
                              onDone={(text) => { setNote(text); load() }} />
                ))}
              </tbody>
            </table>
          </div>
          {page.next && <p><button type="button" onClick={() => void more()}>Show more</button></p>}
        </>
      )}
      {redrivingAll && page && (
        <ConfirmDialog title="Redrive these dead letters?" confirmLabel={`Redrive ${Math.min(page.matched, 1000)}`}
                       onClose={() => setRedrivingAll(false)}
                       onConfirm={async () => {
                         const body = Object.fromEntries(FILTERS.filter((f) => params.get(f))
                           .map((f) => [f, params.get(f)]))
                         const r = await api<BulkRedriven>('POST', `/v1/queues/${seg(queue)}/messages:bulk-redrive`,
                           { ...body, ratePerSecond: Number(rate) })
                         setNote(redriveNote(r))
                         load()
                       }}>
          <p>The events of the {Math.min(page.matched, 1000)} oldest {filtered ? 'matching ' : ''}dead letters are
            delivered again to the targets they failed at, as new deliveries, and the messages are deleted. Those
            whose event, rule or target is gone stay.</p>
          <label>Per second <input type="number" min={1} max={1000} value={rate}
                                   onChange={(e) => setRate(e.target.value)} /></label>
        </ConfirmDialog>
      )}
      {purging && (
        <ConfirmDialog title={`Purge queue ${queue}?`} confirmLabel="Purge queue" onClose={() => setPurging(false)}
                       onConfirm={async () => {
                         const r = await api<{ purged: number }>('POST', `/v1/queues/${seg(queue)}/messages:purge`)
                         setNote(`Purged ${r.purged} message(s).`)
                         load()
                       }}>
          <p>All {total} message(s), in flight or not, are deleted for good. Dead letters purged cannot be redriven.</p>
        </ConfirmDialog>
      )}
    </section>
  )
}

function MessageRow({ queue, message, onDone }: {
  queue: string, message: PeekedMessage, onDone: (note: string) => void
}) {
  const [error, setError] = useState<unknown>(null)
  const [busy, setBusy] = useState(false)
  const [deleting, setDeleting] = useState(false)
  const deadLetter = message.attributes.RULE !== undefined && message.attributes.TARGET !== undefined

  async function redrive() {
    setBusy(true)
    setError(null)
    try {
      const r = await api<{ rule: string, target: string }>('POST', `/v1/queues/${seg(queue)}/messages:redrive`,
        { messageId: message.messageId })
      onDone(`Redriven to target ${r.target} of rule ${r.rule}.`)
    } catch (e) {
      setError(e)
      setBusy(false)
    }
  }

  return (
    <tr>
      <td><RelativeTime at={message.sentAt} />{message.inFlight && <><br /><span className="badge off">in flight</span></>}
        {message.eventId && <><br /><Link to={`/events/${seg(message.eventId)}`}>Event</Link></>}</td>
      <td>
        <dl className="attributes">
          {Object.entries(message.attributes).map(([name, value]) => (
            <div key={name}><dt>{name}</dt><dd>{value}</dd></div>
          ))}
        </dl>
      </td>
      <td className="body-cell"><pre className="code-block">{prettyText(message.body)}</pre></td>
      <td className="num">{message.receiveCount}</td>
      <td className="row-actions">
        {deadLetter && (
          <button type="button" onClick={() => void redrive()} disabled={busy}
                  aria-label={`Redrive message ${message.messageId}`}>Redrive</button>
        )}
        <button type="button" className="danger" onClick={() => setDeleting(true)}
                aria-label={`Delete message ${message.messageId}`}>Delete</button>
        <ProblemMessage error={error} />
        {deleting && (
          <ConfirmDialog title="Delete this message?" confirmLabel="Delete message" onClose={() => setDeleting(false)}
                         onConfirm={async () => {
                           await api('POST', `/v1/queues/${seg(queue)}/messages:delete`,
                             { messageIds: [message.messageId] })
                           onDone('Deleted 1 message.')
                         }}>
            <p>The message is deleted for good{deadLetter ? ': its event can no longer be redriven from here' : ''}.</p>
          </ConfirmDialog>
        )}
      </td>
    </tr>
  )
}
