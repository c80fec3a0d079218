import type { CallContext, MethodTable } from '../core/context'
import { out } from '../core/context'
import { isoDateTime } from '../core/dates'
import { param, toInt } from '../core/params'
import { requireWrite } from '../crm/item-ops'
import { RestError } from '../http/rest-error'
import type { Company } from '../store/store'
import { nextId } from '../store/store'
import { emitEvent } from './events'
import { legacyFields, legacyList, multifieldOut, multifieldValue, requireFieldsParam } from './contacts'

/** crm.company.* in the legacy UPPER_CASE shape, numbers as strings (as the portal sends them). */
function companyRow(c: Company): Record<string, unknown> {
  return {
    ID: String(c.id),
    TITLE: c.title,
    COMPANY_TYPE: c.companyType,
    ADDRESS: c.address,
    ASSIGNED_BY_ID: String(c.assignedById),
    DATE_CREATE: c.createdTime,
    DATE_MODIFY: c.updatedTime ?? c.createdTime,
    CURRENCY_ID: 'RUB',
    HAS_PHONE: c.phone ? 'Y' : 'N',
    HAS_EMAIL: c.email ? 'Y' : 'N',
    ...multifieldOut(c.id, c.phone, c.email),
    ...c.uf,
  }
}

/** The writable crm.company fields of an add/update request (UPPER_CASE keys, any case accepted). */
function companyPatch(fields: Record<string, unknown>): Partial<Company> {
  const f = legacyFields(fields)
  const patch: Partial<Company> = {}
  if ('TITLE' in f) patch.title = String(f['TITLE'] ?? '').trim()
  if ('COMPANY_TYPE' in f) patch.companyType = String(f['COMPANY_TYPE'] ?? '')
  if ('ADDRESS' in f) patch.address = String(f['ADDRESS'] ?? '')
  if ('ASSIGNED_BY_ID' in f) patch.assignedById = toInt(f['ASSIGNED_BY_ID']) ?? 0
  if ('PHONE' in f) patch.phone = multifieldValue(f['PHONE'])
  if ('EMAIL' in f) patch.email = multifieldValue(f['EMAIL'])
  const uf = Object.entries(f).filter(([k]) => k.startsWith('UF_'))
  if (uf.length > 0) patch.uf = Object.fromEntries(uf.map(([k, v]) => [k, v === null ? '' : String(v)]))
  return patch
}

function getCompany(ctx: CallContext): Company {
  const id = toInt(param(ctx.params, 'id'))
  if (id === undefined) throw new RestError(400, '', 'ID is not defined or invalid')
  const company = ctx.store.companies.get(id)
  // The legacy crm.company.* answer "Not found" with an empty error code, like crm.deal.get.
  if (!company) throw new RestError(400, '', 'Not found')
  return company
}

/** crm.requisite.list rows: one requisite per company that has ИНН or КПП (ENTITY_TYPE_ID 4). */
export function requisiteRow(c: Company): Record<string, unknown> {
  return {
    ID: String(c.id),
    ENTITY_TYPE_ID: '4',
    ENTITY_ID: String(c.id),
    PRESET_ID: '1',
    NAME: c.title,
    RQ_COMPANY_NAME: c.title,
    RQ_INN: c.inn,
    RQ_KPP: c.kpp,
    ACTIVE: 'Y',
  }
}

/** A legacy list method over rows built from the companies: filter, order, paging and select as everywhere. */
function listOf(toRow: (c: Company) => Record<string, unknown>, which: (c: Company) => boolean = () => true) {
  return (ctx: CallContext) => legacyList(ctx, [...ctx.store.companies.values()].filter(which).map(toRow))
}

export const companyMethods: MethodTable = {
  'crm.company.get': (ctx: CallContext) => out(companyRow(getCompany(ctx))),
  'crm.company.list': listOf(companyRow),
  /** `{fields: {TITLE, COMPANY_TYPE, ADDRESS, ASSIGNED_BY_ID, PHONE: [{VALUE, VALUE_TYPE}], UF_*}}` → the new id. */
  'crm.company.add': (ctx) => {
    const patch = companyPatch(requireFieldsParam(ctx))
    if (!patch.title) throw new RestError(400, '', 'The "Company name" field is required.')
    requireWrite(ctx, 'legacy')
    const id = nextId(ctx.store, 'company')
    const now = isoDateTime(ctx.now)
    ctx.store.companies.set(id, {
      id,
      companyType: 'CUSTOMER',
      address: '',
      inn: '',
      kpp: '',
      assignedById: ctx.user.id,
      createdTime: now,
      updatedTime: now,
      ...patch,
      title: patch.title,
      uf: patch.uf ?? {},
    })
    emitEvent(ctx, 'ONCRMCOMPANYADD', { FIELDS: { ID: id } })
    return out(id)
  },
  /** Only the fields given change; UF values merge into the existing ones. */
  'crm.company.update': (ctx) => {
    const company = getCompany(ctx)
    const patch = companyPatch(requireFieldsParam(ctx))
    if (patch.title !== undefined && !patch.title) throw new RestError(400, '', 'The "Company name" field is required.')
    requireWrite(ctx, 'legacy')
    Object.assign(company, { ...patch, uf: { ...company.uf, ...(patch.uf ?? {}) } })
    company.updatedTime = isoDateTime(ctx.now)
    emitEvent(ctx, 'ONCRMCOMPANYUPDATE', { FIELDS: { ID: company.id } })
    return out(true)
  },
  'crm.requisite.list': listOf(requisiteRow, (c) => c.inn !== '' || c.kpp !== ''),
}
