import { useCallback, useEffect, useState, type FormEvent } from 'react'
import { Link } from 'react-router'
import { api, seg, type Bus } from '../api'
import ProblemMessage from '../components/ProblemMessage.tsx'
import ConfirmDialog from '../components/ConfirmDialog.tsx'
import NameField from '../components/NameField.tsx'
import { nameProblem } from '../components/names.ts'
import { isAt } from '../components/targetForm.ts'
import RelativeTime from '../components/RelativeTime.tsx'

/** Buses: list, create, delete (confirmed; a bus with rules needs force). */
export default function Buses() {
  const [buses, setBuses] = useState<Bus[] | null>(null)
  const [loadError, setLoadError] = useState<unknown>(null)
  const [deleting, setDeleting] = useState<Bus | null>(null)

  const load = useCallback(() => {
    api<{ buses: Bus[] }>('GET', '/v1/buses').then((r) => {
      setBuses(r.buses)
      setLoadError(null)
    }, setLoadError)
  }, [])

  useEffect(load, [load])

  return (
    <section>
      <h1>Buses</h1>
      <p className="hint">Producers put events on a bus; its rules route them to targets.</p>
      <CreateBus onCreated={load} />
      <ProblemMessage error={loadError} />
      {buses === null && !loadError && <p role="status" className="loading">Loading buses…</p>}
      {buses !== null && buses.length === 0 && (
        <p className="empty">No buses yet. Create one above to start routing events.</p>
      )}
      {buses !== null && buses.length > 0 && (
        <div className="table-scroll">
          <table aria-label="Buses">
            <thead>
              <tr><th>Name</th><th>Description</th><th className="num">Rules</th><th>Created</th><th /></tr>
            </thead>
            <tbody>
              {buses.map((bus) => (
                <tr key={bus.name}>
                  <td className="name"><Link to={`/buses/${seg(bus.name)}`}>{bus.name}</Link></td>
                  <td>{bus.description ?? ''}</td>
                  <td className="num"><Link to={`/buses/${seg(bus.name)}`} aria-label={`Rules of ${bus.name}`}>
                    {bus.ruleCount}</Link></td>
                  <td><RelativeTime at={bus.createdAt} /></td>
                  <td className="row-actions">
                    {bus.name !== 'default' && (
                      <button type="button" className="danger-link" onClick={() => setDeleting(bus)}
                              aria-label={`Delete bus ${bus.name}`}>Delete</button>
                    )}
                  </td>
                </tr>
              ))}
            </tbody>
          </table>
        </div>
      )}
      {deleting && (
        <ConfirmDialog title={`Delete bus ${deleting.name}?`} confirmLabel="Delete bus"
                       onClose={() => setDeleting(null)}
                       onConfirm={async () => {
                         await api('DELETE', `/v1/buses/${encodeURIComponent(deleting.name)}`
                           + (deleting.ruleCount > 0 ? '?force=true' : ''))
                         load()
                       }}>
          {deleting.ruleCount > 0
            ? <p>Its {deleting.ruleCount} rule(s) and their targets are deleted too. Events already stored stay until their retention ends.</p>
            : <p>Producers will no longer be able to put events on it.</p>}
        </ConfirmDialog>
      )}
    </section>
  )
}

function CreateBus({ onCreated }: { onCreated: () => void }) {
  const [name, setName] = useState('')
  const [description, setDescription] = useState('')
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
      await api('POST', '/v1/buses', description.trim() ? { name: name.trim(), description } : { name: name.trim() })
      setName('')
      setDescription('')
      onCreated()
    } catch (problem) {
      setError(problem)
    } finally {
      setBusy(false)
    }
  }

  return (
    <form className="inline-form" onSubmit={(e) => void submit(e)} aria-label="Create a bus">
      <NameField label="Name" location="name" what="the name" value={name} onChange={setName} error={error}
                 placeholder="orders" />
      <label>Description <input value={description} onChange={(e) => setDescription(e.target.value)}
                                placeholder="what flows here (optional)" /></label>
      <button type="submit" className="primary" disabled={busy}>Create bus</button>
      <ProblemMessage error={isAt(error, 'name') ? null : error} />
    </form>
  )
}
