import { D } from '../decimal'
import { err, ok, type Result } from '../result'
import type { SalesError } from '../sales-errors'
import {
  decimalsOf,
  invoicesProblem,
  parseAmount,
  type Allocation,
  type AllocationOptions,
  type OpenInvoice,
} from './open-invoices'
import { isOneOf, isRecord, ownData } from '../input'

/**
 * Books allocations onto the invoices (each position's `paid` grows by its `invoiceAmount`), or takes them
 * back (`reverse`), so a preview, the stored allocation records and an undo all use one rule. Positions are
 * never paid beyond their amount nor below zero. Returns new invoices; the input is not changed.
 * Errors: UNKNOWN_ALLOCATION, OVERPAYMENT (or a reversal below zero), INVALID_NUMBER, NEGATIVE_AMOUNT.
 */
export function applyAllocations(
  openInvoices: readonly OpenInvoice[],
  allocations: readonly Pick<Allocation, 'invoiceId' | 'positionId' | 'invoiceAmount'>[],
  direction: 'apply' | 'reverse' = 'apply',
  options: Pick<AllocationOptions, 'currencies' | 'decimals'> = {},
): Result<OpenInvoice[], SalesError> {
  openInvoices = ownData(openInvoices)
  const shape = invoicesProblem(openInvoices)
  if (shape) return err(shape)
  if (!isOneOf(direction, ['apply', 'reverse'] as const)) {
    return err({ code: 'INVALID_ENUM', field: 'direction', value: direction, allowed: ['apply', 'reverse'] })
  }
  if (!isRecord(options)) return err({ code: 'INVALID_INPUT', field: 'options', value: options })
  if (!Array.isArray(allocations) || !allocations.every((a) => isRecord(a))) {
    return err({ code: 'INVALID_INPUT', field: 'allocations', value: allocations })
  }
  // (TS infers `every(isRecord)` as a type guard; the records are still allocations to read.)
  allocations = ownData(
    allocations as unknown as readonly Pick<Allocation, 'invoiceId' | 'positionId' | 'invoiceAmount'>[],
  )
  // Every position is handed back: each must be readable, not only those the allocations touch.
  for (const inv of openInvoices) {
    const decimals = decimalsOf(inv.currency, options)
    for (const pos of inv.positions) {
      for (const field of ['amount', 'paid'] as const) {
        const v = parseAmount(pos[field], `position ${pos.positionId} ${field}`, decimals)
        if (!v.ok) return v
      }
    }
  }
  const paid = new Map<string, InstanceType<typeof D>>()
  const key = (i: string, p: string) => JSON.stringify([i, p])
  for (const a of allocations) {
    const inv = openInvoices.find((i) => i.invoiceId === a.invoiceId)
    const pos = inv?.positions.find((p) => p.positionId === a.positionId)
    if (!inv || !pos) {
      return err({ code: 'UNKNOWN_ALLOCATION', invoiceId: String(a.invoiceId), positionId: String(a.positionId) })
    }
    const decimals = decimalsOf(inv.currency, options)
    const amount = parseAmount(a.invoiceAmount, 'invoiceAmount', decimals)
    if (!amount.ok) return amount
    const total = parseAmount(pos.amount, `position ${pos.positionId} amount`, decimals)
    if (!total.ok) return total
    const k = key(a.invoiceId, a.positionId)
    let current = paid.get(k)
    if (!current) {
      const before = parseAmount(pos.paid, `position ${pos.positionId} paid`, decimals)
      if (!before.ok) return before
      current = before.value
    }
    const next = direction === 'apply' ? current.plus(amount.value) : current.minus(amount.value)
    if (next.gt(total.value) || next.isNegative()) {
      return err({ code: 'OVERPAYMENT', invoiceId: a.invoiceId, positionId: a.positionId })
    }
    paid.set(k, next)
  }
  return ok(
    openInvoices.map((inv) => ({
      ...inv,
      positions: inv.positions.map((p) => {
        const v = paid.get(key(inv.invoiceId, p.positionId))
        return v ? { ...p, paid: v.toFixed(decimalsOf(inv.currency, options)) } : p
      }),
    })),
  )
}
