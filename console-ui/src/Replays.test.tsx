import { afterEach, describe, expect, it, vi } from 'vitest'
import { cleanup, fireEvent, render, screen, waitFor, within } from '@testing-library/react'
import userEvent from '@testing-library/user-event'
import { MemoryRouter, Route, Routes } from 'react-router'
import Replays, { REPLAYS_REFRESH_MILLIS } from './pages/Replays.tsx'
import ReplayDetail, { REPLAY_REFRESH_MILLIS } from './pages/ReplayDetail.tsx'
import StartReplay, { ruleNames } from './pages/StartReplay.tsx'
import { toLocalInput } from './components/localTime.ts'
import { windowText } from './components/archiveFormat.ts'

function answer(status: number, body?: unknown) {
  return new Response(body === undefined ? null : JSON.stringify(body),
    { status, headers: { 'Content-Type': status >= 400 ? 'application/problem+json' : 'application/json' } })
}

afterEach(() => {
  cleanup()
  vi.unstubAllGlobals()
  vi.useRealTimers()
})

const archive = { name: 'orders-archive', bus: 'orders', description: null, eventPattern: null, retentionDays: 0,
  eventCount: 10, sizeBytes: 8192, oldestEventTime: '2026-12-01T00:00:00Z', newestEventTime: '2026-12-07T10:00:00Z',
  createdAt: '2026-12-01T00:00:00Z', updatedAt: '2026-12-01T00:00:00Z', version: 1 }
const rules = { rules: ['billing', 'audit'].map((name) => ({ name, bus: 'orders', eventPattern: {}, state: 'ENABLED',
  targets: [], createdAt: '', updatedAt: '' })) }
const replay = { name: 'orders-gap', description: null, archive: 'orders-archive', bus: 'orders',
  eventStartTime: '2026-12-07T09:00:00Z', eventEndTime: '2026-12-07T10:00:00Z', rules: ['billing'],
  rateLimitPerSecond: 500, state: 'RUNNING', stateReason: null, eventsTotal: 5000, eventsReplayed: 1200,
  deliveries: 1180, eventLastReplayedTime: '2026-12-07T09:12:00Z', createdAt: '2026-12-07T10:01:00Z',
  replayStartTime: '2026-12-07T10:01:01Z', replayEndTime: null }
const completed = { ...replay, state: 'COMPLETED', eventsReplayed: 5000, deliveries: 5000,
  eventLastReplayedTime: '2026-12-07T09:59:59Z', replayEndTime: '2026-12-07T10:05:00Z' }

function renderAt(path: string) {
  render(
    <MemoryRouter initialEntries={[path]}>
      <Routes>
        <Route path="/replays" element={<Replays />} />
        <Route path="/replays/new" element={<StartReplay />} />
        <Route path="/replays/:name" element={<ReplayDetail />} />
      </Routes>
    </MemoryRouter>)
}

function posted(fetch: ReturnType<typeof vi.fn>, url: string): unknown {
  const call = fetch.mock.calls.find(([u, i]) => u === url && (i as RequestInit | undefined)?.method === 'POST')
  return call ? JSON.parse(String((call[1] as RequestInit).body)) : undefined
}

describe('Replays page', () => {
  it('lists replays with their archive, window, state, progress and deliveries', async () => {
    vi.stubGlobal('fetch', vi.fn(async () => answer(200, { replays: [completed, { ...replay, name: 'counting',
      state: 'STARTING', eventsTotal: null, eventsReplayed: 0, deliveries: 0 }] })))
    renderAt('/replays')
    const row = (await screen.findByRole('link', { name: 'orders-gap' })).closest('tr')!
    expect(within(row).getByRole('link', { name: 'orders-archive' }).getAttribute('href')).toBe('/archives/orders-archive')
    expect(within(row).getByText('Completed')).toBeTruthy()
    expect(within(row).getByText('5,000 of 5,000')).toBeTruthy()
    expect(within(row).getByText(windowText('2026-12-07T09:00:00Z', '2026-12-07T10:00:00Z'))).toBeTruthy()
    const starting = screen.getByRole('link', { name: 'counting' }).closest('tr')!
    expect(within(starting).getByText('Starting')).toBeTruthy()
    expect(within(starting).getByText('0 of (counting…)')).toBeTruthy()
  })

  it('looks again every 2 seconds while a replay is under way, and stops once none is', async () => {
    const fetch = vi.fn()
      .mockResolvedValueOnce(answer(200, { replays: [replay] }))
      .mockResolvedValue(answer(200, { replays: [completed] }))
    vi.stubGlobal('fetch', fetch)
    renderAt('/replays')
    expect(await screen.findByText('Running')).toBeTruthy()
    expect(screen.getByText(/this list looks again every 2 seconds/)).toBeTruthy()
    expect(await screen.findByText('Completed', {}, { timeout: REPLAYS_REFRESH_MILLIS + 2000 })).toBeTruthy()
    expect(screen.queryByText(/this list looks again/)).toBeNull()
    await new Promise((r) => setTimeout(r, REPLAYS_REFRESH_MILLIS + 300))
    expect(fetch).toHaveBeenCalledTimes(2)
  }, 10_000)
})

describe('Replay page', () => {
  it('shows the live progress, the event time reached, the rules and a link to its events', async () => {
    vi.stubGlobal('fetch', vi.fn(async () => answer(200, { ...replay, stateReason: 'throttled by the data plane' })))
    renderAt('/replays/orders-gap')
    expect(await screen.findByRole('heading', { name: 'Replay orders-gap' })).toBeTruthy()
    // the heading comes from the address at once; the progress once the replay is read
    const progress = await screen.findByLabelText('Progress of replay orders-gap') as HTMLProgressElement
    expect(progress.value).toBe(1200)
    expect(progress.max).toBe(5000)
    expect(screen.getByText('1,200 of 5,000')).toBeTruthy()
    expect(screen.getByText('Running')).toBeTruthy()
    expect(screen.getByText(/throttled by the data plane/)).toBeTruthy()
    expect(screen.getByText(new Date('2026-12-07T09:12:00Z').toLocaleString())).toBeTruthy()
    expect(screen.getByText('billing')).toBeTruthy()
    expect(screen.getByText('500 events per second')).toBeTruthy()
    expect(screen.getByRole('link', { name: 'See its events' }).getAttribute('href')).toBe('/events?replay=orders-gap')
  })

  it('cancels after confirmation with POST :cancel and offers no Cancel once it is cancelling', async () => {
    const fetch = vi.fn(async (url: string, init?: RequestInit) => url.endsWith(':cancel') && init?.method === 'POST'
      ? answer(200, { ...replay, state: 'CANCELLING' }) : answer(200, replay))
    vi.stubGlobal('fetch', fetch)
    renderAt('/replays/orders-gap')
    await userEvent.click(await screen.findByRole('button', { name: 'Cancel replay' }))
    const dialog = screen.getByRole('dialog')
    expect(within(dialog).getByText(/1,200 event\(s\) replayed so far stay delivered/)).toBeTruthy()
    await userEvent.click(within(dialog).getByRole('button', { name: 'Cancel replay' }))

    expect(await screen.findByText('Cancelling')).toBeTruthy()
    expect(fetch).toHaveBeenCalledWith('/v1/replays/orders-gap:cancel', expect.objectContaining({ method: 'POST' }))
    expect(screen.queryByRole('button', { name: 'Cancel replay' })).toBeNull()
  })

  it('shows why a replay cannot be cancelled any more', async () => {
    vi.stubGlobal('fetch', vi.fn(async (_url: string, init?: RequestInit) => init?.method === 'POST'
      ? answer(409, { code: 'Conflict', detail: "replay 'orders-gap' is already COMPLETED" }) : answer(200, replay)))
    renderAt('/replays/orders-gap')
    await userEvent.click(await screen.findByRole('button', { name: 'Cancel replay' }))
    const dialog = screen.getByRole('dialog')
    await userEvent.click(within(dialog).getByRole('button', { name: 'Cancel replay' }))
    expect((await within(dialog).findByRole('alert')).textContent).toContain('is already COMPLETED')
  })

  it('looks again every second while the replay runs and stops once it is final', async () => {
    const fetch = vi.fn()
      .mockResolvedValueOnce(answer(200, { ...replay, state: 'STARTING', eventsTotal: null, eventsReplayed: 0 }))
      .mockResolvedValueOnce(answer(200, replay))
      .mockResolvedValue(answer(200, completed))
    vi.stubGlobal('fetch', fetch)
    renderAt('/replays/orders-gap')
    expect(await screen.findByText('Starting')).toBeTruthy()
    expect(screen.getByText(/this page looks again every second/)).toBeTruthy()
    expect(await screen.findByText('1,200 of 5,000', {}, { timeout: REPLAY_REFRESH_MILLIS + 2000 })).toBeTruthy()
    expect(await screen.findByText('Completed', {}, { timeout: REPLAY_REFRESH_MILLIS + 2000 })).toBeTruthy()
    expect(screen.getByText('5,000 of 5,000')).toBeTruthy()
    expect(screen.queryByText(/this page looks again/)).toBeNull()
    expect(screen.queryByRole('button', { name: 'Cancel replay' })).toBeNull()
    await new Promise((r) => setTimeout(r, REPLAY_REFRESH_MILLIS + 300))
    expect(fetch).toHaveBeenCalledTimes(3)
  }, 10_000)

  it('says that a replay does not exist', async () => {
    vi.stubGlobal('fetch', vi.fn(async () => answer(404, { code: 'NotFound', detail: 'no' })))
    renderAt('/replays/nope')
    expect(await screen.findByRole('heading', { name: "Replay 'nope' does not exist" })).toBeTruthy()
  })
})

describe('Start a replay', () => {
  function serve(extra?: (url: string, init?: RequestInit) => Response | undefined) {
    const fetch = vi.fn(async (url: string, init?: RequestInit) => {
      const special = extra?.(url, init)
      if (special) return special
      if (url === '/v1/archives?bus=orders' || url === '/v1/archives') return answer(200, { archives: [archive] })
      if (url === '/v1/buses/orders/rules') return answer(200, rules)
      if (url === '/v1/replays' && init?.method === 'POST') return answer(201, { ...replay, state: 'STARTING' })
      return answer(200, { ...replay, state: 'STARTING' })
    })
    vi.stubGlobal('fetch', fetch)
    return fetch
  }

  it('posts the window as ISO instants, the chosen rules and the rate limit, then opens the replay', async () => {
    const fetch = serve()
    renderAt('/replays/new?bus=orders')
    const form = await screen.findByRole('form', { name: 'Start a replay' })
    expect(fetch).toHaveBeenCalledWith('/v1/archives?bus=orders', expect.anything())
    await userEvent.type(within(form).getByLabelText('Name'), 'orders-gap')
    fireEvent.change(within(form).getByLabelText('Window start'), { target: { value: '2026-12-07T09:00' } })
    fireEvent.change(within(form).getByLabelText('Window end'), { target: { value: '2026-12-07T10:00' } })
    await userEvent.click(await within(form).findByLabelText('billing'))
    await userEvent.type(within(form).getByLabelText('Rate limit (events per second)'), '500')
    await userEvent.click(within(form).getByRole('button', { name: 'Start replay' }))

    expect(await screen.findByRole('heading', { name: 'Replay orders-gap' })).toBeTruthy()
    expect(posted(fetch, '/v1/replays')).toEqual({ name: 'orders-gap', archive: 'orders-archive',
      eventStartTime: new Date('2026-12-07T09:00').toISOString(), eventEndTime: new Date('2026-12-07T10:00').toISOString(),
      rules: ['billing'], rateLimitPerSecond: 500 })
  })

  it('fills the form in from the address: archive, rules and window', async () => {
    vi.useFakeTimers({ toFake: ['Date'] })
    vi.setSystemTime(new Date('2026-12-07T11:30:20Z'))
    const fetch = serve()
    const from = '2026-12-07T09:12:34Z'
    renderAt(`/replays/new?archive=orders-archive&bus=orders&rules=billing&from=${encodeURIComponent(from)}`)
    const form = await screen.findByRole('form', { name: 'Start a replay' })
    expect((within(form).getByLabelText('Archive') as HTMLSelectElement).value).toBe('orders-archive')
    expect((within(form).getByLabelText('Window start') as HTMLInputElement).value).toBe(toLocalInput(from))
    // to: now, to the next minute so that the last seconds are in the window
    expect((within(form).getByLabelText('Window end') as HTMLInputElement).value)
      .toBe(toLocalInput('2026-12-07T11:31:00Z'))
    expect((await within(form).findByLabelText('billing') as HTMLInputElement).checked).toBe(true)
    expect((within(form).getByLabelText('audit') as HTMLInputElement).checked).toBe(false)

    await userEvent.type(within(form).getByLabelText('Name'), 'from-here')
    await userEvent.click(within(form).getByRole('button', { name: 'Start replay' }))
    await waitFor(() => expect(posted(fetch, '/v1/replays')).toEqual({ name: 'from-here', archive: 'orders-archive',
      eventStartTime: new Date(toLocalInput(from)).toISOString(), eventEndTime: '2026-12-07T11:31:00.000Z',
      rules: ['billing'] }))
  })

  it('starts with the last hour and every rule when nothing is given', async () => {
    vi.useFakeTimers({ toFake: ['Date'] })
    vi.setSystemTime(new Date('2026-12-07T11:30:00Z'))
    const fetch = serve()
    renderAt('/replays/new')
    const form = await screen.findByRole('form', { name: 'Start a replay' })
    expect((within(form).getByLabelText('Window start') as HTMLInputElement).value).toBe(toLocalInput('2026-12-07T10:30:00Z'))
    expect((within(form).getByLabelText('Window end') as HTMLInputElement).value).toBe(toLocalInput('2026-12-07T11:30:00Z'))
    await within(form).findByLabelText('billing')
    await userEvent.type(within(form).getByLabelText('Name'), 'everything')
    await userEvent.click(within(form).getByRole('button', { name: 'Start replay' }))
    await waitFor(() => expect(posted(fetch, '/v1/replays')).toEqual({ name: 'everything', archive: 'orders-archive',
      eventStartTime: '2026-12-07T10:30:00.000Z', eventEndTime: '2026-12-07T11:30:00.000Z' }))
  })

  it('refuses a window that ends before it starts, and shows the problem the server answers', async () => {
    const fetch = serve((url, init) => url === '/v1/replays' && init?.method === 'POST'
      ? answer(400, { code: 'ValidationError', detail: "rule 'gone' does not exist on bus 'orders'", location: 'rules[0]' })
      : undefined)
    renderAt('/replays/new?bus=orders')
    const form = await screen.findByRole('form', { name: 'Start a replay' })
    await userEvent.type(within(form).getByLabelText('Name'), 'backwards')
    fireEvent.change(within(form).getByLabelText('Window start'), { target: { value: '2026-12-07T10:00' } })
    fireEvent.change(within(form).getByLabelText('Window end'), { target: { value: '2026-12-07T09:00' } })
    await userEvent.click(within(form).getByRole('button', { name: 'Start replay' }))
    expect(within(form).getByRole('alert').textContent).toContain('The end of the window must be after its start')
    expect(posted(fetch, '/v1/replays')).toBeUndefined()

    fireEvent.change(within(form).getByLabelText('Window end'), { target: { value: '2026-12-07T11:00' } })
    await userEvent.click(within(form).getByRole('button', { name: 'Start replay' }))
    expect((await within(form).findByRole('alert')).textContent).toContain("rule 'gone' does not exist")
  })

  it('links to creating an archive when the bus has none', async () => {
    serve((url) => url === '/v1/archives?bus=orders' ? answer(200, { archives: [] }) : undefined)
    renderAt('/replays/new?bus=orders')
    expect((await screen.findByRole('link', { name: 'Create an archive for orders' })).getAttribute('href'))
      .toBe('/archives?bus=orders')
    expect(screen.queryByRole('form', { name: 'Start a replay' })).toBeNull()
  })

  it('reads rules given as a list or repeated', () => {
    expect(ruleNames(new URLSearchParams('rules=a,b&rules=c&rules=a'))).toEqual(['a', 'b', 'c'])
    expect(ruleNames(new URLSearchParams(''))).toEqual([])
  })
})
