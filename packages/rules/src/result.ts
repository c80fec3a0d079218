import type { RuleError } from './errors'

/**
 * The one error style of @salesflow/rules: every function that can fail on data returns a `Result`.
 * Nothing in this package throws for bad input; a throw is a bug in the caller or in us.
 */
export type Result<T, E extends { readonly code: string } = RuleError> =
  { readonly ok: true; readonly value: T } | { readonly ok: false; readonly error: E }

export const ok = <T>(value: T): Result<T, never> => ({ ok: true, value })
export const err = <E extends { readonly code: string }>(error: E): Result<never, E> => ({ ok: false, error })

/** Collects an array of results into a result of an array, stopping at the first error. */
export function all<T, E extends { readonly code: string }>(results: readonly Result<T, E>[]): Result<T[], E> {
  const values: T[] = []
  for (const r of results) {
    if (!r.ok) return r
    values.push(r.value)
  }
  return ok(values)
}
