import { describe, expect, it } from 'vitest'
import { dealCredit, type DealCreditInput, type PortalCurrency } from '../src'

const currencies: PortalCurrency[] = [
  { CURRENCY: 'RUB', AMOUNT: '1', AMOUNT_CNT: '1', isBase: true, decimals: 2 },
  { CURRENCY: 'USD', AMOUNT: '92.5', AMOUNT_CNT: '1', isBase: false, decimals: 2 },
]
const base: DealCreditInput = {
  companyId: 7,
  invoices: [
    { dealId: 1, amount: '100000.00', currency: 'RUB', semantics: 'process' },
    { dealId: 2, amount: '1000.00', currency: 'USD', semantics: 'process' },
    { dealId: 3, amount: '500000.00', currency: 'RUB', semantics: 'success' },
    { dealId: 4, amount: '700000.00', currency: 'RUB', semantics: 'failure' },
  ],
  deal: { id: 9, amount: '50000.00', currency: 'RUB' },
  limit: { amount: '250000.00', mode: 'block' },
  currency: 'RUB',
  currencies,
  actor: 'manager',
}

describe('dealCredit', () => {
  it('counts open invoices (converted to the base currency), not paid or refused ones', () => {
    const r = dealCredit(base)
    expect(r.ok && r.value.open).toMatchObject({ invoiced: '192500.00', open: '192500.00' })
  })

  it.each([
    ['within the limit', {}, { decision: 'within', after: '242500.00', limit: '250000.00' }],
    ['over a block limit', { limit: { amount: '200000', mode: 'block' } }, { decision: 'block', excess: '42500.00' }],
    ['over a warn limit', { limit: { amount: '200000', mode: 'warn' } }, { decision: 'warn', excess: '42500.00' }],
    [
      'over a block limit, for an admin',
      { limit: { amount: '200000', mode: 'block' }, actor: 'admin' },
      { decision: 'overridden', excess: '42500.00' },
    ],
    ['without a limit', { limit: null }, { decision: 'within', after: '242500.00', limit: '' }],
    [
      'for a deal already invoiced (not counted twice)',
      { deal: { id: 1, amount: '100000.00', currency: 'RUB' }, limit: { amount: '200000', mode: 'block' } },
      { decision: 'within', after: '192500.00' },
    ],
  ] as const)('%s', (_case, patch, decision) => {
    const r = dealCredit({ ...base, ...patch } as DealCreditInput)
    expect(r.ok && r.value.decision).toMatchObject(decision)
  })

  it('an invoice in a currency the portal does not know is an error, not a silent zero', () => {
    const r = dealCredit({ ...base, invoices: [{ dealId: 5, amount: '10', currency: 'GBP', semantics: 'process' }] })
    expect(!r.ok && r.error.code).toBe('UNKNOWN_CURRENCY')
  })
})
