import { ApiError, type Target, type TargetType } from '../api'
import { formatJson } from './formatJson.ts'
import { nameProblem } from './names.ts'

/**
 * What the form decides per kind of target: its name in the form, whether it takes a rate limit, and whether it
 * shapes its input (a bus forwards the event itself).
 */
export const KINDS: Record<TargetType, { title: string, rateLimited: boolean, shapesInput: boolean }> = {
  webhook: { title: 'Webhook', rateLimited: true, shapesInput: true },
  queue: { title: 'Queue', rateLimited: false, shapesInput: true },
  bus: { title: 'Bus', rateLimited: true, shapesInput: false },
  rabbitmq: { title: 'RabbitMQ', rateLimited: true, shapesInput: true },
  kafka: { title: 'Kafka', rateLimited: true, shapesInput: true },
  nats: { title: 'NATS', rateLimited: true, shapesInput: true },
}

/** A kind's name in the form; a kind this console does not know, as the server names it. */
export function kindTitle(type: string): string {
  return KINDS[type as TargetType]?.title ?? type
}

/** How a target shapes what it receives; at most one way, as in EventBridge. */
export type Shaping = 'none' | 'input' | 'inputPath' | 'inputTransformer'

/** What the signing secret of a webhook becomes on save: kept as it is (none, or the one set), generated, or given. */
export type Signing = 'keep' | 'generate' | 'set'

/** Where a RabbitMQ target's routing key comes from, and the block field that carries it: none means "". */
const ROUTING = { static: 'routingKey', path: 'routingKeyPath', none: null } as const
export type Routing = keyof typeof ROUTING

/** One target as the editor holds it: text as typed, turned into the API's shape on save. */
export interface TargetForm {
  key: number
  id: string
  type: TargetType
  url: string
  method: string
  timeoutMillis: string
  headers: string
  rateLimitPerSecond: string
  signing: Signing
  signingSecret: string
  signingSecretSet: boolean
  /** The connection's name (of a webhook, RabbitMQ or NATS target); empty for none. */
  connection: string
  /** CLOUDEVENTS_BINARY, or empty for the EventBridge envelope. */
  format: string
  queueName: string
  busName: string
  /** RabbitMQ: the broker, its exchange, and the routing key or its JSONPath as `routing` says. */
  uri: string
  exchange: string
  routing: Routing
  routingKey: string
  bootstrapServers: string
  topic: string
  keyPath: string
  /** NATS. */
  servers: string
  subject: string
  maximumRetryAttempts: string
  maximumEventAgeInSeconds: string
  deadLetterQueue: string
  shaping: Shaping
  input: string
  inputPath: string
  inputPathsMap: string
  inputTemplate: string
}

/** The fields of the form that hold text as typed. */
export type TextField = { [K in keyof TargetForm]: string extends TargetForm[K] ? K : never }[keyof TargetForm]

/**
 * The text fields of each kind's block but the webhook's (whose fields need more than copying), with the form's field
 * that holds each. A name ending in `?` is optional: not sent when empty. The others are sent even when empty, for the
 * server to say what is missing, or because "" means something (a RabbitMQ exchange: the default exchange).
 */
const BLOCK_FIELDS: Record<Exclude<TargetType, 'webhook'>, [string, TextField][]> = {
  queue: [['name', 'queueName']],
  bus: [['name', 'busName']],
  rabbitmq: [['uri', 'uri'], ['exchange', 'exchange'], ['connection?', 'connection']],
  kafka: [['bootstrapServers', 'bootstrapServers'], ['topic', 'topic'], ['keyPath?', 'keyPath']],
  nats: [['servers', 'servers'], ['subject', 'subject'], ['connection?', 'connection']],
}

let nextKey = 1

export function newTarget(type: TargetType, id: string): TargetForm {
  return {
    key: nextKey++, id, type, url: '', method: 'POST', timeoutMillis: '', headers: '', rateLimitPerSecond: '',
    signing: 'keep', signingSecret: '', signingSecretSet: false, connection: '', format: '', queueName: '',
    busName: '', uri: '', exchange: '', routing: 'static', routingKey: '', bootstrapServers: '', topic: '', keyPath: '',
    servers: '', subject: '', maximumRetryAttempts: '',
    maximumEventAgeInSeconds: '', deadLetterQueue: '', shaping: 'none', input: '{\n  "kind": "order"\n}',
    inputPath: '$.detail', inputPathsMap: '{\n  "total": "$.detail.total"\n}', inputTemplate: '{"total": <total>}',
  }
}

export function targetForm(t: Target): TargetForm {
  const form = newTarget(t.type, t.id)
  // the block of the target's kind: `webhook` of a webhook, `kafka` of a Kafka target...
  const block = (t as unknown as Record<string, Record<string, unknown> | undefined>)[t.type] ?? {}
  const w = t.webhook
  if (w) {
    form.url = w.url
    form.method = w.method ?? 'POST'
    form.timeoutMillis = numberText(w.timeoutMillis)
    form.headers = Object.entries(w.headers ?? {}).map(([name, value]) => `${name}: ${value}`).join('\n')
    form.signingSecretSet = Boolean(w.signingSecretSet)
    form.connection = w.connection ?? ''
    form.format = w.format === 'EVENTBRIDGE' ? '' : w.format ?? ''
  }
  if (t.type !== 'webhook') {
    for (const [name, field] of BLOCK_FIELDS[t.type] ?? []) form[field] = String(block[name.replace('?', '')] ?? '')
  }
  form.rateLimitPerSecond = numberText(block.rateLimitPerSecond as number | undefined)
  if (t.rabbitmq) {
    const { routingKey, routingKeyPath } = t.rabbitmq
    form.routing = routingKeyPath ? 'path' : routingKey ? 'static' : 'none'
    form.routingKey = routingKeyPath || routingKey || ''
  }
  form.maximumRetryAttempts = numberText(t.retryPolicy?.maximumRetryAttempts)
  form.maximumEventAgeInSeconds = numberText(t.retryPolicy?.maximumEventAgeInSeconds)
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
  const blockAt = `${at}.${form.type}`
  const block = form.type === 'webhook' ? webhookRequest(form, blockAt) : blockRequest(form)
  if (KINDS[form.type].rateLimited) {
    setNumber(block, 'rateLimitPerSecond', form.rateLimitPerSecond, `${blockAt}.rateLimitPerSecond`)
  }
  const target: Record<string, unknown> = { id: form.id.trim(), type: form.type, [form.type]: block }
  const retryPolicy: Record<string, unknown> = {}
  setNumber(retryPolicy, 'maximumRetryAttempts', form.maximumRetryAttempts, `${at}.retryPolicy.maximumRetryAttempts`)
  setNumber(retryPolicy, 'maximumEventAgeInSeconds', form.maximumEventAgeInSeconds,
    `${at}.retryPolicy.maximumEventAgeInSeconds`)
  if (Object.keys(retryPolicy).length > 0) target.retryPolicy = retryPolicy
  if (form.deadLetterQueue) target.deadLetterQueue = form.deadLetterQueue
  return KINDS[form.type].shapesInput ? { ...target, ...shapingRequest(form, `${at}.`) } : target
}

function webhookRequest(form: TargetForm, location: string): Record<string, unknown> {
  const webhook: Record<string, unknown> = { url: form.url.trim(), method: form.method }
  setNumber(webhook, 'timeoutMillis', form.timeoutMillis, `${location}.timeoutMillis`)
  const headers = parseHeaders(form.headers, `${location}.headers`)
  if (Object.keys(headers).length > 0) webhook.headers = headers
  if (form.signing === 'generate') webhook.generateSigningSecret = true
  if (form.signing === 'set') webhook.signingSecret = form.signingSecret.trim()
  if (form.connection) webhook.connection = form.connection
  if (form.format) webhook.format = form.format
  return webhook
}

/** The block of any kind but the webhook, from its text fields (and a RabbitMQ target's routing key). */
function blockRequest(form: TargetForm): Record<string, unknown> {
  const block: Record<string, unknown> = {}
  for (const [name, field] of BLOCK_FIELDS[form.type as Exclude<TargetType, 'webhook'>]) {
    const text = form[field].trim()
    if (text || !name.endsWith('?')) block[name.replace('?', '')] = text
  }
  const routing = form.type === 'rabbitmq' ? ROUTING[form.routing] : null
  if (routing && form.routingKey.trim()) block[routing] = form.routingKey.trim()
  return block
}

function numberText(n: number | undefined): string {
  return n === undefined ? '' : String(n)
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
