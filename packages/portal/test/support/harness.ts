import { B24OAuth, EnumAppStatus, LoggerFactory } from '@bitrix24/b24jssdk'
import { setupServer } from 'msw/node'
import { createPortal, type Portal } from '@salesflow/emulator'
import { clientFor, connectWebhook, type ConnectOptions, type PortalClient } from '../../src'

/** B24Hook requires https; the emulator answers any origin. */
export const ORIGIN = 'https://demo.bitrix24.test'

/** Fast retries for tests: the SDK's own waits (1 s and up on a 503) stay, ours shrink to 1 ms. */
export const TEST_OPTIONS: ConnectOptions = {
  restrictions: {
    maxRetries: 2,
    retryDelay: 1,
    rateLimit: { burstLimit: 10_000, drainRate: 10_000, adaptiveEnabled: false },
  },
  retryDelayMs: 1,
  limitRetryDelayMs: 1,
  transientRetries: 2,
}

export type EmulatedPortal = Portal

/**
 * A demo portal behind msw. Its clock moves one second per request, as a client keeping to 2 requests/s would
 * see it, so the leaky bucket stays on without tests sleeping; fault tests switch faults on explicitly.
 */
export function startPortal(seed: 'demo' | 'empty' = 'demo') {
  const clock = { t: Date.parse('2026-11-25T09:00:00Z') }
  const portal = createPortal({ seed, now: () => clock.t })
  const server = setupServer(...portal.handlers)
  server.events.on('request:start', () => {
    clock.t += 1_000
  })
  server.listen({ onUnhandledRequest: 'error' })
  return { portal, server, clock, stop: () => server.close() }
}

/** A webhook client of user `userId` (1 = the admin). */
export function webhookClient(
  portal: EmulatedPortal,
  userId = 1,
  options: ConnectOptions = TEST_OPTIONS,
): PortalClient {
  return connectWebhook(portal.webhookUrl(ORIGIN, userId), options)
}

/** An application (OAuth, frame-like) client: tokens issued by the portal, refreshed through it on 401. */
export async function appClient(portal: EmulatedPortal, userId = 1, options: ConnectOptions = TEST_OPTIONS) {
  const grant = portal.issueAuth(userId)
  let refreshToken = grant.refreshToken
  const b24 = new B24OAuth(
    {
      applicationToken: 'app-token',
      userId,
      memberId: grant.memberId,
      accessToken: grant.accessToken,
      refreshToken: grant.refreshToken,
      expires: Math.floor(Date.now() / 1000) + grant.expiresIn,
      expiresIn: grant.expiresIn,
      scope: 'crm,catalog,task,user,department,placement',
      domain: 'demo.bitrix24.test',
      clientEndpoint: `${ORIGIN}/rest/`,
      serverEndpoint: 'https://oauth.bitrix.info/rest/',
      status: EnumAppStatus.Local,
    },
    { clientId: 'local.app', clientSecret: 'secret' },
  )
  const refreshes = { count: 0 }
  b24.setCustomRefreshAuth(async () => {
    refreshes.count++
    const next = portal.refreshAuth(refreshToken)
    if (!next) throw new Error('refresh token rejected')
    refreshToken = next.refreshToken
    return {
      access_token: next.accessToken,
      refresh_token: next.refreshToken,
      expires: String(Math.floor(Date.now() / 1000) + next.expiresIn),
      expires_in: String(next.expiresIn),
      client_endpoint: `${ORIGIN}/rest/`,
      server_endpoint: 'https://oauth.bitrix.info/rest/',
      member_id: next.memberId,
      scope: 'crm',
      status: EnumAppStatus.Local,
      domain: 'demo.bitrix24.test',
    }
  })
  b24.offClientSideWarning()
  b24.setLogger(LoggerFactory.createNullLogger())
  return { client: await clientFor(b24, options), refreshes }
}

/** HTTP round trips the portal saw (batch sub-commands are logged separately). */
export const roundTrips = (portal: EmulatedPortal): number => portal.log.filter((e) => e.transport === 'http').length

/** The emulator has no crm.company.get / crm.requisite.list yet: most card tests leave the client company out. */
export const NO_COMPANY = { company: false } as const
