import { afterAll, afterEach, describe, expect, it } from 'vitest'
import { useDealStore } from '../src/stores/useDealStore'
import { useOrderStore } from '../src/stores/useOrderStore'
import { useCatalogStore } from '../src/stores/useCatalogStore'
import { useDeliveryStore } from '../src/stores/useDeliveryStore'
import { openDealTab, startPortal } from './session'

const env = startPortal('demo')
const { portal } = env
afterEach(() => portal.reset())
afterAll(() => env.stop())

const MANAGER = 2

async function loaded(dealId: number) {
  const tab = await openDealTab(portal, dealId, MANAGER)
  const deal = tab.run(() => useDealStore())
  const order = tab.run(() => useOrderStore())
  const catalog = tab.run(() => useCatalogStore())
  const delivery = tab.run(() => useDeliveryStore())
  await deal.load()
  return { deal, order, catalog, delivery }
}

describe('the order’s catalog search', () => {
  it('adds a found product as a priced row of the order, in the order’s currency; saving writes it', async () => {
    const { order, catalog } = await loaded(13)
    const rows = order.draft.length
    await catalog.start()
    expect(catalog.sections.map((s) => s.label)).toContain('Компоненты / Датчики')
    catalog.text = 'ТД-500'
    await catalog.search()
    expect(catalog.offers.map((o) => o.productId)).toEqual([109])
    catalog.add(109)
    expect(order.draft).toHaveLength(rows + 1)
    const added = order.priced.at(-1)!
    expect(added.draft).toMatchObject({ productId: 109, quantity: '1', id: null })
    expect(added.priced.ok).toBe(true)
    expect(order.dirty).toBe(true)
    await order.save()
    const stored = [...portal.store.productRows.values()].filter((r) => r.ownerType === 'D' && r.ownerId === 13)
    expect(stored.map((r) => r.productId)).toContain(109)
  })
})

describe('the delivery weight box', () => {
  it('reads «1,5» as 1.5 kg, keeps the text as typed, and refuses what is not a number', async () => {
    const { order, delivery } = await loaded(14)
    delivery.weightKg = '1,5'
    expect([delivery.weightKg, order.delivery.weightKg, delivery.weightError]).toEqual(['1,5', '1.5', null])
    delivery.weightKg = '1,5,6'
    expect(delivery.weightError).toMatchObject({ code: 'INVALID_NUMBER', value: '1,5,6' })
    expect(order.delivery.weightKg).toBe('1.5')
  })
})
