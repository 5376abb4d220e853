import { useEffect, useState } from 'react'
import { Link } from 'react-router'
import { api, seg, type Stats } from '../api'
import { percent, successRate, totals } from './stats.ts'

/**
 * A bus' own figures over the last 24 hours (events in, delivered, failed attempts, dead-lettered, success rate),
 * each linked to the events it counts.
 */
export default function BusFigures({ bus }: { bus: string }) {
  const [stats, setStats] = useState<Stats | null>(null)

  useEffect(() => {
    let current = true
    const from = new Date(Date.now() - 86_400_000).toISOString()
    api<Stats>('GET', `/v1/stats?bus=${seg(bus)}&bucketSeconds=3600&from=${encodeURIComponent(from)}`)
      .then((s) => current && setStats(s), () => undefined)
    return () => {
      current = false
    }
  }, [bus])

  if (stats === null) return null
  const t = totals(stats)
  const rate = successRate(stats)
  const events = (filter: string) => `/events?bus=${encodeURIComponent(bus)}${filter}`
  return (
    <dl className="figures" aria-label={`Figures of ${bus}, last 24 hours`}>
      <div><dt>Events in, 24 h</dt><dd><Link to={events('')}>{t.eventsIn.toLocaleString()}</Link></dd></div>
      <div><dt>Delivered</dt><dd><Link to={events('&delivery=delivered')}>{t.delivered.toLocaleString()}</Link></dd></div>
      <div><dt>Failed attempts</dt><dd><Link to={events('&delivery=failed')}>{t.failedAttempts.toLocaleString()}</Link></dd></div>
      <div><dt>Dead-lettered</dt><dd><Link to={events('&delivery=dead-lettered')}>{t.deadLettered.toLocaleString()}</Link></dd></div>
      <div><dt>Success rate</dt><dd>{percent(rate)}</dd></div>
    </dl>
  )
}
