import { createContext } from 'react'
import { KINDS, kindTitle } from './targetForm.ts'

/** The form's words for the fields of a target, by the API's path under `targets[i]`. */
const TARGET_FIELDS: [RegExp, string][] = [
  [/^id$/, 'Target id'], [/^type$/, 'Type'],
  [/^\w+\.rateLimitPerSecond$/, 'Rate limit (per second)'], [/^\w+\.connection$/, 'Connection (credentials)'],
  [/^webhook\.url$/, 'URL'], [/^webhook\.method$/, 'Method'], [/^webhook\.timeoutMillis$/, 'Timeout (ms)'],
  [/^webhook\.headers/, 'Headers'],
  [/^webhook\.(signingSecret|generateSigningSecret|previousSigningSecrets)/, 'Signing secret'],
  [/^webhook\.format$/, 'Format'],
  [/^queue\.name$/, 'Queue'], [/^bus\.name$/, 'Bus'],
  [/^rabbitmq\.uri$/, 'URI'], [/^rabbitmq\.exchange$/, 'Exchange'], [/^rabbitmq\.routingKey$/, 'Routing key'],
  [/^rabbitmq\.routingKeyPath$/, 'Routing key path'],
  [/^kafka\.bootstrapServers$/, 'Bootstrap servers'], [/^kafka\.topic$/, 'Topic'],
  [/^kafka\.keyPath$/, 'Record key path'],
  [/^nats\.servers$/, 'Servers'], [/^nats\.subject$/, 'Subject'],
  [/^retryPolicy\.maximumRetryAttempts$/, 'Maximum retry attempts'],
  [/^retryPolicy\.maximumEventAgeInSeconds$/, 'Maximum event age'], [/^retryPolicy/, 'Retry policy'],
  [/^deadLetterQueue$/, 'Dead-letter queue'],
  [/^input$/, 'Input (constant JSON)'], [/^inputPath$/, 'Input path'],
  [/^inputTransformer\.inputPathsMap/, 'Input paths map'], [/^inputTransformer\.inputTemplate/, 'Input template'],
  [/^inputTransformer/, 'Input transformer'],
  // elsewhere in a kind's block: the block, by its kind's name
  ...Object.entries(KINDS).map(([type, kind]): [RegExp, string] => [new RegExp(`^${type}(\\.|$)`), kind.title]),
]

/**
 * A problem's location in the words of the rule form: `targets[2].queue.name` is "Queue target audit-3: Queue",
 * `eventPattern` "Event pattern", `path: rule` "Name"; anything else as the server said it.
 */
export function ruleFieldWords(location: string, targets: { id: string, type: string }[]): string {
  if (location === 'eventPattern' || location.startsWith('eventPattern.')) return 'Event pattern'
  if (location === 'path: rule') return 'Name'
  if (location === 'description') return 'Description'
  const m = /^targets\[(\d+)\](?:\.(.*))?$/.exec(location)
  if (!m) return location
  const target = targets[Number(m[1])]
  // a problem with the id names the target by its place: the id is what is wrong
  const name = !target?.id || m[2] === 'id' ? String(Number(m[1]) + 1) : target.id
  const title = target ? `${kindTitle(target.type)} target ${name}` : `Target ${name}`
  if (!m[2]) return title
  const field = TARGET_FIELDS.find(([pattern]) => pattern.test(m[2]))
  return `${title}: ${field ? field[1] : m[2]}`
}

/** How a ProblemMessage words its location; the server's words where no form says otherwise. */
export const FieldWords = createContext<(location: string) => string>((location) => location)
