import { useCallback, useEffect, useState, type FormEvent } from 'react'
import { api, seg, type ApiKey, type Bus, type Queue } from '../api'
import ConfirmDialog from '../components/ConfirmDialog.tsx'
import NameField from '../components/NameField.tsx'
import NamePicker from '../components/NamePicker.tsx'
import { nameProblem } from '../components/names.ts'
import ProblemMessage from '../components/ProblemMessage.tsx'
import RelativeTime from '../components/RelativeTime.tsx'
import SecretOnce from '../components/SecretOnce.tsx'
import { isAt } from '../components/targetForm.ts'

/**
 * API keys: producers put events with them, consumers read queues. Create (secret shown once), list, change what
 * one may use, revoke.
 */
export default function ApiKeys() {
  const [keys, setKeys] = useState<ApiKey[] | null>(null)
  const [loadError, setLoadError] = useState<unknown>(null)
  const [created, setCreated] = useState<ApiKey | null>(null)
  const [revoking, setRevoking] = useState<ApiKey | null>(null)
  const [editing, setEditing] = useState<ApiKey | null>(null)

  const load = useCallback(() => {
    api<{ apiKeys: ApiKey[] }>('GET', '/v1/api-keys').then((r) => {
      setKeys(r.apiKeys)
      setLoadError(null)
    }, setLoadError)
  }, [])

  useEffect(load, [load])

  return (
    <section>
      <h1>API keys</h1>
      <p className="hint">Producers put events on buses with an API key; consumers send, receive and delete queue
        messages with one. The admin token is for this console and the admin API only.</p>
      {created?.secret ? (
        <SecretOnce label={`Secret of API key ${created.name}`} secret={created.secret} onDone={() => setCreated(null)} />
      ) : (
        <CreateApiKey onCreated={(key) => { setCreated(key); load() }} />
      )}
      <ProblemMessage error={loadError} />
      {keys === null && !loadError && <p role="status" className="loading">Loading API keys…</p>}
      {keys !== null && keys.length === 0 && (
        <p className="empty">No API keys yet. Create one above for each producer or consumer.</p>
      )}
      {keys !== null && keys.length > 0 && (
        <div className="table-scroll">
          <table aria-label="API keys">
            <thead>
              <tr><th>Name</th><th>Buses</th><th>Queues</th><th>Created</th><th>Last used</th><th>Status</th><th /></tr>
            </thead>
            <tbody>
              {keys.map((key) => (
                <tr key={key.id} className={key.revokedAt ? 'revoked' : undefined}>
                  <td className="name">{key.name}</td>
                  <td>{scope(key.buses)}</td>
                  <td>{scope(key.queues)}</td>
                  <td><RelativeTime at={key.createdAt} /></td>
                  <td>{key.lastUsedAt ? <RelativeTime at={key.lastUsedAt} /> : 'never'}</td>
                  <td>{key.revokedAt
                    ? <span className="badge off">Revoked {new Date(key.revokedAt).toLocaleString()}</span>
                    : <span className="badge on">Active</span>}</td>
                  <td className="row-actions">
                    {!key.revokedAt && (
                      <>
                        <button type="button" onClick={() => setEditing(key)}
                                aria-label={`Edit scope of API key ${key.name}`}>Edit scope</button>
                        <button type="button" className="danger-link" onClick={() => setRevoking(key)}
                                aria-label={`Revoke API key ${key.name}`}>Revoke</button>
                      </>
                    )}
                  </td>
                </tr>
              ))}
            </tbody>
          </table>
        </div>
      )}
      {editing && <EditScope apiKey={editing} onClose={() => setEditing(null)} onSaved={load} />}
      {revoking && (
        <ConfirmDialog title={`Revoke API key ${revoking.name}?`} confirmLabel="Revoke key"
                       onClose={() => setRevoking(null)}
                       onConfirm={async () => {
                         await api('DELETE', `/v1/api-keys/${seg(revoking.id)}`)
                         load()
                       }}>
          <p>Whoever uses it can no longer put events or read queues with it (within a few seconds). This cannot be
            undone; the key stays listed as revoked.</p>
        </ConfirmDialog>
      )}
    </section>
  )
}

function scope(names: string[] | undefined): string {
  if (!names || names.length === 0) return '—'
  return names.includes('*') ? 'all' : names.join(', ')
}

/** The buses and queues a key may use, changed in a dialog; its secret stays. */
function EditScope({ apiKey, onClose, onSaved }: { apiKey: ApiKey, onClose: () => void, onSaved: () => void }) {
  const [buses, setBuses] = useState<string[]>(apiKey.buses ?? [])
  const [queues, setQueues] = useState<string[]>(apiKey.queues ?? [])
  const { busNames, queueNames } = useScopeNames(() => undefined)
  return (
    <ConfirmDialog title={`Scope of API key ${apiKey.name}`} confirmLabel="Save scope" onClose={onClose}
                   onConfirm={async () => {
                     await api('PUT', `/v1/api-keys/${seg(apiKey.id)}`, { buses, queues })
                     onSaved()
                   }}>
      <p className="hint">Its secret stays the same; the change reaches every data plane within a few seconds.</p>
      <ScopePickers names={{ buses: busNames, queues: queueNames }} chosen={{ buses, queues }}
                    onBuses={setBuses} onQueues={setQueues} />
    </ConfirmDialog>
  )
}

/** What a key may use: buses to put events on, queues to consume. */
function ScopePickers({ names, chosen, onBuses, onQueues }: {
  names: { buses: string[] | null, queues: string[] | null }, chosen: { buses: string[], queues: string[] },
  onBuses: (buses: string[]) => void, onQueues: (queues: string[]) => void
}) {
  return (
    <div className="two-columns">
      <NamePicker legend="May put events on buses" everything="every bus" names={names.buses} chosen={chosen.buses}
                  onChange={onBuses} />
      <NamePicker legend="May use queues" everything="every queue" names={names.queues} chosen={chosen.queues}
                  onChange={onQueues} />
    </div>
  )
}

/** The names of the buses and queues a key may be given; null until they arrive. */
function useScopeNames(onError: (e: unknown) => void) {
  const [busNames, setBusNames] = useState<string[] | null>(null)
  const [queueNames, setQueueNames] = useState<string[] | null>(null)
  useEffect(() => {
    api<{ buses: Bus[] }>('GET', '/v1/buses').then((r) => setBusNames(r.buses.map((b) => b.name)), onError)
    api<{ queues: Queue[] }>('GET', '/v1/queues').then((r) => setQueueNames(r.queues.map((q) => q.name)), onError)
  }, []) // once, when the form opens
  return { busNames, queueNames }
}

function CreateApiKey({ onCreated }: { onCreated: (key: ApiKey) => void }) {
  const [name, setName] = useState('')
  const [buses, setBuses] = useState<string[]>([])
  const [queues, setQueues] = useState<string[]>([])
  const [error, setError] = useState<unknown>(null)
  const [busy, setBusy] = useState(false)
  const { busNames, queueNames } = useScopeNames(setError)

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
      const key = await api<ApiKey>('POST', '/v1/api-keys', { name: name.trim(), buses, queues })
      setName('')
      setBuses([])
      setQueues([])
      onCreated(key)
    } catch (problem) {
      setError(problem)
    } finally {
      setBusy(false)
    }
  }

  return (
    <form className="panel create-key" onSubmit={(e) => void submit(e)} aria-label="Create an API key">
      <NameField label="Name" location="name" what="the name" value={name} onChange={setName} error={error}
                 placeholder="shop-backend" />
      <ScopePickers names={{ buses: busNames, queues: queueNames }} chosen={{ buses, queues }}
                    onBuses={setBuses} onQueues={setQueues} />
      <ProblemMessage error={isAt(error, 'name') ? null : error} />
      <div>
        <button type="submit" className="primary" disabled={busy}>Create API key</button>
      </div>
    </form>
  )
}
