import { err, ok, type Result } from '../result'
import type { ProcessError } from '../sales-errors'

/** A calendar date as 'YYYY-MM-DD'. The package has no clock: callers pass `today` in this form. */
export type IsoDate = string

const ISO = /^(\d{4})-(\d{2})-(\d{2})$/
const DAY_MS = 86_400_000

/** Days since 1970-01-01 for a valid ISO date, or undefined (2026-02-30 is not a date). */
export function isoToDay(value: string): number | undefined {
  const m = ISO.exec(value)
  if (!m) return undefined
  const [y, mo, d] = [Number(m[1]), Number(m[2]), Number(m[3])]
  const t = Date.UTC(y, mo - 1, d)
  const back = new Date(t)
  if (back.getUTCFullYear() !== y || back.getUTCMonth() !== mo - 1 || back.getUTCDate() !== d) return undefined
  return t / DAY_MS
}

export function dayToIso(day: number): IsoDate {
  return new Date(day * DAY_MS).toISOString().slice(0, 10)
}

/** Validates an ISO date, naming the field on failure (INVALID_DATE). */
export function parseIsoDate(value: unknown, field: string): Result<IsoDate, ProcessError> {
  return typeof value === 'string' && isoToDay(value) !== undefined
    ? ok(value)
    : err({ code: 'INVALID_DATE', field, value })
}

/** `date` + `days` (may be negative). `date` must be valid. */
export function addDays(date: IsoDate, days: number): IsoDate {
  return dayToIso((isoToDay(date) ?? Number.NaN) + days)
}

/** `date` + `months`, clamping to the month's last day (Jan 31 + 1 month = Feb 28/29), as Odoo's terms do. */
export function addMonths(date: IsoDate, months: number): IsoDate {
  const [y, m, d] = date.split('-').map(Number) as [number, number, number]
  const total = y * 12 + (m - 1) + months
  const year = Math.floor(total / 12)
  const month = total - year * 12
  const last = new Date(Date.UTC(year, month + 1, 0)).getUTCDate()
  return dayToIso(Date.UTC(year, month, Math.min(d, last)) / DAY_MS)
}

/** The last day of `date`'s month. */
export function endOfMonth(date: IsoDate): IsoDate {
  const [y, m] = date.split('-').map(Number) as [number, number]
  return dayToIso(Date.UTC(y, m, 0) / DAY_MS)
}

/** Whole days from `a` to `b` (positive when `b` is later). */
export function daysBetween(a: IsoDate, b: IsoDate): number {
  return (isoToDay(b) ?? Number.NaN) - (isoToDay(a) ?? Number.NaN)
}

/** ISO dates compare correctly as strings; this names the intent. */
export const compareIsoDates = (a: IsoDate, b: IsoDate): number => (a < b ? -1 : a > b ? 1 : 0)
