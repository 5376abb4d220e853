import { useCallback, useEffect, useState, type FormEvent } from 'react'
import { api, request, seg, type Connection } from '../api'
import ConfirmDialog from '../components/ConfirmDialog.tsx'
import {
  AUTHORIZATION_TYPES, connectionBody, connectionForm, connectionSummary, emptyConnection, type AuthorizationType,
  type ConnectionForm,
} from '../components/connectionForm.ts'
import NameField from '../components/NameField.tsx'
import { nameProblem } from '../components/names.ts'
import ProblemMessage from '../components/ProblemMessage.tsx'
import SelectField from '../components/SelectField.tsx'
import { isAt } from '../components/targetForm.ts'
import RelativeTime from '../components/RelativeTime.tsx'

/**
 * Connections: the credentials webhook targets send (basic auth, an API key header, an OAuth token). List, create,
 * edit (the secret stays unless a new one is typed), delete (confirmed; refused while a target uses it). Secrets are
 * write-only: nothing here ever shows one.
 */
export default function Connections() {
  const [connections, setConnections] = useState<Connection[] | null>(null)
  const [loadError, setLoadError] = useState<unknown>(null)
  const [editing, setEditing] = useState<string | null>(null)
  const [deleting, setDeleting] = useState<Connection | null>(null)

  const load = useCallback(() => {
    api<{ connections: Connection[] }>('GET', '/v1/connections').then((r) => {
      setConnections(r.connections)
      setLoadError(null)
    }, setLoadError)
  }, [])

  useEffect(load, [load])

  return (
    <section>
      <h1>Connections</h1>
      <p className="hint">A webhook target that must log in to its receiver names a connection: each delivery then
        carries its credentials. Secrets are stored encrypted and never shown again, not even here.</p>
      <ConnectionEditor onSaved={load} />
      <ProblemMessage error={loadError} />
      {connections === null && !loadError && <p role="status" className="loading">Loading connections…</p>}
      {connections !== null && connections.length === 0 && (
        <p className="empty">No connections yet. Create one above, then choose it on a webhook target.</p>
      )}
      {connections !== null && connections.length > 0 && (
        <div className="table-scroll">
          <table aria-label="Connections">
            <thead><tr><th>Name</th><th>Description</th><th>Sends</th><th>Updated</th><th /></tr></thead>
            <tbody>
              {connections.map((c) => editing === c.name ? (
                <tr key={c.name}>
                  <td colSpan={5}>
                    <ConnectionEditor existing={c} onSaved={() => { setEditing(null); load() }}
                                      onCancel={() => setEditing(null)} />
                  </td>
                </tr>
              ) : (
                <tr key={c.name}>
                  <td className="name">{c.name}</td>
                  <td>{c.description ?? ''}</td>
                  <td>{connectionSummary(c)}</td>
                  <td><RelativeTime at={c.updatedAt} /></td>
                  <td className="row-actions">
                    <button type="button" onClick={() => setEditing(c.name)}
                            aria-label={`Edit connection ${c.name}`}>Edit</button>
                    <button type="button" className="danger-link" onClick={() => setDeleting(c)}
                            aria-label={`Delete connection ${c.name}`}>Delete</button>
                  </td>
                </tr>
              ))}
            </tbody>
          </table>
        </div>
      )}
      {deleting && (
        <ConfirmDialog title={`Delete connection ${deleting.name}?`} confirmLabel="Delete connection"
                       onClose={() => setDeleting(null)}
                       onConfirm={async () => {
                         await api('DELETE', `/v1/connections/${seg(deleting.name)}`)
                         load()
                       }}>
          <p>Its credentials are deleted for good. A connection that a webhook target still names cannot be
            deleted: change those targets first.</p>
        </ConfirmDialog>
      )}
    </section>
  )
}

/** The create form, or (with `existing`) the edit form of one connection, saved with its ETag. */
function ConnectionEditor({ existing, onSaved, onCancel }: {
  existing?: Connection, onSaved: () => void, onCancel?: () => void
}) {
  const [form, setForm] = useState<ConnectionForm>(() => existing ? connectionForm(existing) : emptyConnection())
  const [etag, setEtag] = useState<string | null>(null)
  const [error, setError] = useState<unknown>(null)
  const [busy, setBusy] = useState(false)
  const [created, setCreated] = useState<string | null>(null)
  const set = (change: Partial<ConnectionForm>) => setForm((f) => ({ ...f, ...change }))

  useEffect(() => {
    if (!existing) return
    request<Connection>('GET', `/v1/connections/${seg(existing.name)}`).then((r) => setEtag(r.etag), setError)
  }, [existing])

  async function submit(e: FormEvent) {
    e.preventDefault()
    const problem = existing ? null : nameProblem('name', 'the name', form.name.trim())
    if (problem) {
      setError(problem)
      return
    }
    setBusy(true)
    setError(null)
    try {
      if (existing) {
        await request('PUT', `/v1/connections/${seg(existing.name)}`, connectionBody(form), etag)
      } else {
        await api('POST', '/v1/connections', { name: form.name.trim(), ...connectionBody(form) })
        setCreated(form.name.trim())
        setForm(emptyConnection())
      }
      onSaved()
    } catch (p) {
      setError(p)
    } finally {
      setBusy(false)
    }
  }

  const secretLabel = form.type === 'BASIC' ? 'Password' : form.type === 'API_KEY' ? 'Header value' : 'Client secret'
  const label = existing ? `Edit connection ${existing.name}` : 'Create a connection'
  return (
    <form className="panel inline-form" onSubmit={(e) => void submit(e)} aria-label={label} noValidate>
      {!existing && <NameField label="Name" location="name" what="the name" value={form.name}
                               onChange={(name) => set({ name })} error={error} placeholder="billing-auth" />}
      <label className="grow">Description
        <input value={form.description} onChange={(e) => set({ description: e.target.value })} />
      </label>
      <SelectField label="Authorization" value={form.type}
                   onChange={(type) => set({ type: type as AuthorizationType })}>
        {AUTHORIZATION_TYPES.map(([value, words]) => <option key={value} value={value}>{words}</option>)}
      </SelectField>
      {form.type === 'BASIC' && (
        <label>Username <input value={form.username} onChange={(e) => set({ username: e.target.value })} /></label>
      )}
      {form.type === 'API_KEY' && (
        <label>Header name <input value={form.headerName} onChange={(e) => set({ headerName: e.target.value })} />
        </label>
      )}
      {form.type === 'OAUTH_CLIENT_CREDENTIALS' && (
        <>
          <label className="grow">Token endpoint
            <input type="url" value={form.endpoint} placeholder="https://auth.example.com/oauth/token"
                   onChange={(e) => set({ endpoint: e.target.value })} />
          </label>
          <label>Client id <input value={form.clientId} onChange={(e) => set({ clientId: e.target.value })} /></label>
          <label>Scope <input value={form.scope} onChange={(e) => set({ scope: e.target.value })} /></label>
          <SelectField label="Token request" value={form.httpMethod} onChange={(httpMethod) => set({ httpMethod })}>
            <option>POST</option><option>PUT</option><option>GET</option>
          </SelectField>
        </>
      )}
      <label>{secretLabel}
        <input type="password" autoComplete="new-password" value={form.secret}
               placeholder={existing ? 'unchanged' : ''} onChange={(e) => set({ secret: e.target.value })} />
      </label>
      <button type="submit" className="primary" disabled={busy}>{existing ? 'Save connection' : 'Create connection'}</button>
      {onCancel && <button type="button" onClick={onCancel}>Cancel</button>}
      {existing && <p className="hint form-note">Leave the {secretLabel.toLowerCase()} empty to keep the stored one
        (while the authorization type stays).</p>}
      {created && <p role="status" className="saved form-note">Created connection {created}.</p>}
      <ProblemMessage error={isAt(error, 'name') ? null : error} />
    </form>
  )
}
