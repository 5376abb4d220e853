import { useCallback, useEffect, useState, type FormEvent } from 'react'
import { Link } from 'react-router'
import { api, seg, type Queue } from '../api'
import ConfirmDialog from '../components/ConfirmDialog.tsx'
import NameField from '../components/NameField.tsx'
import { nameProblem } from '../components/names.ts'
import ProblemMessage from '../components/ProblemMessage.tsx'
import { isAt } from '../components/targetForm.ts'
import RelativeTime from '../components/RelativeTime.tsx'

/** Built-in queues (targets and dead-letter queues): depth, create, delete (confirmed). */
export default function Queues() {
  const [queues, setQueues] = useState<Queue[] | null>(null)
  const [loadError, setLoadError] = useState<unknown>(null)
  const [deleting, setDeleting] = useState<Queue | null>(null)

  const load = useCallback(() => {
    api<{ queues: Queue[] }>('GET', '/v1/queues').then((r) => {
      setQueues(r.queues)
      setLoadError(null)
    }, setLoadError)
  }, [])

  useEffect(load, [load])

  return (
    <section>
      <div className="title-row">
        <h1>Queues</h1>
        <button type="button" onClick={load}>Refresh</button>
      </div>
      <p className="hint">Rules deliver to queues, and failed deliveries land in dead-letter queues; consumers read
        them over HTTP with an API key.</p>
      <CreateQueue onCreated={load} />
      <ProblemMessage error={loadError} />
      {queues === null && !loadError && <p role="status" className="loading">Loading queues…</p>}
      {queues !== null && queues.length === 0 && (
        <p className="empty">No queues yet. Create one above, then name it as a rule's queue target or as a
          dead-letter queue.</p>
      )}
      {queues !== null && queues.length > 0 && (
        <div className="table-scroll">
          <table aria-label="Queues">
            <thead>
              <tr>
                <th>Name</th><th>Description</th><th className="num">Visible</th><th className="num">In flight</th>
                <th className="num">Visibility timeout</th><th className="num">Retention</th><th>Created</th><th />
              </tr>
            </thead>
            <tbody>
              {queues.map((q) => (
                <tr key={q.name}>
                  <td className="name"><Link to={`/queues/${seg(q.name)}`}>{q.name}</Link></td>
                  <td>{q.description ?? ''}</td>
                  <td className="num">{q.depth.visible}</td>
                  <td className="num">{q.depth.inFlight}</td>
                  <td className="num">{q.visibilityTimeoutSeconds} s</td>
                  <td className="num">{duration(q.messageRetentionSeconds)}</td>
                  <td><RelativeTime at={q.createdAt} /></td>
                  <td className="row-actions">
                    <button type="button" className="danger-link" onClick={() => setDeleting(q)}
                            aria-label={`Delete queue ${q.name}`}>Delete</button>
                  </td>
                </tr>
              ))}
            </tbody>
          </table>
        </div>
      )}
      {deleting && (
        <ConfirmDialog title={`Delete queue ${deleting.name}?`} confirmLabel="Delete queue"
                       onClose={() => setDeleting(null)}
                       onConfirm={async () => {
                         await api('DELETE', `/v1/queues/${seg(deleting.name)}`)
                         load()
                       }}>
          <p>Its {deleting.depth.visible + deleting.depth.inFlight} message(s) are deleted with it. A queue that a bus
            or a rule still sends to cannot be deleted.</p>
        </ConfirmDialog>
      )}
    </section>
  )
}

function duration(seconds: number): string {
  if (seconds % 86_400 === 0) return `${seconds / 86_400} d`
  if (seconds % 3_600 === 0) return `${seconds / 3_600} h`
  if (seconds % 60 === 0) return `${seconds / 60} min`
  return `${seconds} s`
}

function CreateQueue({ onCreated }: { onCreated: () => void }) {
  const [name, setName] = useState('')
  const [description, setDescription] = useState('')
  const [visibility, setVisibility] = useState('')
  const [error, setError] = useState<unknown>(null)
  const [busy, setBusy] = useState(false)

  async function submit(e: FormEvent) {
    e.preventDefault()
    const problem = nameProblem('name', 'the name', name.trim())
    if (problem) {
      setError(problem)
      return
    }
    setBusy(true)
    setError(null)
    try {
      await api('POST', '/v1/queues', {
        name: name.trim(),
        ...(description.trim() ? { description: description.trim() } : {}),
        // not a number: sent as typed, so the server says what is wrong with it
        ...(visibility.trim() ? { visibilityTimeoutSeconds: Number.isInteger(Number(visibility)) ? Number(visibility)
          : visibility } : {}),
      })
      setName('')
      setDescription('')
      setVisibility('')
      onCreated()
    } catch (problem) {
      setError(problem)
    } finally {
      setBusy(false)
    }
  }

  return (
    <form className="inline-form" onSubmit={(e) => void submit(e)} aria-label="Create a queue">
      <NameField label="Name" location="name" what="the name" value={name} onChange={setName} error={error}
                 placeholder="orders-dlq" />
      <label>Description <input value={description} onChange={(e) => setDescription(e.target.value)}
                                placeholder="what it holds (optional)" /></label>
      <label>Visibility timeout (s) <input inputMode="numeric" value={visibility} placeholder="30"
                                           onChange={(e) => setVisibility(e.target.value)} /></label>
      <button type="submit" className="primary" disabled={busy}>Create queue</button>
      <ProblemMessage error={isAt(error, 'name') ? null : error} />
    </form>
  )
}
