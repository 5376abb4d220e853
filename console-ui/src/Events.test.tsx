import { afterEach, describe, expect, it, vi } from 'vitest'
import { cleanup, fireEvent, render, screen, waitFor } from '@testing-library/react'
import userEvent from '@testing-library/user-event'
import { MemoryRouter, Route, Routes } from 'react-router'
import Events, { toInstant, toLocalInput } from './pages/Events.tsx'
import EventDetail, { attemptResult, REFRESH_MILLIS } from './pages/EventDetail.tsx'

function answer(status: number, body?: unknown) {
  return new Response(body === undefined ? null : JSON.stringify(body), { status, headers: { 'Content-Type': 'application/json' } })
}

afterEach(() => {
  cleanup()
  vi.unstubAllGlobals()
})

describe('Event explorer', () => {
  it('lists events with their delivery states and asks the server with the filter of the address', async () => {
    const fetch = vi.fn(async (url: string) => url.startsWith('/v1/buses')
      ? answer(200, { buses: [{ name: 'orders', ruleCount: 1, createdAt: '', updatedAt: '' }] })
      : answer(200, { events: [{ id: 'e1', bus: 'orders', ingestedAt: '2026-11-26T10:00:00Z', time: '2026-11-26T10:00:00Z',
        source: 'shop', detailType: 'Order Placed', deliveries: { DELIVERED: 1, DEAD_LETTERED: 1 } }] }))
    vi.stubGlobal('fetch', fetch)
    render(<MemoryRouter initialEntries={['/events?bus=orders']}><Routes><Route path="/events" element={<Events />} /></Routes></MemoryRouter>)
    expect(await screen.findByText('1 delivered, 1 dead lettered')).toBeTruthy()
    expect(fetch).toHaveBeenCalledWith('/v1/events?bus=orders', expect.anything())
  })

  it('filters by time: local times in the form, ISO instants in the address and to the server', async () => {
    const fetch = vi.fn(async (url: string) => url.startsWith('/v1/buses')
      ? answer(200, { buses: [{ name: 'orders', ruleCount: 1, createdAt: '', updatedAt: '' }] })
      : answer(200, { events: [] }))
    vi.stubGlobal('fetch', fetch)
    const from = new Date('2026-11-26T09:30').toISOString() // local 09:30, whatever the time zone
    render(<MemoryRouter initialEntries={[`/events?bus=orders&from=${encodeURIComponent(from)}`]}>
      <Routes><Route path="/events" element={<Events />} /></Routes></MemoryRouter>)
    expect(await screen.findByText('No events match these filters.', { exact: false })).toBeTruthy()
    expect(fetch).toHaveBeenCalledWith(`/v1/events?bus=orders&from=${encodeURIComponent(from)}`, expect.anything())
    expect((screen.getByLabelText('From') as HTMLInputElement).value).toBe('2026-11-26T09:30')
    expect(screen.getByRole('link', { name: 'Send one to orders' }).getAttribute('href')).toBe('/buses/orders/send-event')

    fireEvent.change(screen.getByLabelText('To'), { target: { value: '2026-11-26T11:00' } })
    await userEvent.click(screen.getByRole('button', { name: 'Filter' }))

    const to = new Date('2026-11-26T11:00').toISOString()
    await waitFor(() => expect(fetch).toHaveBeenLastCalledWith(
      `/v1/events?bus=orders&from=${encodeURIComponent(from)}&to=${encodeURIComponent(to)}`, expect.anything()))
    expect((screen.getByLabelText('To') as HTMLInputElement).value).toBe('2026-11-26T11:00')
    expect(screen.getByRole('link', { name: 'Clear filters' })).toBeTruthy()
  })

  it('filters by delivery state, rule and target', async () => {
    const fetch = vi.fn(async (url: string) => url.startsWith('/v1/buses') ? answer(200, { buses: [] })
      : answer(200, { events: [] }))
    vi.stubGlobal('fetch', fetch)
    render(<MemoryRouter initialEntries={['/events?delivery=failed']}><Routes><Route path="/events" element={<Events />} /></Routes></MemoryRouter>)
    await screen.findByText('No events match these filters.', { exact: false })
    expect(fetch).toHaveBeenCalledWith('/v1/events?delivery=failed', expect.anything())
    expect((screen.getByLabelText('Delivery') as HTMLSelectElement).value).toBe('failed')

    await userEvent.selectOptions(screen.getByLabelText('Delivery'), 'dead-lettered')
    await userEvent.type(screen.getByLabelText('Rule'), 'billing')
    await userEvent.type(screen.getByLabelText('Target'), 'hook')
    await userEvent.click(screen.getByRole('button', { name: 'Filter' }))
    await waitFor(() => expect(fetch).toHaveBeenLastCalledWith('/v1/events?delivery=dead-lettered&rule=billing&target=hook',
      expect.anything()))
  })

  it('searches by id, by the start of source and detail-type, and by a field of the event', async () => {
    const fetch = vi.fn(async (url: string) => url.startsWith('/v1/buses') ? answer(200, { buses: [] })
      : answer(200, { events: [] }))
    vi.stubGlobal('fetch', fetch)
    render(<MemoryRouter initialEntries={['/events']}><Routes><Route path="/events" element={<Events />} /></Routes></MemoryRouter>)
    await screen.findByText('No events yet.', { exact: false })
    await userEvent.type(screen.getByLabelText('Source'), 'shop')
    await userEvent.type(screen.getByLabelText('Field'), 'detail.orderId')
    await userEvent.type(screen.getByLabelText('equals'), '42')
    await userEvent.click(screen.getByRole('button', { name: 'Filter' }))
    await waitFor(() => expect(fetch).toHaveBeenLastCalledWith('/v1/events?source=shop&field=detail.orderId&value=42',
      expect.anything()))

    await userEvent.clear(screen.getByLabelText('Source'))
    await userEvent.type(screen.getByLabelText('Event id'), ' 0193a1b2-c3d4-7e5f-8a9b-0c1d2e3f4a5b ')
    await userEvent.click(screen.getByRole('button', { name: 'Filter' }))
    await waitFor(() => expect(fetch).toHaveBeenLastCalledWith(
      '/v1/events?id=0193a1b2-c3d4-7e5f-8a9b-0c1d2e3f4a5b&field=detail.orderId&value=42', expect.anything()))
  })

  it('follows new events as they arrive, until paused', async () => {
    const first = { id: 'e1', bus: 'orders', ingestedAt: '2026-11-26T10:00:00Z', time: '', source: 'shop',
      detailType: 'Order Placed', deliveries: { AVAILABLE: 1 } }
    const second = { ...first, id: 'e2', ingestedAt: '2026-11-26T10:00:05Z', detailType: 'Order Shipped' }
    let pages = [{ events: [first] }, { events: [second, { ...first, deliveries: { DELIVERED: 1 } }] }]
    const fetch = vi.fn(async (url: string) => {
      if (url.startsWith('/v1/buses')) return answer(200, { buses: [] })
      const page = pages[0]
      if (pages.length > 1) pages = pages.slice(1)
      return answer(200, page)
    })
    vi.stubGlobal('fetch', fetch)
    render(<MemoryRouter initialEntries={['/events']}><Routes><Route path="/events" element={<Events />} /></Routes></MemoryRouter>)
    expect(await screen.findByText('1 available')).toBeTruthy()
    expect(await screen.findByText('Order Shipped', {}, { timeout: 4000 })).toBeTruthy()
    expect(screen.getByText('1 delivered')).toBeTruthy()
    expect(screen.getByText('Order Shipped').closest('tr')!.className).toBe('arrived')

    await userEvent.click(screen.getByRole('button', { name: 'Pause' }))
    expect(screen.getByText('Paused: new events are not added.')).toBeTruthy()
    const asked = fetch.mock.calls.length
    await new Promise((resolve) => setTimeout(resolve, 2500))
    expect(fetch.mock.calls.length).toBe(asked)
    expect(screen.getByRole('button', { name: 'Follow new events' }).getAttribute('aria-pressed')).toBe('false')
  })

  it('turns local times into instants and back', () => {
    const instant = toInstant('2026-11-26T23:45')
    expect(instant).toMatch(/^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}:00\.000Z$/)
    expect(new Date(instant).getHours()).toBe(23)
    expect(toLocalInput(instant)).toBe('2026-11-26T23:45')
    expect(toLocalInput('yesterday')).toBe('')
    expect(toLocalInput(null)).toBe('')
  })

  it('looks again while a delivery is under way, until it is delivered', async () => {
    const delivery = (state: string, attemptLog: unknown[]) => ({ id: 'e1', bus: 'orders',
      ingestedAt: '2026-11-26T10:00:00Z', event: { source: 'shop' }, matchedRules: ['big'], deliveries: [{ id: 'd1',
        rule: 'big', target: 'hook', state, attempts: attemptLog.length, nextAttemptAt: '2026-11-26T10:00:00Z', attemptLog }] })
    const fetch = vi.fn()
      .mockResolvedValueOnce(answer(200, delivery('AVAILABLE', [])))
      .mockResolvedValue(answer(200, delivery('DELIVERED', [{ attempt: 1, at: '2026-11-26T10:00:01Z', status: 200,
        latencyMillis: 7 }])))
    vi.stubGlobal('fetch', fetch)
    render(<MemoryRouter initialEntries={['/events/e1']}><Routes><Route path="/events/:id" element={<EventDetail />} /></Routes></MemoryRouter>)
    expect(await screen.findByText('AVAILABLE')).toBeTruthy()
    expect(screen.getByText(/this page looks again every few seconds/)).toBeTruthy()

    expect(await screen.findByText('DELIVERED', {}, { timeout: REFRESH_MILLIS + 2000 })).toBeTruthy()
    expect(screen.getByText(/HTTP 200, 7 ms/)).toBeTruthy()
    expect(screen.queryByText(/this page looks again/)).toBeNull()
    await new Promise((r) => setTimeout(r, REFRESH_MILLIS + 200))
    expect(fetch).toHaveBeenCalledTimes(2) // delivered: no more looking
  })

  it('shows each delivery with its attempts and a hint when nothing matched', async () => {
    vi.stubGlobal('fetch', vi.fn(async () => answer(200, { id: 'e1', bus: 'orders', ingestedAt: '2026-11-26T10:00:00Z',
      event: { source: 'shop' }, matchedRules: ['big'], deliveries: [{ id: 'd1', rule: 'big', target: 'hook',
        state: 'RETRYABLE', attempts: 1, lastError: 'HTTP 503', attemptLog: [{ attempt: 1, at: '2026-11-26T10:00:01Z',
          status: 503, latencyMillis: 12, error: 'HTTP 503' }] }] })))
    render(<MemoryRouter initialEntries={['/events/e1']}><Routes><Route path="/events/:id" element={<EventDetail />} /></Routes></MemoryRouter>)
    expect(await screen.findByRole('article', { name: 'Delivery to big/hook' })).toBeTruthy()
    expect(screen.getByText('RETRYABLE')).toBeTruthy()
    expect(screen.getByText(/HTTP 503, 12 ms/)).toBeTruthy()
    expect(screen.queryByRole('note', { name: 'Schema warning' })).toBeNull()
  })

  it('retries a dead-lettered delivery now and looks again', async () => {
    const event = (state: string) => ({ id: 'e1', bus: 'orders', ingestedAt: '2026-11-26T10:00:00Z',
      event: { source: 'shop' }, matchedRules: ['big'], deliveries: [{ id: 'd1', rule: 'big', target: 'hook', state,
        attempts: 1, lastError: 'HTTP_400: refused', attemptLog: [{ attempt: 1, at: '2026-11-26T10:00:01Z', status: 400,
          latencyMillis: 3, error: 'HTTP_400: refused' }] }] })
    const fetch = vi.fn(async (_url: string, init?: RequestInit) => {
      if (init?.method === 'POST') {
        return answer(202, { id: 'd1', eventId: 'e1', eventIngestedAt: '2026-11-26T10:00:00Z', bus: 'orders',
          rule: 'big', target: 'hook', state: 'AVAILABLE', previousState: 'DEAD_LETTERED', attempts: 1,
          nextAttemptAt: '2026-11-26T10:05:00Z' })
      }
      return answer(200, event(fetch.mock.calls.some(([, i]) => i?.method === 'POST') ? 'AVAILABLE' : 'DEAD_LETTERED'))
    })
    vi.stubGlobal('fetch', fetch)
    render(<MemoryRouter initialEntries={['/events/e1']}><Routes><Route path="/events/:id" element={<EventDetail />} /></Routes></MemoryRouter>)
    await userEvent.click(await screen.findByRole('button', { name: 'Retry delivery to big/hook now' }))

    expect(fetch).toHaveBeenCalledWith('/v1/deliveries/d1:retry', expect.objectContaining({ method: 'POST' }))
    expect(await screen.findByText('AVAILABLE')).toBeTruthy()
    expect(screen.getByText(/Retry requested: attempt 2 is due now/).textContent).toContain('DEAD_LETTERED')
    expect(screen.queryByRole('button', { name: 'Retry delivery to big/hook now' })).toBeNull()
  })

  it('shows the request a delivery sends, its secrets masked, and links the matched rules', async () => {
    const event = { id: 'e1', bus: 'orders', ingestedAt: '2026-11-26T10:00:00Z', event: { source: 'shop' },
      matchedRules: ['big'], deliveries: [{ id: 'd1', rule: 'big', target: 'hook', state: 'DELIVERED', attempts: 1,
        nextAttemptAt: '2026-11-26T10:00:00Z', attemptLog: [] }] }
    const request = { deliveryId: 'd1', type: 'webhook', method: 'POST', url: 'https://example.com/hook',
      headers: [{ name: 'webhook-id', value: 'd1', secret: false },
        { name: 'webhook-signature', value: 'v1,••••••••', secret: true, note: 'HMAC-SHA256 of …' }],
      contentType: 'application/json', body: '{"order":42}', settingsChangedSince: true }
    const fetch = vi.fn(async (url: string) => answer(200, url.endsWith('/request') ? request : event))
    vi.stubGlobal('fetch', fetch)
    render(<MemoryRouter initialEntries={['/events/e1']}><Routes><Route path="/events/:id" element={<EventDetail />} /></Routes></MemoryRouter>)
    expect((await screen.findByRole('link', { name: 'big' })).getAttribute('href')).toBe('/buses/orders/rules/big')
    expect(fetch).toHaveBeenCalledTimes(1) // the request is asked for when opened

    await userEvent.click(screen.getByText('Request'))
    expect(await screen.findByText('POST https://example.com/hook')).toBeTruthy()
    expect(fetch).toHaveBeenLastCalledWith('/v1/deliveries/d1/request', expect.anything())
    expect(screen.getByText('v1,••••••••')).toBeTruthy()
    expect(screen.getByLabelText('Body').textContent).toBe('{"order": 42}')
    expect(screen.getByText(/saved after the last attempt/)).toBeTruthy()
  })

  it('shows where a target of another kind puts the body, rather than an empty method and URL', async () => {
    const event = { id: 'e1', bus: 'orders', ingestedAt: '2026-11-26T10:00:00Z', event: { source: 'shop' },
      matchedRules: ['big'], deliveries: [{ id: 'd1', rule: 'big', target: 'k', state: 'DELIVERED', attempts: 1,
        nextAttemptAt: '2026-11-26T10:00:00Z', attemptLog: [] }] }
    const request = { deliveryId: 'd1', type: 'kafka', body: '{"order":42}', settingsChangedSince: false,
      destination: "Kafka topic 'orders' at k1:9092, without a key" }
    vi.stubGlobal('fetch', vi.fn(async (url: string) => answer(200, url.endsWith('/request') ? request : event)))
    render(<MemoryRouter initialEntries={['/events/e1']}><Routes><Route path="/events/:id" element={<EventDetail />} /></Routes></MemoryRouter>)
    await userEvent.click(await screen.findByText('Request'))
    expect(await screen.findByText(/to Kafka topic 'orders' at k1:9092, without a key/)).toBeTruthy()
    expect(screen.queryByText(/undefined/)).toBeNull()
    expect(screen.getByLabelText('Body').textContent).toContain('"order": 42')
  })

  it('copies the event id', async () => {
    const writeText = vi.fn(async () => undefined)
    vi.stubGlobal('navigator', { ...navigator, clipboard: { writeText } })
    vi.stubGlobal('fetch', vi.fn(async () => answer(200, { id: 'e1', bus: 'orders', ingestedAt: '2026-11-26T10:00:00Z',
      event: {}, matchedRules: [], deliveries: [] })))
    render(<MemoryRouter initialEntries={['/events/e1']}><Routes><Route path="/events/:id" element={<EventDetail />} /></Routes></MemoryRouter>)
    await userEvent.click(await screen.findByRole('button', { name: 'Copy the event id' }))
    expect(writeText).toHaveBeenCalledWith('e1')
    expect(await screen.findByText('Copied.')).toBeTruthy()
  })

  it('says what each attempt got: a status, the error code, or what its kind of target did with it', () => {
    expect(attemptResult({ status: 503, error: 'HTTP 503' }, 'webhook')).toBe('HTTP 503')
    expect(attemptResult({ error: 'TIMEOUT: no answer within 10 s' }, 'webhook')).toBe('TIMEOUT')
    expect(attemptResult({ error: 'EXCHANGE_NOT_FOUND: exchange x does not exist' }, 'rabbitmq')).toBe('EXCHANGE_NOT_FOUND')
    expect(attemptResult({}, 'queue')).toBe('put on the queue')
    expect(attemptResult({}, 'kafka')).toBe('acknowledged by Kafka')
    expect(attemptResult({})).toBe('taken')
  })

  it('says when an event was taken although its schema refuses it', async () => {
    vi.stubGlobal('fetch', vi.fn(async () => answer(200, { id: 'e2', bus: 'orders', ingestedAt: '2026-11-26T10:00:00Z',
      event: { source: 'shop' }, matchedRules: [], deliveries: [],
      schemaProblem: "detail does not match schema 'shop@Placed' version 1: /: required property 'total' is missing" })))
    render(<MemoryRouter initialEntries={['/events/e2']}><Routes><Route path="/events/:id" element={<EventDetail />} /></Routes></MemoryRouter>)
    const note = await screen.findByRole('note', { name: 'Schema warning' })
    expect(note.textContent).toContain("required property 'total' is missing")
  })

  it('marks the copies a replay stored, links to each copy with its time, and filters by replay', async () => {
    const fetch = vi.fn(async (url: string) => url.startsWith('/v1/buses') ? answer(200, { buses: [] })
      : answer(200, { events: [{ id: 'e1', bus: 'orders', ingestedAt: '2026-12-07T10:05:00Z', time: '2026-12-07T09:10:00Z',
        source: 'shop', detailType: 'Order Placed', deliveries: { DELIVERED: 1 }, replayName: 'orders-gap' }] }))
    vi.stubGlobal('fetch', fetch)
    render(<MemoryRouter initialEntries={['/events?replay=orders-gap']}><Routes><Route path="/events" element={<Events />} /></Routes></MemoryRouter>)
    const time = await screen.findByTitle(new Date('2026-12-07T10:05:00Z').toLocaleString()) // relative, exact on hover
    const link = time.closest('a')!
    expect(link.getAttribute('href')).toBe(`/events/e1?at=${encodeURIComponent('2026-12-07T10:05:00Z')}`)
    expect(screen.getByText('replay').getAttribute('title')).toBe('Stored again by replay orders-gap')
    expect(fetch).toHaveBeenCalledWith('/v1/events?replay=orders-gap', expect.anything())
    expect((screen.getByLabelText('Replay') as HTMLInputElement).value).toBe('orders-gap')
    expect(screen.getByRole('link', { name: 'orders-gap' }).getAttribute('href')).toBe('/replays/orders-gap')
  })

  it('shows a replay copy with its replay, and the original with its copies', async () => {
    const original = { id: 'e1', bus: 'orders', ingestedAt: '2026-12-07T09:10:01Z', event: { time: '2026-12-07T09:10:00Z' },
      matchedRules: [], deliveries: [], replayName: null,
      replays: [{ replayName: 'orders-gap', ingestedAt: '2026-12-07T10:05:00Z' }] }
    const fetch = vi.fn(async (url: string) => url.includes('?at=')
      ? answer(200, { ...original, ingestedAt: '2026-12-07T10:05:00Z', replayName: 'orders-gap', replays: [] })
      : answer(200, original))
    vi.stubGlobal('fetch', fetch)
    render(<MemoryRouter initialEntries={['/events/e1']}><Routes><Route path="/events/:id" element={<EventDetail />} /></Routes></MemoryRouter>)
    const copy = await screen.findByRole('link', { name: `orders-gap, ${new Date('2026-12-07T10:05:00Z').toLocaleString()}` })
    expect(screen.queryByRole('note', { name: 'Replay copy' })).toBeNull()
    await userEvent.click(copy)

    const note = await screen.findByRole('note', { name: 'Replay copy' })
    expect(fetch).toHaveBeenLastCalledWith(`/v1/events/e1?at=${encodeURIComponent('2026-12-07T10:05:00Z')}`, expect.anything())
    expect(note.textContent).toContain('Replayed by orders-gap')
    expect(screen.getByRole('link', { name: 'orders-gap' }).getAttribute('href')).toBe('/replays/orders-gap')
    expect(screen.getByRole('link', { name: 'the original event' }).getAttribute('href')).toBe('/events/e1')
  })

  it('offers to replay from a delivery that did not get through, from the event time to now', async () => {
    const delivery = (id: string, rule: string, state: string) => ({ id, rule, target: 'hook', state, attempts: 1,
      attemptLog: [] })
    vi.stubGlobal('fetch', vi.fn(async () => answer(200, { id: 'e1', bus: 'orders', ingestedAt: '2026-12-07T09:10:01Z',
      event: { time: '2026-12-07T09:10:00Z' }, matchedRules: ['billing', 'audit', 'ok'], deliveries: [
        delivery('d1', 'billing', 'DEAD_LETTERED'), delivery('d2', 'audit', 'RETRYABLE'), delivery('d3', 'ok', 'DELIVERED')] })))
    render(<MemoryRouter initialEntries={['/events/e1']}><Routes><Route path="/events/:id" element={<EventDetail />} /></Routes></MemoryRouter>)
    const links = await screen.findAllByRole('link', { name: 'Replay from here' })
    expect(links.map((l) => l.getAttribute('href'))).toEqual([
      `/replays/new?bus=orders&rules=billing&from=${encodeURIComponent('2026-12-07T09:10:00Z')}`,
      `/replays/new?bus=orders&rules=audit&from=${encodeURIComponent('2026-12-07T09:10:00Z')}`])
  })
})
