import { afterEach, describe, expect, it, vi } from 'vitest'
import { cleanup, render, screen } from '@testing-library/react'
import { MemoryRouter, Route, Routes } from 'react-router'
import Events from './pages/Events.tsx'
import EventDetail from './pages/EventDetail.tsx'

function answer(status: number, body?: unknown) {
  return new Response(body === undefined ? null : JSON.stringify(body), { status, headers: { 'Content-Type': 'application/json' } })
}

afterEach(() => {
  cleanup()
  vi.unstubAllGlobals()
})

describe('Event explorer', () => {
  it('lists events with their delivery states and asks the server with the filter of the address', async () => {
    const fetch = vi.fn(async (url: string) => url.startsWith('/v1/buses')
      ? answer(200, { buses: [{ name: 'orders', ruleCount: 1, createdAt: '', updatedAt: '' }] })
      : answer(200, { events: [{ id: 'e1', bus: 'orders', ingestedAt: '2026-11-26T10:00:00Z', time: '2026-11-26T10:00:00Z',
        source: 'shop', detailType: 'Order Placed', deliveries: { DELIVERED: 1, DEAD_LETTERED: 1 } }] }))
    vi.stubGlobal('fetch', fetch)
    render(<MemoryRouter initialEntries={['/events?bus=orders']}><Routes><Route path="/events" element={<Events />} /></Routes></MemoryRouter>)
    expect(await screen.findByText('1 delivered, 1 dead lettered')).toBeTruthy()
    expect(fetch).toHaveBeenCalledWith('/v1/events?bus=orders', expect.anything())
  })

  it('shows each delivery with its attempts and a hint when nothing matched', async () => {
    vi.stubGlobal('fetch', vi.fn(async () => answer(200, { id: 'e1', bus: 'orders', ingestedAt: '2026-11-26T10:00:00Z',
      event: { source: 'shop' }, matchedRules: ['big'], deliveries: [{ id: 'd1', rule: 'big', target: 'hook',
        state: 'RETRYABLE', attempts: 1, lastError: 'HTTP 503', attemptLog: [{ attempt: 1, at: '2026-11-26T10:00:01Z',
          status: 503, latencyMillis: 12, error: 'HTTP 503' }] }] })))
    render(<MemoryRouter initialEntries={['/events/e1']}><Routes><Route path="/events/:id" element={<EventDetail />} /></Routes></MemoryRouter>)
    expect(await screen.findByRole('article', { name: 'Delivery to big/hook' })).toBeTruthy()
    expect(screen.getByText('RETRYABLE')).toBeTruthy()
    expect(screen.getByText(/HTTP 503, 12 ms/)).toBeTruthy()
  })
})
