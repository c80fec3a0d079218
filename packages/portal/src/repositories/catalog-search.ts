import * as v from 'valibot'
import { err, ok, type Result } from '@salesflow/rules'
import type { BatchAnswers, PortalClient } from '../client'
import type { CatalogPrice, CatalogSection, StockLevel } from '../domain'
import { portalError, type PortalError } from '../errors'
import { mapCatalog, mapCatalogPrice, mapCatalogSection, mapStockLevel } from '../mappers/catalog'
import { mapWith } from '../mappers/map-with'
import { flag, id, optionalId, optionalText, text } from '../wire/common'
import { mapAnswerList, type Mapper } from './fetch'

/** A product as a catalog search lists it: what a row of an order needs, and its article. */
export interface CatalogHit {
  readonly id: number
  readonly name: string
  /** The article (the product's external code, XML_ID); '' when it has none. */
  readonly article: string
  readonly sectionId: number | null
  readonly measureId: number | null
  readonly vatId: number | null
  readonly vatIncluded: boolean
}

export interface CatalogStore {
  readonly id: number
  readonly title: string
}

export interface CatalogMeasure {
  readonly id: number
  /** OKEI code (796 pieces), what a product row's MEASURE_CODE carries. */
  readonly code: number
  readonly symbol: string
}

/** What a search needs once: the product catalog, its sections, the stores and the units. */
export interface CatalogDirectory {
  readonly iblockId: number
  readonly sections: readonly CatalogSection[]
  readonly stores: readonly CatalogStore[]
  readonly measures: readonly CatalogMeasure[]
}

/** Products found, with their prices (every price type and currency) and stock per store. */
export interface CatalogFound {
  readonly products: readonly CatalogHit[]
  readonly prices: readonly CatalogPrice[]
  readonly stock: readonly StockLevel[]
}

const HIT_SELECT = ['id', 'iblockId', 'name', 'xmlId', 'iblockSectionId', 'measure', 'vatId', 'vatIncluded']

const mapHit = mapWith(
  v.looseObject({
    id,
    name: text,
    xmlId: optionalText,
    iblockSectionId: optionalId,
    measure: optionalId,
    vatId: optionalId,
    vatIncluded: v.nullish(flag, false),
  }),
  (p): CatalogHit => ({
    id: p.id,
    name: p.name,
    article: p.xmlId,
    sectionId: p.iblockSectionId ?? null,
    measureId: p.measure ?? null,
    vatId: p.vatId ?? null,
    vatIncluded: p.vatIncluded,
  }),
  'product',
)
const mapStore = mapWith(
  v.looseObject({ id, title: optionalText }),
  (s): CatalogStore => ({ id: s.id, title: s.title }),
  'store',
)
const mapMeasure = mapWith(
  v.looseObject({ id, code: id, symbol: optionalText }),
  (m): CatalogMeasure => ({ id: m.id, code: m.code, symbol: m.symbol }),
  'measure',
)

/** Fewer characters than this match half the catalog: the search waits for more (or a section). */
export const MIN_CATALOG_SEARCH_LENGTH = 2

/**
 * Catalog reads for a search that adds rows to an order: the directory once (2 round trips: the product catalog,
 * then its sections, stores and units in one batch), then each search in 2 (products by name and by article in
 * one batch, their prices and stock in another). The first 50 of each match, as the portal pages them.
 */
export function createCatalogSearchRepository(client: PortalClient) {
  /** The list a batch answered under `name`, mapped; a missing answer is NOT_EXECUTED. */
  function listOf<T>(
    answers: BatchAnswers,
    name: string,
    method: string,
    map: Mapper<T>,
    key: string,
  ): Result<T[], PortalError> {
    const a = answers[name]
    if (!a) return err(portalError('NOT_EXECUTED', { method, description: name }))
    if (!a.ok) return a
    return mapAnswerList(a.value, method, map, key)
  }

  return {
    async directory(): Promise<Result<CatalogDirectory, PortalError>> {
      const catalogs = await client.call('catalog.catalog.list', {}, { kind: 'read' })
      if (!catalogs.ok) return catalogs
      const list = mapAnswerList(catalogs.value, 'catalog.catalog.list', mapCatalog, 'catalogs', 'catalog')
      if (!list.ok) return list
      // The product catalog; an offers (SKU) catalog points at it with productIblockId.
      const catalog = list.value.find((c) => c.productIblockId === null)
      if (!catalog) return err(portalError('NOT_FOUND', { method: 'catalog.catalog.list', description: 'products' }))
      const iblockId = catalog.iblockId
      const res = await client.batch(
        {
          sections: {
            method: 'catalog.section.list',
            params: { select: ['id', 'iblockId', 'name', 'sort', 'iblockSectionId'], filter: { iblockId } },
          },
          stores: { method: 'catalog.store.list', params: { select: ['id', 'title'], filter: { active: 'Y' } } },
          measures: { method: 'catalog.measure.list', params: { select: ['id', 'code', 'symbol'] } },
        },
        { halt: true },
      )
      if (!res.ok) return res
      const sections = listOf(res.value, 'sections', 'catalog.section.list', mapCatalogSection, 'sections')
      if (!sections.ok) return sections
      const stores = listOf(res.value, 'stores', 'catalog.store.list', mapStore, 'stores')
      if (!stores.ok) return stores
      const measures = listOf(res.value, 'measures', 'catalog.measure.list', mapMeasure, 'measures')
      if (!measures.ok) return measures
      return ok({ iblockId, sections: sections.value, stores: stores.value, measures: measures.value })
    },

    /**
     * Active products whose name or article contains `text` (the portal's `%`), within a section when given; with
     * no text, the section's products. Asks nothing when there is neither a long enough text nor a section.
     */
    async find(query: {
      readonly iblockId: number
      readonly text: string
      readonly sectionId: number | null
    }): Promise<Result<CatalogFound, PortalError>> {
      const q = query.text.trim()
      const searching = q.length >= MIN_CATALOG_SEARCH_LENGTH
      if (!searching && query.sectionId === null) return ok({ products: [], prices: [], stock: [] })
      const base = {
        iblockId: query.iblockId,
        active: 'Y',
        ...(query.sectionId === null ? {} : { iblockSectionId: query.sectionId }),
      }
      const products = (filter: Record<string, unknown>) => ({
        method: 'catalog.product.list',
        params: { select: HIT_SELECT, filter: { ...base, ...filter }, order: { name: 'ASC' } },
      })
      const found = await client.batch(
        searching
          ? { byName: products({ '%name': q }), byArticle: products({ '%xmlId': q }) }
          : { byName: products({}) },
        { halt: true },
      )
      if (!found.ok) return found
      const hits = new Map<number, CatalogHit>()
      for (const name of searching ? ['byName', 'byArticle'] : ['byName']) {
        const rows = listOf(found.value, name, 'catalog.product.list', mapHit, 'products')
        if (!rows.ok) return rows
        for (const p of rows.value) if (!hits.has(p.id)) hits.set(p.id, p)
      }
      const ids = [...hits.keys()]
      if (ids.length === 0) return ok({ products: [], prices: [], stock: [] })
      const res = await client.batch(
        {
          prices: {
            method: 'catalog.price.list',
            params: {
              select: ['id', 'productId', 'catalogGroupId', 'price', 'currency'],
              filter: { '@productId': ids },
            },
          },
          stock: {
            method: 'catalog.storeproduct.list',
            params: {
              select: ['id', 'productId', 'storeId', 'amount', 'quantityReserved'],
              filter: { '@productId': ids },
            },
          },
        },
        { halt: true },
      )
      if (!res.ok) return res
      const prices = listOf(res.value, 'prices', 'catalog.price.list', mapCatalogPrice, 'prices')
      if (!prices.ok) return prices
      const stock = listOf(res.value, 'stock', 'catalog.storeproduct.list', mapStockLevel, 'storeProducts')
      if (!stock.ok) return stock
      return ok({ products: [...hits.values()], prices: prices.value, stock: stock.value })
    },
  }
}
