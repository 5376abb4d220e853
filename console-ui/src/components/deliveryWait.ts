import type { EventDelivery } from '../api'

/**
 * In plain words, where a delivery stands and what it waits for: "Circuit open: … next try 19:27", "Retrying:
 * attempt 4 of 10 at …". The state's badge says the state; this says why and until when. {@code at} formats an
 * instant (the caller's locale and zone).
 */
export function deliveryWait(d: EventDelivery, at: (instant: string) => string = localTime): string {
  const next = d.nextAttemptAt ? at(d.nextAttemptAt) : 'soon'
  const of = d.maxAttempts ? ` of ${d.maxAttempts}` : ''
  switch (d.state) {
    case 'AVAILABLE':
      if (d.heldBy === 'CIRCUIT_OPEN') {
        return `Circuit open: its target failed too often, so deliveries to it wait; next try ${next} (no attempt spent).`
      }
      if (d.heldBy === 'RATE_LIMITED') {
        return `Rate limited: its target's rate limit is used up for now; next try ${next} (no attempt spent).`
      }
      return d.attempts === 0 ? 'Waiting for its first attempt.' : `Due again: attempt ${d.attempts + 1}${of} waits for a worker.`
    case 'RUNNING':
      return `Attempt ${d.attempts}${of} is under way.`
    case 'RETRYABLE':
      return `Retrying: attempt ${d.attempts}${of} failed; attempt ${d.attempts + 1} at ${next}.`
    case 'DEAD_LETTERED':
      return `Given up after ${d.attempts} attempt${d.attempts === 1 ? '' : 's'}: dead-lettered.`
    case 'DELIVERED':
      return `Delivered at attempt ${d.attempts}.`
    default:
      return ''
  }
}

function localTime(instant: string): string {
  return new Date(instant).toLocaleString()
}
