import { err, ok, type Result } from '@salesflow/rules'
import type { DocumentError } from '../model/errors'

/** A decimal string split into its digits: no arithmetic, only the text the rules library produced. */
export interface DecimalParts {
  readonly negative: boolean
  /** Integer digits without leading zeros ('0' for zero). */
  readonly integer: string
  /** Exactly `decimals` fraction digits. */
  readonly fraction: string
}

const DECIMAL = /^([+-])?(\d+)(?:\.(\d+))?$/

/**
 * Splits '1234.5' into { integer: '1234', fraction: '50' } at `decimals` places. Digits beyond `decimals`
 * must be zeros ('2.0000' at 2 is fine): documents show amounts, they never round them.
 */
export function splitDecimal(value: unknown, field: string, decimals: number): Result<DecimalParts, DocumentError> {
  const m = typeof value === 'string' ? DECIMAL.exec(value.trim()) : null
  if (!m) return err({ code: 'INVALID_AMOUNT', field, value })
  const [, sign, rawInt = '', rawFrac = ''] = m
  if (/[^0]/.test(rawFrac.slice(decimals))) return err({ code: 'INVALID_AMOUNT', field, value })
  const integer = rawInt.replace(/^0+(?=\d)/, '')
  const fraction = rawFrac.slice(0, decimals).padEnd(decimals, '0')
  const zero = integer === '0' && !/[^0]/.test(fraction)
  return ok({ negative: sign === '-' && !zero, integer, fraction })
}

/** Quantities keep only significant fraction digits: '2.0000' → '2', '1.2500' → '1.25'. */
export function trimFraction(value: string): string {
  return value.includes('.') ? value.replace(/\.?0+$/, '') : value
}

export const isZeroDecimal = (value: string): boolean => /^[+-]?0*(\.0*)?$/.test(value.trim())
