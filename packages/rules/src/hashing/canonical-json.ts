import Decimal from 'decimal.js'
import { err, ok, type Result } from '../result'
import type { ProcessError } from '../sales-errors'

/**
 * A canonical JSON text: object keys sorted by code unit, no whitespace, arrays in their order, decimals as
 * their plain string. Two values that mean the same produce the same text, so its hash can be a key.
 * `undefined` members are dropped (as JSON.stringify does); non-finite numbers, functions, symbols and bigint
 * are NOT_CANONICAL, because they would make two different inputs collide or the text unreadable.
 */
export function canonicalJson(value: unknown): Result<string, ProcessError> {
  const out: string[] = []
  const problem = write(value, '$', out)
  return problem ? err(problem) : ok(out.join(''))
}

function write(value: unknown, path: string, out: string[]): ProcessError | undefined {
  if (value === null) {
    out.push('null')
    return undefined
  }
  switch (typeof value) {
    case 'string':
    case 'boolean':
      out.push(JSON.stringify(value))
      return undefined
    case 'number':
      if (!Number.isFinite(value)) return { code: 'NOT_CANONICAL', path, value }
      out.push(JSON.stringify(Object.is(value, -0) ? 0 : value))
      return undefined
    case 'object': {
      if (Decimal.isDecimal(value)) {
        out.push(JSON.stringify((value as Decimal).toFixed()))
        return undefined
      }
      if (Array.isArray(value)) {
        out.push('[')
        for (let i = 0; i < value.length; i++) {
          if (i) out.push(',')
          const p = write(value[i] === undefined ? null : value[i], `${path}[${i}]`, out)
          if (p) return p
        }
        out.push(']')
        return undefined
      }
      const record = value as Record<string, unknown>
      const keys = Object.keys(record)
        .filter((k) => record[k] !== undefined)
        .sort()
      out.push('{')
      for (let i = 0; i < keys.length; i++) {
        const k = keys[i]!
        if (i) out.push(',')
        out.push(JSON.stringify(k), ':')
        const p = write(record[k], `${path}.${k}`, out)
        if (p) return p
      }
      out.push('}')
      return undefined
    }
    default:
      return { code: 'NOT_CANONICAL', path, value: String(value) }
  }
}
