import { afterEach, describe, expect, it, vi } from 'vitest'
import { cleanup, render, screen } from '@testing-library/react'
import { MemoryRouter } from 'react-router'
import Overview from './pages/Overview.tsx'

function answer(body: unknown) {
  return new Response(JSON.stringify(body), { status: 200, headers: { 'Content-Type': 'application/json' } })
}

afterEach(() => {
  cleanup()
  vi.unstubAllGlobals()
})

describe('Overview', () => {
  it('charts the counts per bucket with their totals and lists queue depths', async () => {
    vi.stubGlobal('fetch', vi.fn(async (url: string) => {
      if (url.startsWith('/v1/stats')) {
        return answer({ from: '', to: '', bucketSeconds: 3600, buckets: [
          { start: '2026-11-26T10:00:00Z', eventsIn: 5, delivered: 4, deadLettered: 1, failedAttempts: 2 },
          { start: '2026-11-26T11:00:00Z', eventsIn: 7, delivered: 7, deadLettered: 0, failedAttempts: 0 }] })
      }
      if (url.startsWith('/v1/queues')) {
        return answer({ queues: [{ name: 'orders-dlq', visibilityTimeoutSeconds: 30, messageRetentionSeconds: 60,
          depth: { visible: 3, inFlight: 0 }, createdAt: '', updatedAt: '' }] })
      }
      return answer({ buses: [] })
    }))
    render(<MemoryRouter><Overview /></MemoryRouter>)
    expect(await screen.findByRole('img', { name: 'Events in: 12 in all, at most 7 per bucket' })).toBeTruthy()
    expect(screen.getByRole('img', { name: 'Dead-lettered: 1 in all, at most 1 per bucket' })).toBeTruthy()
    expect(await screen.findByRole('link', { name: 'orders-dlq' })).toBeTruthy()
  })
})
