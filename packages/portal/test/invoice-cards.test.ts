import { afterAll, describe, expect, it } from 'vitest'
import { seedInvoices } from '@salesflow/emulator'
import { loadInvoiceCards } from '../src'
import { appClient, startPortal } from './support/harness'

const env = startPortal('demo')
const { portal } = env
seedInvoices(portal, 120)
afterAll(() => env.stop())

describe('loadInvoiceCards', () => {
  it('leaves out the invoices `settled` answers true for: no rows past the first page, no products, same other cards', async () => {
    const { client } = await appClient(portal, 3)
    const paidOn = new Set([...portal.store.payments.values()].filter((p) => p.paid === 'Y').map((p) => p.entityId))
    const ids = [...portal.store.invoices.keys()].slice(0, 60)
    const withPaid = ids.filter((id) => paidOn.has(id))
    expect(withPaid.length).toBeGreaterThan(0)
    expect(withPaid.length).toBeLessThan(ids.length)

    const all = await loadInvoiceCards(client, ids)
    if (!all.ok) throw new Error(all.error.code)
    expect(all.value.settled.size).toBe(0)

    portal.log.length = 0
    const asked: number[] = []
    const some = await loadInvoiceCards(client, ids, {
      settled: (id, { payments, notes }) => {
        asked.push(id)
        expect(payments).toEqual(all.value.cards.get(id)!.payments)
        expect(notes).toEqual(all.value.cards.get(id)!.notes.slice(0, 50))
        return paidOn.has(id)
      },
    })
    if (!some.ok) throw new Error(some.error.code)
    expect(asked.sort()).toEqual([...ids].sort())
    expect([...some.value.settled].sort()).toEqual([...withPaid].sort())
    expect([...some.value.cards.keys()].sort()).toEqual(ids.filter((id) => !paidOn.has(id)).sort())
    for (const [id, card] of some.value.cards) expect(card).toEqual(all.value.cards.get(id))
    // Only unpaid payments are left among the cards read: no product is read at all.
    expect(portal.log.filter((e) => e.method === 'crm.item.payment.product.list')).toHaveLength(0)
    const owners = portal.log
      .filter((e) => e.method === 'crm.item.productrow.list')
      .map((e) => (e.params['filter'] as Record<string, unknown>)['=ownerId'] as number[])
    expect(owners.length).toBeGreaterThan(1) // the rows past the first page are read, for the open ones only
    for (const list of owners.slice(1)) expect(list.filter((id) => paidOn.has(id))).toEqual([])
  }, 60_000)
})
