import type { Stats } from '../api'

/** The sums of the counts over a range's buckets. */
export function totals(stats: Stats) {
  const sum = (f: (b: Stats['buckets'][number]) => number) => stats.buckets.reduce((n, b) => n + f(b), 0)
  return { eventsIn: sum((b) => b.eventsIn), delivered: sum((b) => b.delivered),
    failedAttempts: sum((b) => b.failedAttempts), deadLettered: sum((b) => b.deadLettered) }
}

/** Of the attempts in the range, the share that got through: delivered / (delivered + failed attempts). */
export function successRate(stats: Stats): number | null {
  const { delivered, failedAttempts } = totals(stats)
  return delivered + failedAttempts === 0 ? null : delivered / (delivered + failedAttempts)
}

/** A rate as the console shows it: "95.0 %", "100 %", or "—" without one. */
export function percent(rate: number | null): string {
  return rate === null ? '—' : `${(rate * 100).toFixed(rate === 1 ? 0 : 1)} %`
}
