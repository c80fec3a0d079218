import { D, parseDecimal, type Dec, type NumericInput } from '../decimal'
import { err, ok, type Result } from '../result'
import type { SalesError } from '../sales-errors'
import { addDays, addMonths, endOfMonth, parseIsoDate, type IsoDate } from '../dates/iso-date'
import { isOneOf, isRecord, ownData } from '../input'
import { phpRound } from '../money/rounding'

/** When an instalment falls due, counted from the invoice date: + months, then end of month (optional), + days. */
export interface DueRule {
  readonly months?: number
  readonly endOfMonth?: boolean
  readonly days?: number
  /** A short label for documents and the widget ('prepayment', 'balance', '2 of 3'). */
  readonly label?: string
}

/** One line of a payment-terms template (Odoo's shape): a percentage, a fixed amount, or the balance. */
export type TermLine =
  | (DueRule & { readonly kind: 'percent'; readonly percent: NumericInput })
  | (DueRule & { readonly kind: 'fixed'; readonly amount: NumericInput })
  | (DueRule & { readonly kind: 'balance' })

export interface PaymentTerms {
  readonly code: string
  readonly lines: readonly TermLine[]
}

export interface Instalment {
  readonly index: number
  readonly label: string
  readonly dueDate: IsoDate
  /** Decimal string with the currency's decimals. */
  readonly amount: string
}

/**
 * The demo company's terms (UF_CRM_SF_PAY_TERMS). Configuration, not logic: a portal may ship its own.
 * Exactly one `balance` line, always last, takes whatever the other lines leave, so rounding never leaves
 * a kopeck unbilled.
 */
export const DEFAULT_PAYMENT_TERMS: readonly PaymentTerms[] = [
  { code: 'prepay100', lines: [{ kind: 'balance', days: 5, label: 'prepayment' }] },
  {
    code: 'prepay50',
    lines: [
      { kind: 'percent', percent: 50, days: 5, label: 'prepayment' },
      { kind: 'balance', days: 30, label: 'balance' },
    ],
  },
  { code: 'net30', lines: [{ kind: 'balance', days: 30, label: 'net' }] },
  {
    code: 'instalments3',
    lines: [
      { kind: 'percent', percent: '33.33', days: 5, label: '1/3' },
      { kind: 'percent', percent: '33.33', months: 1, days: 5, label: '2/3' },
      { kind: 'balance', months: 2, days: 5, label: '3/3' },
    ],
  },
]

/** Looks a terms code up in a table (the default one unless given): UNKNOWN_PAYMENT_TERMS otherwise. */
export function findPaymentTerms(
  code: string,
  table: readonly PaymentTerms[] = DEFAULT_PAYMENT_TERMS,
): Result<PaymentTerms, SalesError> {
  if (!Array.isArray(table)) return err({ code: 'INVALID_INPUT', field: 'table', value: table })
  const t = table.find((x) => isRecord(x) && Object.prototype.hasOwnProperty.call(x, 'code') && x.code === code)
  if (!t) return err({ code: 'UNKNOWN_PAYMENT_TERMS', terms: String(code) })
  const terms = ownData(t)
  const problem = termsProblem(terms)
  if (problem) return err({ code: 'PAYMENT_TERMS_INVALID', problem })
  // The terms are handed back: their figures must be numbers (scheduleInstalments checks their ranges).
  for (const [i, line] of terms.lines.entries()) {
    const figure = line.kind === 'percent' ? line.percent : line.kind === 'fixed' ? line.amount : 0
    const parsed = parseDecimal(figure, `lines[${i}].${line.kind === 'fixed' ? 'amount' : 'percent'}`)
    if (!parsed.ok) return parsed
  }
  // Only what PaymentTerms says: a stray key in the settings (even an own '__proto__') is not handed on.
  return ok({ code: terms.code, lines: terms.lines.map(termLineOf) })
}

const KINDS = ['percent', 'fixed', 'balance'] as const
/** Whole months and days within a century: anything else is no due rule (and no valid date). */
const wholeWithin = (v: unknown, max: number) =>
  v === undefined || (Number.isSafeInteger(v) && Math.abs(v as number) <= max)

/** What is wrong with the shape of a terms record (a settings JSON), if anything. */
function termsProblem(terms: unknown): string | undefined {
  if (!isRecord(terms) || !Array.isArray(terms.lines)) return 'terms need a list of lines'
  for (const [i, line] of terms.lines.entries()) {
    if (!isRecord(line) || !isOneOf(line.kind, KINDS)) return `lines[${i}].kind must be one of ${KINDS.join(', ')}`
    if (!wholeWithin(line.months, 1200) || !wholeWithin(line.days, 36500)) {
      return `lines[${i}]: months and days must be whole numbers`
    }
    if (line.endOfMonth !== undefined && typeof line.endOfMonth !== 'boolean') return `lines[${i}].endOfMonth`
    if (line.label !== undefined && typeof line.label !== 'string') return `lines[${i}].label`
  }
  return undefined
}

/** The due date of one line for an invoice dated `date`. */
export function dueDateOf(date: IsoDate, rule: DueRule): IsoDate {
  let d = addMonths(date, rule.months ?? 0)
  if (rule.endOfMonth) d = endOfMonth(d)
  return addDays(d, rule.days ?? 0)
}

/**
 * Splits `total` into instalments by `terms`. Percent lines are rounded half away from zero to `decimals`;
 * fixed lines are taken as they are; the single `balance` line (required, last) absorbs the difference, so
 * Σ instalments = total exactly.
 *
 * Errors: INVALID_NUMBER, NEGATIVE_AMOUNT, INVALID_DATE, PAYMENT_TERMS_INVALID (no or several balance lines,
 * balance not last, a percent outside 0–100, percents over 100, fixed lines over the total).
 */
export function scheduleInstalments(
  total: NumericInput,
  decimals: number,
  terms: PaymentTerms,
  invoiceDate: IsoDate,
): Result<Instalment[], SalesError> {
  const date = parseIsoDate(invoiceDate, 'invoiceDate')
  if (!date.ok) return date
  if (!Number.isInteger(decimals) || decimals < 0 || decimals > 8) {
    return err({ code: 'INVALID_DECIMALS', currency: '', value: decimals })
  }
  terms = ownData(terms)
  const problem = termsProblem(terms)
  if (problem) return err({ code: 'PAYMENT_TERMS_INVALID', problem })
  const t = parseDecimal(total, 'total')
  if (!t.ok) return t
  if (t.value.isNegative()) return err({ code: 'NEGATIVE_AMOUNT', field: 'total', value: t.value.toFixed() })
  const amount = phpRound(t.value, decimals)

  const balances = terms.lines.filter((l) => l.kind === 'balance').length
  if (balances !== 1 || terms.lines[terms.lines.length - 1]?.kind !== 'balance') {
    return err({ code: 'PAYMENT_TERMS_INVALID', problem: 'exactly one balance line, and it must be the last' })
  }
  let percentSum: Dec = new D(0)
  let allocated: Dec = new D(0)
  const out: Instalment[] = []
  for (const [index, line] of terms.lines.entries()) {
    let part: Dec
    if (line.kind === 'percent') {
      const p = parseDecimal(line.percent, `lines[${index}].percent`)
      if (!p.ok) return p
      if (p.value.lte(0) || p.value.gt(100)) {
        return err({ code: 'PAYMENT_TERMS_INVALID', problem: `lines[${index}].percent must be in (0, 100]` })
      }
      percentSum = percentSum.plus(p.value)
      part = phpRound(amount.times(p.value).div(100), decimals)
    } else if (line.kind === 'fixed') {
      const f = parseDecimal(line.amount, `lines[${index}].amount`)
      if (!f.ok) return f
      if (f.value.lte(0)) return err({ code: 'PAYMENT_TERMS_INVALID', problem: `lines[${index}].amount must be > 0` })
      part = phpRound(f.value, decimals)
    } else {
      part = amount.minus(allocated)
    }
    if (percentSum.gt(100)) return err({ code: 'PAYMENT_TERMS_INVALID', problem: 'percent lines exceed 100 %' })
    allocated = allocated.plus(part)
    if (allocated.gt(amount)) return err({ code: 'PAYMENT_TERMS_INVALID', problem: 'the lines exceed the total' })
    out.push({
      index,
      label: line.label ?? `${index + 1}/${terms.lines.length}`,
      dueDate: dueDateOf(date.value, line),
      amount: part.toFixed(decimals),
    })
  }
  return ok(out)
}

/** A term line with only the keys TermLine has. */
function termLineOf(line: TermLine): TermLine {
  const due = {
    ...(line.days === undefined ? {} : { days: line.days }),
    ...(line.months === undefined ? {} : { months: line.months }),
    ...(line.endOfMonth === undefined ? {} : { endOfMonth: line.endOfMonth }),
    ...(line.label === undefined ? {} : { label: line.label }),
  }
  if (line.kind === 'percent') return { ...due, kind: 'percent', percent: line.percent }
  if (line.kind === 'fixed') return { ...due, kind: 'fixed', amount: line.amount }
  return { ...due, kind: 'balance' }
}
