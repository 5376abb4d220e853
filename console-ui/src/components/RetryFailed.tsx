import { useState, type FormEvent } from 'react'
import { api, type BulkRetried, type Rule } from '../api'
import BulkRetries from './BulkRetries.tsx'
import ProblemMessage from './ProblemMessage.tsx'
import { toInstant } from './localTime.ts'

/**
 * Recover a bus' deliveries that did not get through, in one action: pick which (rule, state, accepted between),
 * preview how many match, then retry them at a rate the receiver can take ({@code POST /v1/deliveries:retry}), and
 * follow (or cancel) the latest bulk retries.
 */
export default function RetryFailed({ bus, rules }: { bus: string, rules: Rule[] }) {
  const [rule, setRule] = useState('')
  const [states, setStates] = useState('both')
  const [from, setFrom] = useState('')
  const [to, setTo] = useState('')
  const [rate, setRate] = useState('20')
  const [preview, setPreview] = useState<BulkRetried | null>(null)
  const [done, setDone] = useState<BulkRetried | null>(null)
  const [busy, setBusy] = useState(false)
  const [error, setError] = useState<unknown>(null)
  const [started, setStarted] = useState(0)

  const body = (dryRun: boolean) => ({
    bus,
    rule: rule || undefined,
    states: states === 'both' ? undefined : [states],
    from: from ? toInstant(from) : undefined,
    to: to ? toInstant(to) : undefined,
    ratePerSecond: Number(rate),
    dryRun,
  })
  const send = (dryRun: boolean) => {
    setBusy(true)
    api<BulkRetried>('POST', '/v1/deliveries:retry', body(dryRun)).then((r) => {
      setError(null)
      if (dryRun) {
        setPreview(r)
        setDone(null)
      } else {
        setDone(r)
        setPreview(null)
        setStarted((n) => n + 1)
      }
    }, setError).finally(() => setBusy(false))
  }
  const changed = (set: (v: string) => void) => (v: string) => {
    set(v)
    setPreview(null)
  }
  const onPreview = (e: FormEvent) => {
    e.preventDefault()
    send(true)
  }

  return (
    <form id="retry" className="retry-failed" aria-label="Retry failed deliveries" onSubmit={onPreview}>
      <h2>Retry deliveries that did not get through</h2>
      <p className="hint">Dead-lettered deliveries, and those waiting for a retry, are sent again as the same
        deliveries (same webhook-id), oldest first, no faster than the rate set.</p>
      <div className="inline-form">
        <label>Rule
          <select value={rule} onChange={(e) => changed(setRule)(e.target.value)}>
            <option value="">All rules</option>
            {rules.map((r) => <option key={r.name} value={r.name}>{r.name}</option>)}
          </select>
        </label>
        <label>Deliveries
          <select value={states} onChange={(e) => changed(setStates)(e.target.value)}>
            <option value="both">Dead-lettered and retrying</option>
            <option value="DEAD_LETTERED">Dead-lettered</option>
            <option value="RETRYABLE">Retrying</option>
          </select>
        </label>
        <label>Accepted from
          <input type="datetime-local" value={from} onChange={(e) => changed(setFrom)(e.target.value)} />
        </label>
        <label>To
          <input type="datetime-local" value={to} onChange={(e) => changed(setTo)(e.target.value)} />
        </label>
        <label>Per second
          <input type="number" min={1} max={1000} value={rate} onChange={(e) => changed(setRate)(e.target.value)} />
        </label>
        <button type="submit" disabled={busy}>Preview</button>
      </div>
      <ProblemMessage error={error} />
      {preview && (
        <p role="status">
          {preview.matched === 0 ? 'No delivery matches: nothing to retry.'
            : `${preview.matched} ${preview.matched === 1 ? 'delivery matches' : 'deliveries match'}`
              + (preview.matched > 10000 ? ' (10,000 are retried at a time)' : '') + '. '}
          {preview.matched > 0 && (
            <button type="button" className="primary" disabled={busy} onClick={() => send(false)}>
              Retry {Math.min(preview.matched, 10000)}</button>
          )}
        </p>
      )}
      {done && (
        <p role="status">Retried {done.retried} {done.retried === 1 ? 'delivery' : 'deliveries'} at
          {' '}{done.ratePerSecond}/s{done.lastDueAt ? `; the last is due at ${new Date(done.lastDueAt).toLocaleTimeString()}` : ''}.
          {done.remaining > 0 ? ` ${done.remaining} more match: preview again to retry them.` : ''}</p>
      )}
      <BulkRetries bus={bus} version={started} />
    </form>
  )
}
