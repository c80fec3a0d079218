import type { PortalClient } from '../client'
import { readAll, type BulkReadOptions } from '../batch/bulk-read'
import type { QueryObject } from '../batch/query-string'
import { mapLead } from '../mappers/crm'
import { fetchOne, write } from './fetch'
import type { DealPatch } from './deals'

export function createLeadRepository(client: PortalClient) {
  return {
    get: (id: number) => fetchOne(client, 'crm.lead.get', { id }, mapLead),
    /** Every lead matching a legacy filter, e.g. a quarter: `{'>=DATE_CREATE': '2026-07-01', '<DATE_CREATE': '2026-10-01'}`. */
    list: (filter: QueryObject = {}, options: BulkReadOptions = {}) =>
      readAll(
        client,
        { method: 'crm.lead.list', params: { filter, select: ['*', 'UF_*', 'PHONE', 'EMAIL'] }, idKey: 'ID' },
        mapLead,
        options,
      ),
    update: (id: number, fields: DealPatch) => write(client, 'crm.lead.update', { id, fields: fields as QueryObject }),
  }
}
