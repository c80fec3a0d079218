import { ok, type Result } from '@salesflow/rules'
import type { Command, PortalClient } from './client'
import { ref } from './batch/query-string'
import { PAGE_SIZE } from './batch/bulk-read'
import { createProductRowRepository } from './repositories/product-rows'
import { answersOf, planContext, readContext, readOne, stagesOf, statusList, type CardContext } from './card-common'
import type { Deal, Payment, ProductRow, SmartInvoice, Stage } from './domain'
import type { PortalError } from './errors'
import { mapDeal, mapProductRow, mapSmartInvoice } from './mappers/crm'
import { mapAnswerList, unwrap } from './repositories/fetch'
import { SMART_INVOICE } from './repositories/invoices'
import { mapPayments } from './repositories/payments'
import { invoiceStageEntity } from './repositories/reference'

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
}

export interface InvoiceCardOptions {
  readonly appOptions?: boolean
}

/**
 * One batch: the invoice, its rows (first page, counted), payments, the stages of the invoice's category, and
 * the parent deal through `$result[invoice][item][parentId2]`. Only an invoice with more than 50 rows costs
 * further round trips (the rest of its rows, by id).
 */
function planInvoiceCard(invoiceId: number, options: InvoiceCardOptions = {}): Record<string, Command> {
  return {
    invoice: { method: 'crm.item.get', params: { entityTypeId: SMART_INVOICE, id: invoiceId } },
    deal: { method: 'crm.deal.get', params: { id: ref('invoice', 'item', 'parentId2') } },
    rows: {
      method: 'crm.item.productrow.list',
      params: { filter: { '=ownerType': 'SI', '=ownerId': invoiceId }, order: { id: 'ASC' }, start: 0 },
    },
    payments: { method: 'crm.item.payment.list', params: { entityTypeId: SMART_INVOICE, entityId: invoiceId } },
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
  const context = readContext(get, options.appOptions ?? true)
  if (!context.ok) return context
  return ok({
    invoice: invoice.value,
    stages: stages.value,
    stage: stages.value.find((s) => s.id === invoice.value.stageId) ?? null,
    productRows,
    payments: payments.value,
    deal,
    ...context.value,
  })
}
