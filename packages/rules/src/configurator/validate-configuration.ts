import { isOneOf, isRecord, ownData } from '../input'
import { err, ok, type Result } from '../result'
import type { CompatibilityRule, Configuration, ProductModel } from './product-model'

/** A configuration problem with its rule and the administrator's explanation. */
export type Violation =
  | { readonly code: 'UNKNOWN_PLATFORM'; readonly id: string }
  | { readonly code: 'UNKNOWN_COMPONENT'; readonly id: string }
  | { readonly code: 'INVALID_QUANTITY'; readonly componentId: string; readonly quantity: unknown }
  /** The configuration or the model is not the shape the configurator stores (no `components` list). */
  | { readonly code: 'INVALID_INPUT'; readonly field: string; readonly value: unknown }
  | {
      readonly code: 'REQUIRES'
      readonly ruleId: string
      readonly item: string
      readonly anyOf: readonly string[]
      readonly explain?: string
    }
  | {
      readonly code: 'EXCLUDES'
      readonly ruleId: string
      readonly a: string
      readonly b: string
      readonly explain?: string
    }
  | {
      readonly code: 'QUANTITY_BELOW' | 'QUANTITY_ABOVE'
      readonly ruleId: string
      readonly item: string
      readonly limit: number
      readonly actual: number
      readonly explain?: string
    }

export interface ConfigurationCheck {
  readonly valid: boolean
  readonly violations: readonly Violation[]
}

/** Component quantities merged by id (whole units, > 0), or the bad entries. */
export function quantities(config: Configuration): { counts: Map<string, number>; bad: Violation[] } {
  const counts = new Map<string, number>()
  const bad: Violation[] = []
  if (!Array.isArray(config.components)) {
    return { counts, bad: [{ code: 'INVALID_INPUT', field: 'components', value: config.components }] }
  }
  for (const [i, c] of config.components.entries()) {
    if (!isRecord(c) || typeof c.componentId !== 'string') {
      bad.push({ code: 'INVALID_INPUT', field: `components[${i}]`, value: c })
      continue
    }
    const raw: unknown = c.quantity
    const q = typeof raw === 'number' ? raw : typeof raw === 'string' && /^\s*\d+\s*$/.test(raw) ? Number(raw) : NaN
    if (!Number.isSafeInteger(q) || q < 0) {
      bad.push({ code: 'INVALID_QUANTITY', componentId: c.componentId, quantity: c.quantity })
      continue
    }
    if (q > 0) counts.set(c.componentId, (counts.get(c.componentId) ?? 0) + q)
  }
  return { counts, bad }
}

const withExplain = (r: CompatibilityRule) => (r.explain ? { explain: r.explain } : {})

/**
 * Checks a configuration against the model: known platform and components, whole positive quantities, and every
 * compatibility rule. Lists every violation (not only the first) so the configurator can mark them all.
 */
export function validateConfiguration(model: ProductModel, config: Configuration): ConfigurationCheck {
  if (!isRecord(config))
    return { valid: false, violations: [{ code: 'INVALID_INPUT', field: 'configuration', value: config }] }
  const checked = checkedModel(model)
  if (!checked.ok) return { valid: false, violations: [checked.error] }
  model = checked.value
  config = ownData(config)
  const violations: Violation[] = []
  if (!model.platforms.some((p) => p.id === config.platformId)) {
    violations.push({ code: 'UNKNOWN_PLATFORM', id: config.platformId })
  }
  const { counts, bad } = quantities(config)
  violations.push(...bad)
  for (const id of counts.keys()) {
    if (!model.components.some((c) => c.id === id)) violations.push({ code: 'UNKNOWN_COMPONENT', id })
  }
  const amount = (ref: string): number => {
    if (ref === config.platformId) return 1
    if (ref.startsWith('group:')) {
      const group = ref.slice(6)
      return model.components.filter((c) => c.group === group).reduce((s, c) => s + (counts.get(c.id) ?? 0), 0)
    }
    return counts.get(ref) ?? 0
  }
  for (const r of model.rules) {
    if (r.kind === 'requires') {
      if (amount(r.if) > 0 && !r.then.some((t) => amount(t) > 0)) {
        violations.push({ code: 'REQUIRES', ruleId: r.id, item: r.if, anyOf: r.then, ...withExplain(r) })
      }
    } else if (r.kind === 'excludes') {
      if (amount(r.a) > 0 && amount(r.b) > 0)
        violations.push({ code: 'EXCLUDES', ruleId: r.id, a: r.a, b: r.b, ...withExplain(r) })
    } else {
      if (r.platform !== undefined && r.platform !== config.platformId) continue
      const actual = amount(r.item)
      if (r.min !== undefined && actual < r.min) {
        violations.push({ code: 'QUANTITY_BELOW', ruleId: r.id, item: r.item, limit: r.min, actual, ...withExplain(r) })
      }
      if (r.max !== undefined && actual > r.max) {
        violations.push({ code: 'QUANTITY_ABOVE', ruleId: r.id, item: r.item, limit: r.max, actual, ...withExplain(r) })
      }
    }
  }
  return { valid: violations.length === 0, violations }
}

const isText = (v: unknown) => typeof v === 'string'
const optional = (v: unknown, test: (x: unknown) => boolean) => v === undefined || test(v)
const isFinite = (v: unknown) => typeof v === 'number' && Number.isFinite(v)
const RULE_FIELDS: Record<CompatibilityRule['kind'], Record<string, (v: unknown) => boolean>> = {
  requires: { if: isText, then: (v) => Array.isArray(v) && v.every(isText) },
  excludes: { a: isText, b: isText },
  quantity: {
    item: isText,
    min: (v) => optional(v, isFinite),
    max: (v) => optional(v, isFinite),
    platform: (v) => optional(v, isText),
  },
}

const CHECKED = new WeakMap<object, { readonly model: ProductModel; readonly problem: Violation | undefined }>()

/**
 * The model as own data with its shape checked, once per model object: a configurator checks every keystroke
 * against the same model, and copying 200 components each time would be most of the work. Models are treated as
 * immutable (they are read from settings and never edited in place).
 */
export function checkedModel(model: ProductModel): Result<ProductModel, Violation> {
  if (!isRecord(model)) return err({ code: 'INVALID_INPUT', field: 'model', value: model })
  let entry = CHECKED.get(model)
  if (!entry) {
    const own = ownData(model)
    entry = { model: own, problem: modelShape(own) }
    CHECKED.set(model, entry)
  }
  return entry.problem ? err(entry.problem) : ok(entry.model)
}

/** A model that is not one (a broken settings JSON) cannot check anything: the first bad field. */
export function modelShape(model: ProductModel): Violation | undefined {
  const bad = (field: string, value: unknown): Violation => ({ code: 'INVALID_INPUT', field, value })
  if (!isRecord(model)) return bad('model', model)
  for (const field of ['platforms', 'components'] as const) {
    const list: unknown = model[field]
    if (!Array.isArray(list)) return bad(field, list)
    for (const [i, item] of list.entries()) {
      const texts = field === 'components' ? ['id', 'code', 'name', 'group'] : ['id', 'code', 'name']
      if (!isRecord(item) || !texts.every((k) => isText(item[k]))) return bad(`${field}[${i}]`, item)
    }
  }
  const order: unknown = model.groupOrder
  if (!optional(order, (v) => Array.isArray(v) && v.every(isText))) return bad('groupOrder', order)
  if (!Array.isArray(model.rules)) return bad('rules', model.rules)
  for (const [i, rule] of model.rules.entries()) {
    const kind = isRecord(rule) ? rule.kind : undefined
    const fields = isOneOf(kind, ['requires', 'excludes', 'quantity'] as const) ? RULE_FIELDS[kind] : undefined
    const valid =
      fields &&
      isText(rule.id) &&
      optional(rule.explain, isText) &&
      Object.entries(fields).every(([k, test]) => test((rule as Record<string, unknown>)[k]))
    if (!valid) return bad(`rules[${i}]`, rule)
  }
  return undefined
}
