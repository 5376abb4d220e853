/** How archives and replays are put in words on the console's pages, and what is checked before sending. */
import { ApiError } from '../api'

const UNITS = ['bytes', 'KB', 'MB', 'GB', 'TB']

/** A size as people read it: "512 bytes", "400 KB", "1.5 GB" (1 KB = 1024 bytes). */
export function humanBytes(bytes: number): string {
  let value = bytes
  let unit = 0
  while (value >= 1024 && unit < UNITS.length - 1) {
    value /= 1024
    unit++
  }
  if (unit === 0) return `${bytes} ${bytes === 1 ? 'byte' : 'bytes'}`
  return `${value >= 10 ? Math.round(value) : Number(value.toFixed(1))} ${UNITS[unit]}`
}

/** An archive's retention: "forever" for 0, else "N days". */
export function retentionText(days: number | null | undefined): string {
  if (!days) return 'forever'
  return days === 1 ? '1 day' : `${days} days`
}

/** A pattern on one line, cut at `max` characters; "every event" when there is none. */
export function patternSummary(pattern: unknown, max = 60): string {
  if (pattern === null || pattern === undefined || pattern === '') return 'every event'
  let text: string
  if (typeof pattern === 'string') {
    try {
      text = JSON.stringify(JSON.parse(pattern))
    } catch {
      text = pattern
    }
  } else {
    text = JSON.stringify(pattern)
  }
  return text.length > max ? `${text.slice(0, max - 1)}…` : text
}

/** A moment in local time, or a dash when there is none. */
export function localTime(instant: string | null | undefined): string {
  return instant ? new Date(instant).toLocaleString() : '—'
}

/** A replay's window of event time, start → end, in local time. */
export function windowText(start: string, end: string): string {
  return `${localTime(start)} → ${localTime(end)}`
}

/** Retention in days as typed: empty is forever (0); otherwise a whole number of days from 0 to 36500. */
export function retentionProblem(days: string): ApiError | null {
  if (days.trim() === '') return null
  const n = Number(days)
  if (!Number.isInteger(n) || n < 0 || n > 36500) {
    return new ApiError(0, 'ValidationError', 'Keep events for 0 (forever) to 36500 days, in whole days.',
      'retentionDays')
  }
  return null
}
