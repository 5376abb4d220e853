import { afterEach, describe, expect, it, vi } from 'vitest'
import { cleanup, render, screen, waitFor, within } from '@testing-library/react'
import userEvent from '@testing-library/user-event'
import Connections from './pages/Connections.tsx'
import { connectionBody, emptyConnection } from './components/connectionForm.ts'

function answer(status: number, body?: unknown, headers: Record<string, string> = {}) {
  return new Response(body === undefined ? null : JSON.stringify(body),
    { status, headers: { 'Content-Type': 'application/json', ...headers } })
}

afterEach(() => {
  cleanup()
  vi.unstubAllGlobals()
})

const basic = { name: 'billing-auth', authorizationType: 'BASIC', authParameters: { basic: { username: 'eventbus' } },
  createdAt: '2026-12-07T10:00:00Z', updatedAt: '2026-12-07T10:00:00Z' }

describe('Connections page', () => {
  it('creates a connection with its secret, lists it without, edits it keeping the secret, deletes it', async () => {
    let connections: unknown[] = []
    const fetch = vi.fn(async (url: string, init?: RequestInit) => {
      const method = init?.method ?? 'GET'
      if (url === '/v1/connections' && method === 'POST') {
        connections = [basic]
        return answer(201, basic)
      }
      if (url === '/v1/connections/billing-auth' && method === 'GET') return answer(200, basic, { ETag: '"3"' })
      if (url === '/v1/connections/billing-auth' && method === 'PUT') return answer(200, basic, { ETag: '"4"' })
      if (url === '/v1/connections/billing-auth' && method === 'DELETE') {
        connections = []
        return answer(204)
      }
      return answer(200, { connections })
    })
    vi.stubGlobal('fetch', fetch)
    render(<Connections />)
    expect(await screen.findByText(/No connections yet/)).toBeTruthy()

    const form = screen.getByRole('form', { name: 'Create a connection' })
    await userEvent.type(within(form).getByLabelText('Name'), 'billing-auth')
    await userEvent.type(within(form).getByLabelText('Username'), 'eventbus')
    await userEvent.type(within(form).getByLabelText('Password'), 'pa55word')
    await userEvent.click(within(form).getByRole('button', { name: 'Create connection' }))
    expect(await screen.findByText('Basic auth as eventbus')).toBeTruthy()
    const post = fetch.mock.calls.find(([, i]) => i?.method === 'POST')!
    expect(JSON.parse(String(post[1]!.body))).toEqual({ name: 'billing-auth', authorizationType: 'BASIC',
      authParameters: { basic: { username: 'eventbus', password: 'pa55word' } } })
    expect(screen.queryByText('pa55word')).toBeNull()

    await userEvent.click(screen.getByRole('button', { name: 'Edit connection billing-auth' }))
    const edit = screen.getByRole('form', { name: 'Edit connection billing-auth' })
    await waitFor(() => expect(fetch).toHaveBeenCalledWith('/v1/connections/billing-auth', expect.anything()))
    await userEvent.type(within(edit).getByLabelText('Description'), 'for billing')
    await userEvent.click(within(edit).getByRole('button', { name: 'Save connection' }))
    await waitFor(() => expect(fetch.mock.calls.some(([, i]) => i?.method === 'PUT')).toBe(true))
    const put = fetch.mock.calls.find(([, i]) => i?.method === 'PUT')!
    expect((put[1]!.headers as Record<string, string>)['If-Match']).toBe('"3"')
    expect(JSON.parse(String(put[1]!.body))).toEqual({ description: 'for billing', authorizationType: 'BASIC',
      authParameters: { basic: { username: 'eventbus' } } })

    await userEvent.click(await screen.findByRole('button', { name: 'Delete connection billing-auth' }))
    await userEvent.click(within(screen.getByRole('dialog')).getByRole('button', { name: 'Delete connection' }))
    expect(await screen.findByText(/No connections yet/)).toBeTruthy()
  })

  it('sends the block of the chosen type, the secret only when typed', () => {
    expect(connectionBody({ ...emptyConnection(), type: 'API_KEY', headerName: 'x-key', secret: 's' }))
      .toEqual({ authorizationType: 'API_KEY', authParameters: { apiKey: { name: 'x-key', value: 's' } } })
    expect(connectionBody({ ...emptyConnection(), type: 'OAUTH_CLIENT_CREDENTIALS', endpoint: 'https://a/t',
      clientId: 'c', scope: '' })).toEqual({ authorizationType: 'OAUTH_CLIENT_CREDENTIALS', authParameters: {
      oauth: { authorizationEndpoint: 'https://a/t', clientId: 'c', httpMethod: 'POST' } } })
  })
})
