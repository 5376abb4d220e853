import { afterEach, describe, expect, it, vi } from 'vitest'
import { cleanup, render, screen, within } from '@testing-library/react'
import userEvent from '@testing-library/user-event'
import { MemoryRouter, Route, Routes } from 'react-router'
import Schemas from './pages/Schemas.tsx'
import SchemaDetail from './pages/SchemaDetail.tsx'

function answer(status: number, body?: unknown) {
  return new Response(body === undefined ? null : JSON.stringify(body),
    { status, headers: { 'Content-Type': status >= 400 ? 'application/problem+json' : 'application/json' } })
}

afterEach(() => {
  cleanup()
  vi.unstubAllGlobals()
})

const summary = { name: 'shop.orders@OrderPlaced', format: 'JSONSchemaDraft4', compatibility: 'BACKWARD',
  discovered: false, latestVersion: 2, createdAt: '2026-12-06T10:00:00Z', updatedAt: '2026-12-06T11:00:00Z' }
const v1 = { type: 'object', properties: { total: { type: 'number' } }, required: ['total'] }
const v2 = { type: 'object', properties: { total: { type: ['number', 'string'] } }, required: ['total'] }
const detail = { ...summary, content: v2, versions: [
  { version: 1, discovered: false, createdAt: '2026-12-06T10:00:00Z' },
  { version: 2, discovered: false, createdAt: '2026-12-06T11:00:00Z' }] }

function renderAt(path: string) {
  render(
    <MemoryRouter initialEntries={[path]}>
      <Routes>
        <Route path="/schemas" element={<Schemas />} />
        <Route path="/schemas/:name" element={<SchemaDetail />} />
      </Routes>
    </MemoryRouter>)
}

describe('Schemas page', () => {
  it('lists the schemas with their format, compatibility and latest version', async () => {
    vi.stubGlobal('fetch', vi.fn(async () => answer(200, { schemas: [summary] })))
    renderAt('/schemas')
    const row = (await screen.findByRole('link', { name: 'shop.orders@OrderPlaced' })).closest('tr')!
    expect(within(row).getByText('JSONSchemaDraft4')).toBeTruthy()
    expect(within(row).getByText('BACKWARD')).toBeTruthy()
    expect(within(row).getByText('2')).toBeTruthy()
    expect(within(row).getByText('Registered')).toBeTruthy()
  })

  it('registers a schema with the document as typed and opens its page', async () => {
    const fetch = vi.fn(async (url: string, init?: RequestInit) => {
      if (init?.method === 'PUT') return answer(201, { name: 'shop.carts@CartOpened', version: 1, created: true })
      if (url === '/v1/schemas') return answer(200, { schemas: [] })
      return answer(200, { ...detail, name: 'shop.carts@CartOpened', latestVersion: 1, versions: [detail.versions[0]] })
    })
    vi.stubGlobal('fetch', fetch)
    renderAt('/schemas')
    const form = await screen.findByRole('form', { name: 'Register a schema' })
    await userEvent.type(within(form).getByLabelText('Name'), 'shop.carts@CartOpened')
    await userEvent.selectOptions(within(form).getByLabelText('Compatibility'), 'FULL')
    await userEvent.click(within(form).getByRole('button', { name: 'Register schema' }))

    expect(await screen.findByRole('heading', { name: 'shop.carts@CartOpened' })).toBeTruthy()
    const put = fetch.mock.calls.find(([, i]) => i?.method === 'PUT')!
    expect(put[0]).toBe('/v1/schemas/shop.carts%40CartOpened')
    const body = JSON.parse(String(put[1]!.body))
    expect(body.compatibility).toBe('FULL')
    expect(body.format).toBe('JSONSchemaDraft4')
    expect(JSON.parse(body.content).required).toEqual(['orderId'])
  })
})

describe('Schema page', () => {
  function serve(extra?: (url: string, init?: RequestInit) => Response | undefined) {
    const fetch = vi.fn(async (url: string, init?: RequestInit) => {
      const special = extra?.(url, init)
      if (special) return special
      if (url.endsWith('/versions/1')) return answer(200, { name: summary.name, version: 1, content: v1 })
      if (url.endsWith('/versions/2')) return answer(200, { name: summary.name, version: 2, content: v2 })
      return answer(200, detail)
    })
    vi.stubGlobal('fetch', fetch)
    return fetch
  }

  it('shows the settings and the latest version against the one before as a diff', async () => {
    serve()
    renderAt('/schemas/shop.orders@OrderPlaced')
    expect(await screen.findByText('Registered')).toBeTruthy()
    const diff = await screen.findByLabelText('Version 1 against version 2')
    expect(diff.querySelector('.diff-removed')!.textContent).toContain('"number"')
    expect(diff.querySelector('.diff-added')!.textContent).toContain('["number", "string"]')
  })

  it('checks a sample detail and lists each violation with its place', async () => {
    const fetch = serve((url) => url.endsWith('/validate') ? answer(200, { name: summary.name, version: 2,
      valid: false, violations: [{ pointer: '/total', message: 'boolean found, number or string expected' }] })
      : undefined)
    renderAt('/schemas/shop.orders@OrderPlaced')
    const form = await screen.findByRole('form', { name: 'Check a sample detail' })
    const detailField = within(form).getByLabelText('Detail (JSON)')
    await userEvent.clear(detailField)
    await userEvent.type(detailField, '{{"total": true}')
    await userEvent.click(within(form).getByRole('button', { name: 'Check against the latest version' }))

    expect(await within(form).findByText('/total')).toBeTruthy()
    expect(within(form).getByText(/boolean found/)).toBeTruthy()
    const post = fetch.mock.calls.find(([u]) => String(u).endsWith('/validate'))!
    expect(JSON.parse(String(post[1]!.body))).toEqual({ detail: '{"total": true}' })
  })

  it('shows why a breaking version is refused', async () => {
    serve((_url, init) => init?.method === 'PUT' ? answer(409, { code: 'IncompatibleSchema', location: 'content',
      detail: "the new version of schema 'shop.orders@OrderPlaced' is not BACKWARD compatible: required property"
        + " 'customer' added at /properties/customer" }) : undefined)
    renderAt('/schemas/shop.orders@OrderPlaced')
    const form = await screen.findByRole('form', { name: 'Add a version' })
    await userEvent.click(within(form).getByRole('button', { name: 'Save version' }))

    expect((await within(form).findByRole('alert')).textContent).toContain("required property 'customer' added")
  })

  it('says that a schema does not exist', async () => {
    vi.stubGlobal('fetch', vi.fn(async () => answer(404, { code: 'NotFound', detail: 'no' })))
    renderAt('/schemas/nope@Nope')
    expect(await screen.findByRole('heading', { name: "Schema 'nope@Nope' does not exist" })).toBeTruthy()
  })
})
