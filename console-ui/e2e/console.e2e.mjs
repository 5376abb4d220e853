// The console's end-to-end tests; run.mjs starts the server and the browser and runs each in a fresh context.
import { join } from 'node:path'

async function expectVisible(locator, what) {
  await locator.first().waitFor({ state: 'visible', timeout: 10_000 }).catch(() => {
    throw new Error(`expected to see ${what}`)
  })
}

async function signIn(page, base, token) {
  await page.goto(base + '/')
  await page.getByLabel('Admin token').fill(token)
  await page.getByRole('button', { name: 'Sign in' }).click()
  await expectVisible(page.getByRole('heading', { name: 'Buses' }), 'the Buses page after sign-in')
}

export const tests = [
  ['a wrong token is refused with the server message', async ({ page, base }) => {
    await page.goto(base + '/')
    await page.getByLabel('Admin token').fill('not-the-admin-token')
    await page.getByRole('button', { name: 'Sign in' }).click()
    await expectVisible(page.getByRole('alert').filter({ hasText: 'not the admin token' }), 'the 401 problem')
  }],

  ['sign in, keep no token in storage, sign out', async ({ page, base, token, shots }) => {
    await signIn(page, base, token)
    const stored = await page.evaluate(() => JSON.stringify({ ...localStorage }) + JSON.stringify({ ...sessionStorage }))
    if (stored.includes(token)) throw new Error('the admin token was kept in web storage')
    const cookies = await page.context().cookies()
    const session = cookies.find((c) => c.name === 'eventbus_session')
    if (!session || !session.httpOnly || session.sameSite !== 'Strict') {
      throw new Error(`expected an HttpOnly SameSite=Strict session cookie, got ${JSON.stringify(session)}`)
    }
    await expectVisible(page.getByRole('cell', { name: 'default', exact: true }), 'the default bus')
    await page.screenshot({ path: join(shots, 'buses.png') })
    await page.reload()
    await expectVisible(page.getByRole('heading', { name: 'Buses' }), 'still signed in after a reload')
    await page.getByRole('button', { name: 'Sign out' }).click()
    await expectVisible(page.getByLabel('Admin token'), 'the sign-in page after sign-out')
  }],

  ['create a bus, see the server refuse a bad name where it happened, delete with confirmation',
    async ({ page, base, token, api }) => {
      await signIn(page, base, token)
      const form = page.getByRole('form', { name: 'Create a bus' })
      await form.getByLabel('Name').fill('bad name')
      await form.getByRole('button', { name: 'Create bus' }).click()
      await expectVisible(form.getByRole('alert').filter({ hasText: 'ValidationError' }), 'the name problem in the form')

      await form.getByLabel('Name').fill('orders')
      await form.getByLabel('Description').fill('shop orders')
      await form.getByRole('button', { name: 'Create bus' }).click()
      await expectVisible(page.getByRole('cell', { name: 'orders', exact: true }), 'the new bus in the list')
      const bus = await api('GET', '/v1/buses/orders')
      if (bus.description !== 'shop orders') throw new Error(`the server has ${JSON.stringify(bus)}`)

      await page.getByRole('button', { name: 'Delete bus orders' }).click()
      const dialog = page.getByRole('dialog')
      await expectVisible(dialog.getByText('Delete bus orders?'), 'the confirmation')
      await page.keyboard.press('Escape')
      await dialog.waitFor({ state: 'hidden' })
      await api('GET', '/v1/buses/orders') // still there after Escape

      await page.getByRole('button', { name: 'Delete bus orders' }).click()
      await page.getByRole('dialog').getByRole('button', { name: 'Delete bus' }).click()
      await page.getByRole('cell', { name: 'orders', exact: true }).waitFor({ state: 'detached' })
    }],

  ['client-side routes load the app directly', async ({ page, base, token }) => {
    await signIn(page, base, token)
    await page.goto(base + '/no/such/page')
    await expectVisible(page.getByRole('heading', { name: 'Not found' }), "the app's not-found page")
  }],
]
