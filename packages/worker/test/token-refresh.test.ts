import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { connectApp, createEventRepository, type AppGrant } from '@salesflow/portal'
import { drainOffline } from '../src/intake/offline'
import type { EventMessage } from '../src/intake/events'
import { StateStore } from '../src/state'
import { adminGrant, FAST, startPortal, webhookClient } from './support/portal'

let env: ReturnType<typeof startPortal>
beforeAll(() => {
  env = startPortal()
})
afterAll(() => env.stop())

describe('an expired app token in the middle of a run', () => {
  it('is refreshed through the OAuth server, stored, and the drain goes on', async () => {
    const { portal } = env
    const state = new StateStore(':memory:')
    const first = adminGrant(portal)
    state.saveTokens(first)
    const client = await connectApp(
      first,
      { clientId: 'local.salesflow', clientSecret: 'secret' },
      (g: AppGrant) => state.saveTokens(g),
      FAST,
    )
    const events = createEventRepository(client)
    expect((await events.bindOffline('ONCRMDEALUPDATE')).ok).toBe(true)
    expect((await webhookClient(portal, 1).call('crm.deal.update', { id: 3, fields: { COMMENTS: 'y' } })).ok).toBe(true)
    portal.setFaults({ forceExpiredToken: true }) // every token issued so far is now expired
    const out: EventMessage[] = []
    const r = await drainOffline({ events, state, enqueue: (m) => void out.push(m), log: () => undefined })
    expect(r).toEqual({ queued: 1, failed: 0 })
    const stored = state.tokens(first.memberId)
    expect(stored?.accessToken).not.toBe(first.accessToken)
    expect(stored?.refreshToken).not.toBe(first.refreshToken)
    expect(portal.log.some((l) => l.error === 'expired_token')).toBe(true)
  })
})
