import { afterEach, describe, expect, it, vi } from 'vitest'
import { cleanup, render, screen, waitFor, within } from '@testing-library/react'
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

  it('lists buses and shows the server problem at the name field where the create failed', async () => {
    const fetch = vi.fn(async (_url: string, init?: RequestInit) => {
      if (init?.method === 'POST') {
        return answer(409, { code: 'Conflict', detail: "bus 'default' already exists",
          location: 'name', status: 409, title: 'Conflict' }, 'application/problem+json')
      }
      return answer(200, { buses: [{ name: 'default', ruleCount: 2, createdAt: '2026-11-26T10:00:00Z',
        updatedAt: '2026-11-26T10:00:00Z' }] })
    })
    vi.stubGlobal('fetch', fetch)
    render(<MemoryRouter><Buses /></MemoryRouter>)
    expect(await screen.findByText('default')).toBeTruthy()

    const name = screen.getByLabelText('Name')
    await userEvent.type(name, 'default')
    await userEvent.click(screen.getByRole('button', { name: 'Create bus' }))

    const alert = await screen.findByRole('alert')
    expect(alert.textContent).toContain('already exists')
    expect(alert.textContent).toContain('(name)')
    expect(alert.textContent).toContain('Conflict')
    expect(document.getElementById(name.getAttribute('aria-describedby')!)!.contains(alert)).toBe(true)
    await waitFor(() => expect(fetch).toHaveBeenCalledWith('/v1/buses', expect.objectContaining({ method: 'POST' })))
  })

  it('checks the name before sending: empty, a character the server refuses, too long', async () => {
    const fetch = vi.fn(async (_url: string, _init?: RequestInit) => answer(200, { buses: [] }))
    vi.stubGlobal('fetch', fetch)
    render(<MemoryRouter><Buses /></MemoryRouter>)
    await screen.findByText(/No buses yet/)
    const form = screen.getByRole('form', { name: 'Create a bus' })
    const name = within(form).getByLabelText('Name')
    const problemOfName = () => within(document.getElementById(name.getAttribute('aria-describedby')!)!)
      .getByRole('alert').textContent

    await userEvent.click(within(form).getByRole('button', { name: 'Create bus' }))
    expect(name.getAttribute('aria-invalid')).toBe('true')
    expect(problemOfName()).toContain('The name is required')

    await userEvent.type(name, 'shop/orders')
    expect(problemOfName()).toContain("The name 'shop/orders' is not a valid name: it has '/'")
    await userEvent.click(within(form).getByRole('button', { name: 'Create bus' }))

    await userEvent.clear(name)
    await userEvent.type(name, 'o'.repeat(65))
    expect(problemOfName()).toContain('is 65 characters long')
    await userEvent.click(within(form).getByRole('button', { name: 'Create bus' }))

    expect(fetch.mock.calls.filter(([, init]) => init?.method === 'POST')).toEqual([])
    await userEvent.clear(name)
    await userEvent.type(name, 'o'.repeat(64))
    expect(name.getAttribute('aria-invalid')).toBeNull()
    await userEvent.click(within(form).getByRole('button', { name: 'Create bus' }))
    await waitFor(() => expect(fetch).toHaveBeenCalledWith('/v1/buses', expect.objectContaining({ method: 'POST',
      body: JSON.stringify({ name: 'o'.repeat(64) }) })))
  })
})
