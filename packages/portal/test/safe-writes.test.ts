import { afterAll, afterEach, describe, expect, it, vi } from 'vitest'
import { createRepositories } from '../src'
import { roundTrips, startPortal, webhookClient } from './support/harness'

const env = startPortal('demo')
const { portal } = env
afterEach(() => {
  portal.setFaults({ forceTimeout: null, forceMalformedJson: null, forceStatus500: null })
  portal.reset()
})
afterAll(() => env.stop())

const repos = (userId = 2) => createRepositories(webhookClient(portal, userId, { ...optionsWithTimeout }))
const optionsWithTimeout = {
  restrictions: {
    maxRetries: 2,
    retryDelay: 1,
    rateLimit: { burstLimit: 10_000, drainRate: 10_000, adaptiveEnabled: false },
  },
  retryDelayMs: 1,
  limitRetryDelayMs: 1,
  transientRetries: 2,
  timeoutMs: 300,
}
const stageOf = (id: number) => portal.store.deals.get(id)?.stageId
const calls = (method: string) => portal.log.filter((l) => l.method === method).length

describe('deals.move: the stage is checked in the same batch as the move', () => {
  it('of two users moving from the same snapshot exactly one succeeds, the other gets CONFLICT with the stored stage', async () => {
    for (let run = 0; run < 10; run++) {
      portal.reset()
      const from = stageOf(4)!
      const [a, b] = await Promise.all([
        repos(1).deals.move(4, from, { STAGE_ID: 'WON' }),
        repos(2).deals.move(4, from, { STAGE_ID: 'LOSE' }),
      ])
      const oks = [a, b].filter((r) => r.ok)
      expect(oks).toHaveLength(1)
      const lost = [a, b].find((r) => !r.ok)!
      expect(!lost.ok && lost.error.code).toBe('CONFLICT')
      expect(!lost.ok && lost.error.actual).toBe(stageOf(4))
      expect(oks[0]!.ok && oks[0]!.value.stageId).toBe(stageOf(4))
    }
  })

  it('of two users making the same move from the same snapshot only the last writer is told ok', async () => {
    for (let run = 0; run < 10; run++) {
      portal.reset()
      const from = stageOf(4)!
      const [a, b] = await Promise.all([
        repos(1).deals.move(4, from, { STAGE_ID: 'WON' }),
        repos(2).deals.move(4, from, { STAGE_ID: 'WON' }),
      ])
      expect([a, b].filter((r) => r.ok)).toHaveLength(1)
      expect([a, b].find((r) => !r.ok)).toMatchObject({ ok: false, error: { code: 'CONFLICT', actual: 'WON' } })
    }
  })

  it('refuses a move from a stale snapshot without writing, in one round trip', async () => {
    const from = stageOf(4)!
    expect((await repos(1).deals.move(4, from, { STAGE_ID: 'WON' })).ok).toBe(true)
    portal.log.length = 0
    const stale = await repos(2).deals.move(4, from, { STAGE_ID: 'LOSE' })
    expect(stale).toMatchObject({ ok: false, error: { code: 'CONFLICT', expected: from, actual: 'WON' } })
    expect(stageOf(4)).toBe('WON')
    expect(roundTrips(portal)).toBe(1)
  })

  it('never re-sends a move whose answer was lost: UNKNOWN_OUTCOME, applied exactly once', async () => {
    for (const fault of ['forceTimeout', 'forceMalformedJson'] as const) {
      portal.reset()
      portal.log.length = 0
      const from = stageOf(4)!
      portal.setFaults({ [fault]: 'batch', timeoutDelayMs: 1_000 })
      const r = await repos().deals.move(4, from, { STAGE_ID: 'WON' })
      portal.setFaults({ [fault]: null })
      expect(r).toMatchObject({ ok: false, error: { code: 'UNKNOWN_OUTCOME' } })
      // The abandoned batch still runs on the portal (as it would after a lost answer).
      await vi.waitFor(() => expect(stageOf(4)).toBe('WON'), { timeout: 3_000 })
      await new Promise((resolve) => setTimeout(resolve, 50))
      expect(calls('crm.deal.update')).toBe(1)
    }
  })

  it('a refused /batch (500) is not applied and not re-sent', async () => {
    const from = stageOf(4)!
    portal.setFaults({ forceStatus500: 'batch' })
    const r = await repos().deals.move(4, from, { STAGE_ID: 'WON' })
    expect(r.ok).toBe(false)
    expect(stageOf(4)).toBe(from)
    expect(portal.log.filter((l) => l.method === 'batch')).toHaveLength(1)
  })
})
