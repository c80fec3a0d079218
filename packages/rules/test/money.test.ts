import { describe, expect, it } from 'vitest'
import fc from 'fast-check'
import { add, allocate, compare, currency, money, multiply, subtract, sum, toSnapshot } from '../src'
import type { Money } from '../src'

const RUB = currency('RUB', 2)
const USD = currency('USD', 2)
const JPY = currency('JPY', 0)
const unwrap = <T>(r: { ok: true; value: T } | { ok: false; error: unknown }): T => {
  if (!r.ok) throw new Error(`unexpected error ${JSON.stringify(r.error)}`)
  return r.value
}
const rub = (v: string) => unwrap(money(v, RUB))

describe('money', () => {
  it('quantises to the currency decimals, half away from zero like PHP round', () => {
    expect(toSnapshot(rub('1.005'))).toEqual({ amount: '1.01', currency: 'RUB' })
    expect(toSnapshot(rub('-1.005'))).toEqual({ amount: '-1.01', currency: 'RUB' })
    expect(toSnapshot(unwrap(money('15106.5', JPY)))).toEqual({ amount: '15107', currency: 'JPY' })
  })

  it('keeps 1e15 amounts exact', () => {
    const big = rub('999999999999999.99')
    expect(toSnapshot(unwrap(add(big, rub('0.01')))).amount).toBe('1000000000000000.00')
    expect(toSnapshot(unwrap(multiply(rub('1000000000000000'), '3'))).amount).toBe('3000000000000000.00')
  })

  it.each([['abc'], [''], ['1,5'], [Number.NaN], [Number.POSITIVE_INFINITY], ['12abc'], [null]])(
    'rejects %s as INVALID_NUMBER instead of making NaN',
    (bad) => {
      const r = money(bad as string, RUB)
      expect(r.ok).toBe(false)
      if (!r.ok) expect(r.error).toMatchObject({ code: 'INVALID_NUMBER', field: 'amount' })
    },
  )

  it('rejects impossible currency decimals', () => {
    const r = money('1', currency('XXX', -1))
    expect(!r.ok && r.error.code).toBe('INVALID_DECIMALS')
  })

  it('refuses to mix currencies at run time where types cannot see it', () => {
    const a: Money = rub('10')
    const b: Money = unwrap(money('10', USD))
    for (const r of [add(a, b), subtract(a, b), compare(a, b), sum([a, b], currency<string>('RUB', 2))]) {
      expect(r.ok).toBe(false)
      if (!r.ok) expect(r.error).toEqual({ code: 'CURRENCY_MISMATCH', expected: 'RUB', actual: 'USD' })
    }
  })

  it('refuses to mix currencies at compile time where types can see it', () => {
    const a = rub('10')
    const b = unwrap(money('10', USD))
    // @ts-expect-error RUB + USD must not compile
    const r = add(a, b)
    expect(r.ok).toBe(false)
  })

  it('sums an empty list to zero and a list exactly', () => {
    expect(toSnapshot(unwrap(sum([], RUB))).amount).toBe('0.00')
    expect(toSnapshot(unwrap(sum([rub('0.10'), rub('0.20')], RUB))).amount).toBe('0.30')
  })
})

describe('allocate', () => {
  it.each([
    ['10.03', [50, 50], ['5.02', '5.01']],
    ['10.03', [0, 50, 50], ['0.00', '5.02', '5.01']],
    ['100.00', [1, 1, 1], ['33.34', '33.33', '33.33']],
    ['-100.00', [1, 1, 1], ['-33.34', '-33.33', '-33.33']],
    ['0.05', ['33.33', '33.33', '33.34'], ['0.02', '0.01', '0.02']],
    ['1000.00', ['70', '30'], ['700.00', '300.00']],
  ])('%s by %j gives %j', (total, ratios, expected) => {
    const shares = unwrap(allocate(rub(total), ratios))
    expect(shares.map((s) => toSnapshot(s).amount)).toEqual(expected)
  })

  it.each([[[]], [[0, 0]], [[-1, 2]], [['x']], [[Number.NaN]]])('rejects ratios %j', (ratios) => {
    const r = allocate(rub('10'), ratios as number[])
    expect(!r.ok && r.error.code).toBe('INVALID_RATIOS')
  })

  it('works in the minor unit of the currency (JPY has none)', () => {
    const shares = unwrap(allocate(unwrap(money('100', JPY)), [1, 2]))
    expect(shares.map((s) => toSnapshot(s).amount)).toEqual(['33', '67'])
  })

  describe('properties', () => {
    const cents = fc.bigInt({ min: -(10n ** 17n), max: 10n ** 17n })
    const ratios = fc
      .array(fc.integer({ min: 0, max: 1_000_000 }), { minLength: 1, maxLength: 12 })
      .filter((r) => r.some((x) => x > 0))

    it('shares always add up to the total, each within one minor unit of its exact share', () => {
      fc.assert(
        fc.property(cents, ratios, (c, rs) => {
          const total = rub(kopecksToString(c))
          const shares = unwrap(allocate(total, rs))
          const back = unwrap(sum(shares, RUB))
          expect(back.amount.eq(total.amount)).toBe(true)
          const ratioSum = rs.reduce((a, b) => a + b, 0)
          shares.forEach((s, i) => {
            const exact = total.amount.times(rs[i]!).div(ratioSum)
            expect(s.amount.minus(exact).abs().lte('0.01')).toBe(true)
            if (rs[i] === 0) expect(s.amount.isZero()).toBe(true)
          })
        }),
      )
    })
  })
})

/** '-12.05' from -1205n, exactly (no float on the way). */
function kopecksToString(c: bigint): string {
  const abs = c < 0n ? -c : c
  return `${c < 0n ? '-' : ''}${abs / 100n}.${(abs % 100n).toString().padStart(2, '0')}`
}
