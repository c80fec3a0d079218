import {
  addDays,
  baseCurrencyCode,
  computeProductRows,
  currencyDecimals,
  exchangeRate,
  type Lang,
  type Result,
} from '@salesflow/rules'
import {
  buildOfferModel,
  paymentTermsText,
  type CommercialOffer,
  type DocumentError,
  type SellerRequisites,
} from '@salesflow/documents/model'
import type { DealCard } from '@salesflow/portal'
import type { UsecaseError } from '../errors'
import type { Settings } from '../settings'

export type OfferSourceError =
  Extract<UsecaseError, { code: 'COMPANY_NOT_CONFIGURED' | 'NO_ROWS' | 'NO_CLIENT' }> | DocumentError

export interface BuildOfferInput {
  readonly card: DealCard
  readonly settings: Settings
  /** ISO date: the offer's date (this layer has no clock). */
  readonly today: string
  readonly lang: Lang
  /** The currency's sign as the reader's language writes it ('₽'): formatting is the caller's. */
  readonly currencySymbol: string
}

/**
 * The commercial offer of a deal as stored on the portal: its saved rows recomputed by the rules library (and
 * checked against the deal's stored totals), our company from the app options, the client company, the rate
 * and prices used, the payment terms of the deal and the terms and validity the settings give.
 */
export function buildOffer(input: BuildOfferInput): Result<CommercialOffer, OfferSourceError> {
  const { card, settings, today, lang } = input
  const seller: SellerRequisites | null = settings.company
  const policy = settings.offer
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
  const base = baseCurrencyCode(card.currencies) ?? card.deal.currency
  const rate = exchangeRate(card.deal.currency, card.currencies)
  const terms = String(card.deal.userFields[settings.fields.paymentTerms] ?? '')
  const decimals = currencyDecimals(card.deal.currency, card.currencies)
  return buildOfferModel({
    number: `${card.deal.id}-${today.replaceAll('-', '')}`,
    date: today,
    validUntil: addDays(today, policy.validDays),
    seller,
    client: {
      companyName: card.company.title,
      ...(card.company.inn ? { inn: card.company.inn } : {}),
    },
    deal: { id: String(card.deal.id), title: card.deal.title },
    currency: {
      code: card.deal.currency,
      symbol: input.currencySymbol,
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
      payment: paymentTermsText(terms, lang) ?? policy.paymentFallback[lang],
      delivery: policy.delivery[lang],
      warranty: policy.warranty[lang],
    },
    manager: { name: card.currentUser.fullName, ...(card.currentUser.email ? { email: card.currentUser.email } : {}) },
    expected: { opportunity: card.deal.opportunity, taxValue: card.deal.taxValue },
    path: 'legacy',
  })
}
