import { afterEach, describe, expect, it, vi } from 'vitest'
import { cleanup, render, screen, waitFor } from '@testing-library/react'
import userEvent from '@testing-library/user-event'
import { MemoryRouter, Route, Routes } from 'react-router'
import AuditLog, { resourceLink } from './pages/AuditLog.tsx'

function answer(status: number, body?: unknown) {
  return new Response(JSON.stringify(body), { status, headers: { 'Content-Type': 'application/json' } })
}

afterEach(() => {
  cleanup()
  vi.unstubAllGlobals()
})

const entry = (id: number, action: string, resource: string) => ({ id, at: '2026-12-07T10:00:00Z', actor: 'admin@console',
  action, resource, detail: { force: true } })

describe('Audit log page', () => {
  it('lists changes newest first, filters by resource and action, and pages to older ones', async () => {
    const fetch = vi.fn(async (url: string) => url.includes('before=c1')
      ? answer(200, { entries: [entry(1, 'bus.create', 'buses/orders')] })
      : answer(200, { entries: [entry(3, 'rule.put', 'buses/orders/rules/big'), entry(2, 'queue.create', 'queues/jobs')],
        next: 'c1' }))
    vi.stubGlobal('fetch', fetch)
    render(<MemoryRouter initialEntries={['/audit-log']}><Routes><Route path="/audit-log" element={<AuditLog />} />
    </Routes></MemoryRouter>)
    expect((await screen.findByRole('link', { name: 'buses/orders/rules/big' })).getAttribute('href'))
      .toBe('/buses/orders/rules/big')
    expect(screen.getAllByText('{"force":true}').length).toBe(2)

    await userEvent.click(screen.getByRole('button', { name: 'Show older changes' }))
    expect(await screen.findByText('bus.create')).toBeTruthy()
    expect(screen.queryByRole('button', { name: 'Show older changes' })).toBeNull()

    await userEvent.type(screen.getByLabelText('Resource'), 'buses/orders')
    await userEvent.type(screen.getByLabelText('Action'), 'rule.')
    await userEvent.click(screen.getByRole('button', { name: 'Filter' }))
    await waitFor(() => expect(fetch).toHaveBeenLastCalledWith(
      '/v1/audit-log?limit=50&resource=buses%2Forders&action=rule.', expect.anything()))
  })

  it('links the resources the console has pages for', () => {
    expect(resourceLink('buses/orders')).toBe('/buses/orders')
    expect(resourceLink('queues/jobs')).toBe('/queues/jobs')
    expect(resourceLink('api-keys/0b7c')).toBeNull()
    expect(resourceLink('buses')).toBeNull()
  })
})
