import type { Faults, MethodMatcher } from '../types'

export const DEFAULT_FAULTS: Readonly<Faults> = {
  rateLimit: true,
  forceQueryLimit: false,
  expireTokens: true,
  forceExpiredToken: false,
  forceStatus500: null,
  forceTimeout: null,
  timeoutDelayMs: 31_000,
  forceMalformedJson: null,
  forceWrongFieldType: null,
  forceOperatingLimit: null,
}

/** Does a MethodMatcher select this (lower-case) method? */
export function matchesMethod(matcher: MethodMatcher, method: string): boolean {
  if (matcher === null) return false
  const list = typeof matcher === 'string' ? [matcher] : matcher
  return list.some((m) => m === '*' || m.toLowerCase() === method)
}

const NUMERIC_KEYS = new Set([
  'OPPORTUNITY',
  'opportunity',
  'TAX_VALUE',
  'taxValue',
  'PRICE',
  'price',
  'AMOUNT',
  'amount',
  'SUM',
  'sum',
  'QUANTITY',
  'quantity',
])

/** Wraps every numeric field of a result in an object: what a broken proxy or a changed API would send. */
export function corruptNumericFields(value: unknown): unknown {
  if (Array.isArray(value)) return value.map(corruptNumericFields)
  if (typeof value !== 'object' || value === null) return value
  return Object.fromEntries(
    Object.entries(value as Record<string, unknown>).map(([k, v]) => [
      k,
      NUMERIC_KEYS.has(k) && v !== null && typeof v !== 'object' ? { value: v } : corruptNumericFields(v),
    ]),
  )
}
