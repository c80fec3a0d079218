import { readFileSync } from 'node:fs'
import { resolve } from 'node:path'
import Decimal from 'decimal.js'
import fc from 'fast-check'
import { computeProductRows, convertMoney as rulesConvertMoney, type PortalCurrency } from '@salesflow/rules'
import { describe, expect, it } from 'vitest'
import {
  basketLine,
  conversionFactor,
  portalConvertMoney,
  exchangeRate,
  itemTotals,
  normalizeFactoryRow,
  normalizeLegacyRow,
  phpRound,
  roundEx2,
  type PortalCurrencyRate,
  type PortalRow,
  type PortalRowInput,
  type RowOutcome,
} from '../src/crm/portal-math'

// The emulator's own arithmetic is the oracle: it must reproduce every reference vector by itself, and agree with
// @salesflow/rules on random rows, so that a mistake in either one is caught by the other.

const file = resolve(import.meta.dirname, '../../rules/test/fixtures/b24-math-vectors.json')
type Wire = Record<string, number | string | null>
interface Vector {
  id: string
  path?: 'factory' | 'legacy'
  input?: Wire[]
  rows?: Wire[]
  lineTotals?: { basketPrice: number; rowSum: number; rowTax: number }[]
  OPPORTUNITY?: number
  TAX_VALUE?: number
  results?: Record<string, number | string | undefined>[]
  base?: string
  rates?: Record<string, { AMOUNT: number; AMOUNT_CNT: number }>
  decimals?: Record<string, number>
}
const { vectors } = JSON.parse(readFileSync(file, 'utf8')) as { vectors: Vector[] }

const camel = (key: string) => key.toLowerCase().replace(/_([a-z])/g, (_, c: string) => c.toUpperCase())
const toInput = (wire: Wire): PortalRowInput => Object.fromEntries(Object.entries(wire).map(([k, v]) => [camel(k), v]))
const same = (actual: string | null | undefined, expected: number | string | null) =>
  expected === null
    ? expect(actual).toBeNull()
    : expect(new Decimal(actual ?? 'NaN').eq(expected), `${actual} should be ${expected}`).toBe(true)
const normalize = (path: 'factory' | 'legacy') => (path === 'legacy' ? normalizeLegacyRow : normalizeFactoryRow)
const validRows = (outcomes: RowOutcome[]): PortalRow[] => outcomes.flatMap((o) => (o.ok ? [o.row] : []))

describe("the emulator's portal arithmetic reproduces b24-math-vectors.json by itself", () => {
  const rowVectors = vectors.filter((v) => v.input)

  it('covers every row vector in the file', () => {
    expect(rowVectors.map((v) => v.id)).toEqual(['V01', 'V02', 'V04', 'V05', 'V07', 'V09', 'V12', 'V14', 'V20', 'V21'])
  })

  it.each(rowVectors)('$id: stored rows, line totals, OPPORTUNITY and TAX_VALUE', (v) => {
    const outcomes = v.input!.map((w) => normalize(v.path ?? 'factory')(toInput(w)))
    v.rows!.forEach((expected, i) => {
      const outcome = outcomes[i]!
      expect(outcome.ok).toBe(!('ERROR' in expected))
      if (!outcome.ok) return
      for (const [key, value] of Object.entries(expected)) {
        const actual = outcome.row[camel(key) as keyof PortalRow]
        if (key === 'DISCOUNT_TYPE_ID' || key === 'TAX_INCLUDED') expect(actual, key).toBe(value)
        else same(actual as string | null, value)
      }
    })
    const rows = validRows(outcomes)
    v.lineTotals!.forEach((t, i) => {
      const line = basketLine(rows[i]!)
      same(line.basketPrice, t.basketPrice)
      same(line.sum, t.rowSum)
      same(line.tax, t.rowTax)
    })
    const totals = itemTotals(rows)
    same(totals.opportunity, v.OPPORTUNITY!)
    same(totals.taxValue, v.TAX_VALUE!)
  })

  it.each(vectors.find((v) => v.id === 'V17')!.results!)('V17: round / roundEx of $value', (r) => {
    same(phpRound(new Decimal(r['value']!), 2).toFixed(2), r['phpRound2']!)
    same(roundEx2(new Decimal(r['value']!)).toFixed(2), r['roundEx2']!)
  })

  const fx = vectors.find((v) => v.id === 'V18')!
  const rates: PortalCurrencyRate[] = Object.entries(fx.rates!).map(([code, r]) => ({
    currency: code,
    amount: r.AMOUNT,
    amountCnt: r.AMOUNT_CNT,
    base: code === fx.base,
    decimals: fx.decimals![code]!,
  }))
  // The unrounded factors are PHP doubles: exact decimals agree with them to 15 significant digits.
  const sig15 = (x: Decimal.Value) => new Decimal(x).toSignificantDigits(15).toString()

  it.each(fx.results!)('V18: $op $sum $from → $to $cur', (r) => {
    const [from, to] = [String(r['from']), String(r['to'])]
    if (r['op'] === 'factor') expect(sig15(conversionFactor(from, to, rates))).toBe(sig15(r['result']!))
    else if (r['op'] === 'convert')
      expect(sig15(conversionFactor(from, to, rates).times(r['sum']!))).toBe(sig15(r['result']!))
    else if (r['op'] === 'exch') expect(sig15(exchangeRate(String(r['cur']), rates))).toBe(sig15(r['result']!))
    else same(portalConvertMoney(r['sum']!, from, to, rates, r['exch']).toString(), r['result']!)
  })
})

// ---- random rows: the emulator and @salesflow/rules must store the same values to the kopeck ------------------

/** A decimal with up to `places` decimals in [min, max], sent as a string or as a JSON number. */
const decimal = (min: number, max: number, places: number) =>
  fc.tuple(fc.integer({ min: min * 10 ** places, max: max * 10 ** places }), fc.boolean()).map(([k, asNumber]) => {
    const text = new Decimal(k).div(10 ** places).toString()
    return asNumber ? Number(text) : text
  })

const taxArb = fc.oneof(fc.constantFrom(undefined, null, '0', 10, '18', 20, '22', '12.5'), decimal(0, 40, 2))

/** Discounts the portal and the rules both accept, plus (factory only) a 100 % rate without a sum. */
const discountArb = (path: 'factory' | 'legacy') =>
  fc.oneof(
    fc.constant({}),
    fc.record({ discountTypeId: fc.constant(2), discountRate: decimal(0, 99, 3) }),
    fc.record({ discountTypeId: fc.constant(1), discountSum: decimal(0, 5000, 3) }),
    fc.record({ discountTypeId: fc.constant(2), discountRate: fc.constant(100), discountSum: decimal(1, 9000, 2) }),
    ...(path === 'factory'
      ? [
          fc.record({ discountTypeId: fc.constant(2), discountRate: fc.constant('100') }),
          fc.record({ discountSum: decimal(0, 500, 2) }), // no type: "undefined" becomes 0 %
        ]
      : [
          fc.record({
            discountTypeId: fc.constant(2),
            discountRate: decimal(0, 99, 2),
            discountSum: decimal(0, 99, 2),
          }),
          fc.record({
            discountTypeId: fc.constant(1),
            discountSum: decimal(0, 99, 2),
            discountRate: decimal(0, 50, 2),
          }),
        ]),
  )

/** Legacy callers may send the derived prices; theirs win there. */
const legacyExtrasArb = fc.record(
  { priceExclusive: decimal(0, 100_000, 3), priceNetto: decimal(0, 100_000, 3), priceBrutto: decimal(0, 100_000, 3) },
  { requiredKeys: [] },
)

const rowArb = (path: 'factory' | 'legacy') =>
  fc
    .tuple(
      fc.record(
        {
          price: decimal(0, 2_000_000, 5),
          quantity: fc.oneof(decimal(0, 50, 5), decimal(1, 10_000, 0)).filter((q) => Number(q) > 0),
          taxRate: taxArb,
          taxIncluded: fc.constantFrom('Y' as const, 'N' as const),
        },
        { requiredKeys: ['price'] },
      ),
      discountArb(path),
      path === 'legacy' ? legacyExtrasArb : fc.constant({}),
    )
    .map(([base, discount, extras]) =>
      Object.fromEntries(Object.entries({ ...base, ...discount, ...extras }).filter(([, v]) => v !== undefined)),
    )

const FIELDS = [
  'price',
  'quantity',
  'priceExclusive',
  'priceNetto',
  'priceBrutto',
  'discountTypeId',
  'discountRate',
  'discountSum',
  'taxRate',
  'taxIncluded',
] as const

function agree(rows: Record<string, unknown>[], path: 'factory' | 'legacy'): void {
  const theirs = computeProductRows(rows as unknown as Parameters<typeof computeProductRows>[0], { path })
  const ours = rows.map((r) => normalize(path)(r))
  ours.forEach((o, i) => {
    const t = theirs.rows[i]!
    expect(o.ok, `row ${i} accepted`).toBe(t.ok)
    if (!o.ok || !t.ok) return
    for (const k of FIELDS) expect(o.row[k], k).toBe(t.value[k])
    const line = basketLine(o.row)
    expect([line.basketPrice, line.sum, line.tax]).toEqual([t.value.basketPrice, t.value.sum, t.value.tax])
  })
  const totals = itemTotals(validRows(ours))
  expect([totals.opportunity, totals.taxValue]).toEqual([theirs.opportunity, theirs.taxValue])
}

describe('the emulator and @salesflow/rules agree on random rows (fast-check)', () => {
  // 6,000 + 4,000 items of 1–4 rows: 10,000 cases with about 25,000 rows.
  it('factory path (crm.item.productrow.*): every stored field, line and total', () => {
    fc.assert(
      fc.property(fc.array(rowArb('factory'), { minLength: 1, maxLength: 4 }), (rows) => agree(rows, 'factory')),
      { numRuns: 6_000 },
    )
  }, 30_000)

  it('legacy path (crm.deal.productrows.set): caller-given derived prices, every stored field, line and total', () => {
    fc.assert(
      fc.property(fc.array(rowArb('legacy'), { minLength: 1, maxLength: 4 }), (rows) => agree(rows, 'legacy')),
      { numRuns: 4_000 },
    )
  }, 30_000)

  it('ConvertMoney between random currencies, with and without the item EXCH_RATE', () => {
    const currencyArb = fc.record({
      amount: decimal(0.0001, 20_000, 4)
        .map(String)
        .filter((a) => Number(a) > 0),
      amountCnt: fc.constantFrom(1, 10, 100, 1000, 10_000),
      decimals: fc.constantFrom(0, 2, 3),
    })
    fc.assert(
      fc.property(
        fc.array(currencyArb, { minLength: 2, maxLength: 4 }),
        decimal(-1_000_000, 1_000_000, 2),
        fc.nat(),
        fc.nat(),
        fc.option(decimal(0.0001, 500, 4).filter((x) => Number(x) > 0)),
        (others, sum, i, j, exch) => {
          const ours: PortalCurrencyRate[] = [
            { currency: 'RUB', amount: '1', amountCnt: '1', base: true, decimals: 2 },
            ...others.map((c, k) => ({ currency: `C${k}`, ...c, base: false })),
          ]
          const theirs: PortalCurrency[] = ours.map((c) => ({
            CURRENCY: c.currency,
            AMOUNT: c.amount,
            AMOUNT_CNT: c.amountCnt,
            isBase: c.base,
            decimals: c.decimals,
          }))
          const from = ours[i % ours.length]!.currency
          const to = ours[j % ours.length]!.currency
          const expected = rulesConvertMoney(sum, from, to, theirs, exch === null ? {} : { exchRate: exch })
          const portal = portalConvertMoney(sum, from, to, ours, exch ?? undefined)
          // The rules refuse a result the portal cannot store (DECIMAL(18,2)); the portal's formula still computes
          // one, and it must indeed be beyond that range.
          if (!expected.ok) {
            expect(expected.error.code).toBe('OUT_OF_RANGE')
            expect(portal.abs().gt('9999999999999999.99')).toBe(true)
          } else expect(portal.toString()).toBe(new Decimal(expected.value).toString())
        },
      ),
      { numRuns: 3_000 },
    )
  }, 30_000)
})
