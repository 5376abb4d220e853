import { createContext } from 'react'

/** The form's words for the fields of a target, by the API's path under `targets[i]`. */
const TARGET_FIELDS: [RegExp, string][] = [
  [/^id$/, 'Target id'], [/^type$/, 'Type'],
  [/^webhook\.url$/, 'URL'], [/^webhook\.method$/, 'Method'], [/^webhook\.timeoutMillis$/, 'Timeout (ms)'],
  [/^webhook\.rateLimitPerSecond$/, 'Rate limit (per second)'], [/^webhook\.headers/, 'Headers'],
  [/^webhook\.(signingSecret|generateSigningSecret|previousSigningSecrets)/, 'Signing secret'],
  [/^webhook\.connection$/, 'Connection (credentials)'], [/^webhook\.format$/, 'Format'], [/^webhook/, 'Webhook'],
  [/^queue\.name$/, 'Queue'], [/^queue/, 'Queue'],
  [/^retryPolicy\.maximumRetryAttempts$/, 'Maximum retry attempts'],
  [/^retryPolicy\.maximumEventAgeInSeconds$/, 'Maximum event age'], [/^retryPolicy/, 'Retry policy'],
  [/^deadLetterQueue$/, 'Dead-letter queue'],
  [/^input$/, 'Input (constant JSON)'], [/^inputPath$/, 'Input path'],
  [/^inputTransformer\.inputPathsMap/, 'Input paths map'], [/^inputTransformer\.inputTemplate/, 'Input template'],
  [/^inputTransformer/, 'Input transformer'],
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
  const title = target ? `${target.type === 'queue' ? 'Queue' : 'Webhook'} target ${name}` : `Target ${name}`
  if (!m[2]) return title
  const field = TARGET_FIELDS.find(([pattern]) => pattern.test(m[2]))
  return `${title}: ${field ? field[1] : m[2]}`
}

/** How a ProblemMessage words its location; the server's words where no form says otherwise. */
export const FieldWords = createContext<(location: string) => string>((location) => location)
