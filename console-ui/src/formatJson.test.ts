import { describe, expect, it } from 'vitest'
import { formatJson } from './components/formatJson.ts'

describe('formatJson', () => {
  it('keeps what fits on one line and breaks the rest one member per line', () => {
    expect(formatJson({ source: ['shop.orders'] })).toBe('{"source": ["shop.orders"]}')
    expect(formatJson({ source: ['shop.orders'], detail: { total: [{ numeric: ['>', 100] }] } }, 40)).toBe(
      '{\n  "source": ["shop.orders"],\n  "detail": {"total": [{"numeric": [">", 100]}]}\n}')
    expect(formatJson({ a: [], b: {}, c: null, d: 'x, "y"' }, 10)).toBe(
      '{\n  "a": [],\n  "b": {},\n  "c": null,\n  "d": "x, \\"y\\""\n}')
  })

  it('gives JSON that reads back as the same value', () => {
    const event = { version: '0', 'detail-type': 'Order Placed', detail: { items: [{ sku: 'a', n: 2 }, { sku: 'b', n: 1 }] } }
    expect(JSON.parse(formatJson(event, 20))).toEqual(event)
  })
})
