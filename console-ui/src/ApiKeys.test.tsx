import { afterEach, describe, expect, it, vi } from 'vitest'
import { cleanup, render, screen, waitFor, within } from '@testing-library/react'
import userEvent from '@testing-library/user-event'
import ApiKeys from './pages/ApiKeys.tsx'
import { timeAgo } from './components/RelativeTime.tsx'

function answer(status: number, body?: unknown) {
  return new Response(body === undefined ? null : JSON.stringify(body),
    { status, headers: { 'Content-Type': 'application/json' } })
}

afterEach(() => {
  cleanup()
  vi.unstubAllGlobals()
  vi.useRealTimers()
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

  it('changes the buses and queues a key may use in a dialog', async () => {
    let key = { id: 'k1', name: 'shop', buses: ['orders'], queues: [], createdAt: '2026-11-26T10:00:00Z' }
    const fetch = vi.fn(async (url: string, init?: RequestInit) => {
      if (url === '/v1/buses') return answer(200, { buses: [{ name: 'orders' }, { name: 'billing' }] })
      if (url === '/v1/queues') return answer(200, { queues: [{ name: 'jobs' }] })
      if (url === '/v1/api-keys/k1' && init?.method === 'PUT') {
        key = { ...key, ...JSON.parse(String(init.body)) }
        return answer(200, key)
      }
      return answer(200, { apiKeys: [key] })
    })
    vi.stubGlobal('fetch', fetch)
    render(<ApiKeys />)
    await userEvent.click(await screen.findByRole('button', { name: 'Edit scope of API key shop' }))
    const dialog = screen.getByRole('dialog')
    await userEvent.click(await within(dialog).findByLabelText('billing'))
    await userEvent.click(within(dialog).getByLabelText('jobs'))
    await userEvent.click(within(dialog).getByRole('button', { name: 'Save scope' }))

    await waitFor(() => expect(screen.getByRole('cell', { name: 'orders, billing' })).toBeTruthy())
    const put = fetch.mock.calls.find(([, init]) => init?.method === 'PUT')!
    expect(JSON.parse(String(put[1]!.body))).toEqual({ buses: ['orders', 'billing'], queues: ['jobs'] })
    expect(screen.getByRole('cell', { name: 'jobs' })).toBeTruthy()
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

  it('says when a key was last used as a time ago, with the exact time in its title, and never only when it was not', async () => {
    vi.useFakeTimers({ toFake: ['Date'] })
    vi.setSystemTime(new Date('2026-11-26T10:05:30Z'))
    const key = (name: string, lastUsedAt?: string | null) => ({ id: name, name, buses: ['*'], queues: [],
      createdAt: '2026-11-20T10:00:00Z', ...(lastUsedAt === undefined ? {} : { lastUsedAt }) })
    vi.stubGlobal('fetch', vi.fn(async (url: string) => answer(200, url === '/v1/api-keys'
      ? { apiKeys: [key('minutes', '2026-11-26T10:02:00Z'), key('days', '2026-11-24T09:00:00Z'),
        key('null', null), key('absent')] }
      : url === '/v1/buses' ? { buses: [] } : { queues: [] })))
    render(<ApiKeys />)

    const lastUsed = async (name: string) => {
      const row = (await screen.findByRole('cell', { name })).closest('tr')!
      return row.cells[4]
    }
    const minutes = await lastUsed('minutes')
    expect(minutes.textContent).toBe('3 minutes ago')
    const time = minutes.querySelector('time')!
    expect(time.getAttribute('title')).toBe(new Date('2026-11-26T10:02:00Z').toLocaleString())
    expect(time.getAttribute('dateTime')).toBe('2026-11-26T10:02:00Z')
    expect((await lastUsed('days')).textContent).toBe('2 days ago')
    expect((await lastUsed('null')).textContent).toBe('never')
    expect((await lastUsed('absent')).textContent).toBe('never')
  })

  it('words a time ago from just now to years', () => {
    const now = new Date('2026-11-26T10:00:00Z')
    const ago = (seconds: number) => timeAgo(new Date(now.getTime() - seconds * 1000), now)
    expect(ago(-90)).toBe('just now') // the server's clock a little ahead
    expect(ago(59)).toBe('just now')
    expect(ago(60)).toBe('1 minute ago')
    expect(ago(3_599)).toBe('59 minutes ago')
    expect(ago(3_600)).toBe('1 hour ago')
    expect(ago(86_400 * 3)).toBe('3 days ago')
    expect(ago(86_400 * 14)).toBe('2 weeks ago')
    expect(ago(86_400 * 400)).toBe('1 year ago')
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
