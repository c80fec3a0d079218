import { err, ok, type Result } from '@salesflow/rules'
import type { PortalClient } from '../client'
import { portalError, type PortalError } from '../errors'
import { readAll, type BulkReadOptions } from '../batch/bulk-read'
import type { QueryObject } from '../batch/query-string'
import { mapLead } from '../mappers/crm'
import { fetchOne, write } from './fetch'
import { decodeListValues, describeUserFields, userFieldList } from '../list-fields'
import type { DealPatch } from './deals'

export function createLeadRepository(client: PortalClient) {
  return {
    get: (id: number) => fetchOne(client, 'crm.lead.get', { id }, mapLead),
    /**
     * Every lead matching a legacy filter, e.g. a quarter: `{'>=DATE_CREATE': '2026-07-01', '<DATE_CREATE': '2026-10-01'}`.
     * List values come as our codes: the lead fields' descriptions ride in the first batch.
     */
    async list(filter: QueryObject = {}, options: BulkReadOptions = {}) {
      const read = await readAll(
        client,
        { method: 'crm.lead.list', params: { filter, select: ['*', 'UF_*', 'PHONE', 'EMAIL'] }, idKey: 'ID' },
        mapLead,
        { ...options, alongside: { leadFields: userFieldList('lead', 'ru') } },
      )
      if (!read.ok) return read
      const fields = read.value.alongside['leadFields']
      if (!fields?.ok) return err(fields?.error ?? portalError('NOT_EXECUTED', { method: 'crm.lead.userfield.list' }))
      const described = describeUserFields(fields.value.result)
      const records = read.value.records.map((l) => ({ ...l, userFields: decodeListValues(l.userFields, described) }))
      return ok({ ...read.value, records })
    },
    update: (id: number, fields: DealPatch) => write(client, 'crm.lead.update', { id, fields: fields as QueryObject }),
    /**
     * The lead's fields and a timeline comment saying why, in one batch with halt: the comment is written only
     * when the update was. An update is idempotent; the comment is a create (the batch is never re-sent blindly).
     */
    async updateWithComment(id: number, fields: DealPatch, comment: string): Promise<Result<true, PortalError>> {
      const res = await client.batch(
        {
          update: { method: 'crm.lead.update', params: { id, fields: fields as QueryObject } },
          comment: {
            method: 'crm.timeline.comment.add',
            params: { fields: { ENTITY_ID: id, ENTITY_TYPE: 'lead', COMMENT: comment } },
          },
        },
        { halt: true },
      )
      if (!res.ok) return res
      for (const name of ['update', 'comment']) {
        const a = res.value[name]
        if (!a) return err(portalError('NOT_EXECUTED', { method: name }))
        if (!a.ok) return a
      }
      return ok(true)
    },
  }
}
