import { err, isRecord, ok, type Result } from '@salesflow/rules'
import type { BatchAnswers, Command, PortalClient } from '../client'
import { ref, type QueryObject } from '../batch/query-string'
import type { Deal, ProductRow, ProductRowDraft } from '../domain'
import { portalError, type PortalError } from '../errors'
import { mapDeal, mapLegacyProductRow } from '../mappers/crm'
import { answersOf, planContext, readContext, readList, readOne, type CardContext } from '../card-common'
import { idOf } from './fetch'
import { SMART_INVOICE } from './invoices'
import { decodeListValues, describeUserFields, userFieldList } from '../list-fields'

/** A smart invoice as the issuing code needs it: its id, number, total and user-field values (original names). */
export interface IssuedInvoice {
  readonly id: number
  readonly accountNumber: string
  readonly currency: string
  readonly opportunity: string
  readonly userFields: Readonly<Record<string, string>>
}

/** What issuing an invoice for a deal reads in one round trip. */
export interface InvoiceIssueContext extends CardContext {
  readonly deal: Deal
  readonly productRows: readonly ProductRow[]
  /** The deal's smart invoices (parentId2), in id order, with their user fields. */
  readonly invoices: readonly IssuedInvoice[]
  /** Upper-case names of the user fields smart invoices have now. */
  readonly invoiceFields: ReadonlySet<string>
}

/** The new invoice: crm.item.add fields (user fields by original name) and its product rows. */
export interface InvoiceToAdd {
  readonly fields: Readonly<Record<string, string | number | readonly number[]>>
  readonly rows: readonly ProductRowDraft[]
}

const invoicesOf = (filter: Record<string, string | number>): Command => ({
  method: 'crm.item.list',
  params: { entityTypeId: SMART_INVOICE, filter, order: { id: 'ASC' }, select: ['*', 'UF_*'], useOriginalUfNames: 'Y' },
})

/** The batch of `loadInvoiceIssue`: the deal, its rows, its invoices, the invoice fields and the card context. */
export function planInvoiceIssue(dealId: number): Record<string, Command> {
  return {
    deal: { method: 'crm.deal.get', params: { id: dealId } },
    dealFields: userFieldList('deal', 'ru'),
    rows: { method: 'crm.deal.productrows.get', params: { id: dealId } },
    invoices: invoicesOf({ '=parentId2': dealId }),
    invoiceFields: { method: 'crm.item.fields', params: { entityTypeId: SMART_INVOICE, useOriginalUfNames: 'Y' } },
    ...planContext(true),
  }
}

/** Reads everything issuing an invoice for `dealId` needs, in one round trip. */
export async function loadInvoiceIssue(
  client: PortalClient,
  dealId: number,
): Promise<Result<InvoiceIssueContext, PortalError>> {
  const answers = await client.batch(planInvoiceIssue(dealId))
  if (!answers.ok) return answers
  const get = answersOf(answers.value)
  const read = readOne(get, 'deal', 'crm.deal.get', mapDeal)
  if (!read.ok) return read
  // The deal's list values (payment terms) as our codes.
  const dealFields = readOne(get, 'dealFields', 'crm.deal.userfield.list', (raw) => ok(describeUserFields(raw)))
  if (!dealFields.ok) return dealFields
  const deal: Deal = { ...read.value, userFields: decodeListValues(read.value.userFields, dealFields.value) }
  const rows = readList(get, 'rows', 'crm.deal.productrows.get', mapLegacyProductRow, undefined, 'productRow')
  if (!rows.ok) return rows
  const invoices = readIssued(answers.value, 'invoices')
  if (!invoices.ok) return invoices
  const fields = get('invoiceFields')
  if (!fields.ok) return fields
  const context = readContext(get, true)
  if (!context.ok) return context
  return ok({
    ...context.value,
    deal,
    productRows: rows.value,
    invoices: invoices.value,
    invoiceFields: fieldNamesOf(fields.value.result),
  })
}

/** Upper-case field names of a crm.item.fields answer (`upperName`, else the key itself). */
function fieldNamesOf(result: unknown): ReadonlySet<string> {
  const fields = isRecord(result) && isRecord(result.fields) ? result.fields : {}
  return new Set(
    Object.entries(fields).map(([key, f]) => (isRecord(f) && typeof f.upperName === 'string' ? f.upperName : key)),
  )
}

/** The invoices of a crm.item.list answer (`{items}`), keeping every `UF_*` value as a string. */
function readIssued(answers: BatchAnswers, name: string): Result<IssuedInvoice[], PortalError> {
  const a = answersOf(answers)(name)
  if (!a.ok) return a
  const items: unknown = isRecord(a.value.result) ? a.value.result.items : undefined
  if (!Array.isArray(items)) {
    return err(portalError('MALFORMED_RESPONSE', { method: 'crm.item.list', field: 'result.items' }))
  }
  const out: IssuedInvoice[] = []
  for (const item of items) {
    const id = idOf(item, 'crm.item.list', 'id')
    if (!id.ok || !isRecord(item)) return err(portalError('VALIDATION', { method: 'crm.item.list', field: 'items.id' }))
    const userFields: Record<string, string> = {}
    for (const [k, v] of Object.entries(item))
      if (k.startsWith('UF_') && (typeof v === 'string' || typeof v === 'number')) userFields[k] = String(v)
    out.push({
      id: id.value,
      accountNumber: typeof item.accountNumber === 'string' ? item.accountNumber : '',
      currency: typeof item.currencyId === 'string' ? item.currencyId : '',
      opportunity: String(item.opportunity ?? '0'),
      userFields,
    })
  }
  return ok(out)
}

/** What one issuing batch did: the new invoice's id (when the add ran) and every invoice now holding the key. */
export interface InvoiceAddOutcome {
  readonly createdId: number | null
  /** The add or the rows failed (the error); null when both were applied. */
  readonly failure: PortalError | null
  readonly withKey: readonly IssuedInvoice[]
}

/**
 * One round trip: crm.item.add, crm.item.productrow.set of its rows (ownerType SI, referencing the new id), and a
 * re-read of every invoice holding `key` in `keyField`, so the caller sees whether another browser added the same
 * invoice at the same moment. `*.add` is never repeated: a lost answer is UNKNOWN_OUTCOME (re-read to settle it).
 */
export async function addInvoiceWithRows(
  client: PortalClient,
  invoice: InvoiceToAdd,
  keyField: string,
  key: string,
): Promise<Result<InvoiceAddOutcome, PortalError>> {
  const res = await client.batch({
    add: {
      method: 'crm.item.add',
      params: { entityTypeId: SMART_INVOICE, useOriginalUfNames: 'Y', fields: { ...invoice.fields } },
      kind: 'create',
    },
    rows: {
      method: 'crm.item.productrow.set',
      params: { ownerType: 'SI', ownerId: ref('add', 'item', 'id'), productRows: invoice.rows.map(rowParams) },
    },
    withKey: invoicesOf({ [`=${keyField}`]: key }),
  })
  if (!res.ok) return res
  const added = res.value['add']!
  const rows = res.value['rows']!
  const createdId = added.ok ? idOf(added.value.result, 'crm.item.add', 'item', 'id') : added
  const withKey = readIssued(res.value, 'withKey')
  if (!withKey.ok) return withKey
  const failure = !createdId.ok ? createdId.error : !rows.ok ? rows.error : null
  return ok({ createdId: createdId.ok ? createdId.value : null, failure, withKey: withKey.value })
}

/** Every invoice holding `key` in `keyField` (one round trip). */
export async function invoicesWithKey(
  client: PortalClient,
  keyField: string,
  key: string,
): Promise<Result<IssuedInvoice[], PortalError>> {
  const res = await client.batch({ withKey: invoicesOf({ [`=${keyField}`]: key }) })
  return res.ok ? readIssued(res.value, 'withKey') : res
}

/** Sets the rows of an invoice whose rows were not written (replaces all; safe to repeat). */
export async function setInvoiceRows(
  client: PortalClient,
  invoiceId: number,
  rows: readonly ProductRowDraft[],
): Promise<Result<void, PortalError>> {
  const res = await client.call('crm.item.productrow.set', {
    ownerType: 'SI',
    ownerId: invoiceId,
    productRows: rows.map(rowParams),
  })
  return res.ok ? ok(undefined) : res
}

/** Deletes an invoice this caller created and must not keep (a duplicate, or one whose rows failed). */
export async function deleteInvoice(client: PortalClient, invoiceId: number): Promise<Result<void, PortalError>> {
  const res = await client.call('crm.item.delete', { entityTypeId: SMART_INVOICE, id: invoiceId })
  return res.ok ? ok(undefined) : res
}

function rowParams(r: ProductRowDraft, i: number): QueryObject {
  return {
    productId: r.productId ?? 0,
    productName: r.productName ?? '',
    price: String(r.price),
    quantity: String(r.quantity),
    discountTypeId: Number(String(r.discountTypeId ?? 2)),
    discountRate: String(r.discountRate ?? 0),
    discountSum: String(r.discountSum ?? 0),
    taxRate: r.taxRate === null || r.taxRate === undefined ? null : String(r.taxRate),
    taxIncluded: r.taxIncluded ?? 'Y',
    ...(r.measureCode ? { measureCode: r.measureCode } : {}),
    sort: r.sort ?? (i + 1) * 10,
  }
}
