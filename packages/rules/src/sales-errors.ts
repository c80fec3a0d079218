import type { RuleError } from './errors'

/**
 * Error codes of the sales-process modules (leads, funnels, invoices, payments, credit, configurator,
 * order cost). Kept apart from the money core's `RuleError`; `SalesError` is the union a widget switches on.
 */
export type ProcessError =
  | { readonly code: 'INVALID_DATE'; readonly field: string; readonly value: unknown }
  /** A record or list is missing or of the wrong type (the same code as the money core's). */
  | { readonly code: 'INVALID_INPUT'; readonly field: string; readonly value: unknown }
  | { readonly code: 'NOT_CANONICAL'; readonly path: string; readonly value: unknown }
  | { readonly code: 'RULESET_INVALID'; readonly path: string; readonly problem: string }
  | { readonly code: 'LEAD_FACT_MISSING'; readonly fact: string }
  | { readonly code: 'RULE_ENGINE_FAILED'; readonly message: string }
  | { readonly code: 'UNKNOWN_STAGE'; readonly stageId: string }
  | { readonly code: 'UNKNOWN_STATUS'; readonly status: string }
  | { readonly code: 'STAGE_SEMANTICS_INVALID'; readonly problem: string }
  | { readonly code: 'CONFIG_INVALID'; readonly path: string; readonly problem: string }
  | { readonly code: 'DUPLICATE_ID'; readonly field: string; readonly id: string }
  | { readonly code: 'NEGATIVE_AMOUNT'; readonly field: string; readonly value: string }
  | { readonly code: 'PAID_EXCEEDS_AMOUNT'; readonly invoiceId: string; readonly positionId: string }
  | { readonly code: 'PAYMENT_TERMS_INVALID'; readonly problem: string }
  | { readonly code: 'UNKNOWN_PAYMENT_TERMS'; readonly terms: string }
  | { readonly code: 'NOTHING_TO_INVOICE'; readonly dealId: string }
  | { readonly code: 'INVALID_PERCENT'; readonly field: string; readonly value: unknown }
  | { readonly code: 'UNKNOWN_PRODUCT'; readonly id: string }
  | { readonly code: 'PRICE_MISSING'; readonly productId: string }
  | { readonly code: 'NO_DELIVERY_RULE'; readonly zone: string; readonly weightKg: string }
  | { readonly code: 'UNKNOWN_URGENCY'; readonly urgency: string }
  | { readonly code: 'CONFIGURATION_INVALID'; readonly violations: readonly { readonly code: string }[] }
  /** The configurator's app option is not JSON or not a model: the path of the first bad part. */
  | { readonly code: 'MODEL_INVALID'; readonly path: string; readonly problem: string }
  /** The catalog properties of configured items are not in the install's option (`key`: the first missing). */
  | { readonly code: 'CATALOG_PROPERTIES_MISSING'; readonly key: string }
  /** A configured item that is not approved cannot go onto a deal in this funnel. */
  | { readonly code: 'CONFIGURATION_NOT_APPROVED'; readonly funnel: string; readonly approval: string }
  | { readonly code: 'ALLOCATION_PLAN_INVALID'; readonly issues: readonly PlanIssue[] }
  | { readonly code: 'TRANSITION_NOT_ALLOWED'; readonly from: string; readonly event: string }
  | { readonly code: 'ROLE_NOT_ALLOWED'; readonly actor: string; readonly allowed: readonly string[] }
  | { readonly code: 'GUARD_FAILED'; readonly guard: string; readonly detail?: string }
  | { readonly code: 'SAME_STAGE'; readonly stageId: string }
  | { readonly code: 'STALE_RATE'; readonly rateDate: string; readonly today: string; readonly maxAgeDays: number }
  | { readonly code: 'UNKNOWN_ALLOCATION'; readonly invoiceId: string; readonly positionId: string }
  | { readonly code: 'OVERPAYMENT'; readonly invoiceId: string; readonly positionId: string }
  | { readonly code: 'STAGE_SKIP_NOT_ALLOWED'; readonly from: string; readonly to: string; readonly next: string }
  | {
      readonly code: 'REQUIREMENTS_MISSING'
      readonly from: string
      readonly to: string
      readonly missing: readonly Missing[]
    }

/** What a deal lacks for a move, so the widget can ask for exactly that. */
export type Missing =
  /** `lookup`: a company or contact reference; the widget offers a search by name for it. */
  | {
      readonly kind: 'field'
      readonly field: string
      readonly label?: string
      readonly lookup?: 'company' | 'contact'
    }
  | {
      readonly kind: 'fieldEquals'
      readonly field: string
      readonly expected: readonly string[]
      readonly actual: string | null
      readonly what: 'approval' | 'calculation' | 'document' | 'value'
      readonly label?: string
    }
  | { readonly kind: 'positive'; readonly field: string; readonly label?: string }
  | {
      readonly kind: 'payment'
      readonly requiredPercent: string
      readonly paidPercent: string
      /** How much more must be received, in the deal currency (decimal string). */
      readonly missingAmount: string
    }
  /** The company's credit check blocks the move ('unknown': no check was made for this deal). */
  | { readonly kind: 'credit'; readonly decision: 'block' | 'unknown'; readonly excess?: string }
  /** None of the alternatives holds: satisfying any one of them is enough. */
  | { readonly kind: 'anyOf'; readonly options: readonly (readonly Missing[])[] }

/** One problem of a manual allocation plan; every problem is reported, not just the first. */
export type PlanIssue =
  | { readonly code: 'UNKNOWN_INVOICE'; readonly line: number; readonly invoiceId: string }
  | {
      readonly code: 'UNKNOWN_POSITION'
      readonly line: number
      readonly invoiceId: string
      readonly positionId: string
    }
  | { readonly code: 'DUPLICATE_LINE'; readonly line: number; readonly invoiceId: string; readonly positionId: string }
  | { readonly code: 'NON_POSITIVE_AMOUNT'; readonly line: number; readonly amount: string }
  | { readonly code: 'INVALID_AMOUNT'; readonly line: number; readonly amount: unknown }
  | {
      readonly code: 'POSITION_OVERPAID'
      readonly line: number
      readonly invoiceId: string
      readonly positionId: string
      readonly outstanding: string
      readonly amount: string
    }
  | { readonly code: 'RECEIPT_EXCEEDED'; readonly allocated: string; readonly receipt: string }

export type ProcessErrorCode = ProcessError['code']

/** Everything the sales-process functions can return as an error: their own codes plus the money core's. */
export type SalesError = ProcessError | RuleError
