import { describe, expect, it } from 'vitest'
import fc from 'fast-check'
import { computeProductRows, D, listPriceOf, priceForRest } from '../src'
import type { ManagerPriceInput } from '../src'
import { referencePriceForRest } from './support/reference-price-for-rest'

const run = (input: ManagerPriceInput) => {
  const r = priceForRest(input)
  if (!r.ok) throw new Error(JSON.stringify(r.error))
  return r.value
}

describe('priceForRest', () => {
  it('gives exactly what the straightforward decimal.js version gives, errors included', () => {
    // Candidates are judged in fixed point now; the reference judges each through computeProductRows.
    const decimals = (max: number, places: number, min = 0) =>
      fc.integer({ min, max }).map((c) => new D(c).div(10 ** places).toFixed(places))
    const price = fc.oneof(
      { weight: 8, arbitrary: fc.oneof(decimals(1e9, 2), decimals(1e8, 4), decimals(1e12, 6)) },
      { weight: 1, arbitrary: fc.oneof(decimals(0, 2, -1e6), fc.constantFrom('0', '1e3', 'x', '')) },
    )
    const rate = fc.oneof(
      { weight: 8, arbitrary: fc.oneof(decimals(9000, 2), decimals(100000, 3)) },
      { weight: 1, arbitrary: fc.constantFrom('0', '-1', '100', '100.00', '101') },
    )
    const input = fc.record(
      {
        listPrice: price,
        quantity: fc.oneof(decimals(100000, 4), fc.constantFrom('1', '0', '-2')),
        discount: fc.oneof(
          rate.map((r) => ({ type: 'percent' as const, rate: r })),
          decimals(100000, 2).map((sum) => ({ type: 'amount' as const, sum })),
        ),
        taxRate: fc.oneof(fc.constantFrom(null, '0', '10', '20', '22', '-5', '150'), decimals(3000, 3)),
        taxIncluded: fc.constantFrom('Y' as const, 'N' as const),
      },
      { requiredKeys: ['listPrice'] },
    )
    fc.assert(
      fc.property(input, (i) => {
        expect(priceForRest(i)).toEqual(referencePriceForRest(i))
      }),
      { numRuns: 1000 },
    )
  }, 60_000)

  it('V05: list 999.99 with 12.5 % off is sent as 874.99 and stored back as list 999.99', () => {
    const r = run({ listPrice: '999.99', discount: { type: 'percent', rate: '12.5' } })
    expect(r.input.price).toBe('874.99')
    expect(r.stored).toMatchObject({ priceNetto: '999.99', discountRate: '12.50', discountSum: '125.00' })
    expect(r.exact).toBe(true)
  })

  it('finds a price the portal round-trips where the naive list × (1 − d) comes back off', () => {
    // 75.66 % off a gross list price of 323 051.48 at 7 % VAT: one kopeck of PRICE moves the derived list by four.
    const input: ManagerPriceInput = {
      listPrice: '323051.48',
      discount: { type: 'percent', rate: '75.66' },
      taxRate: 7,
      taxIncluded: 'Y',
    }
    const naivePrice = new D('323051.48').times('0.2434').toDecimalPlaces(2, D.ROUND_HALF_UP).toFixed(2)
    const naive = computeProductRows([{ price: naivePrice, discountRate: '75.66', taxRate: 7, taxIncluded: 'Y' }])
    expect(naive.rows[0]!.ok && naive.rows[0]!.value.priceBrutto).not.toBe('323051.48')

    const r = run(input)
    expect(r.exact).toBe(true)
    expect(r.stored.priceBrutto).toBe('323051.48')
    expect(r.stored.discountRate).toBe('75.66')
  })

  it('an absolute discount is kept as the manager typed it', () => {
    const r = run({ listPrice: '1220.00', discount: { type: 'amount', sum: '122' }, taxRate: 22, taxIncluded: 'Y' })
    expect(r.stored).toMatchObject({ priceBrutto: '1220.00', discountSum: '122.00', discountTypeId: 1 })
    expect(r.exact).toBe(true)
  })

  it('a 100 % discount sends the discount sum the portal demands', () => {
    const r = run({ listPrice: '500', discount: { type: 'percent', rate: 100 } })
    expect(r.input).toMatchObject({ price: '0.00', discountRate: '100.00', discountSum: '500.00' })
    expect(r.stored.priceNetto).toBe('500.00')
  })

  it('rejects bad input with the field named', () => {
    const r = priceForRest({ listPrice: 'много' })
    expect(!r.ok && r.error).toMatchObject({ code: 'INVALID_NUMBER', field: 'listPrice' })
  })

  describe('properties', () => {
    const list = fc.integer({ min: 100_000, max: 1_000_000_000 }).map((c) => new D(c).div(100).toFixed(2))
    const pct = fc.integer({ min: 0, max: 9000 }).map((r) => new D(r).div(100).toFixed(2))
    const tax = fc.constantFrom(null, '0', '5', '7', '10', '20', '22')

    it('what it returns is what the portal stores for the row it sends', () => {
      fc.assert(
        fc.property(list, pct, tax, fc.constantFrom('Y' as const, 'N' as const), (listPrice, rate, taxRate, inc) => {
          const r = run({ listPrice, discount: { type: 'percent', rate }, taxRate, taxIncluded: inc })
          const again = computeProductRows([r.input]).rows[0]!
          expect(again.ok && again.value).toEqual(r.stored)
          if (r.exact) expect(r.stored[inc === 'Y' ? 'priceBrutto' : 'priceNetto']).toBe(listPrice)
        }),
      )
    })

    it('a converted list price (4 decimals) with any discount gets a row, never a negative discount', () => {
      // Found by a random run: 501.4137 at 0 % with 10 % VAT on top tried a price a kopeck above the list.
      expect(
        run({ listPrice: '501.4137', discount: { type: 'percent', rate: '0' }, taxRate: '10' }).input,
      ).toBeDefined()
      const converted = fc.integer({ min: 1, max: 100_000_000 }).map((c) => new D(c).div(10_000).toFixed(4))
      fc.assert(
        fc.property(
          converted,
          pct,
          tax,
          fc.constantFrom('Y' as const, 'N' as const),
          (listPrice, rate, taxRate, inc) => {
            const r = run({ listPrice, discount: { type: 'percent', rate }, taxRate, taxIncluded: inc })
            expect(new D(r.stored.discountSum).isNegative()).toBe(false)
          },
        ),
      )
    })

    it('with tax on top, every list price from 1 000 ₽ and discount up to 90 % is stored exactly', () => {
      fc.assert(
        fc.property(list, pct, tax, (listPrice, rate, taxRate) => {
          const r = run({ listPrice, discount: { type: 'percent', rate }, taxRate, taxIncluded: 'N' })
          expect(r.exact).toBe(true)
          expect(r.stored.priceNetto).toBe(listPrice)
          expect(r.stored.discountRate).toBe(rate)
        }),
      )
    })
  })
})

describe('listPriceOf', () => {
  const stored = (input: ManagerPriceInput) => run(input).stored

  it('is the list price the manager entered, with or without tax', () => {
    const gross = stored({
      listPrice: '1220.00',
      discount: { type: 'percent', rate: '10' },
      taxRate: 22,
      taxIncluded: 'Y',
    })
    expect(listPriceOf(gross, true)).toBe('1220.00')
    const net = stored({
      listPrice: '1000.00',
      discount: { type: 'percent', rate: '10' },
      taxRate: 22,
      taxIncluded: 'N',
    })
    expect(listPriceOf(net, false)).toBe('1000.00')
  })

  it('of an undiscounted row is the price itself, not a BRUTTO a kopeck off it', () => {
    // 20300.00 gross at 22 %: the net price 16639.34 gives BRUTTO 20299.99.
    const row = computeProductRows([{ price: '20300.00', taxRate: 22, taxIncluded: 'Y' }]).rows[0]!
    if (!row.ok) throw new Error(row.error.code)
    expect(row.value.priceBrutto).toBe('20299.99')
    expect(listPriceOf(row.value, true)).toBe('20300.00')
    expect(listPriceOf(row.value, false)).toBe(row.value.priceExclusive)
  })
})
