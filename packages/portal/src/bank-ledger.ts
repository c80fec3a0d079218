import { ok, type Result } from '@salesflow/rules'
import type { Command, PortalClient } from './client'
import { readAll } from './batch/bulk-read'
import { answersOf, planContext, readContext, readList, type CardContext } from './card-common'
import type { Payment, SmartInvoice, Stage } from './domain'
import type { PortalError } from './errors'
import { mapSmartInvoice, mapStage } from './mappers/crm'
import { mapPayments } from './repositories/payments'
import { SMART_INVOICE } from './repositories/invoices'
import { mapTimelineNotes, type TimelineNote } from './repositories/receipts'

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
  /**
   * Paid invoices (success stage) moved to it on or after the look-back date: a receipt of the statements may
   * already sit on one of them. Empty without a look-back date.
   */
  readonly closed: readonly SmartInvoice[]
  /** Payments of each invoice above (open and closed), by invoice id. */
  readonly payments: ReadonlyMap<number, readonly Payment[]>
  /** Timeline comments (oldest first) of each invoice above that has a payment: where receipts name their bank document. */
  readonly notes: ReadonlyMap<number, readonly TimelineNote[]>
  /** By company id. */
  readonly requisites: ReadonlyMap<number, PayerRequisites>
}

const text = (v: unknown): string | null => {
  const s = typeof v === 'number' ? String(v) : typeof v === 'string' ? v.trim() : ''
  return s === '' ? null : s
}
const rawRow = (row: unknown): Result<Record<string, unknown>, PortalError> =>
  ok(typeof row === 'object' && row !== null ? (row as Record<string, unknown>) : {})

/** One command per invoice, 50 per batch, the batches sent together; the answers by invoice id. */
async function perInvoice<T>(
  client: PortalClient,
  ids: readonly number[],
  command: (id: number) => Command,
  map: (raw: unknown) => Result<T, PortalError>,
): Promise<Result<Map<number, T>, PortalError>> {
  const chunks = Array.from({ length: Math.ceil(ids.length / 50) }, (_, i) => ids.slice(i * 50, i * 50 + 50))
  const answers = await Promise.all(
    chunks.map((c) => client.batch(Object.fromEntries(c.map((id) => [`i${id}`, command(id)])))),
  )
  const out = new Map<number, T>()
  for (const [k, res] of answers.entries()) {
    if (!res.ok) return res
    for (const id of chunks[k]!) {
      const a = answersOf(res.value)(`i${id}`)
      if (!a.ok) return a
      const m = map(a.value.result)
      if (!m.ok) return m
      out.set(id, m.value)
    }
  }
  return ok(out)
}

/**
 * Reads everything the bank page matches against: the context (who, currencies, app options) and every stage in one
 * batch; the invoices, company requisites and bank details as chained pages (in parallel, each one round trip per
 * 2,500 rows); then the payments of the open invoices, 50 invoices per round trip; then the timeline comments of
 * those with a payment (the same way), where a receipt already applied names its bank document.
 * `lookBack` (ISO date, the statements' earliest): paid invoices moved to their paid stage since the day before it
 * are read too (payments and comments): a receipt applied from these statements paid them, it cannot be older.
 */
export async function loadBankLedger(
  client: PortalClient,
  options: { readonly lookBack?: string } = {},
): Promise<Result<BankLedger, PortalError>> {
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
  const closed: SmartInvoice[] = []
  // A day of margin: movedTime carries the portal's time zone, the statement's dates are the bank's calendar days.
  const since = options.lookBack ? new Date(Date.parse(options.lookBack) - 86_400_000).toISOString().slice(0, 10) : null
  for (const [i, row] of inv.value.records.entries()) {
    const m = mapSmartInvoice(row, 'crm.item.list', `invoice[${i}]`, stages.value)
    if (!m.ok) return m
    if (m.value.stageSemantics === 'process') invoices.push(m.value)
    const moved = text(row['movedTime'])
    if (m.value.stageSemantics === 'success' && since !== null && moved !== null && moved.slice(0, 10) >= since)
      closed.push(m.value)
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

  const payments = await perInvoice(
    client,
    [...invoices, ...closed].map((x) => x.id),
    (id) => ({ method: 'crm.item.payment.list', params: { entityTypeId: SMART_INVOICE, entityId: id } }),
    mapPayments,
  )
  if (!payments.ok) return payments
  const notes = await perInvoice(
    client,
    [...payments.value].filter(([, list]) => list.length > 0).map(([id]) => id),
    (id) => ({
      method: 'crm.timeline.comment.list',
      params: { filter: { ENTITY_ID: id, ENTITY_TYPE: `dynamic_${SMART_INVOICE}` }, order: { ID: 'ASC' } },
    }),
    mapTimelineNotes,
  )
  if (!notes.ok) return notes
  return ok({
    ...context.value,
    invoices,
    closed,
    stages: stages.value,
    payments: payments.value,
    notes: notes.value,
    requisites,
  })
}
