import { ApiError } from '../api'

/**
 * The server's one rule for the names of buses, rules, targets, queues and API keys (core's Names:
 * `[A-Za-z0-9._-]{1,64}`). The console checks a name before it sends it: a rule with an empty name would otherwise
 * go to `/v1/buses/{bus}/rules/`, a path the server has no PUT for.
 */
export const NAME_PATTERN = /^[A-Za-z0-9._-]{1,64}$/
export const NAME_MAX_LENGTH = 64
const RULE = "use 1 to 64 letters, digits, '.', '_' or '-'"

/**
 * What is wrong with `name` as the server's rule sees it, as a ValidationError at `location` (where the problem is
 * shown), or null when it is a valid name. `what` names the field in the message, e.g. "the rule's name".
 */
export function nameProblem(location: string, what: string, name: string): ApiError | null {
  if (NAME_PATTERN.test(name)) return null
  let reason: string
  if (name === '') {
    reason = `${capitalized(what)} is required: ${RULE}.`
  } else if (name.length > NAME_MAX_LENGTH) {
    reason = `${capitalized(what)} is ${name.length} characters long: ${RULE}.`
  } else {
    const wrong = [...new Set(name.replace(/[A-Za-z0-9._-]/g, ''))].map(shown)
    const listed = wrong.length === 1 ? wrong[0] : `${wrong.slice(0, -1).join(', ')} and ${wrong.at(-1)}`
    reason = `${capitalized(what)} '${name}' is not a valid name: it has ${listed}; ${RULE}.`
  }
  return new ApiError(0, 'ValidationError', reason, location)
}

function shown(c: string): string {
  return c === ' ' ? 'a space' : `'${c}'`
}

function capitalized(s: string): string {
  return s.charAt(0).toUpperCase() + s.slice(1)
}
