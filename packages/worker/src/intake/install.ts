import type { IncomingMessage, ServerResponse } from 'node:http'
import {
  connectApp,
  createRepositories,
  type AppCredentials,
  type AppGrant,
  type ConnectOptions,
} from '@salesflow/portal'
import type { StateStore } from '../state'
import { parsePhpForm } from './form'

export interface InstallDeps {
  readonly state: Pick<StateStore, 'saveTokens'>
  readonly credentials: AppCredentials
  readonly log: (line: string) => void
  /** Called once the grant is stored (the worker connects to the portal then). */
  readonly installed?: (grant: AppGrant) => void
  readonly portalOptions?: ConnectOptions
}

const rec = (v: unknown): Record<string, unknown> =>
  typeof v === 'object' && v !== null && !Array.isArray(v) ? (v as Record<string, unknown>) : {}
const text = (v: unknown): string => (typeof v === 'string' ? v.trim() : '')

const answer = (res: ServerResponse, status: number, body: unknown) => {
  res.writeHead(status, { 'Content-Type': 'application/json; charset=utf-8' })
  res.end(JSON.stringify(body))
}

/**
 * The grant an install call carries: the ONAPPINSTALL event (`auth[access_token]`, `auth[refresh_token]`,
 * `auth[application_token]`, `auth[member_id]`, `auth[domain]`, `auth[client_endpoint]`, `auth[expires_in]`;
 * b24-platform.md §4.13 and §7), or null when something it needs is missing.
 */
export function installGrant(form: Record<string, unknown>, now = Date.now()): AppGrant | null {
  if (text(form['event']).toUpperCase() !== 'ONAPPINSTALL') return null
  const auth = rec(form['auth'])
  const accessToken = text(auth['access_token'])
  const refreshToken = text(auth['refresh_token'])
  const applicationToken = text(auth['application_token'])
  const memberId = text(auth['member_id'])
  const domain = text(auth['domain'])
  const endpoint = text(auth['client_endpoint']) || (domain ? `https://${domain}/rest/` : '')
  const expiresIn = Number(text(auth['expires_in']) || 3600)
  if (!accessToken || !refreshToken || !applicationToken || !memberId || !domain || !endpoint) return null
  try {
    if (!['https:', 'http:'].includes(new URL(endpoint).protocol)) return null
  } catch {
    return null
  }
  return {
    accessToken,
    refreshToken,
    applicationToken,
    memberId,
    domain,
    clientEndpoint: endpoint,
    expiresAt: now + (Number.isFinite(expiresIn) && expiresIn > 0 ? expiresIn : 3600) * 1000,
  }
}

/**
 * `POST /install`: the portal's install call for a server application. The tokens are checked by using them
 * (user.current against the portal's REST endpoint, as b24restdocs safe-event-handlers.md advises), then stored in
 * the state file (0600); the application_token stored here is what online events are verified against. Nothing of
 * the grant is logged but the member and the domain.
 */
export function installHandler(deps: InstallDeps) {
  return async (req: IncomingMessage, res: ServerResponse): Promise<void> => {
    const chunks: Buffer[] = []
    let size = 0
    for await (const c of req) {
      size += (c as Buffer).length
      if (size > 100_000) return answer(res, 413, { error: 'PAYLOAD_TOO_LARGE' })
      chunks.push(c as Buffer)
    }
    const grant = installGrant(parsePhpForm(Buffer.concat(chunks).toString('utf8')))
    if (!grant) {
      deps.log('install call refused: not an ONAPPINSTALL with a complete grant (400)')
      return answer(res, 400, { error: 'INVALID_INSTALL', error_description: 'ONAPPINSTALL with auth expected' })
    }
    // Checked as given: a refresh here would spend the refresh token the stored grant carries.
    const client = await connectApp(
      grant,
      deps.credentials,
      () => undefined,
      deps.portalOptions ?? {},
      () => Promise.reject(new Error('install tokens are checked as given')),
    )
    const me = await createRepositories(client).users.current()
    if (!me.ok) {
      deps.log(`install call refused: the portal ${grant.domain} did not accept its tokens (${me.error.code}) (401)`)
      return answer(res, 401, { error: 'UNAUTHORIZED', error_description: 'the tokens do not work on the portal' })
    }
    deps.state.saveTokens(grant)
    deps.log(`installed on ${grant.domain} (member ${grant.memberId}) by user ${me.value.id}`)
    deps.installed?.(grant)
    return answer(res, 200, { result: 'installed' })
  }
}
