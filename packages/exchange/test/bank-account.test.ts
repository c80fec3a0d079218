import { describe, expect, it } from 'vitest'
import fc from 'fast-check'
import { isValidCorrespondentAccount, isValidSettlementAccount } from '../src'

const SBER_BIK = '044525225'
const digits = (n: number) =>
  fc.array(fc.integer({ min: 0, max: 9 }), { minLength: n, maxLength: n }).map((d) => d.join(''))
/** The 9th digit of an account is its control key: exactly one of its ten values makes the account valid. */
const withKey = (account: string, bik: string, valid: (a: string, b: string) => boolean) =>
  [...'0123456789'].map((k) => account.slice(0, 8) + k + account.slice(9)).filter((a) => valid(a, bik))

describe('bank account control keys', () => {
  it('accept a real bank’s correspondent account and refuse it under another БИК', () => {
    expect(isValidCorrespondentAccount('30101810400000000225', SBER_BIK)).toBe(true)
    expect(isValidCorrespondentAccount('30101810400000000225', '044030653')).toBe(false)
    expect(isValidCorrespondentAccount('40702810400000000225', SBER_BIK)).toBe(false)
  })

  it('exactly one key digit makes any settlement account valid, and any single changed digit breaks it', () => {
    fc.assert(
      fc.property(
        digits(20),
        digits(9),
        fc.integer({ min: 0, max: 19 }),
        fc.integer({ min: 1, max: 9 }),
        (a, bik, at, plus) => {
          const valid = withKey(a, bik, isValidSettlementAccount)
          expect(valid).toHaveLength(1)
          const changed = valid[0]!.slice(0, at) + ((Number(valid[0]![at]) + plus) % 10) + valid[0]!.slice(at + 1)
          expect(isValidSettlementAccount(changed, bik)).toBe(false)
        },
      ),
    )
  })

  it('refuses what is not 20 digits or not a 9-digit БИК', () => {
    expect(isValidSettlementAccount('4070281053800012345', SBER_BIK)).toBe(false)
    expect(isValidSettlementAccount('40702810538000123456', '04452522')).toBe(false)
    expect(isValidSettlementAccount('40702810538000123456', SBER_BIK)).toBe(true)
  })
})
