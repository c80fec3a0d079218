import { isRecord, ok, type Result } from '@salesflow/rules'
import { MAX_BATCH, type Command, type PortalClient, type RestAnswer } from './client'
import { PAGE_SIZE, readAll } from './batch/bulk-read'
import { answersOf, planContext, readContext, type CardContext } from './card-common'
import type { Payment, ProductRow, SmartInvoice, Stage } from './domain'
import type { PortalError } from './errors'
import {
  allNotes,
  batchEach,
  invoiceCardOf,
  invoiceWithStages,
  loadInvoiceCard,
  notesPage,
  type InvoiceCard,
} from './invoice-card'
import { mapProductRow } from './mappers/crm'
import { mapAnswerList } from './repositories/fetch'
import { SMART_INVOICE } from './repositories/invoices'
import { mapPayments } from './repositories/payments'
import { mapTimelineNotes, paymentProductsOf, type TimelineNote } from './repositories/receipts'

/** Many smart invoices, read for recording receipts on them; the context (who, currencies, settings) once. */
export interface InvoiceCards {
  readonly context: CardContext
  /** By invoice id; an id the portal does not have is absent. */
  readonly cards: ReadonlyMap<number, InvoiceCard>
  /** Invoices `settled` answered true for: found, but left out of `cards` (their rows and products not read). */
  readonly settled: ReadonlySet<number>
}

/**
 * Asked per invoice found, on its payments and its oldest comments (the first page, up to 50): true when the caller
 * has nothing to do on it (a receipt already recorded there), so its rows, products and later comments are not read.
 */
export type SettledTest = (
  invoiceId: number,
  head: { payments: readonly Payment[]; notes: readonly TimelineNote[] },
) => boolean

const chunks = <T>(xs: readonly T[], n: number): T[][] =>
  Array.from({ length: Math.ceil(xs.length / n) }, (_, i) => xs.slice(i * n, i * n + n))

const rowsSpec = (invoiceIds: readonly number[]) => ({
  method: 'crm.item.productrow.list',
  params: { filter: { '=ownerType': 'SI', '=ownerId': [...invoiceIds] } },
  idKey: 'id',
  itemsKey: 'productRows',
})

/**
 * What recording receipts needs of many invoices, in two steps whatever their number. First, packed into batches
 * of 50 sent together: the context and every stage, the invoices (50 ids per list command), the first page of all
 * their rows (counted), and per invoice its payments and the first page of its comments. Then, together: the rest
 * of the rows as chained pages, the products of the paid payments (50 payments per batch) and the comments past
 * the first 50 of an invoice. Not read (a receipt does not need them): the products of unpaid payments (the portal
 * counts only paid ones on a row), the deal, the company and its other invoices; those fields are empty. One invoice
 * alone is the invoice panel's card (loadInvoiceCard, one round trip); both loaders build cards with invoiceCardOf.
 * `settled` (optional) skips the second step for invoices the caller is done with once it sees their payments and
 * first comments: re-importing a bank statement then costs the first step only.
 */
export async function loadInvoiceCards(
  client: PortalClient,
  invoiceIds: readonly number[],
  options: { readonly settled?: SettledTest } = {},
): Promise<Result<InvoiceCards, PortalError>> {
  const ids = [...new Set(invoiceIds)]
  // One invoice is the panel's card: everything (its paid products too) in one round trip. An id the portal does
  // not have fails that card, so it goes the general way, which reports it absent.
  if (ids.length === 1) {
    const one = await loadInvoiceCard(client, ids[0]!)
    if (one.ok) {
      const { currencies, currentUser, appOptions } = one.value
      const cards = new Map([[ids[0]!, one.value]])
      return ok({ context: { currencies, currentUser, appOptions }, cards, settled: new Set<number>() })
    }
    if (one.error.code !== 'NOT_FOUND') return one
  }
  const lists = chunks(ids, MAX_BATCH)
  const plan: Record<string, Command> = {
    ...planContext(true),
    stages: { method: 'crm.status.list', params: { order: { SORT: 'ASC' } } },
    ...Object.fromEntries(
      lists.map((c, k) => [
        `invoices${k}`,
        {
          method: 'crm.item.list',
          params: { entityTypeId: SMART_INVOICE, filter: { '@id': c }, select: ['*'], order: { id: 'ASC' }, start: -1 },
        },
      ]),
    ),
    ...(ids.length > 0
      ? { rows: { method: rowsSpec(ids).method, params: { ...rowsSpec(ids).params, order: { id: 'ASC' }, start: 0 } } }
      : {}),
  }
  for (const id of ids) {
    plan[`pay${id}`] = { method: 'crm.item.payment.list', params: { entityTypeId: SMART_INVOICE, entityId: id } }
    plan[`notes${id}`] = notesPage(id, 0)
  }
  const first = await batchEach(client, plan)
  if (!first.ok) return first
  const get = answersOf(first.value)
  const context = readContext(get, true)
  if (!context.ok) return context
  const stagesA = get('stages')
  if (!stagesA.ok) return stagesA

  // The invoices found; an id the portal does not have is left out (its payments' and notes' answers are errors).
  const found: { item: unknown; invoice: SmartInvoice; stages: readonly Stage[] }[] = []
  for (const k of lists.keys()) {
    const a = get(`invoices${k}`)
    if (!a.ok) return a
    const items = mapAnswerList(a.value, 'crm.item.list', (raw) => ok(raw), 'items')
    if (!items.ok) return items
    for (const item of items.value) {
      const read = invoiceWithStages(item, stagesA.value, 'crm.item.list')
      if (!read.ok) return read
      found.push({ item, ...read.value })
    }
  }
  const paymentsOf = new Map<number, Payment[]>()
  const firstNotes = new Map<number, RestAnswer>()
  const settled = new Set<number>()
  for (const { invoice } of found) {
    const id = invoice.id
    const p = get(`pay${id}`)
    if (!p.ok) return p
    const list = mapPayments(p.value.result)
    if (!list.ok) return list
    const n = get(`notes${id}`)
    if (!n.ok) return n
    if (options.settled) {
      const notes = mapTimelineNotes(n.value.result)
      if (!notes.ok) return notes
      if (options.settled(id, { payments: list.value, notes: notes.value })) {
        settled.add(id)
        continue
      }
    }
    paymentsOf.set(id, list.value)
    firstNotes.set(id, n.value)
  }
  const open = found.filter((f) => !settled.has(f.invoice.id))

  // The rest, together: rows after the first page, the payments' products, comments past an invoice's first 50.
  // An id the portal does not have fails the shared first page of rows (OWNER_NOT_FOUND): the rows of the invoices
  // found are then read on their own. Past the first page, only the rows of invoices not settled are read: their
  // own count is unknown, so the portal counts them again.
  const rowsA = found.length > 0 ? get('rows') : ok({ result: { productRows: [] }, total: 0 })
  if (!rowsA.ok && rowsA.error.code !== 'NOT_FOUND') return rowsA
  const firstRows = rowsA.ok
    ? mapAnswerList(rowsA.value, 'crm.item.productrow.list', (raw) => ok(raw), 'productRows')
    : ok([])
  if (!firstRows.ok) return firstRows
  const lastRow = firstRows.value.at(-1)
  const openIds = open.map((f) => f.invoice.id)
  const noRows = Promise.resolve(ok({ records: [] as unknown[] }))
  const [rest, products, notes] = await Promise.all([
    openIds.length === 0
      ? noRows
      : !rowsA.ok
        ? readAll(client, rowsSpec(openIds), (raw) => ok(raw))
        : rowsA.value.total > firstRows.value.length && firstRows.value.length === PAGE_SIZE
          ? readAll(client, rowsSpec(settled.size > 0 ? openIds : ids), (raw) => ok(raw), {
              afterId: Number(isRecord(lastRow) ? lastRow['id'] : 0),
              ...(settled.size > 0 ? {} : { total: rowsA.value.total - PAGE_SIZE }),
            })
          : noRows,
    paymentProductsOf(
      client,
      [...paymentsOf.values()].flatMap((ps) => ps.filter((p) => p.paid).map((p) => p.id)),
    ),
    allNotes(client, firstNotes),
  ])
  if (!rest.ok) return rest
  if (!products.ok) return products
  if (!notes.ok) return notes

  // Rows come for all invoices at once: grouped by their owner, then mapped.
  const rowsOf = new Map<number, ProductRow[]>()
  for (const [i, raw] of [...firstRows.value, ...rest.value.records].entries()) {
    const owner = isRecord(raw) ? Number(raw['ownerId']) : NaN
    const row = mapProductRow(raw, 'crm.item.productrow.list', `productRows[${i}]`)
    if (!row.ok) return row
    rowsOf.set(owner, [...(rowsOf.get(owner) ?? []), row.value])
  }

  const cards = new Map<number, InvoiceCard>()
  for (const { item, invoice, stages } of open) {
    const payments = paymentsOf.get(invoice.id) ?? []
    const paymentIds = new Set(payments.map((p) => p.id))
    cards.set(
      invoice.id,
      invoiceCardOf(context.value, {
        item,
        invoice,
        stages,
        productRows: rowsOf.get(invoice.id) ?? [],
        payments,
        paymentProducts: products.value.filter((p) => paymentIds.has(p.paymentId)),
        notes: notes.value.get(invoice.id) ?? [],
      }),
    )
  }
  return ok({ context: context.value, cards, settled })
}
