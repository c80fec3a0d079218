import {
  add,
  currency as currencyOf,
  D,
  err,
  money,
  ok,
  resolveRole,
  type InvoiceStatus,
  type Lang,
  type Result,
  type Role,
  type SalesError,
} from '@salesflow/rules'
import type { BankDocument, MatchProposal, ReceiptMatch } from '@salesflow/exchange'
import { loadCardContext, type PortalError } from '@salesflow/portal'
import type { PortalGateway } from '../gateway'
import { readSettings } from '../settings'
import { applyReceipt } from '../invoice/apply-receipt'
import type { ReceiptError } from '../invoice/receipt-preview'
import { mayApplyReceipts } from './review-statement'

/** A receipt the accountant accepted: which invoices get how much of it. */
export interface AcceptedReceipt {
  /** bankDocumentKey: stored with each payment, so the document is never applied twice. */
  readonly key: string
  readonly documentNumber: string | null
  /** ISO date the money arrived. */
  readonly date: string
  readonly amount: string
  readonly currency: string
  readonly allocations: readonly { readonly invoiceId: number; readonly amount: string }[]
}

export type AllocationStatus = 'applied' | 'already_applied' | 'failed'

export interface AllocationOutcome {
  readonly invoiceId: number
  readonly amount: string
  readonly status: AllocationStatus
  /** The new payment, or the one that already holds this bank document. */
  readonly paymentId: number | null
  readonly statusAfter: InvoiceStatus | null
  /** The payment's SUM on the portal ('0.00' unless applied now): below `amount` by a residue smaller than a row's step. */
  readonly recorded: string
  /** Beyond the invoice: a credit on the company (receipt currency); null when none. */
  readonly credit: string | null
  readonly error: ReceiptError | PortalError | null
}

export interface BankReceiptOutcome {
  readonly key: string
  /** applied: every part written now; already_applied: nothing new (re-import); partly: some parts failed. */
  readonly status: 'applied' | 'already_applied' | 'partly' | 'failed'
  readonly allocations: readonly AllocationOutcome[]
}

export interface BankApplyResult {
  readonly receipts: readonly BankReceiptOutcome[]
  /** Who confirmed (for the accountant's CSV). */
  readonly confirmedBy: string
}

export type BankApplyError = { readonly code: 'BANK_APPLY_DENIED'; readonly role: Role }

const dateOf = (doc: BankDocument): string => doc.credited ?? doc.date ?? ''

/**
 * A proposal accepted as the matcher made it. What it leaves unallocated goes onto its last invoice, where
 * applyReceipt turns what exceeds the invoice into a credit on the company (shown to the accountant beforehand).
 */
export function acceptProposal(
  doc: BankDocument,
  match: ReceiptMatch,
  proposal: MatchProposal,
  currency = 'RUB',
): Result<AcceptedReceipt, SalesError> {
  const cur = currencyOf(currency, 2)
  const allocations: { invoiceId: number; amount: string }[] = []
  for (const [i, a] of proposal.allocations.entries()) {
    let amount = a.amount
    if (i === proposal.allocations.length - 1) {
      const part = money(a.amount, cur)
      const rest = money(proposal.unallocated, cur)
      if (!part.ok) return part
      if (!rest.ok) return rest
      const total = add(part.value, rest.value)
      if (!total.ok) return total
      amount = total.value.amount.toFixed(2)
    }
    allocations.push({ invoiceId: Number(a.invoiceId), amount })
  }
  return ok({
    key: match.key,
    documentNumber: doc.number,
    date: dateOf(doc),
    amount: doc.amount ?? '0',
    currency,
    allocations,
  })
}

/** The whole receipt onto one invoice the accountant chose by hand. */
export function acceptOnInvoice(doc: BankDocument, key: string, invoiceId: number, currency = 'RUB'): AcceptedReceipt {
  const amount = doc.amount ?? '0'
  return { key, documentNumber: doc.number, date: dateOf(doc), amount, currency, allocations: [{ invoiceId, amount }] }
}

function summary(parts: readonly AllocationOutcome[]): BankReceiptOutcome['status'] {
  if (parts.every((p) => p.status === 'already_applied')) return 'already_applied'
  if (parts.every((p) => p.status !== 'failed')) return 'applied'
  return parts.some((p) => p.status === 'applied') ? 'partly' : 'failed'
}

/**
 * Applies the accepted receipts through the invoice panel's own applyReceipt (payments with products, the paid
 * mark, the stage, a credit beyond the invoice, the bank document's key in the audit line). A document already
 * recorded on an invoice is reported as such and nothing is written for it again. Only the roles that may record
 * money (accountant, admin) may apply: anyone else is refused before anything is read or written.
 */
export async function applyBankReceipts(
  gateway: PortalGateway,
  input: { readonly receipts: readonly AcceptedReceipt[]; readonly today: string; readonly lang: Lang },
): Promise<Result<BankApplyResult, BankApplyError | PortalError>> {
  const context = await loadCardContext(gateway.client)
  if (!context.ok) return context
  const { currentUser, appOptions } = context.value
  const role = resolveRole(currentUser, readSettings(appOptions).roles)
  if (!mayApplyReceipts(role)) return err({ code: 'BANK_APPLY_DENIED', role })

  const done = new Set<string>()
  const receipts: BankReceiptOutcome[] = []
  for (const r of input.receipts) {
    const parts: AllocationOutcome[] = []
    for (const a of r.allocations) {
      if (done.has(`${r.key}#${a.invoiceId}`)) continue
      done.add(`${r.key}#${a.invoiceId}`)
      const applied = await applyReceipt(gateway, {
        invoiceId: a.invoiceId,
        receipt: {
          amount: a.amount,
          currency: r.currency,
          date: r.date,
          bankDocumentKey: r.key,
          ...(r.documentNumber ? { documentNumber: r.documentNumber } : {}),
        },
        today: input.today,
        lang: input.lang,
        confirmCredit: true,
      })
      const base = { invoiceId: a.invoiceId, amount: a.amount }
      if (applied.ok)
        parts.push({
          ...base,
          status: 'applied',
          paymentId: applied.value.paymentId,
          statusAfter: applied.value.status,
          recorded: applied.value.recorded,
          credit: new D(applied.value.credit).gt(0) ? applied.value.credit : null,
          error: null,
        })
      else if (applied.error.code === 'BANK_DOCUMENT_APPLIED')
        parts.push({
          ...base,
          status: 'already_applied',
          paymentId: applied.error.paymentId,
          statusAfter: null,
          recorded: '0.00',
          credit: null,
          error: null,
        })
      else
        parts.push({
          ...base,
          status: 'failed',
          paymentId: null,
          statusAfter: null,
          recorded: '0.00',
          credit: null,
          error: applied.error,
        })
    }
    if (parts.length > 0) receipts.push({ key: r.key, status: summary(parts), allocations: parts })
  }
  return ok({ receipts, confirmedBy: currentUser.fullName || `#${currentUser.id}` })
}
