import { err, ok, type Result } from '@salesflow/rules'
import type { DocumentError } from '../model/errors'
import type { CommercialOffer, Lang } from '../model/offer'
import { validateOffer } from '../model/validate-offer'
import { formatAmount, formatDate, formatDiscount, formatNumber, formatPercent } from '../format/format-values'
import { spellAmount } from '../words/spell-amount'
import { LABELS } from './labels'
import { formatRate, localText, present, requisiteLines, sellerLines, totalLines, unitLabel } from './parts'

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
  readonly cells: Readonly<Partial<Record<ColumnKey, string>>>
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

/** Validates the offer and words it in `lang`. */
export function describeOffer(offer: CommercialOffer, lang: Lang): Result<OfferView, DocumentError> {
  const valid = validateOffer(offer)
  if (!valid.ok) return valid
  const l = LABELS[lang]
  const { currency: cur, seller, client } = offer
  const words = spellAmount(offer.totals.total, cur.code, { lang, decimals: cur.decimals, field: 'totals.total' })
  if (!words.ok) return err(words.error)
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
      unit: unitLabel(row.unit, lang),
      listPrice: amount(row.listPrice),
      discount: formatDiscount(row.discount, lang),
      price: amount(row.price),
      vatRate: row.vatRate === null ? l.noVat : formatPercent(row.vatRate, lang),
      sum: amount(row.sum),
    },
    ...(row.article ? { article: `${l.article} ${row.article}` } : {}),
  }))

  const contact = client.contact
  const clientLines = [
    ...requisiteLines(l, client),
    ...present([contact && `${l.contact}: ` + present([contact.name, contact.phone, contact.email]).join(', ')]),
  ]
  // Only what the client needs: a conversion rate (never a currency to itself), no data sources.
  const notes = [
    ...offer.rates
      .filter((r) => r.currency !== r.base)
      .map((r) => l.rate(r.currency, formatRate(r.rate, lang), r.base, date(r.date))),
    ...(offer.priceSnapshot ? [l.prices(date(offer.priceSnapshot.takenAt.slice(0, 10)))] : []),
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
    seller: { heading: l.seller, name: seller.name, lines: sellerLines(l, seller) },
    client: { heading: l.client, name: client.companyName, lines: clientLines },
    columns,
    rows,
    totals: totalLines(l, offer.totals, cur, lang),
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
    signature: { position: localText(seller.signer.position, lang), name: seller.signer.name, caption: l.signature },
    page: l.page,
  })
}
