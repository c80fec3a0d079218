import type { CallContext, MethodTable } from '../core/context'
import { out } from '../core/context'
import { isRecord, param, toId } from '../core/params'
import { requireWrite } from '../crm/item-ops'
import { RestError } from '../http/rest-error'
import type { PortalStore } from '../store/store'
import { requisiteRow } from './companies'
import { legacyList, requireFieldsParam } from './contacts'

/**
 * crm.requisite.get and crm.requisite.bankdetail.*: a company's requisite (one per company with ИНН or КПП, id =
 * the company's, as crm.requisite.list gives it) and the bank accounts under it (RQ_BANK_NAME, RQ_BIK, RQ_ACC_NUM,
 * RQ_COR_ACC_NUM; `ENTITY_ID` is the requisite). Bank details live beside the store, so a reset portal has none.
 */
type BankDetail = Record<string, string>
const bankDetails = new WeakMap<PortalStore, { next: number; rows: Map<number, BankDetail> }>()
const detailsOf = (store: PortalStore) => {
  let d = bankDetails.get(store)
  if (!d) bankDetails.set(store, (d = { next: 1, rows: new Map() }))
  return d
}

/** The requisite of id `raw`: a company with ИНН or КПП (the portal's requisite list shows only those). */
function requisiteOf(ctx: CallContext, raw: unknown) {
  const id = toId(raw)
  const company = id === undefined ? undefined : ctx.store.companies.get(id)
  if (!company || (company.inn === '' && company.kpp === '')) throw new RestError(400, '', 'Requisite is not found.')
  return company
}

const BANK_FIELDS = ['NAME', 'RQ_BANK_NAME', 'RQ_BIK', 'RQ_ACC_NUM', 'RQ_COR_ACC_NUM', 'RQ_BANK_ADDR', 'ACTIVE', 'SORT']

function detailOf(ctx: CallContext): BankDetail {
  const id = toId(param(ctx.params, 'id'))
  const row = id === undefined ? undefined : detailsOf(ctx.store).rows.get(id)
  if (!row) throw new RestError(400, '', 'Bank details are not found.')
  return row
}

export const requisiteMethods: MethodTable = {
  'crm.requisite.get': (ctx) => out(requisiteRow(requisiteOf(ctx, param(ctx.params, 'id')))),
  'crm.requisite.bankdetail.add': (ctx) => {
    const fields = requireFieldsParam(ctx)
    const requisite = requisiteOf(ctx, fields['ENTITY_ID'])
    if (!String(fields['NAME'] ?? '').trim()) throw new RestError(400, '', 'The "Name" field is required.')
    requireWrite(ctx, 'legacy')
    const store = detailsOf(ctx.store)
    const id = store.next++
    const row: BankDetail = { ID: String(id), ENTITY_ID: String(requisite.id), ACTIVE: 'Y', SORT: '500' }
    for (const k of BANK_FIELDS) if (fields[k] !== undefined && fields[k] !== null) row[k] = String(fields[k])
    store.rows.set(id, row)
    return out(id)
  },
  'crm.requisite.bankdetail.get': (ctx) => out(detailOf(ctx)),
  'crm.requisite.bankdetail.list': (ctx) => legacyList(ctx, [...detailsOf(ctx.store).rows.values()]),
  'crm.requisite.bankdetail.update': (ctx) => {
    const row = detailOf(ctx)
    const fields = requireFieldsParam(ctx)
    requireWrite(ctx, 'legacy')
    for (const k of BANK_FIELDS) if (isRecord(fields) && fields[k] !== undefined) row[k] = String(fields[k])
    return out(true)
  },
  'crm.requisite.bankdetail.delete': (ctx) => {
    const row = detailOf(ctx)
    requireWrite(ctx, 'legacy')
    detailsOf(ctx.store).rows.delete(Number(row['ID']))
    return out(true)
  },
}
