import { describe, expect, it } from 'vitest'
import { ok, type Result } from '@salesflow/rules'
import type { BatchAnswers, Command, PortalClient, PortalError, RestAnswer } from '../src'
import { loadDealCard, planDealCard, portalError, readDealCard } from '../src'
import * as p from './fixtures/payloads'

describe('planDealCard', () => {
  it('asks for everything in one batch, resolving the funnel and its stages from the deal server-side', () => {
    const plan = planDealCard(42)
    expect(Object.keys(plan).length).toBeLessThanOrEqual(50)
    expect(plan.deal).toEqual({ method: 'crm.deal.get', params: { id: 42 } })
    expect(plan.category!.params).toEqual({ entityTypeId: 2, id: '$result[deal][CATEGORY_ID]' })
    // crm.status.list promises only an exact ENTITY_ID: funnel 0, the deal's funnel, the invoice funnel.
    expect(plan.stages!.params).toEqual({ filter: { ENTITY_ID: 'DEAL_STAGE' }, order: { SORT: 'ASC' } })
    expect(plan.funnelStages!.params).toMatchObject({ filter: { ENTITY_ID: 'DEAL_STAGE_$result[deal][CATEGORY_ID]' } })
    expect(plan.invoiceStages!.params).toMatchObject({
      filter: { ENTITY_ID: 'SMART_INVOICE_STAGE_$result[invoiceCategory][categories][0][id]' },
    })
    const exact = Object.values(plan).filter((c) => c.method === 'crm.status.list')
    expect(exact.every((c) => Object.keys((c.params as { filter: object }).filter).join() === 'ENTITY_ID')).toBe(true)
    expect(plan.invoices!.params).toMatchObject({ entityTypeId: 31, filter: { '=parentId2': 42 } })
    expect(plan.payments!.params).toEqual({ entityTypeId: 2, entityId: 42 })
    expect(plan.company!.params).toEqual({ id: '$result[deal][COMPANY_ID]' })
    expect(plan.requisites!.params).toMatchObject({
      filter: { ENTITY_TYPE_ID: 4, ENTITY_ID: '$result[deal][COMPANY_ID]' },
    })
    expect(
      Object.keys(planDealCard(42, { appOptions: false, invoices: false, payments: false, company: false })),
    ).toEqual([
      'deal',
      'category',
      'stages',
      'funnelStages',
      'rows',
      'vats',
      'fields',
      'dealFields',
      'invoiceCategory',
      'invoiceStages',
      'currencies',
      'user',
      'userAdmin',
    ])
  })
})

const answers = (over: Partial<Record<string, unknown>> = {}): BatchAnswers => {
  const base: Record<string, unknown> = {
    deal: p.dealGet,
    category: { category: p.categoryList.categories[1] },
    stages: [p.statusRow, { ...p.statusRow, STATUS_ID: 'PREPARATION', SORT: '20' }],
    funnelStages: [], // DEAL_STAGE_0 does not exist
    invoiceCategory: { categories: [{ id: 2, name: 'Счета', sort: 100, entityTypeId: 31, isDefault: 'Y' }] },
    rows: [p.dealProductRow],
    // catalog.vat.list as the portal answers it (b24-platform.md 4.8): rates as numbers, null for "без НДС".
    vats: {
      vats: [
        { id: 1, name: 'Без НДС', rate: null, active: 'Y', sort: 100 },
        { id: 3, name: 'НДС 22%', rate: 22, active: 'Y', sort: 300 },
        { id: 7, name: 'НДС 20%', rate: 20, active: 'N', sort: 700 },
      ],
    },
    invoiceStages: [
      { ...p.statusRow, ENTITY_ID: 'SMART_INVOICE_STAGE_2', STATUS_ID: 'DT31_2:P', NAME: 'Оплачен', SEMANTICS: 'S' },
    ],
    fields: {
      TITLE: { type: 'string', title: 'Название' },
      UF_CRM_SF_PAY_TERMS: { type: 'string', title: 'UF_CRM_SF_PAY_TERMS', listLabel: 'Условия оплаты' },
    },
    dealFields: [
      {
        FIELD_NAME: 'UF_CRM_SF_PAY_TERMS',
        USER_TYPE_ID: 'enumeration',
        EDIT_FORM_LABEL: 'Условия оплаты',
        LIST: [{ ID: '137', VALUE: 'Оплата в течение 30 дней', XML_ID: 'net30', SORT: '10', DEF: 'N' }],
      },
    ],
    companyFields: [],
    currencies: [p.currencyRow],
    user: p.userCurrent,
    appOptions: [],
    invoices: { items: [{ ...p.smartInvoiceItem, parentId2: 410 }] },
    payments: [p.payment],
    invoicePayments0: [{ ...p.payment, id: 4, sum: 600.25 }],
    company: { ID: '9', TITLE: 'ООО «Ромашка»', UF_CRM_SF_CR_LIMIT: '500000.00' },
    companyInvoices: { items: [{ ...p.smartInvoiceItem, id: 12, companyId: 9, parentId2: 77 }] },
    requisites: [{ ID: '3', RQ_INN: '7712345678', RQ_KPP: '' }],
    ...over,
  }
  return Object.fromEntries(Object.entries(base).map(([k, v]) => [k, ok({ result: v, total: 0 })]))
}

describe('readDealCard', () => {
  it('maps every part to domain types and resolves the current stage', () => {
    const r = readDealCard(answers())
    expect(r.ok).toBe(true)
    if (!r.ok) return
    expect(r.value.deal.id).toBe(410)
    expect(r.value.category.name).toBe('General')
    expect(r.value.stage).toMatchObject({ id: 'PREPARATION', semantics: 'process' })
    expect(r.value.stages.map((s) => s.id)).toEqual(['NEW', 'PREPARATION']) // only the deal's funnel
    expect(r.value.productRows[0]).toMatchObject({ id: 5, price: '899.1' })
    expect(r.value.invoiceStages).toEqual([
      expect.objectContaining({ id: 'DT31_2:P', name: 'Оплачен', semantics: 'success' }),
    ])
    expect(r.value.fieldLabels).toEqual({ TITLE: 'Название', UF_CRM_SF_PAY_TERMS: 'Условия оплаты' })
    expect(r.value.vatRates.map((v) => [v.rate, v.active])).toEqual([
      [null, true],
      ['22', true],
      ['20', false],
    ])
    expect(r.value.currencies[0]).toMatchObject({ CURRENCY: 'USD', isBase: true })
    expect(r.value.appOptions).toEqual({})
    expect(r.value.invoices[0]).toMatchObject({ dealId: 410, opportunity: '1200.5' })
    // The deal's own payments, then its invoices' payments.
    expect(r.value.payments.map((x) => [x.id, x.sum, x.paid])).toEqual([
      [3, '600.25', true],
      [4, '600.25', true],
    ])
    expect(r.value.company).toEqual({
      id: 9,
      title: 'ООО «Ромашка»',
      inn: '7712345678',
      kpp: null,
      userFields: { UF_CRM_SF_CR_LIMIT: '500000.00' },
    })
    expect(r.value.companyInvoices.map((i) => [i.id, i.companyId, i.dealId])).toEqual([[12, 9, 77]])
  })

  it('reads a list value (the item id the portal stores) as its code, and the field descriptions with it', () => {
    const r = readDealCard(answers({ deal: { ...p.dealGet, UF_CRM_SF_PAY_TERMS: '137' } }))
    if (!r.ok) throw new Error(r.error.code)
    expect(r.value.deal.userFields['UF_CRM_SF_PAY_TERMS']).toBe('net30')
    expect(r.value.dealFields['UF_CRM_SF_PAY_TERMS']?.items).toEqual([
      { id: '137', code: 'net30', label: 'Оплата в течение 30 дней' },
    ])
  })

  it('opens the card without the company when it cannot be read, and says why', () => {
    for (const code of ['NOT_FOUND', 'ACCESS_DENIED', 'METHOD_NOT_FOUND'] as const) {
      const a = {
        ...answers(),
        company: { ok: false as const, error: portalError(code, { method: 'crm.company.get' }) },
      }
      expect(readDealCard(a)).toMatchObject({ ok: true, value: { company: null, companyError: { code } } })
    }
    const none = readDealCard(answers({ deal: { ...p.dealGet, COMPANY_ID: '0' } }))
    expect(none).toMatchObject({ ok: true, value: { company: null, companyError: null, companyInvoices: [] } })
  })

  it('fails with the deal’s own error first', () => {
    const a = {
      ...answers(),
      deal: { ok: false as const, error: portalError('NOT_FOUND', { method: 'crm.deal.get' }) },
    }
    expect(readDealCard(a)).toMatchObject({ ok: false, error: { code: 'NOT_FOUND', method: 'crm.deal.get' } })
  })

  it('fails with VALIDATION naming a bad field in any part', () => {
    const r = readDealCard(answers({ rows: [{ ...p.dealProductRow, QUANTITY: { value: 1 } }] }))
    expect(r).toMatchObject({ ok: false, error: { code: 'VALIDATION', field: 'productRow[0].QUANTITY' } })
  })
})

describe('loadDealCard', () => {
  it('reads all of a big client’s invoices, with one more round trip per 2,500', async () => {
    const ids = Array.from({ length: 120 }, (_, i) => i + 1)
    const item = (id: number) => ({ ...p.smartInvoiceItem, id, companyId: 9 })
    const batches: string[][] = []
    const client = {
      stats: { roundTrips: 0, calls: 0, batches: 0, batchCommands: 0 },
      b24: undefined as never,
      call: (async () => ok({ result: [], total: 0 })) as PortalClient['call'],
      async batch(commands: Readonly<Record<string, Command>>): Promise<Result<BatchAnswers, PortalError>> {
        batches.push(Object.keys(commands))
        if ('deal' in commands) {
          const card = answers({ companyInvoices: { items: ids.slice(-50).reverse().map(item) } })
          return ok({
            ...card,
            companyInvoices: ok({ result: { items: ids.slice(-50).reverse().map(item) }, total: 120 }),
          })
        }
        const out: Record<string, Result<RestAnswer, PortalError>> = {}
        let after = 0
        for (const [name, c] of Object.entries(commands)) {
          const f = (c.params as { filter: Record<string, unknown> }).filter['>id']
          if (typeof f === 'number') after = f
          const page = ids.filter((id) => id > after).slice(0, 50)
          after = page.at(-1) ?? after
          out[name] = ok({ result: { items: page.map(item) }, total: ids.filter((id) => id > (f as number)).length })
        }
        return ok(out)
      },
    }
    const r = await loadDealCard(client, 410)
    expect(r.ok && r.value.companyInvoices.map((i) => i.id)).toEqual([...ids].reverse())
    expect(batches).toHaveLength(2)
  })
})
