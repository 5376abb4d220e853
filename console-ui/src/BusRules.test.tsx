import { afterEach, describe, expect, it, vi } from 'vitest'
import { cleanup, render, screen, within } from '@testing-library/react'
import userEvent from '@testing-library/user-event'
import { MemoryRouter, Route, Routes } from 'react-router'
import BusRules from './pages/BusRules.tsx'

function answer(status: number, body?: unknown, headers: Record<string, string> = {}) {
  return new Response(body === undefined ? null : JSON.stringify(body),
    { status, headers: { 'Content-Type': status >= 400 ? 'application/problem+json' : 'application/json', ...headers } })
}

afterEach(() => {
  cleanup()
  vi.unstubAllGlobals()
})

const bus = { name: 'orders', description: 'shop orders', ruleCount: 1, createdAt: '2026-11-26T10:00:00Z',
  updatedAt: '2026-11-26T10:00:00Z', settings: { eventRetentionDays: 7 } }

function renderPage() {
  render(<MemoryRouter initialEntries={['/buses/orders']}>
    <Routes><Route path="/buses/:bus" element={<BusRules />} /></Routes>
  </MemoryRouter>)
}

const STATS = { bucketSeconds: 3600, buckets: [
  { start: '2026-12-07T10:00:00Z', eventsIn: 40, delivered: 38, failedAttempts: 2, deadLettered: 1 }] }

describe('Rules of a bus', () => {
  it('lists rules with state and targets, and edits the bus settings with If-Match', async () => {
    const fetch = vi.fn(async (url: string, init?: RequestInit) => {
      if (url === '/v1/buses/orders/rules') {
        return answer(200, { rules: [{ name: 'big', bus: 'orders', eventPattern: {}, state: 'DISABLED',
          createdAt: '2026-11-26T10:00:00Z', updatedAt: '2026-11-26T10:00:00Z', targets: [
            { id: 'billing', type: 'webhook', webhook: { url: 'https://billing.example.com/hook' }, deadLetterQueue: 'dlq' },
            { id: 'k', type: 'kafka', kafka: { bootstrapServers: 'k1:9092', topic: 'orders' } },
            { id: 'fwd', type: 'bus', bus: { name: 'archive' } }] }] })
      }
      if (url === '/v1/queues') return answer(200, { queues: [{ name: 'dlq', depth: { visible: 0, inFlight: 0 } }] })
      if (url === '/v1/archives?bus=orders') return answer(200, { archives: [] })
      if (url.startsWith('/v1/bulk-retries')) return answer(200, { bulkRetries: [] })
      if (url.startsWith('/v1/stats')) return answer(200, STATS)
      if (url === '/v1/buses/orders' && init?.method === 'PUT') {
        return answer(200, { ...bus, settings: { eventRetentionDays: 30, deadLetterQueue: 'dlq' } }, { ETag: '"4"' })
      }
      return answer(200, bus, { ETag: '"3"' })
    })
    vi.stubGlobal('fetch', fetch)
    renderPage()

    const row = (await screen.findByRole('link', { name: 'big' })).closest('tr')!
    const figures = await screen.findByLabelText('Figures of orders, last 24 hours')
    expect(within(figures).getByRole('link', { name: '40' }).getAttribute('href')).toBe('/events?bus=orders')
    expect(within(figures).getByRole('link', { name: '1' }).getAttribute('href'))
      .toBe('/events?bus=orders&delivery=dead-lettered')
    expect(within(figures).getByText('95.0 %')).toBeTruthy()
    expect(within(row).getByText('Disabled')).toBeTruthy()
    expect(within(row).getByText('webhook billing → POST https://billing.example.com/hook (dead letters → dlq)')).toBeTruthy()
    expect(within(row).getByText('kafka k → orders at k1:9092')).toBeTruthy()
    expect(within(row).getByText('bus fwd → archive')).toBeTruthy()

    const settings = await screen.findByRole('form', { name: 'Bus settings' })
    expect((within(settings).getByLabelText('Description') as HTMLInputElement).value).toBe('shop orders')
    await userEvent.selectOptions(within(settings).getByLabelText(/Dead-letter queue/), 'dlq')
    const days = within(settings).getByLabelText('Keep events (days)')
    await userEvent.clear(days)
    await userEvent.type(days, '30')
    expect((within(settings).getByLabelText('Schema validation') as HTMLSelectElement).value).toBe('OFF')
    await userEvent.selectOptions(within(settings).getByLabelText('Schema validation'), 'ENFORCE')
    await userEvent.click(within(settings).getByLabelText('Require a schema'))
    await userEvent.click(within(settings).getByRole('button', { name: 'Save settings' }))

    expect(await within(settings).findByText('Saved.')).toBeTruthy()
    const put = fetch.mock.calls.find(([, i]) => i?.method === 'PUT')!
    expect(JSON.parse(String(put[1]!.body))).toEqual({ description: 'shop orders',
      settings: { deadLetterQueue: 'dlq', eventRetentionDays: 30, schemaValidation: 'ENFORCE', requireSchema: true,
        schemaDiscovery: false } })
    expect((put[1]!.headers as Record<string, string>)['If-Match']).toBe('"3"')
  })

  it('says that a bus does not exist, links back to the buses and offers no actions', async () => {
    vi.stubGlobal('fetch', vi.fn(async (url: string) => url === '/v1/queues' ? answer(200, { queues: [] })
      : answer(404, { code: 'NotFound', detail: "bus 'orders' does not exist" })))
    renderPage()
    expect(await screen.findByRole('heading', { name: "Bus 'orders' does not exist" })).toBeTruthy()
    expect(screen.getByRole('link', { name: 'Go to the buses' }).getAttribute('href')).toBe('/buses')
    expect(screen.queryByRole('link', { name: 'Send event' })).toBeNull()
    expect(screen.queryByRole('link', { name: 'New rule' })).toBeNull()
    expect(screen.queryByRole('link', { name: 'Create one' })).toBeNull()
    expect(screen.queryByRole('form', { name: 'Bus settings' })).toBeNull()
    expect(screen.queryByRole('alert')).toBeNull()
  })

  it('shows a problem other than a missing bus as it is, without actions', async () => {
    vi.stubGlobal('fetch', vi.fn(async () => answer(503, { code: 'ServiceUnavailable', detail: 'the database is down' })))
    renderPage()
    expect((await screen.findByRole('alert')).textContent).toContain('the database is down')
    expect(screen.queryByRole('link', { name: 'Send event' })).toBeNull()
    expect(screen.queryByRole('heading', { name: /does not exist/ })).toBeNull()
  })

  it('offers Replay… when the bus has an archive, and otherwise links to creating one', async () => {
    const serve = (archives: unknown[]) => vi.stubGlobal('fetch', vi.fn(async (url: string) => {
      if (url === '/v1/buses/orders/rules') return answer(200, { rules: [] })
      if (url === '/v1/queues') return answer(200, { queues: [] })
      if (url === '/v1/archives?bus=orders') return answer(200, { archives })
      if (url.startsWith('/v1/bulk-retries')) return answer(200, { bulkRetries: [] })
      if (url.startsWith('/v1/stats')) return answer(200, STATS)
      return answer(200, bus, { ETag: '"3"' })
    }))
    serve([{ name: 'orders-archive', bus: 'orders', retentionDays: 0, eventCount: 0, sizeBytes: 0, createdAt: '',
      updatedAt: '', version: 1 }])
    renderPage()
    expect((await screen.findByRole('link', { name: 'Replay…' })).getAttribute('href')).toBe('/replays/new?bus=orders')
    expect(screen.queryByRole('link', { name: 'Create an archive for orders' })).toBeNull()
    cleanup()

    serve([])
    renderPage()
    expect((await screen.findByRole('link', { name: 'Create an archive for orders' })).getAttribute('href'))
      .toBe('/archives?bus=orders')
    expect(screen.queryByRole('link', { name: 'Replay…' })).toBeNull()
  })
})
