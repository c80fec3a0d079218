import { setupServer } from 'msw/node'
import { createPortal, type Portal, type PortalOptions } from '@salesflow/emulator'
import {
  connectApp,
  connectWebhook,
  createEventRepository,
  createRepositories,
  type AppGrant,
  type ConnectOptions,
  type EventRepository,
  type PortalClient,
} from '@salesflow/portal'
import type { PortalGateway } from '@salesflow/usecases'

export const ORIGIN = 'https://demo.bitrix24.test'

/** Fast client retries for tests (the portal's own limits are switched off unless a test turns them on). */
export const FAST: ConnectOptions = {
  restrictions: {
    maxRetries: 2,
    retryDelay: 1,
    rateLimit: { burstLimit: 10_000, drainRate: 10_000, adaptiveEnabled: false },
  },
  retryDelayMs: 1,
  limitRetryDelayMs: 1,
}

/** The emulated portal behind msw (any origin), without its rate limit (`now`: the portal's clock). */
export function startPortal(options: Pick<PortalOptions, 'now'> = {}): { portal: Portal; stop: () => void } {
  const portal = createPortal({ faults: { rateLimit: false }, ...options })
  const server = setupServer(...portal.handlers)
  server.listen({ onUnhandledRequest: 'bypass' })
  return { portal, stop: () => server.close() }
}

/** The app's grant for the admin, as the install call would give it. */
export function adminGrant(portal: Portal, userId = 1): AppGrant {
  const g = portal.issueAuth(userId)
  return {
    accessToken: g.accessToken,
    refreshToken: g.refreshToken,
    expiresAt: Date.now() + g.expiresIn * 1000,
    memberId: g.memberId,
    domain: 'demo.bitrix24.test',
    clientEndpoint: `${ORIGIN}/rest/`,
    applicationToken: 'application-token-of-the-install',
  }
}

export async function appClient(portal: Portal, options: ConnectOptions = FAST): Promise<PortalClient> {
  return connectApp(
    adminGrant(portal),
    { clientId: 'local.salesflow', clientSecret: 'secret' },
    () => undefined,
    options,
  )
}

/** The app as another user sees it (a widget's session): for a test that acts as a manager through the use cases. */
export async function appClientOf(portal: Portal, userId: number): Promise<PortalClient> {
  return connectApp(
    adminGrant(portal, userId),
    { clientId: 'local.salesflow', clientSecret: 'secret' },
    () => undefined,
    FAST,
  )
}

/** A user's webhook (1 = the admin, 2 = a manager): their changes are queued to the app (the app's own are not). */
export const webhookClient = (portal: Portal, userId = 2): PortalClient =>
  connectWebhook(portal.webhookUrl(ORIGIN, userId), FAST)

/**
 * A fresh demo portal for one test: reset, the app's gateway over every repository (as the worker builds it), and
 * the offline events the test's action listens to bound, so the worker can drain them.
 */
export async function freshAppGateway(
  portal: Portal,
  ...offlineEvents: string[]
): Promise<{ gateway: PortalGateway; events: EventRepository }> {
  portal.reset()
  const client = await appClient(portal)
  const events = createEventRepository(client)
  for (const name of offlineEvents) {
    const bound = await events.bindOffline(name)
    if (!bound.ok) throw new Error(`binding ${name}: ${bound.error.code}`)
  }
  return { gateway: { client, repositories: createRepositories(client) }, events }
}
