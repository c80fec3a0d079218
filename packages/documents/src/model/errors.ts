import type { RuleError } from '@salesflow/rules'

/**
 * Every error the documents package can return. The widget switches on `code` and translates it;
 * the other fields name what exactly was wrong.
 */
export type DocumentError =
  | { readonly code: 'INVALID_AMOUNT'; readonly field: string; readonly value: unknown }
  | { readonly code: 'AMOUNT_OUT_OF_RANGE'; readonly field: string; readonly value: string }
  | { readonly code: 'INVALID_TEXT'; readonly field: string; readonly value: unknown }
  | { readonly code: 'INVALID_DATE'; readonly field: string; readonly value: unknown }
  | { readonly code: 'UNSUPPORTED_CURRENCY'; readonly currency: string }
  | { readonly code: 'NO_ROWS' }
  | { readonly code: 'QR_INVALID_FIELD'; readonly field: string; readonly value: string }
  | { readonly code: 'QR_NOT_RUB'; readonly currency: string }
  | { readonly code: 'ROW_INVALID'; readonly index: number; readonly cause: RuleError }
  | { readonly code: 'TOTALS_FAILED'; readonly cause: RuleError }
  | { readonly code: 'TOTALS_MISMATCH'; readonly field: string; readonly expected: string; readonly actual: string }
  | { readonly code: 'FONT_LOAD_FAILED'; readonly font: string; readonly message: string }
  | { readonly code: 'RENDER_FAILED'; readonly format: 'pdf' | 'docx'; readonly message: string }

export type DocumentErrorCode = DocumentError['code']
