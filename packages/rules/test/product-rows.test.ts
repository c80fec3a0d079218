import { describe, expect, it } from 'vitest'
import fc from 'fast-check'
import { computeProductRows, D, roundEx } from '../src'
import type { ProductRowInput } from '../src'
import { baseline } from './support/reference-decimal'

const one = (row: ProductRowInput, path: 'factory' | 'legacy' = 'factory') => {
  const r = computeProductRows([row], { path })
  const first = r.rows[0]!
  if (!first.ok) throw new Error(JSON.stringify(first.error))
  return { row: first.value, doc: r }
}

describe('computeProductRows: input as REST sends it', () => {
  it('accepts numeric strings exactly like numbers', () => {
    const a = one({ price: 80000, quantity: 2, discountRate: 20, taxRate: 20, taxIncluded: 'Y' })
    const b = one({ price: '80000', quantity: '2', discountRate: '20.00', taxRate: '20', taxIncluded: 'Y' })
    expect(b).toEqual(a)
  })

  it('defaults: quantity 1, a 0 % discount, no tax, tax not included', () => {
    const { row } = one({ price: '100' })
    expect(row).toMatchObject({
      quantity: '1.0000',
      discountTypeId: 2,
      discountRate: '0.00',
      discountSum: '0.00',
      taxRate: null,
      taxIncluded: 'N',
      sum: '100.00',
      tax: '0.00',
    })
  })

  it('an empty document has zero totals', () => {
    expect(computeProductRows([])).toEqual({ rows: [], opportunity: '0.00', taxValue: '0.00', hasErrors: false })
  })

  it.each([
    ['price', { price: 'abc' }],
    ['price', { price: '' }],
    ['price', { price: Number.NaN }],
    ['price', { price: Number.POSITIVE_INFINITY }],
    ['quantity', { price: 1, quantity: '1,5' }],
    ['taxRate', { price: 1, taxRate: 'twenty' }],
    ['discountRate', { price: 1, discountRate: Number.NEGATIVE_INFINITY }],
    ['discountSum', { price: 1, discountTypeId: 1, discountSum: {} }],
  ])('names the bad field (%s) with INVALID_NUMBER and keeps the other rows', (field, bad) => {
    const r = computeProductRows([{ price: 10 }, bad as ProductRowInput])
    expect(r.hasErrors).toBe(true)
    expect(r.rows[0]!.ok).toBe(true)
    const second = r.rows[1]!
    expect(!second.ok && second.error).toMatchObject({ code: 'INVALID_NUMBER', field })
    expect(r.opportunity).toBe('10.00')
  })

  it.each([
    [{ price: 1, discountTypeId: 3 }, 'discountTypeId'],
    [{ price: 1, taxIncluded: 'yes' }, 'taxIncluded'],
  ])('rejects %j with INVALID_ENUM', (row, field) => {
    const r = computeProductRows([row as ProductRowInput]).rows[0]!
    expect(!r.ok && r.error).toMatchObject({ code: 'INVALID_ENUM', field })
  })

  it('refuses a 100 % percent discount without a discount sum, as the portal does', () => {
    const r = computeProductRows([{ price: 0, discountTypeId: 2, discountRate: 100, discountSum: 0 }]).rows[0]!
    expect(!r.ok && r.error.code).toBe('DISCOUNT_SUM_REQUIRED')
  })

  it('accepts negative quantities and prices without clamping, like the portal (returns, corrections)', () => {
    const { row, doc } = one({ price: '100', quantity: '-2', taxRate: 22, taxIncluded: 'Y' })
    expect(row.quantity).toBe('-2.0000')
    expect(row.sum).toBe('-200.00')
    // roundEx biases negative ties towards zero: the VAT of -200 at 22 % incl. is -36.065573… → -36.07
    expect(row.tax).toBe(roundEx(new D(-200).times('0.22').div('1.22'), 2).toFixed(2))
    expect(doc.opportunity).toBe('-200.00')
  })

  it('keeps 1e15 amounts exact (no float on the way)', () => {
    const { row, doc } = one({ price: '1000000000000000.01', quantity: '3', taxRate: 22, taxIncluded: 'N' })
    const exclusive = new D('1000000000000000.01').div('1.22').toDecimalPlaces(2, D.ROUND_HALF_UP)
    expect(row.price).toBe('1000000000000000.01')
    expect(row.priceExclusive).toBe(exclusive.toFixed(2))
    const tax = exclusive.times(3).times('0.22').toDecimalPlaces(2, D.ROUND_HALF_UP)
    expect(doc.taxValue).toBe(tax.toFixed(2))
    expect(doc.opportunity).toBe(exclusive.times(3).plus(tax).toFixed(2))
  })

  it('computes the 2026 Russian VAT of 22 % and the reduced 10 % from portal data, not constants', () => {
    const doc = computeProductRows([
      { price: '1220', quantity: 1, taxRate: '22', taxIncluded: 'Y' },
      { price: '110', quantity: 2, taxRate: '10', taxIncluded: 'Y' },
    ])
    expect(doc.opportunity).toBe('1440.00')
    expect(doc.taxValue).toBe('240.00')
  })

  it('legacy path keeps the derived prices the caller supplies', () => {
    const { row } = one(
      { price: '899.10', priceNetto: '1000.00', discountTypeId: 2, discountRate: 10, discountSum: '100.9' },
      'legacy',
    )
    expect(row).toMatchObject({ priceNetto: '1000.00', discountSum: '100.90', priceExclusive: '899.10' })
    const factory = one({ price: '899.10', discountTypeId: 2, discountRate: 10, discountSum: '100.9' })
    expect(factory.row).toMatchObject({ priceNetto: '999.00', discountSum: '99.90' })
  })
})

describe('computeProductRows: invariants', () => {
  const amount = fc.integer({ min: -10_000_000_00, max: 10_000_000_00 }).map((c) => new D(c).div(100).toFixed(2))
  const qty = fc.integer({ min: -1000_0000, max: 1000_0000 }).map((q) => new D(q).div(10000).toFixed(4))
  const rate = fc.constantFrom(null, '0', '5', '7', '10', '18', '20', '22', '12.5')
  const row: fc.Arbitrary<ProductRowInput> = fc.oneof(
    fc.record({
      price: amount,
      quantity: qty,
      discountTypeId: fc.constant(2 as const),
      discountRate: fc.integer({ min: 0, max: 9999 }).map((r) => new D(r).div(100).toFixed(2)),
      taxRate: rate,
      taxIncluded: fc.constantFrom('Y' as const, 'N' as const),
    }),
    fc.record({
      price: amount,
      quantity: qty,
      discountTypeId: fc.constant(1 as const),
      // A negative discount sum is refused (it would make negative prices): see hardening.test.ts.
      discountSum: amount.map((a) => new D(a).abs().toFixed(2)),
      taxRate: rate,
      taxIncluded: fc.constantFrom('Y' as const, 'N' as const),
    }),
  )
  const finite = (s: string | null) => s === null || new D(s).isFinite()
  const figures = (out: object) => Object.entries(out).filter(([k, v]) => k !== 'taxIncluded' && typeof v === 'string')

  it('priceNetto − discountSum = priceExclusive, and every figure is a finite decimal', () => {
    fc.assert(
      fc.property(row, (r) => {
        const { row: out } = one(r)
        expect(new D(out.priceNetto).minus(out.discountSum).eq(out.priceExclusive)).toBe(true)
        for (const [, v] of figures(out)) expect(finite(v)).toBe(true)
      }),
    )
  })

  it('OPPORTUNITY and TAX_VALUE are exactly the sums of the row sums and row taxes', () => {
    fc.assert(
      fc.property(fc.array(row, { maxLength: 30 }), (rows) => {
        const doc = computeProductRows(rows)
        const valid = doc.rows.flatMap((r) => (r.ok ? [r.value] : []))
        const sum = valid.reduce((s, r) => s.plus(r.sum), new D(0))
        const tax = valid.reduce((s, r) => s.plus(r.tax), new D(0))
        expect(new D(doc.opportunity).eq(sum)).toBe(true)
        expect(new D(doc.taxValue).eq(tax)).toBe(true)
      }),
    )
  })

  it('a tax-included row costs exactly PRICE × QUANTITY (rounded once)', () => {
    fc.assert(
      fc.property(amount, qty, rate, (price, quantity, taxRate) => {
        const { row: out } = one({ price, quantity, taxRate, taxIncluded: 'Y' })
        expect(out.sum).toBe(roundEx(new D(price).times(quantity), 2).toFixed(2))
      }),
    )
  })

  it('never yields NaN or Infinity, whatever it is fed', () => {
    const anything = fc.oneof(fc.double(), fc.string(), fc.constant(null), fc.constant(undefined), amount)
    fc.assert(
      fc.property(anything, anything, anything, anything, (price, quantity, discountRate, taxRate) => {
        const doc = computeProductRows([{ price, quantity, discountRate, taxRate } as ProductRowInput])
        expect(finite(doc.opportunity) && finite(doc.taxValue)).toBe(true)
        const r = doc.rows[0]!
        if (r.ok) for (const [, v] of figures(r.value)) expect(finite(v)).toBe(true)
        else expect(r.error.code).toMatch(/^[A-Z_]+$/)
      }),
    )
  })
})

describe('computeProductRows: differential check against plain decimal.js', () => {
  const amount = fc.integer({ min: -1_000_000_000, max: 1_000_000_000 }).map((c) => new D(c).div(100).toFixed(2))
  const row: fc.Arbitrary<ProductRowInput> = fc.record({
    price: amount,
    quantity: fc.integer({ min: -100_000, max: 10_000_000 }).map((q) => new D(q).div(10000).toFixed(4)),
    discountTypeId: fc.constantFrom(1 as const, 2 as const),
    discountRate: fc.integer({ min: 0, max: 9999 }).map((r) => new D(r).div(100).toFixed(2)),
    discountSum: amount.map((a) => new D(a).abs().toFixed(2)),
    taxRate: fc.constantFrom(null, '0', '5', '7', '10', '12.5', '18', '20', '22'),
    taxIncluded: fc.constantFrom('Y' as const, 'N' as const),
  })

  it('OPPORTUNITY and TAX_VALUE equal the decimal.js reference for any valid document', { timeout: 30_000 }, () => {
    fc.assert(
      fc.property(fc.array(row, { maxLength: 40 }), (rows) => {
        const doc = computeProductRows(rows)
        expect(`${doc.opportunity}/${doc.taxValue}`).toBe(baseline(rows))
      }),
      { numRuns: 500 },
    )
  })
})
