import { isRecord, ok, type Result } from '@salesflow/rules'
import { MAX_BATCH, type BatchAnswers, type Command, type PortalClient } from './client'
import { readAll } from './batch/bulk-read'
import { answersOf, planContext, readContext, stagesOf, type CardContext } from './card-common'
import type { Payment, ProductRow, SmartInvoice, Stage } from './domain'
import type { PortalError } from './errors'
import type { InvoiceCard } from './invoice-card'
import { mapProductRow, mapSmartInvoice } from './mappers/crm'
import { mapAnswerList } from './repositories/fetch'
import { SMART_INVOICE } from './repositories/invoices'
import { mapPayments } from './repositories/payments'
import { invoiceStageEntity } from './repositories/reference'
import { mapTimelineNotes, paymentProductsOf, type TimelineNote } from './repositories/receipts'

/** Many smart invoices, read for recording receipts on them; the context (who, currencies, settings) once. */
export interface InvoiceCards {
  readonly context: CardContext
  /** By invoice id; an id the portal does not have is absent. */
  readonly cards: ReadonlyMap<number, InvoiceCard>
}

const chunks = <T>(xs: readonly T[], n: number): T[][] =>
  Array.from({ length: Math.ceil(xs.length / n) }, (_, i) => xs.slice(i * n, i * n + n))

/** One command per id, 50 per batch, the batches sent together. */
async function perId(
  client: PortalClient,
  ids: readonly number[],
  command: (id: number) => Command,
): Promise<Result<BatchAnswers, PortalError>> {
  const answers = await Promise.all(
    chunks(ids, MAX_BATCH).map((c) => client.batch(Object.fromEntries(c.map((id) => [`i${id}`, command(id)])))),
  )
  const merged: Record<string, BatchAnswers[string]> = {}
  for (const a of answers) {
    if (!a.ok) return a
    Object.assign(merged, a.value)
  }
  return ok(merged)
}

/**
 * What recording receipts needs of many invoices, in a few round trips whatever their number: the invoices (50 ids
 * per list command), the context and every stage in one batch, with their payments and timeline comments one
 * command each, 50 per batch, all sent together; then, for the invoices found, all their rows as chained pages and
 * the payments' products (50 payments per batch). Not read (a receipt does not need them): the deal, the company
 * and its other invoices, the rate snapshot; those fields are empty. The invoice panel opens one card with
 * loadInvoiceCard instead.
 */
export async function loadInvoiceCards(
  client: PortalClient,
  invoiceIds: readonly number[],
): Promise<Result<InvoiceCards, PortalError>> {
  const ids = [...new Set(invoiceIds)]
  const head: Record<string, Command> = {
    ...planContext(true),
    stages: { method: 'crm.status.list', params: { order: { SORT: 'ASC' } } },
  }
  chunks(ids, MAX_BATCH - 5).forEach((c, k) => {
    head[`invoices${k}`] = {
      method: 'crm.item.list',
      params: { entityTypeId: SMART_INVOICE, filter: { '@id': c }, select: ['*'], order: { id: 'ASC' }, start: -1 },
    }
  })
  const [h, payments, notes] = await Promise.all([
    client.batch(head),
    perId(client, ids, (id) => ({
      method: 'crm.item.payment.list',
      params: { entityTypeId: SMART_INVOICE, entityId: id },
    })),
    perId(client, ids, (id) => ({
      method: 'crm.timeline.comment.list',
      params: { filter: { ENTITY_ID: id, ENTITY_TYPE: `dynamic_${SMART_INVOICE}` }, order: { ID: 'ASC' } },
    })),
  ])
  if (!h.ok) return h
  if (!payments.ok) return payments
  if (!notes.ok) return notes
  const get = answersOf(h.value)
  const context = readContext(get, true)
  if (!context.ok) return context
  const stagesA = get('stages')
  if (!stagesA.ok) return stagesA

  // The invoices found; an id the portal does not have is left out (its payments' and notes' answers are errors).
  const found: { raw: unknown; invoice: SmartInvoice; stages: readonly Stage[] }[] = []
  for (let k = 0; head[`invoices${k}`]; k++) {
    const a = get(`invoices${k}`)
    if (!a.ok) return a
    const items = mapAnswerList(a.value, 'crm.item.list', (raw) => ok(raw), 'items')
    if (!items.ok) return items
    for (const raw of items.value) {
      const plain = mapSmartInvoice(raw, 'crm.item.list')
      if (!plain.ok) return plain
      const stages = stagesOf(stagesA.value, invoiceStageEntity(plain.value.categoryId))
      if (!stages.ok) return stages
      const invoice = mapSmartInvoice(raw, 'crm.item.list', 'invoice', stages.value)
      if (!invoice.ok) return invoice
      found.push({ raw, invoice: invoice.value, stages: stages.value })
    }
  }

  const paymentsOf = new Map<number, Payment[]>()
  const notesOf = new Map<number, TimelineNote[]>()
  for (const {
    invoice: { id },
  } of found) {
    const p = answersOf(payments.value)(`i${id}`)
    if (!p.ok) return p
    const list = mapPayments(p.value.result)
    if (!list.ok) return list
    paymentsOf.set(id, list.value)
    const n = answersOf(notes.value)(`i${id}`)
    if (!n.ok) return n
    const mapped = mapTimelineNotes(n.value.result)
    if (!mapped.ok) return mapped
    notesOf.set(id, mapped.value)
  }
  // Then, for the invoices found: their rows as chained pages, and their payments' products.
  const foundIds = found.map((f) => f.invoice.id)
  const [rows, products] = await Promise.all([
    foundIds.length === 0
      ? Promise.resolve(ok({ records: [] as unknown[], roundTrips: 0 }))
      : readAll(
          client,
          {
            method: 'crm.item.productrow.list',
            params: { filter: { '=ownerType': 'SI', '=ownerId': foundIds } },
            idKey: 'id',
            itemsKey: 'productRows',
          },
          (raw) => ok(raw),
          { count: false },
        ),
    paymentProductsOf(
      client,
      [...paymentsOf.values()].flatMap((ps) => ps.map((p) => p.id)),
    ),
  ])
  if (!rows.ok) return rows
  if (!products.ok) return products

  // Rows come for all invoices at once: grouped by their owner, then mapped.
  const rowsOf = new Map<number, ProductRow[]>()
  for (const [i, raw] of rows.value.records.entries()) {
    const owner = isRecord(raw) ? Number(raw['ownerId']) : NaN
    const row = mapProductRow(raw, 'crm.item.productrow.list', `productRows[${i}]`)
    if (!row.ok) return row
    rowsOf.set(owner, [...(rowsOf.get(owner) ?? []), row.value])
  }

  const cards = new Map<number, InvoiceCard>()
  for (const { raw, invoice, stages } of found) {
    const own = paymentsOf.get(invoice.id) ?? []
    const paymentIds = new Set(own.map((p) => p.id))
    cards.set(invoice.id, {
      ...context.value,
      invoice,
      stages,
      stage: stages.find((s) => s.id === invoice.stageId) ?? null,
      productRows: rowsOf.get(invoice.id) ?? [],
      payments: own,
      deal: null,
      paymentProducts: products.value.filter((p) => paymentIds.has(p.paymentId)),
      company: null,
      companyError: null,
      companyInvoices: [],
      updatedTime: isRecord(raw) ? String(raw['updatedTime'] ?? '') : '',
      notes: notesOf.get(invoice.id) ?? [],
    })
  }
  return ok({ context: context.value, cards })
}
