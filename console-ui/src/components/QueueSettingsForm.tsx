import { useState, type FormEvent } from 'react'
import { request, seg, type Queue } from '../api'
import ProblemMessage from './ProblemMessage.tsx'

/** A number field's text as sent: a whole number as a number, anything else as typed, for the server to name. */
function whole(text: string): number | string | undefined {
  if (!text.trim()) return undefined
  const n = Number(text)
  return Number.isInteger(n) ? n : text
}

/**
 * A queue's description, visibility timeout and retention, saved with If-Match. A shorter retention expires the
 * messages already older than it, as the form says.
 */
export default function QueueSettingsForm({ loaded, etag: loadedEtag, onSaved }: {
  loaded: Queue, etag: string | null, onSaved: (q: Queue) => void
}) {
  const [etag, setEtag] = useState(loadedEtag)
  const [description, setDescription] = useState(loaded.description ?? '')
  const [visibility, setVisibility] = useState(String(loaded.visibilityTimeoutSeconds))
  const [retention, setRetention] = useState(String(loaded.messageRetentionSeconds))
  const [error, setError] = useState<unknown>(null)
  const [busy, setBusy] = useState(false)
  const [saved, setSaved] = useState(false)

  async function submit(e: FormEvent) {
    e.preventDefault()
    setBusy(true)
    setError(null)
    setSaved(false)
    try {
      const r = await request<Queue>('PUT', `/v1/queues/${seg(loaded.name)}`, {
        ...(description.trim() ? { description: description.trim() } : {}),
        visibilityTimeoutSeconds: whole(visibility),
        messageRetentionSeconds: whole(retention),
      }, etag)
      setEtag(r.etag)
      setSaved(true)
      onSaved(r.body)
    } catch (problem) {
      setError(problem)
    } finally {
      setBusy(false)
    }
  }

  return (
    <form className="inline-form" onSubmit={(e) => void submit(e)} aria-label="Queue settings" noValidate>
      <label className="grow">Description
        <input value={description} onChange={(e) => setDescription(e.target.value)} placeholder="what it holds" />
      </label>
      <label>Visibility timeout (s)
        <input type="number" min={0} max={43200} value={visibility} onChange={(e) => setVisibility(e.target.value)} />
      </label>
      <label>Retention (s)
        <input type="number" min={60} max={1209600} value={retention} onChange={(e) => setRetention(e.target.value)}
               aria-describedby="retention-note" />
      </label>
      <button type="submit" className="primary" disabled={busy}>{busy ? 'Saving…' : 'Save settings'}</button>
      {saved && <span role="status" className="saved">Saved.</span>}
      <p id="retention-note" className="hint form-note">A received message stays hidden for the visibility timeout.
        Retention applies to every message: a shorter one expires those already older than it.</p>
      <ProblemMessage error={error} />
    </form>
  )
}
