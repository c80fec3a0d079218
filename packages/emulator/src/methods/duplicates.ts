import type { CallContext, MethodTable } from '../core/context'
import { out } from '../core/context'
import { param, toArray, toInt } from '../core/params'
import { requireWrite } from '../crm/item-ops'
import { RestError } from '../http/rest-error'
import { legacyFields, requireFieldsParam } from './contacts'

/** Phones compare by their digits (the portal normalises them; an extension is not part of the number). */
const digits = (s: string): string => s.replace(/\D/g, '')
const normal = (type: string, v: string): string => (type === 'PHONE' ? digits(v) : v.trim().toLowerCase())

interface WithComms {
  readonly id: number
  readonly phone?: string | undefined
  readonly email?: string | undefined
}

/**
 * crm.duplicate.findbycomm: `{type: PHONE|EMAIL, values: [...≤20], entity_type?: LEAD|CONTACT|COMPANY}` →
 * `{CONTACT: [ids]}` per type with matches (no key when none; `[]` when nothing at all, as PHP prints an empty map).
 */
function findByComm(ctx: CallContext) {
  const type = String(param(ctx.params, 'type') ?? '').toUpperCase()
  if (!type) throw new RestError(400, 'Communication type is not defined', "Parameter 'type' is required.")
  if (type !== 'PHONE' && type !== 'EMAIL')
    throw new RestError(400, `Communication type '${type}' is not supported in current context`, '')
  const values = toArray(param(ctx.params, 'values'))
    .map((v) => normal(type, String(v)))
    .filter((v) => v !== '')
  if (values.length === 0)
    throw new RestError(400, 'Communication values is not defined', "Parameter 'values' is required.")
  const wanted = new Set(values.slice(0, 20))
  const entity = String(param(ctx.params, 'entity_type') ?? '').toUpperCase()
  const sources: Record<string, Iterable<WithComms>> = {
    LEAD: ctx.store.leads.values(),
    CONTACT: ctx.store.contacts.values(),
    COMPANY: ctx.store.companies.values(),
  }
  const result: Record<string, number[]> = {}
  for (const [name, rows] of Object.entries(sources)) {
    if (entity && entity !== name) continue
    const ids: number[] = []
    for (const r of rows) {
      const v = type === 'PHONE' ? r.phone : r.email
      if (v && wanted.has(normal(type, v))) ids.push(r.id)
    }
    if (ids.length > 0) result[name] = ids.sort((a, b) => a - b)
  }
  return out(Object.keys(result).length > 0 ? result : [])
}

/**
 * crm.requisite.add for a company (ENTITY_TYPE_ID 4): the emulator keeps one requisite per company, whose id is
 * the company's (as crm.requisite.list prints it); its ИНН and КПП become the company's.
 */
function addRequisite(ctx: CallContext) {
  const f = legacyFields(requireFieldsParam(ctx))
  if (toInt(f['ENTITY_TYPE_ID']) !== 4)
    throw new RestError(400, '', 'The field ENTITY_TYPE_ID is not defined or invalid.')
  const company = ctx.store.companies.get(toInt(f['ENTITY_ID']) ?? 0)
  if (!company) throw new RestError(400, '', 'The field ENTITY_ID is not defined or invalid.')
  if (toInt(f['PRESET_ID']) === undefined)
    throw new RestError(400, '', 'The field PRESET_ID is not defined or invalid.')
  if (!String(f['NAME'] ?? '').trim()) throw new RestError(400, '', 'The field NAME is required.')
  if (company.inn || company.kpp)
    throw new RestError(400, '', 'The emulator keeps one requisite per company; this company has one.')
  requireWrite(ctx, 'legacy')
  company.inn = String(f['RQ_INN'] ?? '').trim()
  company.kpp = String(f['RQ_KPP'] ?? '').trim()
  return out(company.id)
}

export const duplicateMethods: MethodTable = {
  'crm.duplicate.findbycomm': findByComm,
  'crm.requisite.add': addRequisite,
}
