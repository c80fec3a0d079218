import { D, parseDecimal, type Dec } from '../decimal'
import { err, ok, type Result } from '../result'
import type { RuleError } from '../errors'
import type { SalesError } from '../sales-errors'
import { own } from '../input'

/** What the portal holds of a product in a store (catalog.storeproduct.list `amount`). */
export interface HeldStock {
  readonly productId: number
  readonly storeId: number
  readonly amount: string
}

/** What the stock of a product in a store must be (the master-data system's figure). */
export interface TargetStock {
  readonly productId: number
  readonly storeId: number
  readonly quantity: string
}

/** One line of an inventory document: `amount` (> 0) of a product into or out of a store. */
export interface StockLine {
  readonly productId: number
  readonly storeId: number
  readonly amount: string
}

/**
 * The inventory documents that make the portal's stock equal the target: one arrival (the portal's `S`,
 * оприходование) with every increase, one deduct (`D`, списание) with every decrease; either may be empty.
 * Pairs the target does not name are left as they are; a pair already equal gets no line.
 */
export interface StockPlan {
  readonly arrival: readonly StockLine[]
  readonly deduct: readonly StockLine[]
}

const key = (productId: number, storeId: number) => `${productId}/${storeId}`

const isId = (v: unknown): v is number => Number.isSafeInteger(v) && (v as number) > 0

/** A row's product and store ids (own, positive integers), or the field that is not one. */
function pairOf(row: unknown, field: string): { productId: number; storeId: number } | RuleError {
  const productId = own(row, 'productId')
  const storeId = own(row, 'storeId')
  if (!isId(productId)) return { code: 'INVALID_INPUT', field: `${field}.productId`, value: productId }
  if (!isId(storeId)) return { code: 'INVALID_INPUT', field: `${field}.storeId`, value: storeId }
  return { productId, storeId }
}

/** Plans the documents; a target that is not a quantity ≥ 0, or names a pair twice, is refused whole. */
export function planStockDocuments(
  held: readonly HeldStock[],
  target: readonly TargetStock[],
): Result<StockPlan, RuleError | SalesError> {
  if (!Array.isArray(held)) return err({ code: 'INVALID_INPUT', field: 'held', value: held })
  if (!Array.isArray(target)) return err({ code: 'INVALID_INPUT', field: 'target', value: target })
  const have = new Map<string, Dec>()
  for (const [i, h] of (held as readonly unknown[]).entries()) {
    const at = pairOf(h, `held[${i}]`)
    if ('code' in at) return err(at)
    const amount = parseDecimal(own(h, 'amount'), `held[${i}].amount`)
    if (!amount.ok) return amount
    const k = key(at.productId, at.storeId)
    have.set(k, (have.get(k) ?? new D(0)).plus(amount.value))
  }
  const seen = new Set<string>()
  const arrival: StockLine[] = []
  const deduct: StockLine[] = []
  for (const [i, t] of (target as readonly unknown[]).entries()) {
    const at = pairOf(t, `target[${i}]`)
    if ('code' in at) return err(at)
    const field = `target[${i}].quantity`
    const quantity = parseDecimal(own(t, 'quantity'), field)
    if (!quantity.ok) return quantity
    if (quantity.value.isNegative()) return err({ code: 'OUT_OF_RANGE', field, value: own(t, 'quantity'), min: '0' })
    const k = key(at.productId, at.storeId)
    if (seen.has(k)) return err({ code: 'DUPLICATE_ID', field: `target[${i}]`, id: k })
    seen.add(k)
    const delta = quantity.value.minus(have.get(k) ?? 0)
    if (delta.isZero()) continue
    const line = { ...at, amount: delta.abs().toFixed() }
    if (delta.isPositive()) arrival.push(line)
    else deduct.push(line)
  }
  return ok({ arrival, deduct })
}
