import { D, parseDecimal, type Dec } from '../decimal'
import { err, ok, type Result } from '../result'
import type { PlanIssue, SalesError } from '../sales-errors'
import { isRecord, ownData } from '../input'
import {
  convert,
  creditFor,
  prepare,
  type Allocation,
  type AllocationOptions,
  type AllocationResult,
  type OpenInvoice,
  type Receipt,
} from './open-invoices'

/** A line an accountant typed: how much of the receipt (in its currency) goes to which position. */
export interface PlannedAllocation {
  readonly invoiceId: string
  readonly positionId: string
  readonly amount: string | number
}

/**
 * Validates a manual allocation plan with the same rules `allocateReceipt` follows: known invoices and
 * positions, one line per position, positive amounts with the receipt currency's decimals, no position paid
 * beyond its outstanding (converted to the receipt currency at the receipt-date rates), no more than the
 * receipt in total. Returns the plan in `allocateReceipt`'s shape (in plan order) or ALLOCATION_PLAN_INVALID
 * listing every issue, so the form can mark each bad line at once.
 */
export function validateAllocationPlan(
  receipt: Receipt,
  openInvoices: readonly OpenInvoice[],
  plan: readonly PlannedAllocation[],
  options: AllocationOptions = {},
): Result<AllocationResult, SalesError> {
  const prepared = prepare(receipt, openInvoices, options)
  if (!prepared.ok) return prepared
  if (!Array.isArray(plan)) return err({ code: 'INVALID_INPUT', field: 'plan', value: plan })
  plan = ownData(plan)
  const { currency, decimals, invoices } = prepared.value
  const issues: PlanIssue[] = []
  const used = new Set<string>()
  const allocations: Allocation[] = []
  let total: Dec = new D(0)

  for (const [line, p] of plan.entries()) {
    if (!isRecord(p) || typeof p.invoiceId !== 'string' || typeof p.positionId !== 'string') {
      return err({ code: 'INVALID_INPUT', field: `plan[${line}]`, value: p })
    }
    const inv = invoices.find((i) => i.invoiceId === p.invoiceId)
    if (!inv) {
      issues.push({ code: 'UNKNOWN_INVOICE', line, invoiceId: p.invoiceId })
      continue
    }
    const pos = inv.positions.find((x) => x.positionId === p.positionId)
    if (!pos) {
      issues.push({ code: 'UNKNOWN_POSITION', line, invoiceId: p.invoiceId, positionId: p.positionId })
      continue
    }
    const key = JSON.stringify([p.invoiceId, p.positionId])
    if (used.has(key)) {
      issues.push({ code: 'DUPLICATE_LINE', line, invoiceId: p.invoiceId, positionId: p.positionId })
      continue
    }
    used.add(key)
    const amount = parseDecimal(p.amount, 'amount')
    if (!amount.ok || amount.value.decimalPlaces() > decimals) {
      issues.push({ code: 'INVALID_AMOUNT', line, amount: p.amount })
      continue
    }
    if (!amount.value.isPositive() || amount.value.isZero()) {
      issues.push({ code: 'NON_POSITIVE_AMOUNT', line, amount: amount.value.toFixed() })
      continue
    }
    const cost = convert(pos.outstanding, inv.currency, currency, decimals, options)
    if (!cost.ok) return cost
    if (amount.value.gt(cost.value)) {
      issues.push({
        code: 'POSITION_OVERPAID',
        line,
        invoiceId: p.invoiceId,
        positionId: p.positionId,
        outstanding: cost.value.toFixed(decimals),
        amount: amount.value.toFixed(decimals),
      })
      continue
    }
    const credited = creditFor(amount.value, cost.value, pos, inv, currency, options)
    if (!credited.ok) return credited
    total = total.plus(amount.value)
    allocations.push({
      invoiceId: p.invoiceId,
      positionId: p.positionId,
      amount: amount.value.toFixed(decimals),
      invoiceAmount: credited.value.toFixed(inv.decimals),
      invoiceCurrency: inv.currency,
    })
  }
  if (total.gt(prepared.value.amount)) {
    issues.push({
      code: 'RECEIPT_EXCEEDED',
      allocated: total.toFixed(decimals),
      receipt: prepared.value.amount.toFixed(decimals),
    })
  }
  if (issues.length) return err({ code: 'ALLOCATION_PLAN_INVALID', issues })
  return ok({ allocations, unallocated: prepared.value.amount.minus(total).toFixed(decimals), currency })
}
