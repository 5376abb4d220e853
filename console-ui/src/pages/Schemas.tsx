import { useCallback, useEffect, useState, type FormEvent } from 'react'
import { Link, useNavigate } from 'react-router'
import { api, JsonText, SCHEMA_COMPATIBILITIES, SCHEMA_FORMATS, seg, type SchemaSummary } from '../api'
import ProblemMessage from '../components/ProblemMessage.tsx'
import SelectField from '../components/SelectField.tsx'
import RelativeTime from '../components/RelativeTime.tsx'

/** The schema registry: every schema with its format, compatibility and latest version; register a new one. */
export default function Schemas() {
  const [schemas, setSchemas] = useState<SchemaSummary[] | null>(null)
  const [loadError, setLoadError] = useState<unknown>(null)

  const load = useCallback(() => {
    api<{ schemas: SchemaSummary[] }>('GET', '/v1/schemas').then((r) => {
      setSchemas(r.schemas)
      setLoadError(null)
    }, setLoadError)
  }, [])

  useEffect(load, [load])

  return (
    <section>
      <div className="title-row">
        <h1>Schemas</h1>
        <button type="button" onClick={load}>Refresh</button>
      </div>
      <p className="hint">A schema is the JSON Schema of one kind of event's detail, named
        source@DetailTypeWithoutSpaces. A bus whose schema validation is Enforce refuses events that do not match.</p>
      <RegisterSchema />
      <ProblemMessage error={loadError} />
      {schemas === null && !loadError && <p role="status" className="loading">Loading schemas…</p>}
      {schemas !== null && schemas.length === 0 && (
        <p className="empty">No schemas yet. Register one above, or turn on schema discovery on a bus.</p>
      )}
      {schemas !== null && schemas.length > 0 && (
        <div className="table-scroll">
          <table aria-label="Schemas">
            <thead>
              <tr><th>Name</th><th>Format</th><th>Compatibility</th><th className="num">Latest version</th>
                <th>Origin</th><th>Updated</th></tr>
            </thead>
            <tbody>
              {schemas.map((s) => (
                <tr key={s.name}>
                  <td className="name"><Link to={`/schemas/${seg(s.name)}`}>{s.name}</Link></td>
                  <td>{s.format}</td>
                  <td>{s.compatibility}</td>
                  <td className="num">{s.latestVersion}</td>
                  <td>{s.discovered ? 'Discovered' : 'Registered'}</td>
                  <td><RelativeTime at={s.updatedAt} /></td>
                </tr>
              ))}
            </tbody>
          </table>
        </div>
      )}
    </section>
  )
}

const EXAMPLE = `{
  "$schema": "http://json-schema.org/draft-04/schema#",
  "type": "object",
  "properties": {"orderId": {"type": "string"}, "total": {"type": "number"}},
  "required": ["orderId"]
}`

function RegisterSchema() {
  const navigate = useNavigate()
  const [name, setName] = useState('')
  const [format, setFormat] = useState(SCHEMA_FORMATS[0])
  const [compatibility, setCompatibility] = useState('BACKWARD')
  const [content, setContent] = useState(EXAMPLE)
  const [error, setError] = useState<unknown>(null)
  const [busy, setBusy] = useState(false)

  async function submit(e: FormEvent) {
    e.preventDefault()
    setBusy(true)
    setError(null)
    try {
      // the document as typed, inside the body: its number spellings and key order are kept
      const body = `{"format": ${JSON.stringify(format)}, "compatibility": ${JSON.stringify(compatibility)},`
        + ` "content": ${JSON.stringify(content)}}`
      await api('PUT', `/v1/schemas/${seg(name.trim())}`, new JsonText(body))
      navigate(`/schemas/${seg(name.trim())}`)
    } catch (problem) {
      setError(problem)
    } finally {
      setBusy(false)
    }
  }

  return (
    <form className="panel schema-form" onSubmit={(e) => void submit(e)} aria-label="Register a schema">
      <div className="field-row">
        <label className="grow">Name
          <input value={name} onChange={(e) => setName(e.target.value)} placeholder="shop.orders@OrderPlaced"
                 required />
        </label>
        <SelectField label="Format" value={format} onChange={setFormat}>
          {SCHEMA_FORMATS.map((f) => <option key={f} value={f}>{f}</option>)}
        </SelectField>
        <SelectField label="Compatibility" value={compatibility} onChange={setCompatibility}>
          {SCHEMA_COMPATIBILITIES.map((c) => <option key={c} value={c}>{c}</option>)}
        </SelectField>
      </div>
      <label>Schema (JSON)
        <textarea className="code" rows={8} spellCheck={false} value={content} onChange={(e) => setContent(e.target.value)} />
      </label>
      <button type="submit" disabled={busy}>Register schema</button>
      <ProblemMessage error={error} />
    </form>
  )
}
