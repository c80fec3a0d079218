import { err, ok, type Result } from '@salesflow/rules'
import type { AppCredentials, AppGrant } from './connect-app'
import { portalError, type PortalError } from './errors'

/**
 * The OAuth refresh grant (`/oauth/token/?grant_type=refresh_token`, b24restdocs settings/oauth/auto-renewal.md):
 * the next grant for `grant`. A refresh token is single-use: whoever refreshes must store the result before anyone
 * else refreshes from the same one (a second use is `invalid_grant`, UNAUTHORIZED here).
 */
export async function refreshGrant(
  grant: AppGrant,
  credentials: AppCredentials,
): Promise<Result<AppGrant, PortalError>> {
  const method = 'oauth/token'
  const url = new URL('/oauth/token/', credentials.oauthUrl ?? 'https://oauth.bitrix.info')
  const form = new URLSearchParams({
    grant_type: 'refresh_token',
    client_id: credentials.clientId,
    client_secret: credentials.clientSecret,
    refresh_token: grant.refreshToken,
  })
  let res: Response
  let body: Record<string, unknown>
  try {
    res = await fetch(url, { method: 'POST', body: form, signal: AbortSignal.timeout(30_000) })
    body = (await res.json()) as Record<string, unknown>
  } catch {
    return err(portalError('NETWORK', { method, retriable: true }))
  }
  if (!res.ok || typeof body['access_token'] !== 'string' || typeof body['refresh_token'] !== 'string') {
    const code = res.status >= 500 ? 'PORTAL_UNAVAILABLE' : 'UNAUTHORIZED'
    return err(portalError(code, { method, status: res.status, restCode: String(body['error'] ?? '') }))
  }
  const expiresIn = Number(body['expires_in'] ?? 3600)
  return ok({
    ...grant,
    accessToken: body['access_token'],
    refreshToken: body['refresh_token'],
    expiresAt: Date.now() + (Number.isFinite(expiresIn) ? expiresIn : 3600) * 1000,
    clientEndpoint: typeof body['client_endpoint'] === 'string' ? body['client_endpoint'] : grant.clientEndpoint,
  })
}
