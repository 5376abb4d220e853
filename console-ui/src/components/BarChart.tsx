import type { StatsBucket } from '../api'

interface Props {
  title: string
  buckets: StatsBucket[]
  value: (b: StatsBucket) => number
  tone: 'neutral' | 'good' | 'bad'
}

/** A small bar chart of one count per time bucket, in SVG; the total and the peak are given as text too. */
export default function BarChart({ title, buckets, value, tone }: Props) {
  const values = buckets.map(value)
  const max = Math.max(1, ...values)
  const total = values.reduce((a, b) => a + b, 0)
  const width = 480
  const height = 96
  const bar = width / Math.max(1, values.length)
  return (
    <figure className={`chart chart-${tone}`} aria-label={title}>
      <figcaption><strong>{title}</strong> <span className="hint">{total.toLocaleString()} in all</span></figcaption>
      <svg viewBox={`0 0 ${width} ${height}`} width="100%" height={height} role="img"
           aria-label={`${title}: ${total} in all, at most ${Math.max(...values, 0)} per bucket`}>
        {values.map((v, i) => {
          const h = (v / max) * (height - 4)
          return (
            <rect key={buckets[i].start} x={i * bar + 1} y={height - h} width={Math.max(1, bar - 2)} height={h}>
              <title>{`${new Date(buckets[i].start).toLocaleString()}: ${v}`}</title>
            </rect>
          )
        })}
      </svg>
    </figure>
  )
}
