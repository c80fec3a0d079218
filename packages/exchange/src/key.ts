import type { BankDocument } from './types'

/**
 * The stable identity of a bank document: (our account, date, number, amount, payer account). Re-importing the same
 * or an overlapping statement yields the same keys, so a payment stored with its key is never applied twice.
 */
export function bankDocumentKey(
  doc: Pick<BankDocument, 'ourAccount' | 'date' | 'number' | 'amount' | 'payer'>,
): string {
  return [doc.ourAccount ?? '', doc.date ?? '', doc.number ?? '', doc.amount ?? '', doc.payer.account ?? ''].join('|')
}
