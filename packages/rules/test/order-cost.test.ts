import { describe, expect, it } from 'vitest'
import fc from 'fast-check'
import {
  D,
  DEFAULT_DELIVERY_TABLE,
  DEFAULT_PRODUCT_MODEL,
  computeOrderCost,
  computeProductRows,
  convertMoney,
  quoteDelivery,
} from '../src'
import type { CatalogPrice, Configuration, OrderCostInput, PortalCurrency } from '../src'

const unwrap = <T>(r: { ok: true; value: T } | { ok: false; error: unknown }): T => {
  if (!r.ok) throw new Error(`unexpected error ${JSON.stringify(r.error)}`)
  return r.value
}
const CURRENCIES: PortalCurrency[] = [
  { CURRENCY: 'RUB', AMOUNT: '1', AMOUNT_CNT: '1', isBase: true, decimals: 2 },
  { CURRENCY: 'USD', AMOUNT: '92.5000', AMOUNT_CNT: '1', isBase: false, decimals: 2 },
  { CURRENCY: 'EUR', AMOUNT: '100.2500', AMOUNT_CNT: '1', isBase: false, decimals: 2 },
  { CURRENCY: 'CNY', AMOUNT: '12.7500', AMOUNT_CNT: '1', isBase: false, decimals: 2 },
]
const CATALOG: CatalogPrice[] = [
  { itemId: 'pt-200', price: '185000', currency: 'RUB', weightGrams: 95000, volumeM3: '0.9' },
  { itemId: 'pt-500', price: '310000', currency: 'RUB', weightGrams: 180000, volumeM3: '1.6' },
  { itemId: 'sensor-c3', price: '129.90', currency: 'USD', weightGrams: 1200 },
  { itemId: 'sensor-c4', price: '155.00', currency: 'EUR', weightGrams: 1300 },
  { itemId: 'ctrl-basic', price: '1890', currency: 'CNY', weightGrams: 800 },
  { itemId: 'ctrl-pro', price: '24500', currency: 'RUB', weightGrams: 900 },
  { itemId: 'drive-fc', price: '699.99', currency: 'EUR', weightGrams: 14000 },
  { itemId: 'frame-light', price: '21000', currency: 'RUB', weightGrams: 40000 },
  { itemId: 'frame-heavy', price: '36000', currency: 'RUB', weightGrams: 75000 },
  { itemId: 'cable-5', price: '850', currency: 'RUB', weightGrams: 400 },
]
const CONFIG: Configuration = {
  platformId: 'pt-200',
  components: [
    { componentId: 'frame-light', quantity: 1 },
    { componentId: 'sensor-c3', quantity: 4 },
    { componentId: 'ctrl-basic', quantity: 1 },
    { componentId: 'cable-5', quantity: 2 },
  ],
}
const INPUT: OrderCostInput = {
  model: DEFAULT_PRODUCT_MODEL,
  configuration: CONFIG,
  catalog: CATALOG,
  currency: 'RUB',
  currencies: CURRENCIES,
  taxRate: 22,
  taxIncluded: 'Y',
  configuredProductId: 501,
}
const conv = (amount: string, from: string) => unwrap(convertMoney(amount, from, 'RUB', CURRENCIES))

describe('quoteDelivery', () => {
  it.each([
    ['moscow', 'standard', '100', '0', '3000.00'],
    ['moscow', 'standard', '100.001', '0', '5100.01'], // 4500 + 6 × 100.001
    ['moscow', 'standard', '1000', '0', '10500.00'],
    ['moscow', 'standard', '1001', '0', '14005.00'],
    ['central', 'standard', '10', '0.5', '9500.00'], // 125 kg volumetric: 8000 + 12 × 125
    ['remote', 'express', '50', '0', '20000.00'], // 12000 × 1.5 + 2000
    ['central', 'express', '0', '0', '11000.00'],
  ])('%s, %s, %s kg, %s m³ → %s', (zone, urgency, kg, m3, price) => {
    expect(unwrap(quoteDelivery(DEFAULT_DELIVERY_TABLE, zone, urgency, kg, m3)).price).toBe(price)
  })

  it('refuses a table with a non-numeric price instead of throwing', () => {
    const broken = { ...DEFAULT_DELIVERY_TABLE, tiers: [{ zone: 'moscow', upToKg: null, base: 'free', perKg: '0' }] }
    expect(quoteDelivery(broken, 'moscow', 'standard', '1')).toMatchObject({
      ok: false,
      error: { code: 'INVALID_NUMBER', field: 'base' },
    })
  })

  it('uses volumetric weight when it exceeds the actual weight', () => {
    const q = unwrap(quoteDelivery(DEFAULT_DELIVERY_TABLE, 'moscow', 'standard', '50', '2'))
    expect([q.chargeableKg, q.volumetricKg, q.price]).toEqual(['500', '500', '7500.00'])
  })

  it.each([
    ['arctic', 'standard', '1', 'NO_DELIVERY_RULE'],
    ['moscow', 'overnight', '1', 'UNKNOWN_URGENCY'],
    ['moscow', 'standard', '-1', 'NEGATIVE_AMOUNT'],
    ['moscow', 'standard', 'heavy', 'INVALID_NUMBER'],
  ])('refuses %s / %s / %s kg: %s', (zone, urgency, kg, code) => {
    expect(quoteDelivery(DEFAULT_DELIVERY_TABLE, zone, urgency, kg)).toMatchObject({ ok: false, error: { code } })
  })
})

describe('computeOrderCost', () => {
  const unitList = new D(185000)
    .plus(21000)
    .plus(new D(conv('129.90', 'USD')).times(4))
    .plus(conv('1890', 'CNY'))
    .plus(1700)

  it('prices one configured unit from converted catalog prices and stores exactly the list price and discount', () => {
    const cost = unwrap(computeOrderCost({ ...INPUT, units: 2, discount: { type: 'percent', rate: 7 } }))
    expect(cost.unitListPrice).toBe(unitList.toFixed(2))
    expect(cost.rows).toHaveLength(1)
    const [row] = cost.rows
    expect(row).toMatchObject({
      kind: 'configured',
      productId: 501,
      productName: cost.name,
      quantity: '2',
      listPrice: unitList.toFixed(2),
      exact: true,
    })
    expect(cost.stored[0]).toMatchObject({ priceBrutto: unitList.toFixed(2), discountRate: '7.00', taxRate: '22.00' })
    expect(cost.article).toMatch(/^PT200-RL-LC3x4-KS1-CB5x2-/)
  })

  it('itemises per component with the same total list price', () => {
    const cost = unwrap(computeOrderCost({ ...INPUT, itemization: 'components' }))
    expect(cost.rows.map((r) => [r.kind, r.productName.slice(0, 12), r.quantity])).toEqual([
      ['platform', 'Платформа ПТ', '1'],
      ['component', 'Кабель сигна', '2'],
      ['component', 'Контроллер К', '1'],
      ['component', 'Рама облегчё', '1'],
      ['component', 'Датчик веса ', '4'],
    ])
    const listTotal = cost.rows.reduce((s, r) => s.plus(new D(r.listPrice).times(r.quantity!)), new D(0))
    expect(listTotal.toFixed(2)).toBe(unitList.toFixed(2))
    expect(cost.opportunity).toBe(unitList.toFixed(2))
  })

  it('adds delivery from the rule table, with weight and volume summed from the catalog', () => {
    const delivery = { table: DEFAULT_DELIVERY_TABLE, zone: 'central', urgency: 'express' }
    const cost = unwrap(computeOrderCost({ ...INPUT, delivery }))
    // 95 + 40 + 4 × 1.2 + 0.8 + 2 × 0.4 = 141.4 kg; 0.9 m³ × 250 = 225 kg chargeable
    expect(cost.delivery).toMatchObject({ actualKg: '141.4', chargeableKg: '225', price: '18050.00' }) // (8000 + 12 × 225) × 1.5 + 2000
    expect(cost.rows[1]).toMatchObject({ kind: 'delivery', price: '18050.00', taxRate: '22.00', quantity: '1' })
    expect(cost.opportunity).toBe(unitList.plus('18050').toFixed(2))
    const net = unwrap(
      computeOrderCost({ ...INPUT, taxIncluded: 'N', delivery: { ...delivery, weightKg: '10', volumeM3: 0 } }),
    )
    // 6000 × 1.5 + 2000 = 11000 gross → 9016.39 net, and the portal adds 22 % back: 11000.00
    expect(net.rows[1]).toMatchObject({ listPrice: '9016.39' })
    expect(net.stored[1]).toMatchObject({ sum: '11000.00' })
  })

  it.each([
    [{ catalog: CATALOG.filter((c) => c.itemId !== 'cable-5') }, 'PRICE_MISSING'],
    [{ configuration: { ...CONFIG, platformId: 'pt-9' } }, 'CONFIGURATION_INVALID'],
    [{ itemization: 'components', discount: { type: 'amount', sum: '100' } }, 'CONFIG_INVALID'],
    [{ units: 0 }, 'INVALID_NUMBER'],
    [
      {
        catalog: [...CATALOG.filter((c) => c.itemId !== 'cable-5'), { itemId: 'cable-5', price: '1', currency: 'GBP' }],
      },
      'UNKNOWN_CURRENCY',
    ],
    [{ delivery: { table: DEFAULT_DELIVERY_TABLE, zone: 'mars', urgency: 'standard' } }, 'NO_DELIVERY_RULE'],
  ] as [Partial<OrderCostInput>, string][])('refuses case %#: %s', (over, code) => {
    expect(computeOrderCost({ ...INPUT, ...over })).toMatchObject({ ok: false, error: { code } })
  })

  it('produces rows that computeProductRows stores as reported, with the list price and discount kept when exact', () => {
    const price = fc.integer({ min: 1, max: 5_000_000 }).map((k) => new D(k).div(100).toFixed(2))
    fc.assert(
      fc.property(
        fc.record({
          prices: fc.array(fc.tuple(price, fc.constantFrom('RUB', 'USD', 'EUR', 'CNY')), {
            minLength: CATALOG.length,
            maxLength: CATALOG.length,
          }),
          discount: fc.oneof(
            fc
              .integer({ min: 0, max: 9999 })
              .map((bp) => ({ type: 'percent' as const, rate: new D(bp).div(100).toFixed(2) })),
            fc
              .integer({ min: 0, max: 100_000 })
              .map((k) => ({ type: 'amount' as const, sum: new D(k).div(100).toFixed(2) })),
          ),
          taxIncluded: fc.constantFrom<'Y' | 'N'>('Y', 'N'),
          taxRate: fc.constantFrom(null, 0, 10, 22),
          units: fc.integer({ min: 1, max: 50 }),
        }),
        ({ prices, discount, taxIncluded, taxRate, units }) => {
          const catalog = CATALOG.map((c, i) => ({ ...c, price: prices[i]![0], currency: prices[i]![1] }))
          const r = computeOrderCost({ ...INPUT, catalog, discount, taxIncluded, taxRate, units })
          if (!r.ok) {
            // only an amount discount larger than the list price may fail
            expect(discount.type).toBe('amount')
            return
          }
          const again = computeProductRows(r.value.rows)
          expect(again.rows.map((x) => x.ok && x.value)).toEqual(r.value.stored)
          expect(again.opportunity).toBe(r.value.opportunity)
          const row = r.value.rows[0]!
          const stored = r.value.stored[0]!
          if (row.exact) {
            expect(taxIncluded === 'Y' ? stored.priceBrutto : stored.priceNetto).toBe(row.listPrice)
            if (discount.type === 'percent') expect(stored.discountRate).toBe(discount.rate)
          }
        },
      ),
      { numRuns: 150 },
    )
  })
})
