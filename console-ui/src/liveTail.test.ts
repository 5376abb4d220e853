import { describe, expect, it } from 'vitest'
import type { EventSummary } from './api'
import { arrived, mergeNewest } from './components/liveTail.ts'

const at = (second: number, id = `e${second}`, deliveries: Record<string, number> = {}): EventSummary => ({
  id, bus: 'b', ingestedAt: `2026-12-07T10:00:${String(second).padStart(2, '0')}Z`, time: '', source: 's',
  detailType: 't', deliveries,
})

describe('live tail', () => {
  it('puts new events on top and brings the delivery counts of shown ones up to date', () => {
    const shown = [at(3, 'e3', { AVAILABLE: 1 }), at(2), at(1)]
    const fresh = [at(5), at(4), at(3, 'e3', { DELIVERED: 1 })]
    const merged = mergeNewest(shown, fresh, true)
    expect(merged.restart).toBe(false)
    expect(merged.events.map((e) => e.id)).toEqual(['e5', 'e4', 'e3', 'e2', 'e1'])
    expect(merged.events[2].deliveries).toEqual({ DELIVERED: 1 })
    expect([...arrived(shown, merged.events)]).toEqual([`e5/${at(5).ingestedAt}`, `e4/${at(4).ingestedAt}`])
  })

  it('starts over when more arrived than a page holds, instead of hiding those between', () => {
    const merged = mergeNewest([at(2), at(1)], [at(9), at(8)], true)
    expect(merged.restart).toBe(true)
    expect(merged.events.map((e) => e.id)).toEqual(['e9', 'e8'])
  })

  it('joins a fresh page that is the whole listing however far apart', () => {
    const merged = mergeNewest([at(2), at(1)], [at(9), at(8)], false)
    expect(merged.restart).toBe(false)
    expect(merged.events.map((e) => e.id)).toEqual(['e9', 'e8', 'e2', 'e1'])
  })

  it('orders rows of the same instant by id, as the server does', () => {
    const merged = mergeNewest([at(1, 'a')], [at(1, 'c'), at(1, 'b')], false)
    expect(merged.events.map((e) => e.id)).toEqual(['c', 'b', 'a'])
  })
})
