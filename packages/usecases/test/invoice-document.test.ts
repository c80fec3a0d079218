import { afterAll, describe, expect, it } from 'vitest'
import { createRepositories } from '@salesflow/portal'
import { buildInvoiceDocument } from '@salesflow/usecases/invoice-document'
import { INVOICE_FIELDS, openInvoice } from '../src'
import { appClient, startPortal } from '../../portal/test/support/harness'

const env = startPortal('demo')
const { portal } = env
afterAll(() => env.stop())

describe('buildInvoiceDocument', () => {
  it('every demo invoice prints with our requisites, the buyer and the stored totals', async () => {
    const { client } = await appClient(portal, 3)
    const gateway = { client, repositories: createRepositories(client) }
    for (const inv of [...portal.store.invoices.values()].slice(0, 5)) {
      const opened = await openInvoice(gateway, { invoiceId: inv.id, today: '2026-11-20' })
      if (!opened.ok) throw new Error(opened.error.code)
      const doc = buildInvoiceDocument({ opened: opened.value, lang: 'ru', currencySymbol: '₽' })
      if (!doc.ok) throw new Error(JSON.stringify(doc.error))
      expect(doc.value.seller.name).toBe('ООО «Техностром»')
      expect(doc.value.buyer.companyName).toBe(opened.value.card.company?.title)
      expect(Number(doc.value.totals.total)).toBe(Number(inv.opportunity))
      expect(doc.value.rate).toBeUndefined()
    }
  })

  it('prints the rate snapshot when the invoice carries one (read from the portal by the install manifest names)', async () => {
    const { client } = await appClient(portal, 3)
    const gateway = { client, repositories: createRepositories(client) }
    const inv = [...portal.store.invoices.values()].find((i) => i.parentId2 !== null)!
    inv.currencyId = 'EUR'
    Object.assign(inv.uf, {
      [INVOICE_FIELDS.rate]: '98.1234',
      [INVOICE_FIELDS.rateNominal]: '1',
      [INVOICE_FIELDS.rateDate]: '2026-11-19',
    })
    const opened = await openInvoice(gateway, { invoiceId: inv.id, today: '2026-11-20' })
    if (!opened.ok) throw new Error(opened.error.code)
    const doc = buildInvoiceDocument({ opened: opened.value, lang: 'ru', currencySymbol: '€' })
    expect(doc.ok && doc.value.rate).toMatchObject({
      currency: 'EUR',
      base: opened.value.card.deal?.currency,
      rate: '98.1234',
      nominal: '1',
      date: '2026-11-19',
    })
  })
})
