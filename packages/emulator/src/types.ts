import type { RequestHandler } from 'msw'
import type { PortalStore } from './store/store'
import type { AppPlacement } from './seed/app'

/** Which seed data a new portal starts with. */
export type SeedName = 'demo' | 'empty'
/** Tariff plan: decides the leaky-bucket size (standard 50 / 2 per s, enterprise 250 / 5 per s). */
export type Plan = 'standard' | 'enterprise'
/**
 * A REST method name (case-insensitive), a list of them, `'*'` for every method, or null for none. `'batch'` names
 * the /batch request itself (500 and 429 refuse it before any command runs); `'cmd:<key>'` names one sub-command of
 * a batch by its key, so a test can fail the write and not the read-back of the same method.
 */
export type MethodMatcher = string | readonly string[] | null

/**
 * Failure modes. The ones a real portal always has (leaky bucket, token expiry) are ON by default;
 * every `force*` one is off by default and forces a failure a real portal produces only sometimes.
 */
export interface Faults {
  /** The leaky bucket: over the burst, `503 QUERY_LIMIT_EXCEEDED` (default true). */
  rateLimit: boolean
  /** Answer every request with `503 QUERY_LIMIT_EXCEEDED`, bucket or not. */
  forceQueryLimit: boolean
  /** Access tokens die after `tokenTtlSeconds`: `401 expired_token` (default true). */
  expireTokens: boolean
  /** Every access token issued before this was switched on is expired now (the next refresh gives a working one). */
  forceExpiredToken: boolean
  /** `500 INTERNAL_SERVER_ERROR` for these methods. */
  forceStatus500: MethodMatcher
  /** Hold the answer for `timeoutDelayMs` (longer than the SDK's 30 s client timeout by default). */
  forceTimeout: MethodMatcher
  timeoutDelayMs: number
  /** Status 200 with a truncated JSON body for these methods. */
  forceMalformedJson: MethodMatcher
  /** Numeric fields (OPPORTUNITY, price, amount, …) come back as objects for these methods. */
  forceWrongFieldType: MethodMatcher
  /** `429 OPERATION_TIME_LIMIT` for these methods (the per-method operating limit ran out). */
  forceOperatingLimit: MethodMatcher
}

/** One line of the request log: one per HTTP round trip (`http`), plus one per batch sub-command (`batch`). */
export interface LogEntry {
  readonly method: string
  readonly params: Record<string, unknown>
  /** The portal clock (ms) when the request arrived. */
  readonly time: number
  /** HTTP status of the round trip; for a batch sub-command 200 or the status its error would have had. */
  readonly status: number
  readonly transport: 'http' | 'batch'
  /** The authenticated user, or null when authentication failed. */
  readonly userId: number | null
  /** The error code when the call failed. */
  readonly error?: string
}

export interface PortalOptions {
  seed?: SeedName
  /** The demo seed's bound placements (the app installed); the server passes the app's placements table. */
  appPlacements?: readonly AppPlacement[]
  /** false: the app not installed (no placements, events or app options), whatever the seed. */
  installed?: boolean
  /** The portal clock in ms (default Date.now); tests advance it instead of sleeping. */
  now?: () => number
  faults?: Partial<Faults>
  /** The secret of the inbound webhooks `/rest/{userId}/{secret}/` (default `'demo-webhook-secret'`). */
  webhookSecret?: string
  /** Access-token lifetime (default 3600 s, as AUTH_EXPIRES on a real portal). */
  tokenTtlSeconds?: number
  plan?: Plan
  /** The portal's own origin, reported as `client_endpoint` by the OAuth refresh (default `https://demo.bitrix24.test`). */
  origin?: string
  /** Processing seconds a method may use per 10 minutes before `429 OPERATION_TIME_LIMIT` (default 480). */
  operatingLimitSeconds?: number
}

/** What a portal hands a frame or an OAuth app: AUTH_ID, REFRESH_ID, AUTH_EXPIRES, member_id. */
export interface AuthGrant {
  readonly accessToken: string
  readonly refreshToken: string
  /** Seconds. */
  readonly expiresIn: number
  readonly memberId: string
  readonly userId: number
}

export interface Portal {
  /** msw 2 handlers answering `*\/rest/*` on any origin (REST, webhooks, CORS preflights) and oauth.bitrix.info's refresh. */
  readonly handlers: RequestHandler[]
  /** Every REST round trip, in order. Cleared by `reset()` or by `log.length = 0`. */
  readonly log: LogEntry[]
  /** The current faults (read-only view; change them with setFaults). */
  readonly faults: Readonly<Faults>
  setFaults(partial: Partial<Faults>): void
  /** A fresh access/refresh token pair for a user (as the frame host gets at render time). */
  issueAuth(userId: number): AuthGrant
  /** Exchanges a refresh token for a new pair (the host's `refreshAuth`); null if the token is unknown. */
  refreshAuth(refreshToken: string): AuthGrant | null
  /** The user of a valid, unexpired access token; null otherwise (the host page's own endpoints use it). */
  tokenUser(accessToken: string): number | null
  /** The inbound webhook base URL, e.g. `https://demo.bitrix24.test/rest/1/secret/`. */
  webhookUrl(origin: string, userId: number): string
  /** The in-memory data, for assertions and direct setup. */
  readonly store: PortalStore
  readonly memberId: string
  readonly webhookSecret: string
  /** The portal clock (ms). */
  now(): number
  /** Answer one REST request (what the handlers call). */
  handle(request: Request): Promise<Response>
  /** Back to the seed data, default faults, empty log, no tokens; `installed: false` as a portal without the app. */
  reset(options?: { installed?: boolean }): void
}
