import { err, ok, type Result } from '@salesflow/rules'
import type { DocumentError } from '../model/errors'
import type { Invoice } from '../model/invoice'
import type { Lang } from '../model/offer'
import { validateInvoice } from '../model/validate-invoice'
import { formatAmount, formatDate, formatMoney, formatNumber, formatPercent, NBSP } from '../format/format-values'
import { spellAmount } from '../words/spell-amount'
import type { ViewColumn, ViewParty, ViewRow } from './describe-offer'
import { INVOICE_LABELS } from './invoice-labels'
import { formatRate, localText, present, requisiteLines, totalLines, unitLabel } from './parts'

/** Everything the invoice renderers print, worded for one language (see OfferView). */
export interface InvoiceView {
  readonly lang: Lang
  readonly title: string
  readonly due?: string
  /** The bank block on top: the payee's bank and account, as a payment order needs them. */
  readonly bank: readonly string[]
  readonly seller: ViewParty
  readonly buyer: ViewParty
  readonly basis?: string
  readonly columns: readonly ViewColumn[]
  readonly rows: readonly ViewRow[]
  readonly totals: readonly { readonly label: string; readonly value: string }[]
  readonly count: string
  readonly words: string
  /** The conversion rate snapshot, when the invoice was converted. */
  readonly rate?: string
  readonly purpose: string
  /** The caption under the payment QR code (the renderer draws the code when it has a payload). */
  readonly qrCaption: string
  readonly signatures: readonly { readonly position: string; readonly name: string; readonly caption: string }[]
  readonly page: { readonly word: string; readonly of: string }
}

/** «Оплата по счёту № 17 от 25.11.2026, в т.ч. НДС 1 234,56 ₽», or the invoice's own purpose. */
export function invoicePurpose(invoice: Invoice, lang: Lang): string {
  if (invoice.purpose) return invoice.purpose
  const l = INVOICE_LABELS[lang]
  const taxed = invoice.totals.vat.some((v) => v.rate !== null)
  const vat = taxed ? formatMoney(invoice.totals.vatTotal, invoice.currency, lang) : null
  return l.purposeText(invoice.number, formatDate(invoice.date, lang), vat).replaceAll(NBSP, ' ')
}

/** Validates the invoice and words it in `lang`. */
export function describeInvoice(invoice: Invoice, lang: Lang): Result<InvoiceView, DocumentError> {
  const valid = validateInvoice(invoice)
  if (!valid.ok) return valid
  const l = INVOICE_LABELS[lang]
  const { currency: cur, seller, buyer, rate } = invoice
  const words = spellAmount(invoice.totals.total, cur.code, { lang, decimals: cur.decimals, field: 'totals.total' })
  if (!words.ok) return err(words.error)
  const amount = (v: string) => formatAmount(v, cur.decimals, lang)
  const date = (v: string) => formatDate(v, lang)
  const b = seller.bank
  const columns: ViewColumn[] = [
    { key: 'position', title: l.columns.position, align: 'center', width: 8 },
    { key: 'name', title: l.columns.name, align: 'left', width: 70 },
    { key: 'quantity', title: l.columns.quantity, align: 'right', width: 16 },
    { key: 'unit', title: l.columns.unit, align: 'center', width: 12 },
    { key: 'price', title: l.columns.price(cur.symbol), align: 'right', width: 26 },
    { key: 'vatRate', title: l.columns.vatRate, align: 'right', width: 16 },
    { key: 'sum', title: l.columns.sum(cur.symbol), align: 'right', width: 32 },
  ]
  const rows: ViewRow[] = invoice.rows.map((row, i) => ({
    cells: {
      position: String(i + 1),
      name: row.name,
      quantity: formatNumber(row.quantity, lang),
      unit: unitLabel(row.unit, lang),
      price: amount(row.price),
      vatRate: row.vatRate === null ? l.noVat : formatPercent(row.vatRate, lang),
      sum: amount(row.sum),
    },
    ...(row.article ? { article: `${l.article} ${row.article}` } : {}),
  }))
  const converted =
    rate && rate.currency !== rate.base
      ? l.converted(
          formatNumber(rate.nominal, lang),
          rate.currency,
          formatRate(rate.rate, lang),
          rate.base,
          date(rate.date),
        )
      : undefined
  const signatures = [
    { position: localText(seller.signer.position, lang), name: seller.signer.name, caption: l.signature },
    ...(invoice.accountant ? [{ position: l.accountant, name: invoice.accountant.name, caption: l.signature }] : []),
  ]
  return ok({
    lang,
    title: l.title(invoice.number, date(invoice.date)),
    ...(invoice.dueDate ? { due: l.due(date(invoice.dueDate)) } : {}),
    bank: [
      `${l.payeeBank}: ${b.bankName}`,
      `${l.bik} ${b.bik}, ${l.correspondentAccount} ${b.correspondentAccount}`,
      `${l.payee}: ${seller.name}, ` +
        present([`${l.inn} ${seller.inn}`, seller.kpp && `${l.kpp} ${seller.kpp}`]).join(', '),
      `${l.account} ${b.account}`,
    ],
    seller: { heading: l.seller, name: seller.name, lines: requisiteLines(l, seller) },
    buyer: { heading: l.buyer, name: buyer.companyName, lines: requisiteLines(l, buyer) },
    ...(invoice.basis ? { basis: `${l.basis}: ${invoice.basis}` } : {}),
    columns,
    rows,
    totals: totalLines(l, invoice.totals, cur, lang),
    count: l.count(invoice.rows.length, formatMoney(invoice.totals.total, cur, lang)),
    words: `${l.inWords}: ${words.value}`,
    ...(converted ? { rate: converted } : {}),
    purpose: `${l.purpose}: ${invoicePurpose(invoice, lang)}`,
    qrCaption: l.qr,
    signatures,
    page: l.page,
  })
}
