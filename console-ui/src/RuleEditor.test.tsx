import { afterEach, describe, expect, it, vi } from 'vitest'
import { cleanup, fireEvent, render, screen, waitFor, within } from '@testing-library/react'
import userEvent from '@testing-library/user-event'
import { MemoryRouter, Route, Routes } from 'react-router'
import RuleEditor from './pages/RuleEditor.tsx'

function answer(status: number, body?: unknown, type = 'application/json', headers: Record<string, string> = {}) {
  return new Response(body === undefined ? null : JSON.stringify(body),
    { status, headers: { 'Content-Type': type, ...headers } })
}

const PROBLEM = 'application/problem+json'

type Handler = (url: string, init: RequestInit, body: Record<string, unknown>) => Response | undefined

/** A stub server: each handler may answer; anything else is a 404 problem. */
function server(...handlers: Handler[]) {
  const fetch = vi.fn(async (url: string, init: RequestInit = {}) => {
    const body = init.body ? JSON.parse(String(init.body)) : {}
    for (const handle of handlers) {
      const r = handle(url, init, body)
      if (r) return r
    }
    return answer(404, { code: 'NotFound', detail: `no stub for ${init.method ?? 'GET'} ${url}` }, PROBLEM)
  })
  vi.stubGlobal('fetch', fetch)
  return fetch
}

const noEvents: Handler = (url) => (url.includes('/events?limit=1') ? answer(200, { events: [] }) : undefined)
const queues: Handler = (url) => (url === '/v1/queues' ? answer(200, { queues: [
  { name: 'audit', visibilityTimeoutSeconds: 30, messageRetentionSeconds: 345600, depth: { visible: 0, inFlight: 0 },
    createdAt: '2026-11-26T10:00:00Z', updatedAt: '2026-11-26T10:00:00Z' }] }) : undefined)

/** test-event-pattern as the server answers it, for the few patterns these tests type. */
const patternCheck: Handler = (url, _init, body) => {
  if (url !== '/v1/test-event-pattern') return undefined
  const pattern = String(body.eventPattern)
  if (pattern.includes('numeric')) {
    return answer(400, { code: 'InvalidEventPattern', status: 400, location: 'detail.total',
      detail: 'Event pattern is not valid. Reason: Value of > must be numeric (at detail.total)' }, PROBLEM)
  }
  const event = JSON.parse(String(body.event)) as { source?: string }
  return answer(200, { result: pattern.includes(`"${event.source}"`) })
}

function renderNewRule() {
  render(
    <MemoryRouter initialEntries={['/buses/orders/new-rule']}>
      <Routes>
        <Route path="/buses/:bus/new-rule" element={<RuleEditor />} />
        <Route path="/buses/:bus/rules/:rule" element={<RuleEditor />} />
      </Routes>
    </MemoryRouter>)
}

afterEach(() => {
  cleanup()
  vi.unstubAllGlobals()
})

describe('Rule editor', () => {
  it("shows the server's InvalidEventPattern detail right under the pattern as it is typed", async () => {
    server(noEvents, queues, patternCheck)
    renderNewRule()
    const pattern = await screen.findByLabelText('Event pattern')
    expect(await screen.findByText('The server accepts this pattern.')).toBeTruthy()

    fireEvent.change(pattern, { target: { value: '{"detail": {"total": [{"numeric": [">"]}]}}' } })

    const problem = await screen.findByText(/Value of > must be numeric/)
    const check = document.getElementById('event-pattern-check')!
    expect(check.contains(problem)).toBe(true)
    expect(within(check).getByText('InvalidEventPattern')).toBeTruthy()
    expect(pattern.getAttribute('aria-invalid')).toBe('true')
  })

  it('says MATCH or NO MATCH for the sample event', async () => {
    const fetch = server(noEvents, queues, patternCheck)
    renderNewRule()
    const verdict = await screen.findByRole('status', { name: 'Sandbox result' })
    await waitFor(() => expect(verdict.textContent).toBe('MATCH'))
    // the example event's source fills the new rule's pattern
    expect((screen.getByLabelText('Event pattern') as HTMLTextAreaElement).value).toContain('shop.orders')

    const sample = screen.getByLabelText('Sandbox: sample event') as HTMLTextAreaElement
    fireEvent.change(sample, { target: { value: sample.value.replace('"shop.orders"', '"shop.refunds"') } })

    await waitFor(() => expect(verdict.textContent).toBe('NO MATCH'))
    const sent = fetch.mock.calls.filter(([url]) => url === '/v1/test-event-pattern').at(-1)!
    expect(JSON.parse(String(sent[1]!.body)).event).toContain('shop.refunds')
  })

  it('starts the sandbox from the latest event of the bus', async () => {
    server(queues, patternCheck, (url) => (url.includes('/events?limit=1') ? answer(200, { events: [{
      id: '019a', ingestedAt: '2026-11-26T10:00:00Z', source: 'shop.payments', detailType: 'Payment Failed',
      event: { version: '0', id: 'e-9', source: 'shop.payments', 'detail-type': 'Payment Failed', detail: {} } }] })
      : undefined))
    renderNewRule()
    expect(await screen.findByText(/The latest event on orders \(Payment Failed from shop.payments/)).toBeTruthy()
    expect((screen.getByLabelText('Sandbox: sample event') as HTMLTextAreaElement).value).toContain('"e-9"')
  })

  it('lets the sandbox pick another of the bus\' recent events', async () => {
    const recent = (id: string, detailType: string) => ({ id, ingestedAt: '2026-11-26T10:00:00Z', source: 'shop',
      detailType, event: { version: '0', id, source: 'shop', 'detail-type': detailType, detail: {} } })
    server(queues, patternCheck, (url) => (url.endsWith('/events?limit=10')
      ? answer(200, { events: [recent('e-2', 'Order Shipped'), recent('e-1', 'Order Placed')] }) : undefined))
    renderNewRule()
    const picker = await screen.findByLabelText('Try another recent event')
    expect((screen.getByLabelText('Sandbox: sample event') as HTMLTextAreaElement).value).toContain('"e-2"')
    await userEvent.selectOptions(picker, 'e-1')
    expect((screen.getByLabelText('Sandbox: sample event') as HTMLTextAreaElement).value).toContain('"e-1"')
  })

  it('saves with a queue target and shows a target problem at that target', async () => {
    const puts: Record<string, unknown>[] = []
    let stored: unknown = null
    server(noEvents, queues, patternCheck,
      (url) => (url === '/v1/test-input-transformation' ? answer(200, { output: '{"whole":"event"}' }) : undefined),
      (url, init, body) => {
        if (url !== '/v1/buses/orders/rules/big-orders') return undefined
        if ((init.method ?? 'GET') === 'GET') {
          return stored ? answer(200, stored, 'application/json', { ETag: '"1"' }) : undefined // else 404
        }
        puts.push(body)
        const target = (body.targets as { retryPolicy?: { maximumRetryAttempts?: number } }[])[0]
        if ((target.retryPolicy?.maximumRetryAttempts ?? 0) > 185) {
          return answer(400, { code: 'ValidationError', location: 'targets[0].retryPolicy.maximumRetryAttempts',
            detail: 'targets[0].retryPolicy.maximumRetryAttempts must be between 0 and 185' }, PROBLEM)
        }
        stored = { name: 'big-orders', bus: 'orders', eventPattern: { source: ['shop.orders'] }, state: 'ENABLED',
          targets: body.targets, createdAt: '2026-11-26T10:00:00Z', updatedAt: '2026-11-26T10:00:00Z' }
        return answer(201, stored, 'application/json', { ETag: '"1"' })
      })
    renderNewRule()
    await userEvent.type(await screen.findByLabelText('Name'), 'big-orders')
    await userEvent.click(screen.getByRole('button', { name: 'Add queue target' }))
    const target = screen.getByRole('region', { name: /Queue target/ })
    await userEvent.selectOptions(within(target).getByLabelText('Queue'), 'audit')
    const id = within(target).getByLabelText('Target id')
    await userEvent.clear(id)
    await userEvent.type(id, 'audit')
    const attempts = within(target).getByLabelText('Maximum retry attempts')
    await userEvent.type(attempts, '999')
    expect(await within(target).findByText('{"whole":"event"}')).toBeTruthy()

    await userEvent.click(screen.getByRole('button', { name: 'Save rule' }))

    const problem = await within(screen.getByRole('region', { name: /Queue target audit/ })).findByRole('alert')
    expect(problem.textContent).toContain('must be between 0 and 185')
    expect(screen.getByText('Not saved: see the problem at Queue target audit: Maximum retry attempts.')).toBeTruthy()
    expect(problem.textContent).toContain('(Queue target audit: Maximum retry attempts)')
    expect(puts[0]).toMatchObject({ eventPattern: expect.stringContaining('shop.orders'), state: 'ENABLED',
      targets: [{ id: 'audit', type: 'queue', queue: { name: 'audit' }, retryPolicy: { maximumRetryAttempts: 999 } }] })

    await userEvent.clear(attempts)
    await userEvent.type(attempts, '3')
    await userEvent.click(screen.getByRole('button', { name: 'Save rule' }))
    expect(await screen.findByRole('heading', { name: 'Rule big-orders' })).toBeTruthy()
    expect(await screen.findByText(/^Saved /)).toBeTruthy()
    expect((await screen.findByRole('region', { name: 'Queue target audit' }))).toBeTruthy()
  })

  it('checks the name and the target ids before sending, and shows each problem at its field', async () => {
    const fetch = server(noEvents, queues, patternCheck,
      (url) => (url === '/v1/test-input-transformation' ? answer(200, { output: '{}' }) : undefined))
    renderNewRule()
    await screen.findByLabelText('Event pattern')
    await userEvent.click(screen.getByRole('button', { name: 'Add webhook target' }))
    await userEvent.click(screen.getByRole('button', { name: 'Save rule' }))

    // an empty name went to PUT /v1/buses/orders/rules/, which the server has no route for (405)
    const name = screen.getByLabelText('Name')
    expect(name.getAttribute('aria-invalid')).toBe('true')
    const nameProblem = document.getElementById(name.getAttribute('aria-describedby')!)!
    expect(within(nameProblem).getByRole('alert').textContent).toContain('The name is required')
    expect(screen.getByText('Not saved: see the problem at Name.')).toBeTruthy()

    await userEvent.type(name, 'big orders')
    expect(within(document.getElementById(name.getAttribute('aria-describedby')!)!).getByRole('alert').textContent)
      .toContain("The name 'big orders' is not a valid name: it has a space")
    await userEvent.clear(name)
    await userEvent.type(name, 'big-orders')
    expect(name.getAttribute('aria-invalid')).toBeNull()

    const target = screen.getByRole('region', { name: /Webhook target/ })
    const id = within(target).getByLabelText('Target id')
    await userEvent.clear(id)
    await userEvent.type(id, 'x'.repeat(65))
    await userEvent.click(screen.getByRole('button', { name: 'Save rule' }))
    expect(id.getAttribute('aria-invalid')).toBe('true')
    expect(within(target).getByRole('alert').textContent).toContain('The target id is 65 characters long')
    expect(screen.getByText('Not saved: see the problem at Webhook target 1: Target id.')).toBeTruthy()

    expect(fetch.mock.calls.filter(([url, init]) => url.startsWith('/v1/buses/orders/rules/')
      || init?.method === 'PUT')).toEqual([])
  })

  it("shows the save's warnings at the field they point to and as a notice, and lets the user go on", async () => {
    const blocked = { code: 'EGRESS_BLOCKED', location: 'targets[0].webhook.url',
      message: 'Deliveries to 10.1.2.3 are blocked by the egress policy (a private address)' }
    let stored: Record<string, unknown> | null = null
    const puts: RequestInit[] = []
    server(noEvents, queues, patternCheck,
      (url) => (url === '/v1/test-input-transformation' ? answer(200, { output: '{}' }) : undefined),
      (url, init, body) => {
        if (url !== '/v1/buses/orders/rules/to-billing') return undefined
        if ((init.method ?? 'GET') === 'GET') {
          return stored ? answer(200, stored, 'application/json', { ETag: `"${puts.length}"` }) : undefined
        }
        puts.push(init)
        stored = { name: 'to-billing', bus: 'orders', eventPattern: { source: ['shop.orders'] }, state: 'ENABLED',
          targets: body.targets, createdAt: '2026-11-26T10:00:00Z', updatedAt: '2026-11-26T10:00:00Z' }
        // the first save warns; the second answers as an older server would, without the field
        return answer(puts.length === 1 ? 201 : 200, puts.length === 1 ? { ...stored, warnings: [blocked] } : stored,
          'application/json', { ETag: `"${puts.length}"` })
      })
    renderNewRule()
    await userEvent.type(await screen.findByLabelText('Name'), 'to-billing')
    await userEvent.click(screen.getByRole('button', { name: 'Add webhook target' }))
    await userEvent.type(within(screen.getByRole('region', { name: /Webhook target/ })).getByLabelText('URL'),
      'http://10.1.2.3/hook')
    await userEvent.click(screen.getByRole('button', { name: 'Save rule' }))

    // still the editor (of the saved rule), with the warning where it points
    expect(await screen.findByRole('heading', { name: 'Rule to-billing' })).toBeTruthy()
    const notice = await screen.findByText(/^Saved, with a warning\./)
    expect(notice.closest('[role="status"]')!.textContent).toContain('It is shown at the field it is about.')
    const target = screen.getByRole('region', { name: 'Webhook target webhook-1' })
    const url = within(target).getByLabelText('URL')
    const atUrl = document.getElementById(url.getAttribute('aria-describedby')!)!
    expect(atUrl.textContent).toContain('Deliveries to 10.1.2.3 are blocked by the egress policy')
    expect(atUrl.textContent).toContain('EGRESS_BLOCKED')
    expect(atUrl.textContent).toContain('targets[0].webhook.url')
    const saveBar = () => document.querySelector('.save-bar [role="status"]')!.textContent
    expect(saveBar()).toMatch(/^Saved .+ with a warning\.$/)
    expect(screen.queryByRole('alert')).toBeNull()

    // the user goes on: changes the URL, saves again, and the warning is gone
    await userEvent.clear(url)
    await userEvent.type(url, 'https://billing.example.com/hook')
    await userEvent.click(screen.getByRole('button', { name: 'Save rule' }))
    await waitFor(() => expect(puts).toHaveLength(2))
    await waitFor(() => expect(saveBar()).toMatch(/^Saved [^,]+\.$/))
    expect(saveBar()).not.toContain('warning')
    expect(screen.queryByText(/Saved, with/)).toBeNull()
    expect(screen.queryByText(/blocked by the egress policy/)).toBeNull()
    expect(within(screen.getByRole('region', { name: 'Webhook target webhook-1' })).getByLabelText('URL')
      .getAttribute('aria-describedby')).toBeNull()
  })

  it('shows a warning about no field it can point to in the notice, and a target warning moves with its target', async () => {
    const rule = { name: 'two', bus: 'orders', eventPattern: { source: ['shop.orders'] }, state: 'ENABLED',
      createdAt: '2026-11-26T10:00:00Z', updatedAt: '2026-11-26T10:00:00Z', targets: [
        { id: 'first', type: 'queue', queue: { name: 'audit' } },
        { id: 'second', type: 'webhook', webhook: { url: 'http://10.1.2.3/hook', method: 'POST' } }] }
    server(noEvents, queues, patternCheck,
      (url) => (url === '/v1/test-input-transformation' ? answer(200, { output: '{}' }) : undefined),
      (url, init) => {
        if (url !== '/v1/buses/orders/rules/two') return undefined
        if (init.method === 'PUT') {
          return answer(200, { ...rule, warnings: [
            { code: 'EGRESS_BLOCKED', location: 'targets[1].webhook.url', message: 'blocked: a private address' },
            { code: 'SOMETHING_NEW', message: 'a warning this console does not know' }] }, 'application/json',
          { ETag: '"2"' })
        }
        return answer(200, rule, 'application/json', { ETag: '"1"' })
      })
    render(
      <MemoryRouter initialEntries={['/buses/orders/rules/two']}>
        <Routes><Route path="/buses/:bus/rules/:rule" element={<RuleEditor />} /></Routes>
      </MemoryRouter>)
    await screen.findByRole('region', { name: 'Webhook target second' })
    await userEvent.click(screen.getByRole('button', { name: 'Save rule' }))

    const notice = (await screen.findByText(/^Saved, with 2 warnings\./)).closest('[role="status"]')!
    expect(notice.textContent).toContain('a warning this console does not know')
    expect(notice.textContent).toContain('One of them is shown at the field it is about, the others here.')
    expect(within(screen.getByRole('region', { name: 'Webhook target second' })).getByText('blocked: a private address'))
      .toBeTruthy()

    await userEvent.click(within(screen.getByRole('region', { name: 'Queue target first' }))
      .getByRole('button', { name: 'Remove target' }))
    expect(within(screen.getByRole('region', { name: 'Webhook target second' })).getByText('blocked: a private address'))
      .toBeTruthy()
  })

  it('saves an existing rule with If-Match and shows a generated signing secret once', async () => {
    const rule = { name: 'hooked', bus: 'orders', eventPattern: { source: ['shop.orders'] }, state: 'ENABLED',
      createdAt: '2026-11-26T10:00:00Z', updatedAt: '2026-11-26T10:00:00Z',
      targets: [{ id: 'hook', type: 'webhook', webhook: { url: 'https://example.com/hook', method: 'POST',
        timeoutMillis: 10000, headers: {}, signingSecretSet: false } }] }
    const fetch = server(noEvents, queues, patternCheck,
      (url) => (url === '/v1/test-input-transformation' ? answer(200, { output: '{}' }) : undefined),
      (url, init) => {
        if (url !== '/v1/buses/orders/rules/hooked') return undefined
        if (init.method === 'PUT') {
          return answer(200, { ...rule, targets: [{ ...rule.targets[0], webhook: { ...rule.targets[0].webhook,
            signingSecret: 'whsec_c2VjcmV0LXNlY3JldC1zZWNyZXQtc2VjcmV0', signingSecretSet: true } }] },
          'application/json', { ETag: '"8"' })
        }
        return answer(200, rule, 'application/json', { ETag: '"7"' })
      })
    render(
      <MemoryRouter initialEntries={['/buses/orders/rules/hooked']}>
        <Routes><Route path="/buses/:bus/rules/:rule" element={<RuleEditor />} /></Routes>
      </MemoryRouter>)
    const target = await screen.findByRole('region', { name: 'Webhook target hook' })
    expect((within(target).getByLabelText('URL') as HTMLInputElement).value).toBe('https://example.com/hook')
    await userEvent.selectOptions(within(target).getByLabelText('Signing secret'), 'generate')
    await userEvent.click(screen.getByRole('button', { name: 'Save rule' }))

    const shown = await screen.findByRole('region', { name: 'Signing secret of target hook' })
    expect((within(shown).getByRole('textbox') as HTMLInputElement).value).toContain('whsec_')
    const put = fetch.mock.calls.find(([, i]) => i?.method === 'PUT')!
    expect((put[1]!.headers as Record<string, string>)['If-Match']).toBe('"7"')
    expect(JSON.parse(String(put[1]!.body)).targets[0].webhook).toMatchObject({ url: 'https://example.com/hook',
      generateSigningSecret: true })
    expect((within(screen.getByRole('region', { name: 'Webhook target hook' })).getByLabelText('Signing secret') as
      HTMLSelectElement).selectedOptions[0].textContent).toBe('Keep the current secret')

    await userEvent.click(within(shown).getByRole('button', { name: 'Done' }))
    expect(screen.queryByRole('region', { name: 'Signing secret of target hook' })).toBeNull()
  })

  it('keeps a webhook target\'s connection and format on save, and picks another connection', async () => {
    const rule = { name: 'hooked', bus: 'orders', eventPattern: { source: ['shop.orders'] }, state: 'ENABLED',
      createdAt: '2026-11-26T10:00:00Z', updatedAt: '2026-11-26T10:00:00Z',
      targets: [{ id: 'hook', type: 'webhook', webhook: { url: 'https://example.com/hook', method: 'POST',
        connection: 'billing-auth', format: 'CLOUDEVENTS_BINARY', signingSecretSet: false } }] }
    const fetch = server(noEvents, queues, patternCheck,
      (url) => (url === '/v1/connections' ? answer(200, { connections: [{ name: 'billing-auth' },
        { name: 'crm-key' }] }) : undefined),
      (url) => (url === '/v1/test-input-transformation' ? answer(200, { output: '{}' }) : undefined),
      (url, init) => {
        if (url !== '/v1/buses/orders/rules/hooked') return undefined
        return answer(200, rule, 'application/json', { ETag: init.method === 'PUT' ? '"8"' : '"7"' })
      })
    render(
      <MemoryRouter initialEntries={['/buses/orders/rules/hooked']}>
        <Routes><Route path="/buses/:bus/rules/:rule" element={<RuleEditor />} /></Routes>
      </MemoryRouter>)
    const target = await screen.findByRole('region', { name: 'Webhook target hook' })
    const connection = within(target).getByLabelText('Connection (credentials)') as HTMLSelectElement
    await waitFor(() => expect(connection.options.length).toBe(3))
    expect(connection.value).toBe('billing-auth')
    expect((within(target).getByLabelText('Format') as HTMLSelectElement).value).toBe('CLOUDEVENTS_BINARY')

    await userEvent.click(screen.getByRole('button', { name: 'Save rule' }))
    await waitFor(() => expect(fetch.mock.calls.some(([, i]) => i?.method === 'PUT')).toBe(true))
    const first = fetch.mock.calls.find(([, i]) => i?.method === 'PUT')!
    expect(JSON.parse(String(first[1]!.body)).targets[0].webhook).toMatchObject({ connection: 'billing-auth',
      format: 'CLOUDEVENTS_BINARY' })

    const after = screen.getByRole('region', { name: 'Webhook target hook' })
    await userEvent.selectOptions(within(after).getByLabelText('Connection (credentials)'), 'crm-key')
    await userEvent.selectOptions(within(after).getByLabelText('Format'), '')
    await userEvent.click(screen.getByRole('button', { name: 'Save rule' }))
    await waitFor(() => expect(fetch.mock.calls.filter(([, i]) => i?.method === 'PUT').length).toBe(2))
    const second = JSON.parse(String(fetch.mock.calls.filter(([, i]) => i?.method === 'PUT')[1][1]!.body))
    expect(second.targets[0].webhook.connection).toBe('crm-key')
    expect(second.targets[0].webhook.format).toBeUndefined()
  })

  it('adds a bus and a RabbitMQ target from the other kinds, and saves their blocks; a bus shapes no input', async () => {
    const puts: Record<string, unknown>[] = []
    server(noEvents, queues, patternCheck,
      (url) => (url === '/v1/buses' ? answer(200, { buses: [{ name: 'orders' }, { name: 'archive' }] }) : undefined),
      (url) => (url === '/v1/connections' ? answer(200, { connections: [{ name: 'mq-login' }] }) : undefined),
      (url) => (url === '/v1/test-input-transformation' ? answer(200, { output: '{}' }) : undefined),
      (url, init, body) => {
        if (url !== '/v1/buses/orders/rules/fan-out' || init.method !== 'PUT') return undefined
        puts.push(body)
        return answer(201, { name: 'fan-out', bus: 'orders', eventPattern: {}, state: 'ENABLED', targets: body.targets,
          createdAt: '2026-11-26T10:00:00Z', updatedAt: '2026-11-26T10:00:00Z' }, 'application/json', { ETag: '"1"' })
      })
    renderNewRule()
    await userEvent.type(await screen.findByLabelText('Name'), 'fan-out')

    await userEvent.click(screen.getByRole('button', { name: 'Add Bus target' }))
    const forward = screen.getByRole('region', { name: 'Bus target bus-1' })
    const bus = within(forward).getByLabelText('Bus') as HTMLSelectElement
    await waitFor(() => expect([...bus.options].map((o) => o.value)).toEqual(['', 'archive'])) // not its own bus
    await userEvent.selectOptions(bus, 'archive')
    expect(within(forward).queryByRole('radiogroup', { name: 'Input shaping' })).toBeNull()
    expect(within(forward).getByText(/receives the event itself/)).toBeTruthy()

    await userEvent.selectOptions(screen.getByLabelText('Other kind'), 'rabbitmq')
    await userEvent.click(screen.getByRole('button', { name: 'Add RabbitMQ target' }))
    const rabbit = screen.getByRole('region', { name: 'RabbitMQ target rabbitmq-2' })
    expect(within(rabbit).getByText(/may be left empty: that is the default exchange/)).toBeTruthy()
    await userEvent.type(within(rabbit).getByLabelText('URI'), 'amqp://mq:5672/shop')
    await userEvent.click(within(rabbit).getByLabelText('From the event'))
    await userEvent.type(within(rabbit).getByLabelText('Routing key path (JSONPath)'), '$.detail.kind')
    await userEvent.selectOptions(within(rabbit).getByLabelText('Connection (credentials)'), 'mq-login')
    expect(within(rabbit).getByRole('radiogroup', { name: 'Input shaping' })).toBeTruthy()
    await userEvent.click(screen.getByRole('button', { name: 'Save rule' }))

    await waitFor(() => expect(puts).toHaveLength(1))
    expect(puts[0].targets).toEqual([
      { id: 'bus-1', type: 'bus', bus: { name: 'archive' } },
      { id: 'rabbitmq-2', type: 'rabbitmq', rabbitmq: { uri: 'amqp://mq:5672/shop', exchange: '',
        routingKeyPath: '$.detail.kind', connection: 'mq-login' } }])
  })

  it('shows a stored Kafka target, and refuses a rate limit that is not a whole number at its field', async () => {
    const kafka = { bootstrapServers: 'k1:9092,k2:9092', topic: 'orders', keyPath: '$.detail.orderId' }
    const rule = { name: 'to-kafka', bus: 'orders', eventPattern: { source: ['shop.orders'] }, state: 'ENABLED',
      createdAt: '2026-11-26T10:00:00Z', updatedAt: '2026-11-26T10:00:00Z',
      targets: [{ id: 'k', type: 'kafka', kafka }] }
    const fetch = server(noEvents, queues, patternCheck,
      (url) => (url === '/v1/test-input-transformation' ? answer(200, { output: '{}' }) : undefined),
      (url, init) => (url === '/v1/buses/orders/rules/to-kafka'
        ? answer(200, rule, 'application/json', { ETag: init.method === 'PUT' ? '"2"' : '"1"' }) : undefined))
    render(
      <MemoryRouter initialEntries={['/buses/orders/rules/to-kafka']}>
        <Routes><Route path="/buses/:bus/rules/:rule" element={<RuleEditor />} /></Routes>
      </MemoryRouter>)
    const target = await screen.findByRole('region', { name: 'Kafka target k' })
    expect((within(target).getByLabelText('Bootstrap servers') as HTMLInputElement).value).toBe('k1:9092,k2:9092')
    expect((within(target).getByLabelText('Topic') as HTMLInputElement).value).toBe('orders')
    expect((within(target).getByLabelText(/Record key path/) as HTMLInputElement).value).toBe('$.detail.orderId')

    const rate = within(target).getByLabelText('Rate limit (per second)')
    await userEvent.type(rate, 'ten')
    await userEvent.click(screen.getByRole('button', { name: 'Save rule' }))
    expect(within(target).getByRole('alert').textContent).toContain("must be a whole number, not 'ten'")
    expect(screen.getByText('Not saved: see the problem at Kafka target k: Rate limit (per second).')).toBeTruthy()
    expect(fetch.mock.calls.some(([, i]) => i?.method === 'PUT')).toBe(false)

    await userEvent.clear(rate)
    await userEvent.type(rate, '10')
    await userEvent.click(screen.getByRole('button', { name: 'Save rule' }))
    await waitFor(() => expect(fetch.mock.calls.some(([, i]) => i?.method === 'PUT')).toBe(true))
    const put = fetch.mock.calls.find(([, i]) => i?.method === 'PUT')!
    expect(JSON.parse(String(put[1]!.body)).targets).toEqual([{ id: 'k', type: 'kafka',
      kafka: { ...kafka, rateLimitPerSecond: 10 } }])
  })

  it('asks before leaving with changes that are not saved, and not when nothing changed', async () => {
    server(noEvents, queues, patternCheck,
      (url) => (url === '/v1/connections' ? answer(200, { connections: [] }) : undefined))
    const confirm = vi.fn(() => false)
    vi.stubGlobal('confirm', confirm)
    render(
      <MemoryRouter initialEntries={['/buses/orders/new-rule']}>
        <Routes>
          <Route path="/buses/:bus/new-rule" element={<RuleEditor />} />
          <Route path="/buses/:bus" element={<p>Rules page</p>} />
        </Routes>
      </MemoryRouter>)
    await screen.findByLabelText('Event pattern')
    await userEvent.type(screen.getByLabelText('Name'), 'big-orders')
    await userEvent.click(screen.getByRole('link', { name: 'Back to the rules of orders' }))
    expect(confirm).toHaveBeenCalledTimes(1)
    expect(screen.queryByText('Rules page')).toBeNull() // stayed

    confirm.mockReturnValue(true)
    await userEvent.click(screen.getByRole('link', { name: 'Back to the rules of orders' }))
    expect(await screen.findByText('Rules page')).toBeTruthy()
  })
})
