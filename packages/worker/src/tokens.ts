import { randomUUID } from 'node:crypto'
import { refreshGrant, type AppCredentials, type AppGrant } from '@salesflow/portal'
import type { StateStore } from './state'

/** Refresh this long before the access token expires (the portal's tokens live an hour). */
export const REFRESH_AHEAD_MS = 5 * 60_000
/** A refresh that takes longer than this frees the lease for another worker. */
const LEASE_MS = 30_000

const fresh = (g: AppGrant, now: number) => g.expiresAt - now > REFRESH_AHEAD_MS

/**
 * The app's tokens for one portal, shared by every worker on the same state file. Refresh tokens are single-use,
 * so a refresh is done under a lease in SQLite: the holder refreshes and stores the new grant; a worker that finds
 * a lease taken waits for it and then uses what the holder stored, as does one that finds a newer grant already
 * stored. The tokens are never logged.
 */
export class TokenKeeper {
  private readonly holder = randomUUID()

  constructor(
    private readonly state: StateStore,
    private readonly credentials: AppCredentials,
    private readonly memberId: string,
    private readonly log: (line: string) => void = () => undefined,
  ) {}

  /** The stored grant. */
  current(): AppGrant | undefined {
    return this.state.tokens(this.memberId)
  }

  /**
   * A grant newer than `used` (the one that expired or is about to): the one another worker stored, or a refresh
   * made here. Throws when the OAuth server refuses (the app was removed, the refresh token expired).
   */
  async refresh(used: AppGrant): Promise<AppGrant> {
    const deadline = Date.now() + LEASE_MS * 2
    for (;;) {
      const now = Date.now()
      const stored = this.current()
      if (stored && stored.accessToken !== used.accessToken && fresh(stored, now)) return stored
      if (this.state.takeRefreshLease(this.memberId, this.holder, now + LEASE_MS)) {
        try {
          const latest = this.current() ?? used
          if (latest.accessToken !== used.accessToken && fresh(latest, now)) return latest
          const next = await refreshGrant(latest, this.credentials)
          if (!next.ok) throw new Error(`token refresh refused: ${next.error.code}`)
          this.state.saveTokens(next.value)
          this.log(
            `tokens refreshed for member ${this.memberId} (valid until ${new Date(next.value.expiresAt).toISOString()})`,
          )
          return next.value
        } finally {
          this.state.releaseRefreshLease(this.memberId, this.holder)
        }
      }
      if (Date.now() > deadline) throw new Error('token refresh: another worker holds the lease for too long')
      await new Promise((r) => setTimeout(r, 25))
    }
  }

  /** Refreshes ahead of expiry (the worker calls this on its timer); true when it did. */
  async refreshIfDue(now = Date.now()): Promise<boolean> {
    const stored = this.current()
    if (!stored || fresh(stored, now)) return false
    await this.refresh(stored)
    return true
  }
}
