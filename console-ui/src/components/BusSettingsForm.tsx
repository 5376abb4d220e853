import { useEffect, useState, type FormEvent } from 'react'
import { api, request, seg, type Bus, type Queue, type SchemaValidation } from '../api'
import ProblemMessage from './ProblemMessage.tsx'
import SelectField from './SelectField.tsx'

interface Props {
  /** The bus as loaded by its page, with its ETag. */
  loaded: Bus
  etag: string | null
}

/**
 * A bus' description and settings (dead-letter queue, event retention, schema validation and discovery), saved with
 * If-Match.
 */
export default function BusSettingsForm({ loaded, etag: loadedEtag }: Props) {
  const bus = loaded.name
  const [etag, setEtag] = useState<string | null>(loadedEtag)
  const [description, setDescription] = useState(loaded.description ?? '')
  const [deadLetterQueue, setDeadLetterQueue] = useState(loaded.settings?.deadLetterQueue ?? '')
  const [retention, setRetention] = useState(loaded.settings?.eventRetentionDays === undefined ? ''
    : String(loaded.settings.eventRetentionDays))
  const [validation, setValidation] = useState(loaded.settings?.schemaValidation ?? 'OFF')
  const [requireSchema, setRequireSchema] = useState(loaded.settings?.requireSchema ?? false)
  const [discovery, setDiscovery] = useState(loaded.settings?.schemaDiscovery ?? false)
  const [queues, setQueues] = useState<Queue[]>([])
  const [error, setError] = useState<unknown>(null)
  const [busy, setBusy] = useState(false)
  const [saved, setSaved] = useState(false)

  useEffect(() => {
    api<{ queues: Queue[] }>('GET', '/v1/queues').then((r) => setQueues(r.queues), () => setQueues([]))
  }, [])

  function show(b: Bus) {
    setDescription(b.description ?? '')
    setDeadLetterQueue(b.settings?.deadLetterQueue ?? '')
    setRetention(b.settings?.eventRetentionDays === undefined ? '' : String(b.settings.eventRetentionDays))
    setValidation(b.settings?.schemaValidation ?? 'OFF')
    setRequireSchema(b.settings?.requireSchema ?? false)
    setDiscovery(b.settings?.schemaDiscovery ?? false)
  }

  async function submit(e: FormEvent) {
    e.preventDefault()
    setBusy(true)
    setError(null)
    setSaved(false)
    try {
      const days = Number(retention)
      const r = await request<Bus>('PUT', `/v1/buses/${seg(bus)}`, {
        ...(description.trim() ? { description: description.trim() } : {}),
        settings: {
          ...(deadLetterQueue ? { deadLetterQueue } : {}),
          // not a whole number: sent as typed, so the server says what is wrong with it
          ...(retention.trim() ? { eventRetentionDays: Number.isInteger(days) ? days : retention } : {}),
          schemaValidation: validation,
          requireSchema,
          schemaDiscovery: discovery,
        },
      }, etag)
      show(r.body)
      setEtag(r.etag)
      setSaved(true)
    } catch (problem) {
      setError(problem)
    } finally {
      setBusy(false)
    }
  }

  return (
    <form className="inline-form" onSubmit={(e) => void submit(e)} aria-label="Bus settings">
      <label className="grow">Description
        <input value={description} onChange={(e) => setDescription(e.target.value)} placeholder="what flows here" />
      </label>
      <SelectField label="Dead-letter queue (for targets without one)" value={deadLetterQueue}
                   onChange={setDeadLetterQueue}>
        <option value="">None</option>
        {queues.map((q) => <option key={q.name} value={q.name}>{q.name}</option>)}
      </SelectField>
      <label>Keep events (days)
        <input inputMode="numeric" value={retention} onChange={(e) => setRetention(e.target.value)} placeholder="7" />
      </label>
      <SelectField label="Schema validation" value={validation}
                   onChange={(v) => setValidation(v as SchemaValidation)}>
        <option value="OFF">Off</option>
        <option value="WARN">Warn: accept and count</option>
        <option value="ENFORCE">Enforce: refuse invalid events</option>
      </SelectField>
      <label className="check">
        <input type="checkbox" checked={requireSchema} onChange={(e) => setRequireSchema(e.target.checked)} />
        Require a schema
      </label>
      <label className="check">
        <input type="checkbox" checked={discovery} onChange={(e) => setDiscovery(e.target.checked)} />
        Discover schemas
      </label>
      <button type="submit" disabled={busy}>Save settings</button>
      {saved && <span role="status" className="saved">Saved.</span>}
      <ProblemMessage error={error} />
    </form>
  )
}
