import { describe, expect, it } from 'vitest'
import fc from 'fast-check'
import { D, computeProductRows, convertMoney } from '@salesflow/rules'
import {
  mapCatalogPrice,
  mapCatalogProduct,
  mapCatalogSection,
  mapCategory,
  mapCurrency,
  mapDeal,
  mapDepartment,
  mapLead,
  mapLegacyProductRow,
  mapList,
  mapPayment,
  mapProductRow,
  mapSmartInvoice,
  mapStage,
  mapStockLevel,
  mapTask,
  mapUser,
} from '../src'
import * as p from './fixtures/payloads'

describe('mappers on recorded payloads', () => {
  it('maps crm.deal.get to a Deal with decimal strings and numeric ids', () => {
    const r = mapDeal(p.dealGet)
    expect(r).toEqual({
      ok: true,
      value: expect.objectContaining({
        id: 410,
        categoryId: 0,
        stageId: 'PREPARATION',
        stageSemantics: 'process',
        currency: 'EUR',
        opportunity: '1000000.00',
        taxValue: '0.00',
        isManualOpportunity: true,
        companyId: 9,
        contactId: 84,
        leadId: null,
        closed: false,
        userFields: { UF_CRM_1721244482250: 'Hello world!' },
      }),
    })
  })

  it('maps legacy and factory product rows to the same ProductRow shape that computeProductRows accepts', () => {
    const legacy = mapLegacyProductRow(p.dealProductRow)
    const factory = mapProductRow(p.itemProductRow)
    expect(legacy.ok && factory.ok).toBe(true)
    if (!legacy.ok || !factory.ok) return
    expect(legacy.value).toMatchObject({
      id: 5,
      productId: 450,
      price: '899.1',
      priceNetto: '999',
      discountSum: '99.9',
      taxRate: null,
    })
    expect(factory.value).toMatchObject({
      id: 17649,
      price: '90000',
      priceExclusive: '81818.18',
      taxRate: '10',
      quantity: '3',
    })
    const computed = computeProductRows([legacy.value, factory.value])
    expect(computed.hasErrors).toBe(false)
  })

  it('maps crm.status rows to stages with semantics and the category from ENTITY_ID', () => {
    const rows = [
      p.statusRow,
      { ...p.statusRow, ENTITY_ID: 'DEAL_STAGE_1', STATUS_ID: 'C1:WON', SEMANTICS: 'S', CATEGORY_ID: '1' },
      {
        ...p.statusRow,
        ENTITY_ID: 'DEAL_STAGE_2',
        STATUS_ID: 'C2:LOSE',
        SEMANTICS: 'F',
        EXTRA: { SEMANTICS: 'failure' },
      },
      {
        ...p.statusRow,
        ENTITY_ID: 'SMART_INVOICE_STAGE_2',
        STATUS_ID: 'DT31_2:P',
        SEMANTICS: null,
        EXTRA: { SEMANTICS: 'success' },
      },
    ]
    const r = mapList(rows, mapStage, 'stage')
    expect(r.ok && r.value.map((s) => [s.id, s.categoryId, s.semantics, s.sort])).toEqual([
      ['NEW', 0, 'process', 10],
      ['C1:WON', 1, 'success', 10],
      ['C2:LOSE', 2, 'failure', 10],
      ['DT31_2:P', 2, 'success', 10],
    ])
  })

  it('maps categories, currencies (the PortalCurrency table convertMoney takes) and leads', () => {
    const cats = mapList(p.categoryList.categories, mapCategory, 'category')
    expect(cats.ok && cats.value.map((c) => [c.id, c.isDefault])).toEqual([
      [9, false],
      [0, true],
    ])
    const usd = mapCurrency(p.currencyRow)
    const eur = mapCurrency({ ...p.currencyRow, CURRENCY: 'EUR', AMOUNT: '0.9250', BASE: 'N' })
    expect(usd.ok && eur.ok).toBe(true)
    if (usd.ok && eur.ok)
      expect(convertMoney('100', 'USD', 'EUR', [usd.value, eur.value])).toEqual({ ok: true, value: '108.11' })
    expect(usd).toMatchObject({ ok: true, value: { isBase: true, decimals: 2 } })
    expect(eur).toMatchObject({ ok: true, value: { isBase: false } })
    expect(mapCurrency({ ...p.currencyRow, DECIMALS: '0' })).toMatchObject({ ok: true, value: { decimals: 0 } })
    expect(mapCurrency({ ...p.currencyRow, DECIMALS: null })).toMatchObject({ ok: true, value: { decimals: 2 } })
    expect(mapLead(p.leadGet)).toMatchObject({
      ok: true,
      value: { id: 77, statusSemantics: 'process', opportunity: '150000.00', phones: ['+15555555555'], emails: [] },
    })
  })

  it('maps smart invoices (parentId2 → dealId) and payments with money as strings', () => {
    expect(mapSmartInvoice(p.smartInvoiceItem)).toMatchObject({
      ok: true,
      value: {
        id: 7,
        dealId: 123,
        opportunity: '1200.5',
        taxValue: '216.49',
        stageSemantics: null,
        dueDate: '2026-11-08',
      },
    })
    const stages = [
      {
        id: 'DT31_2:N',
        name: 'Новый',
        sort: 100,
        semantics: 'process',
        categoryId: 2,
        entityId: 'x',
        color: null,
      } as const,
    ]
    expect(mapSmartInvoice(p.smartInvoiceItem, undefined, 'invoice', stages)).toMatchObject({
      ok: true,
      value: { stageSemantics: 'process' },
    })
    expect(mapPayment(p.payment)).toMatchObject({
      ok: true,
      value: { id: 3, paid: true, sum: '600.25', currency: 'EUR' },
    })
  })

  it('maps catalog products, sections, prices and stock', () => {
    expect(mapCatalogProduct(p.catalogProducts.products[0])).toMatchObject({
      ok: true,
      value: {
        id: 21,
        iblockId: 23,
        active: true,
        sectionId: 13,
        vatIncluded: true,
        weight: '120000',
        purchasingPrice: '95000.00',
      },
    })
    expect(mapCatalogSection(p.sectionList.sections[0])).toMatchObject({ ok: true, value: { id: 13, parentId: null } })
    expect(mapCatalogPrice(p.priceList.prices[0])).toMatchObject({ ok: true, value: { price: '50', currency: 'EUR' } })
    expect(mapStockLevel(p.storeProducts.storeProducts[0])).toMatchObject({
      ok: true,
      value: { amount: '54', reserved: '0' },
    })
  })

  it('maps users, departments and tasks', () => {
    expect(mapUser(p.userCurrent)).toMatchObject({
      ok: true,
      value: { id: 3, fullName: 'John Smith', departmentIds: [1], isAdmin: null },
    })
    expect(mapDepartment(p.departments[0])).toMatchObject({ ok: true, value: { id: 15, parentId: 1, headId: 3 } })
    expect(mapTask(p.taskAdd.task)).toMatchObject({ ok: true, value: { id: 3711, responsibleId: 4, status: '2' } })
  })
})

describe('a malformed field becomes VALIDATION naming it', () => {
  it.each([
    [
      'OPPORTUNITY as a word',
      mapDeal,
      { ...p.dealGet, OPPORTUNITY: 'lots' },
      'deal.OPPORTUNITY',
      'expected numeric string',
    ],
    [
      'OPPORTUNITY as an object',
      mapDeal,
      { ...p.dealGet, OPPORTUNITY: { v: 1 } },
      'deal.OPPORTUNITY',
      'expected numeric string',
    ],
    ['ID missing', mapDeal, { ...p.dealGet, ID: undefined }, 'deal.ID', 'expected integer id'],
    ['CATEGORY_ID "1.5"', mapDeal, { ...p.dealGet, CATEGORY_ID: '1.5' }, 'deal.CATEGORY_ID', 'expected integer id'],
    [
      'STAGE_SEMANTIC_ID "X"',
      mapDeal,
      { ...p.dealGet, STAGE_SEMANTIC_ID: 'X' },
      'deal.STAGE_SEMANTIC_ID',
      'expected "P", "S" or "F"',
    ],
    ['a UF holding an object', mapDeal, { ...p.dealGet, UF_CRM_X: { a: 1 } }, 'deal.UF_CRM_X', ''],
    [
      'PRICE NaN-ish',
      mapLegacyProductRow,
      { ...p.dealProductRow, PRICE: 'NaN' },
      'productRow.PRICE',
      'expected numeric string',
    ],
    [
      'discountTypeId 3',
      mapProductRow,
      { ...p.itemProductRow, discountTypeId: 3 },
      'productRow.discountTypeId',
      'expected 1 or 2',
    ],
    ['AMOUNT ""', mapCurrency, { ...p.currencyRow, AMOUNT: '' }, 'currency.AMOUNT', 'expected numeric string'],
    ['BASE "yes"', mapCurrency, { ...p.currencyRow, BASE: 'yes' }, 'currency.BASE', 'expected "Y" or "N"'],
    [
      'DECIMALS "two"',
      mapCurrency,
      { ...p.currencyRow, DECIMALS: 'two' },
      'currency.DECIMALS',
      'expected a whole number of decimals',
    ],
    ['sum Infinity', mapPayment, { ...p.payment, sum: Infinity }, 'payment.sum', 'expected numeric string'],
    [
      'price currency "euro"',
      mapCatalogPrice,
      { ...p.priceList.prices[0], currency: 'euro' },
      'price.currency',
      'expected a 3-letter currency code',
    ],
  ] as const)('%s', (_name, map, raw, field, problem) => {
    const r = (map as (x: unknown) => ReturnType<typeof mapDeal>)(raw)
    expect(r.ok).toBe(false)
    if (r.ok) return
    expect(r.error).toMatchObject({ code: 'VALIDATION', field, retriable: false })
    expect(r.error.description).toContain(`${field}: ${problem}`)
    expect(r.error.message.en).toContain(field)
  })

  it('names the row of a bad list entry', () => {
    const r = mapList([p.dealGet, { ...p.dealGet, OPPORTUNITY: 'x' }], mapDeal, 'deal')
    expect(r).toMatchObject({ ok: false, error: { code: 'VALIDATION', field: 'deal[1].OPPORTUNITY' } })
  })
})

describe('money at the boundary (property)', () => {
  it('turns any finite JSON number or numeric string into an equal decimal string, never a float', () => {
    const amount = fc.oneof(
      fc.double({ noNaN: true, noDefaultInfinity: true, min: -1e12, max: 1e12 }),
      fc.bigInt({ min: -(10n ** 15n), max: 10n ** 15n }).chain((units) =>
        fc.integer({ min: 0, max: 4 }).map((dp) => {
          const s = units
            .toString()
            .replace('-', '')
            .padStart(dp + 1, '0')
          return `${units < 0n ? '-' : ''}${dp ? `${s.slice(0, -dp)}.${s.slice(-dp)}` : s}`
        }),
      ),
    )
    fc.assert(
      fc.property(amount, (price) => {
        const r = mapLegacyProductRow({ ...p.dealProductRow, PRICE: price })
        expect(r.ok).toBe(true)
        if (!r.ok) return
        expect(typeof r.value.price).toBe('string')
        expect(new D(r.value.price).eq(new D(price))).toBe(true)
      }),
    )
  })
})
