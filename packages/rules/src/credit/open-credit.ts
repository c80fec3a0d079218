import { D, MAX_AMOUNT, parseDecimal, withinAmountLimit, type Dec, type NumericInput } from '../decimal'
import { isOneOf, isRecord, ownData } from '../input'
import { convertMoney, currencyDecimals, type PortalCurrency } from '../fx/convert-money'
import { err, ok, type Result } from '../result'
import type { SalesError } from '../sales-errors'
import type { Actor, Role } from '../access/roles'

/**
 * A document that moves a company's exposure: an issued invoice (adds), a receipt (subtracts) or a signed
 * order not yet invoiced (adds: ERPNext counts unbilled sales orders too, Odoo "credit to invoice").
 * Cancelled invoices are the caller's to leave out.
 */
export interface CreditDocument {
  readonly companyId: string
  readonly kind: 'invoice' | 'receipt' | 'unbilledOrder'
  readonly amount: NumericInput
  readonly currency: string
}

export interface OpenCredit {
  readonly companyId: string
  readonly currency: string
  readonly invoiced: string
  readonly received: string
  readonly unbilled: string
  /** invoiced − received + unbilled; negative when the company has paid in advance. */
  readonly open: string
}

/**
 * Open credit per company in `currency`: each document converted with `convertMoney` at the table's rates
 * (rounded per document, as the portal would show it), then summed. Companies come out sorted by id.
 * Errors: INVALID_INPUT, INVALID_ENUM (an unknown `kind`), INVALID_NUMBER, NEGATIVE_AMOUNT, OUT_OF_RANGE (beyond
 * `MAX_AMOUNT`, per document or in a total), UNKNOWN_CURRENCY, NO_BASE_CURRENCY, INVALID_RATE.
 */
export function openCreditByCompany(
  documents: readonly CreditDocument[],
  currency: string,
  currencies: readonly PortalCurrency[],
): Result<OpenCredit[], SalesError> {
  if (!Array.isArray(documents)) return err({ code: 'INVALID_INPUT', field: 'documents', value: documents })
  if (!Array.isArray(currencies)) return err({ code: 'INVALID_INPUT', field: 'currencies', value: currencies })
  documents = ownData(documents)
  currencies = ownData(currencies)
  const decimals = currencyDecimals(currency, currencies)
  const totals = new Map<string, { invoice: Dec; receipt: Dec; unbilledOrder: Dec }>()
  for (const [i, doc] of documents.entries()) {
    if (!isRecord(doc)) return err({ code: 'INVALID_INPUT', field: `documents[${i}]`, value: doc })
    if (!isOneOf(doc.kind, KINDS)) {
      return err({ code: 'INVALID_ENUM', field: `documents[${i}].kind`, value: doc.kind, allowed: KINDS })
    }
    if (typeof doc.companyId !== 'string') {
      return err({ code: 'INVALID_INPUT', field: `documents[${i}].companyId`, value: doc.companyId })
    }
    const a = parseDecimal(doc.amount, `documents[${i}].amount`)
    if (!a.ok) return a
    if (a.value.isNegative())
      return err({ code: 'NEGATIVE_AMOUNT', field: `documents[${i}].amount`, value: a.value.toFixed() })
    const converted = convertMoney(a.value, doc.currency, currency, currencies)
    if (!converted.ok) return converted
    const t = totals.get(doc.companyId) ?? { invoice: new D(0), receipt: new D(0), unbilledOrder: new D(0) }
    t[doc.kind] = t[doc.kind].plus(converted.value)
    totals.set(doc.companyId, t)
  }
  for (const [companyId, t] of totals) {
    const open = t.invoice.minus(t.receipt).plus(t.unbilledOrder)
    for (const [field, value] of Object.entries({ ...t, open })) {
      if (!withinAmountLimit(value)) {
        return err({ code: 'OUT_OF_RANGE', field: `${companyId}.${field}`, value: value.toFixed(), max: MAX_AMOUNT })
      }
    }
  }
  return ok(
    [...totals.entries()]
      .sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0))
      .map(([companyId, t]) => ({
        companyId,
        currency,
        invoiced: t.invoice.toFixed(decimals),
        received: t.receipt.toFixed(decimals),
        unbilled: t.unbilledOrder.toFixed(decimals),
        open: t.invoice.minus(t.receipt).plus(t.unbilledOrder).toFixed(decimals),
      })),
  )
}

const KINDS: readonly CreditDocument['kind'][] = ['invoice', 'receipt', 'unbilledOrder']
const MODES: readonly CreditLimit['mode'][] = ['warn', 'block']

/** A company's credit limit: `warn` lets the sale through with a banner (Odoo), `block` stops it (ERPNext). */
export interface CreditLimit {
  readonly amount: NumericInput
  readonly currency: string
  readonly mode: 'warn' | 'block'
  /** Roles that may push a blocked sale through (ERPNext's credit controller). */
  readonly overrideRoles: readonly Role[]
}

export type CreditDecision =
  | { readonly decision: 'within'; readonly after: string; readonly limit: string }
  | {
      readonly decision: 'warn' | 'block' | 'overridden'
      readonly after: string
      readonly limit: string
      readonly excess: string
    }

/**
 * Checks a new invoice or order of `amount` (in the limit's currency) against the limit, given the company's
 * current `open` credit in that currency. Within the limit when open + amount ≤ limit. Over it: `warn` mode
 * warns; `block` mode blocks unless `actor` holds an override role, which gives `overridden` (to be logged).
 * The amount and the limit must be ≥ 0 (NEGATIVE_AMOUNT); a missing `overrideRoles` means nobody may override.
 * Errors: INVALID_INPUT, INVALID_NUMBER, NEGATIVE_AMOUNT, OUT_OF_RANGE (beyond `MAX_AMOUNT`), INVALID_ENUM (mode),
 * CURRENCY_MISMATCH (open credit in another currency than the limit).
 */
export function checkCreditLimit(
  open: OpenCredit,
  amount: NumericInput,
  limit: CreditLimit,
  actor: Actor,
): Result<CreditDecision, SalesError> {
  if (!isRecord(open)) return err({ code: 'INVALID_INPUT', field: 'open', value: open })
  if (!isRecord(limit)) return err({ code: 'INVALID_INPUT', field: 'limit', value: limit })
  open = ownData(open)
  limit = ownData(limit)
  if (open.currency !== limit.currency) {
    return err({ code: 'CURRENCY_MISMATCH', expected: String(limit.currency), actual: String(open.currency) })
  }
  if (!isOneOf(limit.mode, MODES)) {
    return err({ code: 'INVALID_ENUM', field: 'limit.mode', value: limit.mode, allowed: MODES })
  }
  const o = parseDecimal(open.open, 'open')
  if (!o.ok) return o
  const a = nonNegative(amount, 'amount')
  if (!a.ok) return a
  const l = nonNegative(limit.amount, 'limit.amount')
  if (!l.ok) return l
  const decimals = Math.min(Math.max(o.value.decimalPlaces(), 2), 8)
  const after = o.value.plus(a.value)
  if (!withinAmountLimit(after))
    return err({ code: 'OUT_OF_RANGE', field: 'after', value: after.toFixed(), max: MAX_AMOUNT })
  const fmt = (d: Dec) => d.toFixed(decimals)
  if (after.lte(l.value)) return ok({ decision: 'within', after: fmt(after), limit: fmt(l.value) })
  const excess = fmt(after.minus(l.value))
  if (limit.mode === 'warn') return ok({ decision: 'warn', after: fmt(after), limit: fmt(l.value), excess })
  const roles: unknown = limit.overrideRoles
  const may = actor !== 'system' && Array.isArray(roles) && roles.includes(actor)
  return ok({ decision: may ? 'overridden' : 'block', after: fmt(after), limit: fmt(l.value), excess })
}

function nonNegative(value: unknown, field: string): Result<Dec, SalesError> {
  const p = parseDecimal(value, field)
  if (!p.ok) return p
  return p.value.isNegative() && !p.value.isZero()
    ? err({ code: 'NEGATIVE_AMOUNT', field, value: p.value.toFixed() })
    : p
}
