import { describe, expect, it } from 'vitest'
import fc from 'fast-check'
import {
  D,
  buildInvoiceStageMap,
  computeProductRows,
  generateInvoice,
  instalmentOfKey,
  stageForStatus,
  statusFromStage,
} from '../src'
import type { DealForInvoice, InvoiceRequest, InvoiceStatus, PortalCurrency, PortalStage } from '../src'

const unwrap = <T>(r: { ok: true; value: T } | { ok: false; error: unknown }): T => {
  if (!r.ok) throw new Error(`unexpected error ${JSON.stringify(r.error)}`)
  return r.value
}
const STAGES: PortalStage[] = [
  { id: 'DT31_2:N', name: 'Новый', sort: 100, semantics: 'process' },
  { id: 'DT31_2:S', name: 'Отправлен', sort: 110, semantics: 'process' },
  { id: 'DT31_2:UC_PARTIAL', name: 'Частично оплачен', sort: 120, semantics: 'process' },
  { id: 'DT31_2:P', name: 'Оплачен', sort: 130, semantics: 'success' },
  { id: 'DT31_2:D', name: 'Отклонён', sort: 140, semantics: 'failure' },
]

describe('invoice stage map', () => {
  const map = unwrap(buildInvoiceStageMap(STAGES, { partiallyPaid: 'DT31_2:UC_PARTIAL' }))

  it.each([
    ['draft', 'DT31_2:N'],
    ['sent', 'DT31_2:S'],
    ['partiallyPaid', 'DT31_2:UC_PARTIAL'],
    ['overdue', 'DT31_2:S'],
    ['disputed', 'DT31_2:S'],
    ['paid', 'DT31_2:P'],
    ['cancelled', 'DT31_2:D'],
    ['refunded', 'DT31_2:D'],
  ] as [InvoiceStatus, string][])('%s is stored as %s', (status, stage) => {
    expect(stageForStatus(map, status)).toBe(stage)
  })

  it('finds paid and cancelled by semantics, not letters, in another category with renamed stages', () => {
    const other = unwrap(
      buildInvoiceStageMap([
        { id: 'DT31_9:UC_DONE', sort: 50, semantics: 'success' },
        { id: 'DT31_9:P', sort: 10, semantics: 'process' },
        { id: 'DT31_9:D', sort: 60, semantics: 'failure' },
      ]),
    )
    expect(stageForStatus(other, 'paid')).toBe('DT31_9:UC_DONE')
    expect(stageForStatus(other, 'draft')).toBe('DT31_9:P')
    expect(stageForStatus(other, 'sent')).toBe('DT31_9:P')
  })

  const facts = { total: '100', paid: '0', dueDate: '2026-03-01', today: '2026-02-01' }
  it.each([
    ['DT31_2:N', facts, 'draft'],
    ['DT31_2:S', facts, 'sent'],
    ['DT31_2:S', { ...facts, today: '2026-03-02' }, 'overdue'],
    ['DT31_2:S', { ...facts, today: '2026-03-02', paid: '100' }, 'sent'],
    // Past due with part paid: partly paid (the overdue days are counted from the due date elsewhere).
    ['DT31_2:S', { ...facts, today: '2026-03-02', paid: '40' }, 'partiallyPaid'],
    ['DT31_2:S', { ...facts, paid: '40' }, 'partiallyPaid'],
    ['DT31_2:S', { ...facts, disputed: true }, 'disputed'],
    ['DT31_2:UC_PARTIAL', { ...facts, today: '2026-03-02' }, 'partiallyPaid'],
    ['DT31_2:P', facts, 'paid'],
    ['DT31_2:D', facts, 'cancelled'],
    ['DT31_2:D', { ...facts, paid: '100' }, 'refunded'],
    // A refund unpays the payment: our refund line tells it from a cancellation.
    ['DT31_2:D', { ...facts, refunded: true }, 'refunded'],
  ])('%s with %o reads as %s', (stage, f, status) => {
    expect(statusFromStage(map, stage, f)).toEqual({ ok: true, value: status })
  })

  it('reads an unmapped custom process stage from the facts', () => {
    const custom = unwrap(buildInvoiceStageMap([...STAGES, { id: 'DT31_2:UC_CHECK', sort: 125, semantics: 'process' }]))
    expect(statusFromStage(custom, 'DT31_2:UC_CHECK', { ...facts, today: '2026-04-01' })).toEqual({
      ok: true,
      value: 'overdue',
    })
  })

  it.each([
    [STAGES.filter((s) => s.semantics !== 'success'), {}, 'STAGE_SEMANTICS_INVALID'],
    [[...STAGES, { id: 'X', sort: 1, semantics: 'success' }], {}, 'STAGE_SEMANTICS_INVALID'],
    [STAGES.filter((s) => s.semantics !== 'failure'), {}, 'STAGE_SEMANTICS_INVALID'],
    [STAGES, { overdue: 'DT31_2:UC_LATE' }, 'UNKNOWN_STAGE'],
    [STAGES, { paid: 'DT31_2:S' }, 'CONFIG_INVALID'],
    [STAGES, { partiallyPaid: 'DT31_2:P' }, 'CONFIG_INVALID'],
  ] as [PortalStage[], Partial<Record<InvoiceStatus, string>>, string][])(
    'rejects a bad configuration (%#)',
    (stages, overrides, code) => {
      const r = buildInvoiceStageMap(stages, overrides)
      expect(!r.ok && r.error.code).toBe(code)
    },
  )

  it('reads back every status it writes, given consistent facts', () => {
    const consistent: Record<InvoiceStatus, { paid: string; today: string; disputed?: boolean }> = {
      draft: { paid: '0', today: '2026-02-01' },
      sent: { paid: '0', today: '2026-02-01' },
      partiallyPaid: { paid: '40', today: '2026-02-01' },
      overdue: { paid: '0', today: '2026-03-05' },
      disputed: { paid: '0', today: '2026-02-01', disputed: true },
      paid: { paid: '100', today: '2026-02-01' },
      cancelled: { paid: '0', today: '2026-02-01' },
      refunded: { paid: '100', today: '2026-02-01' },
    }
    for (const m of [map, unwrap(buildInvoiceStageMap(STAGES))]) {
      for (const [status, f] of Object.entries(consistent) as [InvoiceStatus, (typeof consistent)[InvoiceStatus]][]) {
        expect(statusFromStage(m, stageForStatus(m, status), { ...facts, ...f })).toEqual({ ok: true, value: status })
      }
    }
  })

  it('refuses facts that are not numbers', () => {
    expect(statusFromStage(map, 'DT31_2:S', { ...facts, paid: 'x' })).toMatchObject({
      ok: false,
      error: { code: 'INVALID_NUMBER', field: 'paid' },
    })
  })

  it('refuses an unknown stage id', () => {
    expect(statusFromStage(map, 'DT31_3:N', facts)).toEqual({
      ok: false,
      error: { code: 'UNKNOWN_STAGE', stageId: 'DT31_3:N' },
    })
  })
})

const CURRENCIES: PortalCurrency[] = [
  { CURRENCY: 'RUB', AMOUNT: '1', AMOUNT_CNT: '1', isBase: true, decimals: 2 },
  { CURRENCY: 'USD', AMOUNT: '92.5000', AMOUNT_CNT: '1', isBase: false, decimals: 2 },
]
const DEAL: DealForInvoice = {
  id: '42',
  currencyId: 'RUB',
  paymentTerms: 'prepay50',
  rows: [
    {
      productId: 101,
      productName: 'Платформа ПТ-200 стальная',
      price: '122000',
      quantity: 2,
      discountTypeId: 2,
      discountRate: 5,
      taxRate: 22,
      taxIncluded: 'Y',
    },
    { productId: 205, productName: 'Датчик веса', price: '1500.50', quantity: 4, taxRate: 22, taxIncluded: 'Y' },
    { productId: 900, productName: 'Пусконаладка', price: '30000', quantity: 1, taxRate: 0, taxIncluded: 'Y' },
  ],
}
const REQUEST: InvoiceRequest = {
  kind: 'full',
  today: '2026-03-02',
  currencies: CURRENCIES,
  rateDate: '2026-03-02',
  rateSource: 'portal',
}

describe('generateInvoice', () => {
  it('bills the full deal as stored, with the due date of the first terms line', () => {
    const inv = unwrap(generateInvoice(DEAL, REQUEST))
    expect(inv.opportunity).toBe(computeProductRows(DEAL.rows).opportunity)
    expect(inv.rows.map((r) => [r.productName, r.price, r.quantity])).toEqual([
      ['Платформа ПТ-200 стальная', '122000.00', '2.0000'],
      ['Датчик веса', '1500.50', '4.0000'],
      ['Пусконаладка', '30000.00', '1.0000'],
    ])
    expect(inv.rate).toEqual({
      from: 'RUB',
      to: 'RUB',
      rate: '1',
      quoted: '1',
      nominal: '1',
      date: '2026-03-02',
      source: 'portal',
      ageDays: 0,
    })
    expect([inv.begindate, inv.closedate]).toEqual(['2026-03-02', '2026-03-07'])
    expect(inv.idempotencyKey).toMatch(/^inv:42:full:[0-9a-f]{32}$/)
  })

  it('bills a prepayment share as one row per VAT rate, split exactly', () => {
    const inv = unwrap(generateInvoice(DEAL, { ...REQUEST, kind: 'prepayment' }))
    const total = new D(computeProductRows(DEAL.rows).opportunity)
    expect(inv.percent).toBe('50')
    expect(inv.opportunity).toBe(total.div(2).toDecimalPlaces(2).toFixed(2))
    expect(inv.rows.map((r) => [r.productName, r.taxRate])).toEqual([
      ['Предоплата 50% по сделке №42 (НДС 22%)', '22.00'],
      ['Предоплата 50% по сделке №42 (НДС 0%)', '0.00'],
    ])
    expect(inv.rows[1]!.price).toBe('15000.00')
  })

  it('prepayment and balance add up to the deal total for any percent', () => {
    fc.assert(
      fc.property(fc.oneof(fc.integer({ min: 1, max: 10000 }), fc.constant(10000)), (bp) => {
        const percent = new D(bp).div(100).toFixed()
        const pre = unwrap(generateInvoice(DEAL, { ...REQUEST, kind: 'prepayment', percent }))
        const balance = generateInvoice(DEAL, { ...REQUEST, kind: 'balance', alreadyInvoiced: pre.opportunity })
        if (bp === 10000) {
          expect(balance).toEqual({ ok: false, error: { code: 'NOTHING_TO_INVOICE', dealId: '42' } })
          return
        }
        const bal = unwrap(balance)
        expect(new D(pre.opportunity).plus(bal.opportunity).toFixed(2)).toBe(computeProductRows(DEAL.rows).opportunity)
        expect(bal.closedate).toBe('2026-04-01')
      }),
      { numRuns: 50 },
    )
  })

  it('converts to the invoice currency and keeps the rate snapshot', () => {
    const inv = unwrap(
      generateInvoice(DEAL, { ...REQUEST, currencyId: 'USD', rateSource: 'cbr.ru', rateDate: '2026-03-01' }),
    )
    expect(inv.currencyId).toBe('USD')
    expect(inv.rate).toEqual({
      from: 'RUB',
      to: 'USD',
      rate: new D(1).div('92.5').toFixed(),
      quoted: '92.5',
      nominal: '1',
      date: '2026-03-01',
      source: 'cbr.ru',
      ageDays: 1,
    })
    // The sensor's 1500.50 RUB list price is 16.22 USD; no discount, so the price is exactly that.
    expect(inv.rows[1]).toMatchObject({ productName: 'Датчик веса', price: '16.22' })
    expect(inv.stored[0]).toMatchObject({ discountRate: '5.00' })
  })

  it('bills only the selected rows, keyed by content rather than row ids', () => {
    const withIds = { ...DEAL, rows: DEAL.rows.map((r, i) => ({ ...r, id: 10 + i })) }
    const part = unwrap(generateInvoice(withIds, { ...REQUEST, rowIds: ['11', 12] }))
    expect(part.rows.map((r) => r.productName)).toEqual(['Датчик веса', 'Пусконаладка'])
    const renumbered = { ...DEAL, rows: DEAL.rows.map((r, i) => ({ ...r, id: 20 + i })) }
    expect(unwrap(generateInvoice(renumbered, { ...REQUEST, rowIds: [21, 22] })).idempotencyKey).toBe(
      part.idempotencyKey,
    )
    expect(generateInvoice(withIds, { ...REQUEST, rowIds: [99] })).toMatchObject({
      ok: false,
      error: { code: 'NOTHING_TO_INVOICE' },
    })
  })

  it('accepts a rate exactly maxRateAgeDays old', () => {
    expect(unwrap(generateInvoice(DEAL, { ...REQUEST, rateDate: '2026-02-25', maxRateAgeDays: 5 })).rate.ageDays).toBe(
      5,
    )
  })

  it('keeps the idempotency key across days, rates and row order, and changes it with the content', () => {
    const key = (deal: DealForInvoice, req: Partial<InvoiceRequest> = {}) =>
      unwrap(generateInvoice(deal, { ...REQUEST, ...req })).idempotencyKey
    const base = key(DEAL)
    expect(key(DEAL, { today: '2026-03-09', rateDate: '2026-03-09', rateSource: 'cbr.ru' })).toBe(base)
    expect(key({ ...DEAL, rows: [...DEAL.rows].reverse() })).toBe(base)
    expect(key({ ...DEAL, rows: DEAL.rows.slice(1) })).not.toBe(base)
    expect(key({ ...DEAL, id: '43' })).not.toBe(base)
    expect(key(DEAL, { currencyId: 'USD' })).not.toBe(base)
    expect(key(DEAL, { kind: 'prepayment' })).not.toBe(key(DEAL, { kind: 'prepayment', percent: 30 }))
  })

  it.each([
    [{ ...DEAL, rows: [] }, {}, 'NOTHING_TO_INVOICE'],
    [DEAL, { kind: 'balance', alreadyInvoiced: '1000000' }, 'NOTHING_TO_INVOICE'],
    [DEAL, { kind: 'prepayment', percent: 0 }, 'INVALID_PERCENT'],
    [DEAL, { kind: 'prepayment', percent: 101 }, 'INVALID_PERCENT'],
    [{ ...DEAL, paymentTerms: 'net45' }, {}, 'UNKNOWN_PAYMENT_TERMS'],
    [DEAL, { today: '2026-02-31' }, 'INVALID_DATE'],
    [DEAL, { currencyId: 'GBP' }, 'UNKNOWN_CURRENCY'],
    [DEAL, { rateDate: '2026-03-03' }, 'STALE_RATE'],
    [DEAL, { rateDate: '2026-02-24', maxRateAgeDays: 5 }, 'STALE_RATE'],
    [{ ...DEAL, rows: [{ productName: 'x', price: 'abc' }] }, {}, 'INVALID_NUMBER'],
  ] as [DealForInvoice, Partial<InvoiceRequest>, string][])('refuses case %# with %s', (deal, req, code) => {
    const r = generateInvoice(deal, { ...REQUEST, ...req })
    expect(!r.ok && r.error.code).toBe(code)
  })
})

describe('generateInvoice: totals of what is billed', () => {
  it('a return row (negative quantity) is not billed, and the invoice total is the billed rows’ own', () => {
    const withReturn: DealForInvoice = {
      ...DEAL,
      rows: [...DEAL.rows, { productId: 205, productName: 'Возврат датчика', price: '1500.50', quantity: -1, taxRate: 22, taxIncluded: 'Y' }], // prettier-ignore
    }
    for (const currencyId of ['RUB', 'USD']) {
      const inv = unwrap(generateInvoice(withReturn, { ...REQUEST, currencyId }))
      expect(inv.rows).toHaveLength(3)
      const own = computeProductRows(inv.rows)
      expect([inv.opportunity, inv.taxValue]).toEqual([own.opportunity, own.taxValue])
    }
    expect(unwrap(generateInvoice(withReturn, REQUEST)).opportunity).toBe(
      unwrap(generateInvoice(DEAL, REQUEST)).opportunity,
    )
  })
})

describe('generateInvoice: instalments of the payment terms', () => {
  const opportunity = (r: ReturnType<typeof generateInvoice>) => new D(unwrap(r).opportunity)
  const full = opportunity(generateInvoice(DEAL, REQUEST))

  it.each(['prepay50', 'instalments3'])('the instalments of %s add up to the full invoice to the kopeck', (terms) => {
    const deal = { ...DEAL, paymentTerms: terms }
    const parts: (typeof full)[] = []
    for (let i = 0; ; i++) {
      const r = generateInvoice(deal, { ...REQUEST, kind: 'instalment', instalment: i })
      if (!r.ok) {
        expect(r.error).toEqual({ code: 'NOTHING_TO_INVOICE', dealId: '42' })
        break
      }
      expect(r.value.instalment?.index).toBe(i)
      parts.push(new D(r.value.opportunity))
    }
    expect(parts).toHaveLength(terms === 'prepay50' ? 2 : 3)
    expect(parts.reduce((a, b) => a.plus(b), new D(0)).toFixed(2)).toBe(full.toFixed(2))
  })

  it('bills the next instalment not yet issued, keyed by its index, and nothing once all are issued', () => {
    const first = unwrap(generateInvoice(DEAL, { ...REQUEST, kind: 'instalment' }))
    expect(instalmentOfKey(first.idempotencyKey)).toBe(0)
    expect(first.closedate).toBe('2026-03-07') // prepay50: the prepayment line is due in 5 days
    const second = unwrap(generateInvoice(DEAL, { ...REQUEST, kind: 'instalment', issuedInstalments: [0] }))
    expect(instalmentOfKey(second.idempotencyKey)).toBe(1)
    expect(second.closedate).toBe('2026-04-01')
    expect(generateInvoice(DEAL, { ...REQUEST, kind: 'instalment', issuedInstalments: [0, 1] })).toEqual({
      ok: false,
      error: { code: 'NOTHING_TO_INVOICE', dealId: '42' },
    })
    expect(instalmentOfKey(unwrap(generateInvoice(DEAL, REQUEST)).idempotencyKey)).toBeNull()
  })

  it('bills a single-line term (prepay100) with the deal rows themselves', () => {
    const inv = unwrap(generateInvoice({ ...DEAL, paymentTerms: 'prepay100' }, { ...REQUEST, kind: 'instalment' }))
    expect(inv.rows.map((r) => r.productName)).toEqual(DEAL.rows.map((r) => r.productName))
    expect(inv.opportunity).toBe(full.toFixed(2))
  })

  it('keys a converted instalment by deal, instalment, amount and currency, not by the rate', () => {
    const at = (amount: string) =>
      unwrap(
        generateInvoice(DEAL, {
          ...REQUEST,
          kind: 'instalment',
          currencyId: 'USD',
          currencies: [CURRENCIES[0]!, { ...CURRENCIES[1]!, AMOUNT: amount }],
        }),
      )
    const a = at('92.5000')
    const b = at('95.1000')
    expect(a.idempotencyKey).toBe(b.idempotencyKey)
    expect(a.opportunity).not.toBe(b.opportunity)
    expect(a.rate).toMatchObject({ from: 'RUB', to: 'USD', rate: new D(1).div('92.5').toFixed() })
  })

  it('refuses an instalment index that is not a whole number', () => {
    expect(generateInvoice(DEAL, { ...REQUEST, kind: 'instalment', instalment: 1.5 })).toMatchObject({
      ok: false,
      error: { code: 'INVALID_INPUT', field: 'instalment' },
    })
  })
})

describe('generateInvoice: the idempotency key text is pinned', () => {
  // Issued invoices keep their keys: a faster way of building the key must give these very keys. The rows are
  // out of canonical order, with a name to escape, no tax, both discount types and both tax modes.
  const deal: DealForInvoice = {
    id: '42',
    currencyId: 'RUB',
    paymentTerms: 'prepay50',
    rows: [
      {
        id: 3,
        productId: 205,
        productName: 'Датчик веса',
        price: '1500.50',
        quantity: 4,
        taxRate: 22,
        taxIncluded: 'Y',
      },
      { id: 1, productId: 101, productName: 'Платформа "ПТ-200"\tстальная', price: '122000', quantity: '2', discountTypeId: 2, discountRate: '5', taxRate: '20', taxIncluded: 'N' }, // prettier-ignore
      { id: 2, productId: 12, productName: 'Пусконаладка', price: '30000', quantity: 1, taxRate: null, taxIncluded: 'Y' }, // prettier-ignore
      { id: 4, productId: 1, productName: 'Крепёж', price: '0.10', quantity: '1000', discountTypeId: 1, discountSum: '0.02', taxRate: '10', taxIncluded: 'Y' }, // prettier-ignore
    ],
  }
  const currencies: PortalCurrency[] = [
    { CURRENCY: 'RUB', AMOUNT: '1', AMOUNT_CNT: '1', isBase: true, decimals: 2 },
    { CURRENCY: 'EUR', AMOUNT: '100.2500', AMOUNT_CNT: '1', isBase: false, decimals: 2 },
  ]
  const request: InvoiceRequest = { kind: 'full', today: '2026-03-02', currencies, rateDate: '2026-03-02', rateSource: 'portal' } // prettier-ignore

  it.each([
    [{}, 'inv:42:full:43f49d0b9163c249c403028970a0c22d'],
    [{ currencyId: 'EUR' }, 'inv:42:full:51c9b5ce544454ff7254eec1a0703e30'],
    [{ kind: 'prepayment', percent: 30 }, 'inv:42:prepayment:99cfdf0274e08ed550ce107efb13cdb8'],
  ] as [Partial<InvoiceRequest>, string][])('%j gives %s', (req, key) => {
    expect(unwrap(generateInvoice(deal, { ...request, ...req })).idempotencyKey).toBe(key)
  })
})
