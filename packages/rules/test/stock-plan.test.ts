import { describe, expect, it } from 'vitest'
import fc from 'fast-check'
import Decimal from 'decimal.js'
import { planStockDocuments, type HeldStock, type StockPlan, type TargetStock } from '../src'

const key = (p: number, s: number) => `${p}/${s}`

/** The portal's stock after conducting the plan's arrival and deduct documents (an independent replay). */
function apply(held: readonly HeldStock[], plan: StockPlan): Map<string, Decimal> {
  const stock = new Map<string, Decimal>()
  for (const h of held) stock.set(key(h.productId, h.storeId), new Decimal(h.amount))
  for (const l of plan.arrival) {
    const k = key(l.productId, l.storeId)
    stock.set(k, (stock.get(k) ?? new Decimal(0)).plus(l.amount))
  }
  for (const l of plan.deduct) {
    const k = key(l.productId, l.storeId)
    stock.set(k, (stock.get(k) ?? new Decimal(0)).minus(l.amount))
  }
  return stock
}

const quantity = fc
  .tuple(fc.integer({ min: 0, max: 1_000_000 }), fc.integer({ min: 0, max: 999 }))
  .map(([whole, milli]) => new Decimal(whole).plus(new Decimal(milli).div(1000)).toFixed())
const pair = fc.record({ productId: fc.integer({ min: 1, max: 6 }), storeId: fc.integer({ min: 1, max: 3 }) })
const held = fc.uniqueArray(fc.record({ at: pair, amount: quantity }), {
  selector: (h) => key(h.at.productId, h.at.storeId),
})
const target = fc.uniqueArray(fc.record({ at: pair, quantity }), { selector: (t) => key(t.at.productId, t.at.storeId) })

describe('planStockDocuments: the inventory documents that make the portal stock equal the master-data stock', () => {
  it('after the planned documents every named pair equals the target, others are untouched, equal pairs get no line', () => {
    fc.assert(
      fc.property(held, target, (h, t) => {
        const heldRows: HeldStock[] = h.map((x) => ({ ...x.at, amount: x.amount }))
        const targetRows: TargetStock[] = t.map((x) => ({ ...x.at, quantity: x.quantity }))
        const plan = planStockDocuments(heldRows, targetRows)
        if (!plan.ok) throw new Error(JSON.stringify(plan.error))
        const after = apply(heldRows, plan.value)
        for (const x of targetRows) expect(after.get(key(x.productId, x.storeId))?.eq(x.quantity)).toBe(true)
        const named = new Set(targetRows.map((x) => key(x.productId, x.storeId)))
        for (const x of heldRows)
          if (!named.has(key(x.productId, x.storeId)))
            expect(after.get(key(x.productId, x.storeId))?.eq(x.amount)).toBe(true)
        const lines = [...plan.value.arrival, ...plan.value.deduct]
        for (const l of lines) expect(new Decimal(l.amount).gt(0)).toBe(true)
        const lineKeys = lines.map((l) => key(l.productId, l.storeId))
        expect(new Set(lineKeys).size).toBe(lineKeys.length)
        for (const x of targetRows) {
          const was = heldRows.find((y) => key(y.productId, y.storeId) === key(x.productId, x.storeId))
          if (new Decimal(was?.amount ?? 0).eq(x.quantity)) expect(lineKeys).not.toContain(key(x.productId, x.storeId))
        }
        // A deduct never takes more than the store holds: conducting it cannot go negative.
        for (const l of plan.value.deduct) {
          const was = heldRows.find((y) => key(y.productId, y.storeId) === key(l.productId, l.storeId))
          expect(new Decimal(was?.amount ?? 0).gte(l.amount)).toBe(true)
        }
      }),
    )
  })

  it('planning again from the result plans nothing', () => {
    fc.assert(
      fc.property(held, target, (h, t) => {
        const heldRows: HeldStock[] = h.map((x) => ({ ...x.at, amount: x.amount }))
        const targetRows: TargetStock[] = t.map((x) => ({ ...x.at, quantity: x.quantity }))
        const first = planStockDocuments(heldRows, targetRows)
        if (!first.ok) throw new Error('refused')
        const after = [...apply(heldRows, first.value)].map(([k, v]) => {
          const [productId, storeId] = k.split('/').map(Number) as [number, number]
          return { productId, storeId, amount: v.toFixed() }
        })
        expect(planStockDocuments(after, targetRows)).toEqual({ ok: true, value: { arrival: [], deduct: [] } })
      }),
    )
  })

  it('splits increases and decreases, a pair never held starts from zero', () => {
    const plan = planStockDocuments(
      [
        { productId: 101, storeId: 1, amount: '10' },
        { productId: 101, storeId: 2, amount: '4' },
        { productId: 102, storeId: 1, amount: '7.5' },
      ],
      [
        { productId: 101, storeId: 1, quantity: '12' },
        { productId: 101, storeId: 2, quantity: '1' },
        { productId: 102, storeId: 1, quantity: '7.50' },
        { productId: 103, storeId: 2, quantity: '3' },
      ],
    )
    expect(plan).toEqual({
      ok: true,
      value: {
        arrival: [
          { productId: 101, storeId: 1, amount: '2' },
          { productId: 103, storeId: 2, amount: '3' },
        ],
        deduct: [{ productId: 101, storeId: 2, amount: '3' }],
      },
    })
  })

  it('refuses a negative or non-numeric quantity, and a pair named twice', () => {
    expect(planStockDocuments([], [{ productId: 1, storeId: 1, quantity: '-1' }])).toMatchObject({
      ok: false,
      error: { code: 'OUT_OF_RANGE', field: 'target[0].quantity' },
    })
    expect(planStockDocuments([], [{ productId: 1, storeId: 1, quantity: 'NaN' }])).toMatchObject({
      ok: false,
      error: { code: 'INVALID_NUMBER' },
    })
    const twice = [
      { productId: 1, storeId: 1, quantity: '1' },
      { productId: 1, storeId: 1, quantity: '2' },
    ]
    expect(planStockDocuments([], twice)).toMatchObject({ ok: false, error: { code: 'DUPLICATE_ID', id: '1/1' } })
  })
})
