/** The demo portal lives in Moscow: dates are ISO 8601 with +03:00, as Bitrix24 prints them. */
const OFFSET_MS = 3 * 3600 * 1000

/** `2026-05-14T10:26:32+03:00` for a clock value in ms. */
export function isoDateTime(ms: number): string {
  const d = new Date(ms + OFFSET_MS)
  return `${d.toISOString().slice(0, 19)}+03:00`
}

/** `2026-05-14` (the portal-local day) for a clock value in ms. */
export function isoDate(ms: number): string {
  return new Date(ms + OFFSET_MS).toISOString().slice(0, 10)
}

/** A date-only value as a datetime field shows it: midnight portal time. */
export function dateToDateTime(date: string): string {
  return `${date.slice(0, 10)}T00:00:00+03:00`
}
