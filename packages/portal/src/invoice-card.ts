import { isRecord, ok, type Result } from '@salesflow/rules'
import type { Command, PortalClient } from './client'
import { ref } from './batch/query-string'
import { PAGE_SIZE } from './batch/bulk-read'
import { createProductRowRepository } from './repositories/product-rows'
import {
  answersOf,
  planContext,
  readContext,
  readList,
  readOne,
  stagesOf,
  statusList,
  type Answers,
  type CardContext,
} from './card-common'
import type { Company, Deal, Payment, ProductRow, SmartInvoice, Stage } from './domain'
import type { PortalError } from './errors'
import { mapCompany, mapDeal, mapProductRow, mapSmartInvoice } from './mappers/crm'
import { mapAnswerList, unwrap } from './repositories/fetch'
import { SMART_INVOICE } from './repositories/invoices'
import { mapPayments } from './repositories/payments'
import { invoiceStageEntity } from './repositories/reference'
import {
  mapPaymentProducts,
  mapTimelineNotes,
  paymentProductsOf,
  type PaymentProduct,
  type TimelineNote,
} from './repositories/receipts'

/** Everything a smart-invoice widget needs to open. */
export interface InvoiceCard extends CardContext {
  readonly invoice: SmartInvoice
  /** The stages of the invoice's category, in order, with semantics (paid = success). */
  readonly stages: readonly Stage[]
  readonly stage: Stage | null
  readonly productRows: readonly ProductRow[]
  /** Sale payments of the invoice. */
  readonly payments: readonly Payment[]
  /** The deal it bills (parentId2), or null when unbound. */
  readonly deal: Deal | null
  /** The products (rows and quantities) of every payment above: what the portal counts as paid on each row. */
  readonly paymentProducts: readonly PaymentProduct[]
  /** The buyer company with its ИНН/КПП; null without one or when it could not be read (`companyError`). */
  readonly company: Company | null
  readonly companyError: PortalError | null
  /** The company's smart invoices, newest first: its credit exposure. Empty without a company. */
  readonly companyInvoices: readonly SmartInvoice[]
  /** The invoice's updatedTime: with the rows and payments it tells whether someone changed the invoice. */
  readonly updatedTime: string
  /** Timeline comments of the invoice (our audit lines carry the receipts' marks), oldest first. */
  readonly notes: readonly TimelineNote[]
}

export interface InvoiceCardOptions {
  readonly appOptions?: boolean
}

/**
 * The products of the invoice's first payments ride in the card's batch (`$result[payments][k][id]`); an invoice
 * with more payments reads the rest in one more round trip.
 */
export const PAYMENT_PRODUCT_SLOTS = 10
const paymentProductsKey = (k: number): string => `paymentProducts${k}`

/**
 * One batch: the invoice, its rows (first page, counted), payments, the stages of the invoice's category, and
 * the parent deal through `$result[invoice][item][parentId2]`. Only an invoice with more than 50 rows costs
 * further round trips (the rest of its rows, by id).
 */
function planInvoiceCard(invoiceId: number, options: InvoiceCardOptions = {}): Record<string, Command> {
  return {
    // Original UF names: the invoice's user fields (rate snapshot, issue key) keep the names the app created them with.
    invoice: {
      method: 'crm.item.get',
      params: { entityTypeId: SMART_INVOICE, id: invoiceId, useOriginalUfNames: 'Y' },
    },
    deal: { method: 'crm.deal.get', params: { id: ref('invoice', 'item', 'parentId2') } },
    rows: {
      method: 'crm.item.productrow.list',
      params: { filter: { '=ownerType': 'SI', '=ownerId': invoiceId }, order: { id: 'ASC' }, start: 0 },
    },
    payments: { method: 'crm.item.payment.list', params: { entityTypeId: SMART_INVOICE, entityId: invoiceId } },
    ...Object.fromEntries(
      Array.from({ length: PAYMENT_PRODUCT_SLOTS }, (_, k) => [
        paymentProductsKey(k),
        { method: 'crm.item.payment.product.list', params: { paymentId: ref('payments', k, 'id') } },
      ]),
    ),
    company: { method: 'crm.company.get', params: { id: ref('invoice', 'item', 'companyId') } },
    requisites: {
      method: 'crm.requisite.list',
      params: {
        filter: { ENTITY_TYPE_ID: 4, ENTITY_ID: ref('invoice', 'item', 'companyId') },
        select: ['ID', 'RQ_INN', 'RQ_KPP'],
        order: { ID: 'ASC' },
      },
    },
    companyInvoices: {
      method: 'crm.item.list',
      params: {
        entityTypeId: SMART_INVOICE,
        filter: { '=companyId': ref('invoice', 'item', 'companyId') },
        order: { id: 'DESC' },
        select: ['*'],
      },
    },
    notes: {
      method: 'crm.timeline.comment.list',
      params: { filter: { ENTITY_ID: invoiceId, ENTITY_TYPE: `dynamic_${SMART_INVOICE}` }, order: { ID: 'ASC' } },
    },
    // Exact ENTITY_ID of the invoice's own funnel: `SMART_INVOICE_STAGE_` + its categoryId, filled in by the portal.
    stages: statusList(`SMART_INVOICE_STAGE_${ref('invoice', 'item', 'categoryId')}`),
    ...planContext(options.appOptions ?? true),
  }
}

export async function loadInvoiceCard(
  client: PortalClient,
  invoiceId: number,
  options: InvoiceCardOptions = {},
): Promise<Result<InvoiceCard, PortalError>> {
  const res = await client.batch(planInvoiceCard(invoiceId, options))
  if (!res.ok) return res
  const get = answersOf(res.value)
  const invA = get('invoice')
  if (!invA.ok) return invA
  const item = unwrap(invA.value.result, 'item', 'crm.item.get')
  if (!item.ok) return item
  const stagesA = get('stages')
  if (!stagesA.ok) return stagesA
  const raw = mapSmartInvoice(item.value, 'crm.item.get')
  if (!raw.ok) return raw
  const stages = stagesOf(stagesA.value, invoiceStageEntity(raw.value.categoryId))
  if (!stages.ok) return stages
  const invoice = mapSmartInvoice(item.value, 'crm.item.get', 'invoice', stages.value)
  if (!invoice.ok) return invoice

  const rowsA = get('rows')
  if (!rowsA.ok) return rowsA
  const rows = mapAnswerList(rowsA.value, 'crm.item.productrow.list', mapProductRow, 'productRows', 'productRow')
  if (!rows.ok) return rows
  let productRows: readonly ProductRow[] = rows.value
  if (rowsA.value.total > rows.value.length && rows.value.length === PAGE_SIZE) {
    const rest = await createProductRowRepository(client).ofInvoice(invoiceId, {
      afterId: rows.value[PAGE_SIZE - 1]!.id,
      total: rowsA.value.total - PAGE_SIZE,
    })
    if (!rest.ok) return rest
    productRows = [...rows.value, ...rest.value]
  }
  const payments = readOne(get, 'payments', 'crm.item.payment.list', (raw) => mapPayments(raw))
  if (!payments.ok) return payments

  let deal: Deal | null = null
  if (invoice.value.dealId !== null) {
    const m = readOne(get, 'deal', 'crm.deal.get', mapDeal)
    if (!m.ok) return m
    deal = m.value
  }
  const products = await readPaymentProducts(client, get, payments.value)
  if (!products.ok) return products
  const client_ = readCompany(get, invoice.value)
  const companyInvoices = client_.company
    ? readList(get, 'companyInvoices', 'crm.item.list', (r, m, e) => mapSmartInvoice(r, m, e, stages.value), 'items')
    : ok([])
  if (!companyInvoices.ok) return companyInvoices
  const notes = readOne(get, 'notes', 'crm.timeline.comment.list', mapTimelineNotes)
  if (!notes.ok) return notes
  const context = readContext(get, options.appOptions ?? true)
  if (!context.ok) return context
  return ok({
    invoice: invoice.value,
    stages: stages.value,
    stage: stages.value.find((s) => s.id === invoice.value.stageId) ?? null,
    productRows,
    payments: payments.value,
    deal,
    paymentProducts: products.value,
    company: client_.company,
    companyError: client_.error,
    companyInvoices: companyInvoices.value,
    updatedTime: isRecord(item.value) ? String(item.value['updatedTime'] ?? '') : '',
    notes: notes.value,
    ...context.value,
  })
}

/** The products of every payment: the batch's slots, then one more round trip for payments past them. */
async function readPaymentProducts(
  client: PortalClient,
  get: Answers,
  payments: readonly Payment[],
): Promise<Result<PaymentProduct[], PortalError>> {
  const out: PaymentProduct[] = []
  for (const [k, p] of payments.slice(0, PAYMENT_PRODUCT_SLOTS).entries()) {
    const list = readOne(get, paymentProductsKey(k), 'crm.item.payment.product.list', (raw) =>
      mapPaymentProducts(raw, p.id),
    )
    if (!list.ok) return list
    out.push(...list.value)
  }
  const rest = payments.slice(PAYMENT_PRODUCT_SLOTS).map((p) => p.id)
  if (rest.length === 0) return ok(out)
  const more = await paymentProductsOf(client, rest)
  return more.ok ? ok([...out, ...more.value]) : more
}

/** The buyer is an enrichment: the card opens without it and says why it is missing. */
function readCompany(get: Answers, invoice: SmartInvoice): { company: Company | null; error: PortalError | null } {
  if (invoice.companyId === null) return { company: null, error: null }
  const a = get('company')
  if (!a.ok) return { company: null, error: a.error }
  const rows = readList(get, 'requisites', 'crm.requisite.list', (x) => ok(x), undefined, 'requisite')
  if (!rows.ok) return { company: null, error: rows.error }
  const c = mapCompany(a.value.result, rows.value[0], 'crm.company.get')
  return c.ok ? { company: c.value, error: null } : { company: null, error: c.error }
}
