import { createHash } from 'node:crypto'
import type { AuthGrant } from '../types'
import type { User } from '../store/store'
import type { PortalState } from './context'
import { RestError } from '../http/rest-error'

export const md5 = (s: string): string => createHash('md5').update(s).digest('hex')

/** A token pair, as the portal gives a frame at render time (AUTH_ID / REFRESH_ID / AUTH_EXPIRES). */
export function issueTokens(state: PortalState, userId: number): AuthGrant {
  const serial = ++state.tokenSerial
  const accessToken = md5(`${state.memberId}|access|${serial}`) + md5(`${serial}|a`).slice(0, 6)
  const refreshToken = md5(`${state.memberId}|refresh|${serial}`) + md5(`${serial}|r`).slice(0, 6)
  state.tokens.set(accessToken, { userId, expiresAt: state.now() + state.tokenTtlSeconds * 1000, serial })
  state.refreshTokens.set(refreshToken, userId)
  return { accessToken, refreshToken, expiresIn: state.tokenTtlSeconds, memberId: state.memberId, userId }
}

/** The refresh grant: a refresh token is single-use, like oauth.bitrix.info's. */
export function refreshTokens(state: PortalState, refreshToken: string): AuthGrant | null {
  const userId = state.refreshTokens.get(refreshToken)
  if (userId === undefined) return null
  state.refreshTokens.delete(refreshToken)
  return issueTokens(state, userId)
}

export interface Caller {
  user: User
  isApp: boolean
}

function activeUser(state: PortalState, userId: number): User | undefined {
  const u = state.store.users.get(userId)
  return u && u.active ? u : undefined
}

/** Webhook path credentials (`/rest/{userId}/{secret}/`). */
export function authenticateWebhook(state: PortalState, userId: string, secret: string): Caller {
  const user = activeUser(state, Number(userId))
  if (!user || secret !== state.webhookSecret)
    throw new RestError(403, 'INVALID_CREDENTIALS', 'Invalid request credentials')
  return { user, isApp: false }
}

/** The `auth` parameter (frame / OAuth access token). */
export function authenticateToken(state: PortalState, token: unknown): Caller {
  if (typeof token !== 'string' || token === '') throw new RestError(401, 'NO_AUTH_FOUND', 'Wrong authorization data')
  const rec = state.tokens.get(token)
  if (!rec) throw new RestError(401, 'invalid_token', 'The access token provided is invalid.')
  const forced = state.faults.forceExpiredToken && rec.serial <= state.expiredUpToSerial
  if (forced || (state.faults.expireTokens && state.now() >= rec.expiresAt))
    throw new RestError(401, 'expired_token', 'The access token provided has expired.')
  const user = activeUser(state, rec.userId)
  if (!user) throw new RestError(401, 'invalid_token', 'The access token provided is invalid.')
  return { user, isApp: true }
}
