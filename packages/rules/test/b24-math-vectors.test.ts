import { readFileSync } from 'node:fs'
import { resolve } from 'node:path'
import { describe, expect, it } from 'vitest'
import { computeProductRows, conversionFactor, convertMoney, D, exchangeRate, phpRound, roundEx } from '../src'
import type { PortalCurrency, ProductRowInput } from '../src'

// A copy of the reference vectors, kept in the repo (fixtures/README.md says where it comes from).
const file = resolve(import.meta.dirname, 'fixtures/b24-math-vectors.json')
const { vectors } = JSON.parse(readFileSync(file, 'utf8')) as { vectors: Vector[] }

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

const camel = (key: string) => key.toLowerCase().replace(/_([a-z])/g, (_, c: string) => c.toUpperCase())
const toInput = (wire: Wire): ProductRowInput =>
  Object.fromEntries(Object.entries(wire).map(([k, v]) => [camel(k), v])) as unknown as ProductRowInput
const same = (actual: string | null, expected: number | string | null) =>
  expected === null ? expect(actual).toBeNull() : expect(new D(actual ?? 'NaN').eq(new D(expected))).toBe(true)

const rowVectors = vectors.filter((v) => v.input)
const roundingVector = vectors.find((v) => v.id === 'V17')!
const currencyVector = vectors.find((v) => v.id === 'V18')!

describe('b24-math-vectors.json: product rows', () => {
  it('covers every row vector in the file', () => {
    expect(rowVectors.map((v) => v.id)).toEqual(['V01', 'V02', 'V04', 'V05', 'V07', 'V09', 'V12', 'V14', 'V20', 'V21'])
  })

  it.each(rowVectors)('$id: rows, line totals, OPPORTUNITY and TAX_VALUE', (v) => {
    const result = computeProductRows(v.input!.map(toInput), { path: v.path ?? 'factory' })
    const valid = result.rows.flatMap((r) => (r.ok ? [r.value] : []))
    v.rows!.forEach((expected, i) => {
      const actual = result.rows[i]!
      if ('ERROR' in expected) {
        expect(actual.ok).toBe(false)
        if (!actual.ok) expect(actual.error.code).toBe('DISCOUNT_SUM_REQUIRED')
        return
      }
      expect(actual.ok).toBe(true)
      if (!actual.ok) return
      for (const [key, value] of Object.entries(expected)) {
        const field = camel(key) as keyof typeof actual.value
        if (field === 'discountTypeId') expect(actual.value.discountTypeId).toBe(value)
        else if (field === 'taxIncluded') expect(actual.value.taxIncluded).toBe(value)
        else same(actual.value[field] as string | null, value)
      }
    })
    v.lineTotals!.forEach((t, i) => {
      same(valid[i]!.basketPrice, t.basketPrice)
      same(valid[i]!.sum, t.rowSum)
      same(valid[i]!.tax, t.rowTax)
    })
    same(result.opportunity, v.OPPORTUNITY!)
    same(result.taxValue, v.TAX_VALUE!)
  })
})

describe('b24-math-vectors.json: V17 rounding primitives', () => {
  it.each(roundingVector.results!)('round/roundEx of $value', ({ value, phpRound2, roundEx2 }) => {
    same(phpRound(new D(value as number), 2).toFixed(2), phpRound2 as number)
    same(roundEx(new D(value as number), 2).toFixed(2), roundEx2 as number)
  })
})

describe('b24-math-vectors.json: V18 currency', () => {
  // The vector's own layout (base code, rates by code, decimals by code) as the rules' currency table.
  const currencies: PortalCurrency[] = Object.entries(currencyVector.rates!).map(([code, r]) => ({
    CURRENCY: code,
    AMOUNT: String(r.AMOUNT),
    AMOUNT_CNT: String(r.AMOUNT_CNT),
    isBase: code === currencyVector.base,
    decimals: currencyVector.decimals![code]!,
  }))
  // PHP doubles carry 15-17 significant digits; exact decimals agree to 15.
  const sig15 = (x: string | number) => new D(x).toSignificantDigits(15).toString()

  it.each(currencyVector.results!)('$op $sum $from → $to $cur', (r) => {
    const from = r.from as string
    const to = r.to as string
    if (r.op === 'factor' || r.op === 'convert') {
      const factor = conversionFactor(from, to, currencies)
      expect(factor.ok).toBe(true)
      if (!factor.ok) return
      const value = r.op === 'factor' ? factor.value : factor.value.times(r.sum as number)
      expect(sig15(value.toString())).toBe(sig15(r.result as number))
    } else if (r.op === 'money') {
      const converted = convertMoney(
        r.sum as number,
        from,
        to,
        currencies,
        r.exch === undefined ? {} : { exchRate: r.exch },
      )
      expect(converted.ok).toBe(true)
      if (converted.ok) same(converted.value, r.result as number)
    } else {
      const rate = exchangeRate(r.cur as string, currencies)
      expect(rate.ok && sig15(rate.value.toString())).toBe(sig15(r.result as number))
    }
  })
})
