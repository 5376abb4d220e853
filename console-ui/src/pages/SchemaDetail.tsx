import { useCallback, useEffect, useState, type FormEvent } from 'react'
import { Link, useNavigate, useParams } from 'react-router'
import {
  api, ApiError, JsonText, SCHEMA_COMPATIBILITIES, seg, type SchemaCheck, type SchemaDetail as Schema,
  type SchemaVersion,
} from '../api'
import ConfirmDialog from '../components/ConfirmDialog.tsx'
import { formatJson } from '../components/formatJson.ts'
import { lineDiff } from '../components/lineDiff.ts'
import ProblemMessage from '../components/ProblemMessage.tsx'
import SelectField from '../components/SelectField.tsx'

/**
 * One schema: its settings and versions, the difference between two versions, a sample detail checked against the
 * latest version, a new version (refused with the reasons when it breaks the compatibility), delete (confirmed).
 */
export default function SchemaDetail() {
  const { name = '' } = useParams()
  const navigate = useNavigate()
  const [schema, setSchema] = useState<Schema | null>(null)
  const [loadError, setLoadError] = useState<unknown>(null)
  const [deleting, setDeleting] = useState(false)

  const load = useCallback(() => {
    api<Schema>('GET', `/v1/schemas/${seg(name)}`).then((s) => {
      setSchema(s)
      setLoadError(null)
    }, setLoadError)
  }, [name])

  useEffect(load, [load])

  if (loadError instanceof ApiError && loadError.status === 404) {
    return (
      <section>
        <h1>Schema '{name}' does not exist</h1>
        <p><Link to="/schemas">Go to the schemas.</Link></p>
      </section>
    )
  }
  return (
    <section>
      <p className="crumbs"><Link to="/schemas">Schemas</Link> /</p>
      <div className="title-row">
        <h1>{name}</h1>
        {schema && <button type="button" className="danger" onClick={() => setDeleting(true)}>Delete schema</button>}
      </div>
      <ProblemMessage error={loadError} />
      {!schema && !loadError && <p role="status" className="loading">Loading the schema…</p>}
      {schema && (
        <>
          <dl className="facts">
            <dt>Format</dt><dd>{schema.format}</dd>
            <dt>Compatibility</dt><dd>{schema.compatibility}</dd>
            <dt>Latest version</dt><dd>{schema.latestVersion}</dd>
            <dt>Origin</dt><dd>{schema.discovered ? 'Discovered from events' : 'Registered'}</dd>
            {schema.description && <><dt>Description</dt><dd>{schema.description}</dd></>}
            <dt>Code</dt>
            <dd><a href={`/v1/schemas/${seg(schema.name)}/versions/${schema.latestVersion}/java`} target="_blank"
                   rel="noreferrer">Java records of version {schema.latestVersion}</a></dd>
          </dl>
          <CompareVersions schema={schema} />
          <CheckSample schema={schema} />
          <AddVersion schema={schema} onAdded={load} />
        </>
      )}
      {deleting && (
        <ConfirmDialog title={`Delete schema ${name}?`} confirmLabel="Delete schema" onClose={() => setDeleting(false)}
                       onConfirm={async () => {
                         await api('DELETE', `/v1/schemas/${seg(name)}`)
                         navigate('/schemas')
                       }}>
          <p>All its versions are deleted. Buses that enforce schemas then take its events as events without a
            schema.</p>
        </ConfirmDialog>
      )}
    </section>
  )
}

/** Two versions side by side as a line diff of their documents (the latest against the one before, at first). */
function CompareVersions({ schema }: { schema: Schema }) {
  const latest = schema.latestVersion
  const [from, setFrom] = useState(String(Math.max(1, latest - 1)))
  const [to, setTo] = useState(String(latest))
  const [docs, setDocs] = useState<Record<string, string>>({})
  const [error, setError] = useState<unknown>(null)

  useEffect(() => {
    setFrom(String(Math.max(1, latest - 1)))
    setTo(String(latest))
  }, [latest])

  useEffect(() => {
    for (const v of [from, to]) {
      if (docs[v] === undefined) {
        api<SchemaVersion>('GET', `/v1/schemas/${seg(schema.name)}/versions/${v}`).then(
          (r) => setDocs((d) => ({ ...d, [v]: formatJson(r.content) })), setError)
      }
    }
  }, [from, to, docs, schema.name])

  const ready = docs[from] !== undefined && docs[to] !== undefined
  return (
    <div className="panel" role="region" aria-label="Versions">
      <h2>Versions</h2>
      <div className="field-row">
        <SelectField label="Compare version" value={from} onChange={setFrom}>
          {schema.versions.map((v) => <option key={v.version} value={v.version}>{v.version}</option>)}
        </SelectField>
        <SelectField label="with version" value={to} onChange={setTo}>
          {schema.versions.map((v) => <option key={v.version} value={v.version}>{v.version}</option>)}
        </SelectField>
      </div>
      <ProblemMessage error={error} />
      {ready && (
        <pre className="diff" aria-label={`Version ${from} against version ${to}`}>
          {lineDiff(docs[from], docs[to]).map((line, i) => (
            <div key={i} className={`diff-${line.kind}`}>
              {line.kind === 'added' ? '+ ' : line.kind === 'removed' ? '- ' : '  '}{line.text}
            </div>
          ))}
        </pre>
      )}
    </div>
  )
}

/** A sample detail, checked against the latest version: valid, or each violation with its place. */
function CheckSample({ schema }: { schema: Schema }) {
  const [detail, setDetail] = useState('{}')
  const [result, setResult] = useState<SchemaCheck | null>(null)
  const [error, setError] = useState<unknown>(null)

  async function submit(e: FormEvent) {
    e.preventDefault()
    setError(null)
    setResult(null)
    try {
      setResult(await api<SchemaCheck>('POST', `/v1/schemas/${seg(schema.name)}/validate`,
        new JsonText(`{"detail": ${JSON.stringify(detail)}}`)))
    } catch (problem) {
      setError(problem)
    }
  }

  return (
    <form className="panel" onSubmit={(e) => void submit(e)} aria-label="Check a sample detail">
      <h2>Check a sample detail</h2>
      <label>Detail (JSON)
        <textarea rows={4} spellCheck={false} value={detail} onChange={(e) => setDetail(e.target.value)} />
      </label>
      <button type="submit">Check against the latest version</button>
      <ProblemMessage error={error} />
      {result && result.valid && <p role="status" className="saved">Valid for version {result.version}.</p>}
      {result && !result.valid && (
        <div role="status">
          <p>Not valid for version {result.version}:</p>
          <ul className="violations">
            {result.violations.map((v, i) => <li key={i}><code>{v.pointer || '/'}</code> {v.message}</li>)}
          </ul>
        </div>
      )}
    </form>
  )
}

/** The next version: the latest document to start from; a version that breaks the compatibility is refused. */
function AddVersion({ schema, onAdded }: { schema: Schema, onAdded: () => void }) {
  const [content, setContent] = useState(formatJson(schema.content))
  const [compatibility, setCompatibility] = useState<string>(schema.compatibility)
  const [error, setError] = useState<unknown>(null)
  const [saved, setSaved] = useState<string | null>(null)

  async function submit(e: FormEvent) {
    e.preventDefault()
    setError(null)
    setSaved(null)
    try {
      const r = await api<{ version: number, created: boolean }>('PUT', `/v1/schemas/${seg(schema.name)}`,
        new JsonText(`{"format": ${JSON.stringify(schema.format)}, "compatibility": ${JSON.stringify(compatibility)},`
          + ` "content": ${JSON.stringify(content)}}`))
      setSaved(r.created ? `Version ${r.version} added.` : `Version ${r.version} has this content already.`)
      onAdded()
    } catch (problem) {
      setError(problem)
    }
  }

  return (
    <form className="panel" onSubmit={(e) => void submit(e)} aria-label="Add a version">
      <h2>Add a version</h2>
      <SelectField label="Compatibility" value={compatibility} onChange={setCompatibility}>
        {SCHEMA_COMPATIBILITIES.map((c) => <option key={c} value={c}>{c}</option>)}
      </SelectField>
      <label>Schema (JSON)
        <textarea rows={10} spellCheck={false} value={content} onChange={(e) => setContent(e.target.value)} />
      </label>
      <button type="submit">Save version</button>
      {saved && <span role="status" className="saved">{saved}</span>}
      <ProblemMessage error={error} />
    </form>
  )
}
