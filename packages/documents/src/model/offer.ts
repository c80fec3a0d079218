/**
 * The commercial offer as plain data: JSON in, JSON out, so it can be stored with the deal and rendered
 * again later exactly as sent. Every amount is a decimal string computed by @salesflow/rules; this package
 * only prints them. Dates are ISO 'YYYY-MM-DD'. Texts from the portal are kept verbatim: renderers print
 * them literally and never interpret markup.
 */
import type { Lang } from '@salesflow/rules'

export type { Lang }

/**
 * A text of our own settings that has a wording per document language (a signer's title): either one string
 * printed in every language, or `{ ru, en }`.
 */
export type LocalText = string | Readonly<Record<Lang, string>>

export interface BankDetails {
  readonly bankName: string
  /** БИК. */
  readonly bik: string
  /** Расчётный счёт. */
  readonly account: string
  /** Корреспондентский счёт. */
  readonly correspondentAccount: string
}

export interface Signer {
  readonly name: string
  /** 'Генеральный директор' / 'General Director': give both, or the English document prints the Russian one. */
  readonly position: LocalText
}

/** Our company: the seller's requisites as they appear on the document. */
export interface SellerRequisites {
  readonly name: string
  readonly inn: string
  readonly kpp?: string
  readonly ogrn?: string
  readonly address: string
  readonly phone?: string
  readonly email?: string
  readonly bank: BankDetails
  readonly signer: Signer
}

export interface ClientContact {
  readonly name: string
  readonly phone?: string
  readonly email?: string
}

export interface OfferClient {
  readonly companyName: string
  readonly inn?: string
  readonly kpp?: string
  readonly address?: string
  readonly contact?: ClientContact
}

export interface OfferCurrency {
  /** ISO code as the portal has it: RUB, USD, EUR, CNY. */
  readonly code: string
  /** Printed after (ru) or before (en) amounts: ₽, $, €, ¥. */
  readonly symbol: string
  /** Minor-unit digits (the portal's DECIMALS). */
  readonly decimals: number
}

/**
 * The discount as Bitrix24 stores it: a percentage, or an absolute amount per unit without VAT. For an amount,
 * `rate` is the percentage the portal derived from it: the document prints that, because its prices include
 * VAT and an amount without VAT next to them would not add up.
 */
export type OfferDiscount =
  | { readonly kind: 'none' }
  | { readonly kind: 'percent'; readonly rate: string }
  | { readonly kind: 'amount'; readonly sum: string; readonly rate: string }

export interface OfferRow {
  readonly name: string
  readonly article?: string
  /** Decimal string, as the portal stores it ('2.0000'). */
  readonly quantity: string
  /** Unit of measure as the catalog names it: 'шт', 'м', 'компл'. */
  readonly unit: string
  /** Unit price before discount, with VAT. */
  readonly listPrice: string
  readonly discount: OfferDiscount
  /** Unit price after discount, with VAT (Bitrix24's PRICE). */
  readonly price: string
  /** VAT rate in percent ('22.00'), or null for "без НДС". */
  readonly vatRate: string | null
  readonly vat: string
  /** The row's contribution to the total, with VAT. */
  readonly sum: string
}

export interface OfferVatLine {
  readonly rate: string | null
  readonly amount: string
}

export interface OfferTotals {
  readonly withoutVat: string
  /** VAT per rate, in the order rates first appear in the rows. */
  readonly vat: readonly OfferVatLine[]
  readonly vatTotal: string
  /** What the client pays: the deal's OPPORTUNITY. */
  readonly total: string
}

/**
 * A rate the offer used: 1 `currency` = `rate` `base`, as of `date`. `source` (e.g. 'ЦБ РФ', 'portal') is kept
 * with the stored offer for the record and never printed. A rate of a currency to itself is not printed either.
 */
export interface OfferRate {
  readonly currency: string
  readonly base: string
  readonly rate: string
  readonly date: string
  readonly source?: string
}

/**
 * The catalog prices the offer was built from, so a later price change can be explained. The document prints
 * the date only; `source` (the REST method, the catalog) stays in the stored data.
 */
export interface OfferPriceSnapshot {
  readonly takenAt: string
  readonly source?: string
  readonly items: readonly {
    readonly productId: string
    readonly name: string
    readonly price: string
    readonly currency: string
  }[]
}

export interface OfferTerms {
  readonly payment: string
  readonly delivery: string
  readonly warranty: string
  readonly notes?: string
}

export interface OfferManager {
  readonly name: string
  readonly position?: string
  readonly phone?: string
  readonly email?: string
}

export interface CommercialOffer {
  readonly schemaVersion: 1
  readonly number: string
  readonly date: string
  readonly validUntil: string
  readonly seller: SellerRequisites
  readonly client: OfferClient
  readonly deal: { readonly id?: string; readonly title: string }
  readonly currency: OfferCurrency
  readonly rows: readonly OfferRow[]
  readonly totals: OfferTotals
  readonly rates: readonly OfferRate[]
  readonly priceSnapshot?: OfferPriceSnapshot
  readonly terms: OfferTerms
  readonly manager: OfferManager
}
