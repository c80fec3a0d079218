import type { CallContext, MethodTable } from '../core/context'
import { out } from '../core/context'
import { isRecord, param, toArray, toId } from '../core/params'
import { RestError } from '../http/rest-error'
import { listRows } from '../query/list'
import type { Product, ProductProperty } from '../store/store'
import { nextId } from '../store/store'

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

/** Property values as the catalog sends them: `property201: {value, valueId}`; an unset property is null. */
function propertyValues(p: Product, names: readonly string[]): Record<string, unknown> {
  const ids = names.map((n) => /^property(\d+)$/i.exec(n)?.[1]).filter((x): x is string => x !== undefined)
  return Object.fromEntries(
    ids.map((id) => {
      const value = p.properties?.[Number(id)]
      return [`property${id}`, value === undefined ? null : { value, valueId: `${p.id}${id}` }]
    }),
  )
}

/** Catalog select: listed fields (id and iblockId required) or every field; properties only when named. */
function pick(row: Record<string, unknown>, select: unknown): Record<string, unknown> {
  const names = toArray(select).map(String)
  if (names.length === 0 || names.includes('*')) return row
  return Object.fromEntries(names.filter((n) => n in row).map((n) => [n, row[n]]))
}

/** `property201: 'x'` or `property201: {value: 'x'}` in add/update fields. */
function readProperties(fields: Record<string, unknown>): Record<number, string> {
  const out: Record<number, string> = {}
  for (const [k, v] of Object.entries(fields)) {
    const m = /^property(\d+)$/i.exec(k)
    if (!m) continue
    const value = isRecord(v) ? v['value'] : v
    out[Number(m[1])] = value === undefined || value === null ? '' : String(value)
  }
  return out
}

/** The writable product fields of add/update (camelCase, as catalog.product.* takes them). */
function applyProductFields(p: Product, fields: Record<string, unknown>): void {
  for (const k of ['name', 'code', 'xmlId', 'active', 'previewText', 'vatIncluded', 'purchasingCurrency'] as const)
    if (k in fields) (p as unknown as Record<string, unknown>)[k] = String(fields[k] ?? '')
  for (const k of ['sort', 'type', 'measure', 'vatId', 'iblockSectionId'] as const)
    if (k in fields) p[k] = toId(fields[k]) ?? p[k]
  if ('weight' in fields) p.weight = Number(fields['weight'])
  if ('purchasingPrice' in fields) p.purchasingPrice = String(fields['purchasingPrice'])
  const props = readProperties(fields)
  if (Object.keys(props).length > 0) p.properties = { ...p.properties, ...props }
}

function priceRow(p: { id: number; productId: number; catalogGroupId: number; price: string; currency: string }) {
  return {
    id: p.id,
    productId: p.productId,
    catalogGroupId: p.catalogGroupId,
    price: Number(p.price),
    currency: p.currency,
    quantityFrom: null,
    quantityTo: null,
  }
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

const PROPERTY_TYPES = ['S', 'N', 'L', 'F', 'E', 'G']
const yn = (v: unknown, fallback: 'Y' | 'N'): 'Y' | 'N' => (v === 'Y' || v === 'N' ? v : fallback)

function propertyRow(p: ProductProperty): Record<string, unknown> {
  return { ...p }
}

function propertyOf(ctx: CallContext): ProductProperty {
  const id = toId(param(ctx.params, 'id'))
  const p = id === undefined ? undefined : ctx.store.productProperties.get(id)
  if (!p) throw catalogError(0, 'Property is not exists')
  return p
}

/** Changing the catalog's structure (its properties) takes the rights to edit the iblock: an administrator's. */
function requireIblockEdit(ctx: CallContext): void {
  if (!ctx.user.isAdmin) throw catalogError(0, 'Access Denied')
}

export const catalogMethods: MethodTable = {
  /** The portal's errors as the reference lists them: code 0 with the sentence (bitrix24/b24restdocs). */
  'catalog.productProperty.add': (ctx) => {
    requireIblockEdit(ctx)
    const fields = param(ctx.params, 'fields')
    if (!isRecord(fields)) throw catalogError(0, 'Required fields: iblockId, name, propertyType')
    const iblockId = toId(fields['iblockId'])
    const name = typeof fields['name'] === 'string' ? fields['name'].trim() : ''
    const type = fields['propertyType']
    if (iblockId === undefined || name === '' || typeof type !== 'string')
      throw catalogError(0, 'Required fields: iblockId, name, propertyType')
    if (iblockId !== ctx.store.catalogIblockId) throw catalogError(0, 'The specified iblock is not a product catalog')
    if (!PROPERTY_TYPES.includes(type)) throw catalogError(0, 'Invalid property type specified')
    const code = typeof fields['code'] === 'string' ? fields['code'] : ''
    if (/^\d/.test(code)) throw catalogError(0, 'Property code cannot start with a digit')
    const id = nextId(ctx.store, 'productProperty')
    const p: ProductProperty = {
      id,
      iblockId,
      name,
      code,
      propertyType: type,
      multiple: yn(fields['multiple'], 'N'),
      active: yn(fields['active'], 'Y'),
      isRequired: yn(fields['isRequired'], 'N'),
      sort: toId(fields['sort']) ?? 500,
      xmlId: typeof fields['xmlId'] === 'string' ? fields['xmlId'] : null,
    }
    ctx.store.productProperties.set(id, p)
    return out({ productProperty: propertyRow(p) })
  },
  'catalog.productProperty.get': (ctx) => out({ productProperty: propertyRow(propertyOf(ctx)) }),
  /** Without an iblockId filter, the properties of every catalog; another iblock's id gives an empty list. */
  'catalog.productProperty.list': (ctx) =>
    list(ctx, [...ctx.store.productProperties.values()].map(propertyRow), 'productProperties'),
  'catalog.productProperty.delete': (ctx) => {
    requireIblockEdit(ctx)
    const p = propertyOf(ctx)
    ctx.store.productProperties.delete(p.id)
    for (const product of ctx.store.products.values()) delete product.properties?.[p.id]
    return out(true)
  },
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
    const rows = [...ctx.store.products.values()].map((p) => ({ ...productRow(p), ...propertyValues(p, select) }))
    return list(ctx, rows, 'products')
  },
  'catalog.product.get': (ctx) => {
    const id = toId(param(ctx.params, 'id'))
    const p = id === undefined ? undefined : ctx.store.products.get(id)
    if (!p) throw catalogError(0, 'Product is not exists')
    const props = Object.keys(p.properties ?? {}).map((k) => `property${k}`)
    return out({ product: { ...productRow(p), ...propertyValues(p, props) } })
  },
  'catalog.product.add': (ctx) => {
    if (!ctx.user.crmWrite) throw catalogError(200040300010, 'Access denied')
    const fields = param(ctx.params, 'fields')
    if (!isRecord(fields)) throw catalogError(0, 'Required parameter "fields" is missing')
    if (toId(fields['iblockId']) !== ctx.store.catalogIblockId) throw catalogError(200040300000, 'Iblock is not exists')
    if (typeof fields['name'] !== 'string' || fields['name'].trim() === '')
      throw catalogError(0, 'Required fields: name')
    const section = toId(fields['iblockSectionId'])
    if (section !== undefined && !ctx.store.sections.has(section)) throw catalogError(0, 'Section is not exists')
    const id = Math.max(1000, ...ctx.store.products.keys()) + 1
    const p: Product = {
      id,
      iblockId: ctx.store.catalogIblockId,
      iblockSectionId: section ?? 0,
      name: '',
      code: '',
      xmlId: String(id),
      active: 'Y',
      sort: 500,
      type: 1,
      measure: 5,
      vatId: 1,
      vatIncluded: 'N',
      purchasingPrice: '',
      purchasingCurrency: 'RUB',
      quantity: 0,
      weight: 0,
      previewText: '',
    }
    applyProductFields(p, fields)
    ctx.store.products.set(id, p)
    const props = Object.keys(p.properties ?? {}).map((k) => `property${k}`)
    return out({ element: { ...productRow(p), ...propertyValues(p, props) } })
  },
  'catalog.product.delete': (ctx) => {
    if (!ctx.user.crmWrite) throw catalogError(200040300010, 'Access denied')
    const id = toId(param(ctx.params, 'id'))
    if (id === undefined || !ctx.store.products.has(id)) throw catalogError(0, 'Product is not exists')
    ctx.store.products.delete(id)
    for (const [k, price] of ctx.store.prices) if (price.productId === id) ctx.store.prices.delete(k)
    return out(true)
  },
  'catalog.price.add': (ctx) => {
    if (!ctx.user.crmWrite) throw catalogError(200040300010, 'Access denied')
    const fields = param(ctx.params, 'fields')
    if (!isRecord(fields)) throw catalogError(0, 'Required parameter "fields" is missing')
    const productId = toId(fields['productId'])
    if (productId === undefined || !ctx.store.products.has(productId)) throw catalogError(0, 'Product is not exists')
    const catalogGroupId = toId(fields['catalogGroupId'])
    if (catalogGroupId === undefined) throw catalogError(0, 'Required fields: catalogGroupId')
    const currency = String(fields['currency'] ?? '')
    if (!ctx.store.currencies.has(currency)) throw catalogError(0, `Currency ${currency} is not exists`)
    const price = Number(fields['price'])
    if (!Number.isFinite(price) || price < 0) throw catalogError(0, 'Invalid price')
    if ([...ctx.store.prices.values()].some((x) => x.productId === productId && x.catalogGroupId === catalogGroupId))
      throw catalogError(0, 'Price for this product and price type already exists')
    const id = nextId(ctx.store, 'price') + 10_000
    const row = { id, productId, catalogGroupId, price: price.toFixed(2), currency }
    ctx.store.prices.set(id, row)
    return out({ price: priceRow(row) })
  },
  'catalog.product.update': (ctx) => {
    if (!ctx.user.crmWrite) throw catalogError(200040300010, 'Access denied')
    const id = toId(param(ctx.params, 'id'))
    const p = id === undefined ? undefined : ctx.store.products.get(id)
    if (!p) throw catalogError(0, 'Product is not exists')
    const fields = param(ctx.params, 'fields')
    if (!isRecord(fields)) throw catalogError(0, 'Required parameter "fields" is missing')
    applyProductFields(p, fields)
    const props = Object.keys(p.properties ?? {}).map((k) => `property${k}`)
    return out({ product: { ...productRow(p), ...propertyValues(p, props) } })
  },
  'catalog.price.list': (ctx) => list(ctx, [...ctx.store.prices.values()].map(priceRow), 'prices'),
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
