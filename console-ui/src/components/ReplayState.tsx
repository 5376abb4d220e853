import type { Replay, ReplayState } from '../api'

const WORDS: Record<ReplayState, string> = {
  STARTING: 'Starting', RUNNING: 'Running', CANCELLING: 'Cancelling', COMPLETED: 'Completed', CANCELLED: 'Cancelled',
  FAILED: 'Failed',
}

/** A replay's state as a coloured badge. */
export function ReplayStateBadge({ state }: { state: ReplayState }) {
  return <span className={`badge replay-${state.toLowerCase()}`}>{WORDS[state] ?? state}</span>
}

/**
 * How far a replay is: a bar of eventsReplayed of eventsTotal, with the numbers in words; the total is "counting"
 * until a data plane has counted the window.
 */
export function ReplayProgress({ replay }: { replay: Replay }) {
  const total = replay.eventsTotal
  const done = replay.eventsReplayed
  const counted = total !== null && total !== undefined
  const text = counted ? `${done.toLocaleString('en')} of ${total.toLocaleString('en')}`
    : `${done.toLocaleString('en')} of (counting…)`
  return (
    <span className="replay-progress">
      <progress aria-label={`Progress of replay ${replay.name}`} max={counted ? Math.max(total, 1) : undefined}
                value={counted ? (total === 0 ? 1 : Math.min(done, total)) : undefined} />
      <span>{text}</span>
    </span>
  )
}
