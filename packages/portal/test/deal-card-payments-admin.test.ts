import { afterAll, afterEach, describe, expect, it } from 'vitest'
import { D } from '@salesflow/rules'
import { createRepositories, loadDealCard, planDealCard } from '../src'
import { appClient, roundTrips, startPortal, webhookClient } from './support/harness'

// The deal card reads what the funnel guard and the finance panel need: the invoices' payments and the admin flag.
const env = startPortal('demo')
const { portal } = env
afterEach(() => portal.reset())
afterAll(() => env.stop())

/** A demo deal whose smart invoice is paid in full (the seed's deal 25). */
function dealWithPaidInvoice(): number {
  const paid = [...portal.store.payments.values()].find((p) => p.entityTypeId === 31 && p.paid === 'Y')
  const invoice = paid && portal.store.invoices.get(paid.entityId)
  if (!invoice?.parentId2) throw new Error('the demo seed has no paid invoice bound to a deal')
  return invoice.parentId2
}

describe('the deal card’s payments', () => {
  it('asks for the payments of the deal’s first invoices in the same batch, by reference', () => {
    const plan = planDealCard(42)
    expect(plan.invoicePayments0).toEqual({
      method: 'crm.item.payment.list',
      params: { entityTypeId: 31, entityId: '$result[invoices][items][0][id]' },
    })
    expect(Object.keys(plan).length).toBeLessThanOrEqual(50)
    expect(Object.keys(planDealCard(42, { payments: false })).some((k) => k.startsWith('invoicePayments'))).toBe(false)
  })

  it('holds the payments of the invoices bound by parentId2, in one round trip', async () => {
    const dealId = dealWithPaidInvoice()
    const invoiceIds = [...portal.store.invoices.values()].filter((i) => i.parentId2 === dealId).map((i) => i.id)
    const expected = [...portal.store.payments.values()].filter(
      (p) => p.entityTypeId === 31 && invoiceIds.includes(p.entityId),
    )
    const { client } = await appClient(portal, 2)
    portal.log.length = 0
    const card = await loadDealCard(client, dealId)
    expect(roundTrips(portal)).toBe(1)
    if (!card.ok) throw new Error(card.error.code)
    expect(card.value.payments.map((p) => p.id).sort()).toEqual(expected.map((p) => p.id).sort())
    const received = card.value.payments.filter((p) => p.paid).reduce((s, p) => s.plus(p.sum), new D(0))
    expect(received.gt(0)).toBe(true)
  })

  it('reads the payments of invoices past the batch’s slots with one more round trip', async () => {
    const repos = createRepositories(webhookClient(portal, 3))
    const dealId = 3
    for (let i = 0; i < 12; i++) {
      const inv = await repos.invoices.create({ title: `Счёт ${i + 1}`, dealId, currency: 'RUB' })
      if (!inv.ok) throw new Error(inv.error.code)
    }
    const last = Math.max(...[...portal.store.invoices.values()].filter((i) => i.parentId2 === dealId).map((i) => i.id))
    portal.store.payments.set(9_000, {
      id: 9_000,
      entityTypeId: 31,
      entityId: last,
      accountNumber: `${last}/1`,
      paid: 'Y',
      datePaid: '2026-11-20T10:00:00+03:00',
      empPaidId: 3,
      paySystemId: 1,
      paySystemName: 'Безналичный расчёт',
      sum: '1500.00',
      currency: 'RUB',
    })
    const { client } = await appClient(portal, 2)
    portal.log.length = 0
    const card = await loadDealCard(client, dealId)
    expect(roundTrips(portal)).toBe(2)
    const far = card.ok ? card.value.payments.find((p) => p.id === 9_000) : undefined
    expect(far && new D(far.sum).eq(1500)).toBe(true)
  })
})

describe('the deal card’s user', () => {
  it.each([
    [1, true],
    [2, false],
  ])('user %i: isAdmin %s from user.admin (user.current has no admin flag)', async (userId, admin) => {
    const { client } = await appClient(portal, userId)
    const card = await loadDealCard(client, 4)
    expect(card.ok && card.value.currentUser).toMatchObject({ id: userId, isAdmin: admin })
  })
})
