import { useCallback, useEffect, useState } from 'react'
import { Link } from 'react-router'
import { isActive, listReplays, seg, type Replay } from '../api'
import { windowText } from '../components/archiveFormat.ts'
import ProblemMessage from '../components/ProblemMessage.tsx'
import RelativeTime from '../components/RelativeTime.tsx'
import { ReplayProgress, ReplayStateBadge } from '../components/ReplayState.tsx'
import { usePolling } from '../components/usePolling.ts'

/** How often the list looks again while a replay is starting, running or cancelling. */
export const REPLAYS_REFRESH_MILLIS = 2000

/** Replays, newest first, with their state and progress; the list keeps up by itself while one is under way. */
export default function Replays() {
  const [replays, setReplays] = useState<Replay[] | null>(null)
  const [loadError, setLoadError] = useState<unknown>(null)

  const load = useCallback(() => listReplays().then((list) => {
    setReplays(list)
    setLoadError(null)
  }, setLoadError), [])

  useEffect(() => {
    void load()
  }, [load])

  const underWay = replays?.some(isActive) ?? false
  usePolling(load, REPLAYS_REFRESH_MILLIS, underWay)

  return (
    <section>
      <div className="title-row">
        <h1>Replays</h1>
        <button type="button" onClick={() => void load()}>Refresh</button>
        <Link className="button primary" to="/replays/new">Start replay</Link>
      </div>
      <p className="hint">A replay puts the events of an archive from a window of event time through the rules of its
        bus again. Their deliveries carry a <code>replay-name</code> field.</p>
      <ProblemMessage error={loadError} />
      {replays === null && !loadError && <p role="status" className="loading">Loading replays…</p>}
      {replays !== null && replays.length === 0 && (
        <p className="empty">No replays yet. Start one from an archive, a bus' page or the page of an event whose
          delivery failed. Replays need an <Link to="/archives">archive</Link>.</p>
      )}
      <p role="status" className="hint">{underWay ? 'A replay is under way: this list looks again every 2 seconds.' : ''}</p>
      {replays !== null && replays.length > 0 && (
        <div className="table-scroll">
          <table aria-label="Replays">
            <thead>
              <tr><th>Name</th><th>Archive</th><th>Window (event time)</th><th>State</th><th>Progress</th>
                <th className="num">Deliveries</th><th>Created</th></tr>
            </thead>
            <tbody>
              {replays.map((r) => (
                <tr key={r.name}>
                  <td className="name"><Link to={`/replays/${seg(r.name)}`}>{r.name}</Link></td>
                  <td><Link to={`/archives/${seg(r.archive)}`}>{r.archive}</Link></td>
                  <td>{windowText(r.eventStartTime, r.eventEndTime)}</td>
                  <td><ReplayStateBadge state={r.state} /></td>
                  <td><ReplayProgress replay={r} /></td>
                  <td className="num">{r.deliveries.toLocaleString('en')}</td>
                  <td><RelativeTime at={r.createdAt} /></td>
                </tr>
              ))}
            </tbody>
          </table>
        </div>
      )}
    </section>
  )
}
