import { describe, expect, it } from 'vitest'
import { deliveryWait } from './components/deliveryWait.ts'
import type { EventDelivery } from './api'

const at = (instant: string) => `<${instant}>`
const delivery = (fields: Partial<EventDelivery>): EventDelivery => ({ id: 'd1', rule: 'r', target: 't', state: 'AVAILABLE',
  attempts: 0, attemptLog: [], ...fields })

describe('deliveryWait', () => {
  it('says why a held delivery waits and until when', () => {
    expect(deliveryWait(delivery({ heldBy: 'CIRCUIT_OPEN', attempts: 3, nextAttemptAt: 'T1' }), at))
      .toBe('Circuit open: its target failed too often, so deliveries to it wait; next try <T1> (no attempt spent).')
    expect(deliveryWait(delivery({ heldBy: 'RATE_LIMITED', nextAttemptAt: 'T2' }), at))
      .toBe("Rate limited: its target's rate limit is used up for now; next try <T2> (no attempt spent).")
  })

  it('counts attempts against the retry policy when it is known', () => {
    expect(deliveryWait(delivery({ state: 'RETRYABLE', attempts: 3, maxAttempts: 10, nextAttemptAt: 'T3' }), at))
      .toBe('Retrying: attempt 3 of 10 failed; attempt 4 at <T3>.')
    expect(deliveryWait(delivery({ state: 'RETRYABLE', attempts: 1, nextAttemptAt: 'T3' }), at))
      .toBe('Retrying: attempt 1 failed; attempt 2 at <T3>.')
    expect(deliveryWait(delivery({ state: 'RUNNING', attempts: 2, maxAttempts: 186 }), at)).toBe('Attempt 2 of 186 is under way.')
    expect(deliveryWait(delivery({ state: 'DEAD_LETTERED', attempts: 1 }), at)).toBe('Given up after 1 attempt: dead-lettered.')
  })

  it('tells a new delivery from one due again', () => {
    expect(deliveryWait(delivery({}), at)).toBe('Waiting for its first attempt.')
    expect(deliveryWait(delivery({ attempts: 2, maxAttempts: 3 }), at)).toBe('Due again: attempt 3 of 3 waits for a worker.')
  })
})
