import { err, ok, type Result } from '../result'
import type { ProcessError } from '../sales-errors'
import { fingerprint } from '../hashing/fingerprint'
import type { Configuration, ProductModel } from './product-model'
import { quantities, validateConfiguration } from './validate-configuration'
import { isRecord, ownData } from '../input'

/** A configuration in canonical form: duplicates merged, zero quantities dropped, components sorted by id. */
export interface CanonicalConfiguration {
  readonly platformId: string
  readonly components: readonly (readonly [componentId: string, quantity: number])[]
}

export function canonicalConfiguration(config: Configuration): CanonicalConfiguration {
  // What validateConfiguration refuses (not a record, no components) canonicalises to what is readable of it.
  if (!isRecord(config)) return { platformId: '', components: [] }
  config = ownData(config)
  const { counts } = quantities(config)
  return {
    platformId: typeof config.platformId === 'string' ? config.platformId : '',
    components: [...counts.entries()].sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0)),
  }
}

/** The catalog item a configuration becomes: the same configuration always gives the same one. */
export interface GeneratedItem {
  /** SHA-256 of the canonical configuration: the key to find an existing item and reuse its approval. */
  readonly fingerprint: string
  /** Deterministic article code, ≤ 64 characters: platform, components, then 6 hex digits of the fingerprint. */
  readonly article: string
  /** Deterministic name, ≤ 255 characters (the catalog's limit). */
  readonly name: string
  readonly configuration: CanonicalConfiguration
}

const MAX_ARTICLE = 64
const MAX_NAME = 255

/**
 * Fingerprint, article code and name of a valid configuration. Components appear in the model's group order,
 * then by code; a quantity above one is written `x4` in the code and `×4` in the name. A long code keeps the
 * platform and the fingerprint suffix and cuts components, so codes stay unique and readable.
 * Errors: CONFIGURATION_INVALID (with the violations), NOT_CANONICAL.
 *
 * @example
 * generateItem(DEFAULT_PRODUCT_MODEL, { platformId: 'pt-200', components: [{ componentId: 'sensor-c3', quantity: 4 }, …] })
 * // ok({ article: 'PT200-RL-LC3x4-KS1-CB5-1A2B3C', name: 'Платформа ПТ-200 стальная + Рама облегчённая, …', … })
 */
export function generateItem(model: ProductModel, config: Configuration): Result<GeneratedItem, ProcessError> {
  const check = validateConfiguration(model, config)
  if (!check.valid) return err({ code: 'CONFIGURATION_INVALID', violations: check.violations })
  const canonical = canonicalConfiguration(config)
  const fp = fingerprint(canonical)
  if (!fp.ok) return fp
  const platform = model.platforms.find((p) => p.id === canonical.platformId)!
  const order = model.groupOrder ?? []
  const rank = (g: string) => (order.includes(g) ? order.indexOf(g) : order.length)
  const parts = canonical.components
    .map(([id, qty]) => ({ c: model.components.find((c) => c.id === id)!, qty }))
    .sort(
      (a, b) =>
        rank(a.c.group) - rank(b.c.group) ||
        (a.c.group < b.c.group ? -1 : a.c.group > b.c.group ? 1 : 0) ||
        (a.c.code < b.c.code ? -1 : 1),
    )

  const suffix = fp.value.slice(0, 6).toUpperCase()
  let middle = parts.map((p) => (p.qty > 1 ? `${p.c.code}x${p.qty}` : p.c.code)).join('-')
  const room = MAX_ARTICLE - platform.code.length - suffix.length - 2
  if (middle.length > room) middle = middle.slice(0, Math.max(0, room - 1)).replace(/-+$/, '') + '~'
  const article = [platform.code, middle, suffix].filter(Boolean).join('-')

  let name = `${platform.name} + ${parts.map((p) => (p.qty > 1 ? `${p.c.name} ×${p.qty}` : p.c.name)).join(', ')}`
  if (parts.length === 0) name = platform.name
  if (name.length > MAX_NAME) name = `${name.slice(0, MAX_NAME - 10).trimEnd()}… [${suffix}]`
  return ok({ fingerprint: fp.value, article, name, configuration: canonical })
}
