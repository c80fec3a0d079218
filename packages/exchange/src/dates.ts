const DAYS_IN_MONTH = [31, 28, 31, 30, 31, 30, 31, 31, 30, 31, 30, 31]

function isCalendarDate(year: number, month: number, day: number): boolean {
  if (!Number.isInteger(year) || year < 1900 || year > 2999) return false
  if (!Number.isInteger(month) || month < 1 || month > 12) return false
  const leap = month === 2 && year % 4 === 0 && (year % 100 !== 0 || year % 400 === 0)
  return Number.isInteger(day) && day >= 1 && day <= DAYS_IN_MONTH[month - 1]! + (leap ? 1 : 0)
}

/** yyyy-mm-dd for a real calendar date, else null (31.02 and 00.01 are not dates). */
export function isoDate(year: number, month: number, day: number): string | null {
  if (!isCalendarDate(year, month, day)) return null
  return `${year}-${String(month).padStart(2, '0')}-${String(day).padStart(2, '0')}`
}

/** The number written by the ASCII digits value[start, end), or -1 if anything else is there. */
function digitsAt(value: string, start: number, end: number): number {
  let n = 0
  for (let i = start; i < end; i++) {
    const d = value.charCodeAt(i) - 48
    if (d < 0 || d > 9) return -1
    n = n * 10 + d
  }
  return n
}

/** The format's dd.mm.yyyy as ISO, or null. */
export function parseRuDate(value: string): string | null {
  if (value.length !== 10 || value.charCodeAt(2) !== 46 || value.charCodeAt(5) !== 46) return null
  const ok = isCalendarDate(digitsAt(value, 6, 10), digitsAt(value, 3, 5), digitsAt(value, 0, 2))
  // dd, mm and yyyy are already two, two and four digits: the ISO date is the same digits in another order.
  return ok ? `${value.slice(6)}-${value.slice(3, 5)}-${value.slice(0, 2)}` : null
}

/** hh:mm:ss, or null. */
export function parseTime(value: string): string | null {
  const m = /^(\d{2}):(\d{2}):(\d{2})$/.exec(value)
  return m && Number(m[1]) < 24 && Number(m[2]) < 60 && Number(m[3]) < 60 ? value : null
}

export function toRuDate(iso: string): string {
  return `${iso.slice(8, 10)}.${iso.slice(5, 7)}.${iso.slice(0, 4)}`
}
