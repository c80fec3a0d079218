import type { MethodTable } from '../core/context'
import { out } from '../core/context'
import { isoDateTime } from '../core/dates'
import { isRecord, param, toArray, toId } from '../core/params'
import { RestError } from '../http/rest-error'
import { listRows } from '../query/list'
import { nextId } from '../store/store'
import { emitEvent } from './events'

const COMMENT_OWNERS: Record<string, number> = { lead: 1, deal: 2, company: 4 }

export const timelineMethods: MethodTable = {
  'crm.timeline.comment.add': (ctx) => {
    const fields = param(ctx.params, 'fields')
    if (!isRecord(fields)) throw new RestError(400, '100', 'Required parameter "fields" is missing')
    const entityType = String(fields['ENTITY_TYPE'] ?? '').toLowerCase()
    const entityId = toId(fields['ENTITY_ID'])
    const comment = String(fields['COMMENT'] ?? '')
    if (!comment) throw new RestError(400, 'INVALID_ARG_VALUE', 'Comment is empty')
    const entityTypeId = COMMENT_OWNERS[entityType] ?? (entityType === 'dynamic_31' ? 31 : undefined)
    const owners =
      entityTypeId === 2
        ? ctx.store.deals
        : entityTypeId === 1
          ? ctx.store.leads
          : entityTypeId === 31
            ? ctx.store.invoices
            : entityTypeId === 4
              ? ctx.store.companies
              : undefined
    if (!owners || entityId === undefined || !owners.has(entityId))
      throw new RestError(400, 'OWNER_NOT_FOUND', 'Owner not found')
    if (!ctx.user.crmWrite) throw new RestError(400, 'ACCESS_DENIED', 'Access denied.')
    const files = toArray(fields['FILES']).map((f) => {
      const [name, data] = Array.isArray(f) ? f : []
      return { name: String(name ?? ''), size: Buffer.from(String(data ?? ''), 'base64').length }
    })
    const id = nextId(ctx.store, 'comment')
    ctx.store.comments.set(id, {
      id,
      entityType,
      entityId,
      comment,
      authorId: ctx.user.id,
      created: isoDateTime(ctx.now),
      files,
    })
    emitEvent(ctx, 'ONCRMTIMELINECOMMENTADD', { FIELDS: { ID: id } })
    return out(id)
  },
  'crm.timeline.comment.list': (ctx) => {
    // The core (CCrmTimelineCommentRestProxy::innerGetList) filters by ENTITY_ID and ENTITY_TYPE only and ignores
    // every other key, e.g. `>CREATED` (dev.1c-bitrix.ru forum48 topic137144): so does the emulator.
    const askedFilter = param(ctx.params, 'filter')
    const filter = isRecord(askedFilter)
      ? Object.fromEntries(Object.entries(askedFilter).filter(([k]) => k === 'ENTITY_ID' || k === 'ENTITY_TYPE'))
      : {}
    const rows = [...ctx.store.comments.values()].map((c) => ({
      ID: String(c.id),
      ENTITY_TYPE: c.entityType,
      ENTITY_ID: String(c.entityId),
      COMMENT: c.comment,
      AUTHOR_ID: String(c.authorId),
      CREATED: c.created,
      FILES: c.files,
    }))
    // The portal sorts comments by ID, CREATED or AUTHOR_ID only (crm.timeline.comment.list), ascending by default.
    const asked = param(ctx.params, 'order')
    const order = isRecord(asked)
      ? Object.fromEntries(Object.entries(asked).filter(([k]) => ['ID', 'CREATED', 'AUTHOR_ID'].includes(k)))
      : {}
    const page = listRows(rows, { filter, order, start: param(ctx.params, 'start') }, 'ID')
    return out(page.rows, page.total, page.next)
  },
}
