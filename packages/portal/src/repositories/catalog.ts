import { ok, type Result } from '@salesflow/rules'
import type { PortalClient } from '../client'
import { readAll } from '../batch/bulk-read'
import type { QueryObject } from '../batch/query-string'
import type { CatalogPrice, CatalogProduct, StockLevel } from '../domain'
import type { PortalError } from '../errors'
import { mapCatalog, mapCatalogPrice, mapCatalogProduct, mapCatalogSection, mapStockLevel } from '../mappers/catalog'
import type { Mapper } from './fetch'
import { fetchList, fetchOne } from './fetch'

const PRODUCT_SELECT = [
  'id',
  'iblockId',
  'name',
  'active',
  'iblockSectionId',
  'measure',
  'vatId',
  'vatIncluded',
  'weight',
  'purchasingPrice',
  'purchasingCurrency',
]

export function createCatalogRepository(client: PortalClient) {
  async function all<T>(
    method: string,
    params: QueryObject,
    itemsKey: string,
    map: Mapper<T>,
  ): Promise<Result<T[], PortalError>> {
    const res = await readAll(client, { method, params, idKey: 'id', itemsKey }, map)
    return res.ok ? ok([...res.value.records]) : res
  }
  return {
    /** Catalog iblocks (catalog.catalog.list): the product catalog is the one whose productIblockId is null. */
    catalogs: () => fetchList(client, 'catalog.catalog.list', {}, mapCatalog, 'catalogs', 'catalog'),
    product: (id: number) => fetchOne(client, 'catalog.product.get', { id }, mapCatalogProduct, 'product'),
    products: (iblockId: number, filter: QueryObject = {}): Promise<Result<CatalogProduct[], PortalError>> =>
      all(
        'catalog.product.list',
        { select: PRODUCT_SELECT, filter: { ...filter, iblockId } },
        'products',
        mapCatalogProduct,
      ),
    sections: (iblockId: number) =>
      all(
        'catalog.section.list',
        { select: ['id', 'iblockId', 'name', 'sort', 'iblockSectionId'], filter: { iblockId } },
        'sections',
        mapCatalogSection,
      ),
    /** Prices of some products (all price types and currencies). */
    prices: (productIds: readonly number[]): Promise<Result<CatalogPrice[], PortalError>> =>
      all(
        'catalog.price.list',
        {
          select: ['id', 'productId', 'catalogGroupId', 'price', 'currency'],
          filter: { '@productId': [...productIds] },
        },
        'prices',
        mapCatalogPrice,
      ),
    /** Stock per store of some products. */
    stock: (productIds: readonly number[]): Promise<Result<StockLevel[], PortalError>> =>
      all(
        'catalog.storeproduct.list',
        {
          select: ['id', 'productId', 'storeId', 'amount', 'quantityReserved'],
          filter: { '@productId': [...productIds] },
        },
        'storeProducts',
        mapStockLevel,
      ),
  }
}
