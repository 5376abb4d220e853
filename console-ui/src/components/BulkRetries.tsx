import { useCallback, useEffect, useState } from 'react'
import { api, seg, type BulkRetryProgress } from '../api'
import ProblemMessage from './ProblemMessage.tsx'
import { usePolling } from './usePolling.ts'
import RelativeTime from './RelativeTime.tsx'

/** How often the list looks again while a bulk retry runs. */
export const PROGRESS_MILLIS = 2_000

/** A bulk retry's counts in words: "4 of 6 delivered, 1 failed again, 1 waiting". */
export function progressText(r: BulkRetryProgress): string {
  const parts = [`${r.delivered} of ${r.total} delivered`]
  if (r.failed > 0) parts.push(`${r.failed} failed again`)
  if (r.waiting > 0) parts.push(`${r.waiting} waiting`)
  if (r.cancelled > 0) parts.push(`${r.cancelled} put back by the cancel`)
  if (r.gone > 0) parts.push(`${r.gone} past retention`)
  return parts.join(', ')
}

/**
 * The bus' latest bulk retries with their progress, looking again while one runs; a running one can be cancelled
 * (what it has not attempted yet goes back as it was). `version` changes when a new one starts.
 */
export default function BulkRetries({ bus, version }: { bus: string, version: number }) {
  const [retries, setRetries] = useState<BulkRetryProgress[]>([])
  const [error, setError] = useState<unknown>(null)
  const [cancelling, setCancelling] = useState<string | null>(null)

  const load = useCallback(() => api<{ bulkRetries: BulkRetryProgress[] }>('GET',
    `/v1/bulk-retries?bus=${encodeURIComponent(bus)}&limit=5`).then((r) => {
    setRetries(r.bulkRetries)
    setError(null)
  }, setError), [bus])
  useEffect(() => {
    void load()
  }, [load, version])
  usePolling(load, PROGRESS_MILLIS, retries.some((r) => r.state === 'RUNNING'))

  const cancel = (id: string) => {
    setCancelling(id)
    api<BulkRetryProgress>('POST', `/v1/bulk-retries/${seg(id)}:cancel`).then(() => load(), setError)
      .finally(() => setCancelling(null))
  }

  if (retries.length === 0 && !error) return null
  return (
    <div role="region" aria-label="Bulk retries">
      <h3>Latest bulk retries</h3>
      <ProblemMessage error={error} />
      <ul className="bulk-retries">
        {retries.map((r) => (
          <li key={r.id} aria-label={`Bulk retry of ${new Date(r.createdAt).toLocaleString()}`}>
            <span className={`badge bulk-${r.state.toLowerCase()}`}>{r.state}</span>
            {' '}<RelativeTime at={r.createdAt} />, {r.filter.rule ? `rule ${r.filter.rule}` : 'all rules'},
            {' '}{r.ratePerSecond}/s
            <progress max={r.total} value={r.total - r.waiting} aria-label="Attempted" />
            <span>{progressText(r)}</span>
            {r.state === 'RUNNING' && (
              <button type="button" disabled={cancelling !== null} onClick={() => cancel(r.id)}>
                {cancelling === r.id ? 'Cancelling…' : 'Cancel'}</button>
            )}
          </li>
        ))}
      </ul>
    </div>
  )
}
