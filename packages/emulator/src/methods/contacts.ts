import type { CallContext, MethodTable } from '../core/context'
import { out } from '../core/context'
import { isoDateTime } from '../core/dates'
import { isRecord, param, toInt } from '../core/params'
import { requireWrite } from '../crm/item-ops'
import { RestError } from '../http/rest-error'
import { listRows } from '../query/list'
import type { Contact } from '../store/store'
import { nextId } from '../store/store'
import { emitEvent } from './events'

/** The `fields` of a legacy add/update; anything else is the portal's "Parameter 'fields' must be array". */
export function requireFieldsParam(ctx: CallContext): Record<string, unknown> {
  const fields = param(ctx.params, 'fields')
  if (!isRecord(fields)) throw new RestError(400, '', "Parameter 'fields' must be array")
  return fields
}

/** Legacy CRM field names are case-insensitive: the request's keys upper-cased. */
export function legacyFields(fields: Record<string, unknown>): Record<string, unknown> {
  return Object.fromEntries(Object.entries(fields).map(([k, v]) => [k.toUpperCase(), v]))
}

/** The first VALUE of a multifield (`[{VALUE: '+7…', VALUE_TYPE: 'WORK'}]`), or a plain string. */
export function multifieldValue(value: unknown): string {
  const first = Array.isArray(value) ? value[0] : isRecord(value) ? Object.values(value)[0] : value
  if (isRecord(first)) return String(first['VALUE'] ?? '')
  return first === undefined || first === null ? '' : String(first)
}

/** PHONE / EMAIL as the legacy get and list print them (left out when empty). */
export function multifieldOut(id: number, phone?: string, email?: string): Record<string, unknown> {
  const out: Record<string, unknown> = {}
  if (phone) out['PHONE'] = [{ ID: String(id * 10 + 1), VALUE_TYPE: 'WORK', VALUE: phone, TYPE_ID: 'PHONE' }]
  if (email) out['EMAIL'] = [{ ID: String(id * 10 + 2), VALUE_TYPE: 'WORK', VALUE: email, TYPE_ID: 'EMAIL' }]
  return out
}

/** crm.contact.get / list: UPPER_CASE, ids as strings, an empty reference as null (as crm.deal.get prints it). */
function contactRow(c: Contact): Record<string, unknown> {
  return {
    ID: String(c.id),
    HONORIFIC: null,
    NAME: c.name,
    SECOND_NAME: c.secondName,
    LAST_NAME: c.lastName,
    POST: c.post,
    TYPE_ID: c.typeId,
    SOURCE_ID: c.sourceId,
    COMMENTS: c.comments,
    OPENED: 'Y',
    EXPORT: 'Y',
    HAS_PHONE: c.phone ? 'Y' : 'N',
    HAS_EMAIL: c.email ? 'Y' : 'N',
    HAS_IMOL: 'N',
    ASSIGNED_BY_ID: String(c.assignedById),
    CREATED_BY_ID: String(c.createdBy),
    MODIFY_BY_ID: String(c.updatedBy),
    DATE_CREATE: c.createdTime,
    DATE_MODIFY: c.updatedTime,
    COMPANY_ID: c.companyId ? String(c.companyId) : null,
    LEAD_ID: null,
    ...multifieldOut(c.id, c.phone, c.email),
  }
}

/** Legacy select: `*` (PHONE/EMAIL are multiple fields: only when named), or field names; ID always. */
export function pick(row: Record<string, unknown>, select: unknown): Record<string, unknown> {
  const names = Array.isArray(select) ? select.map((s) => String(s).toUpperCase()) : []
  const all = names.length === 0 || names.includes('*')
  return Object.fromEntries(
    Object.entries(row).filter(([k]) => k === 'ID' || names.includes(k) || (all && k !== 'PHONE' && k !== 'EMAIL')),
  )
}

function contactPatch(fields: Record<string, unknown>): Partial<Contact> {
  const f = legacyFields(fields)
  const patch: Partial<Contact> = {}
  const text = (k: string): string => String(f[k] ?? '').trim()
  if ('NAME' in f) patch.name = text('NAME')
  if ('SECOND_NAME' in f) patch.secondName = text('SECOND_NAME')
  if ('LAST_NAME' in f) patch.lastName = text('LAST_NAME')
  if ('POST' in f) patch.post = text('POST')
  if ('TYPE_ID' in f) patch.typeId = text('TYPE_ID')
  if ('SOURCE_ID' in f) patch.sourceId = text('SOURCE_ID')
  if ('COMMENTS' in f) patch.comments = String(f['COMMENTS'] ?? '')
  if ('COMPANY_ID' in f) patch.companyId = toInt(f['COMPANY_ID']) ?? 0
  if ('ASSIGNED_BY_ID' in f) patch.assignedById = toInt(f['ASSIGNED_BY_ID']) ?? 0
  if ('PHONE' in f) patch.phone = multifieldValue(f['PHONE'])
  if ('EMAIL' in f) patch.email = multifieldValue(f['EMAIL'])
  return patch
}

function getContact(ctx: CallContext): Contact {
  const id = toInt(param(ctx.params, 'id'))
  if (id === undefined) throw new RestError(400, '', 'ID is not defined or invalid')
  const contact = ctx.store.contacts.get(id)
  if (!contact) throw new RestError(400, '', 'Not found')
  return contact
}

/** A legacy crm.*.list answer over `rows`: filter, order, paging (start) and select, as every legacy list. */
export function legacyList(ctx: CallContext, rows: readonly Record<string, unknown>[]) {
  const q = {
    filter: param(ctx.params, 'filter'),
    order: param(ctx.params, 'order'),
    start: param(ctx.params, 'start'),
  }
  const page = listRows(rows, q, 'ID')
  return out(
    page.rows.map((r) => pick(r, param(ctx.params, 'select'))),
    page.total,
    page.next,
  )
}

/** A company the contact is bound to must exist (the portal checks the reference). */
function checkCompany(ctx: CallContext, companyId: number | undefined): void {
  if (companyId && !ctx.store.companies.has(companyId))
    throw new RestError(400, '', 'Invalid value for the "Company" field')
}

const NAME_REQUIRED = 'The "Name" or "Last name" field is required.'

/** crm.contact.* in the legacy UPPER_CASE shape (`NAME`/`LAST_NAME` search with `%NAME`, `%LAST_NAME`). */
export const contactMethods: MethodTable = {
  'crm.contact.get': (ctx) => out(contactRow(getContact(ctx))),
  'crm.contact.list': (ctx) => legacyList(ctx, [...ctx.store.contacts.values()].map(contactRow)),
  /** `{fields: {NAME, LAST_NAME, POST, COMPANY_ID, PHONE: [{VALUE, VALUE_TYPE}], EMAIL: […]}}` → the new id. */
  'crm.contact.add': (ctx) => {
    const patch = contactPatch(requireFieldsParam(ctx))
    if (!patch.name && !patch.lastName) throw new RestError(400, '', NAME_REQUIRED)
    checkCompany(ctx, patch.companyId)
    requireWrite(ctx, 'legacy')
    const id = nextId(ctx.store, 'contact')
    const now = isoDateTime(ctx.now)
    ctx.store.contacts.set(id, {
      id,
      name: '',
      secondName: '',
      lastName: '',
      post: '',
      phone: '',
      email: '',
      companyId: 0,
      typeId: 'CLIENT',
      sourceId: '',
      comments: '',
      assignedById: ctx.user.id,
      createdBy: ctx.user.id,
      updatedBy: ctx.user.id,
      createdTime: now,
      updatedTime: now,
      ...patch,
    })
    emitEvent(ctx, 'ONCRMCONTACTADD', { FIELDS: { ID: id } })
    return out(id)
  },
  'crm.contact.update': (ctx) => {
    const contact = getContact(ctx)
    const patch = contactPatch(requireFieldsParam(ctx))
    const next = { ...contact, ...patch }
    if (!next.name && !next.lastName) throw new RestError(400, '', NAME_REQUIRED)
    checkCompany(ctx, patch.companyId)
    requireWrite(ctx, 'legacy')
    Object.assign(contact, next, { updatedTime: isoDateTime(ctx.now), updatedBy: ctx.user.id })
    emitEvent(ctx, 'ONCRMCONTACTUPDATE', { FIELDS: { ID: contact.id } })
    return out(true)
  },
}
