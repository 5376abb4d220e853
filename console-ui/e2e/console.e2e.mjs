// The console's end-to-end tests; run.mjs starts the server and the browser and runs each in a fresh context.
import { createServer } from 'node:http'
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
  await expectVisible(page.getByRole('heading', { name: 'Overview' }), 'the Overview after sign-in')
  await page.getByRole('navigation', { name: 'Main' }).getByRole('link', { name: 'Buses' }).click()
  await expectVisible(page.getByRole('heading', { name: 'Buses' }), 'the Buses page')
}

/**
 * Waits until the data plane matches with every enabled rule of `bus`: a rule change reaches the matcher a moment
 * after its commit (eventbus_match_rules counts what it has compiled), and an event put before that is not matched.
 */
async function rulesReachedDataPlane(base, api, bus) {
  const { rules } = await api('GET', `/v1/buses/${bus}/rules`)
  const enabled = rules.filter((r) => r.state === 'ENABLED').length
  const line = new RegExp(`^eventbus_match_rules\\{[^}]*bus="${bus}"[^}]*\\} ${enabled}(\\.0)?$`, 'm')
  const deadline = Date.now() + 10_000
  while (!line.test(await (await fetch(base + '/metrics')).text())) {
    if (Date.now() > deadline) throw new Error(`the data plane did not get the ${enabled} rules of bus ${bus}`)
    await new Promise((r) => setTimeout(r, 100))
  }
}

/** Replaces a textarea's text the way a user would: select all, type. */
async function retype(locator, text) {
  await locator.click()
  await locator.press('Control+A')
  await locator.fill(text)
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

  ['create a bus, see a bad name refused at the name field before it is sent, delete with confirmation',
    async ({ page, base, token, shots, api }) => {
      await signIn(page, base, token)
      const form = page.getByRole('form', { name: 'Create a bus' })
      await form.getByLabel('Name').fill('bad name')
      await form.getByRole('button', { name: 'Create bus' }).click()
      await expectVisible(form.locator('.name-field').getByRole('alert').filter({ hasText: 'it has a space' }),
        'the name problem at the name field')
      await page.screenshot({ path: join(shots, 'bus-name-problem.png') })
      await form.getByLabel('Name').fill('')
      await form.getByRole('button', { name: 'Create bus' }).click()
      await expectVisible(form.locator('.name-field').getByRole('alert').filter({ hasText: 'The name is required' }),
        'the empty name refused at the name field')

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

  ['register a schema, see a breaking version refused with its reason, enforce it on a bus',
    async ({ page, base, token, shots, api }) => {
      await signIn(page, base, token)
      await page.getByRole('navigation', { name: 'Main' }).getByRole('link', { name: 'Schemas' }).click()
      const form = page.getByRole('form', { name: 'Register a schema' })
      await form.getByLabel('Name').fill('shop.e2e@OrderPlaced')
      await retype(form.getByLabel('Schema (JSON)'), JSON.stringify({ $schema: 'http://json-schema.org/draft-04/schema#',
        type: 'object', properties: { total: { type: 'number' }, customer: { type: 'string' } }, required: ['total'] }))
      await form.getByRole('button', { name: 'Register schema' }).click()
      await expectVisible(page.getByRole('heading', { name: 'shop.e2e@OrderPlaced' }), 'the new schema page')

      const check = page.getByRole('form', { name: 'Check a sample detail' })
      await retype(check.getByLabel('Detail (JSON)'), '{"customer": "c-1"}')
      await check.getByRole('button', { name: 'Check against the latest version' }).click()
      await expectVisible(check.getByText("required property 'total' is missing"), 'the violation of the sample')

      const next = page.getByRole('form', { name: 'Add a version' })
      await retype(next.getByLabel('Schema (JSON)'), JSON.stringify({ $schema: 'http://json-schema.org/draft-04/schema#',
        type: 'object', properties: { total: { type: 'number' }, customer: { type: 'string' } },
        required: ['total', 'customer'] }))
      await next.getByRole('button', { name: 'Save version' }).click()
      await expectVisible(next.getByRole('alert').filter({ hasText: "required property 'customer' added" }),
        'the reason the breaking version is refused')
      await page.screenshot({ path: join(shots, 'schema-incompatible.png'), fullPage: true })
      const schema = await api('GET', '/v1/schemas/shop.e2e@OrderPlaced')
      if (schema.latestVersion !== 1) throw new Error(`a breaking version was stored: ${JSON.stringify(schema)}`)

      await page.goto(base + '/buses/default')
      const settings = page.getByRole('form', { name: 'Bus settings' })
      await settings.getByLabel('Schema validation').selectOption('ENFORCE')
      await settings.getByRole('button', { name: 'Save settings' }).click()
      await expectVisible(settings.getByText('Saved.'), 'the saved settings')
      const bus = await api('GET', '/v1/buses/default')
      if (bus.settings.schemaValidation !== 'ENFORCE') throw new Error(`the server has ${JSON.stringify(bus)}`)
      const put = await api('POST', '/v1/buses/default/events', { entries: [
        { source: 'shop.e2e', detailType: 'Order Placed', detail: { customer: 'c-2' } }] })
      if (put.entries[0].errorCode !== 'SchemaValidationFailed') throw new Error(`not refused: ${JSON.stringify(put)}`)
      await api('PUT', '/v1/buses/default', { settings: {} })
    }],

  ['client-side routes load the app directly', async ({ page, base, token }) => {
    await signIn(page, base, token)
    await page.goto(base + '/no/such/page')
    await expectVisible(page.getByRole('heading', { name: 'Not found' }), "the app's not-found page")
    await page.goto(base + '/buses/nope')
    await expectVisible(page.getByRole('heading', { name: "Bus 'nope' does not exist" }), 'the missing bus said so')
    if (await page.getByRole('link', { name: /^(Send event|New rule)$/ }).count() > 0) {
      throw new Error('a bus that does not exist offers Send event or New rule')
    }
    await page.getByRole('main').getByRole('link', { name: 'Go to the buses' }).click()
    await expectVisible(page.getByRole('heading', { name: 'Buses' }), 'the buses after the link back')
  }],

  ['queues: empty state, create one, see it listed with its depth', async ({ page, base, token, shots }) => {
    await signIn(page, base, token)
    await page.getByRole('navigation', { name: 'Main' }).getByRole('link', { name: 'Queues' }).click()
    await expectVisible(page.getByText('No queues yet'), 'the empty state with a hint')
    const form = page.getByRole('form', { name: 'Create a queue' })
    await form.getByLabel('Name').fill('shop-audit')
    await form.getByLabel('Description').fill('every order, for the auditors')
    await form.getByRole('button', { name: 'Create queue' }).click()
    const row = page.getByRole('row').filter({ hasText: 'shop-audit' })
    await expectVisible(row, 'the new queue in the list')
    await expectVisible(row.getByRole('cell', { name: '0', exact: true }), 'its depth')
    await page.screenshot({ path: join(shots, 'queues.png') })
  }],

  ['rules: the server checks the pattern as it is typed, the sandbox matches, a queue target is saved',
    async ({ page, base, token, shots, api }) => {
      await signIn(page, base, token)
      const create = page.getByRole('form', { name: 'Create a bus' })
      await create.getByLabel('Name').fill('shop')
      await create.getByRole('button', { name: 'Create bus' }).click()
      await page.getByRole('link', { name: 'shop', exact: true }).click()
      await expectVisible(page.getByRole('heading', { name: 'Rules of shop' }), 'the rules page of the bus')
      await expectVisible(page.getByText('No rules on shop yet'), 'the empty state')
      await page.getByRole('link', { name: 'New rule' }).first().click()

      await page.getByLabel('Name', { exact: true }).fill('big-orders')
      await page.getByLabel('Description').fill('orders over 100')
      const pattern = page.getByLabel('Event pattern')
      await retype(pattern, '{"detail": {"total": [{"numeric": [">"]}]}}')
      const check = page.locator('#event-pattern-check')
      await expectVisible(check.getByRole('alert').filter({ hasText: 'InvalidEventPattern' }),
        "the server's InvalidEventPattern under the editor")
      const message = await check.getByRole('alert').innerText()
      if (!message.includes('Event pattern is not valid')) throw new Error(`unexpected problem: ${message}`)
      await page.screenshot({ path: join(shots, 'rule-invalid-pattern.png') })

      await retype(pattern, '{\n  "source": ["shop.orders"],\n  "detail": {"total": [{"numeric": [">", 100]}]}\n}')
      await expectVisible(check.getByText('The server accepts this pattern.'), 'the fixed pattern accepted')
      const verdict = page.getByRole('status', { name: 'Sandbox result' })
      await expectVisible(verdict.filter({ hasText: /^MATCH$/ }), 'MATCH for the example order of 120')

      const sample = page.getByLabel('Sandbox: sample event')
      await retype(sample, (await sample.inputValue()).replace('"total": 120', '"total": 80'))
      await expectVisible(verdict.filter({ hasText: /^NO MATCH$/ }), 'NO MATCH once the order is 80')
      await retype(sample, (await sample.inputValue()).replace('"total": 80', '"total": 250'))
      await expectVisible(verdict.filter({ hasText: /^MATCH$/ }), 'MATCH again for 250')

      await page.getByRole('button', { name: 'Add queue target' }).click()
      const target = page.getByRole('region', { name: /^Queue target/ })
      await target.getByLabel('Target id').fill('audit')
      await target.getByLabel('Queue', { exact: true }).selectOption('shop-audit')
      await target.getByLabel('Maximum retry attempts').fill('3')
      await target.getByLabel('Input transformer').check()
      await retype(target.getByLabel(/Input template/), '{"order": <id>, "total": <total>}')
      await retype(target.getByLabel(/Input paths map/), '{"id": "$.detail.orderId", "total": "$.detail.total"}')
      await expectVisible(target.getByText('{"order":"o-1001","total":250}'), 'the live preview of the shaped input')

      await page.getByRole('button', { name: 'Save rule' }).click()
      await expectVisible(page.getByText(/^Saved /), 'the saved note')
      await expectVisible(page.getByRole('heading', { name: 'Rule big-orders' }), 'the editor of the saved rule')
      await expectVisible(verdict.filter({ hasText: /^MATCH$/ }), 'MATCH for the sample event kept across the save')
      await expectVisible(page.getByRole('region', { name: 'Queue target audit' }).getByText('{"order":"o-1001","total":250}'),
        'the preview of the saved target')
      // tall enough for the pattern, the sandbox and the target with its preview; the save bar stays at the bottom
      await page.setViewportSize({ width: 1280, height: 1240 })
      await page.screenshot({ path: join(shots, 'rule-editor.png') })
      await page.setViewportSize({ width: 1280, height: 800 })
      const rule = await api('GET', '/v1/buses/shop/rules/big-orders')
      const saved = rule.targets[0]
      if (saved?.queue?.name !== 'shop-audit' || saved.retryPolicy.maximumRetryAttempts !== 3
        || saved.inputTransformer?.inputPathsMap?.id !== '$.detail.orderId' || rule.description !== 'orders over 100') {
        throw new Error(`the server has ${JSON.stringify(rule)}`)
      }

      await page.getByRole('link', { name: 'shop', exact: true }).click()
      const row = page.getByRole('row').filter({ hasText: 'big-orders' })
      await expectVisible(row.getByText('Enabled'), 'the rule enabled in the list')
      await expectVisible(row.getByText('queue audit → shop-audit'), 'its target summary')
      await page.screenshot({ path: join(shots, 'rules.png') })
    }],

  ['a target problem from the server is shown at that target', async ({ page, base, token, shots, api }) => {
    await api('PUT', '/v1/buses/shop/rules/hooked', { eventPattern: { source: ['shop.orders'] }, targets: [] })
    await signIn(page, base, token)
    await page.goto(base + '/buses/shop/rules/hooked')
    await page.getByRole('button', { name: 'Add webhook target' }).click()
    const target = page.getByRole('region', { name: /^Webhook target/ })
    await target.getByLabel('URL').fill('ftp://example.com/hook')
    await page.getByRole('button', { name: 'Save rule' }).click()
    await expectVisible(target.getByRole('alert').filter({ hasText: 'Webhook target webhook-1: URL' }),
      'the url problem in the target, named as the form names it')
    await expectVisible(page.getByText('Not saved: see the problem at Webhook target webhook-1: URL'),
      'the note by the Save button')

    // a target id the server would refuse is pointed out at the field, before anything is sent
    await target.getByLabel('Target id').fill('web hook')
    await page.getByRole('button', { name: 'Save rule' }).click()
    await expectVisible(target.locator('.name-field').getByRole('alert').filter({ hasText: "The target id 'web hook'" }),
      'the target id problem at its field')
    await expectVisible(page.getByText('Not saved: see the problem at Webhook target 1: Target id'),
      'the note by the Save button')
    await target.screenshot({ path: join(shots, 'target-id-problem.png') })
  }],

  ['API keys: the secret is shown once, with Copy; revoke is confirmed', async ({ page, base, token, shots, api }) => {
    await signIn(page, base, token)
    await page.getByRole('navigation', { name: 'Main' }).getByRole('link', { name: 'API keys' }).click()
    const form = page.getByRole('form', { name: 'Create an API key' })
    await form.getByLabel('Name').fill('shop-backend')
    await form.getByRole('group', { name: 'May put events on buses' }).getByLabel('shop', { exact: true }).check()
    await form.getByRole('button', { name: 'Create API key' }).click()
    const secretBox = page.getByRole('region', { name: 'Secret of API key shop-backend' })
    await expectVisible(secretBox, 'the secret, shown once')
    const secret = await secretBox.getByRole('textbox').inputValue()
    if (!secret) throw new Error('no secret shown')
    await secretBox.getByRole('button', { name: 'Copy' }).click()
    await expectVisible(secretBox.getByText(/Copied to the clipboard|Selected: press Ctrl\+C/), 'the copy feedback')
    await page.screenshot({ path: join(shots, 'api-key-created.png') })
    await secretBox.getByRole('button', { name: 'Done' }).click()
    await secretBox.waitFor({ state: 'detached' })
    const row = page.getByRole('row').filter({ hasText: 'shop-backend' })
    await expectVisible(row.getByText('Active'), 'the key in the list')
    if ((await page.content()).includes(secret)) throw new Error('the secret is still in the page')

    // the key works: an order over HTTP reaches the rule's queue
    await rulesReachedDataPlane(base, api, 'shop')
    const put = await fetch(base + '/v1/buses/shop/events', {
      method: 'POST', headers: { Authorization: `Bearer ${secret}`, 'Content-Type': 'application/json' },
      body: JSON.stringify({ entries: [{ source: 'shop.orders', detailType: 'Order Placed', detail: { orderId: 'o-7', total: 300 } }] }),
    })
    if (put.status !== 200) throw new Error(`putting an event: ${put.status} ${await put.text()}`)
    const deadline = Date.now() + 15_000
    while ((await api('GET', '/v1/queues/shop-audit')).depth.visible < 1) {
      if (Date.now() > deadline) throw new Error('the event did not reach the queue')
      await new Promise((r) => setTimeout(r, 200))
    }
    await page.getByRole('navigation', { name: 'Main' }).getByRole('link', { name: 'Queues' }).click()
    await expectVisible(page.getByRole('row').filter({ hasText: 'shop-audit' }).getByRole('cell', { name: '1', exact: true }),
      'the delivered order in the queue depth')

    // the sandbox of a new rule starts from that event
    await page.goto(base + '/buses/shop/new-rule')
    await expectVisible(page.getByText(/The latest event on shop/), 'the latest event in the sandbox')
    if (!(await page.getByLabel('Sandbox: sample event').inputValue()).includes('o-7')) {
      throw new Error('the sandbox does not hold the latest event')
    }

    // the key's use is recorded (to the minute, written within about 10 s) and the list says when
    const recorded = Date.now() + 30_000
    while (!(await api('GET', '/v1/api-keys')).apiKeys.find((k) => k.name === 'shop-backend').lastUsedAt) {
      if (Date.now() > recorded) throw new Error('the use of the key was not recorded within 30 s')
      await new Promise((r) => setTimeout(r, 500))
    }
    await page.goto(base + '/api-keys')
    await expectVisible(page.getByRole('row').filter({ hasText: 'shop-backend' }).getByText(/just now|minutes? ago/),
      'when the key was last used')
    await page.getByRole('button', { name: 'Revoke API key shop-backend' }).click()
    await page.getByRole('dialog').getByRole('button', { name: 'Revoke key' }).click()
    await expectVisible(page.getByRole('row').filter({ hasText: 'shop-backend' }).getByText(/^Revoked/), 'the key revoked')
  }],

  ['dead letters: peek with their error attributes, redrive to the webhook that refused them', async ({ page, base, token, shots, api }) => {
    let calls = 0
    const receiver = createServer((req, res) => {
      req.resume()
      res.writeHead(calls++ === 0 ? 400 : 200).end()
    })
    await new Promise((ok) => receiver.listen(0, '127.0.0.1', ok))
    try {
      await api('POST', '/v1/queues', { name: 'hooks-dlq' })
      await api('PUT', '/v1/buses/default/rules/to-hook', { eventPattern: { source: ['billing'] }, targets: [{
        id: 'hook', type: 'webhook', webhook: { url: `http://127.0.0.1:${receiver.address().port}/hook` },
        deadLetterQueue: 'hooks-dlq' }] })
      const { secret } = await api('POST', '/v1/api-keys', { name: 'billing', buses: ['default'] })
      await rulesReachedDataPlane(base, api, 'default')
      const put = await fetch(base + '/v1/buses/default/events', {
        method: 'POST', headers: { Authorization: `Bearer ${secret}`, 'Content-Type': 'application/json' },
        body: JSON.stringify({ entries: [{ source: 'billing', detailType: 'Invoice Due', detail: { invoice: 'i-1' } }] }),
      })
      if (put.status !== 200) throw new Error(`putting an event: ${put.status}`)

      await signIn(page, base, token)
      await page.goto(base + '/queues')
      await page.getByRole('link', { name: 'hooks-dlq' }).click()
      const deadline = Date.now() + 15_000
      while (!(await page.getByText('HTTP_400').isVisible())) {
        if (Date.now() > deadline) throw new Error('the dead letter did not show up')
        await page.getByRole('button', { name: 'Refresh' }).click()
        await page.waitForTimeout(300)
      }
      await expectVisible(page.getByRole('cell').filter({ hasText: 'default/to-hook' }), 'the RULE attribute')
      await page.screenshot({ path: join(shots, 'dead-letters.png') })
      await page.getByRole('button', { name: /^Redrive message/ }).click()
      await expectVisible(page.getByText('Redriven to target hook of rule to-hook.'), 'the redrive note')
      await expectVisible(page.getByText(/^No messages/), 'the empty queue')
      const until = Date.now() + 15_000
      while (calls < 2) {
        if (Date.now() > until) throw new Error('the redriven event did not reach the webhook')
        await new Promise((r) => setTimeout(r, 200))
      }
    } finally {
      receiver.close()
    }
  }],
  ['retry now: a dead-lettered delivery, retried from its event page once the receiver is fixed, is delivered', async ({ page, base, token, shots, api }) => {
    const webhookIds = []
    let status = 400
    const receiver = createServer((req, res) => {
      webhookIds.push(req.headers['webhook-id'])
      req.resume()
      res.writeHead(status).end()
    })
    await new Promise((ok) => receiver.listen(0, '127.0.0.1', ok))
    try {
      await api('POST', '/v1/buses', { name: 'retried' })
      await api('PUT', '/v1/buses/retried/rules/to-hook', { eventPattern: { source: ['retry.test'] }, targets: [{
        id: 'hook', type: 'webhook', webhook: { url: `http://127.0.0.1:${receiver.address().port}/hook` } }] })
      const { secret } = await api('POST', '/v1/api-keys', { name: 'retry', buses: ['retried'] })
      await rulesReachedDataPlane(base, api, 'retried')
      const put = await fetch(base + '/v1/buses/retried/events', {
        method: 'POST', headers: { Authorization: `Bearer ${secret}`, 'Content-Type': 'application/json' },
        body: JSON.stringify({ entries: [{ source: 'retry.test', detailType: 'Payment Failed', detail: { n: 1 } }] }),
      })
      if (put.status !== 200) throw new Error(`putting an event: ${put.status}`)
      const eventId = (await put.json()).entries[0].eventId

      await signIn(page, base, token)
      await page.goto(`${base}/events/${eventId}`)
      const delivery = page.getByRole('article', { name: 'Delivery to to-hook/hook' })
      const deadline = Date.now() + 15_000
      while (!(await delivery.getByText('DEAD_LETTERED', { exact: true }).isVisible())) {
        if (Date.now() > deadline) throw new Error('the delivery was not dead-lettered')
        await page.getByRole('button', { name: 'Refresh' }).click()
        await page.waitForTimeout(300)
      }
      status = 200 // the receiver is fixed
      await page.getByRole('button', { name: 'Retry delivery to to-hook/hook now' }).click()
      await expectVisible(delivery.getByText('DELIVERED', { exact: true }), 'the delivery, delivered (the page looks again)')
      await expectVisible(delivery.getByText(/#2 .* HTTP 200/), 'the second attempt')
      await page.screenshot({ path: join(shots, 'retried.png'), fullPage: true })
      if (webhookIds.length !== 2 || webhookIds[0] !== webhookIds[1]) {
        throw new Error(`the receiver should get the same delivery twice: webhook-ids ${webhookIds.join(', ')}`)
      }
    } finally {
      receiver.close()
    }
  }],
  ['bulk retry: a broken receiver dead-letters three events; fixed, all are recovered from the bus page in one action', async ({ page, base, token, shots, api }) => {
    const delivered = new Set()
    let status = 400
    const receiver = createServer((req, res) => {
      if (status === 200) delivered.add(req.headers['webhook-id'])
      req.resume()
      res.writeHead(status).end()
    })
    await new Promise((ok) => receiver.listen(0, '127.0.0.1', ok))
    try {
      await api('POST', '/v1/buses', { name: 'recovered' })
      await api('PUT', '/v1/buses/recovered/rules/to-hook', { eventPattern: { source: ['bulk.test'] }, targets: [{
        id: 'hook', type: 'webhook', webhook: { url: `http://127.0.0.1:${receiver.address().port}/hook` } }] })
      const { secret } = await api('POST', '/v1/api-keys', { name: 'bulk', buses: ['recovered'] })
      await rulesReachedDataPlane(base, api, 'recovered')
      const put = await fetch(base + '/v1/buses/recovered/events', {
        method: 'POST', headers: { Authorization: `Bearer ${secret}`, 'Content-Type': 'application/json' },
        body: JSON.stringify({ entries: [1, 2, 3].map((n) => ({ source: 'bulk.test', detailType: 'Order Placed', detail: { n } })) }),
      })
      if (put.status !== 200) throw new Error(`putting events: ${put.status}`)

      await signIn(page, base, token)
      await page.goto(`${base}/buses/recovered`)
      const form = page.getByRole('form', { name: 'Retry failed deliveries' })
      await form.getByLabel('Deliveries').selectOption('DEAD_LETTERED')
      const deadline = Date.now() + 15_000
      while (!(await form.getByText('3 deliveries match').isVisible())) {
        if (Date.now() > deadline) throw new Error('the three dead letters were not counted')
        await form.getByRole('button', { name: 'Preview' }).click()
        await page.waitForTimeout(300)
      }
      await page.getByRole('link', { name: 'Target health' }).click()
      const health = page.getByRole('row', { name: 'to-hook/hook' })
      await expectVisible(health.getByText('Failing'), 'the failing target on the health page')
      await expectVisible(health.getByText(/^HTTP 400/), 'its last error')
      await page.screenshot({ path: join(shots, 'target-health-failing.png'), fullPage: true })
      await health.getByRole('link', { name: 'Failed events' }).click()
      await expectVisible(page.getByRole('heading', { name: 'Events' }), 'the explorer')
      const failedRows = page.getByRole('row').filter({ hasText: '1 dead lettered' })
      await failedRows.nth(2).waitFor({ state: 'visible', timeout: 10_000 }).catch(() => {
        throw new Error('the explorer did not list the three failed events')
      })
      await page.goto(`${base}/buses/recovered`)
      await form.getByLabel('Deliveries').selectOption('DEAD_LETTERED')
      await form.getByRole('button', { name: 'Preview' }).click()
      await expectVisible(form.getByText('3 deliveries match'), 'the preview again')
      status = 200 // the receiver is fixed
      await page.screenshot({ path: join(shots, 'bulk-retry-preview.png'), fullPage: true })
      await form.getByRole('button', { name: 'Retry 3' }).click()
      await expectVisible(form.getByText(/^Retried 3 deliveries at 20\/s/), 'the bulk retry note')
      const until = Date.now() + 15_000
      while (delivered.size < 3) {
        if (Date.now() > until) throw new Error(`only ${delivered.size} of 3 reached the fixed receiver`)
        await new Promise((r) => setTimeout(r, 200))
      }
      await expectVisible(page.getByRole('region', { name: 'Bulk retries' }).getByText('3 of 3 delivered'),
        "the bulk retry's progress, followed as it runs")
      await expectVisible(page.getByRole('region', { name: 'Bulk retries' }).getByText('COMPLETED'), 'it completed')
      await form.getByRole('button', { name: 'Preview' }).click()
      await expectVisible(form.getByText('No delivery matches: nothing to retry.'), 'nothing left to retry')
      await page.screenshot({ path: join(shots, 'bulk-retry-done.png'), fullPage: true })
      await page.goto(`${base}/buses/recovered/health`)
      await expectVisible(page.getByRole('row', { name: 'to-hook/hook' }).getByText('Some failures'),
        'the recovered target: its deliveries delivered, the failed attempts still counted')
    } finally {
      receiver.close()
    }
  }],
  ['explorer and overview: an event put over HTTP is found with its delivery and attempt, and counted', async ({ page, base, token, shots, api }) => {
    const receiver = createServer((req, res) => {
      req.resume()
      res.writeHead(200).end()
    })
    await new Promise((ok) => receiver.listen(0, '127.0.0.1', ok))
    try {
      await api('POST', '/v1/buses', { name: 'explored' })
      await api('PUT', '/v1/buses/explored/rules/to-hook', { eventPattern: { source: ['explorer.test'] }, targets: [{
        id: 'hook', type: 'webhook', webhook: { url: `http://127.0.0.1:${receiver.address().port}/hook` } }] })
      const { secret } = await api('POST', '/v1/api-keys', { name: 'explorer', buses: ['explored'] })
      await rulesReachedDataPlane(base, api, 'explored')
      const put = await fetch(base + '/v1/buses/explored/events', {
        method: 'POST', headers: { Authorization: `Bearer ${secret}`, 'Content-Type': 'application/json' },
        body: JSON.stringify({ entries: [{ source: 'explorer.test', detailType: 'Thing Happened', detail: { n: 1 } }] }),
      })
      if (put.status !== 200) throw new Error(`putting an event: ${put.status}`)
      const eventId = (await put.json()).entries[0].eventId

      await signIn(page, base, token)
      await page.getByRole('link', { name: 'Events' }).click()
      await page.getByRole('form', { name: 'Filter events' }).getByLabel('Bus').selectOption('explored')
      await page.getByRole('button', { name: 'Filter' }).click()
      const deadline = Date.now() + 15_000
      const row = page.getByRole('row').filter({ hasText: 'Thing Happened' })
      while (!(await row.getByRole('cell', { name: '1 delivered', exact: true }).isVisible())) {
        if (Date.now() > deadline) throw new Error('the event did not show up as delivered')
        await page.reload()
        await page.waitForTimeout(300)
      }
      await page.getByRole('row').filter({ hasText: 'Thing Happened' }).getByRole('link').click()
      await expectVisible(page.getByRole('heading', { name: `Event ${eventId}` }), 'the event page')
      const delivery = page.getByRole('article', { name: 'Delivery to to-hook/hook' })
      await expectVisible(delivery.getByText('DELIVERED', { exact: true }), 'the delivered state')
      await expectVisible(delivery.getByText(/HTTP 200/), 'the attempt with its status')
      await delivery.getByText('Request', { exact: true }).click()
      const sent = delivery.getByLabel('Request sent')
      await expectVisible(sent.getByText(`POST http://127.0.0.1:${receiver.address().port}/hook`),
        'the method and URL the delivery sent')
      await expectVisible(sent.getByRole('row', { name: /webhook-id/ }), 'its webhook-id header')
      await page.screenshot({ path: join(shots, 'event.png'), fullPage: true })

      await page.goto(`${base}/events`)
      const search = page.getByRole('form', { name: 'Filter events' })
      await search.getByLabel('Source').fill('EXPLORER.')
      await search.getByLabel('Field').fill('detail.n')
      await search.getByLabel('equals').fill('1')
      await search.getByRole('button', { name: 'Filter' }).click()
      await expectVisible(page.getByRole('row').filter({ hasText: 'Thing Happened' }),
        'the event found by the start of its source in another case and a field of its detail')
      await search.getByLabel('equals').fill('2')
      await search.getByRole('button', { name: 'Filter' }).click()
      await expectVisible(page.getByText('No events match these filters.'), 'no event with detail.n = 2')

      await page.getByRole('link', { name: 'Overview' }).click()
      await page.getByLabel('Bus').selectOption('explored')
      await expectVisible(page.getByRole('img', { name: /^Events in: 1 in all/ }), 'the event in the overview chart')
      await expectVisible(page.getByRole('img', { name: /^Delivered: 1 in all/ }), 'its delivery in the overview chart')
      await page.screenshot({ path: join(shots, 'overview.png'), fullPage: true })
    } finally {
      receiver.close()
    }
  }],
  ['newcomer: a bus, a rule with a webhook target, an event sent from the console, seen delivered', async ({ page, base, token, shots }) => {
    const received = []
    const receiver = createServer((req, res) => {
      let body = ''
      req.on('data', (d) => { body += d })
      req.on('end', () => {
        received.push({ path: req.url, headers: req.headers, body })
        res.writeHead(200).end()
      })
    })
    await new Promise((ok) => receiver.listen(0, '127.0.0.1', ok))
    try {
      await signIn(page, base, token)
      const create = page.getByRole('form', { name: 'Create a bus' })
      await create.getByLabel('Name').fill('first-steps')
      await create.getByRole('button', { name: 'Create bus' }).click()
      await page.getByRole('link', { name: 'first-steps', exact: true }).click()
      await page.getByRole('link', { name: 'New rule' }).first().click()

      // the new rule's pattern starts from the example order, {"source": ["shop.orders"]}
      await page.getByLabel('Name', { exact: true }).fill('orders-to-hook')
      await expectVisible(page.getByText('The server accepts this pattern.'), 'the pattern accepted')
      await page.getByRole('button', { name: 'Add webhook target' }).click()
      const target = page.getByRole('region', { name: /^Webhook target/ })
      await target.getByLabel('URL').fill(`http://127.0.0.1:${receiver.address().port}/orders`)
      await page.getByRole('button', { name: 'Save rule' }).click()
      await expectVisible(page.getByRole('heading', { name: 'Rule orders-to-hook' }), 'the saved rule')

      await page.getByRole('navigation', { name: 'Breadcrumb' }).getByRole('link', { name: 'first-steps' }).click()
      await page.getByRole('link', { name: 'Send event' }).click()
      await expectVisible(page.getByRole('heading', { name: 'Send an event to first-steps' }), 'the send form')
      const form = page.getByRole('form', { name: 'Send an event' })
      const detail = form.getByLabel('Detail (a JSON object)')
      await retype(detail, '{"orderId": "o-42", "total": 120.50,}')
      await expectVisible(form.getByText(/^Not JSON/), 'the live JSON check')
      await form.getByRole('button', { name: 'Send event' }).click()
      await expectVisible(page.locator('#event-detail-check').getByRole('alert'), 'the JSON problem at the detail')

      await retype(detail, '{"orderId": "o-42", "total": 120.50}')
      await expectVisible(form.getByText('Valid JSON.'), 'the fixed detail accepted')
      await detail.press('Control+Enter') // sends from the keyboard
      const sent = form.getByRole('status').filter({ hasText: /^Sent / })
      await expectVisible(sent, 'the id of the sent event')
      const eventId = await sent.locator('code').innerText()
      await page.screenshot({ path: join(shots, 'send-event.png'), fullPage: true })

      await sent.getByRole('link', { name: 'See it and its deliveries' }).click()
      await expectVisible(page.getByRole('heading', { name: `Event ${eventId}` }), 'the event page')
      const delivery = page.getByRole('article', { name: 'Delivery to orders-to-hook/webhook-1' })
      await delivery.getByText('DELIVERED', { exact: true }).waitFor({ state: 'visible', timeout: 20_000 }).catch(() => {
        throw new Error('the delivery was not seen DELIVERED without reloading')
      })
      await expectVisible(delivery.getByText(/HTTP 200/), 'the attempt with its status')
      await page.screenshot({ path: join(shots, 'event-delivered.png'), fullPage: true })
      const hook = received.find((r) => r.body.includes(eventId))
      if (!hook || hook.path !== '/orders' || !hook.headers['webhook-id'] || !hook.body.includes('"total":120.50')) {
        throw new Error(`the receiver got ${JSON.stringify(received)}`)
      }

      // the explorer finds it between a minute ago and a minute from now, in local time
      const [from, to] = await page.evaluate(() => [-60_000, 60_000].map((offset) => {
        const at = new Date(Date.now() + offset)
        const two = (n) => String(n).padStart(2, '0')
        return `${at.getFullYear()}-${two(at.getMonth() + 1)}-${two(at.getDate())}T${two(at.getHours())}:${two(at.getMinutes())}`
      }))
      await page.getByRole('navigation', { name: 'Main' }).getByRole('link', { name: 'Events' }).click()
      const filter = page.getByRole('form', { name: 'Filter events' })
      await filter.getByLabel('Bus').selectOption('first-steps')
      await filter.getByLabel('From').fill(from)
      await filter.getByLabel('To').fill(to)
      await filter.getByRole('button', { name: 'Filter' }).click()
      const row = page.getByRole('row').filter({ hasText: 'Order Placed' })
      await expectVisible(row.getByRole('cell', { name: '1 delivered', exact: true }), 'the event in the time window')
      if (!page.url().includes('from=') || !page.url().includes('to=')) throw new Error(`no time filter in ${page.url()}`)
      await page.screenshot({ path: join(shots, 'events-time-filter.png') })
      await filter.getByLabel('From').fill(to)
      await filter.getByLabel('To').fill('')
      await filter.getByRole('button', { name: 'Filter' }).click()
      await expectVisible(page.getByText('No events match these filters.'), 'nothing after the window')
    } finally {
      receiver.close()
    }
  }],
  ['other kinds of target: a bus target set up in the editor forwards an event to another bus; a broker URI with credentials is refused at its field',
    async ({ page, base, token, shots, api }) => {
      await api('POST', '/v1/buses', { name: 'billing-e2e' })
      await api('POST', '/v1/queues', { name: 'billing-inbox' })
      await api('PUT', '/v1/buses/billing-e2e/rules/inbox', { eventPattern: { source: ['shop.forwarded'] },
        targets: [{ id: 'inbox', type: 'queue', queue: { name: 'billing-inbox' } }] })
      await signIn(page, base, token)
      await page.goto(base + '/buses/default/new-rule')
      await page.getByLabel('Name', { exact: true }).fill('forward-billing')
      await retype(page.getByLabel('Event pattern'), '{"source": ["shop.forwarded"]}')
      await expectVisible(page.getByText('The server accepts this pattern.'), 'the pattern accepted')
      await page.getByLabel('Other kind').selectOption('bus')
      await page.getByRole('button', { name: 'Add Bus target' }).click()
      const target = page.getByRole('region', { name: /^Bus target/ })
      await target.getByLabel('Bus').selectOption('billing-e2e')
      await expectVisible(target.getByText(/no input shaping/), 'a bus target shapes no input')

      await page.getByLabel('Other kind').selectOption('rabbitmq')
      await page.getByRole('button', { name: 'Add RabbitMQ target' }).click()
      const rabbit = page.getByRole('region', { name: /^RabbitMQ target/ })
      await rabbit.getByLabel('URI').fill('amqp://guest:guest@127.0.0.1:5672')
      await page.getByRole('button', { name: 'Save rule' }).click()
      await expectVisible(rabbit.getByRole('alert').filter({ hasText: 'must not carry credentials' }),
        'the credentials in the URI refused at the RabbitMQ target')
      await page.screenshot({ path: join(shots, 'rabbitmq-uri-problem.png'), fullPage: true })
      await rabbit.getByRole('button', { name: 'Remove target' }).click()
      await page.getByRole('button', { name: 'Save rule' }).click()
      await expectVisible(page.getByRole('heading', { name: 'Rule forward-billing' }), 'the saved rule')
      await rulesReachedDataPlane(base, api, 'default')

      const put = await api('POST', '/v1/buses/default/events', { entries: [{ source: 'shop.forwarded',
        detailType: 'Invoice Due', detail: { invoice: 'i-7' } }] })
      const eventId = put.entries[0].eventId
      await page.goto(base + `/events/${eventId}`)
      const delivery = page.getByRole('article', { name: 'Delivery to forward-billing/bus-1' })
      await delivery.getByText('DELIVERED', { exact: true }).waitFor({ state: 'visible', timeout: 20_000 }).catch(() => {
        throw new Error('the forward was not seen DELIVERED')
      })
      await expectVisible(delivery.getByText(/put on the bus/), 'the attempt says where it went')
      await page.screenshot({ path: join(shots, 'bus-target-delivered.png'), fullPage: true })
      const peeked = await api('GET', '/v1/queues/billing-inbox/messages:peek')
      const forwarded = peeked.messages.map((m) => JSON.parse(m.body)).find((e) => e.detail.invoice === 'i-7')
      if (!forwarded || forwarded['hop-count'] !== 1 || forwarded.id === eventId) {
        throw new Error(`the other bus' queue has ${JSON.stringify(peeked)}`)
      }
    }],

  ['archives and replays: archive the default bus, replay the last hour from the bus page, watch it complete',
    async ({ page, base, token, shots, api }) => {
      await signIn(page, base, token)
      await page.getByRole('navigation', { name: 'Main' }).getByRole('link', { name: 'Archives' }).click()
      await expectVisible(page.getByRole('heading', { name: 'Archives', exact: true }), 'the archives page')
      const form = page.getByRole('form', { name: 'Create an archive' })
      await form.getByLabel('Name', { exact: true }).fill('default-archive')
      await form.getByLabel('Bus', { exact: true }).selectOption('default') // waits for the list of buses
      await form.getByLabel('Keep events (days)').fill('7')
      await form.getByRole('button', { name: 'Create archive' }).click()
      await expectVisible(page.getByRole('heading', { name: 'Archive default-archive' }), 'the new archive page')
      const archive = await api('GET', '/v1/archives/default-archive')
      if (archive.bus !== 'default' || archive.retentionDays !== 7 || archive.eventPattern !== null) {
        throw new Error(`the server has ${JSON.stringify(archive)}`)
      }

      // archiving starts once the data plane has rebuilt the bus: put orders until one is archived
      const deadline = Date.now() + 20_000
      let archived = 0
      while (archived < 1) {
        if (Date.now() > deadline) throw new Error('no event put on default was archived')
        await api('POST', '/v1/buses/default/events', { entries: [{ source: 'shop.e2e.archive',
          detailType: 'Order Placed', detail: { orderId: 'o-archived' } }] })
        await new Promise((r) => setTimeout(r, 500))
        archived = (await api('GET', '/v1/archives/default-archive')).eventCount
      }
      await page.reload()
      await expectVisible(page.getByRole('heading', { name: 'Archive default-archive' }), 'the archive page again')
      await page.screenshot({ path: join(shots, 'archive.png'), fullPage: true })

      await page.goto(base + '/buses/default')
      await page.getByRole('link', { name: 'Replay…' }).click()
      const start = page.getByRole('form', { name: 'Start a replay' })
      await expectVisible(start, 'the start-replay form')
      if (await start.getByLabel('Archive', { exact: true }).inputValue() !== 'default-archive') {
        throw new Error('the archive of the default bus is not chosen')
      }
      if (!(await start.getByLabel('Window start').inputValue()) || !(await start.getByLabel('Window end').inputValue())) {
        throw new Error('the window (the last hour) is not filled in')
      }
      await start.getByLabel('Name', { exact: true }).fill('default-replay')
      await page.screenshot({ path: join(shots, 'start-replay.png'), fullPage: true })
      await start.getByRole('button', { name: 'Start replay' }).click()

      await expectVisible(page.getByRole('heading', { name: 'Replay default-replay' }), 'the replay page')
      await expectVisible(page.getByLabel('Progress of replay default-replay'), 'its progress')
      // the page looks again by itself until the replay is final
      const facts = page.getByRole('definition').filter({ hasText: /^(Completed|Failed|Cancelled)/ })
      await facts.first().waitFor({ state: 'visible', timeout: 30_000 }).catch(() => {
        throw new Error('the replay was not seen final without reloading')
      })
      const replay = await api('GET', '/v1/replays/default-replay')
      if (replay.state !== 'COMPLETED' || replay.archive !== 'default-archive' || replay.rules !== null
        || replay.eventsReplayed < archived) {
        throw new Error(`the server has ${JSON.stringify(replay)}`)
      }
      await expectVisible(page.getByText(`${replay.eventsReplayed} of ${replay.eventsTotal}`), 'the final progress')
      await page.screenshot({ path: join(shots, 'replay.png'), fullPage: true })
      if (await page.getByRole('link', { name: 'See its events' }).getAttribute('href') !== '/events?replay=default-replay') {
        throw new Error('no link to the events of the replay')
      }

      await page.getByRole('navigation', { name: 'Main' }).getByRole('link', { name: 'Replays' }).click()
      const row = page.getByRole('row').filter({ hasText: 'default-replay' })
      await expectVisible(row.getByText('Completed'), 'the replay in the list')
      await expectVisible(row.getByRole('link', { name: 'default-archive' }), 'its archive in the list')
    }],  ['connections, API key scopes, queue settings and the audit log: each changed from the console and seen done',
    async ({ page, base, token, shots, api }) => {
      let authorization = null
      const receiver = createServer((req, res) => {
        authorization = req.headers.authorization ?? null
        req.resume()
        res.writeHead(200).end()
      })
      await new Promise((ok) => receiver.listen(0, '127.0.0.1', ok))
      try {
        await api('POST', '/v1/buses', { name: 'ops' })
        await api('PUT', '/v1/buses/ops/rules/to-hook', { eventPattern: { source: ['ops.test'] }, targets: [{
          id: 'hook', type: 'webhook', webhook: { url: `http://127.0.0.1:${receiver.address().port}/hook` } }] })
        await signIn(page, base, token)

        // a connection, created with its password, which the page never shows again
        await page.getByRole('navigation', { name: 'Main' }).getByRole('link', { name: 'Connections' }).click()
        const create = page.getByRole('form', { name: 'Create a connection' })
        await create.getByLabel('Name', { exact: true }).fill('ops-auth')
        await create.getByLabel('Username').fill('eventbus')
        await create.getByLabel('Password').fill('s3cret-pa55')
        await create.getByRole('button', { name: 'Create connection' }).click()
        await expectVisible(page.getByRole('cell', { name: 'Basic auth as eventbus' }), 'the new connection')
        if ((await page.content()).includes('s3cret-pa55')) throw new Error('the password is on the page')

        // picked on the webhook target; a delivery then carries its credentials
        await page.goto(`${base}/buses/ops/rules/to-hook`)
        const target = page.getByRole('region', { name: 'Webhook target hook' })
        await target.getByLabel('Connection (credentials)').selectOption('ops-auth')
        await page.getByRole('button', { name: 'Save rule' }).click()
        await expectVisible(page.getByText(/^Saved /), 'the rule saved')
        const { secret } = await api('POST', '/v1/api-keys', { name: 'ops', buses: ['default'] })

        // the key may not put on ops until its scope is changed from the console
        await page.getByRole('navigation', { name: 'Main' }).getByRole('link', { name: 'API keys' }).click()
        await page.getByRole('button', { name: 'Edit scope of API key ops' }).click()
        const dialog = page.getByRole('dialog')
        await dialog.getByLabel('ops', { exact: true }).check()
        await dialog.getByRole('button', { name: 'Save scope' }).click()
        await expectVisible(page.getByRole('row').filter({ hasText: 'ops' }).getByRole('cell', { name: 'default, ops' }),
          'the key with its new scope')
        await rulesReachedDataPlane(base, api, 'ops')
        const until = Date.now() + 15_000
        for (;;) {
          const put = await fetch(base + '/v1/buses/ops/events', {
            method: 'POST', headers: { Authorization: `Bearer ${secret}`, 'Content-Type': 'application/json' },
            body: JSON.stringify({ entries: [{ source: 'ops.test', detailType: 'Checked', detail: {} }] }),
          })
          if (put.status === 200) break
          if (Date.now() > until) throw new Error(`the new scope was not honoured: ${put.status}`)
          await new Promise((r) => setTimeout(r, 500))
        }
        const delivered = Date.now() + 15_000
        while (authorization === null) {
          if (Date.now() > delivered) throw new Error('the event did not reach the receiver')
          await new Promise((r) => setTimeout(r, 200))
        }
        if (authorization !== `Basic ${Buffer.from('eventbus:s3cret-pa55').toString('base64')}`) {
          throw new Error(`the delivery did not carry the connection's credentials: ${authorization}`)
        }

        // a queue's settings changed after creation
        await api('POST', '/v1/queues', { name: 'ops-jobs' })
        await page.goto(`${base}/queues/ops-jobs`)
        await page.getByText(/^Settings: visibility timeout 30 s/).click()
        const settings = page.getByRole('form', { name: 'Queue settings' })
        await settings.getByLabel('Visibility timeout (s)').fill('120')
        await settings.getByRole('button', { name: 'Save settings' }).click()
        await expectVisible(settings.getByText('Saved.'), 'the queue settings saved')
        if ((await api('GET', '/v1/queues/ops-jobs')).visibilityTimeoutSeconds !== 120) {
          throw new Error('the visibility timeout was not changed')
        }

        // each change is in the audit log, found by its resource
        await page.getByRole('navigation', { name: 'Main' }).getByRole('link', { name: 'Audit log' }).click()
        const filter = page.getByRole('form', { name: 'Filter the audit log' })
        await filter.getByLabel('Resource').fill('queues/ops')
        await filter.getByRole('button', { name: 'Filter' }).click()
        await expectVisible(page.getByRole('cell', { name: 'queue.update' }), 'the queue update in the audit log')
        await expectVisible(page.getByRole('cell', { name: 'queue.create' }), 'the queue creation in the audit log')
        if (await page.getByRole('cell', { name: 'connection.create' }).count() > 0) {
          throw new Error('the resource filter let another resource through')
        }
        await page.screenshot({ path: join(shots, 'audit-log.png'), fullPage: true })
      } finally {
        receiver.close()
      }
    }],
  ['dead letters in bulk: filtered by error code, all redriven at a rate once the receiver is fixed',
    async ({ page, base, token, shots, api }) => {
      let status = 503
      const delivered = new Set()
      const receiver = createServer((req, res) => {
        let body = ''
        req.on('data', (c) => { body += c })
        req.on('end', () => {
          if (status === 200) delivered.add(JSON.parse(body).detail.n)
          res.writeHead(status).end()
        })
      })
      await new Promise((ok) => receiver.listen(0, '127.0.0.1', ok))
      try {
        await api('POST', '/v1/queues', { name: 'bulk-dlq' })
        await api('POST', '/v1/buses', { name: 'bulk-dlq-bus' })
        await api('PUT', '/v1/buses/bulk-dlq-bus/rules/to-hook', { eventPattern: { source: ['dlq.test'] }, targets: [{
          id: 'hook', type: 'webhook', webhook: { url: `http://127.0.0.1:${receiver.address().port}/hook` },
          retryPolicy: { maximumRetryAttempts: 0 }, deadLetterQueue: 'bulk-dlq' }] })
        const { secret } = await api('POST', '/v1/api-keys', { name: 'bulk-dlq', buses: ['bulk-dlq-bus'] })
        await rulesReachedDataPlane(base, api, 'bulk-dlq-bus')
        const put = await fetch(base + '/v1/buses/bulk-dlq-bus/events', {
          method: 'POST', headers: { Authorization: `Bearer ${secret}`, 'Content-Type': 'application/json' },
          body: JSON.stringify({ entries: [1, 2, 3, 4].map((n) => ({ source: 'dlq.test', detailType: 'Job', detail: { n } })) }),
        })
        if (put.status !== 200) throw new Error(`putting events: ${put.status}`)
        const until = Date.now() + 15_000
        while ((await api('GET', '/v1/queues/bulk-dlq')).depth.visible < 4) {
          if (Date.now() > until) throw new Error('the four dead letters did not arrive')
          await new Promise((r) => setTimeout(r, 200))
        }

        await signIn(page, base, token)
        await page.goto(`${base}/queues/bulk-dlq`)
        const filter = page.getByRole('form', { name: 'Filter messages' })
        await filter.getByLabel('Error code').fill('HTTP_503')
        await filter.getByRole('button', { name: 'Filter' }).click()
        await expectVisible(page.getByText('4 messages match; showing the oldest 4.'), 'the dead letters that match')
        await expectVisible(page.getByRole('link', { name: 'Event' }).first(), 'a link to a dead letter\'s event')
        status = 200 // the receiver is fixed
        await page.getByRole('button', { name: 'Redrive all matching…' }).click()
        await page.getByRole('dialog').getByRole('button', { name: 'Redrive 4' }).click()
        await expectVisible(page.getByText('Redriven 4 dead letters at 20/s.'), 'the bulk redrive note')
        await expectVisible(page.getByText('No messages match these filters.'), 'the queue emptied of them')
        // the four failures and the first redriven successes can open the target's circuit breaker (5 calls, most
        // failed): the rest then wait for its probe, 30 s on, and a failed half-open round for another 30 s (this
        // wait was 60 s and timed out once in CI with 2 of 4 delivered)
        const done = Date.now() + 120_000
        while (delivered.size < 4) {
          if (Date.now() > done) throw new Error(`only ${delivered.size} of 4 redriven events were delivered`)
          await new Promise((r) => setTimeout(r, 200))
        }
        await page.screenshot({ path: join(shots, 'dead-letters-bulk.png'), fullPage: true })
      } finally {
        receiver.close()
      }
    }],
]

/** The page is no wider than the window: nothing sticks out to the right of a phone's screen. */
async function fitsTheWindow(page, what) {
  const { scrollWidth, innerWidth } = await page.evaluate(() => ({
    scrollWidth: document.documentElement.scrollWidth, innerWidth: window.innerWidth,
  }))
  if (scrollWidth > innerWidth) {
    throw new Error(`${what} is ${scrollWidth} px wide in a window of ${innerWidth} px`)
  }
}

const TOP_BAR_LINKS = [['Overview', 'Overview'], ['Buses', 'Buses'], ['API keys', 'API keys'],
  ['Connections', 'Connections'], ['Queues', 'Queues'], ['Schemas', 'Schemas'], ['Events', 'Events'],
  ['Archives', 'Archives'], ['Replays', 'Replays'], ['Audit log', 'Audit log']]

tests.push(['narrow screens: the top bar is reachable and the main pages fit at 360 and 1024 px',
  async ({ page, base, token, shots, api }) => {
    await api('POST', '/v1/buses', { name: 'responsive', description: 'orders of the shop, for the layout test' })
    await api('POST', '/v1/queues', { name: 'responsive-audit', description: 'every order, for the auditors' })
    await api('PUT', '/v1/buses/responsive/rules/big-orders-to-billing', {
      description: 'orders over 100 go to billing and the audit queue',
      eventPattern: { source: ['shop.orders'], detail: { total: [{ numeric: ['>', 100] }] } },
      targets: [
        { id: 'billing', type: 'webhook', webhook: { url: 'https://billing.example.com/hooks/orders/placed' } },
        { id: 'audit', type: 'queue', queue: { name: 'responsive-audit' } }] })
    await api('POST', '/v1/api-keys', { name: 'shop-backend-responsive', buses: ['responsive'],
      queues: ['responsive-audit'] })
    await api('POST', '/v1/buses/responsive/events', { entries: [{ source: 'shop.orders',
      detailType: 'Order Placed', detail: { orderId: 'o-360', total: 120 } }] })
    await api('PUT', '/v1/schemas/shop.responsive@OrderPlaced', { content: { type: 'object',
      properties: { orderId: { type: 'string' }, total: { type: 'number' } }, required: ['orderId'] } })
    await signIn(page, base, token)

    const pages = [
      ['overview', '/overview', page.getByRole('heading', { name: 'Overview' })],
      ['buses', '/buses', page.getByRole('cell', { name: 'responsive', exact: true })],
      ['bus', '/buses/responsive', page.getByRole('link', { name: 'big-orders-to-billing' })],
      ['rule-editor', '/buses/responsive/rules/big-orders-to-billing',
        page.getByRole('region', { name: 'Webhook target billing' })],
      ['events', '/events', page.getByRole('row').filter({ hasText: 'Order Placed' })],
      ['queues', '/queues', page.getByRole('cell', { name: 'responsive-audit', exact: true })],
      ['api-keys', '/api-keys', page.getByRole('cell', { name: 'shop-backend-responsive', exact: true })],
      ['schemas', '/schemas', page.getByRole('link', { name: 'shop.responsive@OrderPlaced' })],
      ['schema', '/schemas/shop.responsive@OrderPlaced', page.getByRole('form', { name: 'Add a version' })],
      ['archives', '/archives', page.getByRole('form', { name: 'Create an archive' })],
      ['replays', '/replays', page.getByRole('heading', { name: 'Replays', exact: true })],
    ]
    for (const [width, height] of [[360, 740], [1024, 768]]) {
      await page.setViewportSize({ width, height })
      await page.goto(base + '/buses')
      await expectVisible(page.getByRole('heading', { name: 'Buses' }), 'the buses')

      // every link of the top bar: visible, or behind the Menu button; each one opens its page
      const main = page.getByRole('navigation', { name: 'Main' })
      const menu = page.getByRole('button', { name: 'Menu' })
      for (const [link, heading] of TOP_BAR_LINKS) {
        if (!(await main.getByRole('link', { name: link }).isVisible())) {
          if (!(await menu.isVisible())) throw new Error(`${width} px: ${link} is hidden and there is no Menu button`)
          await menu.click()
          if (await menu.getAttribute('aria-expanded') !== 'true') throw new Error('the Menu button says it is closed')
        }
        await main.getByRole('link', { name: link }).click()
        await expectVisible(page.getByRole('heading', { name: heading, exact: true }), `${width} px: the ${link} page`)
        await fitsTheWindow(page, `${width} px: the ${link} page`)
      }
      if (width < 700) {
        await menu.click()
        await page.screenshot({ path: join(shots, `narrow-${width}-menu.png`) })
        await expectVisible(page.getByRole('button', { name: 'Sign out' }), `${width} px: Sign out in the menu`)
        await page.keyboard.press('Escape')
        await main.waitFor({ state: 'hidden' })
      } else {
        await expectVisible(page.getByRole('button', { name: 'Sign out' }), `${width} px: Sign out in the top bar`)
      }

      for (const [name, path, loaded] of pages) {
        await page.goto(base + path)
        await expectVisible(loaded, `${width} px: the ${name} page with its content`)
        await fitsTheWindow(page, `${width} px: the ${name} page`)
        const wideTables = await page.evaluate(() => [...document.querySelectorAll('table')].filter((t) => {
          const box = t.parentElement
          return getComputedStyle(box).overflowX !== 'auto' || box.getBoundingClientRect().right > window.innerWidth
        }).map((t) => t.getAttribute('aria-label')))
        if (wideTables.length > 0) throw new Error(`${width} px: tables that do not scroll in their box: ${wideTables}`)
        await page.screenshot({ path: join(shots, `narrow-${width}-${name}.png`), fullPage: true })
      }
    }
  }])
