import { D, MAX_AMOUNT, parseDecimal, withinAmountLimit, type Dec, type NumericInput } from '../decimal'
import { phpRound } from '../money/rounding'
import { err, ok, type Result } from '../result'
import type { SalesError } from '../sales-errors'
import { isRecord, own, ownData } from '../input'

/** One line of the delivery rule table: up to `upToKg` chargeable kg (null: no limit) in `zone`, base + per kg. */
export interface DeliveryTier {
  readonly zone: string
  readonly upToKg: number | null
  readonly base: NumericInput
  readonly perKg: NumericInput
}

/** Delivery pricing as data: tiers per zone, urgency factors, volumetric weight, currency and VAT. */
export interface DeliveryTable {
  readonly currency: string
  readonly vatRate: NumericInput
  /** Chargeable weight = max(actual kg, m³ × this), the carriers' volumetric rule. */
  readonly volumetricKgPerM3: NumericInput
  readonly tiers: readonly DeliveryTier[]
  readonly urgency: Readonly<Record<string, { readonly factor: NumericInput; readonly surcharge?: NumericInput }>>
}

/** The demo company's table (UF_CRM_SF_DLV_ZONE, UF_CRM_SF_URGENCY), prices in RUB with 22 % VAT. */
export const DEFAULT_DELIVERY_TABLE: DeliveryTable = {
  currency: 'RUB',
  vatRate: 22,
  volumetricKgPerM3: 250,
  tiers: [
    { zone: 'moscow', upToKg: 100, base: '3000', perKg: '0' },
    { zone: 'moscow', upToKg: 1000, base: '4500', perKg: '6' },
    { zone: 'moscow', upToKg: null, base: '9000', perKg: '5' },
    { zone: 'central', upToKg: 100, base: '6000', perKg: '0' },
    { zone: 'central', upToKg: 1000, base: '8000', perKg: '12' },
    { zone: 'central', upToKg: null, base: '15000', perKg: '10' },
    { zone: 'remote', upToKg: 100, base: '12000', perKg: '0' },
    { zone: 'remote', upToKg: 1000, base: '15000', perKg: '25' },
    { zone: 'remote', upToKg: null, base: '30000', perKg: '22' },
  ],
  urgency: { standard: { factor: 1 }, express: { factor: '1.5', surcharge: '2000' } },
}

export interface DeliveryQuote {
  readonly zone: string
  readonly urgency: string
  readonly actualKg: string
  readonly volumetricKg: string
  readonly chargeableKg: string
  /** Tax-inclusive price in the table's currency, 2 decimals. */
  readonly price: string
  readonly tier: DeliveryTier
}

/**
 * Prices a delivery: chargeable kg = max(weight, volume × volumetric factor), the first tier of the zone that
 * holds it (tiers in table order), base + perKg × kg, then × urgency factor + surcharge, rounded half up to
 * kopecks once at the end. Errors: NO_DELIVERY_RULE, UNKNOWN_URGENCY, INVALID_NUMBER, NEGATIVE_AMOUNT.
 */
export function quoteDelivery(
  table: DeliveryTable,
  zone: string,
  urgency: string,
  weightKg: NumericInput,
  volumeM3: NumericInput = 0,
): Result<DeliveryQuote, SalesError> {
  table = ownData(table)
  const shape = tableProblem(table)
  if (shape) return err(shape)
  if (typeof zone !== 'string') return err({ code: 'INVALID_INPUT', field: 'zone', value: zone })
  if (typeof urgency !== 'string') return err({ code: 'INVALID_INPUT', field: 'urgency', value: urgency })
  const w = parseDecimal(weightKg, 'weightKg')
  if (!w.ok) return w
  const v = parseDecimal(volumeM3, 'volumeM3')
  if (!v.ok) return v
  if (w.value.isNegative() || v.value.isNegative()) {
    return err({ code: 'NEGATIVE_AMOUNT', field: 'weight/volume', value: `${w.value.toFixed()}/${v.value.toFixed()}` })
  }
  const u = own(table.urgency, urgency) as DeliveryTable['urgency'][string] | undefined
  if (!isRecord(u)) return err({ code: 'UNKNOWN_URGENCY', urgency })
  const factor = parseDecimal(table.volumetricKgPerM3, 'volumetricKgPerM3')
  if (!factor.ok) return factor
  const volumetric: Dec = v.value.times(factor.value)
  const chargeable = D.max(w.value, volumetric)
  const tier = table.tiers.find((t) => t.zone === zone && (t.upToKg === null || chargeable.lte(t.upToKg)))
  if (!tier) return err({ code: 'NO_DELIVERY_RULE', zone, weightKg: chargeable.toFixed() })
  const numbers: Dec[] = []
  for (const [field, value] of [
    ['base', tier.base],
    ['perKg', tier.perKg],
    ['factor', u.factor],
    ['surcharge', u.surcharge ?? 0],
  ] as const) {
    const n = parseDecimal(value, field)
    if (!n.ok) return n
    numbers.push(n.value)
  }
  const [base, perKg, urgencyFactor, surcharge] = numbers as [Dec, Dec, Dec, Dec]
  const raw = phpRound(base.plus(perKg.times(chargeable)).times(urgencyFactor).plus(surcharge), 2)
  for (const [field, value] of [
    ['price', raw],
    ['chargeableKg', chargeable],
  ] as const) {
    if (!withinAmountLimit(value)) return err({ code: 'OUT_OF_RANGE', field, value: value.toFixed(), max: MAX_AMOUNT })
  }
  return ok({
    zone,
    urgency,
    actualKg: w.value.toFixed(),
    volumetricKg: volumetric.toFixed(),
    chargeableKg: chargeable.toFixed(),
    price: raw.toFixed(2),
    tier,
  })
}

/** A rate table that is not one (a broken settings JSON): INVALID_INPUT naming the first bad part. */
function tableProblem(table: unknown): SalesError | undefined {
  const bad = (field: string, value: unknown): SalesError => ({ code: 'INVALID_INPUT', field, value })
  if (!isRecord(table)) return bad('table', table)
  if (!Array.isArray(table.tiers)) return bad('table.tiers', table.tiers)
  for (const [i, t] of table.tiers.entries()) {
    if (!isRecord(t) || typeof t.zone !== 'string') return bad(`table.tiers[${i}]`, t)
    if (t.upToKg !== null && !(typeof t.upToKg === 'number' && Number.isFinite(t.upToKg))) {
      return bad(`table.tiers[${i}].upToKg`, t.upToKg)
    }
  }
  if (!isRecord(table.urgency)) return bad('table.urgency', table.urgency)
  return undefined
}
