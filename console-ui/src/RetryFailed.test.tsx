import { afterEach, describe, expect, it, vi } from 'vitest'
import { cleanup, fireEvent, render, screen } from '@testing-library/react'
import userEvent from '@testing-library/user-event'
import RetryFailed from './components/RetryFailed.tsx'
import type { Rule } from './api'

function answer(status: number, body?: unknown) {
  return new Response(body === undefined ? null : JSON.stringify(body), { status, headers: { 'Content-Type': 'application/json' } })
}

afterEach(() => {
  cleanup()
  vi.unstubAllGlobals()
})

const rules = [{ name: 'billing' }, { name: 'audit' }] as Rule[]

describe('Retry failed deliveries', () => {
  it('previews how many match the filter, then retries them at the rate set', async () => {
    const fetch = vi.fn(async (url: string, init?: RequestInit) => {
      if (url.startsWith('/v1/bulk-retries')) return answer(200, { bulkRetries: [] })
      const body = JSON.parse(String(init?.body))
      return body.dryRun
        ? answer(200, { dryRun: true, matched: 3, retried: 0, remaining: 3, ratePerSecond: 5 })
        : answer(200, { dryRun: false, matched: 3, retried: 3, remaining: 0, ratePerSecond: 5,
          lastDueAt: '2026-12-07T15:00:00Z' })
    })
    vi.stubGlobal('fetch', fetch)
    render(<RetryFailed bus="orders" rules={rules} />)
    await userEvent.selectOptions(screen.getByLabelText('Rule'), 'billing')
    await userEvent.selectOptions(screen.getByLabelText('Deliveries'), 'DEAD_LETTERED')
    fireEvent.change(screen.getByLabelText('Per second'), { target: { value: '5' } })
    await userEvent.click(screen.getByRole('button', { name: 'Preview' }))

    expect(await screen.findByText(/3 deliveries match/)).toBeTruthy()
    const retries = () => fetch.mock.calls.filter(([url]) => url === '/v1/deliveries:retry')
    const sent = JSON.parse(String(retries()[0][1]?.body))
    expect(sent).toEqual({ bus: 'orders', rule: 'billing', states: ['DEAD_LETTERED'], ratePerSecond: 5, dryRun: true })

    await userEvent.click(screen.getByRole('button', { name: 'Retry 3' }))
    expect(await screen.findByText(/Retried 3 deliveries at 5\/s; the last is due at/)).toBeTruthy()
    expect(JSON.parse(String(retries()[1][1]?.body)).dryRun).toBe(false)
  })

  it('follows the latest bulk retry until it is done, and cancels a running one', async () => {
    const running = { id: 'b1', bus: 'orders', filter: { rule: 'billing' }, ratePerSecond: 1,
      createdAt: '2026-12-07T15:00:00Z', createdBy: 'admin', state: 'RUNNING', total: 6, delivered: 2, failed: 1,
      waiting: 3, cancelled: 0, gone: 0 }
    const cancelled = { ...running, state: 'CANCELLED', waiting: 0, cancelled: 3 }
    let current: object = running
    const fetch = vi.fn(async (url: string, init?: RequestInit) => {
      if (url.endsWith(':cancel') && init?.method === 'POST') current = cancelled
      return answer(200, url.endsWith(':cancel') ? current : { bulkRetries: [current] })
    })
    vi.stubGlobal('fetch', fetch)
    render(<RetryFailed bus="orders" rules={rules} />)
    expect(await screen.findByText('2 of 6 delivered, 1 failed again, 3 waiting')).toBeTruthy()
    expect(fetch).toHaveBeenCalledWith('/v1/bulk-retries?bus=orders&limit=5', expect.anything())
    expect(screen.getByText('RUNNING')).toBeTruthy()

    await userEvent.click(screen.getByRole('button', { name: 'Cancel' }))
    expect(await screen.findByText('2 of 6 delivered, 1 failed again, 3 put back by the cancel')).toBeTruthy()
    expect(fetch).toHaveBeenCalledWith('/v1/bulk-retries/b1:cancel', expect.objectContaining({ method: 'POST' }))
    expect(screen.queryByRole('button', { name: 'Cancel' })).toBeNull()
  })

  it('says when nothing matches, and a changed filter needs a new preview', async () => {
    vi.stubGlobal('fetch', vi.fn(async (url: string) => answer(200, url.startsWith('/v1/bulk-retries')
      ? { bulkRetries: [] } : { dryRun: true, matched: 0, retried: 0, remaining: 0, ratePerSecond: 20 })))
    render(<RetryFailed bus="orders" rules={rules} />)
    await userEvent.click(screen.getByRole('button', { name: 'Preview' }))
    expect(await screen.findByText('No delivery matches: nothing to retry.')).toBeTruthy()
    await userEvent.selectOptions(screen.getByLabelText('Rule'), 'audit')
    expect(screen.queryByText('No delivery matches: nothing to retry.')).toBeNull()
  })

  it('shows the server problem at the form', async () => {
    vi.stubGlobal('fetch', vi.fn(async (url: string) => url.startsWith('/v1/bulk-retries')
      ? answer(200, { bulkRetries: [] })
      : new Response(JSON.stringify({ type: 'urn:eventbus:problem:ValidationError', title: 'Invalid request',
        status: 400, detail: 'to must be after from', code: 'ValidationError' }),
      { status: 400, headers: { 'Content-Type': 'application/problem+json' } })))
    render(<RetryFailed bus="orders" rules={rules} />)
    await userEvent.click(screen.getByRole('button', { name: 'Preview' }))
    expect(await screen.findByText(/to must be after from/)).toBeTruthy()
  })
})
