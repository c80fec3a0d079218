import { describe, expect, it } from 'vitest'
import fc from 'fast-check'
import { convertMoney, D, priceForRest, type PortalCurrency } from '../src'
import { moneyConverter } from '../src/fx/convert-money'
import { parseScaled } from '../src/pricing/fixed-point'

// The integer fast paths an invoice of 100,000 rows runs through, each against the straightforward path it
// replaces on the same figures: decimal.js (a Decimal input never takes a fast path) or convertMoney.

/** A plain decimal text with up to `places` decimals, as REST and our own stored rows write figures. */
const plainText = (maxInt: number, places: number) =>
  fc
    .tuple(fc.integer({ min: 0, max: maxInt }), fc.integer({ min: 0, max: 10 ** places - 1 }), fc.nat(places))
    .map(([int, frac, p]) => (p === 0 ? String(int) : `${int}.${String(frac).padStart(places, '0').slice(0, p)}`))

describe('parseScaled: the plain-text path', () => {
  it('reads every plain decimal as the general path reads the same number', () => {
    fc.assert(
      fc.property(plainText(10 ** 9, 6), fc.boolean(), fc.constantFrom(0, 2, 4, 6), (text, negative, scale) => {
        const signed = negative ? `-${text}` : text
        expect(parseScaled(signed, scale)).toBe(parseScaled(new D(signed), scale))
      }),
      { numRuns: 500 },
    )
  })
})

describe('priceForRest: the integer figures', () => {
  it('give the same row, price and exactness as decimal.js for any plain input', () => {
    const input = fc.record({
      listPrice: plainText(10_000_000, 4),
      // Quantities and rates beyond what the portal takes too: the fixed-point first candidate must fail alike.
      quantity: fc.option(fc.oneof(plainText(10_000, 4), plainText(10 ** 15, 8)), { nil: undefined }),
      taxRate: fc.option(fc.constantFrom('0', '10.00', '20', '22.00', '12.5', '7.25', '100', '100.01', '150'), {
        nil: null,
      }),
      taxIncluded: fc.constantFrom('Y' as const, 'N' as const),
      discount: fc.oneof(
        plainText(100, 2).map((rate) => ({ type: 'percent' as const, rate })),
        plainText(1000, 2).map((sum) => ({ type: 'amount' as const, sum })),
        fc.constant(undefined),
      ),
    })
    fc.assert(
      fc.property(input, (i) => {
        const reference = priceForRest({
          ...i,
          listPrice: new D(i.listPrice),
          quantity: i.quantity === undefined ? undefined : new D(i.quantity),
          taxRate: i.taxRate === null ? null : new D(i.taxRate),
          discount:
            i.discount?.type === 'percent'
              ? { type: 'percent', rate: new D(i.discount.rate) }
              : i.discount && { type: 'amount', sum: new D(i.discount.sum) },
        })
        expect(priceForRest(i)).toEqual(reference)
      }),
      { numRuns: 500 },
    )
  })

  it('the ties the integer path leaves to decimal.js still come out (list 0.10, 75 % off, 20 % tax included)', () => {
    const r = priceForRest({
      listPrice: '0.10',
      discount: { type: 'percent', rate: '75' },
      taxRate: '20',
      taxIncluded: 'Y',
    })
    expect(r).toEqual(
      priceForRest({
        listPrice: new D('0.10'),
        discount: { type: 'percent', rate: new D('75') },
        taxRate: new D('20'),
        taxIncluded: 'Y',
      }),
    )
    expect(r.ok).toBe(true)
  })
})

describe('moneyConverter: the per-pair integers', () => {
  const currencyOf = (code: string, isBase: boolean) =>
    fc
      .record({
        amount: plainText(100_000, 6).filter((a) => new D(a).gt(0)),
        cnt: fc.constantFrom('1', '10', '100', '1000', '3', '7'),
        decimals: fc.integer({ min: 0, max: 8 }),
      })
      .map(({ amount, cnt, decimals }): PortalCurrency => ({
        CURRENCY: code,
        AMOUNT: isBase ? '1' : amount,
        AMOUNT_CNT: isBase ? '1' : cnt,
        isBase,
        decimals,
      }))

  it('converts any plain amount exactly as convertMoney does, rates and nominals of any kind', () => {
    fc.assert(
      fc.property(
        currencyOf('RUB', true),
        currencyOf('EUR', false),
        currencyOf('JPY', false),
        fc.constantFrom(['RUB', 'EUR'], ['EUR', 'RUB'], ['EUR', 'JPY'], ['JPY', 'RUB']),
        fc.array(fc.tuple(plainText(1_000_000_000, 8), fc.boolean()), { minLength: 1, maxLength: 20 }),
        (rub, eur, jpy, [from, to], amounts) => {
          const table = [rub, eur, jpy]
          const convert = moneyConverter(from!, to!, table)
          if (!convert.ok) throw new Error(convert.error.code)
          for (const [text, negative] of amounts) {
            const amount = negative ? `-${text}` : text
            expect(convert.value(amount)).toEqual(convertMoney(amount, from!, to!, table))
          }
        },
      ),
      { numRuns: 300 },
    )
  })

  it('keeps convertMoney’s answers at the edges: zero unrounded, a tie half away from zero', () => {
    const table: PortalCurrency[] = [
      { CURRENCY: 'RUB', AMOUNT: '1', AMOUNT_CNT: '1', isBase: true, decimals: 2 },
      { CURRENCY: 'EUR', AMOUNT: '100', AMOUNT_CNT: '1', isBase: false, decimals: 2 },
    ]
    const convert = moneyConverter('RUB', 'EUR', table)
    if (!convert.ok) throw new Error(convert.error.code)
    expect(convert.value('0.000')).toEqual(convertMoney('0.000', 'RUB', 'EUR', table))
    expect(convert.value('0.5')).toEqual({ ok: true, value: '0.01' })
    expect(convert.value('-0.5')).toEqual({ ok: true, value: '-0.01' })
    expect(convert.value('0.49')).toEqual({ ok: true, value: '0.00' })
  })
})
