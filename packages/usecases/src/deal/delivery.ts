import { convertMoney, parseDecimal, quoteDelivery, type Lang, type Result, type SalesError } from '@salesflow/rules'
import type { DealCard } from '@salesflow/portal'
import type { Settings } from '../settings'
import type { UsecaseError } from '../errors'
import type { DraftRow } from './order-draft'

/** Delivery parameters of an order, as entered (kept in the deal's fields named by the settings). */
export interface DeliveryParams {
  readonly zone: string
  readonly urgency: string
  readonly weightKg: string
}

export interface DeliveryPrice {
  /** In the order's currency, tax included. */
  readonly price: string
}

/** The parameters stored on the deal. */
export function deliveryParamsOf(card: DealCard | null, settings: Settings): DeliveryParams {
  const uf = card?.deal.userFields ?? {}
  const f = settings.fields
  return {
    zone: String(uf[f.deliveryZone] ?? ''),
    urgency: String(uf[f.urgency] || 'standard'),
    weightKg: String(uf[f.deliveryWeightKg] ?? ''),
  }
}

/** The deal fields that go with a save: the parameters as entered. */
export function deliveryFields(params: DeliveryParams, settings: Settings): Record<string, string> {
  const f = settings.fields
  return { [f.deliveryZone]: params.zone, [f.urgency]: params.urgency, [f.deliveryWeightKg]: params.weightKg }
}

/**
 * The delivery price from the rule table (rules `quoteDelivery`) converted to the order's currency; null while the
 * parameters are incomplete.
 */
export function quoteOrderDelivery(
  params: DeliveryParams,
  settings: Settings,
  currency: string,
  currencies: DealCard['currencies'],
): Result<DeliveryPrice, SalesError> | null {
  if (!params.zone || params.weightKg === '') return null
  const table = settings.delivery
  const q = quoteDelivery(table, params.zone, params.urgency, params.weightKg)
  if (!q.ok) return q
  const price = convertMoney(q.value.price, table.currency, currency, currencies)
  return price.ok ? { ok: true, value: { ...q.value, price: price.value } } : price
}

/** The order's delivery row: the configured catalog product (a row's name is not its identity). */
export function deliveryRowOf(draft: readonly DraftRow[], settings: Settings): DraftRow | undefined {
  const id = settings.deliveryRow.productId
  return id === null ? undefined : draft.find((d) => d.productId === id)
}

/** Whether the delivery row carries the quoted price (compared as decimals, not as spelled). */
export function deliveryApplied(row: DraftRow | undefined, price: DeliveryPrice | null): boolean {
  if (!row || !price) return false
  const list = parseDecimal(row.listPrice, 'listPrice')
  return list.ok && list.value.eq(price.price)
}

/**
 * The draft with the quoted price as its delivery row: the existing row updated, or a new one added at the end.
 * `key` names a new row (the caller's clock or counter: this layer has none).
 */
export function applyDelivery(
  draft: readonly DraftRow[],
  price: DeliveryPrice,
  settings: Settings,
  lang: Lang,
  key: string,
): Result<DraftRow[], UsecaseError> {
  const policy = settings.deliveryRow
  if (policy.productId === null) return { ok: false, error: { code: 'DELIVERY_PRODUCT_NOT_CONFIGURED' } }
  const patch = { listPrice: price.price, quantity: '1', discountType: 'percent' as const, discountValue: '0' }
  const row = deliveryRowOf(draft, settings)
  if (row) return { ok: true, value: draft.map((d) => (d === row ? { ...d, ...patch } : d)) }
  const added: DraftRow = {
    key,
    id: null,
    productId: policy.productId,
    productName: policy.name[lang],
    measureCode: null,
    measureName: policy.measureName[lang],
    taxRate: String(settings.delivery.vatRate),
    taxIncluded: 'Y',
    ...patch,
  }
  return { ok: true, value: [...draft, added] }
}
