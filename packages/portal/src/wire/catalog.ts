import * as v from 'valibot'
import { decimal, flag, id, int, optionalDecimal, optionalId, optionalText, text } from './common'

/** Wire schemas of catalog.* (camelCase, typed values; b24-platform.md 4.8). */

export const CatalogProductWire = v.looseObject({
  id: id,
  iblockId: id,
  name: text,
  active: v.nullish(flag, true),
  iblockSectionId: optionalId,
  measure: optionalId,
  vatId: optionalId,
  vatIncluded: v.nullish(flag, false),
  weight: optionalDecimal,
  purchasingPrice: optionalDecimal,
  purchasingCurrency: v.nullish(v.string()),
})

export const CatalogSectionWire = v.looseObject({
  id: id,
  iblockId: v.nullish(id),
  name: text,
  sort: v.nullish(int, 500),
  iblockSectionId: optionalId,
})

export const CatalogPriceWire = v.looseObject({
  id: id,
  productId: id,
  catalogGroupId: id,
  price: decimal,
  currency: v.pipe(text, v.regex(/^[A-Z]{3}$/, 'expected a 3-letter currency code')),
})

export const StoreProductWire = v.looseObject({
  id: id,
  productId: id,
  storeId: id,
  amount: v.nullish(decimal, 0),
  quantityReserved: v.nullish(decimal, 0),
})

export const CatalogWire = v.looseObject({ id: id, iblockId: id, name: optionalText, productIblockId: optionalId })

/** catalog.vat.list row: a VAT rate the portal offers (`rate` null for "без НДС"). */
export const VatWire = v.looseObject({
  id: id,
  name: text,
  rate: optionalDecimal,
  active: v.nullish(flag, true),
  sort: v.nullish(int, 100),
})
