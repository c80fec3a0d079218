import { http, type RequestHandler } from 'msw'
import type { AuthGrant, Faults, Portal, PortalOptions } from './types'
import type { PortalState } from './core/context'
import { authenticateToken, issueTokens, md5, refreshTokens } from './core/auth'
import { createDispatcher } from './core/dispatch'
import { DEFAULT_FAULTS } from './core/faults'
import { METHODS } from './methods'
import { createEmptyStore, type PortalStore } from './store/store'
import { seedDemo } from './seed/demo'
import { seedDirectories } from './seed/directories'
import { seedInstalledApp, uninstallApp } from './seed/app'

/** The demo portal's member_id (stable, so that saved settings survive restarts). */
const MEMBER_ID = md5('salesflow-demo-portal')

/**
 * 'demo': the demo company with salesflow installed (its user fields, and `appPlacements` bound); 'empty': users,
 * currencies, funnels and stages, no CRM items or catalog, and the app not installed. `installed: false` makes
 * either a portal where the app was never installed (no placements, events or app options; data stays).
 */
function seeded(options: PortalOptions, installed?: boolean): PortalStore {
  const store = createEmptyStore()
  if (options.seed === 'empty') seedDirectories(store)
  else {
    seedDemo(store)
    seedInstalledApp(store, options.appPlacements ?? [])
  }
  if (installed === false) uninstallApp(store)
  return store
}

/**
 * A local Bitrix24 portal: an in-memory store behind msw 2 handlers with the real REST shapes, limits and
 * errors (b24-platform.md section 8). Use `portal.handlers` with msw/node, or `startServer` for a real origin.
 *
 * @example
 * const portal = createPortal({ now: () => clock })
 * const server = setupServer(...portal.handlers)
 * const hook = B24Hook.fromWebhookUrl(portal.webhookUrl('https://demo.bitrix24.test', 1))
 */
export function createPortal(options: PortalOptions = {}): Portal {
  const now = options.now ?? (() => Date.now())
  const state: PortalState = {
    store: seeded(options, options.installed),
    faults: { ...DEFAULT_FAULTS, ...options.faults },
    now,
    webhookSecret: options.webhookSecret ?? 'demo-webhook-secret',
    tokenTtlSeconds: options.tokenTtlSeconds ?? 3600,
    plan: options.plan ?? 'standard',
    operatingLimitSeconds: options.operatingLimitSeconds ?? 480,
    memberId: MEMBER_ID,
    tokens: new Map(),
    refreshTokens: new Map(),
    tokenSerial: 0,
    expiredUpToSerial: 0,
    bucket: { level: 0, at: now() },
    operating: new Map(),
    log: [],
  }
  const dispatcher = createDispatcher(state, METHODS)

  function setFaults(partial: Partial<Faults>): void {
    if (partial.forceExpiredToken && !state.faults.forceExpiredToken) state.expiredUpToSerial = state.tokenSerial
    Object.assign(state.faults, partial)
  }
  if (options.faults?.forceExpiredToken) state.expiredUpToSerial = state.tokenSerial

  const origin = (options.origin ?? 'https://demo.bitrix24.test').replace(/\/+$/, '')

  /** oauth.bitrix.info's refresh grant (B24OAuth.refreshAuth posts a form here; a GET query works as well). */
  async function oauthToken(request: Request): Promise<Response> {
    const url = new URL(request.url)
    const form = request.method === 'POST' ? new URLSearchParams(await request.text()) : url.searchParams
    const grant =
      form.get('grant_type') === 'refresh_token' ? refreshTokens(state, form.get('refresh_token') ?? '') : null
    if (!grant) return Response.json({ error: 'invalid_grant', error_description: 'Invalid grant' }, { status: 400 })
    return Response.json({
      access_token: grant.accessToken,
      expires: Math.floor(state.now() / 1000) + grant.expiresIn,
      expires_in: grant.expiresIn,
      scope: 'crm,catalog,task,user,department,placement',
      domain: 'oauth.bitrix.info',
      server_endpoint: 'https://oauth.bitrix.info/rest/',
      status: 'L',
      client_endpoint: `${origin}/rest/`,
      member_id: state.memberId,
      user_id: grant.userId,
      refresh_token: grant.refreshToken,
    })
  }

  const handlers: RequestHandler[] = [
    http.all('*/rest/*', ({ request }) => dispatcher.handle(request)),
    http.all('https://oauth.bitrix.info/oauth/token/', ({ request }) => oauthToken(request)),
  ]

  return {
    handlers,
    get log() {
      return state.log
    },
    get faults() {
      return state.faults
    },
    setFaults,
    issueAuth: (userId: number): AuthGrant => issueTokens(state, userId),
    refreshAuth: (refreshToken: string): AuthGrant | null => refreshTokens(state, refreshToken),
    tokenUser(accessToken: string): number | null {
      try {
        return authenticateToken(state, accessToken).user.id
      } catch {
        return null
      }
    },
    webhookUrl: (origin: string, userId: number): string =>
      `${origin.replace(/\/+$/, '')}/rest/${userId}/${state.webhookSecret}/`,
    get store() {
      return state.store
    },
    memberId: MEMBER_ID,
    webhookSecret: state.webhookSecret,
    now: () => state.now(),
    handle: (request: Request) => dispatcher.handle(request),
    reset(reset: { installed?: boolean } = {}): void {
      state.store = seeded(options, reset.installed ?? options.installed)
      state.faults = { ...DEFAULT_FAULTS, ...options.faults }
      state.tokens.clear()
      state.refreshTokens.clear()
      state.tokenSerial = 0
      state.expiredUpToSerial = 0
      state.bucket = { level: 0, at: state.now() }
      state.operating.clear()
      state.log.length = 0
    },
  }
}
