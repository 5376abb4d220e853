/** How archives and replays are put in words on the console's pages. */

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

/** A replay's window of event time: "7 Dec 2026, 09:00 → 10:00" style, in local time. */
export function windowText(start: string, end: string): string {
  return `${localTime(start)} → ${localTime(end)}`
}
