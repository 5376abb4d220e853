import { afterEach, describe, expect, it, vi } from 'vitest'
import { cleanup, render, screen, within } from '@testing-library/react'
import userEvent from '@testing-library/user-event'
import { MemoryRouter, Route, Routes } from 'react-router'
import Archives from './pages/Archives.tsx'
import ArchiveDetail from './pages/ArchiveDetail.tsx'
import { humanBytes, patternSummary, retentionText } from './components/archiveFormat.ts'

function answer(status: number, body?: unknown, headers: Record<string, string> = {}) {
  return new Response(body === undefined ? null : JSON.stringify(body),
    { status, headers: { 'Content-Type': status >= 400 ? 'application/problem+json' : 'application/json', ...headers } })
}

afterEach(() => {
  cleanup()
  vi.unstubAllGlobals()
})

const orders = { name: 'orders-archive', bus: 'orders', description: null, eventPattern: { source: ['shop.orders'] },
  retentionDays: 30, eventCount: 1234, sizeBytes: 409600, oldestEventTime: '2026-12-01T00:00:00Z',
  newestEventTime: '2026-12-07T10:00:00Z', createdAt: '2026-12-01T00:00:00Z', updatedAt: '2026-12-01T00:00:00Z',
  version: 1 }
const empty = { ...orders, name: 'everything', bus: 'default', eventPattern: null, retentionDays: 0, eventCount: 0,
  sizeBytes: 0, oldestEventTime: null, newestEventTime: null }
const replay = { name: 'orders-gap', description: null, archive: 'orders-archive', bus: 'orders',
  eventStartTime: '2026-12-07T09:00:00Z', eventEndTime: '2026-12-07T10:00:00Z', rules: null, rateLimitPerSecond: null,
  state: 'RUNNING', stateReason: null, eventsTotal: 5000, eventsReplayed: 1200, deliveries: 1200,
  eventLastReplayedTime: '2026-12-07T09:12:00Z', createdAt: '2026-12-07T10:01:00Z', replayStartTime: null,
  replayEndTime: null }
const buses = { buses: [{ name: 'default', ruleCount: 0, createdAt: '', updatedAt: '' },
  { name: 'orders', ruleCount: 1, createdAt: '', updatedAt: '' }] }

function renderAt(path: string) {
  render(
    <MemoryRouter initialEntries={[path]}>
      <Routes>
        <Route path="/archives" element={<Archives />} />
        <Route path="/archives/:name" element={<ArchiveDetail />} />
        <Route path="/replays/new" element={<p>start replay page</p>} />
      </Routes>
    </MemoryRouter>)
}

describe('Archives page', () => {
  it('lists each archive with its bus, pattern, retention, count, size and oldest and newest event', async () => {
    vi.stubGlobal('fetch', vi.fn(async (url: string) => url === '/v1/buses' ? answer(200, buses)
      : answer(200, { archives: [empty, orders] })))
    renderAt('/archives')
    const row = (await screen.findByRole('link', { name: 'orders-archive' })).closest('tr')!
    expect(within(row).getByRole('link', { name: 'orders' }).getAttribute('href')).toBe('/buses/orders')
    expect(within(row).getByText('{"source":["shop.orders"]}')).toBeTruthy()
    expect(within(row).getByText('30 days')).toBeTruthy()
    expect(within(row).getByText('1,234')).toBeTruthy()
    expect(within(row).getByText('400 KB')).toBeTruthy()
    expect(within(row).getByText(new Date('2026-12-01T00:00:00Z').toLocaleString())).toBeTruthy()

    const other = screen.getByRole('link', { name: 'everything' }).closest('tr')!
    expect(within(other).getByText('every event')).toBeTruthy()
    expect(within(other).getByText('forever')).toBeTruthy()
    expect(within(other).getByText('0 bytes')).toBeTruthy()
    expect(within(other).getAllByText('—')).toHaveLength(2)
  })

  it('creates an archive with its bus, pattern as typed and retention, and opens its page', async () => {
    const fetch = vi.fn(async (url: string, init?: RequestInit) => {
      if (url === '/v1/buses') return answer(200, buses)
      if (url === '/v1/test-event-pattern') return answer(200, { result: true })
      if (url === '/v1/archives' && init?.method === 'POST') return answer(201, { ...orders, name: 'big-orders' })
      if (url === '/v1/archives') return answer(200, { archives: [] })
      if (url.startsWith('/v1/replays')) return answer(200, { replays: [] })
      return answer(200, { ...orders, name: 'big-orders' }, { ETag: '"1"' })
    })
    vi.stubGlobal('fetch', fetch)
    renderAt('/archives')
    const form = await screen.findByRole('form', { name: 'Create an archive' })
    await userEvent.type(within(form).getByLabelText('Name'), 'big-orders')
    await within(form).findByRole('option', { name: 'orders' })
    await userEvent.selectOptions(within(form).getByLabelText('Bus'), 'orders')
    await userEvent.type(within(form).getByLabelText('Keep events (days)'), '30')
    await userEvent.click(within(form).getByLabelText(/Only the events that match a pattern/))
    expect(await within(form).findByText('The server accepts this pattern.')).toBeTruthy()
    await userEvent.click(within(form).getByRole('button', { name: 'Create archive' }))

    expect(await screen.findByRole('heading', { name: 'Archive big-orders' })).toBeTruthy()
    const post = fetch.mock.calls.find(([u, i]) => u === '/v1/archives' && i?.method === 'POST')!
    const body = JSON.parse(String(post[1]!.body))
    expect(body).toEqual({ name: 'big-orders', bus: 'orders', retentionDays: 30, eventPattern: expect.any(String) })
    expect(JSON.parse(body.eventPattern)).toEqual({ source: ['shop.orders'] })
  })

  it('archives every event of the bus of the address, forever, when nothing else is chosen', async () => {
    const fetch = vi.fn(async (url: string, init?: RequestInit) => {
      if (url === '/v1/buses') return answer(200, buses)
      if (init?.method === 'POST') return answer(201, empty)
      if (url === '/v1/archives') return answer(200, { archives: [] })
      if (url.startsWith('/v1/replays')) return answer(200, { replays: [] })
      return answer(200, empty)
    })
    vi.stubGlobal('fetch', fetch)
    renderAt('/archives?bus=orders')
    const form = await screen.findByRole('form', { name: 'Create an archive' })
    expect((within(form).getByLabelText('Bus') as HTMLSelectElement).value).toBe('orders')
    await userEvent.type(within(form).getByLabelText('Name'), 'all-orders')
    await userEvent.click(within(form).getByRole('button', { name: 'Create archive' }))
    await screen.findByRole('heading', { name: 'Archive all-orders' })
    const post = fetch.mock.calls.find(([, i]) => i?.method === 'POST')!
    expect(JSON.parse(String(post[1]!.body))).toEqual({ name: 'all-orders', bus: 'orders' })
  })

  it('points out a bad name at the name field and sends nothing', async () => {
    const fetch = vi.fn(async (url: string, _init?: RequestInit) =>
      answer(200, url === '/v1/buses' ? buses : { archives: [] }))
    vi.stubGlobal('fetch', fetch)
    renderAt('/archives')
    const form = await screen.findByRole('form', { name: 'Create an archive' })
    await userEvent.type(within(form).getByLabelText('Name'), 'big orders')
    await userEvent.click(within(form).getByRole('button', { name: 'Create archive' }))
    expect(within(form).getByRole('alert').textContent).toContain('it has a space')
    expect(fetch.mock.calls.filter(([, i]) => i?.method === 'POST')).toEqual([])
  })

  it('shows the server problem when the name is taken', async () => {
    vi.stubGlobal('fetch', vi.fn(async (url: string, init?: RequestInit) => {
      if (url === '/v1/buses') return answer(200, buses)
      if (init?.method === 'POST') return answer(409, { code: 'Conflict', detail: "archive 'x' already exists" })
      return answer(200, { archives: [] })
    }))
    renderAt('/archives')
    const form = await screen.findByRole('form', { name: 'Create an archive' })
    await userEvent.type(within(form).getByLabelText('Name'), 'x')
    await userEvent.click(within(form).getByRole('button', { name: 'Create archive' }))
    expect((await within(form).findByRole('alert')).textContent).toContain("archive 'x' already exists")
  })
})

describe('Archive page', () => {
  function serve(extra?: (url: string, init?: RequestInit) => Response | undefined) {
    const fetch = vi.fn(async (url: string, init?: RequestInit) => {
      const special = extra?.(url, init)
      if (special) return special
      if (url === '/v1/test-event-pattern') return answer(200, { result: true })
      if (url === '/v1/replays?archive=orders-archive') return answer(200, { replays: [replay] })
      return answer(200, orders, { ETag: '"1"' })
    })
    vi.stubGlobal('fetch', fetch)
    return fetch
  }

  it('shows what it holds, its replays and a Start replay link for its archive and bus', async () => {
    serve()
    renderAt('/archives/orders-archive')
    expect(await screen.findByText('1,234')).toBeTruthy()
    expect(screen.getByText('400 KB')).toBeTruthy()
    expect(screen.getByText(/the events that match its pattern, 30 days/)).toBeTruthy()
    expect(screen.getByRole('link', { name: 'Start replay' }).getAttribute('href'))
      .toBe('/replays/new?archive=orders-archive&bus=orders')
    const replays = screen.getByRole('region', { name: 'Replays of this archive' })
    const row = (await within(replays).findByRole('link', { name: 'orders-gap' })).closest('tr')!
    expect(within(row).getByText('Running')).toBeTruthy()
    expect(within(row).getByText('1,200 of 5,000')).toBeTruthy()
  })

  it('saves description, pattern and retention with If-Match', async () => {
    const fetch = serve((_url, init) => init?.method === 'PUT'
      ? answer(200, { ...orders, eventPattern: null, retentionDays: 0, description: 'all of them', version: 2 },
        { ETag: '"2"' }) : undefined)
    renderAt('/archives/orders-archive')
    const form = await screen.findByRole('form', { name: 'Archive settings' })
    await userEvent.type(within(form).getByLabelText('Description'), 'all of them')
    await userEvent.clear(within(form).getByLabelText('Keep events (days)'))
    await userEvent.click(within(form).getByLabelText(/Only the events that match a pattern/))
    await userEvent.click(within(form).getByRole('button', { name: 'Save settings' }))

    expect(await within(form).findByText('Saved.')).toBeTruthy()
    const put = fetch.mock.calls.find(([, i]) => i?.method === 'PUT')!
    expect(put[0]).toBe('/v1/archives/orders-archive')
    expect(JSON.parse(String(put[1]!.body))).toEqual({ description: 'all of them', eventPattern: null, retentionDays: 0 })
    expect((put[1]!.headers as Record<string, string>)['If-Match']).toBe('"1"')
    expect(screen.getByText(/every event of the bus, forever/)).toBeTruthy()
  })

  it('shows why it cannot be deleted while a replay of it is under way', async () => {
    serve((_url, init) => init?.method === 'DELETE' ? answer(409, { code: 'Conflict',
      detail: "archive 'orders-archive' has a replay under way: orders-gap; cancel it first" }) : undefined)
    renderAt('/archives/orders-archive')
    await userEvent.click(await screen.findByRole('button', { name: 'Delete archive' }))
    const dialog = screen.getByRole('dialog')
    await userEvent.click(within(dialog).getByRole('button', { name: 'Delete archive' }))
    expect((await within(dialog).findByRole('alert')).textContent).toContain('orders-gap; cancel it first')
  })

  it('says that an archive does not exist', async () => {
    vi.stubGlobal('fetch', vi.fn(async () => answer(404, { code: 'NotFound', detail: 'no' })))
    renderAt('/archives/nope')
    expect(await screen.findByRole('heading', { name: "Archive 'nope' does not exist" })).toBeTruthy()
  })
})

describe('archive words', () => {
  it('puts sizes, retention and patterns in words', () => {
    expect(humanBytes(512)).toBe('512 bytes')
    expect(humanBytes(1536)).toBe('1.5 KB')
    expect(humanBytes(409600)).toBe('400 KB')
    expect(humanBytes(3 * 1024 ** 3)).toBe('3 GB')
    expect(retentionText(0)).toBe('forever')
    expect(retentionText(1)).toBe('1 day')
    expect(retentionText(30)).toBe('30 days')
    expect(patternSummary(null)).toBe('every event')
    expect(patternSummary('{ "source": [ "a" ] }')).toBe('{"source":["a"]}')
    expect(patternSummary({ detail: { note: 'x'.repeat(100) } }, 20)).toHaveLength(20)
  })
})
