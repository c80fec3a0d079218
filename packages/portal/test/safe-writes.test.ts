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

/** A demo deal with product rows. */
const dealWithRows = (): number => {
  const owners = new Set(
    [...portal.store.productRows.values()].filter((r) => r.ownerType === 'D').map((r) => r.ownerId),
  )
  return [...portal.store.deals.keys()].find((id) => owners.has(id))!
}
const rowsOfDeal = (id: number) =>
  [...portal.store.productRows.values()].filter((r) => r.ownerType === 'D' && r.ownerId === id)
const draft = (name: string, price: string) => [{ productName: name, price, quantity: '1', sort: 10 }]

describe('productRows.replaceOfDeal: check, write and read-back in one batch', () => {
  // 15 races in a row: a generous guard for a loaded machine, not a timing claim.
  it('of two saves from the same rows, never two oks where one change is lost', { timeout: 30_000 }, async () => {
    for (let run = 0; run < 15; run++) {
      portal.reset()
      const id = dealWithRows()
      const loaded = await repos(1).productRows.ofDeal(id)
      if (!loaded.ok) throw new Error(loaded.error.code)
      const [a, b] = await Promise.all([
        repos(1).productRows.replaceOfDeal(id, loaded.value, draft('A', '100'), { audit: 'A saved' }),
        repos(2).productRows.replaceOfDeal(id, loaded.value, draft('B', '200'), { audit: 'B saved' }),
      ])
      const oks = [a, b].filter((r) => r.ok)
      expect(oks).toHaveLength(1)
      const stored = rowsOfDeal(id).map((r) => r.productName)
      expect(stored).toEqual([a.ok ? 'A' : 'B'])
      const other = [a, b].find((r) => !r.ok)!
      expect(!other.ok && other.error.code).toBe('CONFLICT')
    }
  })

  it('with one side delayed until the other has saved, the stale side is refused and writes nothing', async () => {
    const id = dealWithRows()
    const loaded = await repos(1).productRows.ofDeal(id)
    if (!loaded.ok) throw new Error(loaded.error.code)
    expect((await repos(1).productRows.replaceOfDeal(id, loaded.value, draft('A', '100'))).ok).toBe(true)
    portal.log.length = 0
    const late = await repos(2).productRows.replaceOfDeal(id, loaded.value, draft('B', '200'))
    expect(late).toMatchObject({ ok: false, error: { code: 'CONFLICT' } })
    expect(!late.ok && (late.error.actual as { productName: string }[]).map((r) => r.productName)).toEqual(['A'])
    expect(rowsOfDeal(id).map((r) => r.productName)).toEqual(['A'])
    expect(roundTrips(portal)).toBe(1)
  })

  it('guards a deal without rows by its opportunity', async () => {
    const id = dealWithRows()
    const loaded = await repos(1).productRows.ofDeal(id)
    if (!loaded.ok) throw new Error(loaded.error.code)
    expect((await repos(1).productRows.replaceOfDeal(id, loaded.value, [])).ok).toBe(true)
    const opportunity = portal.store.deals.get(id)!.opportunity
    const [a, b] = await Promise.all([
      repos(1).productRows.replaceOfDeal(id, [], draft('A', '100'), { expectedOpportunity: opportunity }),
      repos(2).productRows.replaceOfDeal(id, [], draft('B', '200'), { expectedOpportunity: opportunity }),
    ])
    expect([a, b].filter((r) => r.ok)).toHaveLength(1)
    expect(rowsOfDeal(id).map((r) => r.productName)).toEqual([a.ok ? 'A' : 'B'])
  })

  it('adds the audit line in the same batch, only when the rows are written', async () => {
    const id = dealWithRows()
    const loaded = await repos(1).productRows.ofDeal(id)
    if (!loaded.ok) throw new Error(loaded.error.code)
    const comments = () => [...portal.store.comments.values()].filter((c) => c.comment.startsWith('audit'))
    await repos(1).productRows.replaceOfDeal(id, loaded.value, draft('A', '100'), { audit: 'audit A' })
    await repos(2).productRows.replaceOfDeal(id, loaded.value, draft('B', '200'), { audit: 'audit B' })
    expect(comments().map((c) => c.comment)).toEqual(['audit A'])
  })

  it('a lost answer at each step is UNKNOWN_OUTCOME, never re-sent, never a plain failure', async () => {
    for (const [fault, at] of [
      ['forceTimeout', 'batch'],
      ['forceMalformedJson', 'batch'],
      ['forceTimeout', 'cmd:set'],
      ['forceTimeout', 'cmd:after'],
      ['forceTimeout', 'cmd:audit'],
    ] as const) {
      portal.reset()
      const id = dealWithRows()
      const loaded = await repos(1).productRows.ofDeal(id)
      if (!loaded.ok) throw new Error(loaded.error.code)
      portal.log.length = 0
      portal.setFaults({ [fault]: at, timeoutDelayMs: 1_000 })
      const r = await repos(1).productRows.replaceOfDeal(id, loaded.value, draft('A', '100'), { audit: 'audit A' })
      expect(r, `${fault} ${at}`).toMatchObject({ ok: false, error: { code: 'UNKNOWN_OUTCOME' } })
      await vi.waitFor(() => expect(rowsOfDeal(id).map((x) => x.productName)).toEqual(['A']), { timeout: 3_000 })
      portal.setFaults({ [fault]: null })
      await new Promise((resolve) => setTimeout(resolve, 50))
      expect(calls('crm.deal.productrows.set'), `${fault} ${at}`).toBe(1)
    }
  })
})
