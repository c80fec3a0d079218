import { D, parseDecimal, type Dec } from '../decimal'
import { err, ok, type Result } from '../result'
import type { SalesError } from '../sales-errors'
import { isRecord, ownData } from '../input'
import { computeProductRows, type ProductRowInput } from '../pricing/product-rows'
import type { Allocation } from './open-invoices'

/**
 * Bitrix24 keeps what a payment covers as product rows with quantities (crm.item.payment.product.*): the payment's
 * SUM is those rows totalled at the paid quantities. So paid money per position is a quantity here, and every
 * amount below comes from the portal's own row arithmetic at that quantity: our marks and the portal's agree.
 */

/** A stored invoice row (the portal's fields) with its id. */
export interface InvoiceRowFacts extends ProductRowInput {
  readonly id: number
  readonly quantity: string
}

/** Units of a row that a paid payment covers (crm.item.payment.product.list of a paid payment). */
export interface PaidUnits {
  readonly rowId: number
  readonly quantity: string
}

export interface InvoicePosition {
  readonly rowId: number
  readonly quantity: string
  /** The row's total (with VAT) as the portal counts it. */
  readonly amount: string
  readonly tax: string
  readonly taxRate: string | null
  readonly price: string
  readonly paidQuantity: string
  readonly paid: string
  readonly outstanding: string
}

/** Quantities of payment products carry 4 decimals, as the portal stores them (DECIMAL(18,4)). */
export const PAYMENT_QUANTITY_DECIMALS = 4

const rowSum = (row: InvoiceRowFacts, quantity: Dec): Result<Dec, SalesError> => {
  const c = computeProductRows([{ ...row, quantity: quantity.toFixed() }]).rows[0]
  if (!c) return err({ code: 'INVALID_INPUT', field: `row ${row.id}`, value: row })
  return c.ok ? ok(new D(c.value.sum)) : c
}

const isId = (v: unknown): boolean => Number.isSafeInteger(v) && (v as number) > 0

function shapeProblem(rows: unknown, units: unknown): SalesError | null {
  if (!Array.isArray(rows) || !rows.every((r) => isRecord(r) && isId(r.id)))
    return { code: 'INVALID_INPUT', field: 'rows', value: rows }
  if (!Array.isArray(units) || !units.every((u) => isRecord(u) && isId(u.rowId)))
    return { code: 'INVALID_INPUT', field: 'paidUnits', value: units }
  return null
}

/**
 * Every row with what is paid on it: the sum of the row at each paid payment's quantity (as the portal sums a
 * payment), capped at the row's total. Errors: the row's own (INVALID_NUMBER…) or INVALID_INPUT.
 */
export function invoicePositions(
  rows: readonly InvoiceRowFacts[],
  paidUnits: readonly PaidUnits[],
): Result<InvoicePosition[], SalesError> {
  rows = ownData(rows)
  paidUnits = ownData(paidUnits)
  const bad = shapeProblem(rows, paidUnits)
  if (bad) return err(bad)
  const computed = computeProductRows(rows)
  const out: InvoicePosition[] = []
  for (const [i, row] of rows.entries()) {
    const c = computed.rows[i]
    if (!c?.ok) return c ?? err({ code: 'INVALID_INPUT', field: `rows[${i}]`, value: row })
    const amount = new D(c.value.sum)
    let paid = new D(0)
    let paidQuantity = new D(0)
    for (const u of paidUnits) {
      if (u.rowId !== row.id) continue
      const q = parseDecimal(u.quantity, 'quantity')
      if (!q.ok) return q
      const s = rowSum(row, q.value)
      if (!s.ok) return s
      paid = paid.plus(s.value)
      paidQuantity = paidQuantity.plus(q.value)
    }
    paid = D.min(paid, amount)
    out.push({
      rowId: row.id,
      quantity: c.value.quantity,
      amount: amount.toFixed(2),
      tax: c.value.tax,
      taxRate: c.value.taxRate,
      price: c.value.price,
      paidQuantity: paidQuantity.toFixed(),
      paid: paid.toFixed(2),
      outstanding: amount.minus(paid).toFixed(2),
    })
  }
  return ok(out)
}

/** One payment product to write: the units of a row, and the money the portal will count for them. */
export interface PaymentLine {
  readonly rowId: number
  readonly quantity: string
  /** The portal's sum of the row at `quantity`: what this line records, in the invoice currency. */
  readonly amount: string
  /** What the allocation gave the position (invoice currency); `amount` is at most this. */
  readonly allocated: string
}

export interface PaymentLines {
  readonly lines: readonly PaymentLine[]
  /** Σ amount: the payment's SUM as the portal will compute it. */
  readonly recorded: string
  /**
   * Allocated but not expressible in units of 0.0001 (a partial payment of an expensive row): stays with the
   * receipt, in the invoice currency, never silently dropped.
   */
  readonly residue: string
}

/**
 * Turns an allocation over positions (positionId = the row id) into payment products. A position paid in full
 * gets exactly its remaining units; a partial one the largest 0.0001-step quantity whose portal sum does not
 * exceed the money allocated. Errors: UNKNOWN_ALLOCATION, INVALID_NUMBER.
 */
export function paymentLines(
  rows: readonly InvoiceRowFacts[],
  positions: readonly InvoicePosition[],
  allocations: readonly Pick<Allocation, 'positionId' | 'invoiceAmount' | 'invoiceId'>[],
): Result<PaymentLines, SalesError> {
  // Only the rows the allocation touches are read (and copied): a preview over a long invoice stays linear and light.
  allocations = ownData(allocations)
  const bad = shapeProblem(rows, [])
  if (bad) return err(bad)
  if (!Array.isArray(positions) || !positions.every((p) => isRecord(p)))
    return err({ code: 'INVALID_INPUT', field: 'positions', value: positions })
  if (!Array.isArray(allocations) || !allocations.every((a) => isRecord(a)))
    return err({ code: 'INVALID_INPUT', field: 'allocations', value: allocations })
  const lines: PaymentLine[] = []
  let recorded = new D(0)
  let allocatedTotal = new D(0)
  const step = new D(1).div(10 ** PAYMENT_QUANTITY_DECIMALS)
  const rowById = new Map(rows.map((r) => [String(r.id), r]))
  const posById = new Map(positions.map((p) => [String(p.rowId), p]))
  for (const a of allocations) {
    const found = rowById.get(String(a.positionId))
    const row = found ? ownData(found) : undefined
    const pos = posById.get(String(a.positionId))
    if (!row || !pos)
      return err({ code: 'UNKNOWN_ALLOCATION', invoiceId: String(a.invoiceId), positionId: String(a.positionId) })
    const nums: Dec[] = []
    for (const [field, v] of [
      ['invoiceAmount', a.invoiceAmount],
      ['quantity', pos.quantity],
      ['paidQuantity', pos.paidQuantity],
      ['amount', pos.amount],
      ['outstanding', pos.outstanding],
    ] as const) {
      const n = parseDecimal(v, field)
      if (!n.ok) return n
      nums.push(n.value)
    }
    const [allocated, quantity, paidQuantity, amount, outstanding] = nums as [Dec, Dec, Dec, Dec, Dec]
    if (allocated.lte(0) || amount.lte(0)) continue
    allocatedTotal = allocatedTotal.plus(allocated)
    const units = D.max(quantity.minus(paidQuantity), 0)
    const full = allocated.gte(outstanding)
    let q = full
      ? units
      : D.min(allocated.div(amount).times(quantity).toDecimalPlaces(PAYMENT_QUANTITY_DECIMALS, D.ROUND_DOWN), units)
    let sum = rowSum(row, q)
    if (!sum.ok) return sum
    // The row's rounding can put a sum a kopeck above the money: a unit step less (a step is far below a kopeck's
    // worth of rounding, so a few at most).
    for (let k = 0; k < 3 && !full && q.gt(0) && sum.value.gt(allocated); k++) {
      q = q.minus(step)
      sum = rowSum(row, q)
      if (!sum.ok) return sum
    }
    if (!full && sum.value.gt(allocated)) q = new D(0)
    if (q.lte(0)) continue
    recorded = recorded.plus(sum.value)
    lines.push({
      rowId: row.id,
      quantity: q.toFixed(),
      amount: sum.value.toFixed(2),
      allocated: allocated.toFixed(2),
    })
  }
  return ok({ lines, recorded: recorded.toFixed(2), residue: D.max(allocatedTotal.minus(recorded), 0).toFixed(2) })
}

/**
 * The positions once `lines` are paid: each touched position gains the line's units and the portal's sum for
 * them (as `invoicePositions` would count the new payment), capped at the row; the rest are returned as they are.
 * Linear in positions + lines, so a preview over a long invoice does not recompute every row. Errors: INVALID_NUMBER.
 */
export function positionsAfterLines(
  positions: readonly InvoicePosition[],
  lines: readonly Pick<PaymentLine, 'rowId' | 'quantity' | 'amount'>[],
): Result<InvoicePosition[], SalesError> {
  if (!Array.isArray(positions) || !Array.isArray(lines))
    return err({ code: 'INVALID_INPUT', field: 'positions', value: positions })
  const byRow = new Map<number, { quantity: Dec; amount: Dec }>()
  for (const l of ownData(lines)) {
    if (!isRecord(l as unknown)) return err({ code: 'INVALID_INPUT', field: 'lines', value: l })
    const q = parseDecimal(l.quantity, 'quantity')
    if (!q.ok) return q
    const a = parseDecimal(l.amount, 'amount')
    if (!a.ok) return a
    const prev = byRow.get(l.rowId)
    byRow.set(l.rowId, { quantity: q.value.plus(prev?.quantity ?? 0), amount: a.value.plus(prev?.amount ?? 0) })
  }
  const out: InvoicePosition[] = []
  for (const p of positions) {
    if (!isRecord(p as unknown)) return err({ code: 'INVALID_INPUT', field: 'positions', value: p })
    const add = byRow.get(p.rowId)
    if (!add) {
      out.push(p)
      continue
    }
    const nums: Dec[] = []
    for (const [field, v] of [
      ['amount', p.amount],
      ['paid', p.paid],
      ['paidQuantity', p.paidQuantity],
    ] as const) {
      const n = parseDecimal(v, field)
      if (!n.ok) return n
      nums.push(n.value)
    }
    const [amount, paid, paidQuantity] = nums as [Dec, Dec, Dec]
    const nowPaid = D.min(paid.plus(add.amount), amount)
    out.push({
      ...ownData(p),
      paidQuantity: paidQuantity.plus(add.quantity).toFixed(),
      paid: nowPaid.toFixed(2),
      outstanding: amount.minus(nowPaid).toFixed(2),
    })
  }
  return ok(out)
}

/** What is paid over the positions and what the invoice (its stored total) still owes, never below zero. */
export function positionTotals(
  total: string,
  positions: readonly Pick<InvoicePosition, 'paid'>[],
): Result<{ readonly paid: string; readonly outstanding: string }, SalesError> {
  const t = parseDecimal(total, 'total')
  if (!t.ok) return t
  if (!Array.isArray(positions)) return err({ code: 'INVALID_INPUT', field: 'positions', value: positions })
  let paid = new D(0)
  for (const p of positions) {
    const v = parseDecimal(isRecord(p) ? p.paid : undefined, 'paid')
    if (!v.ok) return v
    paid = paid.plus(v.value)
  }
  return ok({ paid: paid.toFixed(2), outstanding: D.max(t.value.minus(paid), 0).toFixed(2) })
}
