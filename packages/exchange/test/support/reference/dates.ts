/** yyyy-mm-dd for a real calendar date, else null (31.02 and 00.01 are not dates). */
export function isoDate(year: number, month: number, day: number): string | null {
  if (!Number.isInteger(year) || year < 1900 || year > 2999) return null
  if (!Number.isInteger(month) || month < 1 || month > 12) return null
  const days = [
    31,
    year % 4 === 0 && (year % 100 !== 0 || year % 400 === 0) ? 29 : 28,
    31,
    30,
    31,
    30,
    31,
    31,
    30,
    31,
    30,
    31,
  ]
  if (!Number.isInteger(day) || day < 1 || day > days[month - 1]!) return null
  return `${year}-${String(month).padStart(2, '0')}-${String(day).padStart(2, '0')}`
}

/** The format's dd.mm.yyyy as ISO, or null. */
export function parseRuDate(value: string): string | null {
  const m = /^(\d{2})\.(\d{2})\.(\d{4})$/.exec(value)
  return m ? isoDate(Number(m[3]), Number(m[2]), Number(m[1])) : null
}

/** hh:mm:ss, or null. */
export function parseTime(value: string): string | null {
  const m = /^(\d{2}):(\d{2}):(\d{2})$/.exec(value)
  return m && Number(m[1]) < 24 && Number(m[2]) < 60 && Number(m[3]) < 60 ? value : null
}

export function toRuDate(iso: string): string {
  return `${iso.slice(8, 10)}.${iso.slice(5, 7)}.${iso.slice(0, 4)}`
}
