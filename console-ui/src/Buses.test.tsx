import { afterEach, describe, expect, it, vi } from 'vitest'
import { cleanup, render, screen, waitFor } from '@testing-library/react'
import userEvent from '@testing-library/user-event'
import { MemoryRouter } from 'react-router'
import Buses from './pages/Buses.tsx'

function answer(status: number, body?: unknown, type = 'application/json') {
  return new Response(body === undefined ? null : JSON.stringify(body), { status, headers: { 'Content-Type': type } })
}

afterEach(() => {
  cleanup()
  vi.unstubAllGlobals()
})

describe('Buses page', () => {
  it('shows an empty state with a hint when there are no buses', async () => {
    vi.stubGlobal('fetch', vi.fn(async () => answer(200, { buses: [] })))
    render(<MemoryRouter><Buses /></MemoryRouter>)
    expect(await screen.findByText(/No buses yet/)).toBeTruthy()
  })

  it('lists buses and shows the server problem where the create failed', async () => {
    const fetch = vi.fn(async (_url: string, init?: RequestInit) => {
      if (init?.method === 'POST') {
        return answer(400, { code: 'ValidationError', detail: "name 'bad name' must match [A-Za-z0-9._-]{1,64}",
          location: 'name', status: 400, title: 'Bad Request' }, 'application/problem+json')
      }
      return answer(200, { buses: [{ name: 'default', ruleCount: 2, createdAt: '2026-11-26T10:00:00Z',
        updatedAt: '2026-11-26T10:00:00Z' }] })
    })
    vi.stubGlobal('fetch', fetch)
    render(<MemoryRouter><Buses /></MemoryRouter>)
    expect(await screen.findByText('default')).toBeTruthy()

    await userEvent.type(screen.getByPlaceholderText('orders'), 'bad name')
    await userEvent.click(screen.getByRole('button', { name: 'Create bus' }))

    const alert = await screen.findByRole('alert')
    expect(alert.textContent).toContain("must match")
    expect(alert.textContent).toContain('(name)')
    expect(alert.textContent).toContain('ValidationError')
    await waitFor(() => expect(fetch).toHaveBeenCalledWith('/v1/buses', expect.objectContaining({ method: 'POST' })))
  })
})
