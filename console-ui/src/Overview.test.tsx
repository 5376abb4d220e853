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
      if (url.startsWith('/v1/stats') && !url.includes('bus=')) {
        return new Promise<Response>((resolve) => { answerAll = resolve })
      }
      if (url.startsWith('/v1/stats') && url.endsWith('&bus=orders')) return stats(1)
      if (url.includes('/target-health') || url.endsWith('/rules')) return answer({ targets: [], rules: [] })
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

  it('compares delivery series on one scale, gives the success rate, and follows the chosen bus and range', async () => {
    const fetch = vi.fn(async (url: string) => {
      if (url.startsWith('/v1/stats')) {
        return answer({ from: '', to: '', bucketSeconds: 60, buckets: [
          { start: '2026-11-26T10:00:00Z', eventsIn: 50, delivered: 9, deadLettered: 1, failedAttempts: 1 },
          { start: '2026-11-26T10:01:00Z', eventsIn: 0, delivered: 0, deadLettered: 0, failedAttempts: 0 }] })
      }
      if (url === '/v1/queues') {
        return answer({ queues: ['orders-dlq', 'audit', 'other'].map((name) => ({ name, visibilityTimeoutSeconds: 30,
          messageRetentionSeconds: 60, depth: { visible: 1, inFlight: 0 }, createdAt: '', updatedAt: '' })) })
      }
      if (url === '/v1/buses/orders/rules') {
        return answer({ rules: [{ name: 'big', targets: [{ id: 'a', type: 'queue', queue: { name: 'audit' } }] }] })
      }
      if (url.startsWith('/v1/buses/orders/target-health')) {
        return answer({ bus: 'orders', window: '1h', targets: [{ rule: 'big', target: 'a', type: 'queue',
          health: 'HEALTHY', delivered: 9, attempts: 10, failedAttempts: 1, deadLettered: 0, pending: 0,
          successRate: 0.9, latencyP99Millis: 12 }] })
      }
      return answer({ buses: [{ name: 'orders', settings: { deadLetterQueue: 'orders-dlq' } }] })
    })
    vi.stubGlobal('fetch', fetch)
    render(<MemoryRouter><Overview /></MemoryRouter>)
    expect(await screen.findByText('90.0 %')).toBeTruthy()
    expect(screen.getByRole('link', { name: 'other' })).toBeTruthy()
    await screen.findByRole('option', { name: 'orders' })

    fireEvent.change(screen.getByLabelText('Range'), { target: { value: '1h' } })
    fireEvent.change(screen.getByLabelText('Bus'), { target: { value: 'orders' } })
    expect(await screen.findByRole('table', { name: 'By rule and target' })).toBeTruthy()
    expect(fetch.mock.calls.some(([url]) => String(url).startsWith('/v1/stats?bucketSeconds=60&from='))).toBe(true)
    expect(fetch).toHaveBeenCalledWith('/v1/buses/orders/target-health?window=1h', expect.anything())
    expect(screen.getByRole('link', { name: 'audit' })).toBeTruthy()
    expect(screen.getByRole('link', { name: 'orders-dlq' })).toBeTruthy()
    expect(screen.queryByRole('link', { name: 'other' })).toBeNull() // not a queue of orders
    const delivered = document.querySelector('figure[aria-label="Delivered"] .chart-top')!.textContent
    const dead = document.querySelector('figure[aria-label="Dead-lettered"] .chart-top')!.textContent
    expect([delivered, dead]).toEqual(['9', '9']) // one scale
    expect(document.querySelector('figure[aria-label="Events in"] .chart-top')!.textContent).toBe('50')
  })
})
