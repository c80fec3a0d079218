import { describe, expect, it } from 'vitest'
import fc from 'fast-check'
import { convertMoney, D } from '../src'
import { currencyDecimals } from '../src/fx/convert-money'
import type { PortalCurrency } from '../src'

// The demo portal's crm.currency.list, strings as REST sends them.
const currencies: PortalCurrency[] = [
  { CURRENCY: 'RUB', AMOUNT: '1.0000', AMOUNT_CNT: '1', isBase: true, decimals: 2 },
  { CURRENCY: 'USD', AMOUNT: '92.5000', AMOUNT_CNT: '1', isBase: false, decimals: 2 },
  { CURRENCY: 'EUR', AMOUNT: '100.2500', AMOUNT_CNT: '1', isBase: false, decimals: 2 },
  { CURRENCY: 'CNY', AMOUNT: '12.7500', AMOUNT_CNT: '1', isBase: false, decimals: 2 },
  { CURRENCY: 'JPY', AMOUNT: '61.2300', AMOUNT_CNT: '100', isBase: false, decimals: 0 },
]
const convert = (amount: unknown, from: string, to: string, table = currencies) =>
  convertMoney(amount as string, from, to, table)

describe('convertMoney', () => {
  it('converts through the base in one factor, rounding once to the target decimals', () => {
    expect(convert('100', 'USD', 'EUR')).toEqual({ ok: true, value: '92.27' })
    expect(convert('100', 'USD', 'JPY')).toEqual({ ok: true, value: '15107' })
    expect(convert('1000', 'CNY', 'RUB')).toEqual({ ok: true, value: '12750.00' })
  })

  it('converts at a stored EXCH_RATE snapshot when one is given', () => {
    expect(convertMoney('1000', 'USD', 'RUB', currencies, { exchRate: '90.1' })).toEqual({
      ok: true,
      value: '90100.00',
    })
  })

  it.each([
    ['abc', 'USD', 'RUB', { code: 'INVALID_NUMBER', field: 'amount' }],
    [Number.NaN, 'USD', 'RUB', { code: 'INVALID_NUMBER' }],
    [Number.POSITIVE_INFINITY, 'USD', 'RUB', { code: 'INVALID_NUMBER' }],
    ['', 'USD', 'RUB', { code: 'INVALID_NUMBER' }],
    ['10', 'GBP', 'RUB', { code: 'UNKNOWN_CURRENCY', currency: 'GBP' }],
    ['10', 'RUB', 'GBP', { code: 'UNKNOWN_CURRENCY', currency: 'GBP' }],
  ])('%s %s → %s is a typed error, never NaN', (amount, from, to, error) => {
    const r = convert(amount, from, to)
    expect(r.ok).toBe(false)
    if (!r.ok) expect(r.error).toMatchObject(error)
  })

  it.each([
    ['zero rate', { AMOUNT: '0' }, 'INVALID_RATE'],
    ['negative rate', { AMOUNT: '-92.5' }, 'INVALID_RATE'],
    ['non-numeric rate', { AMOUNT: 'n/a' }, 'INVALID_RATE'],
    ['zero denomination', { AMOUNT_CNT: '0' }, 'INVALID_RATE'],
    ['bad decimals', { decimals: -1 }, 'INVALID_DECIMALS'],
    ['fractional decimals', { decimals: 1.5 }, 'INVALID_DECIMALS'],
  ])('a %s in the table is an error', (_name, patch, code) => {
    const table = currencies.map((c) => (c.CURRENCY === 'USD' ? { ...c, ...patch } : c))
    const r = convert('10', 'USD', 'RUB', table)
    expect(!r.ok && r.error.code).toBe(code)
  })

  it('a table without a base currency is NO_BASE_CURRENCY', () => {
    const table = currencies.map((c) => ({ ...c, isBase: false }))
    expect(convert('10', 'USD', 'EUR', table)).toEqual({ ok: false, error: { code: 'NO_BASE_CURRENCY' } })
  })

  it('keeps amounts near the DECIMAL(18,2) limit exact, and refuses a result beyond it', () => {
    expect(convert('99999999999999.99', 'USD', 'RUB')).toEqual({ ok: true, value: '9249999999999999.08' })
    expect(convert('1000000000000000', 'USD', 'RUB')).toMatchObject({ ok: false, error: { code: 'OUT_OF_RANGE' } })
  })

  describe('properties', () => {
    const codes = fc.constantFrom('RUB', 'USD', 'EUR', 'CNY')
    const amount = fc.integer({ min: -1e12, max: 1e12 }).map((c) => new D(c).div(100).toFixed(2))

    it('A → B → A stays within one rounding step per leg', () => {
      fc.assert(
        fc.property(amount, codes, codes, (a, from, to) => {
          const there = convert(a, from, to)
          if (!there.ok) throw new Error(there.error.code)
          const back = convert(there.value, to, from)
          if (!back.ok) throw new Error(back.error.code)
          // Leg 2 error ≤ half a kopeck; leg 1's half kopeck comes back scaled by the B→A factor.
          const rate = (c: string) => new D(currencies.find((x) => x.CURRENCY === c)!.AMOUNT)
          const bound = new D('0.005').plus(new D('0.005').times(rate(to)).div(rate(from)))
          expect(new D(back.value).minus(a).abs().lte(bound)).toBe(true)
        }),
      )
    })

    it('never yields NaN or Infinity', () => {
      fc.assert(
        fc.property(fc.oneof(fc.double(), fc.string(), amount), codes, codes, (a, from, to) => {
          const r = convert(a, from, to)
          if (r.ok) expect(new D(r.value).isFinite()).toBe(true)
          // Beyond DECIMAL(18,2) (fc.double's 1e308) is OUT_OF_RANGE.
          else expect(r.error.code).toMatch(/^(INVALID_NUMBER|OUT_OF_RANGE)$/)
        }),
      )
    })
  })
})

describe('currencyDecimals', () => {
  const row = (decimals: number | undefined): PortalCurrency[] => [
    { CURRENCY: 'XXX', AMOUNT: '1', AMOUNT_CNT: '1', isBase: true, decimals },
  ]
  it.each([
    [0, 2, 0],
    [3, 2, 3],
    [undefined, 4, 4],
    [NaN, 2, 2],
    [1.5, 2, 2],
    [-1, 2, 2],
    [9, 2, 2],
  ])('decimals %s with fallback %i gives %i', (decimals, fallback, expected) => {
    expect(currencyDecimals('XXX', row(decimals), fallback)).toBe(expected)
  })
  it('falls back for a currency missing from the table', () => {
    expect(currencyDecimals('GBP', currencies)).toBe(2)
    expect(currencyDecimals('JPY', currencies)).toBe(0)
  })
})
