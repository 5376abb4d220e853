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
    const fetch = vi.fn(async (_url: string, init?: RequestInit) => {
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
    const sent = JSON.parse(String(fetch.mock.calls[0][1]?.body))
    expect(fetch.mock.calls[0][0]).toBe('/v1/deliveries:retry')
    expect(sent).toEqual({ bus: 'orders', rule: 'billing', states: ['DEAD_LETTERED'], ratePerSecond: 5, dryRun: true })

    await userEvent.click(screen.getByRole('button', { name: 'Retry 3' }))
    expect(await screen.findByText(/Retried 3 deliveries at 5\/s; the last is due at/)).toBeTruthy()
    expect(JSON.parse(String(fetch.mock.calls[1][1]?.body)).dryRun).toBe(false)
  })

  it('says when nothing matches, and a changed filter needs a new preview', async () => {
    vi.stubGlobal('fetch', vi.fn(async () => answer(200, { dryRun: true, matched: 0, retried: 0, remaining: 0,
      ratePerSecond: 20 })))
    render(<RetryFailed bus="orders" rules={rules} />)
    await userEvent.click(screen.getByRole('button', { name: 'Preview' }))
    expect(await screen.findByText('No delivery matches: nothing to retry.')).toBeTruthy()
    await userEvent.selectOptions(screen.getByLabelText('Rule'), 'audit')
    expect(screen.queryByText('No delivery matches: nothing to retry.')).toBeNull()
  })

  it('shows the server problem at the form', async () => {
    vi.stubGlobal('fetch', vi.fn(async () => new Response(JSON.stringify({ type: 'urn:eventbus:problem:ValidationError',
      title: 'Invalid request', status: 400, detail: 'to must be after from', code: 'ValidationError' }),
    { status: 400, headers: { 'Content-Type': 'application/problem+json' } })))
    render(<RetryFailed bus="orders" rules={rules} />)
    await userEvent.click(screen.getByRole('button', { name: 'Preview' }))
    expect(await screen.findByText(/to must be after from/)).toBeTruthy()
  })
})
