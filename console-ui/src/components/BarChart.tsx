import type { StatsBucket } from '../api'

interface Props {
  title: string
  buckets: StatsBucket[]
  value: (b: StatsBucket) => number
  tone: 'neutral' | 'good' | 'bad'
  /** The top of the scale, when charts are compared on one; else this chart's own peak. */
  max?: number
  /** How long one bucket is, for the tooltips and the axis. */
  bucketSeconds: number
}

/** An axis label: the time of day within two days, the date beyond. */
export function axisLabel(at: Date, bucketSeconds: number): string {
  return bucketSeconds >= 6 * 3600
    ? at.toLocaleDateString(undefined, { month: 'short', day: 'numeric' })
    : at.toLocaleTimeString(undefined, { hour: '2-digit', minute: '2-digit' })
}

/**
 * A bar chart of one count per time bucket, in SVG, as wide as its card: a tooltip on each bar (its time and count),
 * a time axis (first, middle and last bucket), the scale's top, and the total and peak as text too.
 */
export default function BarChart({ title, buckets, value, tone, max, bucketSeconds }: Props) {
  const values = buckets.map(value)
  const peak = Math.max(0, ...values)
  const top = Math.max(1, max ?? peak)
  const total = values.reduce((a, b) => a + b, 0)
  const width = 600
  const height = 110
  const bar = width / Math.max(1, values.length)
  const ticks = buckets.length === 0 ? [] : [...new Set([0, Math.floor((buckets.length - 1) / 2), buckets.length - 1])]
  return (
    <figure className={`chart chart-${tone}`} aria-label={title}>
      <figcaption><strong>{title}</strong> <span className="hint">{total.toLocaleString()} in all</span></figcaption>
      <div className="chart-plot">
        <span className="chart-top hint" aria-hidden="true">{top.toLocaleString()}</span>
        <svg viewBox={`0 0 ${width} ${height}`} width="100%" height={height} preserveAspectRatio="none" role="img"
             aria-label={`${title}: ${total} in all, at most ${peak} per bucket`}>
          <line x1={0} y1={height - 0.5} x2={width} y2={height - 0.5} className="chart-baseline" />
          {values.map((v, i) => {
            const h = (v / top) * (height - 4)
            const start = new Date(buckets[i].start)
            const end = new Date(start.getTime() + bucketSeconds * 1000)
            return (
              <g key={buckets[i].start} className="chart-bar">
                {/* the whole column takes the pointer, so a bucket of 0 has its tooltip too */}
                <rect x={i * bar} y={0} width={bar} height={height} className="chart-hit" />
                <rect x={i * bar + 1} y={height - h} width={Math.max(1, bar - 2)} height={h} />
                <title>{`${start.toLocaleString()} – ${end.toLocaleTimeString()}: ${v.toLocaleString()}`}</title>
              </g>
            )
          })}
        </svg>
      </div>
      <div className="chart-axis hint" aria-hidden="true">
        {ticks.map((i) => <span key={i}>{axisLabel(new Date(buckets[i].start), bucketSeconds)}</span>)}
      </div>
    </figure>
  )
}
