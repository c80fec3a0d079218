/**
 * Display formatting for decimal strings. Intl.NumberFormat formats a *string* exactly (no float on the way:
 * '1000000000000000.01' keeps its kopeck), so amounts from @salesflow/rules are passed through as strings.
 */
import type { Lang } from '@salesflow/rules'

export type { Lang }

const LOCALES: Record<Lang, string> = { ru: 'ru-RU', en: 'en-GB' }
const cache = new Map<string, Intl.NumberFormat>()

function numberFormat(lang: Lang, options: Intl.NumberFormatOptions): Intl.NumberFormat {
  const key = lang + JSON.stringify(options)
  let f = cache.get(key)
  if (!f) cache.set(key, (f = new Intl.NumberFormat(LOCALES[lang], options)))
  return f
}

// Intl's own typing only admits number | bigint; ES2023 engines take decimal strings exactly.
type ExactFormat = (value: string) => string
const exact = (f: Intl.NumberFormat): ExactFormat => f.format as unknown as ExactFormat

/** '1 234 567,89 ₽' (ru) or '₽1,234,567.89' (en). `decimals` is the currency's DECIMALS (amounts always keep 2). */
export function formatMoney(amount: string, currency: string, lang: Lang, decimals = 2): string {
  return exact(
    numberFormat(lang, {
      style: 'currency',
      currency,
      currencyDisplay: 'narrowSymbol',
      minimumFractionDigits: decimals,
      maximumFractionDigits: Math.max(decimals, 2),
    }),
  )(amount)
}

/** A percentage as a number of the user's language, without trailing zeros: '0', '12,5' (ru), '12.5' (en). */
export function formatPercent(value: string, lang: Lang): string {
  return exact(numberFormat(lang, { maximumFractionDigits: 2 }))(value)
}

/** The currency's sign as the portal's language writes it ('₽', '$', '¥'), for documents that print their own. */
export function currencySymbol(code: string, lang: Lang): string {
  const parts = numberFormat(lang, {
    style: 'currency',
    currency: code,
    currencyDisplay: 'narrowSymbol',
  }).formatToParts(0)
  return parts.find((p) => p.type === 'currency')?.value ?? code
}

/**
 * An ISO date ('2026-11-25' or a timestamp with its offset, '2026-11-25T00:00:00+03:00') in the portal's language:
 * the calendar day as the portal wrote it. A timestamp is not converted to any zone (UTC or the browser's), so a
 * date-only value printed as local midnight never shows the day before.
 */
export function formatDate(iso: string, lang: Lang): string {
  const m = /^(\d{4})-(\d{2})-(\d{2})(?:$|T)/.exec(iso)
  if (!m) return iso
  const d = new Date(Date.UTC(Number(m[1]), Number(m[2]) - 1, Number(m[3])))
  if (Number.isNaN(d.getTime())) return iso
  return new Intl.DateTimeFormat(LOCALES[lang], {
    day: '2-digit',
    month: '2-digit',
    year: 'numeric',
    timeZone: 'UTC',
  }).format(d)
}

/** The portal sends LANG as 'ru', 'en', 'de', 'ua', …: we speak ru and en, and fall back to en. */
export function toLang(portalLang: string | undefined | null): Lang {
  return portalLang === 'ru' || portalLang === 'by' || portalLang === 'kz' ? 'ru' : 'en'
}
