import { afterEach, describe, expect, it, vi } from 'vitest'
import { cleanup, render, screen, within } from '@testing-library/react'
import userEvent from '@testing-library/user-event'
import Queues from './pages/Queues.tsx'

function answer(status: number, body?: unknown, type = 'application/json') {
  return new Response(body === undefined ? null : JSON.stringify(body), { status, headers: { 'Content-Type': type } })
}

afterEach(() => {
  cleanup()
  vi.unstubAllGlobals()
})

const audit = { name: 'audit', visibilityTimeoutSeconds: 30, messageRetentionSeconds: 345600,
  depth: { visible: 4, inFlight: 1 }, createdAt: '2026-11-26T10:00:00Z', updatedAt: '2026-11-26T10:00:00Z' }

describe('Queues page', () => {
  it('shows an empty state with a hint when there are no queues', async () => {
    vi.stubGlobal('fetch', vi.fn(async () => answer(200, { queues: [] })))
    render(<Queues />)
    expect(await screen.findByText(/No queues yet/)).toBeTruthy()
    expect(screen.getByText(/dead-letter queue/, { selector: '.empty' })).toBeTruthy()
  })

  it('lists queues with their depth and deletes only after confirmation, showing why it could not', async () => {
    const fetch = vi.fn(async (_url: string, init?: RequestInit) => init?.method === 'DELETE'
      ? answer(409, { code: 'Conflict', detail: "queue 'audit' is in use by rule orders/big target audit; change those first" },
        'application/problem+json')
      : answer(200, { queues: [audit] }))
    vi.stubGlobal('fetch', fetch)
    render(<Queues />)
    const row = (await screen.findByRole('cell', { name: 'audit' })).closest('tr')!
    expect(within(row).getByText('4')).toBeTruthy()
    expect(within(row).getByText('4 d')).toBeTruthy()

    await userEvent.click(screen.getByRole('button', { name: 'Delete queue audit' }))
    expect(fetch).not.toHaveBeenCalledWith('/v1/queues/audit', expect.anything())
    const dialog = screen.getByRole('dialog')
    expect(within(dialog).getByText(/5 message\(s\) are deleted/)).toBeTruthy()
    await userEvent.click(within(dialog).getByRole('button', { name: 'Delete queue' }))
    expect((await within(dialog).findByRole('alert')).textContent).toContain('is in use by')
  })
})
