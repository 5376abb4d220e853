import { useEffect, useState } from 'react'

const UNITS: [Intl.RelativeTimeFormatUnit, number][] = [
  ['year', 365 * 86_400], ['month', 30 * 86_400], ['week', 7 * 86_400], ['day', 86_400], ['hour', 3_600],
  ['minute', 60],
]
const FORMAT = new Intl.RelativeTimeFormat('en', { numeric: 'always' })

/**
 * How long ago `at` was, in words ("3 minutes ago", "2 days ago"): "just now" under a minute, and for a time a little
 * ahead of this browser's clock (the server's clock runs ahead of it).
 */
export function timeAgo(at: Date, now: Date): string {
  const seconds = Math.floor((now.getTime() - at.getTime()) / 1000)
  for (const [unit, length] of UNITS) {
    if (seconds >= length) return FORMAT.format(-Math.floor(seconds / length), unit)
  }
  return 'just now'
}

/** A past moment as "3 minutes ago", the exact local time in its title; it keeps up as time goes by. */
export default function RelativeTime({ at }: { at: string }) {
  const [now, setNow] = useState(() => new Date())
  useEffect(() => {
    const timer = setInterval(() => setNow(new Date()), 30_000)
    return () => clearInterval(timer)
  }, [])
  const date = new Date(at)
  return <time dateTime={at} title={date.toLocaleString()}>{timeAgo(date, now)}</time>
}
