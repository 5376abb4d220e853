import { useCallback, useEffect, useState } from 'react'
import { Link, useParams } from 'react-router'
import { ApiError, cancelReplay, getReplay, isActive, seg, type Replay } from '../api'
import { localTime } from '../components/archiveFormat.ts'
import ConfirmDialog from '../components/ConfirmDialog.tsx'
import ProblemMessage from '../components/ProblemMessage.tsx'
import { ReplayProgress, ReplayStateBadge } from '../components/ReplayState.tsx'
import { usePolling } from '../components/usePolling.ts'

/** How often the page looks again while the replay is starting, running or cancelling. */
export const REPLAY_REFRESH_MILLIS = 1000

/**
 * One replay: its window, rules and live progress (the page looks again every second until the replay is final),
 * Cancel (confirmed) while it starts or runs, and its events in the explorer. Route /replays/:name.
 */
export default function ReplayDetail() {
  const { name = '' } = useParams()
  const [replay, setReplay] = useState<Replay | null>(null)
  const [loadError, setLoadError] = useState<unknown>(null)
  const [cancelling, setCancelling] = useState(false)

  const load = useCallback(() => getReplay(name).then((r) => {
    setReplay(r)
    setLoadError(null)
  }, setLoadError), [name])

  useEffect(() => {
    setReplay(null)
    void load()
  }, [load])

  const shown = replay?.name === name ? replay : null
  const underWay = shown !== null && isActive(shown)
  usePolling(load, REPLAY_REFRESH_MILLIS, underWay)

  if (loadError instanceof ApiError && loadError.status === 404) {
    return (
      <section>
        <h1>Replay '{name}' does not exist</h1>
        <p><Link to="/replays">Go to the replays.</Link></p>
      </section>
    )
  }
  const canCancel = shown !== null && (shown.state === 'STARTING' || shown.state === 'RUNNING')
  return (
    <section>
      <nav className="crumbs" aria-label="Breadcrumb"><Link to="/replays">Replays</Link> › {name}</nav>
      <div className="title-row">
        <h1>Replay {name}</h1>
        {shown && <Link className="button" to={`/events?replay=${seg(shown.name)}`}>See its events</Link>}
        {canCancel && <button type="button" className="danger" onClick={() => setCancelling(true)}>Cancel replay</button>}
      </div>
      <ProblemMessage error={loadError} />
      {!shown && !loadError && <p role="status" className="loading">Loading the replay…</p>}
      {shown && (
        <>
          <p role="status" className="hint">{underWay
            ? 'The replay is under way: this page looks again every second.' : ''}</p>
          <dl className="facts" aria-label="Replay facts">
            <dt>State</dt>
            <dd><ReplayStateBadge state={shown.state} />{shown.stateReason && <> {shown.stateReason}</>}</dd>
            <dt>Progress</dt><dd><ReplayProgress replay={shown} /> events</dd>
            <dt>Deliveries</dt><dd>{shown.deliveries.toLocaleString('en')}</dd>
            <dt>Event time reached</dt><dd>{localTime(shown.eventLastReplayedTime)}</dd>
            <dt>Archive</dt><dd><Link to={`/archives/${seg(shown.archive)}`}>{shown.archive}</Link></dd>
            <dt>Bus</dt><dd><Link to={`/buses/${seg(shown.bus)}`}>{shown.bus}</Link></dd>
            <dt>Window start</dt><dd>{localTime(shown.eventStartTime)} (included)</dd>
            <dt>Window end</dt><dd>{localTime(shown.eventEndTime)} (not included)</dd>
            <dt>Rules</dt><dd>{shown.rules && shown.rules.length > 0 ? shown.rules.join(', ')
              : `every rule of ${shown.bus}`}</dd>
            <dt>Rate limit</dt><dd>{shown.rateLimitPerSecond
              ? `${shown.rateLimitPerSecond.toLocaleString('en')} events per second` : 'the server\'s default'}</dd>
            {shown.description && <><dt>Description</dt><dd>{shown.description}</dd></>}
            <dt>Created</dt><dd>{localTime(shown.createdAt)}</dd>
            <dt>Started</dt><dd>{localTime(shown.replayStartTime)}</dd>
            <dt>Finished</dt><dd>{localTime(shown.replayEndTime)}</dd>
          </dl>
        </>
      )}
      {cancelling && shown && (
        <ConfirmDialog title={`Cancel replay ${name}?`} confirmLabel="Cancel replay" cancelLabel="Keep it running"
                       onClose={() => setCancelling(false)}
                       onConfirm={async () => {
                         setReplay(await cancelReplay(name))
                       }}>
          <p>It stops before its next page of events; the {shown.eventsReplayed.toLocaleString('en')} event(s)
            replayed so far stay delivered. It cannot be resumed.</p>
        </ConfirmDialog>
      )}
    </section>
  )
}
