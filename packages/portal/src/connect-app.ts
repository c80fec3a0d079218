import { B24OAuth, EnumAppStatus, LoggerFactory } from '@bitrix24/b24jssdk'
import { ok } from '@salesflow/rules'
import type { PortalClient } from './client'
import { clientFor, type ConnectOptions } from './connect'
import { refreshGrant } from './refresh-grant'

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
 * `onRefresh` receives the new grant to store. `refresh` replaces the plain refresh grant (refreshGrant): several
 * processes sharing one grant must coordinate, since the second use of a refresh token is refused.
 */
export async function connectApp(
  grant: AppGrant,
  credentials: AppCredentials,
  onRefresh: (next: AppGrant) => void,
  options: ConnectOptions = {},
  refresh?: (current: AppGrant) => Promise<AppGrant>,
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
    const next = refresh ? ok(await refresh(current)) : await refreshGrant(current, credentials)
    if (!next.ok) throw new Error(`token refresh refused (${next.error.code})`)
    current = next.value
    const expiresIn = Math.max(0, Math.floor((current.expiresAt - Date.now()) / 1000))
    onRefresh(current)
    return {
      access_token: current.accessToken,
      refresh_token: current.refreshToken,
      expires: String(Math.floor(current.expiresAt / 1000)),
      expires_in: String(expiresIn),
      client_endpoint: current.clientEndpoint,
      server_endpoint: 'https://oauth.bitrix.info/rest/',
      member_id: current.memberId,
      scope: 'crm,catalog,task,user,department,placement',
      status: EnumAppStatus.Local,
      domain: current.domain,
    }
  })
  b24.offClientSideWarning()
  b24.setLogger(LoggerFactory.createNullLogger())
  return clientFor(b24, options)
}
