import type { Catalog, CatalogPrice, CatalogProduct, CatalogSection, StockLevel, VatRate } from '../domain'
import { mapWith } from './map-with'
import {
  CatalogWire,
  CatalogPriceWire,
  CatalogProductWire,
  CatalogSectionWire,
  StoreProductWire,
  VatWire,
} from '../wire/catalog'

export const mapCatalogProduct = mapWith(
  CatalogProductWire,
  (p): CatalogProduct => ({
    id: p.id,
    iblockId: p.iblockId,
    name: p.name,
    active: p.active,
    sectionId: p.iblockSectionId ?? null,
    measureId: p.measure ?? null,
    vatId: p.vatId ?? null,
    vatIncluded: p.vatIncluded,
    weight: p.weight ?? null,
    purchasingPrice: p.purchasingPrice ?? null,
    purchasingCurrency: p.purchasingCurrency ?? null,
  }),
  'product',
)

export const mapCatalogSection = mapWith(
  CatalogSectionWire,
  (s): CatalogSection => ({
    id: s.id,
    iblockId: s.iblockId ?? 0,
    name: s.name,
    sort: s.sort,
    parentId: s.iblockSectionId ?? null,
  }),
  'section',
)

export const mapCatalogPrice = mapWith(
  CatalogPriceWire,
  (p): CatalogPrice => ({
    id: p.id,
    productId: p.productId,
    catalogGroupId: p.catalogGroupId,
    price: p.price,
    currency: p.currency,
  }),
  'price',
)

export const mapStockLevel = mapWith(
  StoreProductWire,
  (s): StockLevel => ({
    id: s.id,
    productId: s.productId,
    storeId: s.storeId,
    amount: s.amount,
    reserved: s.quantityReserved,
  }),
  'stock',
)

/** A catalog iblock; `productIblockId` is set on the offers (SKU) catalog and points at its products. */
export const mapCatalog = mapWith(
  CatalogWire,
  (c): Catalog => ({ id: c.id, iblockId: c.iblockId, name: c.name, productIblockId: c.productIblockId ?? null }),
  'catalog',
)

export const mapVat = mapWith(
  VatWire,
  (x): VatRate => ({ id: x.id, name: x.name, rate: x.rate ?? null, active: x.active, sort: x.sort }),
  'vat',
)
