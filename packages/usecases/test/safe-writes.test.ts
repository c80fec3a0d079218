import { afterAll, afterEach, describe, expect, it } from 'vitest'
import { createRepositories } from '@salesflow/portal'
import {
  draftFromRow,
  moveDeal,
  moveOptionsOf,
  openDealCard,
  saveOrder,
  type OpenedDeal,
  type PortalGateway,
} from '../src'
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

/** A demo deal with rows, opened by the admin, and its draft with the first row's quantity changed. */
async function openWithRows(quantity: string) {
  const id = [...portal.store.productRows.values()].find((r) => r.ownerType === 'D')!.ownerId
  const opened = await openDealCard(await gateway(), { dealId: id })
  if (!opened.ok) throw new Error(opened.error.code)
  const draft = opened.value.card.productRows.map(draftFromRow).map((d, i) => (i === 0 ? { ...d, quantity } : d))
  const input = {
    card: opened.value.card,
    draft,
    currency: opened.value.card.deal.currency,
    dealFields: {},
    funnels: opened.value.settings.funnels,
  }
  return { id, input }
}
const quantities = (id: number) =>
  [...portal.store.productRows.values()]
    .filter((r) => r.ownerType === 'D' && r.ownerId === id)
    .map((r) => Number(r.quantity))

describe('saveOrder', () => {
  it('of two users saving the same card at once, one is ok and the other gets CONFLICT with the stored rows', async () => {
    for (let run = 0; run < 5; run++) {
      portal.reset()
      const a = await openWithRows('7')
      const b = await openWithRows('9')
      const [ra, rb] = await Promise.all([saveOrder(await gateway(1), a.input), saveOrder(await gateway(2), b.input)])
      expect([ra, rb].filter((r) => r.ok)).toHaveLength(1)
      expect(quantities(a.id)[0]).toBe(ra.ok ? 7 : 9)
      const other = [ra, rb].find((r) => !r.ok)!
      expect(!other.ok && other.error.code).toBe('CONFLICT')
    }
  })

  it('writes an audit line on the deal: who, how many rows, the total', async () => {
    const { id, input } = await openWithRows('7')
    const r = await saveOrder(await gateway(), input)
    if (!r.ok) throw new Error(r.error.code)
    const line = [...portal.store.comments.values()].find((c) => c.entityId === id && c.comment.startsWith('Salesflow'))
    expect(line?.comment).toBe(
      `Salesflow: ${input.card.currentUser.fullName}: ${input.draft.length} rows, ${r.value.opportunity} ${input.currency}`,
    )
  })

  it('a lost answer on an applied save is settled by re-reading: ok, and the rows are written once', async () => {
    const { id, input } = await openWithRows('7')
    portal.log.length = 0
    portal.setFaults({ forceMalformedJson: 'batch' })
    const r = await saveOrder(await gateway(), input)
    portal.setFaults({ forceMalformedJson: null })
    expect(r.ok).toBe(true)
    expect(quantities(id)[0]).toBe(7)
    expect(portal.log.filter((l) => l.method === 'crm.deal.productrows.set')).toHaveLength(1)
  })

  it('a refused batch is UNKNOWN_OUTCOME with the rows stored, never re-sent', async () => {
    const { id, input } = await openWithRows('7')
    const before = quantities(id)
    portal.log.length = 0
    portal.setFaults({ forceStatus500: 'batch' })
    const r = await saveOrder(await gateway(), input)
    portal.setFaults({ forceStatus500: null })
    expect(r).toMatchObject({ ok: false, error: { code: 'UNKNOWN_OUTCOME' } })
    expect(quantities(id)).toEqual(before)
    expect(portal.log.filter((l) => l.method === 'batch')).toHaveLength(1)
  })
})
