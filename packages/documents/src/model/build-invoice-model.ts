import type { Result } from '@salesflow/rules'
import type { DocumentError } from './errors'
import type { Invoice } from './invoice'
import { rowOf, totalsOf, type OfferRowSource } from './build-offer-model'
import { validateInvoice } from './validate-invoice'

export interface BuildInvoiceInput extends Omit<Invoice, 'schemaVersion' | 'rows' | 'totals'> {
  readonly rows: readonly OfferRowSource[]
  /** The invoice's stored OPPORTUNITY and TAX_VALUE, if known: the document refuses to print other totals. */
  readonly expected?: { readonly opportunity: string; readonly taxValue: string }
  readonly path?: 'factory' | 'legacy'
}

/** Assembles the invoice from the rules library's computed rows, as buildOfferModel does for the offer. */
export function buildInvoiceModel(input: BuildInvoiceInput): Result<Invoice, DocumentError> {
  const totals = totalsOf(input)
  if (!totals.ok) return totals
  const { rows, expected: _expected, path: _path, ...rest } = input
  return validateInvoice({ schemaVersion: 1, ...rest, rows: rows.map(rowOf), totals: totals.value })
}
