import type { Lang, LocalText, OfferCurrency, OfferTotals, SellerRequisites } from '../model/offer'
import { formatAmount, formatMoney, formatPercent } from '../format/format-values'
import type { OfferLabels } from './labels'

/** The labels both documents share (requisites, VAT lines). */
type CommonLabels = Pick<
  OfferLabels,
  | 'inn'
  | 'kpp'
  | 'ogrn'
  | 'address'
  | 'bank'
  | 'bik'
  | 'account'
  | 'correspondentAccount'
  | 'phone'
  | 'email'
  | 'withoutVat'
  | 'vat'
  | 'vatNone'
  | 'total'
>

export const present = (parts: readonly (string | false | undefined)[]): string[] =>
  parts.filter((p): p is string => typeof p === 'string' && p.trim() !== '')

/** A settings text in the document's language; a plain string prints as given. */
export const localText = (text: LocalText, lang: Lang): string => (typeof text === 'string' ? text : text[lang])

/** Rates keep the digits the source gave, at least two: '92.5000' → '92,5000', '12.5' → '12,50'. */
export const formatRate = (rate: string, lang: Lang): string =>
  formatAmount(rate, Math.max(2, rate.split('.')[1]?.length ?? 0), lang)

/**
 * Units as the Russian catalog abbreviates them, worded for an English document. A unit this list does not
 * know is the catalog's own text and prints as it is.
 */
const UNITS_EN: Readonly<Record<string, string>> = {
  шт: 'pcs',
  м: 'm',
  м2: 'm²',
  'м²': 'm²',
  м3: 'm³',
  'м³': 'm³',
  пм: 'lin. m',
  'п.м': 'lin. m',
  км: 'km',
  кг: 'kg',
  г: 'g',
  т: 't',
  л: 'l',
  компл: 'set',
  к: 'set',
  упак: 'pack',
  уп: 'pack',
  рул: 'roll',
  усл: 'service',
  ч: 'h',
  час: 'h',
  'чел.-ч': 'man-hour',
  мес: 'month',
  год: 'year',
}

export function unitLabel(unit: string, lang: Lang): string {
  if (lang === 'ru') return unit
  const key = unit.trim().toLowerCase().replace(/\.$/, '')
  return Object.hasOwn(UNITS_EN, key) ? UNITS_EN[key]! : unit
}

/** 'ИНН …, КПП …', 'ОГРН …', 'Адрес: …' for whichever of them a party has. */
export function requisiteLines(
  l: CommonLabels,
  p: { inn?: string; kpp?: string; ogrn?: string; address?: string },
): string[] {
  return present([
    p.inn && `${l.inn} ${p.inn}` + (p.kpp ? `, ${l.kpp} ${p.kpp}` : ''),
    p.ogrn && `${l.ogrn} ${p.ogrn}`,
    p.address && `${l.address}: ${p.address}`,
  ])
}

/** Our requisites, bank account and contacts. */
export function sellerLines(l: CommonLabels, seller: SellerRequisites): string[] {
  const b = seller.bank
  return [
    ...requisiteLines(l, seller),
    ...present([
      `${l.bank}: ${b.bankName}, ${l.bik} ${b.bik}`,
      `${l.account} ${b.account}, ${l.correspondentAccount} ${b.correspondentAccount}`,
      present([seller.phone && `${l.phone} ${seller.phone}`, seller.email && `${l.email} ${seller.email}`]).join(', '),
    ]),
  ]
}

/** Without VAT, VAT per rate, total. Rows without VAT add nothing; "без НДС" only when no row has VAT. */
export function totalLines(
  l: CommonLabels,
  totals: OfferTotals,
  cur: OfferCurrency,
  lang: Lang,
): { label: string; value: string }[] {
  const money = (v: string) => formatMoney(v, cur, lang)
  const taxed = totals.vat.filter((v) => v.rate !== null)
  const vatLines = taxed.length > 0 ? taxed : totals.vat.slice(0, 1)
  return [
    { label: l.withoutVat, value: money(totals.withoutVat) },
    ...vatLines.map((v) => ({
      label: v.rate === null ? l.vatNone : l.vat(formatPercent(v.rate, lang)),
      value: v.rate === null ? '—' : money(v.amount),
    })),
    { label: l.total, value: money(totals.total) },
  ]
}
