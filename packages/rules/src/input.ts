import { isRecord } from './is-record'
import Decimal from 'decimal.js'

/**
 * Input records come from REST, forms and JSON settings. The rules read only what a record itself says:
 * inherited properties (`Object.create(proto)`) and prototype keys (`'__proto__'`, `'constructor'`) are never
 * taken as data.
 */

/** A plain record (not null, not an array). */
export { isRecord }

/** `obj[key]` when `obj` has that key itself, else undefined: a hostile key never reaches Object.prototype. */
export function own(obj: unknown, key: PropertyKey): unknown {
  return typeof obj === 'object' && obj !== null && Object.prototype.hasOwnProperty.call(obj, key)
    ? (obj as Record<PropertyKey, unknown>)[key]
    : undefined
}

/** True when `key` is one of `allowed` (an own-key check that '__proto__' or 'constructor' cannot pass). */
export const isOneOf = <T extends string>(key: unknown, allowed: readonly T[]): key is T =>
  typeof key === 'string' && (allowed as readonly string[]).includes(key)

/** Deeper than this an input is no business record; it is passed on as it is (and fails validation there). */
const MAX_DEPTH = 32

/**
 * A copy of `value` with only its own enumerable data: records lose inherited properties, arrays are copied
 * element by element, decimals and primitives are kept. Applied where a public function takes input records.
 */
export function ownData<T>(value: T, depth = 0): T {
  if (typeof value !== 'object' || value === null || depth > MAX_DEPTH || Decimal.isDecimal(value)) return value
  if (Array.isArray(value)) return value.map((v: unknown) => ownData(v, depth + 1)) as T
  const out: Record<string, unknown> = {}
  for (const key of Object.keys(value)) {
    const v = ownData((value as Record<string, unknown>)[key], depth + 1)
    // defineProperty only for '__proto__', which an assignment would take as the copy's prototype (and
    // defineProperty everywhere is several times slower: a 100,000-row deal is copied once per invoice).
    if (key === '__proto__')
      Object.defineProperty(out, key, { value: v, enumerable: true, writable: true, configurable: true })
    else out[key] = v
  }
  return out as T
}

/**
 * The path of the first own '__proto__' or 'constructor' key in a settings JSON, if any: such a key is never
 * data, and a validated configuration is handed back as it is, so it must not carry one.
 */
export function prototypeKeyPath(value: unknown, path = '$', depth = 0): string | undefined {
  if (typeof value !== 'object' || value === null || depth > MAX_DEPTH) return undefined
  for (const key of Object.keys(value)) {
    if (!Array.isArray(value) && (key === '__proto__' || key === 'constructor')) return `${path}.${key}`
    const inner = prototypeKeyPath((value as Record<string, unknown>)[key], `${path}.${key}`, depth + 1)
    if (inner) return inner
  }
  return undefined
}
