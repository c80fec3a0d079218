import { err, ok, type Result } from '@salesflow/rules'
import type { PortalClient } from '../client'
import type { QueryObject } from '../batch/query-string'
import type { Options } from '../domain'
import { portalError, type PortalError } from '../errors'
import { write } from './fetch'

/** app.option.get / user.option.get answer an object, or `[]` when nothing is stored (PHP empty array). */
export function optionsOf(result: unknown, method: string): Result<Options, PortalError> {
  if (Array.isArray(result) && result.length === 0) return ok({})
  if (typeof result === 'object' && result !== null && !Array.isArray(result)) return ok(result as Options)
  return err(portalError('VALIDATION', { method, field: 'options', description: 'expected an object' }))
}

export function createOptionsRepository(client: PortalClient) {
  const get = async (method: string) => {
    const res = await client.call(method, {}, { kind: 'read' })
    return res.ok ? optionsOf(res.value.result, method) : res
  }
  return {
    app: () => get('app.option.get'),
    user: () => get('user.option.get'),
    /** Admin only on the portal; values are stored as strings there. */
    setApp: (options: QueryObject) => write(client, 'app.option.set', { options }),
    setUser: (options: QueryObject) => write(client, 'user.option.set', { options }),
  }
}
