/** A datetime-local value ("2026-11-26T10:00"), which is local time, as an ISO instant for the server. */
export function toInstant(local: string): string {
  const at = new Date(local)
  return Number.isNaN(at.getTime()) ? local : at.toISOString()
}

/**
 * An instant as a datetime-local value: local time, to the minute. Rounded down by default; rounded up for the end
 * of a window that must still hold the instant's second.
 */
export function toLocalInput(instant: string | Date | null, round: 'down' | 'up' = 'down'): string {
  if (!instant) return ''
  const at = new Date(instant)
  if (Number.isNaN(at.getTime())) return ''
  if (round === 'up' && (at.getSeconds() > 0 || at.getMilliseconds() > 0)) {
    at.setSeconds(0, 0)
    at.setMinutes(at.getMinutes() + 1)
  }
  const two = (n: number) => String(n).padStart(2, '0')
  return `${at.getFullYear()}-${two(at.getMonth() + 1)}-${two(at.getDate())}T${two(at.getHours())}:${two(at.getMinutes())}`
}
