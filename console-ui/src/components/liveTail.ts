import type { EventSummary } from '../api'

/** How often the explorer looks for new events while it follows them. */
export const TAIL_MILLIS = 2_000

const key = (e: EventSummary) => `${e.id}/${e.ingestedAt}`

/** Newest first, as the server lists them: by ingestion time, then id. */
function newestFirst(a: EventSummary, b: EventSummary): number {
  if (a.ingestedAt !== b.ingestedAt) return a.ingestedAt < b.ingestedAt ? 1 : -1
  return a.id < b.id ? 1 : a.id > b.id ? -1 : 0
}

/**
 * What the list shows after a fresh first page: the fresh rows (new events, and delivery counts that moved on) in
 * place of their old copies, above what was shown. When the fresh page has more after it and its oldest row is newer
 * than everything shown, events came faster than one page, and joining the two would hide those between: the fresh
 * page replaces the list (`restart`), with its own cursor.
 */
export function mergeNewest(shown: EventSummary[], fresh: EventSummary[], freshHasMore: boolean):
  { events: EventSummary[], restart: boolean } {
  const oldestFresh = fresh[fresh.length - 1]
  const gap = freshHasMore && oldestFresh !== undefined && shown.length > 0
    && !shown.some((e) => key(e) === key(oldestFresh) || newestFirst(e, oldestFresh) <= 0)
  if (gap || shown.length === 0) return { events: fresh, restart: true }
  const freshKeys = new Set(fresh.map(key))
  return { events: [...fresh, ...shown.filter((e) => !freshKeys.has(key(e)))].sort(newestFirst), restart: false }
}

/** The keys of rows in `after` that `before` did not have: the rows to mark as new. */
export function arrived(before: EventSummary[], after: EventSummary[]): Set<string> {
  const seen = new Set(before.map(key))
  return new Set(after.map(key).filter((k) => !seen.has(k)))
}

export { key as eventKey }
