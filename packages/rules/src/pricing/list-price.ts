import { D } from '../decimal'
import type { ComputedProductRow } from './product-rows'

type StoredPrices = Pick<
  ComputedProductRow,
  'price' | 'priceExclusive' | 'priceNetto' | 'priceBrutto' | 'discountRate' | 'discountSum'
>

/**
 * The list price (before discount) of a stored row: the inverse view of `priceForRest`. With tax it is
 * PRICE_BRUTTO, without it PRICE_NETTO; an undiscounted row's list price is its own price (gross or net),
 * because BRUTTO re-derived from the 2-decimal net price can sit a kopeck off PRICE (b24-math.md 3.2).
 */
export function listPriceOf(row: StoredPrices, withTax: boolean): string {
  const discounted = !new D(row.discountSum).isZero() || !new D(row.discountRate).isZero()
  if (withTax) return discounted ? row.priceBrutto : row.price
  return discounted ? row.priceNetto : row.priceExclusive
}
