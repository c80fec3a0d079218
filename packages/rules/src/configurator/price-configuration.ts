import { D, parseDecimal, type Dec } from '../decimal'
import { currencyDecimals, moneyConverter, type PortalCurrency } from '../fx/convert-money'
import { phpRound } from '../money/rounding'
import { computeProductRows } from '../pricing/product-rows'
import { err, ok, type Result } from '../result'
import type { SalesError } from '../sales-errors'
import type { ConfiguratorPricing } from './configurator-settings'
import type { Configuration, ProductModel } from './product-model'
import { checkedModel, quantities } from './validate-configuration'
import { isRecord, own, ownData } from '../input'

/** A catalog price (catalog.price.list) of one product, in its own currency. */
export interface ProductPrice {
  readonly productId: number
  readonly price: string
  readonly currency: string
}

/** One priced line: the platform or a component, its own price and the converted one. */
export interface PricedPart {
  readonly id: string
  readonly name: string
  readonly quantity: number
  /** The catalog price per unit, in `currency`. */
  readonly price: string
  readonly currency: string
  /** Per unit, converted to the pricing currency at the portal's rates and rounded like the portal does. */
  readonly converted: string
  readonly sum: string
}

export interface ConfigurationPrice {
  readonly currency: string
  readonly parts: readonly PricedPart[]
  readonly components: string
  readonly assembly: string
  readonly markup: string
  /** The configured item's list price per unit, VAT included (the catalog price the item gets). */
  readonly listPrice: string
  readonly taxRate: string | null
  /** VAT in the list price, as the portal computes it on a product row. */
  readonly tax: string
}

export interface PriceConfigurationInput {
  readonly model: ProductModel
  readonly pricing: ConfiguratorPricing
  readonly configuration: Configuration
  readonly prices: readonly ProductPrice[]
  readonly currencies: readonly PortalCurrency[]
  /** The VAT rate of `pricing.vatId` (catalog.vat.list), null for "no VAT". */
  readonly taxRate: string | null
}

/**
 * The price of a configuration: each part's catalog price converted once per unit to the pricing currency
 * (convertMoney's arithmetic: the portal's rates, rounded to the currency's decimals), times its quantity; plus assembly;
 * plus the markup, rounded half away from zero to the currency's decimals. VAT is what a product row with
 * that price (VAT included) carries. Prices what it can read even when a compatibility rule is broken.
 * Errors: UNKNOWN_PRODUCT (an id the model does not know), PRICE_MISSING, convertMoney's (UNKNOWN_CURRENCY…).
 */
export function priceConfiguration(input: PriceConfigurationInput): Result<ConfigurationPrice, SalesError> {
  const shape = inputProblem(input)
  if (shape) return err(shape)
  // Own data: the checks and the arithmetic see the same values (no getters, nothing inherited). The model is
  // copied once per model object (checkedModel), the rest is small.
  const checked = checkedModel(input.model)
  if (!checked.ok) return err(checked.error.code === 'INVALID_INPUT' ? checked.error : invalidModel(input.model))
  const model = checked.value
  const pricing = ownData(input.pricing)
  const configuration = ownData(input.configuration)
  const prices = input.prices.filter((p) => isRecord(p))
  const currencies = input.currencies
  const target = pricing.currency
  const decimals = currencyDecimals(target, currencies)
  const platform = model.platforms.find((p) => p.id === configuration.platformId)
  if (!platform) return err({ code: 'UNKNOWN_PRODUCT', id: String(configuration.platformId) })
  const { counts, bad } = quantities(configuration)
  const first = bad[0]
  if (first) return err({ code: 'INVALID_INPUT', field: 'quantity', value: first })
  const byId = new Map(model.components.map((c) => [c.id, c]))
  const lines: { id: string; name: string; productId: unknown; quantity: number }[] = [
    { id: platform.id, name: platform.name, productId: platform.productId, quantity: 1 },
  ]
  for (const [id, quantity] of counts) {
    const c = byId.get(id)
    if (!c) return err({ code: 'UNKNOWN_PRODUCT', id })
    lines.push({ id, name: c.name, productId: c.productId, quantity })
  }
  const priceOf = new Map(prices.map((p) => [own(p, 'productId'), p]))
  // One converter per source currency: the table is read once per currency, not once per part.
  const converters = new Map<string, ReturnType<typeof moneyConverter>>()
  const converterFrom = (currency: string) => {
    let c = converters.get(currency)
    if (!c) converters.set(currency, (c = moneyConverter(currency, target, currencies)))
    return c
  }
  const parts: PricedPart[] = []
  let total: Dec = new D(0)
  for (const line of lines) {
    const price = typeof line.productId === 'number' ? priceOf.get(line.productId) : undefined
    if (!price) return err({ code: 'PRICE_MISSING', productId: String(line.productId ?? line.id) })
    const convert = converterFrom(String(own(price, 'currency')))
    if (!convert.ok) return convert
    const converted = convert.value(own(price, 'price') as string)
    if (!converted.ok) return converted
    const unit = phpRound(new D(converted.value), decimals)
    const sum = unit.times(line.quantity)
    total = total.plus(sum)
    parts.push({
      id: line.id,
      name: line.name,
      quantity: line.quantity,
      price: String(own(price, 'price')),
      currency: String(own(price, 'currency')),
      converted: unit.toFixed(decimals),
      sum: sum.toFixed(decimals),
    })
  }
  const assembly = parseDecimal(pricing.assembly, 'assembly')
  if (!assembly.ok) return assembly
  const percent = parseDecimal(pricing.markupPercent, 'markupPercent')
  if (!percent.ok) return percent
  const base = total.plus(assembly.value)
  const listPrice = phpRound(base.times(percent.value.div(100).plus(1)), decimals)
  const row = computeProductRows([{ price: listPrice.toFixed(decimals), taxRate: input.taxRate, taxIncluded: 'Y' }])
    .rows[0]
  if (!row?.ok) return row ?? err({ code: 'INVALID_INPUT', field: 'listPrice', value: listPrice.toFixed() })
  return ok({
    currency: target,
    parts,
    components: total.toFixed(decimals),
    assembly: assembly.value.toFixed(decimals),
    markup: listPrice.minus(base).toFixed(decimals),
    listPrice: listPrice.toFixed(decimals),
    taxRate: input.taxRate,
    tax: row.value.tax,
  })
}

const invalidModel = (value: unknown): SalesError => ({ code: 'INVALID_INPUT', field: 'model', value })

/** The first part of the input that is not the documented shape (INVALID_INPUT); the model is checked apart. */
function inputProblem(input: unknown): SalesError | undefined {
  const bad = (field: string, value: unknown): SalesError => ({ code: 'INVALID_INPUT', field, value })
  if (!isRecord(input)) return bad('input', input)
  if (!isRecord(own(input, 'model'))) return bad('model', own(input, 'model'))
  const pricing = own(input, 'pricing')
  if (!isRecord(pricing) || typeof own(pricing, 'currency') !== 'string') return bad('pricing', pricing)
  const config = own(input, 'configuration')
  if (!isRecord(config) || typeof own(config, 'platformId') !== 'string') return bad('configuration', config)
  const prices = own(input, 'prices')
  if (!Array.isArray(prices)) return bad('prices', prices)
  if (!Array.isArray(own(input, 'currencies'))) return bad('currencies', own(input, 'currencies'))
  const rate = own(input, 'taxRate')
  if (rate !== null && typeof rate !== 'string' && typeof rate !== 'number') return bad('taxRate', rate)
  return undefined
}
