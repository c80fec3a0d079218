import type { InstallError } from './install/install-app'
import type { SettingsAdminError } from './settings-admin/sections'
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
  | InstallError
  | SettingsAdminError

export type UsecaseErrorCode = UsecaseError['code']

/** Every code above, for the check that each one has words in ru and en. */
export const USECASE_ERROR_CODES = Object.keys({
  ORDER_INVALID: true,
  COMPANY_NOT_CONFIGURED: true,
  NO_ROWS: true,
  QUANTITY_NOT_POSITIVE: true,
  DISCOUNT_OUT_OF_RANGE: true,
  NO_CLIENT: true,
  DELIVERY_PRODUCT_NOT_CONFIGURED: true,
  INSTALL_NOT_ADMIN: true,
  INSTALL_TABLE_INVALID: true,
  INSTALL_FIELD_CONFLICT: true,
  INSTALL_STEP_FAILED: true,
  SETTINGS_NOT_ADMIN: true,
  SETTINGS_INVALID: true,
  SETTINGS_STALE: true,
  SETTINGS_VERSION_UNKNOWN: true,
} satisfies Record<UsecaseErrorCode, true>) as UsecaseErrorCode[]
