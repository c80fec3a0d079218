import { baseCurrencyCode, computeProductRows, currencyDecimals, D, type Lang, type Result } from '@salesflow/rules'
import { buildInvoiceModel, type DocumentError, type Invoice } from '@salesflow/documents/model'
import type { UsecaseError } from '../errors'
import type { OpenedInvoice } from './open-invoice'
import { rateSnapshotOf } from './rate-snapshot'

export type InvoiceDocumentError =
  Extract<UsecaseError, { code: 'COMPANY_NOT_CONFIGURED' | 'NO_CLIENT' | 'INVOICE_NO_ROWS' }> | DocumentError

/**
 * «Счёт на оплату» of a smart invoice as stored: its rows recomputed by the rules (and checked against the stored
 * totals), our requisites and bank account from the settings, the buyer's requisites, the rate snapshot when the
 * invoice was converted. Loaded with the renderers, on the first print.
 */
export function buildInvoiceDocument(input: {
  readonly opened: OpenedInvoice
  readonly lang: Lang
  /** The currency's sign as the reader's language writes it ('₽'). */
  readonly currencySymbol: string
}): Result<Invoice, InvoiceDocumentError> {
  const { opened, lang } = input
  const { card, settings } = opened
  if (!settings.company) return { ok: false, error: { code: 'COMPANY_NOT_CONFIGURED' } }
  if (!card.company) return { ok: false, error: { code: 'NO_CLIENT' } }
  if (card.productRows.length === 0) return { ok: false, error: { code: 'INVOICE_NO_ROWS' } }
  const computed = computeProductRows(card.productRows)
  const rows = card.productRows.flatMap((row, i) => {
    const c = computed.rows[i]
    return c?.ok
      ? [{ row: c.value, name: row.productName, unit: row.measureName || (lang === 'ru' ? 'шт' : 'pcs') }]
      : []
  })
  const { invoice } = card
  const date = invoice.issueDate ?? opened.today
  const snapshot = rateSnapshotOf(invoice, card.deal?.currency ?? null)
  const base = snapshot?.base ?? baseCurrencyCode(card.currencies) ?? invoice.currency
  return buildInvoiceModel({
    number: invoice.accountNumber || String(invoice.id),
    date,
    ...(invoice.dueDate ? { dueDate: invoice.dueDate } : {}),
    seller: settings.company,
    buyer: {
      companyName: card.company.title,
      ...(card.company.inn ? { inn: card.company.inn } : {}),
      ...(card.company.kpp ? { kpp: card.company.kpp } : {}),
    },
    ...(card.deal ? { basis: lang === 'ru' ? `Сделка № ${card.deal.id}` : `Deal No. ${card.deal.id}` } : {}),
    currency: {
      code: invoice.currency,
      symbol: input.currencySymbol,
      decimals: currencyDecimals(invoice.currency, card.currencies),
    },
    rows,
    ...(snapshot
      ? {
          rate: {
            currency: invoice.currency,
            base,
            nominal: snapshot.nominal,
            rate: snapshot.rate,
            date: snapshot.date ?? date,
          },
        }
      : {}),
    // The portal sends numbers ('1026100'); the document compares fixed-point strings ('1026100.00').
    expected: { opportunity: new D(invoice.opportunity).toFixed(2), taxValue: new D(invoice.taxValue).toFixed(2) },
  })
}
