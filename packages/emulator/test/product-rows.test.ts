import fc from 'fast-check'
import { computeProductRows } from '@salesflow/rules'
import { describe, expect, it } from 'vitest'
import { createPortal } from '../src/index'
import { call } from './rest'

const portal = createPortal({ faults: { rateLimit: false } })

const DERIVED = [
  'price',
  'priceExclusive',
  'priceNetto',
  'priceBrutto',
  'quantity',
  'discountTypeId',
  'discountRate',
  'discountSum',
  'taxRate',
  'taxIncluded',
] as const

const rowArb = fc.record({
  price: fc.integer({ min: 0, max: 50_000_00 }).map((k) => (k / 100).toFixed(2)),
  quantity: fc.integer({ min: 1, max: 500 }).map((q) => String(q / 4)),
  discountTypeId: fc.constantFrom(1, 2),
  discountRate: fc.integer({ min: 0, max: 9900 }).map((r) => (r / 100).toFixed(2)),
  discountSum: fc.integer({ min: 0, max: 100_000 }).map((s) => (s / 100).toFixed(2)),
  taxRate: fc.constantFrom('22', '10', '0', null),
  taxIncluded: fc.constantFrom('Y' as const, 'N' as const),
})

describe('product rows are stored as computeProductRows computes them', () => {
  it('crm.item.productrow.set: every derived field and the owner OPPORTUNITY / TAX_VALUE (factory path)', async () => {
    await fc.assert(
      fc.asyncProperty(fc.array(rowArb, { minLength: 1, maxLength: 6 }), async (rows) => {
        const expected = computeProductRows(rows)
        fc.pre(!expected.hasErrors)
        const r = await call(portal, 'crm.item.productrow.set', { ownerType: 'D', ownerId: 14, productRows: rows })
        expect(r.status).toBe(200)
        const stored = (r.body['result'] as { productRows: Record<string, unknown>[] }).productRows
        stored.forEach((row, i) => {
          const c = expected.rows[i]
          if (!c?.ok) throw new Error('expected a valid row')
          for (const k of DERIVED) {
            const want = c.value[k]
            expect(row[k], k).toEqual(
              want === null ? null : typeof want === 'number' || k === 'taxIncluded' ? want : Number(want),
            )
          }
        })
        const deal = portal.store.deals.get(14)
        expect([deal?.opportunity, deal?.taxValue]).toEqual([expected.opportunity, expected.taxValue])
        const legacy = (await call(portal, 'crm.deal.get', { id: 14 })).body['result'] as Record<string, string>
        expect([legacy['OPPORTUNITY'], legacy['TAX_VALUE']]).toEqual([expected.opportunity, expected.taxValue])
      }),
      { numRuns: 40 },
    )
  })

  it('crm.deal.productrows.set takes the legacy path (caller-given derived prices win) and replaces all rows', async () => {
    const rows = [
      {
        PRODUCT_ID: 101,
        PRICE: 1000,
        QUANTITY: 10,
        DISCOUNT_TYPE_ID: 1,
        DISCOUNT_SUM: 100,
        TAX_RATE: 13,
        MEASURE_CODE: 796,
        MEASURE_NAME: 'шт',
        SORT: 10,
      },
      {
        PRODUCT_NAME: 'Монтаж',
        PRICE: 500,
        QUANTITY: 5,
        DISCOUNT_TYPE_ID: 2,
        DISCOUNT_RATE: 10,
        TAX_RATE: 10,
        PRICE_NETTO: 600,
        SORT: 20,
      },
    ]
    expect((await call(portal, 'crm.deal.productrows.set', { id: 15, rows })).body['result']).toBe(true)
    const expected = computeProductRows(
      rows.map((r) => ({
        price: r.PRICE,
        quantity: r.QUANTITY,
        discountTypeId: r.DISCOUNT_TYPE_ID,
        discountSum: r.DISCOUNT_SUM,
        discountRate: r.DISCOUNT_RATE,
        taxRate: r.TAX_RATE,
        priceNetto: r.PRICE_NETTO,
      })),
      { path: 'legacy' },
    )
    const got = (await call(portal, 'crm.deal.productrows.get', { id: 15 })).body['result'] as Record<string, unknown>[]
    expect(got).toHaveLength(2)
    expect(got.map((r) => [r['PRODUCT_NAME'], r['PRICE_NETTO'], r['OWNER_TYPE'], r['OWNER_ID']])).toEqual([
      ['Платформа ПТ-200 стальная', expected.rows[0]?.ok ? Number(expected.rows[0].value.priceNetto) : NaN, 'D', '15'],
      ['Монтаж', 600, 'D', '15'],
    ])
    expect(portal.store.deals.get(15)?.opportunity).toBe(expected.opportunity)
  })

  it('add / update / delete of one row recompute the owner', async () => {
    await call(portal, 'crm.item.productrow.set', {
      ownerType: 'SI',
      ownerId: 2,
      productRows: [{ productId: 105, price: 68500, quantity: 2, taxRate: 22, taxIncluded: 'Y' }],
    })
    const added = (
      await call(portal, 'crm.item.productrow.add', {
        fields: {
          ownerType: 'SI',
          ownerId: 2,
          productName: 'Доставка',
          price: 15000,
          quantity: 1,
          taxRate: 22,
          taxIncluded: 'Y',
        },
      })
    ).body['result'] as { productRow: { id: number } }
    expect(portal.store.invoices.get(2)?.opportunity).toBe('152000.00')
    await call(portal, 'crm.item.productrow.update', { id: added.productRow.id, fields: { price: 20000 } })
    expect(portal.store.invoices.get(2)?.opportunity).toBe('157000.00')
    await call(portal, 'crm.item.productrow.delete', { id: added.productRow.id })
    expect(portal.store.invoices.get(2)?.opportunity).toBe('137000.00')
    expect(portal.store.invoices.get(2)?.taxValue).toBe(
      computeProductRows([{ price: '68500', quantity: 2, taxRate: 22, taxIncluded: 'Y' }]).taxValue,
    )
  })

  it('crm.item.update with productRows stores them too', async () => {
    const rows = [
      {
        productId: 111,
        price: '56700',
        quantity: '3',
        discountTypeId: 2,
        discountRate: '5',
        taxRate: '22',
        taxIncluded: 'Y' as const,
      },
    ]
    await call(portal, 'crm.item.update', { entityTypeId: 2, id: 9, fields: { productRows: rows } })
    expect(portal.store.deals.get(9)?.opportunity).toBe(computeProductRows(rows).opportunity)
  })

  it('rejects what the portal rejects (100 % discount without a sum) and needs =ownerType/=ownerId to list', async () => {
    const bad = await call(portal, 'crm.item.productrow.set', {
      ownerType: 'D',
      ownerId: 9,
      productRows: [{ price: 0, discountTypeId: 2, discountRate: 100 }],
    })
    expect([bad.status, bad.body['error']]).toEqual([400, 'ERROR_CORE'])
    expect((await call(portal, 'crm.item.productrow.list', { filter: { '=ownerId': 9 } })).body['error']).toBe('100')
    expect(
      (await call(portal, 'crm.item.productrow.set', { ownerType: 'D', ownerId: 9999, productRows: [] })).body['error'],
    ).toBe('OWNER_NOT_FOUND')
  })
})

describe('crm.deal.productrows.set validation and defaults (b24-platform.md 4.2)', () => {
  const stored = (dealId: number) =>
    [...portal.store.productRows.values()].filter((r) => r.ownerType === 'D' && r.ownerId === dealId)

  it.each([
    ['DISCOUNT_TYPE_ID=1 without DISCOUNT_SUM', { PRICE: 100, DISCOUNT_TYPE_ID: 1 }, 'DISCOUNT_SUM'],
    ['a 100 % rate without a sum', { PRICE: 0, DISCOUNT_TYPE_ID: 2, DISCOUNT_RATE: 100 }, 'DISCOUNT_SUM'],
    ['DISCOUNT_TYPE_ID=2 without DISCOUNT_RATE', { PRICE: 100, DISCOUNT_TYPE_ID: 2 }, 'DISCOUNT_RATE'],
  ])('refuses %s with 400 ERROR_CORE and keeps the stored rows', async (_name, bad, field) => {
    const before = stored(16).map((r) => r.id)
    const r = await call(portal, 'crm.deal.productrows.set', { id: 16, rows: [{ PRICE: 5, QUANTITY: 1 }, bad] })
    expect([r.status, r.body['error']]).toEqual([400, 'ERROR_CORE'])
    expect(String(r.body['error_description'])).toContain(field)
    expect(stored(16).map((r) => r.id)).toEqual(before)
  })

  it('stores SORT 0 when none is given (crm.item.productrow.* numbers rows 10, 20, …)', async () => {
    await call(portal, 'crm.deal.productrows.set', { id: 16, rows: [{ PRICE: 5 }, { PRICE: 6, SORT: 30 }] })
    const rows = (await call(portal, 'crm.deal.productrows.get', { id: 16 })).body['result'] as { SORT: number }[]
    expect(rows.map((r) => r.SORT)).toEqual([0, 30])
    await call(portal, 'crm.item.productrow.set', { ownerType: 'D', ownerId: 16, productRows: [{ price: 5 }] })
    expect(stored(16).map((r) => r.sort)).toEqual([10])
  })
})
