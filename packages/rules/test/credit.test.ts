import { describe, expect, it } from 'vitest'
import fc from 'fast-check'
import { D, checkCreditLimit, openCreditByCompany } from '../src'
import type { Actor, CreditDocument, CreditLimit, OpenCredit, PortalCurrency } from '../src'

const CURRENCIES: PortalCurrency[] = [
  { CURRENCY: 'RUB', AMOUNT: '1', AMOUNT_CNT: '1', isBase: true, decimals: 2 },
  { CURRENCY: 'USD', AMOUNT: '92.5000', AMOUNT_CNT: '1', isBase: false, decimals: 2 },
]
const unwrap = <T>(r: { ok: true; value: T } | { ok: false; error: unknown }): T => {
  if (!r.ok) throw new Error(`unexpected error ${JSON.stringify(r.error)}`)
  return r.value
}

describe('openCreditByCompany', () => {
  it('sums invoiced − received + unbilled per company in the limit currency', () => {
    const docs: CreditDocument[] = [
      { companyId: '7', kind: 'invoice', amount: '100000', currency: 'RUB' },
      { companyId: '7', kind: 'invoice', amount: '100', currency: 'USD' },
      { companyId: '7', kind: 'receipt', amount: '50000', currency: 'RUB' },
      { companyId: '7', kind: 'unbilledOrder', amount: '20000', currency: 'RUB' },
      { companyId: '3', kind: 'receipt', amount: '1000', currency: 'RUB' },
    ]
    expect(unwrap(openCreditByCompany(docs, 'RUB', CURRENCIES))).toEqual([
      { companyId: '3', currency: 'RUB', invoiced: '0.00', received: '1000.00', unbilled: '0.00', open: '-1000.00' },
      {
        companyId: '7',
        currency: 'RUB',
        invoiced: '109250.00',
        received: '50000.00',
        unbilled: '20000.00',
        open: '79250.00',
      },
    ])
  })

  it('rejects negative and unconvertible documents', () => {
    const bad = (d: Partial<CreditDocument>) =>
      openCreditByCompany([{ companyId: '1', kind: 'invoice', amount: '1', currency: 'RUB', ...d }], 'RUB', CURRENCIES)
    expect(bad({ amount: '-5' })).toMatchObject({ ok: false, error: { code: 'NEGATIVE_AMOUNT' } })
    expect(bad({ currency: 'GBP' })).toMatchObject({ ok: false, error: { code: 'UNKNOWN_CURRENCY' } })
    expect(bad({ amount: 'x' })).toMatchObject({ ok: false, error: { code: 'INVALID_NUMBER' } })
  })

  it('open = invoiced − received + unbilled for any documents, whatever their order', () => {
    const doc = fc.record({
      companyId: fc.constantFrom('1', '2', '3'),
      kind: fc.constantFrom('invoice', 'receipt', 'unbilledOrder') as fc.Arbitrary<CreditDocument['kind']>,
      amount: fc.integer({ min: 0, max: 1e9 }).map((k) => new D(k).div(100).toFixed(2)),
      currency: fc.constantFrom('RUB', 'USD'),
    })
    fc.assert(
      fc.property(fc.array(doc, { maxLength: 20 }), (docs) => {
        const r = unwrap(openCreditByCompany(docs, 'RUB', CURRENCIES))
        for (const c of r) expect(new D(c.invoiced).minus(c.received).plus(c.unbilled).toFixed(2)).toBe(c.open)
        expect(unwrap(openCreditByCompany([...docs].reverse(), 'RUB', CURRENCIES))).toEqual(r)
      }),
    )
  })
})

describe('checkCreditLimit', () => {
  const open: OpenCredit = {
    companyId: '7',
    currency: 'RUB',
    invoiced: '0',
    received: '0',
    unbilled: '0',
    open: '900000.00',
  }
  const limit = (mode: CreditLimit['mode']): CreditLimit => ({
    amount: '1000000',
    currency: 'RUB',
    mode,
    overrideRoles: ['admin', 'accountant'],
  })

  it.each([
    ['warn', '100000.00', 'manager', 'within', undefined],
    ['block', '100000.00', 'manager', 'within', undefined],
    ['warn', '100000.01', 'manager', 'warn', '0.01'],
    ['block', '100000.01', 'manager', 'block', '0.01'],
    ['block', '150000', 'accountant', 'overridden', '50000.00'],
    ['block', '150000', 'admin', 'overridden', '50000.00'],
    ['block', '150000', 'system', 'block', '50000.00'],
  ] as [CreditLimit['mode'], string, Actor, string, string | undefined][])(
    '%s mode, new %s by %s → %s',
    (mode, amount, actor, decision, excess) => {
      const r = unwrap(checkCreditLimit(open, amount, limit(mode), actor))
      expect(r.decision).toBe(decision)
      expect('excess' in r ? r.excess : undefined).toBe(excess)
    },
  )

  it('refuses to compare open credit and limit in different currencies', () => {
    expect(checkCreditLimit({ ...open, currency: 'USD' }, '1', limit('warn'), 'manager')).toEqual({
      ok: false,
      error: { code: 'CURRENCY_MISMATCH', expected: 'RUB', actual: 'USD' },
    })
  })
})
