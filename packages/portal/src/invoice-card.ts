import { isRecord, ok, type Result } from '@salesflow/rules'
import { MAX_BATCH, type BatchAnswers, type Command, type PortalClient, type RestAnswer } from './client'
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
    notes: notesPage(invoiceId, 0),
    // Exact ENTITY_ID of the invoice's own funnel: `SMART_INVOICE_STAGE_` + its categoryId, filled in by the portal.
    stages: statusList(`SMART_INVOICE_STAGE_${ref('invoice', 'item', 'categoryId')}`),
    ...planContext(options.appOptions ?? true),
  }
}

/** One page of an invoice's timeline comments, oldest first, counted (its `total` tells whether more follow). */
export const notesPage = (invoiceId: number, start: number): Command => ({
  method: 'crm.timeline.comment.list',
  params: { filter: { ENTITY_ID: invoiceId, ENTITY_TYPE: `dynamic_${SMART_INVOICE}` }, order: { ID: 'ASC' }, start },
})

/** Independent commands in batches of 50, sent together; the answers merged by name. */
export async function batchEach(
  client: PortalClient,
  commands: Readonly<Record<string, Command>>,
): Promise<Result<BatchAnswers, PortalError>> {
  const names = Object.keys(commands)
  const answers = await Promise.all(
    Array.from({ length: Math.ceil(names.length / MAX_BATCH) }, (_, i) =>
      client.batch(Object.fromEntries(names.slice(i * MAX_BATCH, (i + 1) * MAX_BATCH).map((n) => [n, commands[n]!]))),
    ),
  )
  const merged: Record<string, BatchAnswers[string]> = {}
  for (const a of answers) {
    if (!a.ok) return a
    Object.assign(merged, a.value)
  }
  return ok(merged)
}

/**
 * Every comment of each invoice from its counted first page: the pages after it (50 comments each) are read for
 * all invoices together, 50 pages per round trip; none when every first page held them all. The race check and
 * the refund lines need every comment, not the first 50.
 */
export async function allNotes(
  client: PortalClient,
  firstPages: ReadonlyMap<number, RestAnswer>,
): Promise<Result<Map<number, TimelineNote[]>, PortalError>> {
  const out = new Map<number, TimelineNote[]>()
  const more: Record<string, Command> = {}
  for (const [invoiceId, answer] of firstPages) {
    const first = mapTimelineNotes(answer.result)
    if (!first.ok) return first
    out.set(invoiceId, first.value)
    for (let start = PAGE_SIZE; first.value.length === PAGE_SIZE && start < answer.total; start += PAGE_SIZE)
      more[`n${invoiceId}_${start}`] = notesPage(invoiceId, start)
  }
  if (Object.keys(more).length === 0) return ok(out)
  const pages = await batchEach(client, more)
  if (!pages.ok) return pages
  for (const name of Object.keys(more)) {
    const a = pages.value[name]!
    if (!a.ok) return a
    const notes = mapTimelineNotes(a.value.result)
    if (!notes.ok) return notes
    const invoiceId = Number(name.slice(1, name.indexOf('_')))
    out.set(invoiceId, [...out.get(invoiceId)!, ...notes.value])
  }
  // Offsets shift when a comment is written meanwhile: a comment read twice is kept once, in id order.
  for (const [id, notes] of out)
    out.set(
      id,
      [...new Map(notes.map((n) => [n.id, n])).values()].sort((a, b) => a.id - b.id),
    )
  return ok(out)
}

/** A smart invoice as crm.item.get / crm.item.list give it, with its category's stages (semantics resolved). */
export function invoiceWithStages(
  item: unknown,
  stagesAnswer: RestAnswer,
  method: string,
  entity?: string,
): Result<{ invoice: SmartInvoice; stages: Stage[] }, PortalError> {
  const plain = mapSmartInvoice(item, method, entity)
  if (!plain.ok) return plain
  const stages = stagesOf(stagesAnswer, invoiceStageEntity(plain.value.categoryId))
  if (!stages.ok) return stages
  const invoice = mapSmartInvoice(item, method, entity ?? 'invoice', stages.value)
  return invoice.ok ? ok({ invoice: invoice.value, stages: stages.value }) : invoice
}

/** What a loader read of one invoice; the enrichments it did not read (deal, company…) are left out. */
export interface InvoiceCardParts {
  readonly item: unknown
  readonly invoice: SmartInvoice
  readonly stages: readonly Stage[]
  readonly productRows: readonly ProductRow[]
  readonly payments: readonly Payment[]
  readonly paymentProducts: readonly PaymentProduct[]
  readonly notes: readonly TimelineNote[]
  readonly deal?: Deal | null
  readonly company?: { readonly company: Company | null; readonly error: PortalError | null }
  readonly companyInvoices?: readonly SmartInvoice[]
}

/** The one way an InvoiceCard is put together, whichever loader read it. */
export function invoiceCardOf(context: CardContext, parts: InvoiceCardParts): InvoiceCard {
  const { item, invoice, stages } = parts
  return {
    invoice,
    stages,
    stage: stages.find((s) => s.id === invoice.stageId) ?? null,
    productRows: parts.productRows,
    payments: parts.payments,
    deal: parts.deal ?? null,
    paymentProducts: parts.paymentProducts,
    company: parts.company?.company ?? null,
    companyError: parts.company?.error ?? null,
    companyInvoices: parts.companyInvoices ?? [],
    updatedTime: isRecord(item) ? String(item['updatedTime'] ?? '') : '',
    notes: parts.notes,
    ...context,
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
  const read = invoiceWithStages(item.value, stagesA.value, 'crm.item.get')
  if (!read.ok) return read
  const { invoice, stages } = read.value

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
  if (invoice.dealId !== null) {
    const m = readOne(get, 'deal', 'crm.deal.get', mapDeal)
    if (!m.ok) return m
    deal = m.value
  }
  const products = await readPaymentProducts(client, get, payments.value)
  if (!products.ok) return products
  const company = readCompany(get, invoice)
  const companyInvoices = company.company
    ? readList(get, 'companyInvoices', 'crm.item.list', (r, m, e) => mapSmartInvoice(r, m, e, stages), 'items')
    : ok([])
  if (!companyInvoices.ok) return companyInvoices
  const notesA = get('notes')
  if (!notesA.ok) return notesA
  const notes = await allNotes(client, new Map([[invoiceId, notesA.value]]))
  if (!notes.ok) return notes
  const context = readContext(get, options.appOptions ?? true)
  if (!context.ok) return context
  return ok(
    invoiceCardOf(context.value, {
      item: item.value,
      invoice,
      stages,
      productRows,
      payments: payments.value,
      paymentProducts: products.value,
      notes: notes.value.get(invoiceId) ?? [],
      deal,
      company,
      companyInvoices: companyInvoices.value,
    }),
  )
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
