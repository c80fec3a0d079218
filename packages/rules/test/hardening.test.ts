import { describe, expect, it } from 'vitest'
import {
  D,
  DEFAULT_PRODUCT_MODEL,
  MAX_AMOUNT,
  allocate,
  allocateReceipt,
  checkCreditLimit,
  computeProductRows,
  currency,
  exchangeDifference,
  generateInvoice,
  listPriceOf,
  money,
  openCreditByCompany,
  sum,
  validateConfiguration,
  type ComputedProductRow,
  type Configuration,
  type CreditLimit,
  type DealForInvoice,
  type InvoiceRequest,
  type Money,
  type OpenCredit,
  type OpenInvoice,
  type PortalCurrency,
  type ProductRowInput,
} from '../src'

/**
 * Issue #12, section 3: each input that hung, threw or was accepted as nonsense on the public rules API,
 * and the typed error (or sane result) it gets now.
 */
const RUB = currency('RUB')
const CURRENCIES: PortalCurrency[] = [
  { CURRENCY: 'RUB', AMOUNT: '1', AMOUNT_CNT: '1', isBase: true, decimals: 2 },
  { CURRENCY: 'USD', AMOUNT: '92.5', AMOUNT_CNT: '1', isBase: false, decimals: 2 },
]
const code = (r: { ok: boolean; error?: { code: string } }) => (r.ok ? 'ok' : r.error!.code)
const rowCode = (row: unknown) => code(computeProductRows([row as ProductRowInput]).rows[0]!)
/** Wall-clock milliseconds of `f()`: a refusal must be cheap, whatever the input's size. */
const timed = (f: () => unknown) => {
  const t0 = performance.now()
  f()
  return performance.now() - t0
}

describe('hangs: allocate', () => {
  // Before: the remainder loop never reached zero (the process had to be killed).
  it('refuses a Money with more decimals than its currency (100.005 RUB)', () => {
    const forged: Money = { amount: new D('100.005'), currency: RUB }
    expect(allocate(forged, [1, 1])).toMatchObject({ ok: false, error: { code: 'INVALID_NUMBER', field: 'total' } })
  })

  it('refuses a currency whose decimals are NaN', () => {
    const forged: Money = { amount: new D('100'), currency: currency('RUB', Number.NaN) }
    expect(allocate(forged, [1, 2])).toMatchObject({ ok: false, error: { code: 'INVALID_DECIMALS' } })
  })

  it('still hands out the remainder exactly', () => {
    const total = money('10.03', RUB)
    if (!total.ok) throw new Error('setup')
    const r = allocate(total.value, [1, 1, 1])
    expect(r.ok && r.value.map((m) => m.amount.toFixed(2))).toEqual(['3.35', '3.34', '3.34'])
  })
})

describe('throws', () => {
  const doc = { companyId: '1', amount: '10', currency: 'RUB' }
  it.each(['bogus', '__proto__', 'constructor', 'toString'])('openCreditByCompany with kind %s', (kind) => {
    const r = openCreditByCompany([{ ...doc, kind } as never], 'RUB', CURRENCIES)
    expect(r).toMatchObject({ ok: false, error: { code: 'INVALID_ENUM', field: 'documents[0].kind' } })
  })

  const open: OpenCredit = { companyId: '1', currency: 'RUB', invoiced: '0', received: '0', unbilled: '0', open: '90' }
  it('checkCreditLimit without overrideRoles over the limit: nobody may override', () => {
    const limit = { amount: '100', currency: 'RUB', mode: 'block' } as unknown as CreditLimit
    expect(checkCreditLimit(open, '20', limit, 'admin')).toMatchObject({ ok: true, value: { decision: 'block' } })
  })

  it.each([[[null]], [[undefined]], [[42]], [['row']]])('computeProductRows(%o) gives an error row', (rows) => {
    const r = computeProductRows(rows as unknown as ProductRowInput[])
    expect(r.hasErrors).toBe(true)
    expect(r.rows.map(code)).toEqual(['INVALID_INPUT'])
    expect(r.opportunity).toBe('0.00')
  })

  it.each([undefined, null, 'rows', { 0: { price: 1 } }])('computeProductRows(%o) is one error', (rows) => {
    const r = computeProductRows(rows as never)
    expect(r).toMatchObject({ hasErrors: true, opportunity: '0.00', taxValue: '0.00' })
    expect(r.rows.map(code)).toEqual(['INVALID_INPUT'])
  })

  it.each([{ platformId: 'pt-200' }, { platformId: 'pt-200', components: null }, null])(
    'validateConfiguration(%o) is invalid, not a throw',
    (config) => {
      const r = validateConfiguration(DEFAULT_PRODUCT_MODEL, config as unknown as Configuration)
      expect(r.valid).toBe(false)
      expect(r.violations[0]).toMatchObject({ code: 'INVALID_INPUT' })
    },
  )

  it('allocateReceipt with an invoice without positions', () => {
    const inv = { invoiceId: '1', dueDate: null, currency: 'RUB' } as unknown as OpenInvoice
    expect(allocateReceipt({ amount: '10', currency: 'RUB', date: '2026-03-01' }, [inv])).toMatchObject({
      ok: false,
      error: { code: 'INVALID_INPUT', field: 'openInvoices[0].positions' },
    })
  })

  it('sum([], currency with NaN decimals)', () => {
    expect(sum([], currency('RUB', Number.NaN))).toMatchObject({ ok: false, error: { code: 'INVALID_DECIMALS' } })
    expect(sum([], RUB)).toMatchObject({ ok: true })
  })

  it("listPriceOf with discountSum '1,5' has no list price", () => {
    const stored = computeProductRows([{ price: '100', discountTypeId: 1, discountSum: '10' }]).rows[0]!
    if (!stored.ok) throw new Error('setup')
    expect(listPriceOf(stored.value, false)).toBe('110.00')
    expect(listPriceOf({ ...stored.value, discountSum: '1,5' }, false)).toBe('')
    expect(listPriceOf({ ...stored.value, priceNetto: 'NaN' } as ComputedProductRow, false)).toBe('')
  })
})

describe('accepted nonsense', () => {
  it('a row without a price is no free row', () => {
    expect(rowCode({ quantity: 1 })).toBe('INVALID_INPUT')
    expect(rowCode({ price: null, quantity: 1 })).toBe('INVALID_INPUT')
    expect(code(computeProductRows([{ quantity: 1 } as never], { path: 'legacy' }).rows[0]!)).toBe('INVALID_INPUT')
    expect(rowCode({ price: 0, quantity: 1 })).toBe('ok')
  })

  it.each([
    [{ price: '100', discountTypeId: 2, discountRate: '150' }, 'discountRate'],
    [{ price: '100', discountTypeId: 2, discountRate: '-5' }, 'discountRate'],
    [{ price: '100', discountTypeId: 1, discountSum: '-10' }, 'discountSum'],
  ])('a discount of %o is OUT_OF_RANGE', (row, field) => {
    const r = computeProductRows([row as ProductRowInput]).rows[0]!
    expect(r).toMatchObject({ ok: false, error: { code: 'OUT_OF_RANGE', field } })
  })

  it('a 100 % discount with its sum is still a valid row', () => {
    expect(rowCode({ price: '0', discountTypeId: 2, discountRate: '100', discountSum: '50' })).toBe('ok')
  })

  it('amounts beyond DECIMAL(18,2) are refused where they enter', () => {
    expect(MAX_AMOUNT).toBe('9999999999999999.99')
    expect(code(money(MAX_AMOUNT, RUB))).toBe('ok')
    expect(code(money('10000000000000000', RUB))).toBe('OUT_OF_RANGE')
    expect(code(money(-1e20, RUB))).toBe('OUT_OF_RANGE')
    expect(code(money('9999999999999999.995', RUB))).toBe('OUT_OF_RANGE') // rounds up past the limit
    expect(rowCode({ price: '1e17' })).toBe('OUT_OF_RANGE')
    expect(rowCode({ price: '1000000000000000', quantity: 100 })).toBe('OUT_OF_RANGE') // the row sum
    expect(rowCode({ price: '100', quantity: '1e15' })).toBe('OUT_OF_RANGE') // DECIMAL(18,4)
    expect(rowCode({ price: '5000000000000000', taxRate: '-60' })).toBe('OUT_OF_RANGE') // PRICE_EXCLUSIVE
    expect(rowCode({ price: '100', taxRate: 1e20 })).toBe('OUT_OF_RANGE') // found by the fuzz suite
    expect(rowCode({ price: '100', taxRate: '100' })).toBe('ok')
  })

  it('a document whose total would pass the limit refuses the row that passes it', () => {
    const big = { price: '6000000000000000' }
    const r = computeProductRows([big, big])
    expect(r.rows.map(code)).toEqual(['ok', 'OUT_OF_RANGE'])
    expect(r.opportunity).toBe('6000000000000000.00')
  })

  it("money('1e1000000') is refused at once", () => {
    for (const value of ['1e1000000', '1e-1000000', '-1e1000000']) {
      expect(code(money(value, RUB))).toBe('OUT_OF_RANGE')
      expect(timed(() => money(value, RUB))).toBeLessThan(50)
    }
    expect(timed(() => computeProductRows([{ price: '1e1000000' }]))).toBeLessThan(50)
  })

  const open: OpenCredit = { companyId: '1', currency: 'RUB', invoiced: '0', received: '0', unbilled: '0', open: '0' }
  const limit: CreditLimit = { amount: '100', currency: 'RUB', mode: 'block', overrideRoles: ['admin'] }
  it.each([
    ['a limit of −1', '10', { ...limit, amount: -1 }, 'NEGATIVE_AMOUNT'],
    ['an amount of −5', '-5', limit, 'NEGATIVE_AMOUNT'],
    ['an amount of −1e20', -1e20, limit, 'OUT_OF_RANGE'],
    ['mode bogus', '10', { ...limit, mode: 'bogus' }, 'INVALID_ENUM'],
  ])('checkCreditLimit refuses %s', (_, amount, l, expected) => {
    expect(code(checkCreditLimit(open, amount, l as CreditLimit, 'manager'))).toBe(expected)
  })

  it('an exchange rate of 0 (or below) is INVALID_RATE', () => {
    const a = { amount: '925.00', invoiceAmount: '10.00' }
    expect(code(exchangeDifference(a, 0))).toBe('INVALID_RATE')
    expect(code(exchangeDifference(a, '-90'))).toBe('INVALID_RATE')
    expect(exchangeDifference(a, '90')).toEqual({ ok: true, value: { booked: '900.00', difference: '25.00' } })
    expect(code(exchangeDifference(a, '90', Number.NaN))).toBe('INVALID_DECIMALS')
  })

  const deal: DealForInvoice = {
    id: '42',
    currencyId: 'RUB',
    paymentTerms: 'prepay50',
    rows: [{ productName: 'Платформа', price: '1000', quantity: 1 }],
  }
  const request: InvoiceRequest = {
    kind: 'full',
    today: '2026-03-02',
    currencies: CURRENCIES,
    rateDate: '2026-03-02',
    rateSource: 'portal',
  }
  it.each([
    [{ kind: 'bogus' }, 'INVALID_ENUM'],
    [{ kind: '__proto__' }, 'INVALID_ENUM'],
    [{ kind: 'balance', alreadyInvoiced: -1e20 }, 'OUT_OF_RANGE'],
    [{ kind: 'balance', alreadyInvoiced: '-100' }, 'NEGATIVE_AMOUNT'],
    [{ rowIds: 'all' }, 'INVALID_INPUT'],
  ])('generateInvoice refuses %o', (patch, expected) => {
    expect(code(generateInvoice(deal, { ...request, ...patch } as InvoiceRequest))).toBe(expected)
  })
  it('generateInvoice still bills a balance', () => {
    const r = generateInvoice(deal, { ...request, kind: 'balance', alreadyInvoiced: '400' })
    expect(r.ok && r.value.opportunity).toBe('600.00')
  })
})

describe('inherited properties are not input', () => {
  it('a product row made with Object.create has no price of its own', () => {
    expect(rowCode(Object.create({ price: '100', quantity: 1 }))).toBe('INVALID_INPUT')
    const own = Object.assign(Object.create({ discountTypeId: 1, discountSum: '-1' }), { price: '100' })
    expect(computeProductRows([own]).rows[0]).toMatchObject({ ok: true, value: { discountSum: '0.00' } })
  })

  it('a credit document or an invoice request made with Object.create is refused', () => {
    const doc = Object.create({ companyId: '1', kind: 'invoice', amount: '10', currency: 'RUB' })
    expect(code(openCreditByCompany([doc], 'RUB', CURRENCIES))).toBe('INVALID_ENUM')
    const request = Object.create({ kind: 'full', today: '2026-03-02', currencies: CURRENCIES, rateDate: '2026-03-02' })
    const deal = { id: '1', currencyId: 'RUB', paymentTerms: 'prepay50', rows: [{ productName: 'x', price: 1 }] }
    expect(code(generateInvoice(deal, request))).toBe('INVALID_ENUM')
  })

  it('an own __proto__ key is plain data, never a prototype', () => {
    const row = JSON.parse('{"__proto__": {"price": "100"}, "quantity": 1}') as ProductRowInput
    expect(rowCode(row)).toBe('INVALID_INPUT')
    const table = JSON.parse(
      '[{"CURRENCY":"RUB","AMOUNT":"1","AMOUNT_CNT":"1","isBase":true},{"__proto__":{"CURRENCY":"USD"}}]',
    ) as PortalCurrency[]
    expect(
      code(openCreditByCompany([{ companyId: '1', kind: 'invoice', amount: '1', currency: 'USD' }], 'RUB', table)),
    ).toBe('UNKNOWN_CURRENCY')
  })
})
