import { ok, type Result } from '@salesflow/rules'
import type { PortalClient } from '../client'
import { readAll, type BulkReadOptions } from '../batch/bulk-read'
import type { QueryObject } from '../batch/query-string'
import type { SmartInvoice, Stage } from '../domain'
import type { PortalError } from '../errors'
import { mapSmartInvoice } from '../mappers/crm'
import { fetchOne, idOf, write } from './fetch'

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
