import { D, parseDecimal, type Dec, type NumericInput } from '../decimal'
import { convertMoney, currencyDecimals, type PortalCurrency } from '../fx/convert-money'
import { phpRound } from '../money/rounding'
import { computeProductRows, type ComputedProductRow, type ProductRowInput, type YesNo } from '../pricing/product-rows'
import { priceForRest, type ManagerDiscount } from '../pricing/price-for-rest'
import { err, ok, type Result } from '../result'
import type { SalesError } from '../sales-errors'
import { generateItem } from '../configurator/generated-item'
import type { Configuration, ProductModel } from '../configurator/product-model'
import { quoteDelivery, type DeliveryQuote, type DeliveryTable } from './delivery'
import { isOneOf, isRecord, ownData } from '../input'

/** A catalog price of a model item (platform or component), in the item's own currency, plus logistics data. */
export interface CatalogPrice {
  readonly itemId: string
  readonly price: NumericInput
  readonly currency: string
  /** The catalog's WEIGHT, in grams. */
  readonly weightGrams?: NumericInput
  readonly volumeM3?: NumericInput
}

export interface OrderCostInput {
  readonly model: ProductModel
  readonly configuration: Configuration
  readonly catalog: readonly CatalogPrice[]
  /** The deal currency and crm.currency.list: every catalog price is converted with convertMoney at these rates. */
  readonly currency: string
  readonly currencies: readonly PortalCurrency[]
  /** How many configured units are ordered (default 1). */
  readonly units?: number
  /** `single`: one row of the generated item; `components`: one row per platform and component. */
  readonly itemization?: 'single' | 'components'
  /** The generated item's catalog product id, written on the single row. */
  readonly configuredProductId?: string | number
  /** Applies per unit; `components` mode accepts only a percentage. */
  readonly discount?: ManagerDiscount
  /** VAT of the goods; catalog prices are list prices in the `taxIncluded` mode (the demo catalog: with VAT). */
  readonly taxRate: NumericInput | null
  readonly taxIncluded: YesNo
  readonly delivery?: {
    readonly table: DeliveryTable
    readonly zone: string
    readonly urgency: string
    /** Overrides the weight summed from the catalog. */
    readonly weightKg?: NumericInput
    readonly volumeM3?: NumericInput
  }
}

export interface OrderRow extends ProductRowInput {
  readonly price: string
  readonly kind: 'configured' | 'platform' | 'component' | 'delivery'
  readonly productName: string
  readonly productId?: string | number
  /** The list price per unit the manager sees (before discount), in the deal currency. */
  readonly listPrice: string
  /** False when no 2-decimal price makes the portal store exactly this list price and discount (priceForRest). */
  readonly exact: boolean
}

export interface OrderCost {
  /** Rows for crm.item.productrow.set: exactly what computeProductRows (hence Bitrix24) stores as `stored`. */
  readonly rows: readonly OrderRow[]
  readonly stored: readonly ComputedProductRow[]
  readonly opportunity: string
  readonly taxValue: string
  /** One configured unit's list price in the deal currency: Σ converted item prices × quantities. */
  readonly unitListPrice: string
  readonly article: string
  readonly name: string
  readonly fingerprint: string
  readonly delivery?: DeliveryQuote
}

/**
 * The order cost of a configuration: catalog prices converted to the deal currency (each price once, rounded
 * to the currency's decimals, like the portal's own conversion), the configured unit's list price, the
 * discount, the delivery from the rule table, turned into product rows through priceForRest so that Bitrix24
 * stores exactly the list prices and discount shown to the manager (or says `exact: false` when no such
 * 2-decimal price exists). Totals come from computeProductRows.
 *
 * Errors: CONFIGURATION_INVALID, PRICE_MISSING, CONFIG_INVALID (an amount discount itemised per component),
 * NO_DELIVERY_RULE, UNKNOWN_URGENCY, the conversion errors of convertMoney, INVALID_NUMBER.
 */
export function computeOrderCost(input: OrderCostInput): Result<OrderCost, SalesError> {
  input = ownData(input)
  const shape = inputProblem(input)
  if (shape) return err(shape)
  const item = generateItem(input.model, input.configuration)
  if (!item.ok) return item
  const units = input.units ?? 1
  if (!Number.isSafeInteger(units) || units <= 0) return err({ code: 'INVALID_NUMBER', field: 'units', value: units })
  const itemization = input.itemization ?? 'single'
  if (itemization === 'components' && input.discount?.type === 'amount') {
    return err({ code: 'CONFIG_INVALID', path: 'discount', problem: 'an amount discount needs itemization "single"' })
  }
  const decimals = currencyDecimals(input.currency, input.currencies)

  const lines: {
    id: string
    name: string
    kind: 'platform' | 'component'
    productId?: string | number
    qty: number
  }[] = [
    {
      ...pick(input.model.platforms.find((p) => p.id === item.value.configuration.platformId)!),
      kind: 'platform',
      qty: 1,
    },
    ...item.value.configuration.components.map(([id, qty]) => ({
      ...pick(input.model.components.find((c) => c.id === id)!),
      kind: 'component' as const,
      qty,
    })),
  ]
  let unitList: Dec = new D(0)
  let weightKg: Dec = new D(0)
  let volume: Dec = new D(0)
  const priced: { line: (typeof lines)[number]; price: Dec }[] = []
  for (const line of lines) {
    const cat = input.catalog.find((c) => c.itemId === line.id)
    if (!cat) return err({ code: 'PRICE_MISSING', productId: line.id })
    const converted = convertMoney(cat.price, cat.currency, input.currency, input.currencies)
    if (!converted.ok) return converted
    const price = phpRound(new D(converted.value), decimals)
    priced.push({ line, price })
    unitList = unitList.plus(price.times(line.qty))
    const g = parseDecimal(cat.weightGrams ?? 0, `weightGrams of ${line.id}`)
    if (!g.ok) return g
    const m3 = parseDecimal(cat.volumeM3 ?? 0, `volumeM3 of ${line.id}`)
    if (!m3.ok) return m3
    weightKg = weightKg.plus(g.value.div(1000).times(line.qty * units))
    volume = volume.plus(m3.value.times(line.qty * units))
  }

  const rows: OrderRow[] = []
  const tax = { taxRate: input.taxRate, taxIncluded: input.taxIncluded }
  const addRow = (
    meta: { kind: OrderRow['kind']; productName: string; productId?: string | number },
    listPrice: Dec,
    quantity: number,
    discount: ManagerDiscount | undefined,
    taxRate: NumericInput | null,
  ): Result<true, SalesError> => {
    const rest = priceForRest({
      listPrice: listPrice.toFixed(decimals),
      quantity,
      ...(discount ? { discount } : {}),
      taxRate,
      taxIncluded: tax.taxIncluded,
    })
    if (!rest.ok) return rest
    rows.push({ ...meta, ...rest.value.input, listPrice: listPrice.toFixed(decimals), exact: rest.value.exact })
    return ok(true)
  }
  if (itemization === 'single') {
    const meta = {
      kind: 'configured' as const,
      productName: item.value.name,
      ...(input.configuredProductId !== undefined ? { productId: input.configuredProductId } : {}),
    }
    const r = addRow(meta, unitList, units, input.discount, tax.taxRate)
    if (!r.ok) return r
  } else {
    for (const { line, price } of priced) {
      const meta = {
        kind: line.kind,
        productName: line.name,
        ...(line.productId !== undefined ? { productId: line.productId } : {}),
      }
      const r = addRow(meta, price, line.qty * units, input.discount, tax.taxRate)
      if (!r.ok) return r
    }
  }

  let delivery: DeliveryQuote | undefined
  if (input.delivery) {
    const d = input.delivery
    const quote = quoteDelivery(d.table, d.zone, d.urgency, d.weightKg ?? weightKg, d.volumeM3 ?? volume)
    if (!quote.ok) return quote
    delivery = quote.value
    const converted = convertMoney(quote.value.price, d.table.currency, input.currency, input.currencies)
    if (!converted.ok) return converted
    // The table's prices include its VAT; in a tax-excluded document the row carries the net price.
    const gross = new D(converted.value)
    const vat = parseDecimal(d.table.vatRate, 'vatRate')
    if (!vat.ok) return vat
    const list = tax.taxIncluded === 'Y' ? gross : phpRound(gross.div(vat.value.div(100).plus(1)), decimals)
    const r = addRow(
      { kind: 'delivery', productName: `Доставка (${d.zone}, ${d.urgency})` },
      list,
      1,
      undefined,
      d.table.vatRate,
    )
    if (!r.ok) return r
  }

  const computed = computeProductRows(rows)
  const stored: ComputedProductRow[] = []
  for (const r of computed.rows) {
    if (!r.ok) return r
    stored.push(r.value)
  }
  return ok({
    rows,
    stored,
    opportunity: computed.opportunity,
    taxValue: computed.taxValue,
    unitListPrice: unitList.toFixed(decimals),
    article: item.value.article,
    name: item.value.name,
    fingerprint: item.value.fingerprint,
    ...(delivery ? { delivery } : {}),
  })
}

const pick = (x: { id: string; name: string; productId?: string | number }) => ({
  id: x.id,
  name: x.name,
  ...(x.productId !== undefined ? { productId: x.productId } : {}),
})

/** The first part of the input that is not the documented shape, if any (INVALID_INPUT, INVALID_ENUM). */
function inputProblem(input: unknown): SalesError | undefined {
  const bad = (field: string, value: unknown): SalesError => ({ code: 'INVALID_INPUT', field, value })
  if (!isRecord(input)) return bad('input', input)
  if (typeof input.currency !== 'string') return bad('currency', input.currency)
  if (!Array.isArray(input.currencies)) return bad('currencies', input.currencies)
  if (!Array.isArray(input.catalog)) return bad('catalog', input.catalog)
  for (const [i, c] of input.catalog.entries()) {
    if (!isRecord(c) || typeof c.itemId !== 'string' || typeof c.currency !== 'string') return bad(`catalog[${i}]`, c)
  }
  const itemization: unknown = input.itemization
  if (itemization !== undefined && !isOneOf(itemization, ['single', 'components'] as const)) {
    return { code: 'INVALID_ENUM', field: 'itemization', value: itemization, allowed: ['single', 'components'] }
  }
  if (input.discount !== undefined && !isRecord(input.discount)) return bad('discount', input.discount)
  const delivery: unknown = input.delivery
  if (delivery !== undefined && !(isRecord(delivery) && isRecord(delivery.table))) return bad('delivery', delivery)
  const id: unknown = input.configuredProductId
  if (id !== undefined && typeof id !== 'string' && !(typeof id === 'number' && Number.isFinite(id))) {
    return bad('configuredProductId', id)
  }
  return undefined
}
