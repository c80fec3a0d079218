import { err, ok, type Result } from '@salesflow/rules'
import type { DocumentError } from '../model/errors'
import type { CommercialOffer, Lang } from '../model/offer'
import { validateOffer } from '../model/validate-offer'
import {
  formatAmount,
  formatDate,
  formatDiscount,
  formatMoney,
  formatNumber,
  formatPercent,
} from '../format/format-values'
import { spellAmount } from '../words/spell-amount'
import { LABELS } from './labels'

export type ColumnKey =
  'position' | 'name' | 'quantity' | 'unit' | 'listPrice' | 'discount' | 'price' | 'vatRate' | 'sum'

export interface ViewColumn {
  readonly key: ColumnKey
  readonly title: string
  readonly align: 'left' | 'center' | 'right'
  /** Width in millimetres on an A4 portrait page with 15 mm margins (180 mm); DOCX uses the same proportions. */
  readonly width: number
}

export interface ViewRow {
  readonly cells: Readonly<Record<ColumnKey, string>>
  /** Printed under the name in smaller type. */
  readonly article?: string
}

export interface ViewParty {
  readonly heading: string
  readonly name: string
  readonly lines: readonly string[]
}

/**
 * Everything a renderer prints, already worded and formatted for one language. PDF and DOCX both draw
 * this, so the two files cannot disagree on content; tests can check the wording without a renderer.
 */
export interface OfferView {
  readonly lang: Lang
  readonly title: string
  readonly validity: string
  readonly deal: string
  readonly seller: ViewParty
  readonly client: ViewParty
  readonly columns: readonly ViewColumn[]
  readonly rows: readonly ViewRow[]
  /** The last line is the grand total. */
  readonly totals: readonly { readonly label: string; readonly value: string }[]
  readonly words: string
  readonly notes: readonly string[]
  readonly terms: readonly { readonly label: string; readonly text: string }[]
  readonly manager: { readonly heading: string; readonly lines: readonly string[] }
  readonly signature: { readonly position: string; readonly name: string; readonly caption: string }
  readonly page: { readonly word: string; readonly of: string }
}

/** Rates keep the digits the source gave, at least two: '92.5000' → '92,5000', '12.5' → '12,50'. */
const formatRate = (rate: string, lang: Lang): string =>
  formatAmount(rate, Math.max(2, rate.split('.')[1]?.length ?? 0), lang)

const present = (parts: readonly (string | false | undefined)[]): string[] =>
  parts.filter((p): p is string => typeof p === 'string' && p.trim() !== '')

/** Validates the offer and words it in `lang`. */
export function describeOffer(offer: CommercialOffer, lang: Lang): Result<OfferView, DocumentError> {
  const valid = validateOffer(offer)
  if (!valid.ok) return valid
  const l = LABELS[lang]
  const { currency: cur, seller, client } = offer
  const words = spellAmount(offer.totals.total, cur.code, { lang, decimals: cur.decimals, field: 'totals.total' })
  if (!words.ok) return err(words.error)
  const money = (v: string) => formatMoney(v, cur, lang)
  const amount = (v: string) => formatAmount(v, cur.decimals, lang)
  const date = (v: string) => formatDate(v, lang)

  const columns: ViewColumn[] = [
    { key: 'position', title: l.columns.position, align: 'center', width: 8 },
    { key: 'name', title: l.columns.name, align: 'left', width: 48 },
    { key: 'quantity', title: l.columns.quantity, align: 'right', width: 14 },
    { key: 'unit', title: l.columns.unit, align: 'center', width: 11 },
    { key: 'listPrice', title: l.columns.listPrice(cur.symbol), align: 'right', width: 22 },
    { key: 'discount', title: l.columns.discount, align: 'right', width: 15 },
    { key: 'price', title: l.columns.price(cur.symbol), align: 'right', width: 22 },
    { key: 'vatRate', title: l.columns.vatRate, align: 'right', width: 13 },
    { key: 'sum', title: l.columns.sum(cur.symbol), align: 'right', width: 27 },
  ]
  const rows: ViewRow[] = offer.rows.map((row, i) => ({
    cells: {
      position: String(i + 1),
      name: row.name,
      quantity: formatNumber(row.quantity, lang),
      unit: row.unit,
      listPrice: amount(row.listPrice),
      discount: formatDiscount(row.discount, lang),
      price: amount(row.price),
      vatRate: row.vatRate === null ? l.noVat : formatPercent(row.vatRate, lang),
      sum: amount(row.sum),
    },
    ...(row.article ? { article: `${l.article} ${row.article}` } : {}),
  }))

  const requisites = (p: { inn?: string; kpp?: string; ogrn?: string; address?: string }) =>
    present([
      p.inn && `${l.inn} ${p.inn}` + (p.kpp ? `, ${l.kpp} ${p.kpp}` : ''),
      p.ogrn && `${l.ogrn} ${p.ogrn}`,
      p.address && `${l.address}: ${p.address}`,
    ])
  const b = seller.bank
  const sellerLines = [
    ...requisites(seller),
    ...present([
      `${l.bank}: ${b.bankName}, ${l.bik} ${b.bik}`,
      `${l.account} ${b.account}, ${l.correspondentAccount} ${b.correspondentAccount}`,
      present([seller.phone && `${l.phone} ${seller.phone}`, seller.email && `${l.email} ${seller.email}`]).join(', '),
    ]),
  ]
  const contact = client.contact
  const clientLines = [
    ...requisites(client),
    ...present([contact && `${l.contact}: ` + present([contact.name, contact.phone, contact.email]).join(', ')]),
  ]

  // Rows without VAT add nothing to the VAT lines; say "без НДС" only when no row has VAT.
  const taxed = offer.totals.vat.filter((v) => v.rate !== null)
  const vatLines = taxed.length > 0 ? taxed : offer.totals.vat.slice(0, 1)
  const totals = [
    { label: l.withoutVat, value: money(offer.totals.withoutVat) },
    ...vatLines.map((v) => ({
      label: v.rate === null ? l.vatNone : l.vat(formatPercent(v.rate, lang)),
      value: v.rate === null ? '—' : money(v.amount),
    })),
    { label: l.total, value: money(offer.totals.total) },
  ]
  const notes = [
    ...offer.rates.map((r) => l.rate(r.currency, formatRate(r.rate, lang), r.base, date(r.date), r.source)),
    ...(offer.priceSnapshot
      ? [l.prices(date(offer.priceSnapshot.takenAt.slice(0, 10)), offer.priceSnapshot.source)]
      : []),
  ]
  const terms = present([
    offer.terms.payment && 'payment',
    offer.terms.delivery && 'delivery',
    offer.terms.warranty && 'warranty',
    offer.terms.notes && 'notes',
  ]).map((k) => {
    const key = k as keyof typeof l.terms
    return { label: l.terms[key], text: offer.terms[key] ?? '' }
  })
  const m = offer.manager
  return ok({
    lang,
    title: l.title(offer.number, date(offer.date)),
    validity: l.validUntil(date(offer.validUntil)),
    deal: `${l.deal}: ${offer.deal.title}`,
    seller: { heading: l.seller, name: seller.name, lines: sellerLines },
    client: { heading: l.client, name: client.companyName, lines: clientLines },
    columns,
    rows,
    totals,
    words: `${l.inWords}: ${words.value}`,
    notes,
    terms,
    manager: {
      heading: l.manager,
      lines: present([
        present([m.name, m.position]).join(', '),
        present([m.phone && `${l.phone} ${m.phone}`, m.email && `${l.email} ${m.email}`]).join(', '),
      ]),
    },
    signature: { position: seller.signer.position, name: seller.signer.name, caption: l.signature },
    page: l.page,
  })
}
