import Decimal from 'decimal.js'
import type { CallContext, MethodTable } from '../core/context'
import { out } from '../core/context'
import { isRecord, param, recordParam, toArray, toId, toInt } from '../core/params'
import { RestError } from '../http/rest-error'
import { listRows } from '../query/list'
import type { CrmItem, OwnerType, PortalStore, ProductRow } from '../store/store'
import { ENTITY_BY_OWNER_TYPE, itemsOf, nextId, OWNER_TYPE_BY_ENTITY } from '../store/store'
import { emitItemEvent, requireWrite, type Flavor } from '../crm/item-ops'
import {
  portalConvertMoney,
  itemTotals,
  normalizeFactoryRow,
  normalizeLegacyRow,
  type PortalRowInput,
  type RowOutcome,
} from '../crm/portal-math'

/** A row as the caller sent it, in crm.item field names (legacy UPPER keys already mapped). */
export interface RowInput extends PortalRowInput {
  productId?: unknown
  productName?: unknown
  measureCode?: unknown
  measureName?: unknown
  sort?: unknown
  id?: unknown
}

const LEGACY_KEYS: Record<string, keyof RowInput> = {
  ID: 'id',
  PRODUCT_ID: 'productId',
  PRODUCT_NAME: 'productName',
  PRICE: 'price',
  PRICE_EXCLUSIVE: 'priceExclusive',
  PRICE_NETTO: 'priceNetto',
  PRICE_BRUTTO: 'priceBrutto',
  QUANTITY: 'quantity',
  DISCOUNT_TYPE_ID: 'discountTypeId',
  DISCOUNT_RATE: 'discountRate',
  DISCOUNT_SUM: 'discountSum',
  TAX_RATE: 'taxRate',
  TAX_INCLUDED: 'taxIncluded',
  MEASURE_CODE: 'measureCode',
  MEASURE_NAME: 'measureName',
  SORT: 'sort',
}

/** Writable keys of crm.item.productrow.* (the derived prices are read-only there). */
const FACTORY_KEYS: readonly (keyof RowInput)[] = [
  'id',
  'productId',
  'productName',
  'price',
  'quantity',
  'discountTypeId',
  'discountRate',
  'discountSum',
  'taxRate',
  'taxIncluded',
  'measureCode',
  'measureName',
  'sort',
]

export function readLegacyRow(raw: Record<string, unknown>): RowInput {
  const row: Record<string, unknown> = {}
  for (const [k, v] of Object.entries(raw)) {
    const key = LEGACY_KEYS[k.toUpperCase()]
    if (key) row[key] = v
  }
  return row as unknown as RowInput
}

export function readFactoryRow(raw: Record<string, unknown>): RowInput {
  const row: Record<string, unknown> = {}
  for (const k of FACTORY_KEYS) if (k in raw) row[k] = raw[k]
  return row as unknown as RowInput
}

/** priceAccount: r2 of `price` converted to the base (report) currency at the current rates (b24-math.md 0.A.6). */
function priceAccount(store: PortalStore, price: string, currencyId: string): string {
  const currencies = [...store.currencies.values()]
  const base = currencies.find((c) => c.base)?.currency ?? currencyId
  return portalConvertMoney(price, currencyId, base, currencies).toDecimalPlaces(2, Decimal.ROUND_HALF_UP).toFixed(2)
}

export function ownerOf(store: PortalStore, ownerType: string, ownerId: unknown, flavor: Flavor): CrmItem {
  const entityTypeId = ENTITY_BY_OWNER_TYPE[ownerType as OwnerType]
  if (entityTypeId === undefined)
    throw new RestError(400, 'ENTITY_TYPE_NOT_SUPPORTED', `Entity type ${ownerType} is not supported`)
  const id = toId(ownerId)
  const owner = id === undefined ? undefined : itemsOf(store, entityTypeId)?.get(id)
  if (!owner)
    throw flavor === 'legacy'
      ? new RestError(400, '', 'Not found')
      : new RestError(400, 'OWNER_NOT_FOUND', 'Owner was not found')
  return owner
}

export function rowsOf(store: PortalStore, ownerType: OwnerType, ownerId: number): ProductRow[] {
  return [...store.productRows.values()]
    .filter((r) => r.ownerType === ownerType && r.ownerId === ownerId)
    .sort((a, b) => a.sort - b.sort || a.id - b.id)
}

/**
 * Replaces the owner's rows: every derived field and the owner's OPPORTUNITY / TAX_VALUE come from the emulator's
 * own portal arithmetic (crm/portal-math; factory path for crm.item.*, legacy for crm.deal.productrows.set).
 * A row the portal refuses fails the whole call with ERROR_CORE and nothing is written.
 * No permission check and no event: the seed uses it directly; REST goes through storeRows.
 */
export function writeRows(
  store: PortalStore,
  owner: CrmItem,
  inputs: readonly RowInput[],
  path: 'factory' | 'legacy',
  /** Both families answer a refused row with ERROR_CORE; kept so that callers say which family they serve. */
  _flavor: Flavor,
  /** The owner is new and has no rows yet: skip the scan for old ones (bulk seeding of 10 000 deals). */
  fresh = false,
): ProductRow[] {
  const normalize = path === 'legacy' ? normalizeLegacyRow : normalizeFactoryRow
  const values = inputs.map((input) => {
    const c: RowOutcome = normalize(input)
    if (!c.ok) throw new RestError(400, 'ERROR_CORE', c.message)
    return c.row
  })
  const ownerType = OWNER_TYPE_BY_ENTITY[owner.entityTypeId] ?? 'D'
  const previous = fresh ? [] : rowsOf(store, ownerType, owner.id)
  for (const r of previous) store.productRows.delete(r.id)
  const stored = inputs.map((input, i) => {
    const c = values[i]!
    const productId = toInt(input.productId) ?? 0
    const product = productId ? store.products.get(productId) : undefined
    const keepId = toId(input.id)
    const id = keepId !== undefined && previous.some((p) => p.id === keepId) ? keepId : nextId(store, 'productRow')
    const row: ProductRow = {
      id,
      ownerType,
      ownerId: owner.id,
      productId,
      productName: input.productName ? String(input.productName) : (product?.name ?? `[${id}]`),
      price: c.price,
      priceExclusive: c.priceExclusive,
      priceNetto: c.priceNetto,
      priceBrutto: c.priceBrutto,
      quantity: c.quantity,
      discountTypeId: c.discountTypeId,
      discountRate: c.discountRate,
      discountSum: c.discountSum,
      taxRate: c.taxRate,
      taxIncluded: c.taxIncluded,
      customized: 'Y',
      measureCode: toInt(input.measureCode) ?? 796,
      measureName: input.measureName ? String(input.measureName) : 'шт',
      // The legacy methods store SORT 0 when none is given (b24-platform.md 4.2); crm.item.* numbers them.
      sort: toInt(input.sort) ?? (path === 'legacy' ? 0 : (i + 1) * 10),
      type: product?.type ?? 1,
      storeId: 0,
      xmlId: '',
    }
    store.productRows.set(id, row)
    return row
  })
  const totals = itemTotals(values)
  if (owner.isManualOpportunity !== 'Y') owner.opportunity = totals.opportunity
  owner.taxValue = totals.taxValue
  return stored
}

/** writeRows for a REST caller: the write right first, an update event after. */
export function storeRows(
  ctx: CallContext,
  owner: CrmItem,
  inputs: readonly RowInput[],
  path: 'factory' | 'legacy',
  flavor: Flavor,
): ProductRow[] {
  requireWrite(ctx, flavor)
  const stored = writeRows(ctx.store, owner, inputs, path, flavor)
  emitItemEvent(ctx, owner, 'update')
  return stored
}

const n = (s: string | null): number | null => (s === null ? null : Number(s))

/** crm.item.productrow.* shape: camelCase, JSON numbers. */
export function factoryRow(store: PortalStore, row: ProductRow): Record<string, unknown> {
  const owner = itemsOf(store, ENTITY_BY_OWNER_TYPE[row.ownerType])?.get(row.ownerId)
  return {
    id: row.id,
    ownerId: row.ownerId,
    ownerType: row.ownerType,
    productId: row.productId,
    productName: row.productName,
    price: Number(row.price),
    priceAccount: Number(priceAccount(store, row.price, owner?.currencyId ?? 'RUB')),
    priceExclusive: Number(row.priceExclusive),
    priceNetto: Number(row.priceNetto),
    priceBrutto: Number(row.priceBrutto),
    quantity: Number(row.quantity),
    discountTypeId: row.discountTypeId,
    discountRate: Number(row.discountRate),
    discountSum: Number(row.discountSum),
    taxRate: n(row.taxRate),
    taxIncluded: row.taxIncluded,
    customized: row.customized,
    measureCode: row.measureCode,
    measureName: row.measureName,
    sort: row.sort,
    xmlId: row.xmlId,
    type: row.type,
    storeId: row.storeId,
  }
}

/** crm.deal.productrows.get shape: UPPER_CASE, ids as strings, prices as JSON numbers, PRICE_ACCOUNT a string. */
export function legacyRow(store: PortalStore, row: ProductRow): Record<string, unknown> {
  const owner = itemsOf(store, ENTITY_BY_OWNER_TYPE[row.ownerType])?.get(row.ownerId)
  return {
    ID: String(row.id),
    OWNER_ID: String(row.ownerId),
    OWNER_TYPE: row.ownerType,
    PRODUCT_ID: row.productId,
    PRODUCT_NAME: row.productName,
    ORIGINAL_PRODUCT_NAME: store.products.get(row.productId)?.name ?? row.productName,
    PRODUCT_DESCRIPTION: null,
    PRICE: Number(row.price),
    PRICE_EXCLUSIVE: Number(row.priceExclusive),
    PRICE_NETTO: Number(row.priceNetto),
    PRICE_BRUTTO: Number(row.priceBrutto),
    PRICE_ACCOUNT: priceAccount(store, row.price, owner?.currencyId ?? 'RUB'),
    QUANTITY: Number(row.quantity),
    DISCOUNT_TYPE_ID: row.discountTypeId,
    DISCOUNT_RATE: Number(row.discountRate),
    DISCOUNT_SUM: Number(row.discountSum),
    TAX_RATE: n(row.taxRate),
    TAX_INCLUDED: row.taxIncluded,
    CUSTOMIZED: row.customized,
    MEASURE_CODE: row.measureCode,
    MEASURE_NAME: row.measureName,
    SORT: row.sort,
    XML_ID: row.xmlId,
    TYPE: row.type,
    STORE_ID: row.storeId,
  }
}

function rowsParam(ctx: CallContext, name: string): Record<string, unknown>[] {
  const raw = param(ctx.params, name)
  if (raw === undefined) throw new RestError(400, '100', `Required parameter "${name}" is missing`)
  return toArray(raw).filter(isRecord)
}

function ownerFromRow(ctx: CallContext, row: ProductRow): CrmItem {
  return ownerOf(ctx.store, row.ownerType, row.ownerId, 'item')
}

function getRow(ctx: CallContext): ProductRow {
  const id = toId(param(ctx.params, 'id'))
  const row = id === undefined ? undefined : ctx.store.productRows.get(id)
  if (!row) throw new RestError(400, 'NOT_FOUND', 'Product row was not found')
  return row
}

function rowToInput(row: ProductRow): RowInput {
  return {
    id: row.id,
    productId: row.productId,
    productName: row.productName,
    price: row.price,
    quantity: row.quantity,
    discountTypeId: row.discountTypeId,
    discountRate: row.discountRate,
    discountSum: row.discountSum,
    taxRate: row.taxRate,
    taxIncluded: row.taxIncluded,
    measureCode: row.measureCode,
    measureName: row.measureName,
    sort: row.sort,
  }
}

export const productRowMethods: MethodTable = {
  'crm.item.productrow.fields': () =>
    out({
      fields: Object.fromEntries(
        [
          ['id', 'integer', true],
          ['ownerId', 'integer', false],
          ['ownerType', 'string', false],
          ['productId', 'integer', false],
          ['productName', 'string', false],
          ['price', 'double', false],
          ['priceAccount', 'double', true],
          ['priceExclusive', 'double', true],
          ['priceNetto', 'double', true],
          ['priceBrutto', 'double', true],
          ['quantity', 'double', false],
          ['discountTypeId', 'integer', false],
          ['discountRate', 'double', false],
          ['discountSum', 'double', false],
          ['taxRate', 'double', false],
          ['taxIncluded', 'char', false],
          ['customized', 'char', false],
          ['measureCode', 'integer', false],
          ['measureName', 'string', false],
          ['sort', 'integer', false],
          ['type', 'integer', true],
          ['storeId', 'integer', true],
        ].map(([name, type, ro]) => [
          name,
          {
            type,
            isRequired: ['ownerId', 'ownerType', 'productId'].includes(String(name)),
            isReadOnly: ro,
            isImmutable: false,
            isMultiple: false,
            isDynamic: false,
            title: name,
          },
        ]),
      ),
    }),
  'crm.item.productrow.list': (ctx) => {
    const filter = recordParam(ctx.params, 'filter')
    const ownerType = filter['=ownerType'] ?? filter['ownerType']
    const ownerId = filter['=ownerId'] ?? filter['ownerId']
    if (ownerType === undefined || ownerId === undefined)
      throw new RestError(400, '100', 'Required filter fields: =ownerType, =ownerId')
    const owners = (Array.isArray(ownerId) ? ownerId : [ownerId]).map((o) =>
      ownerOf(ctx.store, String(ownerType), o, 'item'),
    )
    const rows = owners
      .flatMap((o) => rowsOf(ctx.store, String(ownerType) as OwnerType, o.id))
      .map((r) => factoryRow(ctx.store, r))
    const page = listRows(rows, { filter, order: param(ctx.params, 'order'), start: param(ctx.params, 'start') }, 'id')
    return out({ productRows: page.rows }, page.total, page.next)
  },
  'crm.item.productrow.get': (ctx) => out({ productRow: factoryRow(ctx.store, getRow(ctx)) }),
  'crm.item.productrow.set': (ctx) => {
    const owner = ownerOf(ctx.store, String(param(ctx.params, 'ownerType') ?? ''), param(ctx.params, 'ownerId'), 'item')
    const rows = rowsParam(ctx, 'productRows').map(readFactoryRow)
    const stored = storeRows(ctx, owner, rows, 'factory', 'item')
    return out({ productRows: stored.map((r) => factoryRow(ctx.store, r)) })
  },
  'crm.item.productrow.add': (ctx) => {
    const fields = recordParam(ctx.params, 'fields')
    const owner = ownerOf(ctx.store, String(fields['ownerType'] ?? ''), fields['ownerId'], 'item')
    const existing = rowsOf(ctx.store, OWNER_TYPE_BY_ENTITY[owner.entityTypeId] ?? 'D', owner.id)
    const stored = storeRows(ctx, owner, [...existing.map(rowToInput), readFactoryRow(fields)], 'factory', 'item')
    const added = stored[stored.length - 1]
    return out({ productRow: added ? factoryRow(ctx.store, added) : null })
  },
  'crm.item.productrow.update': (ctx) => {
    const row = getRow(ctx)
    const owner = ownerFromRow(ctx, row)
    const patch = readFactoryRow(recordParam(ctx.params, 'fields'))
    const existing = rowsOf(ctx.store, row.ownerType, row.ownerId).map((r) =>
      r.id === row.id ? { ...rowToInput(r), ...patch, id: r.id } : rowToInput(r),
    )
    const stored = storeRows(ctx, owner, existing, 'factory', 'item')
    const updated = stored.find((r) => r.id === row.id)
    return out({ productRow: updated ? factoryRow(ctx.store, updated) : null })
  },
  'crm.item.productrow.delete': (ctx) => {
    const row = getRow(ctx)
    const owner = ownerFromRow(ctx, row)
    const rest = rowsOf(ctx.store, row.ownerType, row.ownerId)
      .filter((r) => r.id !== row.id)
      .map(rowToInput)
    storeRows(ctx, owner, rest, 'factory', 'item')
    return out(null)
  },
  'crm.item.productrow.getavailableforpayment': (ctx) => {
    const ownerType = String(param(ctx.params, 'ownerType') ?? '') as OwnerType
    const owner = ownerOf(ctx.store, ownerType, param(ctx.params, 'ownerId'), 'item')
    const rows = rowsOf(ctx.store, ownerType, owner.id)
    // Quantities are decimals (4 dp): subtract with D so 0.1 + 0.2 billed of 0.3 leaves nothing, not 5e-17.
    const billed = (rowId: number) =>
      [...ctx.store.paymentProducts.values()]
        .filter((p) => p.rowId === rowId)
        .reduce((s, p) => s.plus(p.quantity), new Decimal(0))
    const available = rows
      .map((r) => ({ row: r, left: new Decimal(r.quantity).minus(billed(r.id)) }))
      .filter(({ left }) => left.gt(0))
      .map(({ row, left }) => ({ ...factoryRow(ctx.store, row), quantity: left.toNumber() }))
    return out({ productRows: available })
  },
  'crm.deal.productrows.get': (ctx) => {
    const owner = ownerOf(ctx.store, 'D', param(ctx.params, 'id'), 'legacy')
    return out(rowsOf(ctx.store, 'D', owner.id).map((r) => legacyRow(ctx.store, r)))
  },
  'crm.deal.productrows.set': (ctx) => {
    const owner = ownerOf(ctx.store, 'D', param(ctx.params, 'id'), 'legacy')
    const rows = toArray(param(ctx.params, 'rows')).filter(isRecord).map(readLegacyRow)
    storeRows(ctx, owner, rows, 'legacy', 'legacy')
    return out(true)
  },
  'crm.lead.productrows.get': (ctx) => {
    const owner = ownerOf(ctx.store, 'L', param(ctx.params, 'id'), 'legacy')
    return out(rowsOf(ctx.store, 'L', owner.id).map((r) => legacyRow(ctx.store, r)))
  },
  'crm.lead.productrows.set': (ctx) => {
    const owner = ownerOf(ctx.store, 'L', param(ctx.params, 'id'), 'legacy')
    const rows = toArray(param(ctx.params, 'rows')).filter(isRecord).map(readLegacyRow)
    storeRows(ctx, owner, rows, 'legacy', 'legacy')
    return out(true)
  },
}
