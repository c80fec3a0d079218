import { parseDecimal } from '../decimal'
import { own } from '../input'
import type { ComputedProductRow } from './product-rows'

type StoredPrices = Pick<
  ComputedProductRow,
  'price' | 'priceExclusive' | 'priceNetto' | 'priceBrutto' | 'discountRate' | 'discountSum'
>

/**
 * The list price (before discount) of a stored row: the inverse view of `priceForRest`. With tax it is
 * PRICE_BRUTTO, without it PRICE_NETTO; an undiscounted row's list price is its own price (gross or net),
 * because BRUTTO re-derived from the 2-decimal net price can sit a kopeck off PRICE (b24-math.md 3.2).
 * A row that is not what `computeProductRows` stores (a discount of '1,5', a price that is no decimal) has
 * no list price: the answer is '' rather than a throw or a figure made up from garbage.
 */
export function listPriceOf(row: StoredPrices, withTax: boolean): string {
  const figure = (field: keyof StoredPrices) => {
    const p = parseDecimal(own(row, field), field)
    return p.ok ? p.value : undefined
  }
  const sum = figure('discountSum')
  const rate = figure('discountRate')
  if (!sum || !rate) return ''
  const discounted = !sum.isZero() || !rate.isZero()
  const field = withTax ? (discounted ? 'priceBrutto' : 'price') : discounted ? 'priceNetto' : 'priceExclusive'
  const price = figure(field)
  return price ? price.toFixed(2) : ''
}
