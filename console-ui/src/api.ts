/** The one way the console talks to Eventbus: same-origin fetch with the session cookie. */

/** An RFC 9457 problem from the server (or a stand-in when the answer was not one). */
export class ApiError extends Error {
  readonly status: number
  readonly code: string
  readonly location?: string

  constructor(status: number, code: string, detail: string, location?: string) {
    super(detail)
    this.status = status
    this.code = code
    this.location = location
  }
}

/**
 * A request body that is already JSON text, sent as it is: what a person typed keeps its number spellings and key
 * order (JSON.parse and JSON.stringify would turn 120.50 into 120.5).
 */
export class JsonText {
  readonly text: string

  constructor(text: string) {
    this.text = text
  }
}

/** Fired when the server says the session is gone, so the app can show the sign-in page. */
export const SIGNED_OUT_EVENT = 'eventbus:signed-out'

export async function api<T>(method: string, path: string, body?: unknown): Promise<T> {
  return (await request<T>(method, path, body)).body
}

/** Like {@link api}, with the answer's ETag and an optional If-Match (optimistic concurrency). */
export async function request<T>(method: string, path: string, body?: unknown,
                                 ifMatch?: string | null): Promise<{ body: T, etag: string | null }> {
  const headers: Record<string, string> = { Accept: 'application/json' }
  if (body !== undefined) headers['Content-Type'] = 'application/json'
  if (ifMatch) headers['If-Match'] = ifMatch
  let response: Response
  try {
    response = await fetch(path, {
      method,
      credentials: 'same-origin',
      headers,
      body: body === undefined ? undefined : body instanceof JsonText ? body.text : JSON.stringify(body),
    })
  } catch (e) {
    throw new ApiError(0, 'NetworkError', `Eventbus did not answer (${(e as Error).message})`)
  }
  const etag = response.headers?.get('ETag') ?? null
  if (response.status === 204) {
    return { body: undefined as T, etag }
  }
  const text = await response.text()
  const json = text ? safeParse(text) : undefined
  if (!response.ok) {
    if (response.status === 401 && path !== '/v1/session') {
      window.dispatchEvent(new Event(SIGNED_OUT_EVENT))
    }
    const problem = (json ?? {}) as { code?: string, detail?: string, title?: string, location?: string }
    throw new ApiError(response.status, problem.code ?? `HTTP_${response.status}`,
      problem.detail ?? problem.title ?? `The server answered ${response.status}`, problem.location)
  }
  return { body: json as T, etag }
}

/** A path segment: names are [A-Za-z0-9._-], but what a user typed may be anything. */
export function seg(name: string): string {
  return encodeURIComponent(name)
}

function safeParse(text: string): unknown {
  try {
    return JSON.parse(text)
  } catch {
    return undefined
  }
}

/** What a bus does with an event its schema refuses. */
export type SchemaValidation = 'OFF' | 'WARN' | 'ENFORCE'

export interface Bus {
  name: string
  description?: string
  ruleCount: number
  createdAt: string
  updatedAt: string
  settings?: {
    deadLetterQueue?: string, eventRetentionDays?: number, schemaValidation?: SchemaValidation,
    requireSchema?: boolean, schemaDiscovery?: boolean
  }
}

export type RuleState = 'ENABLED' | 'DISABLED'

export interface InputTransformer {
  inputPathsMap?: Record<string, string>
  inputTemplate: string
}

export interface RetryPolicy {
  maximumRetryAttempts?: number
  maximumEventAgeInSeconds?: number
}

/** The kinds of target (ADR 0018); each keeps its settings in the block of the same name. */
export type TargetType = 'webhook' | 'queue' | 'bus' | 'rabbitmq' | 'kafka' | 'nats'

/** A target as the server shows it (secrets left out; signingSecret only right after it was generated). */
export interface Target {
  id: string
  type: TargetType
  webhook?: {
    url: string, method?: string, timeoutMillis?: number, headers?: Record<string, string>,
    signingSecret?: string, signingSecretSet?: boolean, rateLimitPerSecond?: number,
    /** The connection whose credentials each request carries. */
    connection?: string
    /** CLOUDEVENTS_BINARY: a CloudEvent in HTTP binary mode; absent or EVENTBRIDGE: the envelope as JSON. */
    format?: string
  }
  queue?: { name: string }
  /** Another bus of this installation: the event is forwarded as it is, with no input shaping. */
  bus?: { name: string, rateLimitPerSecond?: number }
  /**
   * An exchange of a RabbitMQ broker ("" is the default exchange). The routing key is static (`routingKey`), a
   * JSONPath of the event (`routingKeyPath`), or neither (""). The connection, a BASIC one, logs in.
   */
  rabbitmq?: {
    uri: string, connection?: string, exchange: string, routingKey?: string, routingKeyPath?: string,
    rateLimitPerSecond?: number
  }
  /** A Kafka topic; `keyPath` is a JSONPath of the event whose value is the record key. */
  kafka?: { bootstrapServers: string, topic: string, keyPath?: string, rateLimitPerSecond?: number }
  /** A NATS JetStream subject; the connection, a BASIC one, logs in. */
  nats?: { servers: string, subject: string, connection?: string, rateLimitPerSecond?: number }
  input?: unknown
  inputPath?: string
  inputTransformer?: InputTransformer
  retryPolicy?: RetryPolicy
  deadLetterQueue?: string
}

export interface Rule {
  name: string
  bus: string
  description?: string
  eventPattern: unknown
  state: RuleState
  targets: Target[]
  createdAt: string
  updatedAt: string
}

/**
 * Something about a saved rule the server wants the user to know, e.g. EGRESS_BLOCKED: a webhook URL that the egress
 * policy will not let deliveries reach. The rule is saved all the same.
 */
export interface SaveWarning {
  code: string
  /** Where in the request it is about, e.g. targets[0].webhook.url. */
  location?: string
  message: string
}

/** The answer of PUT /v1/buses/{bus}/rules/{rule}: the rule, and its warnings (absent from older servers). */
export interface SavedRule extends Rule {
  warnings?: SaveWarning[]
}

export interface Queue {
  name: string
  description?: string
  visibilityTimeoutSeconds: number
  messageRetentionSeconds: number
  depth: { visible: number, inFlight: number }
  createdAt: string
  updatedAt: string
}

/** A connection: the credentials webhook deliveries carry. Secrets are write-only: never in an answer. */
export interface Connection {
  name: string
  description?: string
  authorizationType: 'BASIC' | 'API_KEY' | 'OAUTH_CLIENT_CREDENTIALS'
  authParameters: {
    basic?: { username: string }
    apiKey?: { name: string }
    oauth?: { authorizationEndpoint: string, clientId: string, scope?: string, httpMethod?: string }
  }
  createdAt: string
  updatedAt: string
}

/** One change of the control plane: who, what, on which resource, when, and what changed (never secrets). */
export interface AuditEntry {
  id: number
  at: string
  actor: string
  action: string
  resource: string
  detail?: unknown
}

/** GET /v1/audit-log: newest first; `next` is the `before` of the following page. */
export interface AuditPage {
  entries: AuditEntry[]
  next?: string
}

export interface ApiKey {
  id: string
  name: string
  buses: string[]
  queues: string[]
  secret?: string
  createdAt: string
  /** When the key was last accepted, to the minute; absent (or null) when it never was. */
  lastUsedAt?: string | null
  revokedAt?: string
}

export interface RecentEvent {
  id: string
  ingestedAt: string
  source: string
  detailType: string
  event: unknown
}

/** A queue message as peeked by the admin: no receipt handle. */
export interface PeekedMessage {
  messageId: string
  body: string
  attributes: Record<string, string>
  receiveCount: number
  sentAt: string
  visibleAt: string
  inFlight: boolean
  /** The id of the event in the body, when the body is an event (as in a dead letter). */
  eventId?: string
}

/** GET /v1/queues/{queue}/messages:peek: a page of messages, oldest first. */
export interface PeekPage {
  messages: PeekedMessage[]
  /** How many messages the filter matches in all. */
  matched: number
  /** The `after` of the next page; absent at the end. */
  next?: string
}

/** POST /v1/queues/{queue}/messages:bulk-redrive. */
export interface BulkRedriven {
  dryRun: boolean
  matched: number
  redriven: number
  /** Messages left in the queue, by reason ("rule or target deleted"). */
  skipped: Record<string, number>
  remaining: number
  ratePerSecond: number
  lastDueAt?: string
}

export interface EventSummary {
  id: string
  bus: string
  ingestedAt: string
  time: string
  source: string
  detailType: string
  deliveries: Record<string, number>
  /** The replay that stored this copy of the event (it keeps the original's id); null for the original. */
  replayName?: string | null
}

export interface EventPage {
  events: EventSummary[]
  next?: string
}

export interface DeliveryAttempt {
  attempt: number
  at: string
  status?: number
  latencyMillis: number
  error?: string
  response?: string
}

export interface EventDelivery {
  id: string
  rule: string
  target: string
  /** The kind of its target; absent when the rule or target was deleted since. */
  targetType?: TargetType
  state: string
  attempts: number
  /** 1 + its target's maximumRetryAttempts; absent when the rule or target was deleted since. */
  maxAttempts?: number
  nextAttemptAt?: string
  /** Of an AVAILABLE delivery given back unattempted: why it waits until nextAttemptAt. */
  heldBy?: 'CIRCUIT_OPEN' | 'RATE_LIMITED'
  lastError?: string
  attemptLog: DeliveryAttempt[]
}

export interface EventDetail {
  id: string
  bus: string
  ingestedAt: string
  event: unknown
  /** Why its schema refused its detail, on a bus that warns rather than refuses. */
  schemaProblem?: string
  matchedRules: string[]
  deliveries: EventDelivery[]
  /** The replay that stored this copy of the event; null for the original. */
  replayName?: string | null
  /** The copies replays made of this event (on the original): GET /v1/events/{id}?at=<ingestedAt> shows one. */
  replays?: { replayName: string, ingestedAt: string }[]
}

/** One target's health over a window (GET /v1/buses/{bus}/target-health). */
export interface TargetHealth {
  rule: string
  target: string
  type: string
  health: 'FAILING' | 'DEGRADED' | 'HEALTHY' | 'IDLE'
  delivered: number
  attempts: number
  failedAttempts: number
  deadLettered: number
  pending: number
  successRate?: number
  latencyP50Millis?: number
  latencyP99Millis?: number
  /** The percentiles are the upper bounds of latency buckets ("under 200 ms"), read from per-minute counts. */
  latencyBucketed?: boolean
  circuitOpenUntil?: string
  lastError?: string
  lastErrorAt?: string
}

export interface TargetHealthPage {
  bus: string
  window: string
  targets: TargetHealth[]
}

/** POST /v1/deliveries:retry: what matched the filter and what was retried (nothing on a dry run). */
export interface BulkRetried {
  dryRun: boolean
  matched: number
  retried: number
  remaining: number
  ratePerSecond: number
  lastDueAt?: string
  /** The bulk retry, to follow or cancel; absent when none was retried. */
  id?: string
}

/** GET /v1/bulk-retries/{id}: where a bulk retry stands, from its deliveries' states now. */
export interface BulkRetryProgress {
  id: string
  bus: string
  filter: { rule?: string | null, target?: string | null, states?: string[], from?: string | null, to?: string | null }
  ratePerSecond: number
  createdAt: string
  createdBy: string
  lastDueAt?: string
  cancelledAt?: string
  state: 'RUNNING' | 'COMPLETED' | 'CANCELLED'
  total: number
  delivered: number
  /** Attempted and not delivered: retrying again, or dead-lettered again. */
  failed: number
  /** Not attempted yet. */
  waiting: number
  /** Put back as they were by a cancel. */
  cancelled: number
  /** Past their bus' retention. */
  gone: number
}

/**
 * GET /v1/deliveries/{id}/request: what a delivery sends its target, made from the stored event with the target's
 * settings as they are now; secrets masked.
 */
export interface DeliveryRequest {
  deliveryId: string
  /** A webhook's request is described by method and URL, a queue's by the queue, another kind's by its destination. */
  type: TargetType
  method?: string
  url?: string
  queue?: string
  headers?: { name: string, value: string, secret: boolean, note?: string }[]
  contentType?: string
  body?: string
  /** The body when it is not text (a CloudEvent's binary data). */
  bodyBase64?: string
  /** The webhook-timestamp: the last attempt's, or now before the first. */
  timestamp?: number
  lastAttemptAt?: string
  /** The rule was saved after the last attempt, which may have sent something else. */
  settingsChangedSince: boolean
  /** Why nothing can be sent: the input transformation fails on this event. */
  error?: string
  /** Where a target of another kind (a bus, a broker) puts the body, in words. */
  destination?: string
}

/** POST /v1/deliveries/{id}:retry: the delivery, AVAILABLE and due now. */
export interface RetriedDelivery {
  id: string
  eventId: string
  eventIngestedAt: string
  bus: string
  rule: string
  target: string
  state: string
  /** RETRYABLE or DEAD_LETTERED. */
  previousState: string
  attempts: number
  nextAttemptAt: string
  lastError?: string
}

export interface StatsBucket {
  start: string
  eventsIn: number
  delivered: number
  deadLettered: number
  failedAttempts: number
}

export interface Stats {
  bus?: string
  from: string
  to: string
  bucketSeconds: number
  buckets: StatsBucket[]
}

/** One result of a put (POST /v1/buses/{bus}/events): an event id, or why that entry was refused. */
export interface PutEventsResult {
  eventId?: string
  errorCode?: string
  errorMessage?: string
  /** The field of the entry the refusal is about, e.g. detail or resources[1]. */
  errorLocation?: string
}

export interface PutEventsResponse {
  failedEntryCount: number
  entries: PutEventsResult[]
}

/** Which new versions of a schema are accepted (Confluent Schema Registry's meaning). */
export type SchemaCompatibility = 'NONE' | 'BACKWARD' | 'BACKWARD_TRANSITIVE' | 'FORWARD' | 'FORWARD_TRANSITIVE'
  | 'FULL' | 'FULL_TRANSITIVE'

export const SCHEMA_COMPATIBILITIES: SchemaCompatibility[] = ['BACKWARD', 'BACKWARD_TRANSITIVE', 'FORWARD',
  'FORWARD_TRANSITIVE', 'FULL', 'FULL_TRANSITIVE', 'NONE']

export const SCHEMA_FORMATS = ['JSONSchemaDraft4', 'JSONSchema2020-12']

/** A schema of the registry: the JSON Schema of one kind of event's detail, named <source>@<DetailType>. */
export interface SchemaSummary {
  name: string
  description?: string
  format: string
  compatibility: SchemaCompatibility
  discovered: boolean
  latestVersion: number
  createdAt: string
  updatedAt: string
}

export interface SchemaDetail extends SchemaSummary {
  content: unknown
  versions: { version: number, discovered: boolean, createdAt: string }[]
}

export interface SchemaVersion {
  name: string
  version: number
  format: string
  discovered: boolean
  content: unknown
  createdAt: string
}

export interface SchemaCheck {
  name: string
  version: number
  valid: boolean
  violations: { pointer: string, message: string }[]
}

/** An archive: a copy of a bus' events (those its pattern matches, else all), kept to be replayed. */
export interface Archive {
  name: string
  bus: string
  description?: string | null
  /** The pattern the archived events match; null: every event of the bus. */
  eventPattern?: unknown
  /** How long archived events are kept; 0: forever. */
  retentionDays: number
  eventCount: number
  sizeBytes: number
  oldestEventTime?: string | null
  newestEventTime?: string | null
  createdAt: string
  updatedAt: string
  version: number
}

/** What POST /v1/archives takes; eventPattern as typed (JSON text) or absent for every event. */
export interface NewArchive {
  name: string
  bus: string
  description?: string
  eventPattern?: string
  retentionDays?: number
}

/** What PUT /v1/archives/{name} takes: absent description, pattern, retention mean none, every event, forever. */
export interface ArchiveChange {
  description?: string
  eventPattern?: string | null
  retentionDays?: number
}

export type ReplayState = 'STARTING' | 'RUNNING' | 'CANCELLING' | 'COMPLETED' | 'CANCELLED' | 'FAILED'

/** The states a replay leaves by itself: pages showing one look again until it is final. */
export const ACTIVE_REPLAY_STATES: ReadonlySet<ReplayState> = new Set(['STARTING', 'RUNNING', 'CANCELLING'])

export function isActive(replay: { state: ReplayState }): boolean {
  return ACTIVE_REPLAY_STATES.has(replay.state)
}

/** A replay: the events of an archive in a window of event time, put again through (some of) the bus' rules. */
export interface Replay {
  name: string
  description?: string | null
  /** The archive it replays (kept after the archive is deleted). */
  archive: string
  bus: string
  /** The window of event time: start included, end not. */
  eventStartTime: string
  eventEndTime: string
  /** The rules it delivers to; null: every rule of the bus. */
  rules?: string[] | null
  rateLimitPerSecond?: number | null
  state: ReplayState
  stateReason?: string | null
  /** How many archived events are in the window; null until a data plane has counted them. */
  eventsTotal?: number | null
  eventsReplayed: number
  deliveries: number
  /** The event time the replay has reached; null before its first page. */
  eventLastReplayedTime?: string | null
  createdAt: string
  replayStartTime?: string | null
  replayEndTime?: string | null
}

/** What POST /v1/replays takes. */
export interface NewReplay {
  name: string
  archive: string
  description?: string
  eventStartTime: string
  eventEndTime: string
  rules?: string[]
  rateLimitPerSecond?: number
}

export async function listArchives(bus?: string): Promise<Archive[]> {
  return (await api<{ archives: Archive[] }>('GET', '/v1/archives' + (bus ? `?bus=${seg(bus)}` : ''))).archives
}

export function getArchive(name: string): Promise<{ body: Archive, etag: string | null }> {
  return request<Archive>('GET', `/v1/archives/${seg(name)}`)
}

export function createArchive(archive: NewArchive): Promise<Archive> {
  return api<Archive>('POST', '/v1/archives', archive)
}

export function updateArchive(name: string, change: ArchiveChange,
                              ifMatch?: string | null): Promise<{ body: Archive, etag: string | null }> {
  return request<Archive>('PUT', `/v1/archives/${seg(name)}`, change, ifMatch)
}

export function deleteArchive(name: string): Promise<void> {
  return api<void>('DELETE', `/v1/archives/${seg(name)}`)
}

export async function listReplays(filter: { archive?: string, state?: ReplayState } = {}): Promise<Replay[]> {
  const q = new URLSearchParams()
  if (filter.archive) q.set('archive', filter.archive)
  if (filter.state) q.set('state', filter.state)
  const query = q.toString()
  return (await api<{ replays: Replay[] }>('GET', '/v1/replays' + (query ? `?${query}` : ''))).replays
}

export function getReplay(name: string): Promise<Replay> {
  return api<Replay>('GET', `/v1/replays/${seg(name)}`)
}

export function startReplay(replay: NewReplay): Promise<Replay> {
  return api<Replay>('POST', '/v1/replays', replay)
}

export function cancelReplay(name: string): Promise<Replay> {
  return api<Replay>('POST', `/v1/replays/${seg(name)}:cancel`)
}
