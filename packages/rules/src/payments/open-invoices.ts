import { D, parseDecimal, type Dec, type NumericInput } from '../decimal'
import { convertMoney, currencyDecimals, type PortalCurrency } from '../fx/convert-money'
import { err, ok, type Result } from '../result'
import type { SalesError } from '../sales-errors'
import { parseIsoDate, type IsoDate } from '../dates/iso-date'
import { isRecord, ownData } from '../input'

/** A receipt from the bank or 1C: the amount in its currency and the date it arrived. */
export interface Receipt {
  readonly amount: NumericInput
  readonly currency: string
  readonly date: IsoDate
}

/** One payable position of an invoice (a product row, delivery, a prepayment line). */
export interface OpenPosition {
  readonly positionId: string
  /** The position's total in the invoice currency. */
  readonly amount: NumericInput
  /** What is already paid on it, in the invoice currency. */
  readonly paid: NumericInput
  /** Optional category ('goods', 'delivery', 'service'…) that `positionPriority` orders by. */
  readonly kind?: string
}

export interface OpenInvoice {
  readonly invoiceId: string
  /** Null when the invoice has no due date: it is treated as due on the receipt date (ERPNext does the same). */
  readonly dueDate: IsoDate | null
  readonly currency: string
  readonly positions: readonly OpenPosition[]
}

export interface AllocationOptions {
  /** crm.currency.list rows valid on the receipt date; needed only when an invoice is in another currency. */
  readonly currencies?: readonly PortalCurrency[]
  /** Position kinds in the order they are paid within an invoice; unlisted kinds follow in their own order. */
  readonly positionPriority?: readonly string[]
  /** Decimals of a currency absent from `currencies` (default 2). */
  readonly decimals?: number
}

/** One line of an allocation: `amount` in the receipt currency, `invoiceAmount` credited in the invoice currency. */
export interface Allocation {
  readonly invoiceId: string
  readonly positionId: string
  readonly amount: string
  readonly invoiceAmount: string
  readonly invoiceCurrency: string
}

export interface AllocationResult {
  readonly allocations: readonly Allocation[]
  /** What is left of the receipt (an advance), in the receipt currency. */
  readonly unallocated: string
  readonly currency: string
}

export interface Position {
  readonly positionId: string
  readonly outstanding: Dec
  readonly kind: string | undefined
}

export interface Invoice {
  readonly invoiceId: string
  readonly dueDate: IsoDate
  readonly currency: string
  readonly decimals: number
  readonly positions: readonly Position[]
}

export interface Prepared {
  readonly amount: Dec
  readonly currency: string
  readonly decimals: number
  /** Invoices in payment order: oldest due first, then by id; positions in priority order. */
  readonly invoices: readonly Invoice[]
}

export function decimalsOf(code: string, options: AllocationOptions): number {
  return currencyDecimals(code, options.currencies ?? [], options.decimals ?? 2)
}

/** Parses an amount that must be ≥ 0 and carry no more decimals than its currency. */
export function parseAmount(value: unknown, field: string, decimals: number): Result<Dec, SalesError> {
  const p = parseDecimal(value, field)
  if (!p.ok) return p
  if (p.value.decimalPlaces() > decimals) return err({ code: 'INVALID_NUMBER', field, value })
  if (p.value.isNegative() && !p.value.isZero()) {
    return err({ code: 'NEGATIVE_AMOUNT', field, value: p.value.toFixed() })
  }
  return ok(p.value)
}

/** Numeric ids compare as numbers ('9' before '10'), anything else as strings. */
export function compareIds(a: string, b: string): number {
  const na = /^\d+$/.test(a)
  const nb = /^\d+$/.test(b)
  if (na && nb && a.length !== b.length) return a.length - b.length
  return a < b ? -1 : a > b ? 1 : 0
}

/** Validates and orders the receipt and invoices; the order makes allocation independent of input order. */
export function prepare(
  receipt: Receipt,
  openInvoices: readonly OpenInvoice[],
  options: AllocationOptions,
): Result<Prepared, SalesError> {
  receipt = ownData(receipt)
  openInvoices = ownData(openInvoices)
  const shape = checkShape(receipt, openInvoices, options)
  if (shape) return err(shape)
  const date = parseIsoDate(receipt.date, 'receipt.date')
  if (!date.ok) return date
  const decimals = decimalsOf(receipt.currency, options)
  const amount = parseAmount(receipt.amount, 'receipt.amount', decimals)
  if (!amount.ok) return amount
  const priority: unknown = options.positionPriority ?? []
  if (!Array.isArray(priority)) return err({ code: 'INVALID_INPUT', field: 'positionPriority', value: priority })
  const rank = (kind: string | undefined) => {
    const i = kind === undefined ? -1 : priority.indexOf(kind)
    return i < 0 ? priority.length : i
  }

  const seen = new Set<string>()
  const invoices: Invoice[] = []
  for (const inv of openInvoices) {
    if (seen.has(inv.invoiceId)) return err({ code: 'DUPLICATE_ID', field: 'invoiceId', id: inv.invoiceId })
    seen.add(inv.invoiceId)
    let dueDate = date.value
    if (inv.dueDate !== null) {
      const due = parseIsoDate(inv.dueDate, `invoice ${inv.invoiceId} dueDate`)
      if (!due.ok) return due
      dueDate = due.value
    }
    const invDecimals = decimalsOf(inv.currency, options)
    const positionIds = new Set<string>()
    const positions: (Position & { index: number })[] = []
    for (const [index, pos] of inv.positions.entries()) {
      if (positionIds.has(pos.positionId)) return err({ code: 'DUPLICATE_ID', field: 'positionId', id: pos.positionId })
      positionIds.add(pos.positionId)
      const total = parseAmount(pos.amount, `position ${pos.positionId} amount`, invDecimals)
      if (!total.ok) return total
      const paid = parseAmount(pos.paid, `position ${pos.positionId} paid`, invDecimals)
      if (!paid.ok) return paid
      if (paid.value.gt(total.value)) {
        return err({ code: 'PAID_EXCEEDS_AMOUNT', invoiceId: inv.invoiceId, positionId: pos.positionId })
      }
      positions.push({ positionId: pos.positionId, outstanding: total.value.minus(paid.value), kind: pos.kind, index })
    }
    positions.sort((a, b) => rank(a.kind) - rank(b.kind) || a.index - b.index)
    invoices.push({ invoiceId: inv.invoiceId, dueDate, currency: inv.currency, decimals: invDecimals, positions })
  }
  invoices.sort((a, b) =>
    a.dueDate < b.dueDate ? -1 : a.dueDate > b.dueDate ? 1 : compareIds(a.invoiceId, b.invoiceId),
  )
  return ok({ amount: amount.value, currency: receipt.currency, decimals, invoices })
}

/** The first part of the input that is not the record or list it must be (INVALID_INPUT), if any. */
function checkShape(receipt: unknown, invoices: unknown, options: unknown): SalesError | undefined {
  const bad = (field: string, value: unknown): SalesError => ({ code: 'INVALID_INPUT', field, value })
  if (!isRecord(receipt)) return bad('receipt', receipt)
  if (typeof receipt.currency !== 'string') return bad('receipt.currency', receipt.currency)
  if (!isRecord(options)) return bad('options', options)
  return invoicesProblem(invoices)
}

/** The first invoice or position that is not a record with string ids and a positions list, if any. */
export function invoicesProblem(invoices: unknown): SalesError | undefined {
  const bad = (field: string, value: unknown): SalesError => ({ code: 'INVALID_INPUT', field, value })
  if (!Array.isArray(invoices)) return bad('openInvoices', invoices)
  for (const [i, inv] of invoices.entries()) {
    if (!isRecord(inv)) return bad(`openInvoices[${i}]`, inv)
    for (const field of ['invoiceId', 'currency'] as const) {
      if (typeof inv[field] !== 'string') return bad(`openInvoices[${i}].${field}`, inv[field])
    }
    if (inv.dueDate !== null && typeof inv.dueDate !== 'string') return bad(`openInvoices[${i}].dueDate`, inv.dueDate)
    if (!Array.isArray(inv.positions)) return bad(`openInvoices[${i}].positions`, inv.positions)
    for (const [j, pos] of inv.positions.entries()) {
      const valid = isRecord(pos) && typeof pos.positionId === 'string'
      if (!valid || (pos.kind !== undefined && typeof pos.kind !== 'string')) {
        return bad(`openInvoices[${i}].positions[${j}]`, pos)
      }
    }
  }
  return undefined
}

/** Converts between the receipt and an invoice currency at the given table's rates (identity for one currency). */
export function convert(
  amount: Dec,
  from: string,
  to: string,
  decimals: number,
  options: AllocationOptions,
): Result<Dec, SalesError> {
  if (from === to) return ok(amount)
  const r = convertMoney(amount, from, to, options.currencies ?? [])
  return r.ok ? ok(new D(r.value).toDecimalPlaces(decimals)) : r
}

/**
 * What paying `amount` (receipt currency) credits to `pos`, whose whole outstanding costs `cost` in the
 * receipt currency: all of it when the amount covers the cost, else the amount converted back, capped.
 */
export function creditFor(
  amount: Dec,
  cost: Dec,
  pos: Position,
  inv: Invoice,
  receiptCurrency: string,
  options: AllocationOptions,
): Result<Dec, SalesError> {
  if (!amount.lt(cost)) return ok(pos.outstanding)
  const converted = convert(amount, receiptCurrency, inv.currency, inv.decimals, options)
  return converted.ok ? ok(D.min(converted.value, pos.outstanding)) : converted
}
