/**
 * Every error code the rules library can return. Widgets switch on `code` and translate it;
 * the extra fields say what exactly was wrong so the message can name it.
 */
export type RuleError =
  | { readonly code: 'INVALID_NUMBER'; readonly field: string; readonly value: unknown }
  | {
      readonly code: 'INVALID_ENUM'
      readonly field: string
      readonly value: unknown
      readonly allowed: readonly string[]
    }
  | { readonly code: 'DISCOUNT_SUM_REQUIRED'; readonly field: 'discountSum' }
  | { readonly code: 'UNKNOWN_CURRENCY'; readonly currency: string }
  | { readonly code: 'NO_BASE_CURRENCY' }
  | { readonly code: 'INVALID_RATE'; readonly currency: string; readonly field: string; readonly value: unknown }
  | { readonly code: 'CURRENCY_MISMATCH'; readonly expected: string; readonly actual: string }
  | { readonly code: 'INVALID_RATIOS'; readonly ratios: readonly unknown[] }
  | { readonly code: 'INVALID_DECIMALS'; readonly currency: string; readonly value: unknown }
  /** A record or list is missing or of the wrong type (`null` where a row is expected, no `positions`). */
  | { readonly code: 'INVALID_INPUT'; readonly field: string; readonly value: unknown }
  /**
   * A number outside what makes sense or what the portal can store: beyond DECIMAL(18,2) (`MAX_AMOUNT`), a
   * negative limit, a discount over 100 %. `min` and `max` are decimal strings when there is such a bound.
   */
  | {
      readonly code: 'OUT_OF_RANGE'
      readonly field: string
      readonly value: unknown
      readonly min?: string
      readonly max?: string
    }

export type RuleErrorCode = RuleError['code']
