import { useCallback, useEffect, useState } from 'react'
import { Link, useParams } from 'react-router'
import { api, seg, type PeekedMessage, type Queue } from '../api'
import ConfirmDialog from '../components/ConfirmDialog.tsx'
import ProblemMessage from '../components/ProblemMessage.tsx'

const PEEK = 50

/** One queue: its depth and oldest messages (peeked: nothing changes), redrive of dead letters, purge. */
export default function QueueMessages() {
  const { queue = '' } = useParams()
  const [info, setInfo] = useState<Queue | null>(null)
  const [messages, setMessages] = useState<PeekedMessage[] | null>(null)
  const [loadError, setLoadError] = useState<unknown>(null)
  const [purging, setPurging] = useState(false)
  const [note, setNote] = useState<string | null>(null)

  const load = useCallback(() => {
    Promise.all([
      api<Queue>('GET', `/v1/queues/${seg(queue)}`),
      api<{ messages: PeekedMessage[] }>('GET', `/v1/queues/${seg(queue)}/messages:peek?limit=${PEEK}`),
    ]).then(([q, peeked]) => {
      setInfo(q)
      setMessages(peeked.messages)
      setLoadError(null)
    }, setLoadError)
  }, [queue])

  useEffect(load, [load])

  const total = info ? info.depth.visible + info.depth.inFlight : 0
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
      <ProblemMessage error={loadError} />
      {note && <p role="status" className="saved">{note}</p>}
      {messages === null && !loadError && <p role="status" className="loading">Loading messages…</p>}
      {messages !== null && messages.length === 0 && (
        <p className="empty">No messages. Rules whose targets or dead-letter queue name {queue} put messages here.</p>
      )}
      {messages !== null && messages.length > 0 && (
        <div className="table-scroll">
          <table aria-label="Messages">
            <thead>
              <tr><th>Sent</th><th>Attributes</th><th>Body</th><th className="num">Received</th><th /></tr>
            </thead>
            <tbody>
              {messages.map((m) => (
                <MessageRow key={m.messageId} queue={queue} message={m}
                            onRedriven={(text) => { setNote(text); load() }} />
              ))}
            </tbody>
          </table>
        </div>
      )}
      {messages !== null && messages.length === PEEK && total > PEEK && (
        <p className="hint">Showing the oldest {PEEK} of {total}.</p>
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

function MessageRow({ queue, message, onRedriven }: {
  queue: string, message: PeekedMessage, onRedriven: (note: string) => void
}) {
  const [error, setError] = useState<unknown>(null)
  const [busy, setBusy] = useState(false)
  const deadLetter = message.attributes.RULE !== undefined && message.attributes.TARGET !== undefined

  async function redrive() {
    setBusy(true)
    setError(null)
    try {
      const r = await api<{ rule: string, target: string }>('POST', `/v1/queues/${seg(queue)}/messages:redrive`,
        { messageId: message.messageId })
      onRedriven(`Redriven to target ${r.target} of rule ${r.rule}.`)
    } catch (e) {
      setError(e)
      setBusy(false)
    }
  }

  return (
    <tr>
      <td>{new Date(message.sentAt).toLocaleString()}{message.inFlight && <><br /><span className="badge off">in flight</span></>}</td>
      <td>
        <dl className="attributes">
          {Object.entries(message.attributes).map(([name, value]) => (
            <div key={name}><dt>{name}</dt><dd>{value}</dd></div>
          ))}
        </dl>
      </td>
      <td className="body-cell"><pre className="code-block">{message.body}</pre></td>
      <td className="num">{message.receiveCount}</td>
      <td className="row-actions">
        {deadLetter && (
          <button type="button" onClick={() => void redrive()} disabled={busy}
                  aria-label={`Redrive message ${message.messageId}`}>Redrive</button>
        )}
        <ProblemMessage error={error} />
      </td>
    </tr>
  )
}
