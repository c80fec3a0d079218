import { addDays, computeProductRows, exchangeRate, type Result } from '@salesflow/rules'
import {
  buildOfferModel,
  paymentTermsText,
  type CommercialOffer,
  type DocumentError,
  type SellerRequisites,
} from '@salesflow/documents/model'
import type { DealCard } from '@salesflow/portal'
import { currencySymbol, type Lang } from '@salesflow/widget-kit'

export type OfferSourceError =
  | { readonly code: 'COMPANY_NOT_CONFIGURED' }
  | { readonly code: 'NO_ROWS' }
  | { readonly code: 'NO_CLIENT' }
  | DocumentError

const VALID_DAYS = 14

/**
 * The commercial offer of a deal as stored on the portal: its saved rows recomputed by the rules library (and
 * checked against the deal's stored totals), our company from the app options, the client company, the rate
 * and prices used, and the payment terms of the deal.
 */
export function offerFromCard(
  card: DealCard,
  seller: SellerRequisites | null,
  today: string,
  lang: Lang,
): Result<CommercialOffer, OfferSourceError> {
  if (!seller) return { ok: false, error: { code: 'COMPANY_NOT_CONFIGURED' } }
  if (!card.company) return { ok: false, error: { code: 'NO_CLIENT' } }
  if (card.productRows.length === 0) return { ok: false, error: { code: 'NO_ROWS' } }

  const computed = computeProductRows(card.productRows, { path: 'legacy' })
  const rows = card.productRows.flatMap((row, i) => {
    const c = computed.rows[i]
    return c?.ok
      ? [{ row: c.value, name: row.productName, unit: row.measureName || (lang === 'ru' ? 'шт' : 'pcs') }]
      : []
  })
  const base = card.currencies.find((c) => c.BASE === 'Y')?.CURRENCY ?? card.deal.currency
  const rate = exchangeRate(card.deal.currency, card.currencies)
  const terms = String(card.deal.userFields['UF_CRM_SF_PAYMENT_TERMS'] ?? '')
  const decimals = Number(card.currencies.find((c) => c.CURRENCY === card.deal.currency)?.DECIMALS ?? 2)
  return buildOfferModel({
    number: `${card.deal.id}-${today.replaceAll('-', '')}`,
    date: today,
    validUntil: addDays(today, VALID_DAYS),
    seller,
    client: {
      companyName: card.company.title,
      ...(card.company.inn ? { inn: card.company.inn } : {}),
    },
    deal: { id: String(card.deal.id), title: card.deal.title },
    currency: {
      code: card.deal.currency,
      symbol: currencySymbol(card.deal.currency, lang),
      decimals,
    },
    rows,
    rates: rate.ok
      ? [{ currency: card.deal.currency, base, rate: rate.value.toFixed(), date: today, source: 'portal' }]
      : [],
    priceSnapshot: {
      takenAt: today,
      source: 'crm.deal.productrows.get',
      items: card.productRows.map((r) => ({
        productId: String(r.productId),
        name: r.productName,
        price: r.price,
        currency: card.deal.currency,
      })),
    },
    terms: {
      payment: paymentTermsText(terms, lang) ?? (lang === 'ru' ? 'по договорённости' : 'as agreed'),
      delivery: lang === 'ru' ? 'по согласованию после оплаты' : 'to be agreed after payment',
      warranty: lang === 'ru' ? '12 месяцев' : '12 months',
    },
    manager: { name: card.currentUser.fullName, ...(card.currentUser.email ? { email: card.currentUser.email } : {}) },
    expected: { opportunity: card.deal.opportunity, taxValue: card.deal.taxValue },
    path: 'legacy',
  })
}
