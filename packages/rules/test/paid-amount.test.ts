import { describe, expect, it } from 'vitest'
import { paidAmount } from '../src'
import type { PortalCurrency } from '../src'

const currencies: PortalCurrency[] = [
  { CURRENCY: 'RUB', AMOUNT: '1', AMOUNT_CNT: '1', isBase: true, decimals: 2 },
  { CURRENCY: 'USD', AMOUNT: '92.5', AMOUNT_CNT: '1', isBase: false, decimals: 2 },
]

describe('paidAmount', () => {
  it('sums paid payments only, converting each at portal rates', () => {
    const r = paidAmount(
      [
        { paid: true, sum: '1000.10', currency: 'RUB' },
        { paid: false, sum: '5000', currency: 'RUB' },
        { paid: true, sum: '10.01', currency: 'USD' },
      ],
      'RUB',
      currencies,
    )
    expect(r).toEqual({ ok: true, value: '1926.03' })
  })

  it('is zero without payments and an error for an unknown currency', () => {
    expect(paidAmount([], 'RUB', currencies)).toEqual({ ok: true, value: '0.00' })
    const r = paidAmount([{ paid: true, sum: '1', currency: 'GBP' }], 'RUB', currencies)
    expect(!r.ok && r.error.code).toBe('UNKNOWN_CURRENCY')
  })
})

describe('calculationFields', () => {
  it('finds the demo funnel’s "price calculated" flag in the configuration', async () => {
    const { calculationFields, DEFAULT_FUNNEL_CONFIG } = await import('../src')
    expect(calculationFields(DEFAULT_FUNNEL_CONFIG)).toEqual({ UF_CRM_SF_PRICED: 'Y' })
  })

  it('is empty for a configuration that asks for no calculation', async () => {
    const { calculationFields, DEFAULT_FUNNEL_CONFIG } = await import('../src')
    expect(calculationFields({ ...DEFAULT_FUNNEL_CONFIG, transitions: [] })).toEqual({})
  })
})
