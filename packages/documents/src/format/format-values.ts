import type { Lang, OfferCurrency, OfferDiscount } from '../model/offer'
import { splitDecimal, trimFraction } from './decimal-string'

/** No-break space: groups and the currency sign never wrap apart from the number. */
export const NBSP = '\u00a0'

function parts(value: string, decimals: number) {
  const p = splitDecimal(value, 'value', decimals)
  // Renderers validate the whole offer first (validateOffer), so a bad string here is a bug, not data.
  if (!p.ok) throw new TypeError(`format: ${JSON.stringify(value)} is not a decimal with ${decimals} places`)
  return p.value
}

function group(integer: string, separator: string): string {
  return integer.replace(/\B(?=(\d{3})+(?!\d))/g, separator)
}

/** '1234567.8' → '1 234 567,80' (ru, no-break spaces) or '1,234,567.80' (en). */
export function formatAmount(value: string, decimals: number, lang: Lang): string {
  const { negative, integer, fraction } = parts(value, decimals)
  const [thousands, point] = lang === 'ru' ? [NBSP, ','] : [',', '.']
  return `${negative ? '-' : ''}${group(integer, thousands)}${decimals > 0 ? point + fraction : ''}`
}

/** '1 234 567,89 ₽' in Russian documents, '₽1,234,567.89' in English ones. */
export function formatMoney(value: string, currency: OfferCurrency, lang: Lang): string {
  const amount = formatAmount(value, currency.decimals, lang)
  if (lang === 'ru') return `${amount}${NBSP}${currency.symbol}`
  return amount.startsWith('-') ? `-${currency.symbol}${amount.slice(1)}` : `${currency.symbol}${amount}`
}

/** Quantities and rates without trailing zeros: '2.0000' → '2', '1.2500' → '1,25' (ru). */
export function formatNumber(value: string, lang: Lang): string {
  const trimmed = trimFraction(value.trim())
  const decimals = trimmed.split('.')[1]?.length ?? 0
  return formatAmount(trimmed, decimals, lang)
}

export function formatPercent(value: string, lang: Lang): string {
  return lang === 'ru' ? `${formatNumber(value, lang)}${NBSP}%` : `${formatNumber(value, lang)}%`
}

/** Always as a percentage: an amount discount is stored without VAT while the document's prices include it. */
export function formatDiscount(discount: OfferDiscount, lang: Lang): string {
  return discount.kind === 'none' ? '—' : formatPercent(discount.rate, lang)
}

const MONTHS_EN = ['Jan', 'Feb', 'Mar', 'Apr', 'May', 'Jun', 'Jul', 'Aug', 'Sep', 'Oct', 'Nov', 'Dec']

/** '2026-11-25' → '25.11.2026' (ru) or '25 Nov 2026' (en). */
export function formatDate(iso: string, lang: Lang): string {
  const m = /^(\d{4})-(\d{2})-(\d{2})$/.exec(iso)
  if (!m) throw new TypeError(`formatDate: ${JSON.stringify(iso)} is not YYYY-MM-DD`)
  const [, y, mo, d] = m
  return lang === 'ru' ? `${d}.${mo}.${y}` : `${Number(d)} ${MONTHS_EN[Number(mo) - 1]} ${y}`
}
