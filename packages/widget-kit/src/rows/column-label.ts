import type { Translator } from '../i18n'
import type { CodedError } from '../error-text'

/** The rows table's column for a field an error names, so the message says «Кол-во», not «quantity». */
const COLUMN_OF: Readonly<Record<string, string>> = {
  listPrice: 'rows.listPrice',
  quantity: 'rows.quantity',
  discountValue: 'rows.discount',
  discountRate: 'rows.discount',
  discountSum: 'rows.discount',
  taxRate: 'rows.tax',
}

/** A row's error with its field named by the column's label in the user's language (other fields unchanged). */
export function withColumnLabel(t: Translator['t'], error: CodedError): CodedError {
  const field = (error as { field?: unknown }).field
  const column = typeof field === 'string' ? COLUMN_OF[field] : undefined
  return column ? { ...error, ...{ field: t(column) } } : error
}
