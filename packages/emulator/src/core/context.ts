import type { Faults, LogEntry, Plan } from '../types'
import type { PortalStore, User } from '../store/store'
import type { Params } from './params'

export interface TokenRecord {
  userId: number
  expiresAt: number
  serial: number
}

/** Everything a portal instance keeps besides its data. */
export interface PortalState {
  store: PortalStore
  faults: Faults
  now: () => number
  webhookSecret: string
  tokenTtlSeconds: number
  plan: Plan
  operatingLimitSeconds: number
  memberId: string
  tokens: Map<string, TokenRecord>
  refreshTokens: Map<string, number>
  tokenSerial: number
  /** Tokens with a serial up to this are expired (forceExpiredToken). */
  expiredUpToSerial: number
  bucket: { level: number; at: number }
  /** Per-method operating accounting: when the oldest bucket resets (s) and the seconds used. */
  operating: Map<string, { resetAt: number; seconds: number }>
  log: LogEntry[]
}

/** One REST call (top-level or a batch sub-command) after authentication. */
export interface CallContext {
  readonly state: PortalState
  readonly store: PortalStore
  readonly method: string
  readonly params: Params
  readonly user: User
  /** Application (OAuth / frame token) context; false for an inbound webhook. */
  readonly isApp: boolean
  /** `auth_connector` of the call: changes made with it are not queued back to the same connector. */
  readonly authConnector: string
  readonly transport: 'http' | 'batch'
  readonly now: number
}

/** What a method returns: the `result`, plus `total`/`next` for lists (moved to the top level). */
export interface MethodOutput {
  result: unknown
  total?: number
  next?: number
}

export type MethodImpl = (ctx: CallContext) => MethodOutput | Promise<MethodOutput>
export type MethodTable = Record<string, MethodImpl>

export const out = (result: unknown, total?: number, next?: number): MethodOutput => {
  const o: MethodOutput = { result }
  if (total !== undefined) o.total = total
  if (next !== undefined) o.next = next
  return o
}
