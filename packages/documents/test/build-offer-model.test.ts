import { describe, expect, it } from 'vitest'
import fc from 'fast-check'
import { computeProductRows, D, type ProductRowInput } from '@salesflow/rules'
import { buildOfferModel, validateOffer, type CommercialOffer } from '../src/model'
import { CATALOG, makeOffer, offerInput, rowsFrom, unwrap } from './support/fixtures'

describe('buildOfferModel', () => {
  it('takes the totals the portal stores: OPPORTUNITY and TAX_VALUE of computeProductRows', () => {
    const offer = makeOffer()
    const stored = computeProductRows(CATALOG.map((l) => l.input))
    expect(offer.totals.total).toBe(stored.opportunity)
    expect(offer.totals.vatTotal).toBe(stored.taxValue)
    expect(new D(offer.totals.withoutVat).plus(offer.totals.vatTotal).eq(offer.totals.total)).toBe(true)
  })

  it('splits VAT by rate in the order rates appear, each the per-row rounded sum', () => {
    const offer = makeOffer()
    expect(offer.totals.vat.map((v) => v.rate)).toEqual(['22.00', '10.00', null])
    for (const line of offer.totals.vat) {
      const rows = offer.rows.filter((r) => r.vatRate === line.rate)
      const sum = rows.reduce((acc, r) => acc.plus(r.vat), new D(0))
      expect(sum.toFixed(2)).toBe(line.amount)
    }
  })

  it('copies each row as Bitrix24 stores it and picks the discount the manager gave', () => {
    const offer = makeOffer()
    const stored = computeProductRows(CATALOG.map((l) => l.input)).rows.map(unwrap)
    expect(offer.rows[0]).toMatchObject({
      name: CATALOG[0]!.name,
      article: 'PT-500-R',
      unit: 'шт',
      quantity: '1.0000',
      price: '1087500.00',
      listPrice: stored[0]!.priceBrutto,
      discount: { kind: 'percent', rate: '5.00' },
      vatRate: '22.00',
      sum: stored[0]!.sum,
    })
    expect(offer.rows[1]!.discount).toEqual({ kind: 'amount', sum: '1500.00', rate: stored[1]!.discountRate })
    // No discount: the list price is the price (a brutto re-derived from a netto can be a kopeck off).
    expect(offer.rows[2]).toMatchObject({ discount: { kind: 'none' }, listPrice: '3120.40', price: '3120.40' })
    expect(offer.rows[4]).toMatchObject({ vatRate: null, vat: '0.00' })
  })

  it('survives JSON: the stored offer renders the same as the fresh one', () => {
    const offer = makeOffer()
    const back = JSON.parse(JSON.stringify(offer)) as CommercialOffer
    expect(back).toEqual(offer)
    expect(validateOffer(back)).toEqual({ ok: true, value: back })
  })

  it('refuses to print totals other than the ones the deal has stored', () => {
    const stored = computeProductRows(CATALOG.map((l) => l.input))
    const r = buildOfferModel({ ...offerInput(), expected: { opportunity: '1.00', taxValue: stored.taxValue } })
    expect(r).toEqual({
      ok: false,
      error: { code: 'TOTALS_MISMATCH', field: 'opportunity', expected: '1.00', actual: stored.opportunity },
    })
    const fine = buildOfferModel({
      ...offerInput(),
      expected: { opportunity: stored.opportunity, taxValue: stored.taxValue },
    })
    expect(fine.ok).toBe(true)
  })

  it('names the row the rules library rejects', () => {
    const rows = rowsFrom(CATALOG)
    const broken = rows.map((r, i) => (i === 3 ? { ...r, row: { ...r.row, taxIncluded: 'X' as 'Y' } } : r))
    const r = buildOfferModel({ ...offerInput(), rows: broken })
    expect(r.ok ? null : r.error).toMatchObject({ code: 'ROW_INVALID', index: 3, cause: { code: 'INVALID_ENUM' } })
  })

  it.each([
    ['a bad date', { date: '25.11.2026' }, { code: 'INVALID_DATE', field: 'date', value: '25.11.2026' }],
    [
      'an unknown currency',
      { currency: { code: 'GBP', symbol: '£', decimals: 2 } },
      { code: 'UNSUPPORTED_CURRENCY', currency: 'GBP' },
    ],
  ] as const)('rejects %s', (_name, patch, error) => {
    expect(buildOfferModel({ ...offerInput(), ...patch })).toEqual({ ok: false, error })
  })

  it.each([
    ['client.companyName', (o: CommercialOffer) => ({ ...o, client: { ...o.client, companyName: '  ' } }), '  '],
    ['deal.title', (o: CommercialOffer) => ({ ...o, deal: { title: undefined as unknown as string } }), undefined],
    [
      'rows[0].unit',
      (o: CommercialOffer) => ({ ...o, rows: [{ ...o.rows[0]!, unit: null as unknown as string }] }),
      null,
    ],
  ])('rejects a stored offer whose %s is missing, instead of printing "undefined"', (field, spoil, value) => {
    expect(validateOffer(spoil(makeOffer()))).toEqual({ ok: false, error: { code: 'INVALID_TEXT', field, value } })
  })

  it('keeps totals consistent for any rows (property)', () => {
    const row = fc.record({
      price: fc.integer({ min: 0, max: 10_000_000 }).map((k) => (k / 100).toFixed(2)),
      quantity: fc.integer({ min: 1, max: 50_000 }).map((q) => (q / 100).toString()),
      discountTypeId: fc.constant(2),
      discountRate: fc.integer({ min: 0, max: 99 }),
      taxRate: fc.constantFrom(null, 0, 10, 20, 22),
      taxIncluded: fc.constantFrom('Y' as const, 'N' as const),
    })
    fc.assert(
      fc.property(fc.array(row, { minLength: 1, maxLength: 12 }), (inputs: ProductRowInput[]) => {
        const lines = inputs.map((input, i) => ({ name: `Позиция ${i}`, article: `A${i}`, unit: 'шт', input }))
        const offer = unwrap(buildOfferModel({ ...offerInput(), rows: rowsFrom(lines) }))
        const vat = offer.totals.vat.reduce((acc, v) => acc.plus(v.amount), new D(0))
        const sums = offer.rows.reduce((acc, r) => acc.plus(r.sum), new D(0))
        expect(vat.toFixed(2)).toBe(offer.totals.vatTotal)
        expect(sums.toFixed(2)).toBe(offer.totals.total)
        expect(new D(offer.totals.withoutVat).plus(offer.totals.vatTotal).toFixed(2)).toBe(offer.totals.total)
      }),
      { numRuns: 200 },
    )
  })
})
