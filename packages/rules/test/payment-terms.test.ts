import { describe, expect, it } from 'vitest'
import fc from 'fast-check'
import { D, DEFAULT_PAYMENT_TERMS, findPaymentTerms, instalmentStates, overdueDays, scheduleInstalments } from '../src'
import type { PaymentTerms } from '../src'

const unwrap = <T>(r: { ok: true; value: T } | { ok: false; error: unknown }): T => {
  if (!r.ok) throw new Error(`unexpected error ${JSON.stringify(r.error)}`)
  return r.value
}
const terms = (code: string) => unwrap(findPaymentTerms(code))
const plan = (total: string, code: string, date = '2026-01-31') =>
  unwrap(scheduleInstalments(total, 2, terms(code), date)).map((i) => `${i.label} ${i.dueDate} ${i.amount}`)

describe('scheduleInstalments', () => {
  it.each([
    ['100000', 'prepay100', ['prepayment 2026-02-05 100000.00']],
    ['1000.01', 'prepay50', ['prepayment 2026-02-05 500.01', 'balance 2026-03-02 500.00']],
    ['999.99', 'net30', ['net 2026-03-02 999.99']],
    // Jan 31 + 1 month clamps to Feb 28; the last instalment takes the kopeck left by rounding
    ['100.00', 'instalments3', ['1/3 2026-02-05 33.33', '2/3 2026-03-05 33.33', '3/3 2026-04-05 33.34']],
    ['0.01', 'instalments3', ['1/3 2026-02-05 0.00', '2/3 2026-03-05 0.00', '3/3 2026-04-05 0.01']],
  ])('%s on %s', (total, code, expected) => {
    expect(plan(total, code)).toEqual(expected)
  })

  it('supports end-of-month and fixed lines', () => {
    const t: PaymentTerms = {
      code: 'x',
      lines: [
        { kind: 'fixed', amount: '1000', days: 0, label: 'deposit' },
        { kind: 'balance', months: 1, endOfMonth: true, days: 10, label: 'rest' },
      ],
    }
    expect(unwrap(scheduleInstalments('5000', 2, t, '2026-01-15'))).toEqual([
      { index: 0, label: 'deposit', dueDate: '2026-01-15', amount: '1000.00' },
      { index: 1, label: 'rest', dueDate: '2026-03-10', amount: '4000.00' },
    ])
  })

  it.each([
    [{ code: 'a', lines: [] }, 'PAYMENT_TERMS_INVALID'],
    [{ code: 'b', lines: [{ kind: 'balance' }, { kind: 'percent', percent: 10 }] }, 'PAYMENT_TERMS_INVALID'],
    [{ code: 'c', lines: [{ kind: 'balance' }, { kind: 'balance' }] }, 'PAYMENT_TERMS_INVALID'],
    [{ code: 'd', lines: [{ kind: 'percent', percent: 101 }, { kind: 'balance' }] }, 'PAYMENT_TERMS_INVALID'],
    [{ code: 'e', lines: [{ kind: 'percent', percent: 0 }, { kind: 'balance' }] }, 'PAYMENT_TERMS_INVALID'],
    [
      { code: 'f', lines: [{ kind: 'percent', percent: 60 }, { kind: 'percent', percent: 50 }, { kind: 'balance' }] },
      'PAYMENT_TERMS_INVALID',
    ],
    [{ code: 'g', lines: [{ kind: 'fixed', amount: '2000' }, { kind: 'balance' }] }, 'PAYMENT_TERMS_INVALID'],
    [{ code: 'h', lines: [{ kind: 'percent', percent: 'x' }, { kind: 'balance' }] }, 'INVALID_NUMBER'],
  ] as [PaymentTerms, string][])('rejects %o', (t, code) => {
    const r = scheduleInstalments('1000', 2, t, '2026-01-15')
    expect(!r.ok && r.error.code).toBe(code)
  })

  it('rejects a negative total, a bad date and an unknown terms code', () => {
    expect(scheduleInstalments('-1', 2, terms('net30'), '2026-01-15')).toMatchObject({
      ok: false,
      error: { code: 'NEGATIVE_AMOUNT' },
    })
    expect(scheduleInstalments('1', 2, terms('net30'), '2026-13-01')).toMatchObject({
      ok: false,
      error: { code: 'INVALID_DATE' },
    })
    expect(findPaymentTerms('net45')).toEqual({ ok: false, error: { code: 'UNKNOWN_PAYMENT_TERMS', terms: 'net45' } })
  })

  it('instalments always sum to the total, none negative, for every default and random terms', () => {
    const percents = fc
      .array(fc.integer({ min: 1, max: 5000 }), { maxLength: 5 })
      .filter((p) => p.reduce((a, b) => a + b, 0) <= 10000)
    const randomTerms = percents.map((p): PaymentTerms => ({
      code: 'r',
      lines: [
        ...p.map((x) => ({ kind: 'percent' as const, percent: new D(x).div(100).toFixed(2) })),
        { kind: 'balance' as const },
      ],
    }))
    fc.assert(
      fc.property(
        fc.integer({ min: 0, max: 1e13 }),
        fc.constantFrom(0, 2, 3),
        fc.oneof(fc.constantFrom(...DEFAULT_PAYMENT_TERMS), randomTerms),
        (units, decimals, t) => {
          const total = new D(units).div(new D(10).pow(decimals)).toFixed(decimals)
          const list = unwrap(scheduleInstalments(total, decimals, t, '2026-01-31'))
          expect(list).toHaveLength(t.lines.length)
          expect(list.reduce((s, i) => s.plus(i.amount), new D(0)).toFixed(decimals)).toBe(total)
          for (const i of list) expect(new D(i.amount).gte(0)).toBe(true)
        },
      ),
    )
  })
})

describe('overdue detection', () => {
  it.each([
    ['2026-02-01', '100', '2026-02-01', 0, 0],
    ['2026-02-01', '100', '2026-02-02', 0, 1],
    ['2026-02-01', '0', '2026-03-02', 0, 0],
    ['2026-02-01', '100', '2026-02-04', 3, 0],
    ['2026-02-01', '100', '2026-02-05', 3, 4],
    [null, '100', '2026-02-05', 0, 0],
  ])('due %s, owed %s, on %s with %i grace days → %i days overdue', (due, owed, today, grace, days) => {
    expect(unwrap(overdueDays(due, owed, today, grace))).toBe(days)
  })

  it('applies payments to instalments in due order and flags the late ones', () => {
    const schedule = unwrap(scheduleInstalments('300', 2, terms('instalments3'), '2026-01-10'))
    const states = unwrap(instalmentStates(schedule, '150', 2, '2026-03-20'))
    expect(states.map((s) => [s.label, s.paid, s.outstanding, s.overdueDays])).toEqual([
      ['1/3', '99.99', '0.00', 0], // due 01-15
      ['2/3', '50.01', '49.98', 33], // due 02-15
      ['3/3', '0.00', '100.02', 5], // due 03-15
    ])
    expect(instalmentStates(schedule, '-1', 2, '2026-03-20')).toMatchObject({
      ok: false,
      error: { code: 'NEGATIVE_AMOUNT' },
    })
    expect(overdueDays('2026-01-01', '1', 'today')).toMatchObject({ ok: false, error: { code: 'INVALID_DATE' } })
  })
})
