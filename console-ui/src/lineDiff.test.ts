import { describe, expect, it } from 'vitest'
import { lineDiff } from './components/lineDiff.ts'

describe('lineDiff', () => {
  it('keeps common lines and marks what was removed and added', () => {
    expect(lineDiff('a\nb\nc', 'a\nx\nc\nd')).toEqual([
      { kind: 'same', text: 'a' },
      { kind: 'removed', text: 'b' },
      { kind: 'added', text: 'x' },
      { kind: 'same', text: 'c' },
      { kind: 'added', text: 'd' },
    ])
  })

  it('shows the same text as unchanged and an empty side as all added or removed', () => {
    expect(lineDiff('a\nb', 'a\nb').every((l) => l.kind === 'same')).toBe(true)
    expect(lineDiff('', 'a').map((l) => l.kind)).toEqual(['removed', 'added'])
    expect(lineDiff('a\nb', 'b').map((l) => l.kind)).toEqual(['removed', 'same'])
  })
})
