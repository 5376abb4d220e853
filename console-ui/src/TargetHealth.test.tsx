import { afterEach, describe, expect, it, vi } from 'vitest'
import { cleanup, render, screen, waitFor, within } from '@testing-library/react'
import userEvent from '@testing-library/user-event'
import { MemoryRouter, Route, Routes } from 'react-router'
import TargetHealth from './pages/TargetHealth.tsx'

function answer(status: number, body?: unknown) {
  return new Response(body === undefined ? null : JSON.stringify(body), { status, headers: { 'Content-Type': 'application/json' } })
}

afterEach(() => {
  cleanup()
  vi.unstubAllGlobals()
})

const page = (window: string) => ({ bus: 'orders', window, targets: [
  { rule: 'billing', target: 'hook', type: 'webhook', health: 'FAILING', delivered: 2, attempts: 6, failedAttempts: 4,
    deadLettered: 1, pending: 3, successRate: 0.3333, latencyP50Millis: 12, latencyP99Millis: 250,
    circuitOpenUntil: '2026-12-07T19:27:00Z', lastError: 'HTTP 503', lastErrorAt: '2026-12-07T19:26:30Z' },
  { rule: 'audit', target: 'log', type: 'queue', health: 'IDLE', delivered: 0, attempts: 0, failedAttempts: 0,
    deadLettered: 0, pending: 0 },
] })

function renderAt(path: string) {
  render(<MemoryRouter initialEntries={[path]}><Routes>
    <Route path="/buses/:bus/health" element={<TargetHealth />} /></Routes></MemoryRouter>)
}

describe('Target health', () => {
  it('shows each target with its verdict, figures, open circuit and last error, failing ones counted', async () => {
    vi.stubGlobal('fetch', vi.fn(async () => answer(200, page('1h'))))
    renderAt('/buses/orders/health')
    const failing = await screen.findByRole('row', { name: 'billing/hook' })
    expect(within(failing).getByText('Failing').className).toContain('health-failing')
    expect(within(failing).getByText(/circuit open, next try/)).toBeTruthy()
    expect(within(failing).getByText('33.3 %')).toBeTruthy()
    expect(within(failing).getByText('12 / 250 ms')).toBeTruthy()
    expect(within(failing).getByText('HTTP 503')).toBeTruthy()
    expect(within(failing).getByRole('link', { name: 'Failed events' }).getAttribute('href'))
      .toBe('/events?bus=orders&delivery=failed&rule=billing&target=hook')
    expect(within(screen.getByRole('row', { name: 'audit/log' })).getByText('Idle')).toBeTruthy()
    expect(screen.getByText(/1 target is failing/)).toBeTruthy()
    expect(screen.getByRole('link', { name: /Retry its failed deliveries/ }).getAttribute('href')).toBe('/buses/orders#retry')
  })

  it('asks for the window chosen', async () => {
    const fetch = vi.fn(async (url: string) => answer(200, page(url.endsWith('24h') ? '24h' : '1h')))
    vi.stubGlobal('fetch', fetch)
    renderAt('/buses/orders/health')
    await screen.findByRole('row', { name: 'billing/hook' })
    expect(fetch).toHaveBeenCalledWith('/v1/buses/orders/target-health?window=1h', expect.anything())
    await userEvent.selectOptions(screen.getByLabelText('Over the last'), '24h')
    await waitFor(() => expect(fetch).toHaveBeenLastCalledWith('/v1/buses/orders/target-health?window=24h',
      expect.anything()))
  })
})
