import * as v from 'valibot'
import { err, ok, type Result } from '@salesflow/rules'
import { portalError, type PortalError } from './errors'

/**
 * Validates a wire payload at the boundary. A mismatch becomes VALIDATION naming the field
 * (`deal.OPPORTUNITY: expected numeric string`), never an `undefined` deeper in.
 */
export function parseWire<S extends v.GenericSchema>(
  schema: S,
  data: unknown,
  entity: string,
  method?: string,
): Result<v.InferOutput<S>, PortalError> {
  const res = v.safeParse(schema, data)
  if (res.success) return ok(res.output)
  const issue = res.issues[0]
  const path = issue ? v.getDotPath(issue) : null
  const field = path ? `${entity}.${path}` : entity
  const problem = issue?.message ?? 'invalid'
  return err(
    portalError('VALIDATION', {
      field,
      description: `${field}: ${problem}`,
      retriable: false,
      ...(method !== undefined ? { method } : {}),
      cause: res.issues,
    }),
  )
}
