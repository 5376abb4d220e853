// End-to-end tests of the console: the real server jar (embedded PostgreSQL), Debian's Chromium driven by
// playwright-core. Run by the server module in `mvnw verify` (integration-test phase), or by hand:
//   EVENTBUS_JAR=server/target/eventbus.jar npm --prefix console-ui run e2e
// Without a Chromium (CHROMIUM, else /usr/bin/chromium) the tests are skipped with a message, unless
// EVENTBUS_REQUIRE_BROWSER=1 (CI installs Chromium and sets it). Screenshots go to console-ui/target/e2e/.
import { spawn } from 'node:child_process'
import { existsSync, mkdirSync, mkdtempSync, rmSync } from 'node:fs'
import { createServer } from 'node:net'
import { tmpdir } from 'node:os'
import { dirname, join, resolve } from 'node:path'
import { fileURLToPath } from 'node:url'
import { randomBytes } from 'node:crypto'
import { chromium } from 'playwright-core'
import { tests } from './console.e2e.mjs'

const here = dirname(fileURLToPath(import.meta.url))
// E2E_ONLY=text runs only the tests whose name holds that text (while working on them)
const selected = tests.filter(([name]) => !process.env.E2E_ONLY || name.includes(process.env.E2E_ONLY))
const jar = resolve(process.env.EVENTBUS_JAR ?? join(here, '..', '..', 'server', 'target', 'eventbus.jar'))
const browserPath = process.env.CHROMIUM ?? '/usr/bin/chromium'
const shots = join(here, '..', 'target', 'e2e')

if (!existsSync(browserPath)) {
  const message = `console browser tests: no Chromium at ${browserPath} (apt-get install chromium, or set CHROMIUM)`
  if (process.env.EVENTBUS_REQUIRE_BROWSER === '1') {
    console.error(`FAILED: ${message}`)
    process.exit(1)
  }
  console.log(`SKIPPED: ${message}`)
  process.exit(0)
}
if (!existsSync(jar)) {
  console.error(`FAILED: ${jar} does not exist; build it first (./mvnw -DskipTests package)`)
  process.exit(1)
}
mkdirSync(shots, { recursive: true })

const port = await freePort()
const base = `http://127.0.0.1:${port}`
const token = `eb_admin_e2e_${randomBytes(16).toString('hex')}`
const home = mkdtempSync(join(tmpdir(), 'eventbus-e2e-'))
const server = spawn('java', ['-jar', jar], {
  env: { ...process.env, EVENTBUS_HOME: home, EVENTBUS_ADMIN_TOKEN: token, MICRONAUT_SERVER_PORT: String(port),
    EVENTBUS_DELIVERY_ALLOW_PRIVATE_NETWORKS: 'true' },
  stdio: ['ignore', 'pipe', 'pipe'],
})
let serverLog = ''
server.stdout.on('data', (d) => { serverLog += d })
server.stderr.on('data', (d) => { serverLog += d })

let browser
let failed = 0
try {
  await waitForHealth(base, server)
  browser = await chromium.launch({
    executablePath: browserPath,
    args: ['--headless', '--no-sandbox', '--disable-gpu', '--disable-quic', '--no-first-run',
      '--disable-background-networking', '--disable-component-update', '--disable-sync'],
  })
  for (const [name, test] of selected) {
    const context = await browser.newContext({ viewport: { width: 1280, height: 800 } })
    const page = await context.newPage()
    const consoleErrors = []
    page.on('console', (m) => { if (m.type() === 'error') consoleErrors.push(m.text()) })
    const started = Date.now()
    try {
      await test({ page, base, token, shots, api: (method, path, body) => adminApi(base, token, method, path, body) })
      const cspViolations = consoleErrors.filter((e) => e.includes('Content Security Policy'))
      if (cspViolations.length > 0) {
        throw new Error(`Content-Security-Policy violations: ${cspViolations.join('; ')}`)
      }
      console.log(`ok   ${name} (${Date.now() - started} ms)`)
    } catch (e) {
      failed++
      const file = join(shots, `FAILED-${name.replace(/[^a-z0-9]+/gi, '-')}.png`)
      await page.screenshot({ path: file, fullPage: true }).catch(() => undefined)
      console.log(`FAIL ${name}: ${e.stack ?? e}\n     screenshot: ${file}`)
    } finally {
      await context.close()
    }
  }
} catch (e) {
  failed++
  console.log(`FAIL setup: ${e.stack ?? e}`)
  console.log(serverLog.split('\n').slice(-30).join('\n'))
} finally {
  await browser?.close()
  server.kill('SIGTERM')
  await new Promise((r) => server.once('exit', r))
  rmSync(home, { recursive: true, force: true })
}
console.log(failed === 0 ? `console browser tests: ${selected.length} passed` : `console browser tests: ${failed} failed`)
process.exit(failed === 0 ? 0 : 1)

function freePort() {
  return new Promise((ok, fail) => {
    const s = createServer()
    s.listen(0, '127.0.0.1', () => {
      const { port } = s.address()
      s.close(() => ok(port))
    })
    s.on('error', fail)
  })
}

async function waitForHealth(url, process) {
  const deadline = Date.now() + 120_000
  while (Date.now() < deadline) {
    if (process.exitCode !== null) {
      throw new Error(`the server exited with ${process.exitCode}`)
    }
    try {
      const r = await fetch(`${url}/health`)
      if (r.ok) return
    } catch { /* not up yet */ }
    await new Promise((r) => setTimeout(r, 250))
  }
  throw new Error('the server did not become healthy within 120 s')
}

async function adminApi(url, adminToken, method, path, body) {
  const r = await fetch(url + path, {
    method,
    headers: { Authorization: `Bearer ${adminToken}`, 'Content-Type': 'application/json' },
    body: body === undefined ? undefined : JSON.stringify(body),
  })
  const text = await r.text()
  if (!r.ok) throw new Error(`${method} ${path}: ${r.status} ${text}`)
  return text ? JSON.parse(text) : undefined
}
