import { ok, type Result } from '@salesflow/rules'
import type { PortalClient } from './client'
import { readAll } from './batch/bulk-read'
import { answersOf, planContext, readContext, readList, type CardContext } from './card-common'
import type { Payment, SmartInvoice, Stage } from './domain'
import type { PortalError } from './errors'
import { mapSmartInvoice, mapStage } from './mappers/crm'
import { mapPayments } from './repositories/payments'
import { SMART_INVOICE } from './repositories/invoices'

/** A company's ИНН/КПП and its bank accounts, as the bank matcher needs them. */
export interface PayerRequisites {
  readonly companyId: number
  readonly inn: string | null
  readonly kpp: string | null
  readonly accounts: readonly string[]
}

/** What matching a bank statement needs from the portal: open smart invoices with their payments, the payers. */
export interface BankLedger extends CardContext {
  /** Smart invoices whose stage is in process (neither paid nor failed), with semantics resolved. */
  readonly invoices: readonly SmartInvoice[]
  /** Every stage of the portal (crm.status.list), to tell each invoice's status. */
  readonly stages: readonly Stage[]
  /** Payments of each invoice above, by invoice id. */
  readonly payments: ReadonlyMap<number, readonly Payment[]>
  /** By company id. */
  readonly requisites: ReadonlyMap<number, PayerRequisites>
}

const text = (v: unknown): string | null => {
  const s = typeof v === 'number' ? String(v) : typeof v === 'string' ? v.trim() : ''
  return s === '' ? null : s
}
const rawRow = (row: unknown): Result<Record<string, unknown>, PortalError> =>
  ok(typeof row === 'object' && row !== null ? (row as Record<string, unknown>) : {})

/**
 * Reads everything the bank page matches against: the context (who, currencies, app options) and every stage in one
 * batch; the invoices, company requisites and bank details as chained pages (in parallel, each one round trip per
 * 2,500 rows); then the payments of the open invoices, 50 invoices per round trip.
 */
export async function loadBankLedger(client: PortalClient): Promise<Result<BankLedger, PortalError>> {
  const head = client.batch({
    ...planContext(true),
    stages: { method: 'crm.status.list', params: { order: { SORT: 'ASC' } } },
  })
  const invoicesRaw = readAll(
    client,
    {
      method: 'crm.item.list',
      params: { entityTypeId: SMART_INVOICE, select: ['*'] },
      idKey: 'id',
      itemsKey: 'items',
    },
    rawRow,
  )
  const requisitesRaw = readAll(
    client,
    {
      method: 'crm.requisite.list',
      params: { filter: { ENTITY_TYPE_ID: 4 }, select: ['ID', 'ENTITY_ID', 'RQ_INN', 'RQ_KPP'] },
      idKey: 'ID',
    },
    rawRow,
  )
  const detailsRaw = readAll(
    client,
    { method: 'crm.requisite.bankdetail.list', params: { select: ['ID', 'ENTITY_ID', 'RQ_ACC_NUM'] }, idKey: 'ID' },
    rawRow,
  )
  const [h, inv, req, det] = await Promise.all([head, invoicesRaw, requisitesRaw, detailsRaw])
  if (!h.ok) return h
  const get = answersOf(h.value)
  const context = readContext(get, true)
  if (!context.ok) return context
  const stages = readList(get, 'stages', 'crm.status.list', mapStage, undefined, 'stage')
  if (!stages.ok) return stages
  if (!inv.ok) return inv
  if (!req.ok) return req
  if (!det.ok) return det

  const invoices: SmartInvoice[] = []
  for (const [i, row] of inv.value.records.entries()) {
    const m = mapSmartInvoice(row, 'crm.item.list', `invoice[${i}]`, stages.value)
    if (!m.ok) return m
    if (m.value.stageSemantics === 'process') invoices.push(m.value)
  }

  // A requisite belongs to a company (ENTITY_ID); a bank detail to a requisite (its ENTITY_ID is the requisite's ID).
  const companyOfRequisite = new Map<string, number>()
  const requisites = new Map<number, PayerRequisites>()
  for (const r of req.value.records) {
    const companyId = Number(r['ENTITY_ID'])
    const id = text(r['ID'])
    if (!Number.isSafeInteger(companyId) || companyId <= 0 || id === null) continue
    companyOfRequisite.set(id, companyId)
    if (!requisites.has(companyId))
      requisites.set(companyId, { companyId, inn: text(r['RQ_INN']), kpp: text(r['RQ_KPP']), accounts: [] })
  }
  for (const d of det.value.records) {
    const companyId = companyOfRequisite.get(text(d['ENTITY_ID']) ?? '')
    const account = text(d['RQ_ACC_NUM'])
    const owner = companyId === undefined ? undefined : requisites.get(companyId)
    if (owner && account) requisites.set(owner.companyId, { ...owner, accounts: [...owner.accounts, account] })
  }

  const payments = new Map<number, readonly Payment[]>()
  for (let i = 0; i < invoices.length; i += 50) {
    const chunk = invoices.slice(i, i + 50)
    const res = await client.batch(
      Object.fromEntries(
        chunk.map((x) => [
          `p${x.id}`,
          { method: 'crm.item.payment.list', params: { entityTypeId: SMART_INVOICE, entityId: x.id } },
        ]),
      ),
    )
    if (!res.ok) return res
    for (const x of chunk) {
      const a = answersOf(res.value)(`p${x.id}`)
      if (!a.ok) return a
      const list = mapPayments(a.value.result)
      if (!list.ok) return list
      payments.set(x.id, list.value)
    }
  }
  return ok({ ...context.value, invoices, stages: stages.value, payments, requisites })
}
