import { afterEach, describe, expect, it, vi } from 'vitest'
import { cleanup, fireEvent, render, screen, within } from '@testing-library/react'
import userEvent from '@testing-library/user-event'
import { MemoryRouter, Route, Routes } from 'react-router'
import Queues from './pages/Queues.tsx'
import QueueMessages from './pages/QueueMessages.tsx'

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
    render(<MemoryRouter><Queues /></MemoryRouter>)
    expect(await screen.findByText(/No queues yet/)).toBeTruthy()
    expect(screen.getByText(/dead-letter queue/, { selector: '.empty' })).toBeTruthy()
  })

  it('checks the name before sending and shows the problem at the name field', async () => {
    const fetch = vi.fn(async (_url: string, _init?: RequestInit) => answer(200, { queues: [] }))
    vi.stubGlobal('fetch', fetch)
    render(<MemoryRouter><Queues /></MemoryRouter>)
    await screen.findByText(/No queues yet/)
    const form = screen.getByRole('form', { name: 'Create a queue' })
    const name = within(form).getByLabelText('Name')

    await userEvent.click(within(form).getByRole('button', { name: 'Create queue' }))
    const problem = document.getElementById(name.getAttribute('aria-describedby')!)!
    expect(within(problem).getByRole('alert').textContent).toContain('The name is required')
    await userEvent.type(name, 'orders dlq')
    await userEvent.click(within(form).getByRole('button', { name: 'Create queue' }))
    expect(within(document.getElementById(name.getAttribute('aria-describedby')!)!).getByRole('alert').textContent)
      .toContain("The name 'orders dlq' is not a valid name: it has a space")
    expect(fetch.mock.calls.filter(([, init]) => init?.method === 'POST')).toEqual([])
  })

  it('lists queues with their depth and deletes only after confirmation, showing why it could not', async () => {
    const fetch = vi.fn(async (_url: string, init?: RequestInit) => init?.method === 'DELETE'
      ? answer(409, { code: 'Conflict', detail: "queue 'audit' is in use by rule orders/big target audit; change those first" },
        'application/problem+json')
      : answer(200, { queues: [audit] }))
    vi.stubGlobal('fetch', fetch)
    render(<MemoryRouter><Queues /></MemoryRouter>)
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

  it('peeks messages with their error attributes, redrives a dead letter and purges after confirmation', async () => {
    let messages = [
      { messageId: 'm-1', body: '{"id":"e-1"}', receiveCount: 0, sentAt: '2026-11-26T10:00:00Z',
        visibleAt: '2026-11-26T10:00:00Z', inFlight: false,
        attributes: { ERROR_CODE: 'HTTP_400', ERROR_MESSAGE: 'Bad Request', RULE: 'orders/big', TARGET: 'billing' } },
      { messageId: 'm-2', body: 'by hand', receiveCount: 2, sentAt: '2026-11-26T10:01:00Z',
        visibleAt: '2026-11-26T10:01:00Z', inFlight: true, attributes: {} },
    ]
    const fetch = vi.fn(async (url: string, init?: RequestInit) => {
      if (url === '/v1/queues/dlq') return answer(200, { ...audit, name: 'dlq', depth: { visible: 1, inFlight: 1 } })
      if (url.startsWith('/v1/queues/dlq/messages:peek')) return answer(200, { messages })
      if (url === '/v1/queues/dlq/messages:redrive') {
        messages = messages.filter((m) => m.messageId !== JSON.parse(String(init!.body)).messageId)
        return answer(200, { messageId: 'm-1', deliveryId: 'd-1', bus: 'orders', rule: 'big', target: 'billing' })
      }
      if (url === '/v1/queues/dlq/messages:purge') {
        const purged = messages.length
        messages = []
        return answer(200, { purged })
      }
      return answer(404, { code: 'NotFound', detail: url }, 'application/problem+json')
    })
    vi.stubGlobal('fetch', fetch)
    render(<MemoryRouter initialEntries={['/queues/dlq']}>
      <Routes><Route path="/queues/:queue" element={<QueueMessages />} /></Routes>
    </MemoryRouter>)

    expect(await screen.findByText('HTTP_400')).toBeTruthy()
    expect(screen.getByText('orders/big')).toBeTruthy()
    expect(screen.getByText('in flight')).toBeTruthy()
    expect(screen.queryByRole('button', { name: 'Redrive message m-2' })).toBeNull()

    await userEvent.click(screen.getByRole('button', { name: 'Redrive message m-1' }))
    expect(await screen.findByText('Redriven to target billing of rule big.')).toBeTruthy()
    expect(screen.queryByText('HTTP_400')).toBeNull()

    await userEvent.click(screen.getByRole('button', { name: 'Purge…' }))
    expect(fetch).not.toHaveBeenCalledWith('/v1/queues/dlq/messages:purge', expect.anything())
    await userEvent.click(within(screen.getByRole('dialog')).getByRole('button', { name: 'Purge queue' }))
    expect(await screen.findByText('Purged 1 message(s).')).toBeTruthy()
    expect(await screen.findByText(/No messages/)).toBeTruthy()
  })

  it('pages through dead letters by filter, links their events, deletes one and redrives all that match', async () => {
    const letter = (n: number) => ({ messageId: `m-${n}`, body: `{"id":"e-${n}","detail":{"n":${n}}}`, receiveCount: 0,
      sentAt: '2026-11-26T10:00:00Z', visibleAt: '2026-11-26T10:00:00Z', inFlight: false, eventId: `e-${n}`,
      attributes: { ERROR_CODE: 'HTTP_500', RULE: 'orders/big', TARGET: 'billing' } })
    const fetch = vi.fn(async (url: string, init?: RequestInit) => {
      if (url === '/v1/queues/dlq') return answer(200, { ...audit, name: 'dlq', depth: { visible: 3, inFlight: 0 } })
      if (url.includes('after=c1')) return answer(200, { messages: [letter(3)], matched: 3 })
      if (url.startsWith('/v1/queues/dlq/messages:peek')) {
        return answer(200, { messages: [letter(1), letter(2)], matched: 3, next: 'c1' })
      }
      if (url.endsWith(':delete')) return answer(200, { deleted: 1 })
      if (url.endsWith(':bulk-redrive')) {
        expect(JSON.parse(String(init!.body))).toEqual({ errorCode: 'HTTP_500', ratePerSecond: 5 })
        return answer(200, { dryRun: false, matched: 3, redriven: 2, skipped: { 'rule or target deleted': 1 },
          remaining: 1, ratePerSecond: 5 })
      }
      return answer(404, { code: 'NotFound', detail: url }, 'application/problem+json')
    })
    vi.stubGlobal('fetch', fetch)
    render(<MemoryRouter initialEntries={['/queues/dlq?errorCode=HTTP_500']}>
      <Routes><Route path="/queues/:queue" element={<QueueMessages />} /></Routes>
    </MemoryRouter>)

    expect(await screen.findByText('3 messages match; showing the oldest 2.')).toBeTruthy()
    expect(fetch).toHaveBeenCalledWith('/v1/queues/dlq/messages:peek?limit=50&errorCode=HTTP_500', expect.anything())
    expect((screen.getByLabelText('Error code') as HTMLInputElement).value).toBe('HTTP_500')
    expect(screen.getAllByRole('link', { name: 'Event' })[0].getAttribute('href')).toBe('/events/e-1')
    expect(screen.getAllByText(/"n": 1/).length).toBe(1) // pretty-printed

    await userEvent.click(screen.getByRole('button', { name: 'Show more' }))
    expect(await screen.findByText('3 messages match; showing the oldest 3.')).toBeTruthy()
    expect(screen.queryByRole('button', { name: 'Show more' })).toBeNull()

    await userEvent.click(screen.getByRole('button', { name: 'Delete message m-2' }))
    await userEvent.click(within(screen.getByRole('dialog')).getByRole('button', { name: 'Delete message' }))
    expect(await screen.findByText('Deleted 1 message.')).toBeTruthy()
    expect(fetch).toHaveBeenCalledWith('/v1/queues/dlq/messages:delete',
      expect.objectContaining({ body: JSON.stringify({ messageIds: ['m-2'] }) }))

    await userEvent.click(screen.getByRole('button', { name: 'Redrive all matching…' }))
    const dialog = screen.getByRole('dialog')
    fireEvent.change(within(dialog).getByLabelText('Per second'), { target: { value: '5' } })
    await userEvent.click(within(dialog).getByRole('button', { name: 'Redrive 3' }))
    expect(await screen.findByText('Redriven 2 dead letters at 5/s. Left in the queue: 1 rule or target deleted.'))
      .toBeTruthy()
  })

  it('saves a queue\'s settings with its ETag and shows the problem at the form', async () => {
    const queue = { ...audit, name: 'jobs', visibilityTimeoutSeconds: 30, messageRetentionSeconds: 345600,
      depth: { visible: 0, inFlight: 0 } }
    const fetch = vi.fn(async (url: string, init?: RequestInit) => {
      if (url === '/v1/queues/jobs' && init?.method === 'PUT') {
        const body = JSON.parse(String(init.body))
        if (body.messageRetentionSeconds < 60) {
          return answer(400, { code: 'ValidationError', location: 'messageRetentionSeconds',
            detail: 'messageRetentionSeconds must be from 60 to 1209600, not 10' }, 'application/problem+json')
        }
        return new Response(JSON.stringify({ ...queue, ...body }), { status: 200,
          headers: { 'Content-Type': 'application/json', ETag: '"2"' } })
      }
      if (url === '/v1/queues/jobs') {
        return new Response(JSON.stringify(queue), { status: 200, headers: { 'Content-Type': 'application/json', ETag: '"1"' } })
      }
      return answer(200, { messages: [], matched: 0 })
    })
    vi.stubGlobal('fetch', fetch)
    render(<MemoryRouter initialEntries={['/queues/jobs']}>
      <Routes><Route path="/queues/:queue" element={<QueueMessages />} /></Routes>
    </MemoryRouter>)
    await userEvent.click(await screen.findByText(/Settings: visibility timeout 30 s/))
    const form = screen.getByRole('form', { name: 'Queue settings' })
    fireEvent.change(within(form).getByLabelText('Retention (s)'), { target: { value: '10' } })
    await userEvent.click(within(form).getByRole('button', { name: 'Save settings' }))
    expect(await within(form).findByText(/must be from 60/)).toBeTruthy()

    fireEvent.change(within(form).getByLabelText('Retention (s)'), { target: { value: '3600' } })
    fireEvent.change(within(form).getByLabelText('Visibility timeout (s)'), { target: { value: '120' } })
    await userEvent.click(within(form).getByRole('button', { name: 'Save settings' }))
    expect(await within(form).findByText('Saved.')).toBeTruthy()
    const put = fetch.mock.calls.filter(([, init]) => init?.method === 'PUT').at(-1)!
    expect(JSON.parse(String(put[1]!.body))).toEqual({ visibilityTimeoutSeconds: 120, messageRetentionSeconds: 3600 })
    expect((put[1]!.headers as Record<string, string>)['If-Match']).toBe('"1"')
    expect(screen.getByText(/Settings: visibility timeout 120 s, retention 3600 s/)).toBeTruthy()
  })
})
