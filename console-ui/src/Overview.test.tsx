import { afterEach, describe, expect, it, vi } from 'vitest'
import { cleanup, fireEvent, render, screen } from '@testing-library/react'
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

  it('shows the chosen bus even when the answer for all buses comes after it', async () => {
    let answerAll: (r: Response) => void = () => undefined
    const stats = (eventsIn: number) => answer({ from: '', to: '', bucketSeconds: 3600, buckets: [
      { start: '2026-11-26T10:00:00Z', eventsIn, delivered: 0, deadLettered: 0, failedAttempts: 0 }] })
    vi.stubGlobal('fetch', vi.fn(async (url: string) => {
      if (url === '/v1/stats?bucketSeconds=3600') return new Promise<Response>((resolve) => { answerAll = resolve })
      if (url.startsWith('/v1/stats?bucketSeconds=3600&bus=orders')) return stats(1)
      if (url.startsWith('/v1/queues')) return answer({ queues: [] })
      return answer({ buses: [{ name: 'orders' }] })
    }))
    render(<MemoryRouter><Overview /></MemoryRouter>)
    await screen.findByRole('option', { name: 'orders' })

    fireEvent.change(screen.getByLabelText('Bus'), { target: { value: 'orders' } })
    expect(await screen.findByRole('img', { name: /^Events in: 1 in all/ })).toBeTruthy()
    answerAll(stats(3))
    await new Promise((r) => setTimeout(r, 50))

    expect(screen.getByRole('img', { name: /^Events in: 1 in all/ })).toBeTruthy()
  })
})
