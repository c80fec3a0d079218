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
  /** The portal has no product catalog (or the configured item vanished from it). */
  | { readonly code: 'CATALOG_NOT_FOUND' }
  /** Nobody approves configurations: the settings name no user and the department has no head. */
  | { readonly code: 'NO_APPROVER' }
  /** A rejection needs the technician's reason. */
  | { readonly code: 'REASON_REQUIRED' }
  /** The item is not waiting for a decision (already decided, or never sent). */
  | { readonly code: 'NOT_PENDING'; readonly approval: string }
  /** The approval task was deleted in the portal: send the configuration again. */
  | { readonly code: 'TASK_NOT_FOUND'; readonly taskId: number }

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
  CATALOG_NOT_FOUND: true,
  NO_APPROVER: true,
  REASON_REQUIRED: true,
  NOT_PENDING: true,
  TASK_NOT_FOUND: true,
} satisfies Record<UsecaseErrorCode, true>) as UsecaseErrorCode[]
