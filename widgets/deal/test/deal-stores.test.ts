import { listItemId } from '@salesflow/emulator'
import { afterAll, afterEach, beforeEach, describe, expect, it } from 'vitest'
import { computeProductRows, D, DEFAULT_DELIVERY_TABLE, quoteDelivery } from '@salesflow/rules'
import { useDealStore } from '../src/stores/useDealStore'
import { useOrderStore } from '../src/stores/useOrderStore'
import { useStageStore } from '../src/stores/useStageStore'
import { useDeliveryStore } from '../src/stores/useDeliveryStore'
import { openDealTab, startPortal } from './session'

const env = startPortal('demo')
const { portal } = env
beforeEach(() => portal.reset())
afterEach(() => portal.reset())
afterAll(() => env.stop())

const MANAGER = 2
const VIEWER = 5

/** A Sale-funnel deal of the demo with product rows, at the given stage. */
function saleDeal(stageId: string): number {
  const withRows = new Set(
    [...portal.store.productRows.values()].filter((r) => r.ownerType === 'D').map((r) => r.ownerId),
  )
  const deal = [...portal.store.deals.values()].find((d) => d.stageId === stageId && withRows.has(d.id))
  if (!deal) throw new Error(`the demo seed has no deal with rows at ${stageId}`)
  return deal.id
}

async function loaded(dealId: number, userId = MANAGER) {
  const tab = await openDealTab(portal, dealId, userId)
  const deal = tab.run(() => useDealStore())
  const order = tab.run(() => useOrderStore())
  const stage = tab.run(() => useStageStore())
  await deal.load()
  return { tab, deal, order, stage }
}

describe('opening the tab', () => {
  it('loads the deal card in one round trip and resolves the manager role', async () => {
    const id = saleDeal('C1:PREPAYMENT_INVOICE')
    portal.log.length = 0
    const { deal, order } = await loaded(id)
    expect(portal.log.filter((e) => e.transport === 'http')).toHaveLength(1)
    expect(deal.status).toBe('ready')
    expect(deal.role).toBe('manager')
    expect(deal.card?.company?.title).toMatch(/«.+»/)
    expect(order.draft.length).toBe(deal.card?.productRows.length)
    // Before any edit, the calculation shows exactly what the portal stores.
    expect(order.totals?.opportunity).toBe(new D(portal.store.deals.get(id)!.opportunity).toFixed(2))
    expect(order.dirty).toBe(false)
  })

  it('a missing deal is a typed error the tab can show, not a blank page', async () => {
    const { deal } = await loaded(999_999)
    expect(deal.status).toBe('error')
    expect(deal.error?.code).toBe('NOT_FOUND')
  })
})

describe('order calculation', () => {
  it('an edited discount is priced by the rules and stored by the portal to the kopeck', async () => {
    const id = saleDeal('C1:PREPAYMENT_INVOICE')
    const { tab, deal, order } = await loaded(id)
    const first = order.draft[0]!
    const list = first.listPrice
    order.update(first.key, { discountType: 'percent', discountValue: '12.5', quantity: '3' })
    expect(order.dirty).toBe(true)
    const shown = order.totals!
    // The widget's figure is computeProductRows over what it will send: no arithmetic of its own.
    const inputs = order.priced.map((r) => (r.priced.ok ? r.priced.value.input : { price: 0 }))
    expect(shown.opportunity).toBe(computeProductRows(inputs).opportunity)

    await order.save()
    expect(order.saveError).toBeNull()
    const stored = portal.store.deals.get(id)!
    expect(new D(stored.opportunity).toFixed(2)).toBe(shown.opportunity)
    expect(new D(stored.taxValue).toFixed(2)).toBe(shown.taxValue)
    expect(order.storedCheck).toEqual({ opportunity: expect.any(String), matches: true })
    expect(order.dirty).toBe(false)
    expect(tab.frameCalls).toContain('reloadData')
    expect(new D(deal.card!.productRows[0]!.discountRate).eq('12.5')).toBe(true)
    // Reopened, the row shows the list price and discount the manager typed, not the discounted price as a list.
    expect(new D(order.draft[0]!.listPrice).eq(list)).toBe(true)
    expect(order.totals?.opportunity).toBe(shown.opportunity)
    expect(portal.store.deals.get(id)!.uf['UF_CRM_SF_PRICED']).toBe('Y')
  })

  it('a row the manager cannot have meant is an error at that row, and nothing can be saved', async () => {
    const { order } = await loaded(saleDeal('C1:PREPAYMENT_INVOICE'))
    order.update(order.draft[0]!.key, { listPrice: '12,5 руб' })
    expect(order.invalid).toBe(true)
    expect(order.totals).toBeNull()
    const bad = order.priced[0]!.priced
    expect(!bad.ok && bad.error).toMatchObject({ code: 'INVALID_NUMBER', field: 'listPrice' })
    const before = portal.log.length
    await order.save()
    expect(portal.log.length).toBe(before)
  })

  it('reads numbers as Russian users type them: decimal commas and grouped digits', async () => {
    const { order } = await loaded(saleDeal('C1:PREPAYMENT_INVOICE'))
    const key = order.draft[0]!.key
    order.update(key, {
      listPrice: '1\u00a0500\u00a0000,50',
      quantity: '1,5',
      discountType: 'amount',
      discountValue: '2 500',
    })
    expect(order.draft[0]).toMatchObject({ listPrice: '1500000.50', quantity: '1.5', discountValue: '2500' })
    // The box keeps what was typed; the draft holds the decimal the rules read.
    expect(order.typed[key]).toMatchObject({ listPrice: '1\u00a0500\u00a0000,50', quantity: '1,5' })
    expect(order.invalid).toBe(false)
    expect(order.totals).not.toBeNull()
  })

  it.each([
    ['quantity', '-2', 'QUANTITY_NOT_POSITIVE'],
    ['quantity', '0', 'QUANTITY_NOT_POSITIVE'],
    ['quantity', '1,2,3', 'INVALID_NUMBER'],
    ['discountValue', '150', 'DISCOUNT_OUT_OF_RANGE'],
    ['discountValue', '-5', 'DISCOUNT_OUT_OF_RANGE'],
    ['listPrice', '1.5.6', 'INVALID_NUMBER'],
  ] as const)('%s «%s» is refused with %s and nothing can be saved', async (field, text, code) => {
    const { order } = await loaded(saleDeal('C1:PREPAYMENT_INVOICE'))
    const key = order.draft[0]!.key
    order.update(key, { discountType: 'percent', [field]: text })
    expect(order.dirty).toBe(true)
    expect(order.invalid).toBe(true)
    expect(order.totals).toBeNull()
    const bad = order.priced[0]!.priced
    expect(!bad.ok && bad.error.code).toBe(code)
    const before = portal.log.length
    await order.save()
    expect(portal.log.length).toBe(before)
    // Corrected, the row prices again.
    order.update(key, { [field]: field === 'discountValue' ? '10' : '2' })
    expect(order.invalid).toBe(false)
  })

  it('someone else’s edit in the meantime is a conflict: nothing is overwritten', async () => {
    const id = saleDeal('C1:PREPAYMENT_INVOICE')
    const { order } = await loaded(id)
    // Another manager changes the rows through REST after we loaded them.
    const other = await loaded(id)
    other.order.update(other.order.draft[0]!.key, { quantity: '7' })
    await other.order.save()
    const theirs = portal.store.deals.get(id)!.opportunity

    order.update(order.draft[0]!.key, { quantity: '2' })
    await order.save()
    expect(order.conflict).not.toBeNull()
    expect(portal.store.deals.get(id)!.opportunity).toBe(theirs)

    await order.reload()
    expect(order.conflict).toBeNull()
    expect(new D(order.draft[0]!.quantity).eq(7)).toBe(true)
  })

  it('switching the currency re-prices the rows at portal rates and saves currency and rows together', async () => {
    const id = saleDeal('C1:PREPAYMENT_INVOICE')
    const { order } = await loaded(id)
    const rubList = order.draft[0]!.listPrice
    expect(order.switchCurrency('USD')).toEqual({ ok: true, value: true })
    expect(order.switchRate).toMatchObject({ from: 'RUB', to: 'USD' })
    expect(new D(order.draft[0]!.listPrice).toFixed(2)).toBe(new D(rubList).div('92.5').toDecimalPlaces(2).toFixed(2))
    const shown = order.totals!.opportunity
    await order.save()
    const stored = portal.store.deals.get(id)!
    expect(stored.currencyId).toBe('USD')
    expect(new D(stored.opportunity).toFixed(2)).toBe(shown)
  })

  it('switching RUB → USD → RUB gives back the entered prices exactly and leaves nothing to save', async () => {
    const { order } = await loaded(saleDeal('C1:PREPAYMENT_INVOICE'))
    const entered = order.draft.map((r) => ({ ...r }))
    expect(order.switchCurrency('USD').ok).toBe(true)
    expect(order.dirty).toBe(true)
    expect(order.switchCurrency('RUB').ok).toBe(true)
    expect(order.draft).toEqual(entered)
    expect(order.dirty).toBe(false)
  })

  it('offers the portal’s active VAT rates, and keeps a retired rate a row already has', async () => {
    const id = saleDeal('C1:PREPAYMENT_INVOICE')
    const { order } = await loaded(id)
    const portalRates = [...portal.store.vats.values()].filter((v) => v.active === 'Y').map((v) => v.rate)
    expect(new Set(order.taxRates)).toEqual(new Set(portalRates))
    expect(order.taxRates).not.toContain('20')
    order.update(order.draft[0]!.key, { taxRate: '20' })
    expect(order.taxRates).toContain('20')
  })

  it('a viewer sees the calculation but cannot write it', async () => {
    const { deal, order } = await loaded(saleDeal('C1:PREPAYMENT_INVOICE'), VIEWER)
    expect(deal.role).toBe('viewer')
    expect(order.canEdit).toBe(false)
  })
})

describe('stage moves', () => {
  it('names the approval it cannot give and the data it can ask for; moves once both are there', async () => {
    const id = saleDeal('C1:EXECUTING')
    const stored = portal.store.deals.get(id)!
    stored.uf['UF_CRM_SF_PAY_TERMS'] = ''
    const { stage, tab } = await loaded(id)
    await stage.requestMove('C1:FINAL_INVOICE')
    expect(stage.pending?.missing).toEqual([expect.objectContaining({ kind: 'field', field: 'UF_CRM_SF_PAY_TERMS' })])
    expect(stored.stageId).toBe('C1:EXECUTING')

    await stage.completeMove({ UF_CRM_SF_PAY_TERMS: 'prepay50' })
    expect(stage.moveError).toBeNull()
    expect(stage.pending).toBeNull()
    expect(stored.stageId).toBe('C1:FINAL_INVOICE')
    // The portal stores the list item's ID for the code the form sent.
    expect(stored.uf['UF_CRM_SF_PAY_TERMS']).toBe(
      listItemId(portal.store, 'CRM_DEAL', 'UF_CRM_SF_PAY_TERMS', 'prepay50'),
    )
    expect(tab.frameCalls).toContain('reloadData')
  })

  it('names a stage of the next funnel with its funnel', async () => {
    const { stage } = await loaded(saleDeal('C1:FINAL_INVOICE'))
    expect(stage.stageName('C1:WON')).toBe('Договор подписан')
    expect(stage.stageName('C2:NEW')).toBe('Реализация: Запуск')
  })

  it('an unapproved configuration is reported as an approval to get, not a field to type', async () => {
    const id = saleDeal('C1:PREPAYMENT_INVOICE')
    portal.store.deals.get(id)!.uf['UF_CRM_SF_CFG_STATE'] = 'pending'
    const { stage } = await loaded(id)
    await stage.requestMove('C1:EXECUTING')
    expect(stage.pending?.missing).toContainEqual(
      expect.objectContaining({ kind: 'fieldEquals', field: 'UF_CRM_SF_CFG_STATE', what: 'approval' }),
    )
  })

  it('a viewer is offered no moves, and a forced move is refused by the rules before any write', async () => {
    const id = saleDeal('C1:PREPAYMENT_INVOICE')
    const { stage } = await loaded(id, VIEWER)
    expect(stage.options.filter((o) => o.check.ok)).toEqual([])
    const before = portal.log.length
    await stage.requestMove('C1:EXECUTING')
    expect(stage.moveError?.code).toBe('ROLE_NOT_ALLOWED')
    expect(portal.log.length).toBe(before)
  })
})

describe('delivery', () => {
  it('prices delivery by the rate table, adds it as a row and saves the parameters with the rows', async () => {
    const id = saleDeal('C1:PREPAYMENT_INVOICE')
    const { tab, order } = await loaded(id)
    const delivery = tab.run(() => useDeliveryStore())
    delivery.zone = 'central'
    delivery.urgency = 'express'
    delivery.weightKg = '350'
    const expected = quoteDelivery(DEFAULT_DELIVERY_TABLE, 'central', 'express', '350')
    expect(expected.ok).toBe(true)
    if (!expected.ok || !delivery.quote?.ok) throw new Error('no quote')
    expect(new D(delivery.quote.value.price).eq(expected.value.price)).toBe(true)
    const rowsBefore = order.draft.length
    delivery.apply()
    expect(order.draft).toHaveLength(rowsBefore + 1)
    expect(delivery.applied).toBe(true)
    delivery.apply() // applying again updates the same row
    expect(order.draft).toHaveLength(rowsBefore + 1)

    await order.save()
    expect(order.saveError).toBeNull()
    const stored = portal.store.deals.get(id)!
    expect(stored.uf).toMatchObject({
      UF_CRM_SF_DLV_ZONE: listItemId(portal.store, 'CRM_DEAL', 'UF_CRM_SF_DLV_ZONE', 'central'),
      UF_CRM_SF_URGENCY: listItemId(portal.store, 'CRM_DEAL', 'UF_CRM_SF_URGENCY', 'express'),
      UF_CRM_SF_DLV_KG: '350',
    })
    expect(new D(stored.opportunity).toFixed(2)).toBe(order.totals?.opportunity)
    // Reopened from what the portal stored, the delivery row still counts as applied.
    expect(delivery.applied).toBe(true)
    const rows = [...portal.store.productRows.values()].filter((r) => r.ownerType === 'D' && r.ownerId === id)
    expect(rows.some((r) => r.productName === 'Доставка' && new D(r.price).eq(expected.value.price))).toBe(true)
  })

  it('a weight no tariff covers is a typed reason, not a price', async () => {
    const { tab } = await loaded(saleDeal('C1:PREPAYMENT_INVOICE'))
    const delivery = tab.run(() => useDeliveryStore())
    delivery.zone = 'nowhere'
    delivery.weightKg = '10'
    expect(delivery.quote?.ok === false && delivery.quote.error.code).toBe('NO_DELIVERY_RULE')
  })
})
