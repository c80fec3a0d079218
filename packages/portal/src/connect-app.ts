import { B24OAuth, EnumAppStatus, LoggerFactory } from '@bitrix24/b24jssdk'
import type { PortalClient } from './client'
import { clientFor, type ConnectOptions } from './connect'

/** The app's OAuth grant for one portal, as the install call (ONAPPINSTALL) or a refresh gives it. */
export interface AppGrant {
  readonly accessToken: string
  readonly refreshToken: string
  /** Unix ms. */
  readonly expiresAt: number
  readonly memberId: string
  readonly domain: string
  /** `https://<portal>/rest/` */
  readonly clientEndpoint: string
  readonly applicationToken: string
}

export interface AppCredentials {
  readonly clientId: string
  readonly clientSecret: string
  /** The OAuth server; oauth.bitrix.info unless a test or an on-prem install says otherwise. */
  readonly oauthUrl?: string
}

/**
 * A PortalClient with application (OAuth) auth, for the Node worker: `event.offline.*` and `event.bind` refuse
 * webhooks. On an expired token the SDK refreshes it through the OAuth server (refresh tokens are single-use) and
 * `onRefresh` receives the new grant to store.
 */
export async function connectApp(
  grant: AppGrant,
  credentials: AppCredentials,
  onRefresh: (next: AppGrant) => void,
  options: ConnectOptions = {},
): Promise<PortalClient> {
  const b24 = new B24OAuth(
    {
      applicationToken: grant.applicationToken,
      userId: 0,
      memberId: grant.memberId,
      accessToken: grant.accessToken,
      refreshToken: grant.refreshToken,
      expires: Math.floor(grant.expiresAt / 1000),
      expiresIn: Math.max(0, Math.floor((grant.expiresAt - Date.now()) / 1000)),
      scope: 'crm,catalog,task,user,department,placement',
      domain: grant.domain,
      clientEndpoint: grant.clientEndpoint,
      serverEndpoint: 'https://oauth.bitrix.info/rest/',
      status: EnumAppStatus.Local,
    },
    { clientId: credentials.clientId, clientSecret: credentials.clientSecret },
  )
  let current = grant
  b24.setCustomRefreshAuth(async () => {
    const url = new URL('/oauth/token/', credentials.oauthUrl ?? 'https://oauth.bitrix.info')
    const form = new URLSearchParams({
      grant_type: 'refresh_token',
      client_id: credentials.clientId,
      client_secret: credentials.clientSecret,
      refresh_token: current.refreshToken,
    })
    const res = await fetch(url, { method: 'POST', body: form })
    const body = (await res.json()) as Record<string, unknown>
    if (!res.ok || typeof body['access_token'] !== 'string') throw new Error(`token refresh refused (${res.status})`)
    const expiresIn = Number(body['expires_in'] ?? 3600)
    current = {
      ...current,
      accessToken: body['access_token'],
      refreshToken: String(body['refresh_token']),
      expiresAt: Date.now() + expiresIn * 1000,
      clientEndpoint: String(body['client_endpoint'] ?? current.clientEndpoint),
    }
    onRefresh(current)
    return {
      access_token: current.accessToken,
      refresh_token: current.refreshToken,
      expires: String(Math.floor(current.expiresAt / 1000)),
      expires_in: String(expiresIn),
      client_endpoint: current.clientEndpoint,
      server_endpoint: 'https://oauth.bitrix.info/rest/',
      member_id: current.memberId,
      scope: String(body['scope'] ?? 'crm'),
      status: EnumAppStatus.Local,
      domain: current.domain,
    }
  })
  b24.offClientSideWarning()
  b24.setLogger(LoggerFactory.createNullLogger())
  return clientFor(b24, options)
}
