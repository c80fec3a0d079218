import type { CallContext, MethodTable } from '../core/context'
import { out } from '../core/context'
import { isRecord, param, toArray, toId } from '../core/params'
import { RestError } from '../http/rest-error'
import { listRows } from '../query/list'
import type { Product } from '../store/store'

/** Catalog errors carry numeric codes (b24-platform.md section 4.8). */
const catalogError = (code: number, description: string): RestError => new RestError(400, code, description)

function productRow(p: Product): Record<string, unknown> {
  return {
    id: p.id,
    iblockId: p.iblockId,
    iblockSectionId: p.iblockSectionId,
    name: p.name,
    code: p.code,
    xmlId: p.xmlId,
    active: p.active,
    sort: p.sort,
    type: p.type,
    measure: p.measure,
    vatId: p.vatId,
    vatIncluded: p.vatIncluded,
    purchasingPrice: p.purchasingPrice === '' ? null : Number(p.purchasingPrice),
    purchasingCurrency: p.purchasingCurrency,
    quantity: p.quantity,
    weight: p.weight,
    previewText: p.previewText,
    available: p.quantity > 0 ? 'Y' : 'N',
    canBuyZero: 'Y',
  }
}

/** Catalog select: listed fields (id and iblockId required) or every field. */
function pick(row: Record<string, unknown>, select: unknown): Record<string, unknown> {
  const names = toArray(select).map(String)
  if (names.length === 0 || names.includes('*')) return row
  return Object.fromEntries(names.filter((n) => n in row).map((n) => [n, row[n]]))
}

function list(ctx: CallContext, rows: Record<string, unknown>[], key: string): ReturnType<MethodTable[string]> {
  const page = listRows(
    rows,
    { filter: param(ctx.params, 'filter'), order: param(ctx.params, 'order'), start: param(ctx.params, 'start') },
    'id',
  )
  const select = param(ctx.params, 'select')
  return out({ [key]: page.rows.map((r) => pick(r, select)) }, page.total, page.next)
}

export const catalogMethods: MethodTable = {
  'catalog.catalog.list': (ctx) =>
    out(
      {
        catalogs: [
          {
            id: ctx.store.catalogIblockId,
            iblockId: ctx.store.catalogIblockId,
            iblockTypeId: 'CRM_PRODUCT_CATALOG',
            lid: 's1',
            name: 'Каталог товаров CRM',
            productIblockId: null,
            skuPropertyId: null,
            subscription: 'N',
            vatId: 1,
          },
        ],
      },
      1,
    ),
  'catalog.section.list': (ctx) =>
    list(
      ctx,
      [...ctx.store.sections.values()].map((s) => ({
        id: s.id,
        iblockId: s.iblockId,
        iblockSectionId: s.parentId,
        name: s.name,
        code: s.code,
        sort: s.sort,
        active: 'Y',
      })),
      'sections',
    ),
  'catalog.product.list': (ctx) => {
    const filter = param(ctx.params, 'filter')
    if (!isRecord(filter) || !Object.keys(filter).some((k) => k.replace(/^[=@]/, '') === 'iblockId'))
      throw catalogError(200040300030, 'Required filter field: iblockId')
    const select = toArray(param(ctx.params, 'select')).map(String)
    if (select.length > 0 && !select.includes('*') && !(select.includes('id') && select.includes('iblockId')))
      throw catalogError(200040300040, 'Required select fields: id, iblockId')
    return list(ctx, [...ctx.store.products.values()].map(productRow), 'products')
  },
  'catalog.product.get': (ctx) => {
    const id = toId(param(ctx.params, 'id'))
    const p = id === undefined ? undefined : ctx.store.products.get(id)
    if (!p) throw catalogError(0, 'Product is not exists')
    return out({ product: productRow(p) })
  },
  'catalog.product.update': (ctx) => {
    if (!ctx.user.crmWrite) throw catalogError(200040300010, 'Access denied')
    const id = toId(param(ctx.params, 'id'))
    const p = id === undefined ? undefined : ctx.store.products.get(id)
    if (!p) throw catalogError(0, 'Product is not exists')
    const fields = param(ctx.params, 'fields')
    if (!isRecord(fields)) throw catalogError(0, 'Required parameter "fields" is missing')
    for (const k of ['name', 'code', 'active', 'sort', 'previewText'] as const)
      if (k in fields) (p as unknown as Record<string, unknown>)[k] = fields[k]
    if ('weight' in fields) p.weight = Number(fields['weight'])
    if ('purchasingPrice' in fields) p.purchasingPrice = String(fields['purchasingPrice'])
    return out({ product: productRow(p) })
  },
  'catalog.price.list': (ctx) =>
    list(
      ctx,
      [...ctx.store.prices.values()].map((p) => ({
        id: p.id,
        productId: p.productId,
        catalogGroupId: p.catalogGroupId,
        price: Number(p.price),
        currency: p.currency,
        quantityFrom: null,
        quantityTo: null,
      })),
      'prices',
    ),
  'catalog.storeproduct.list': (ctx) =>
    list(
      ctx,
      [...ctx.store.storeProducts.values()].map((s) => ({
        id: s.id,
        productId: s.productId,
        storeId: s.storeId,
        amount: s.amount,
        quantityReserved: s.quantityReserved,
      })),
      'storeProducts',
    ),
  'catalog.store.list': (ctx) =>
    list(
      ctx,
      [...ctx.store.stores.values()].map((s) => ({ id: s.id, title: s.title, address: s.address, active: 'Y' })),
      'stores',
    ),
  'catalog.vat.list': (ctx) =>
    list(
      ctx,
      [...ctx.store.vats.values()].map((v) => ({
        id: v.id,
        name: v.name,
        rate: Number(v.rate),
        active: v.active,
        sort: v.sort,
      })),
      'vats',
    ),
  'catalog.measure.list': (ctx) =>
    list(
      ctx,
      [
        { id: 5, code: 796, measureTitle: 'Штука', symbol: 'шт', symbolIntl: 'pc. 1', isDefault: 'Y' },
        { id: 3, code: 166, measureTitle: 'Килограмм', symbol: 'кг', symbolIntl: 'kg', isDefault: 'N' },
        { id: 1, code: 6, measureTitle: 'Метр', symbol: 'м', symbolIntl: 'm', isDefault: 'N' },
      ],
      'measures',
    ),
}
