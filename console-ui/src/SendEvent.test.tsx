import { afterEach, describe, expect, it, vi } from 'vitest'
import { cleanup, fireEvent, render, screen, within } from '@testing-library/react'
import userEvent from '@testing-library/user-event'
import { MemoryRouter, Route, Routes } from 'react-router'
import SendEvent from './pages/SendEvent.tsx'

function answer(status: number, body?: unknown, type = 'application/json') {
  return new Response(body === undefined ? null : JSON.stringify(body), { status, headers: { 'Content-Type': type } })
}

const PROBLEM = 'application/problem+json'

/** A stub server: the bus' latest events, and `put` for POST /v1/buses/orders/events. */
function server(put: (body: string) => Response, latest: unknown[] = []) {
  const fetch = vi.fn(async (url: string, init: RequestInit = {}) => {
    if (url === '/v1/buses/orders/events?limit=1') return answer(200, { events: latest })
    if (url === '/v1/buses/orders/events' && init.method === 'POST') return put(String(init.body))
    return answer(404, { code: 'NotFound', detail: `no stub for ${init.method ?? 'GET'} ${url}` }, PROBLEM)
  })
  vi.stubGlobal('fetch', fetch)
  return fetch
}

const posts = (fetch: ReturnType<typeof server>) => fetch.mock.calls.filter(([, init]) => init?.method === 'POST')

function renderPage() {
  render(
    <MemoryRouter initialEntries={['/buses/orders/send-event']}>
      <Routes>
        <Route path="/buses/:bus/send-event" element={<SendEvent />} />
        <Route path="/events/:id" element={<p>the event page</p>} />
      </Routes>
    </MemoryRouter>)
}

afterEach(() => {
  cleanup()
  vi.unstubAllGlobals()
})

describe('Send event', () => {
  it('sends the detail as typed and links the new event to the explorer', async () => {
    const fetch = server(() => answer(200, { failedEntryCount: 0, entries: [{ eventId: '019ac0de-0000-7000-8000-000000000001' }] }))
    renderPage()
    const detail = await screen.findByLabelText('Detail (a JSON object)')
    expect((detail as HTMLTextAreaElement).value).toContain('"orderId": "o-1001"') // the example order
    expect((screen.getByLabelText('Source') as HTMLInputElement).value).toBe('shop.orders')

    await userEvent.clear(screen.getByLabelText('Detail-type'))
    await userEvent.type(screen.getByLabelText('Detail-type'), 'Order Shipped')
    fireEvent.change(detail, { target: { value: '{"total": 120.50, "items": [1, 2]}' } })
    fireEvent.change(screen.getByLabelText(/^Resources/), { target: { value: 'order/7\n\n  parcel/9 \n' } })
    expect(screen.getByText('Valid JSON.')).toBeTruthy()
    await userEvent.click(screen.getByRole('button', { name: 'Send event' }))

    const link = await screen.findByRole('link', { name: 'See it and its deliveries' })
    expect(screen.getByText('019ac0de-0000-7000-8000-000000000001')).toBeTruthy()
    const sent = String(posts(fetch)[0][1]!.body)
    expect(sent).toContain('"detail": {"total": 120.50, "items": [1, 2]}')
    expect(JSON.parse(sent)).toEqual({ entries: [{ source: 'shop.orders', detailType: 'Order Shipped',
      detail: { total: 120.5, items: [1, 2] }, resources: ['order/7', 'parcel/9'] }] })
    await userEvent.click(link)
    expect(await screen.findByText('the event page')).toBeTruthy()
  })

  it('says where the detail is not JSON, or not an object, and sends nothing', async () => {
    const fetch = server(() => answer(500))
    renderPage()
    const detail = await screen.findByLabelText('Detail (a JSON object)')

    fireEvent.change(detail, { target: { value: '{"total": 120,}' } })
    expect(screen.getByText(/^Not JSON/)).toBeTruthy()
    await userEvent.click(screen.getByRole('button', { name: 'Send event' }))

    const check = document.getElementById('event-detail-check')!
    expect(within(check).getByRole('alert').textContent).toMatch(/Not JSON/)
    expect(detail.getAttribute('aria-invalid')).toBe('true')
    expect(document.activeElement).toBe(detail)
    expect(screen.getByText('Not sent: see the problem at the detail.')).toBeTruthy()

    fireEvent.change(detail, { target: { value: '[1, 2]' } })
    expect(screen.queryByRole('alert')).toBeNull() // editing the detail puts the old problem away
    await userEvent.click(screen.getByRole('button', { name: 'Send event' }))
    expect(within(check).getByRole('alert').textContent).toContain('Detail must be a JSON object')
    expect(posts(fetch)).toHaveLength(0)
  })

  it("shows the server's refusal at the field it names, and a problem about the request at the top", async () => {
    let reply = answer(200, { failedEntryCount: 1, entries: [{ errorCode: 'ValidationError',
      errorMessage: 'source is required: a string of 1 to 256 characters', errorLocation: 'source' }] })
    server(() => reply)
    renderPage()
    const source = await screen.findByLabelText('Source')
    await userEvent.clear(source)
    await userEvent.click(screen.getByRole('button', { name: 'Send event' }))

    const problem = await screen.findByRole('alert')
    expect(problem.textContent).toContain('source is required')
    expect(source.closest('.field-row')!.nextElementSibling).toBe(problem)
    expect(source.getAttribute('aria-invalid')).toBe('true')
    expect(screen.getByText('Not sent: see the problem at the source.')).toBeTruthy()

    reply = answer(404, { code: 'NotFound', status: 404, detail: "bus 'orders' does not exist" }, PROBLEM)
    await userEvent.type(source, 'shop.orders')
    await userEvent.click(screen.getByRole('button', { name: 'Send event' }))
    expect((await screen.findByRole('alert')).textContent).toContain("bus 'orders' does not exist")
    expect(screen.getByText('Not sent: see the problem above.')).toBeTruthy()
  })

  it('shows a duplicate key the server refuses at the detail', async () => {
    server(() => answer(400, { code: 'InvalidJson', status: 400, location: 'line 1, column 90',
      detail: "The body is not valid JSON: Duplicate field 'total' line 1, column 90" }, PROBLEM))
    renderPage()
    fireEvent.change(await screen.findByLabelText('Detail (a JSON object)'), { target: { value: '{"total": 1, "total": 2}' } })
    await userEvent.click(screen.getByRole('button', { name: 'Send event' }))
    const check = document.getElementById('event-detail-check')!
    expect((await within(check).findByRole('alert')).textContent).toContain("Duplicate field 'total'")
  })

  it('starts from the latest event of the bus', async () => {
    server(() => answer(500), [{ id: '019a', ingestedAt: '2026-11-26T10:00:00Z', source: 'shop.payments',
      detailType: 'Payment Failed', event: { source: 'shop.payments', 'detail-type': 'Payment Failed',
        resources: ['payment/3'], detail: { payment: 'p-3' } } }])
    renderPage()
    expect(await screen.findByText(/Filled in from the latest event on orders/)).toBeTruthy()
    expect((screen.getByLabelText('Source') as HTMLInputElement).value).toBe('shop.payments')
    expect((screen.getByLabelText('Detail-type') as HTMLInputElement).value).toBe('Payment Failed')
    expect((screen.getByLabelText('Detail (a JSON object)') as HTMLTextAreaElement).value).toBe('{"payment": "p-3"}')
    // the latest event's resources name that event, not the next one
    expect((screen.getByLabelText(/^Resources/) as HTMLTextAreaElement).value).toBe('')
  })

  it('says so when the server runs only the control plane', async () => {
    server(() => answer(405, { code: 'MethodNotAllowed', detail: 'Method [POST] not allowed for URI' }, PROBLEM))
    renderPage()
    await screen.findByLabelText('Detail (a JSON object)')

    await userEvent.click(screen.getByRole('button', { name: 'Send event' }))

    expect((await screen.findByText(/runs only the control plane/)).textContent).toContain('with an API key')
  })
})
