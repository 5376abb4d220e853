import { afterEach, describe, expect, it, vi } from 'vitest'
import { cleanup, render, screen, waitFor, within } from '@testing-library/react'
import userEvent from '@testing-library/user-event'
import ApiKeys from './pages/ApiKeys.tsx'

function answer(status: number, body?: unknown) {
  return new Response(body === undefined ? null : JSON.stringify(body),
    { status, headers: { 'Content-Type': 'application/json' } })
}

afterEach(() => {
  cleanup()
  vi.unstubAllGlobals()
})

describe('API keys page', () => {
  it('shows the secret of a new key once, copies it, and lists the key without it', async () => {
    const keys: unknown[] = []
    const fetch = vi.fn(async (url: string, init?: RequestInit) => {
      if (url === '/v1/buses') return answer(200, { buses: [{ name: 'orders', ruleCount: 0, createdAt: '', updatedAt: '' }] })
      if (url === '/v1/queues') return answer(200, { queues: [] })
      if (url === '/v1/api-keys' && init?.method === 'POST') {
        const body = JSON.parse(String(init.body))
        const key = { id: '0b7c', name: body.name, buses: body.buses, queues: body.queues, createdAt: '2026-11-26T10:00:00Z' }
        keys.push(key)
        return answer(201, { ...key, secret: 'eb_live_s3cr3t' })
      }
      return answer(200, { apiKeys: keys })
    })
    vi.stubGlobal('fetch', fetch)
    const writeText = vi.fn(async () => undefined)
    vi.stubGlobal('navigator', { ...navigator, clipboard: { writeText } })
    render(<ApiKeys />)
    expect(await screen.findByText(/No API keys yet/)).toBeTruthy()

    const form = screen.getByRole('form', { name: 'Create an API key' })
    await userEvent.type(within(form).getByLabelText('Name'), 'shop-backend')
    await userEvent.click(await within(form).findByLabelText('orders'))
    await userEvent.click(within(form).getByRole('button', { name: 'Create API key' }))

    const shown = await screen.findByRole('region', { name: 'Secret of API key shop-backend' })
    expect((within(shown).getByRole('textbox') as HTMLInputElement).value).toBe('eb_live_s3cr3t')
    expect(within(shown).getByText(/shown only this once/)).toBeTruthy()
    await userEvent.click(within(shown).getByRole('button', { name: 'Copy' }))
    expect(writeText).toHaveBeenCalledWith('eb_live_s3cr3t')
    expect(await within(shown).findByText('Copied to the clipboard.')).toBeTruthy()
    const sent = JSON.parse(String(fetch.mock.calls.find(([, i]) => i?.method === 'POST')![1]!.body))
    expect(sent).toEqual({ name: 'shop-backend', buses: ['orders'], queues: [] })

    await userEvent.click(within(shown).getByRole('button', { name: 'Done' }))
    await waitFor(() => expect(screen.queryByRole('region', { name: /Secret of API key/ })).toBeNull())
    const row = (await screen.findByRole('cell', { name: 'shop-backend' })).closest('tr')!
    expect(within(row).getByText('Active')).toBeTruthy()
    expect(document.body.textContent).not.toContain('eb_live_s3cr3t')
  })

  it('checks the name before sending and shows the problem at the name field', async () => {
    const fetch = vi.fn(async (url: string, _init?: RequestInit) =>
      answer(200, url === '/v1/api-keys' ? { apiKeys: [] } : url === '/v1/buses' ? { buses: [] } : { queues: [] }))
    vi.stubGlobal('fetch', fetch)
    render(<ApiKeys />)
    const form = screen.getByRole('form', { name: 'Create an API key' })
    const name = within(form).getByLabelText('Name')
    await userEvent.click(within(form).getByLabelText(/All \(every bus/))

    await userEvent.click(within(form).getByRole('button', { name: 'Create API key' }))
    const problem = () => within(document.getElementById(name.getAttribute('aria-describedby')!)!).getByRole('alert')
    expect(problem().textContent).toContain('The name is required')
    await userEvent.type(name, 'shop:backend')
    expect(problem().textContent).toContain("it has ':'")
    await userEvent.click(within(form).getByRole('button', { name: 'Create API key' }))
    expect(fetch.mock.calls.filter(([, init]) => init?.method === 'POST')).toEqual([])
  })

  it('selects the secret when the clipboard is refused', async () => {
    vi.stubGlobal('fetch', vi.fn(async (url: string, init?: RequestInit) => {
      if (url === '/v1/api-keys' && init?.method === 'POST') {
        return answer(201, { id: '1', name: 'k', buses: ['*'], queues: [], secret: 'eb_x', createdAt: '2026-11-26T10:00:00Z' })
      }
      return answer(200, url === '/v1/api-keys' ? { apiKeys: [] } : url === '/v1/buses' ? { buses: [] } : { queues: [] })
    }))
    vi.stubGlobal('navigator', { ...navigator, clipboard: { writeText: async () => { throw new Error('denied') } } })
    render(<ApiKeys />)
    const form = screen.getByRole('form', { name: 'Create an API key' })
    await userEvent.type(within(form).getByLabelText('Name'), 'k')
    await userEvent.click(within(form).getByLabelText(/All \(every bus/))
    await userEvent.click(within(form).getByRole('button', { name: 'Create API key' }))
    const shown = await screen.findByRole('region', { name: 'Secret of API key k' })
    await userEvent.click(within(shown).getByRole('button', { name: 'Copy' }))
    expect(await within(shown).findByText(/Selected: press Ctrl\+C/)).toBeTruthy()
    expect(document.activeElement).toBe(within(shown).getByRole('textbox'))
  })
})
