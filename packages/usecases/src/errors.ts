import type { InstallError } from './install/install-app'
import type { SettingsAdminError } from './settings-admin/sections'
import type { BankApplyError } from './bank/apply-bank-receipts'
/** The application layer's own error codes (the portal's and the rules' pass through unchanged). */
export type UsecaseError =
  /** A row of the order does not price: nothing is written. */
  | { readonly code: 'ORDER_INVALID'; readonly row: number }
  /** The offer needs our requisites in the app options. */
  | { readonly code: 'COMPANY_NOT_CONFIGURED' }
  | { readonly code: 'NO_ROWS' }
  /** A row's quantity is zero or negative: nobody sells −2 pieces. */
  | { readonly code: 'QUANTITY_NOT_POSITIVE'; readonly field: 'quantity'; readonly value: string }
  /** A percent discount outside 0…100, or a negative discount sum. */
  | { readonly code: 'DISCOUNT_OUT_OF_RANGE'; readonly field: 'discountRate' | 'discountSum'; readonly value: string }
  | { readonly code: 'NO_CLIENT' }
  /** No catalog product is configured as the delivery row (`salesflow.policy` deliveryRow.productId). */
  | { readonly code: 'DELIVERY_PRODUCT_NOT_CONFIGURED' }
  /** A receipt of zero or less. */
  | { readonly code: 'RECEIPT_AMOUNT_NOT_POSITIVE'; readonly value: string }
  /** A receipt amount that is not a number. */
  | { readonly code: 'RECEIPT_AMOUNT_INVALID'; readonly value: string }
  /** A receipt dated before the invoice. */
  | { readonly code: 'PAYMENT_BEFORE_INVOICE'; readonly date: string; readonly invoiceDate: string }
  /** An invoice without rows: nothing to pay a receipt on. */
  | { readonly code: 'INVOICE_NO_ROWS' }
  /** A cancelled or refunded invoice takes no receipts. */
  | { readonly code: 'INVOICE_CLOSED'; readonly status: string }
  /** More than the outstanding: the rest becomes a credit, which the user must confirm. */
  | { readonly code: 'CREDIT_NEEDS_CONFIRMATION'; readonly credit: string; readonly currency: string }
  /** The invoice changed (or was deleted) since it was read: re-read and preview again; nothing was written. */
  | { readonly code: 'RECEIPT_CONFLICT' }
  /** This bank document is already recorded on the invoice (payment `paymentId`). */
  | { readonly code: 'BANK_DOCUMENT_APPLIED'; readonly key: string; readonly paymentId: number }
  /** The payment to undo is not on the invoice (any more). */
  | { readonly code: 'RECEIPT_NOT_FOUND'; readonly paymentId: number }
  /** Undo and cancel need a reason. */
  | { readonly code: 'REASON_REQUIRED' }
  /** Issuing an invoice: the deal has no rows, no client company, or the user's role may not bill. */
  | { readonly code: 'DEAL_NO_ROWS' }
  | { readonly code: 'INVOICE_NO_COMPANY' }
  | { readonly code: 'INVOICE_ISSUE_DENIED' }
  /** The rate and key user fields of smart invoices are missing and this user may not create them. */
  | { readonly code: 'INVOICE_FIELDS_MISSING'; readonly fields: readonly string[] }
  /** The invoice exists but its rows could not be written (nor the invoice removed): asking again completes it. */
  | { readonly code: 'INVOICE_NOT_COMPLETED'; readonly invoiceId: number; readonly accountNumber: string }
  /** A phone typed into the lead's form that is no phone number (fewer than 5 or more than 15 digits). */
  | { readonly code: 'PHONE_INVALID'; readonly value: string }
  | { readonly code: 'EMAIL_INVALID'; readonly value: string }
  /** A junk reason that is not in the settings' list (`salesflow.leads` junkReasons). */
  | { readonly code: 'JUNK_REASON_UNKNOWN'; readonly reason: string }
  /** The funnel a qualified lead's deal starts in is not among the configured funnels. */
  | { readonly code: 'LEAD_FUNNEL_NOT_CONFIGURED'; readonly funnel: string }
  /** The portal has no product catalog (or the configured item vanished from it). */
  | { readonly code: 'CATALOG_NOT_FOUND' }
  /** Nobody approves configurations: the settings name no user and the department has no head. */
  | { readonly code: 'NO_APPROVER' }
  /** A rejection needs the technician's reason. */
  /** The item is not waiting for a decision (already decided, or never sent). */
  | { readonly code: 'NOT_PENDING'; readonly approval: string }
  /** The approval task was deleted in the portal: send the configuration again. */
  | { readonly code: 'TASK_NOT_FOUND'; readonly taskId: number }
  /** A list field's value that the portal's field does not list (its items changed, or settings name another code). */
  | { readonly code: 'LIST_VALUE_UNKNOWN'; readonly field: string; readonly value: string }
  | InstallError
  | SettingsAdminError
  | BankApplyError

export type UsecaseErrorCode = UsecaseError['code']

/** Every code above, for the check that each one has words in ru and en. */
export const USECASE_ERROR_CODES = Object.keys({
  ORDER_INVALID: true,
  LIST_VALUE_UNKNOWN: true,
  COMPANY_NOT_CONFIGURED: true,
  NO_ROWS: true,
  QUANTITY_NOT_POSITIVE: true,
  DISCOUNT_OUT_OF_RANGE: true,
  NO_CLIENT: true,
  DELIVERY_PRODUCT_NOT_CONFIGURED: true,
  RECEIPT_AMOUNT_NOT_POSITIVE: true,
  RECEIPT_AMOUNT_INVALID: true,
  PAYMENT_BEFORE_INVOICE: true,
  INVOICE_NO_ROWS: true,
  INVOICE_CLOSED: true,
  CREDIT_NEEDS_CONFIRMATION: true,
  RECEIPT_CONFLICT: true,
  BANK_DOCUMENT_APPLIED: true,
  RECEIPT_NOT_FOUND: true,
  REASON_REQUIRED: true,
  DEAL_NO_ROWS: true,
  INVOICE_NO_COMPANY: true,
  INVOICE_ISSUE_DENIED: true,
  INVOICE_FIELDS_MISSING: true,
  INVOICE_NOT_COMPLETED: true,
  PHONE_INVALID: true,
  EMAIL_INVALID: true,
  JUNK_REASON_UNKNOWN: true,
  LEAD_FUNNEL_NOT_CONFIGURED: true,
  CATALOG_NOT_FOUND: true,
  NO_APPROVER: true,
  NOT_PENDING: true,
  TASK_NOT_FOUND: true,
  INSTALL_NOT_ADMIN: true,
  INSTALL_TABLE_INVALID: true,
  INSTALL_FIELD_CONFLICT: true,
  INSTALL_STEP_FAILED: true,
  SETTINGS_NOT_ADMIN: true,
  SETTINGS_INVALID: true,
  SETTINGS_STALE: true,
  SETTINGS_VERSION_UNKNOWN: true,
  SETTINGS_UNKNOWN_STAGE: true,
  BANK_APPLY_DENIED: true,
} satisfies Record<UsecaseErrorCode, true>) as UsecaseErrorCode[]
