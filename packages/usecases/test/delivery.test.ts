import { describe, expect, it } from 'vitest'
import { applyDelivery, deliveryApplied, deliveryRowOf, readSettings, type DraftRow } from '../src'

const row = (over: Partial<DraftRow>): DraftRow => ({
  key: 'row-1',
  id: 1,
  productId: 101,
  productName: 'Платформа',
  measureCode: 796,
  measureName: 'шт',
  listPrice: '100.00',
  discountType: 'percent',
  discountValue: '0',
  quantity: '1',
  taxRate: '22',
  taxIncluded: 'Y',
  ...over,
})

describe('the delivery row', () => {
  const settings = readSettings({ 'salesflow.policy': { deliveryRow: { productId: 901 } } })

  it('is recognised by its catalog product, not by a name a manager can retype', () => {
    const renamed = row({ key: 'row-2', productId: 901, productName: 'Перевозка' })
    const named = row({ key: 'row-3', productId: 0, productName: 'Доставка' })
    expect(deliveryRowOf([named, renamed], settings)).toBe(renamed)
    expect(deliveryRowOf([named], settings)).toBeUndefined()
  })

  it('is added once with the quoted price and then updated in place', () => {
    const first = applyDelivery([row({})], { price: '7500.00' }, settings, 'en', 'new')
    expect(first.ok && first.value.map((r) => [r.productId, r.productName, r.listPrice])).toEqual([
      [101, 'Платформа', '100.00'],
      [901, 'Delivery', '7500.00'],
    ])
    if (!first.ok) return
    const again = applyDelivery(first.value, { price: '8000' }, settings, 'en', 'other')
    expect(again.ok && again.value.map((r) => r.listPrice)).toEqual(['100.00', '8000'])
    expect(deliveryApplied(again.ok ? again.value[1] : undefined, { price: '8000.00' })).toBe(true)
  })

  it('cannot be added while no delivery product is configured: a coded error, the draft untouched', () => {
    const r = applyDelivery([row({})], { price: '1' }, readSettings({}), 'ru', 'new')
    expect(r).toEqual({ ok: false, error: { code: 'DELIVERY_PRODUCT_NOT_CONFIGURED' } })
  })
})
