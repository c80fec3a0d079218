import type { BankApplyResult } from './apply-bank-receipts'
import type { BankInvoice } from './review-statement'

/** A document as the CSV names it: its number and date in the statement. */
export interface CsvDocument {
  readonly key: string
  readonly number: string | null
  readonly date: string | null
}

const cell = (v: string): string => (/[";\r\n]/.test(v) ? `"${v.replaceAll('"', '""')}"` : v)

/**
 * The accountant's record of what was applied: one line per payment written (bank document, invoice, the amount
 * given to it and what the portal recorded, who confirmed), semicolon-separated as spreadsheet programs in Russian locales expect. Already-applied and failed parts
 * are not payments of this run and are left out.
 */
export function appliedCsv(
  result: BankApplyResult,
  documents: readonly CsvDocument[],
  invoices: readonly Pick<BankInvoice, 'id' | 'number'>[],
): string {
  const head = [
    'bank_document',
    'document_date',
    'bank_key',
    'invoice',
    'amount',
    'recorded',
    'payment_id',
    'confirmed_by',
  ]
  const lines = [head.join(';')]
  for (const r of result.receipts) {
    const doc = documents.find((d) => d.key === r.key)
    for (const a of r.allocations) {
      if (a.status !== 'applied') continue
      const invoice = invoices.find((i) => i.id === a.invoiceId)
      lines.push(
        [
          doc?.number ?? '',
          doc?.date ?? '',
          r.key,
          invoice?.number ?? String(a.invoiceId),
          a.amount,
          a.recorded,
          String(a.paymentId ?? ''),
          result.confirmedBy,
        ]
          .map(cell)
          .join(';'),
      )
    }
  }
  return `${lines.join('\r\n')}\r\n`
}
