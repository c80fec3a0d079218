import { parseDecimal } from '../decimal'
import { isRecord, own, ownData } from '../input'
import { err, ok, type Result } from '../result'
import type { ProcessError } from '../sales-errors'
import type { ProductModel } from './product-model'
import { modelShape } from './validate-configuration'

/** How a configured item is priced: catalog prices converted to `currency`, plus assembly, then the markup. */
export interface ConfiguratorPricing {
  readonly currency: string
  /** A fixed assembly charge per configured unit, in `currency`. */
  readonly assembly: string
  /** Added on top of components and assembly, in percent. */
  readonly markupPercent: string
  /** The catalog VAT (catalog.vat.list id) the configured item is created with; its price includes it. */
  readonly vatId: number
  /** The catalog price type the component prices are read from and the item's price is written to. */
  readonly priceTypeId: number
}

/** The iblock properties configured items carry: created by the install, their ids in its own app option. */
export interface ConfiguratorProperties {
  /** The canonical configuration, as JSON: what the item is made of. */
  readonly components: number
  /** draft | pending | approved | rejected */
  readonly approval: number
  /** The approval task's id. */
  readonly task: number
  /** The technician's reason for a rejection. */
  readonly reason: number
}

/** Where configured items live in the catalog: their section and the iblock properties they carry. */
export interface ConfiguratorCatalog {
  readonly sectionId: number
  readonly properties: ConfiguratorProperties
}

/** Who approves: a named user, else the head of a department; the task's deadline in days. */
export interface ConfiguratorApproval {
  readonly responsibleId?: number
  readonly departmentId?: number
  readonly deadlineDays: number
}

/** The app option `salesflow.configurator`: the product model and how its items are priced and approved. */
export interface ConfiguratorSettings {
  readonly model: ProductModel
  readonly pricing: ConfiguratorPricing
  readonly catalog: ConfiguratorCatalog
  readonly approval: ConfiguratorApproval
}

const invalid = (path: string, problem: string): Result<never, ProcessError> =>
  err({ code: 'MODEL_INVALID', path, problem })
const isId = (v: unknown): v is number => typeof v === 'number' && Number.isSafeInteger(v) && v > 0

export const PROPERTY_KEYS = ['components', 'approval', 'task', 'reason'] as const

/** A property id as the option stores it: the install writes batch answers, so a number or its digits. */
const propertyId = (v: unknown): number | null =>
  isId(v) ? v : typeof v === 'string' && /^[1-9]\d{0,9}$/.test(v) ? Number(v) : null

/**
 * The install's option `salesflow.catalogProperties` (an object or its JSON text): the ids of the catalog
 * properties it created. CATALOG_PROPERTIES_MISSING names the first missing one (the install has not run, or
 * failed half-way): running the install again fixes it.
 */
export function parseCatalogProperties(raw: unknown): Result<ConfiguratorProperties, ProcessError> {
  let value: unknown = raw
  const missing = (key: string) => err({ code: 'CATALOG_PROPERTIES_MISSING' as const, key })
  if (typeof raw === 'string') {
    try {
      value = JSON.parse(raw)
    } catch {
      return missing(PROPERTY_KEYS[0])
    }
  }
  if (!isRecord(value)) return missing(PROPERTY_KEYS[0])
  const ids: Partial<Record<(typeof PROPERTY_KEYS)[number], number>> = {}
  for (const k of PROPERTY_KEYS) {
    const id = propertyId(own(value, k))
    if (id === null) return missing(k)
    ids[k] = id
  }
  return ok(ids as ConfiguratorProperties)
}

/**
 * Reads the option as the portal stores it (a JSON string or the parsed object) and checks every part the
 * configurator relies on; `properties` is the install's `salesflow.catalogProperties` option. MODEL_INVALID
 * names the first bad path (`$` when it is no JSON at all), so the administrator knows what to fix; nothing is
 * guessed.
 */
export function parseConfiguratorSettings(
  raw: unknown,
  properties: unknown,
): Result<ConfiguratorSettings, ProcessError> {
  const option = parseConfiguratorOption(raw)
  if (!option.ok) return option
  const props = parseCatalogProperties(properties)
  if (!props.ok) return props
  return ok({ ...option.value, catalog: { ...option.value.catalog, properties: props.value } })
}

/** The `salesflow.configurator` option alone (the settings page checks a draft of it before the property ids exist). */
export type ConfiguratorOption = Omit<ConfiguratorSettings, 'catalog'> & {
  readonly catalog: Omit<ConfiguratorCatalog, 'properties'>
}

/** Checks the configurator option by itself, as parseConfiguratorSettings does, without the catalog property ids. */
export function parseConfiguratorOption(raw: unknown): Result<ConfiguratorOption, ProcessError> {
  let value: unknown = raw
  if (typeof raw === 'string') {
    try {
      value = JSON.parse(raw)
    } catch {
      return invalid('$', 'not JSON')
    }
  }
  if (!isRecord(value)) return invalid('$', raw === undefined ? 'missing' : 'not an object')
  value = ownData(value)
  const shape = modelShape(value as unknown as ProductModel)
  if (shape && shape.code === 'INVALID_INPUT') return invalid(shape.field, 'not the model shape')
  const model = value as unknown as ProductModel
  for (const [field, list] of [
    ['platforms', model.platforms],
    ['components', model.components],
  ] as const) {
    const seen = new Set<string>()
    for (const [i, item] of list.entries()) {
      if (seen.has(item.id)) return invalid(`${field}[${i}].id`, 'duplicate id')
      seen.add(item.id)
      if (!isId(own(item, 'productId'))) return invalid(`${field}[${i}].productId`, 'not a catalog product id')
    }
  }

  const pricing = own(value, 'pricing')
  if (!isRecord(pricing)) return invalid('pricing', 'missing')
  if (typeof pricing['currency'] !== 'string' || !/^[A-Z]{3}$/.test(pricing['currency']))
    return invalid('pricing.currency', 'not a currency code')
  for (const k of ['assembly', 'markupPercent'] as const) {
    const d = parseDecimal(pricing[k], k)
    if (!d.ok || d.value.isNegative()) return invalid(`pricing.${k}`, 'not a decimal ≥ 0')
  }
  for (const k of ['vatId', 'priceTypeId'] as const) if (!isId(pricing[k])) return invalid(`pricing.${k}`, 'not an id')

  const catalog = own(value, 'catalog')
  if (!isRecord(catalog)) return invalid('catalog', 'missing')
  if (!isId(catalog['sectionId'])) return invalid('catalog.sectionId', 'not a section id')

  const approval = own(value, 'approval')
  if (!isRecord(approval)) return invalid('approval', 'missing')
  const days = approval['deadlineDays']
  if (typeof days !== 'number' || !Number.isInteger(days) || days < 1 || days > 365)
    return invalid('approval.deadlineDays', 'not a whole number of days 1…365')
  for (const k of ['responsibleId', 'departmentId'] as const)
    if (approval[k] !== undefined && !isId(approval[k])) return invalid(`approval.${k}`, 'not an id')
  if (approval['responsibleId'] === undefined && approval['departmentId'] === undefined)
    return invalid('approval', 'names neither responsibleId nor departmentId')

  return ok({
    model: {
      platforms: model.platforms,
      components: model.components,
      ...(model.groupOrder ? { groupOrder: model.groupOrder } : {}),
      rules: model.rules,
    },
    pricing: {
      currency: pricing['currency'],
      assembly: String(pricing['assembly']),
      markupPercent: String(pricing['markupPercent']),
      vatId: pricing['vatId'] as number,
      priceTypeId: pricing['priceTypeId'] as number,
    },
    catalog: {
      sectionId: catalog['sectionId'],
    },
    approval: {
      deadlineDays: days,
      ...(approval['responsibleId'] !== undefined ? { responsibleId: approval['responsibleId'] as number } : {}),
      ...(approval['departmentId'] !== undefined ? { departmentId: approval['departmentId'] as number } : {}),
    },
  })
}
