import type { Connection } from '../api'

export type AuthorizationType = Connection['authorizationType']

/** The authorization types in the words the form uses. */
export const AUTHORIZATION_TYPES: [AuthorizationType, string][] = [
  ['BASIC', 'Basic (username and password)'],
  ['API_KEY', 'API key header'],
  ['OAUTH_CLIENT_CREDENTIALS', 'OAuth client credentials'],
]

/** A connection as the form holds it: every field as typed, the secret empty unless a new one is typed. */
export interface ConnectionForm {
  name: string
  description: string
  type: AuthorizationType
  username: string
  headerName: string
  endpoint: string
  clientId: string
  scope: string
  httpMethod: string
  /** The password, API key value or client secret; empty keeps the stored one when editing. */
  secret: string
}

export function emptyConnection(): ConnectionForm {
  return { name: '', description: '', type: 'BASIC', username: '', headerName: 'x-api-key', endpoint: '',
    clientId: '', scope: '', httpMethod: 'POST', secret: '' }
}

export function connectionForm(c: Connection): ConnectionForm {
  const p = c.authParameters
  return { ...emptyConnection(), name: c.name, description: c.description ?? '', type: c.authorizationType,
    username: p.basic?.username ?? '', headerName: p.apiKey?.name ?? 'x-api-key',
    endpoint: p.oauth?.authorizationEndpoint ?? '', clientId: p.oauth?.clientId ?? '', scope: p.oauth?.scope ?? '',
    httpMethod: p.oauth?.httpMethod ?? 'POST' }
}

/** The API's body for the form: the block of its type, the secret only when one was typed. */
export function connectionBody(f: ConnectionForm): Record<string, unknown> {
  const secret = f.secret === '' ? {} : null
  const authParameters = f.type === 'BASIC'
    ? { basic: { username: f.username.trim(), ...(secret ?? { password: f.secret }) } }
    : f.type === 'API_KEY'
      ? { apiKey: { name: f.headerName.trim(), ...(secret ?? { value: f.secret }) } }
      : { oauth: { authorizationEndpoint: f.endpoint.trim(), clientId: f.clientId.trim(),
        ...(secret ?? { clientSecret: f.secret }), ...(f.scope.trim() ? { scope: f.scope.trim() } : {}),
        httpMethod: f.httpMethod } }
  return { ...(f.description.trim() ? { description: f.description.trim() } : {}), authorizationType: f.type,
    authParameters }
}

/** What a connection sends, in a few words: "Basic as eventbus", "x-api-key header", "OAuth at …". */
export function connectionSummary(c: Connection): string {
  const p = c.authParameters
  if (c.authorizationType === 'BASIC') return `Basic auth as ${p.basic?.username ?? '?'}`
  if (c.authorizationType === 'API_KEY') return `${p.apiKey?.name ?? '?'} header`
  return `OAuth token from ${p.oauth?.authorizationEndpoint ?? '?'} for ${p.oauth?.clientId ?? '?'}`
}
