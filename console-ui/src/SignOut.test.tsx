import { afterEach, describe, expect, it, vi } from 'vitest'
import { cleanup, fireEvent, render, screen } from '@testing-library/react'
import { MemoryRouter } from 'react-router'
import App from './App.tsx'
import { SessionProvider } from './session.tsx'

function json(status: number, body: unknown) {
  return new Response(JSON.stringify(body), { status, headers: { 'Content-Type': 'application/json' } })
}

/** A signed-in console whose DELETE /v1/session gets {@code signOut}. */
function console(signOut: () => Response) {
  const fetch = vi.fn(async (url: string, init?: RequestInit) => {
    if (url === '/v1/session' && init?.method === 'DELETE') return signOut()
    if (url === '/v1/session') return json(200, { expiresAt: '2026-12-07T09:00:00Z' })
    return json(200, { buses: [], queues: [], nextToken: null })
  })
  vi.stubGlobal('fetch', fetch)
  render(<MemoryRouter initialEntries={['/buses']}><SessionProvider><App /></SessionProvider></MemoryRouter>)
  return fetch
}

afterEach(() => {
  cleanup()
  vi.unstubAllGlobals()
})

describe('Sign out', () => {
  it('ends the session on the server and shows the sign-in form', async () => {
    const fetch = console(() => new Response(null, { status: 204 }))
    fireEvent.click(await screen.findByRole('button', { name: 'Sign out' }))

    expect(await screen.findByLabelText('Admin token')).toBeTruthy()
    expect(fetch).toHaveBeenCalledWith('/v1/session', expect.objectContaining({ method: 'DELETE' }))
  })

  it('says so and stays signed in when the server could not end the session', async () => {
    console(() => json(503, { code: 'Unavailable', detail: 'The database does not answer' }))
    fireEvent.click(await screen.findByRole('button', { name: 'Sign out' }))

    expect((await screen.findByRole('alert')).textContent)
      .toBe('Not signed out: The database does not answer. Your session is still valid; try again.')
    expect(screen.getByRole('button', { name: 'Sign out' })).toBeTruthy()
    expect(screen.queryByLabelText('Admin token')).toBeNull()
  })

  it('treats a session that had already ended as signed out', async () => {
    console(() => json(401, { code: 'Unauthorized', detail: 'Sign in first' }))
    fireEvent.click(await screen.findByRole('button', { name: 'Sign out' }))

    expect(await screen.findByLabelText('Admin token')).toBeTruthy()
  })
})
