import { afterAll, afterEach, beforeEach, describe, expect, it } from 'vitest'
import Decimal from 'decimal.js'
import { createRepositories } from '@salesflow/portal'
import { ok } from '@salesflow/rules'
import { generateInvoice, installApp, INVOICE_FIELDS, USER_FIELDS, type PortalGateway } from '../src'
import { appClient, startPortal } from '../../portal/test/support/harness'

const env = startPortal('demo')
const { portal } = env
const TODAY = '2026-11-25'
/** Demo deal 6: RUB, payment terms prepay50, six rows, company 6, contact 6, responsible user 2. */
const DEAL = 6

beforeEach(() => portal.setFaults({ rateLimit: false }))
afterEach(() => {
  portal.setFaults({ forceStatus500: null, forceMalformedJson: null })
  portal.reset()
})
afterAll(() => env.stop())

const gateway = async (userId = 2): Promise<PortalGateway> => {
  const { client } = await appClient(portal, userId)
  return { client, repositories: createRepositories(client) }
}
const invoicesOf = (dealId: number) => [...portal.store.invoices.values()].filter((i) => i.parentId2 === dealId)
const rowsOf = (invoiceId: number) =>
  [...portal.store.productRows.values()].filter((r) => r.ownerType === 'SI' && r.ownerId === invoiceId)
const roundTrips = () => portal.log.filter((l) => l.transport === 'http').length
const prepay50Eur = { dealId: DEAL, mode: { kind: 'share', percent: '50' }, currency: 'EUR', today: TODAY } as const

describe('generateInvoice', () => {
  it('a manager bills 50 % of a RUB deal in EUR: bound to the deal, its client and responsible, rate stored, 2 round trips', async () => {
    const g = await gateway(2)
    portal.log.length = 0
    const r = await generateInvoice(g, prepay50Eur)
    expect(roundTrips()).toBe(2)
    if (!r.ok) throw new Error(JSON.stringify(r.error))
    expect(r.value).toMatchObject({
      created: true,
      currency: 'EUR',
      rate: { quoted: '100.25', nominal: '1', date: TODAY, source: 'portal' },
    })
    const [invoice, ...others] = invoicesOf(DEAL)
    expect(others).toEqual([])
    const deal = portal.store.deals.get(DEAL)!
    expect(invoice).toMatchObject({
      id: r.value.id,
      companyId: deal.companyId,
      contactId: deal.contactId,
      assignedById: deal.assignedById,
      currencyId: 'EUR',
    })
    expect(invoice!.uf[INVOICE_FIELDS.rate]).toBe('100.25')
    expect(invoice!.uf[INVOICE_FIELDS.idempotencyKey]).toBe(r.value.idempotencyKey)
    // Half the deal, converted at 100.25 RUB per EUR (within the rounding of each VAT group's row).
    const half = new Decimal(deal.opportunity).div(2).div('100.25')
    expect(new Decimal(invoice!.opportunity).minus(half).abs().lte('0.02')).toBe(true)
    expect(rowsOf(invoice!.id).length).toBeGreaterThan(0)
  })

  it('asked twice, returns the same invoice the second time in one round trip', async () => {
    const first = await generateInvoice(await gateway(2), prepay50Eur)
    const g = await gateway(3)
    portal.log.length = 0
    const second = await generateInvoice(g, prepay50Eur)
    expect(roundTrips()).toBe(1)
    expect(first.ok && second.ok && [first.value.created, second.value.created]).toEqual([true, false])
    expect(second.ok && second.value.id).toBe(first.ok && first.value.id)
    expect(invoicesOf(DEAL)).toHaveLength(1)
  })

  it('100 concurrent requests (no lock between them) leave exactly one invoice, and all 100 return its id', async () => {
    const gateways = await Promise.all(Array.from({ length: 100 }, (_, i) => gateway(1 + (i % 3))))
    portal.log.length = 0
    const results = await Promise.all(gateways.map((g) => generateInvoice(g, prepay50Eur)))
    // The race was real: several callers added, and every duplicate was deleted by the caller that made it.
    const adds = portal.log.filter((l) => l.method === 'crm.item.add' && !l.error).length
    expect(adds).toBeGreaterThan(1)
    expect(portal.log.filter((l) => l.method === 'crm.item.delete' && !l.error)).toHaveLength(adds - 1)
    const ids = results.map((r) => (r.ok ? r.value.id : JSON.stringify(r.error)))
    const invoices = invoicesOf(DEAL)
    expect(invoices).toHaveLength(1)
    expect(new Set(ids)).toEqual(new Set([invoices[0]!.id]))
    expect(rowsOf(invoices[0]!.id).length).toBeGreaterThan(0)
  }, 120_000)

  it('bills the next instalment each time, the instalments add up to the deal to the kopeck, then nothing is left', async () => {
    const g = await gateway(3)
    const ask = { dealId: DEAL, mode: { kind: 'instalment' }, today: TODAY } as const
    const a = await generateInvoice(g, ask)
    const b = await generateInvoice(g, ask)
    expect(a.ok && b.ok && [a.value.created, b.value.created]).toEqual([true, true])
    const total = invoicesOf(DEAL).reduce((s, i) => s.plus(i.opportunity), new Decimal(0))
    expect(total.toFixed(2)).toBe(portal.store.deals.get(DEAL)!.opportunity)
    expect(await generateInvoice(g, ask)).toMatchObject({ ok: false, error: { code: 'NOTHING_TO_INVOICE' } })
    expect(invoicesOf(DEAL)).toHaveLength(2)
  })

  it('on a portal installed before the invoice fields existed, nobody issues until the install is run again', async () => {
    portal.store.userFields = portal.store.userFields.filter((f) => f.entityId !== 'CRM_SMART_INVOICE')
    for (const userId of [1, 2])
      expect(await generateInvoice(await gateway(userId), prepay50Eur)).toMatchObject({
        ok: false,
        error: { code: 'INVOICE_FIELDS_MISSING', fields: Object.values(INVOICE_FIELDS) },
      })
    expect(invoicesOf(DEAL)).toHaveLength(0)
    const installed = await installApp(await gateway(1), {
      table: [],
      appUrl: 'https://app.salesflow.test/',
      lang: 'ru',
      finish: async () => ok(undefined),
    })
    expect(installed).toMatchObject({ ok: true, value: { created: { fields: Object.keys(INVOICE_FIELDS).length } } })
    expect(
      portal.store.userFields
        .filter((f) => f.entityId === 'CRM_SMART_INVOICE')
        .map((f) => f.fieldName)
        .sort(),
    ).toEqual(
      USER_FIELDS.filter((f) => f.entity === 'smartInvoice')
        .map((f) => f.fieldName)
        .sort(),
    )
    expect((await generateInvoice(await gateway(2), prepay50Eur)).ok).toBe(true)
  })

  it.each([
    [4, 'technician'],
    [5, 'viewer'],
  ])('user %i (%s) may not issue: INVOICE_ISSUE_DENIED, nothing written', async (userId) => {
    expect(await generateInvoice(await gateway(userId), prepay50Eur)).toEqual({
      ok: false,
      error: { code: 'INVOICE_ISSUE_DENIED' },
    })
    expect(invoicesOf(DEAL)).toHaveLength(0)
  })

  it('refuses bad input with typed codes and writes nothing', async () => {
    const g = await gateway(2)
    const ask = (over: object) => generateInvoice(g, { ...prepay50Eur, ...over })
    expect(await ask({ mode: { kind: 'share', percent: '0' } })).toMatchObject({ error: { code: 'INVALID_PERCENT' } })
    expect(await ask({ mode: { kind: 'share', percent: '100.5' } })).toMatchObject({
      error: { code: 'INVALID_PERCENT' },
    })
    expect(await ask({ currency: 'XYZ' })).toMatchObject({ error: { code: 'UNKNOWN_CURRENCY', currency: 'XYZ' } })
    expect(await ask({ dealId: 1 })).toMatchObject({ error: { code: 'DEAL_NO_ROWS' } })
    portal.store.deals.get(DEAL)!.companyId = 0
    expect(await ask({})).toMatchObject({ error: { code: 'INVOICE_NO_COMPANY' } })
    expect(portal.log.some((l) => l.method === 'crm.item.add')).toBe(false)
    expect(invoicesOf(DEAL)).toHaveLength(0)
  })

  it('rows that fail to write take the invoice back; asking again issues it whole', async () => {
    const g = await gateway(2)
    portal.setFaults({ forceStatus500: 'crm.item.productrow.set' })
    const failed = await generateInvoice(g, prepay50Eur)
    expect(failed.ok).toBe(false)
    expect(invoicesOf(DEAL)).toHaveLength(0)
    portal.setFaults({ forceStatus500: null })
    const r = await generateInvoice(g, prepay50Eur)
    expect(r.ok && r.value.created).toBe(true)
    expect(invoicesOf(DEAL)).toHaveLength(1)
  })

  it('when neither the rows nor the take-back go through, asking again completes the same invoice', async () => {
    const g = await gateway(2)
    portal.setFaults({ forceStatus500: ['crm.item.productrow.set', 'crm.item.delete'] })
    const failed = await generateInvoice(g, prepay50Eur)
    expect(failed).toMatchObject({ ok: false, error: { code: 'INVOICE_NOT_COMPLETED' } })
    const [half] = invoicesOf(DEAL)
    expect(half!.opportunity).toBe('0.00')
    portal.setFaults({ forceStatus500: null })
    const r = await generateInvoice(g, prepay50Eur)
    expect(r.ok && r.value.id).toBe(half!.id)
    expect(invoicesOf(DEAL)).toHaveLength(1)
    expect(new Decimal(portal.store.invoices.get(half!.id)!.opportunity).gt(0)).toBe(true)
  })
})
