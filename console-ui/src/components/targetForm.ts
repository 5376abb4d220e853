import { ApiError, type Target } from '../api'
import { formatJson } from './formatJson.ts'
import { nameProblem } from './names.ts'

/** How a target shapes what it receives; at most one way, as in EventBridge. */
export type Shaping = 'none' | 'input' | 'inputPath' | 'inputTransformer'

/** What the signing secret of a webhook becomes on save: kept as it is (none, or the one set), generated, or given. */
export type Signing = 'keep' | 'generate' | 'set'

/** One target as the editor holds it: text as typed, turned into the API's shape on save. */
export interface TargetForm {
  key: number
  id: string
  type: 'webhook' | 'queue'
  url: string
  method: string
  timeoutMillis: string
  headers: string
  rateLimitPerSecond: string
  signing: Signing
  signingSecret: string
  signingSecretSet: boolean
  /** The connection's name; empty for none. */
  connection: string
  /** CLOUDEVENTS_BINARY, or empty for the EventBridge envelope. */
  format: string
  queueName: string
  maximumRetryAttempts: string
  maximumEventAgeInSeconds: string
  deadLetterQueue: string
  shaping: Shaping
  input: string
  inputPath: string
  inputPathsMap: string
  inputTemplate: string
}

let nextKey = 1

export function newTarget(type: 'webhook' | 'queue', id: string): TargetForm {
  return {
    key: nextKey++, id, type, url: '', method: 'POST', timeoutMillis: '', headers: '', rateLimitPerSecond: '',
    signing: 'keep', signingSecret: '', signingSecretSet: false, connection: '', format: '', queueName: '', maximumRetryAttempts: '',
    maximumEventAgeInSeconds: '', deadLetterQueue: '', shaping: 'none', input: '{\n  "kind": "order"\n}',
    inputPath: '$.detail', inputPathsMap: '{\n  "total": "$.detail.total"\n}', inputTemplate: '{"total": <total>}',
  }
}

export function targetForm(t: Target): TargetForm {
  const form = newTarget(t.type, t.id)
  const w = t.webhook
  if (w) {
    form.url = w.url
    form.method = w.method ?? 'POST'
    form.timeoutMillis = w.timeoutMillis === undefined ? '' : String(w.timeoutMillis)
    form.headers = Object.entries(w.headers ?? {}).map(([name, value]) => `${name}: ${value}`).join('\n')
    form.rateLimitPerSecond = w.rateLimitPerSecond === undefined ? '' : String(w.rateLimitPerSecond)
    form.signingSecretSet = Boolean(w.signingSecretSet)
    form.connection = w.connection ?? ''
    form.format = w.format === 'EVENTBRIDGE' ? '' : w.format ?? ''
  }
  form.queueName = t.queue?.name ?? ''
  form.maximumRetryAttempts = t.retryPolicy?.maximumRetryAttempts === undefined ? ''
    : String(t.retryPolicy.maximumRetryAttempts)
  form.maximumEventAgeInSeconds = t.retryPolicy?.maximumEventAgeInSeconds === undefined ? ''
    : String(t.retryPolicy.maximumEventAgeInSeconds)
  form.deadLetterQueue = t.deadLetterQueue ?? ''
  if (t.input !== undefined) {
    form.shaping = 'input'
    form.input = formatJson(t.input, 60)
  } else if (t.inputPath !== undefined) {
    form.shaping = 'inputPath'
    form.inputPath = t.inputPath
  } else if (t.inputTransformer) {
    form.shaping = 'inputTransformer'
    form.inputPathsMap = formatJson(t.inputTransformer.inputPathsMap ?? {}, 40)
    form.inputTemplate = t.inputTransformer.inputTemplate
  }
  return form
}

/** The shaping fields of a target request; throws a ValidationError-like problem at `location` for JSON typos. */
export function shapingRequest(form: TargetForm, location: string): Record<string, unknown> {
  switch (form.shaping) {
    case 'input':
      return { input: parseJson(form.input, `${location}input`) }
    case 'inputPath':
      return { inputPath: form.inputPath }
    case 'inputTransformer':
      return {
        inputTransformer: {
          inputPathsMap: parseJson(form.inputPathsMap, `${location}inputTransformer.inputPathsMap`),
          inputTemplate: form.inputTemplate,
        },
      }
    default:
      return {}
  }
}

/**
 * The target as `PUT /v1/buses/{bus}/rules/{rule}` takes it; `index` places problems at `targets[index]`. Throws a
 * ValidationError for what the console checks itself: the id, numbers, headers and JSON as typed.
 */
export function targetRequest(form: TargetForm, index: number): Record<string, unknown> {
  const at = `targets[${index}]`
  const idProblem = nameProblem(`${at}.id`, 'the target id', form.id.trim())
  if (idProblem) throw idProblem
  const target: Record<string, unknown> = { id: form.id.trim(), type: form.type }
  if (form.type === 'webhook') {
    const webhook: Record<string, unknown> = { url: form.url.trim(), method: form.method }
    setNumber(webhook, 'timeoutMillis', form.timeoutMillis, `${at}.webhook.timeoutMillis`)
    setNumber(webhook, 'rateLimitPerSecond', form.rateLimitPerSecond, `${at}.webhook.rateLimitPerSecond`)
    const headers = parseHeaders(form.headers, `${at}.webhook.headers`)
    if (Object.keys(headers).length > 0) webhook.headers = headers
    if (form.signing === 'generate') webhook.generateSigningSecret = true
    if (form.signing === 'set') webhook.signingSecret = form.signingSecret.trim()
    if (form.connection) webhook.connection = form.connection
    if (form.format) webhook.format = form.format
    target.webhook = webhook
  } else {
    target.queue = { name: form.queueName }
  }
  const retryPolicy: Record<string, unknown> = {}
  setNumber(retryPolicy, 'maximumRetryAttempts', form.maximumRetryAttempts, `${at}.retryPolicy.maximumRetryAttempts`)
  setNumber(retryPolicy, 'maximumEventAgeInSeconds', form.maximumEventAgeInSeconds,
    `${at}.retryPolicy.maximumEventAgeInSeconds`)
  if (Object.keys(retryPolicy).length > 0) target.retryPolicy = retryPolicy
  if (form.deadLetterQueue) target.deadLetterQueue = form.deadLetterQueue
  return { ...target, ...shapingRequest(form, `${at}.`) }
}

function setNumber(into: Record<string, unknown>, field: string, text: string, location: string) {
  if (text.trim() === '') return
  const n = Number(text)
  if (!Number.isInteger(n)) {
    throw new ApiError(0, 'ValidationError', `${location} must be a whole number, not '${text}'`, location)
  }
  into[field] = n
}

function parseJson(text: string, location: string): unknown {
  try {
    return JSON.parse(text)
  } catch (e) {
    throw new ApiError(0, 'ValidationError', `${location} is not valid JSON: ${(e as Error).message}`, location)
  }
}

/** `Name: value` per line. */
function parseHeaders(text: string, location: string): Record<string, string> {
  const headers: Record<string, string> = {}
  for (const line of text.split('\n')) {
    if (line.trim() === '') continue
    const colon = line.indexOf(':')
    if (colon <= 0) {
      throw new ApiError(0, 'ValidationError', `${location}: write one header per line as "Name: value", not '${line}'`,
        location)
    }
    headers[line.slice(0, colon).trim()] = line.slice(colon + 1).trim()
  }
  return headers
}

/** Whether a problem belongs at `location`: it names that place or a place inside it. */
export function isAt(error: unknown, location: string): boolean {
  if (!(error instanceof ApiError) || !error.location) return false
  const where = error.location
  return where === location || where.startsWith(location + '.') || where.startsWith(location + '[')
}
