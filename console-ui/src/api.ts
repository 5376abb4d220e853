/** The one way the console talks to the control plane: same-origin fetch with the session cookie. */

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

/** Fired when the server says the session is gone, so the app can show the sign-in page. */
export const SIGNED_OUT_EVENT = 'eventbus:signed-out'

export async function api<T>(method: string, path: string, body?: unknown): Promise<T> {
  let response: Response
  try {
    response = await fetch(path, {
      method,
      credentials: 'same-origin',
      headers: body === undefined ? { Accept: 'application/json' }
        : { Accept: 'application/json', 'Content-Type': 'application/json' },
      body: body === undefined ? undefined : JSON.stringify(body),
    })
  } catch (e) {
    throw new ApiError(0, 'NetworkError', `Eventbus did not answer (${(e as Error).message})`)
  }
  if (response.status === 204) {
    return undefined as T
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
  return json as T
}

function safeParse(text: string): unknown {
  try {
    return JSON.parse(text)
  } catch {
    return undefined
  }
}

export interface Bus {
  name: string
  description?: string
  ruleCount: number
  createdAt: string
  updatedAt: string
  settings?: { deadLetterQueue?: string, eventRetentionDays?: number }
}
