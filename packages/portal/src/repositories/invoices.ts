import { ok, type Result } from '@salesflow/rules'
import type { PortalClient } from '../client'
import { readAll, type BulkReadOptions } from '../batch/bulk-read'
import type { QueryObject } from '../batch/query-string'
import type { Payment, SmartInvoice, Stage } from '../domain'
import type { PortalError } from '../errors'
import { mapPayment, mapSmartInvoice } from '../mappers/crm'
import { fetchOne, idOf, mapAnswerList, write } from './fetch'

/** The smart invoice's CRM type (crm.item.* entityTypeId). */
export const SMART_INVOICE = 31

export interface InvoiceDraft {
  readonly title: string
  readonly dealId: number
  readonly companyId?: number
  readonly currency: string
  readonly stageId?: string
  readonly categoryId?: number
  readonly dueDate?: string
  readonly assignedById?: number
}

/** Maps a crm.item.payment.list result: an array, or `{payments: [...]}` on some builds. */
export function mapPayments(result: unknown, entity = 'payment'): Result<Payment[], PortalError> {
  const rows =
    typeof result === 'object' && result !== null && !Array.isArray(result) && 'payments' in result
      ? (result as { payments: unknown }).payments
      : result
  return mapAnswerList({ result: rows, total: 0 }, 'crm.item.payment.list', mapPayment, undefined, entity)
}

export function createInvoiceRepository(client: PortalClient) {
  const mapWithStages = (stages: readonly Stage[]) => (raw: unknown, method?: string, entity?: string) =>
    mapSmartInvoice(raw, method, entity, stages)

  return {
    get: (id: number, stages: readonly Stage[] = []): Promise<Result<SmartInvoice, PortalError>> =>
      fetchOne(client, 'crm.item.get', { entityTypeId: SMART_INVOICE, id }, mapWithStages(stages), 'item'),

    /** Every invoice matching a crm.item filter (`{'=parentId2': 5}`, `{'=companyId': 3}`), by id pages. */
    async list(filter: QueryObject, stages: readonly Stage[] = [], options: BulkReadOptions = {}) {
      const res = await readAll(
        client,
        {
          method: 'crm.item.list',
          params: { entityTypeId: SMART_INVOICE, filter, select: ['*'] },
          idKey: 'id',
          itemsKey: 'items',
        },
        mapWithStages(stages),
        options,
      )
      return res.ok ? ok(res.value.records) : res
    },

    ofDeal(dealId: number, stages: readonly Stage[] = []) {
      return this.list({ '=parentId2': dealId }, stages)
    },

    /** crm.item.add; never retried after a transport failure (UNKNOWN_OUTCOME instead). Returns the new id. */
    async create(draft: InvoiceDraft): Promise<Result<number, PortalError>> {
      const res = await client.call('crm.item.add', {
        entityTypeId: SMART_INVOICE,
        fields: {
          title: draft.title,
          parentId2: draft.dealId,
          companyId: draft.companyId,
          currencyId: draft.currency,
          stageId: draft.stageId,
          categoryId: draft.categoryId,
          closedate: draft.dueDate,
          assignedById: draft.assignedById,
        },
      })
      return res.ok ? idOf(res.value.result, 'crm.item.add', 'item', 'id') : res
    },

    moveToStage: (id: number, stageId: string) =>
      write(client, 'crm.item.update', { entityTypeId: SMART_INVOICE, id, fields: { stageId } }),
  }
}

export function createPaymentRepository(client: PortalClient) {
  /** Payments of a deal (entityTypeId 2) or a smart invoice (31). */
  const of = async (entityTypeId: number, entityId: number): Promise<Result<Payment[], PortalError>> => {
    const res = await client.call('crm.item.payment.list', { entityTypeId, entityId }, { kind: 'read' })
    return res.ok ? mapPayments(res.value.result) : res
  }
  return {
    of,
    ofDeal: (dealId: number) => of(2, dealId),
    ofInvoice: (invoiceId: number) => of(SMART_INVOICE, invoiceId),
    /** Payments of many invoices, 50 per round trip. */
    async ofInvoices(invoiceIds: readonly number[]): Promise<Result<ReadonlyMap<number, Payment[]>, PortalError>> {
      const out = new Map<number, Payment[]>()
      for (let i = 0; i < invoiceIds.length; i += 50) {
        const chunk = invoiceIds.slice(i, i + 50)
        const res = await client.batch(
          Object.fromEntries(
            chunk.map((id) => [
              `i${id}`,
              { method: 'crm.item.payment.list', params: { entityTypeId: SMART_INVOICE, entityId: id } },
            ]),
          ),
        )
        if (!res.ok) return res
        for (const id of chunk) {
          const a = res.value[`i${id}`]!
          if (!a.ok) return a
          const m = mapPayments(a.value.result, `payment(${id})`)
          if (!m.ok) return m
          out.set(id, m.value)
        }
      }
      return ok(out)
    },
  }
}
