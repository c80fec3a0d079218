/** Request parameters after JSON / form / query merging. */
export type Params = Record<string, unknown>

/** Legacy methods accept `ID`/`id`, `FIELDS`/`fields`, … : a case-insensitive key lookup. */
export function param(params: Params, name: string): unknown {
  if (name in params) return params[name]
  const lower = name.toLowerCase()
  for (const [k, v] of Object.entries(params)) if (k.toLowerCase() === lower) return v
  return undefined
}

export function isRecord(value: unknown): value is Record<string, unknown> {
  return typeof value === 'object' && value !== null && !Array.isArray(value)
}

/** A record, or an empty one (PHP sends an empty list `[]` for an empty map). */
export function recordParam(params: Params, name: string): Record<string, unknown> {
  const v = param(params, name)
  return isRecord(v) ? v : {}
}

/** A positive integer id from a number or numeric string; undefined otherwise. */
export function toId(value: unknown): number | undefined {
  if (typeof value === 'number' && Number.isInteger(value) && value > 0) return value
  if (typeof value === 'string' && /^\d+$/.test(value.trim()) && Number(value) > 0) return Number(value)
  return undefined
}

/** An integer (0 allowed) from a number or numeric string. */
export function toInt(value: unknown): number | undefined {
  if (typeof value === 'number' && Number.isInteger(value)) return value
  if (typeof value === 'string' && /^-?\d+$/.test(value.trim())) return Number(value)
  return undefined
}

export function toArray(value: unknown): unknown[] {
  if (Array.isArray(value)) return value
  if (isRecord(value)) return Object.values(value)
  if (value === undefined || value === null || value === '') return []
  return [value]
}
