import { afterAll, afterEach, describe, expect, it } from 'vitest'
import { createRepositories } from '@salesflow/portal'
import { moveDeal, moveOptionsOf, openDealCard, type OpenedDeal, type PortalGateway } from '../src'
import { appClient, startPortal } from '../../portal/test/support/harness'

const env = startPortal('demo')
const { portal } = env
afterEach(() => {
  portal.setFaults({ forceTimeout: null, forceMalformedJson: null, forceStatus500: null })
  portal.reset()
})
afterAll(() => env.stop())

/** The gateway of a widget of user `userId` (an application token: it reads the app's settings). */
const gateway = async (userId = 1): Promise<PortalGateway> => {
  const { client } = await appClient(portal, userId)
  return { client, repositories: createRepositories(client) }
}

/** A demo deal opened by the admin, with a move the guard allows as it is. */
async function openWithMove(): Promise<{ opened: OpenedDeal; to: string }> {
  for (const id of portal.store.deals.keys()) {
    const opened = await openDealCard(await gateway(), { dealId: id })
    if (!opened.ok) continue
    const move = moveOptionsOf(opened.value).find((m) => m.check.ok)
    if (move) return { opened: opened.value, to: move.stageId }
  }
  throw new Error('the demo seed has no deal with an allowed move')
}

describe('moveDeal', () => {
  it('of two users moving from the same card, exactly one succeeds; the other is told the stored stage', async () => {
    const { opened, to } = await openWithMove()
    const [a, b] = await Promise.all([
      moveDeal(await gateway(1), { opened, to }),
      moveDeal(await gateway(2), { opened, to }),
    ])
    expect([a, b].filter((r) => r.ok)).toHaveLength(1)
    const other = [a, b].find((r) => !r.ok)!
    expect(!other.ok && other.error).toMatchObject({ code: 'CONFLICT', actual: to })
  })

  it('a lost answer on an applied move is settled by re-reading: ok, never a plain failure', async () => {
    const { opened, to } = await openWithMove()
    portal.setFaults({ forceMalformedJson: 'batch' })
    const r = await moveDeal(await gateway(), { opened, to })
    portal.setFaults({ forceMalformedJson: null })
    expect(r).toEqual({ ok: true, value: { stageId: to } })
    expect(portal.store.deals.get(opened.card.deal.id)?.stageId).toBe(to)
    expect(portal.log.filter((l) => l.method === 'crm.deal.update' || l.method === 'crm.item.update')).toHaveLength(1)
  })

  it('a refused batch is UNKNOWN_OUTCOME with the stored stage, and nothing is re-sent', async () => {
    const { opened, to } = await openWithMove()
    portal.log.length = 0
    portal.setFaults({ forceStatus500: 'batch' })
    const r = await moveDeal(await gateway(), { opened, to })
    portal.setFaults({ forceStatus500: null })
    expect(r).toMatchObject({
      ok: false,
      error: { code: 'UNKNOWN_OUTCOME', expected: to, actual: opened.card.deal.stageId },
    })
    expect(portal.log.filter((l) => l.method === 'batch')).toHaveLength(1)
  })
})
