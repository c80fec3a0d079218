import type * as v from 'valibot'
import { ok, type Result } from '@salesflow/rules'
import type { PortalError } from '../errors'
import { parseWire } from '../validate'

/** A mapper: validate with `schema`, then convert with a pure function. `entity` prefixes the field path. */
export function mapWith<S extends v.GenericSchema, T>(
  schema: S,
  toDomain: (w: v.InferOutput<S>) => T,
  defaultEntity: string,
): (raw: unknown, method?: string, entity?: string) => Result<T, PortalError> {
  return (raw, method, entity = defaultEntity) => {
    const w = parseWire(schema, raw, entity, method)
    return w.ok ? ok(toDomain(w.value)) : w
  }
}
