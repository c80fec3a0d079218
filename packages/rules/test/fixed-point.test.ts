import { describe, expect, it } from 'vitest'
import fc from 'fast-check'
import { D } from '../src'
import { divRound, formatScaled, parseScaled } from '../src/pricing/fixed-point'

describe('fixed point', () => {
  it.each([
    ['12.345', 2, '12.35'],
    ['-12.345', 2, '-12.35'],
    ['-0.005', 2, '-0.01'],
    ['0.004999', 2, '0.00'],
    ['.5', 0, '1'],
    ['5.', 2, '5.00'],
    [' 7 ', 4, '7.0000'],
    ['1e-7', 6, '0.000000'],
    ['1.5e+21', 2, '1500000000000000000000.00'],
    [1.005, 2, '1.01'],
    [new D('874.99125'), 2, '874.99'],
  ])('parses %j at scale %i as %s', (value, scale, expected) => {
    const v = parseScaled(value, scale)
    expect(v === undefined ? undefined : formatScaled(v, scale)).toBe(expected)
  })

  it.each([[''], ['-'], ['.'], ['1,5'], ['abc'], ['0x10'], ['Infinity'], [Number.NaN], [null], [{}], ['1e999']])(
    'refuses %j',
    (value) => expect(parseScaled(value, 2)).toBeUndefined(),
  )

  it('rounds any ratio exactly like decimal.js ROUND_HALF_UP (half away from zero)', () => {
    fc.assert(
      fc.property(
        fc.bigInt({ min: -(10n ** 20n), max: 10n ** 20n }),
        fc.bigInt({ min: -(10n ** 9n), max: 10n ** 9n }),
        (n, d) => {
          fc.pre(d !== 0n)
          const expected = new D(n.toString()).div(d.toString()).toDecimalPlaces(0, D.ROUND_HALF_UP)
          expect(divRound(n, d).toString()).toBe(expected.isZero() ? '0' : expected.toFixed(0))
        },
      ),
    )
  })
})
