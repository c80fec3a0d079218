import { D, parseDecimal, type Dec, type NumericInput } from '../decimal'
import { err, ok, type Result } from '../result'
import type { SalesError } from '../sales-errors'
import { daysBetween, parseIsoDate, type IsoDate } from '../dates/iso-date'
import type { Instalment } from './payment-terms'
import { isRecord, ownData } from '../input'

/**
 * Whether something due on `dueDate` with `outstanding` still owed is overdue on `today`: owed, and today is
 * later than the due date plus `graceDays`. Returns the days overdue (0 when not overdue).
 * Errors: INVALID_DATE, INVALID_NUMBER.
 */
export function overdueDays(
  dueDate: IsoDate | null,
  outstanding: NumericInput,
  today: IsoDate,
  graceDays = 0,
): Result<number, SalesError> {
  const t = parseIsoDate(today, 'today')
  if (!t.ok) return t
  const o = parseDecimal(outstanding, 'outstanding')
  if (!o.ok) return o
  if (dueDate === null) return ok(0)
  const d = parseIsoDate(dueDate, 'dueDate')
  if (!d.ok) return d
  const late = daysBetween(d.value, t.value)
  return ok(o.value.gt(0) && late > graceDays ? late : 0)
}

export interface InstalmentState extends Instalment {
  readonly paid: string
  readonly outstanding: string
  readonly overdueDays: number
}

/**
 * Applies what was paid to the schedule's instalments in due order and says which are overdue on `today`.
 * Money beyond the schedule's total stays unapplied. Errors: INVALID_DATE, INVALID_NUMBER, NEGATIVE_AMOUNT.
 */
export function instalmentStates(
  schedule: readonly Instalment[],
  paid: NumericInput,
  decimals: number,
  today: IsoDate,
  graceDays = 0,
): Result<InstalmentState[], SalesError> {
  const t = parseIsoDate(today, 'today')
  if (!t.ok) return t
  const p = parseDecimal(paid, 'paid')
  if (!p.ok) return p
  if (p.value.isNegative()) return err({ code: 'NEGATIVE_AMOUNT', field: 'paid', value: p.value.toFixed() })
  if (!Number.isInteger(decimals) || decimals < 0 || decimals > 8) {
    return err({ code: 'INVALID_DECIMALS', currency: '', value: decimals })
  }
  schedule = ownData(schedule)
  if (!Array.isArray(schedule)) return err({ code: 'INVALID_INPUT', field: 'schedule', value: schedule })
  for (const [i, inst] of schedule.entries()) {
    if (!isRecord(inst) || !Number.isSafeInteger(inst.index) || typeof inst.label !== 'string') {
      return err({ code: 'INVALID_INPUT', field: `schedule[${i}]`, value: inst })
    }
    const due = parseIsoDate(inst.dueDate, `schedule[${i}].dueDate`)
    if (!due.ok) return due
  }
  let left: Dec = p.value
  const ordered = [...schedule].sort((a, b) =>
    a.dueDate < b.dueDate ? -1 : a.dueDate > b.dueDate ? 1 : a.index - b.index,
  )
  const states = new Map<number, InstalmentState>()
  for (const inst of ordered) {
    const parsed = parseDecimal(inst.amount, `instalment ${inst.index} amount`)
    if (!parsed.ok) return parsed
    const amount = parsed.value
    const applied = D.min(amount, left)
    left = left.minus(applied)
    const outstanding = amount.minus(applied)
    const late = daysBetween(inst.dueDate, t.value)
    states.set(inst.index, {
      ...inst,
      paid: applied.toFixed(decimals),
      outstanding: outstanding.toFixed(decimals),
      overdueDays: outstanding.gt(0) && late > graceDays ? late : 0,
    })
  }
  return ok(schedule.map((i) => states.get(i.index)!))
}
