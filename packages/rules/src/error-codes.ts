import type { PlanIssue, SalesError } from './sales-errors'

export type ErrorCode = SalesError['code'] | PlanIssue['code']

/**
 * Every error code the library can return (a `Record` over the union, so a new code that is not listed here does
 * not compile): the check that each one has words in ru and en enumerates this.
 */
const CODES: Record<ErrorCode, true> = {
  INVALID_NUMBER: true,
  INVALID_ENUM: true,
  INVALID_INPUT: true,
  OUT_OF_RANGE: true,
  DISCOUNT_SUM_REQUIRED: true,
  UNKNOWN_CURRENCY: true,
  NO_BASE_CURRENCY: true,
  INVALID_RATE: true,
  CURRENCY_MISMATCH: true,
  INVALID_RATIOS: true,
  INVALID_DECIMALS: true,
  INVALID_DATE: true,
  NOT_CANONICAL: true,
  RULESET_INVALID: true,
  LEAD_FACT_MISSING: true,
  RULE_ENGINE_FAILED: true,
  UNKNOWN_STAGE: true,
  UNKNOWN_STATUS: true,
  STAGE_SEMANTICS_INVALID: true,
  CONFIG_INVALID: true,
  DUPLICATE_ID: true,
  NEGATIVE_AMOUNT: true,
  PAID_EXCEEDS_AMOUNT: true,
  PAYMENT_TERMS_INVALID: true,
  UNKNOWN_PAYMENT_TERMS: true,
  NOTHING_TO_INVOICE: true,
  INVALID_PERCENT: true,
  UNKNOWN_PRODUCT: true,
  PRICE_MISSING: true,
  NO_DELIVERY_RULE: true,
  UNKNOWN_URGENCY: true,
  CONFIGURATION_INVALID: true,
  ALLOCATION_PLAN_INVALID: true,
  TRANSITION_NOT_ALLOWED: true,
  ROLE_NOT_ALLOWED: true,
  GUARD_FAILED: true,
  SAME_STAGE: true,
  STALE_RATE: true,
  UNKNOWN_ALLOCATION: true,
  OVERPAYMENT: true,
  STAGE_SKIP_NOT_ALLOWED: true,
  REQUIREMENTS_MISSING: true,
  UNKNOWN_INVOICE: true,
  UNKNOWN_POSITION: true,
  DUPLICATE_LINE: true,
  NON_POSITIVE_AMOUNT: true,
  INVALID_AMOUNT: true,
  POSITION_OVERPAID: true,
  RECEIPT_EXCEEDED: true,
  MODEL_INVALID: true,
  CONFIGURATION_NOT_APPROVED: true,
  CATALOG_PROPERTIES_MISSING: true,
}

export const RULE_ERROR_CODES = Object.keys(CODES) as ErrorCode[]
