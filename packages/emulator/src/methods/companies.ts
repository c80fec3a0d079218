import type { CallContext, MethodTable } from '../core/context'
import { out } from '../core/context'
import { param, toInt } from '../core/params'
import { RestError } from '../http/rest-error'
import { listRows } from '../query/list'
import type { Company } from '../store/store'

/** crm.company.* in the legacy UPPER_CASE shape, numbers as strings (as the portal sends them). */
function companyRow(c: Company): Record<string, unknown> {
  return {
    ID: String(c.id),
    TITLE: c.title,
    COMPANY_TYPE: c.companyType,
    ADDRESS: c.address,
    ASSIGNED_BY_ID: String(c.assignedById),
    DATE_CREATE: c.createdTime,
    CURRENCY_ID: 'RUB',
    ...c.uf,
  }
}

/** crm.requisite.list rows: one requisite per company (ENTITY_TYPE_ID 4). */
function requisiteRow(c: Company): Record<string, unknown> {
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

function pick(row: Record<string, unknown>, select: unknown): Record<string, unknown> {
  const names = Array.isArray(select) ? select.map((s) => String(s).toUpperCase()) : []
  if (names.length === 0 || names.includes('*')) return row
  return Object.fromEntries(Object.entries(row).filter(([k]) => k === 'ID' || names.includes(k)))
}

/** A legacy list method over rows built from the companies: filter, order, paging and select as everywhere. */
function listOf(toRow: (c: Company) => Record<string, unknown>) {
  return (ctx: CallContext) => {
    const rows = [...ctx.store.companies.values()].map(toRow)
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
}

export const companyMethods: MethodTable = {
  'crm.company.get': (ctx: CallContext) => {
    const id = toInt(param(ctx.params, 'id'))
    const company = id === undefined ? undefined : ctx.store.companies.get(id)
    // The legacy crm.company.* answer "Not found" with an empty error code, like crm.deal.get.
    if (!company) throw new RestError(400, '', 'Not found')
    return out(companyRow(company))
  },
  'crm.company.list': listOf(companyRow),
  'crm.requisite.list': listOf(requisiteRow),
}
