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
import { loadInvoiceCards, type PortalError } from '@salesflow/portal'
import type { PortalGateway } from '../gateway'
import { readSettings } from '../settings'
import { keepBankDocument, planReceipt, type AppliedReceipt, type PlannedReceipt } from '../invoice/apply-receipt'
import { openedInvoiceFrom, type OpenedInvoice } from '../invoice/open-invoice'
import type { ReceiptError } from '../invoice/receipt-preview'
import { holderOf } from '../invoice/receipt-marks'
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

type Part = { readonly receipt: AcceptedReceipt; readonly amount: string; readonly invoiceId: number }

const outcomeOf = (
  part: Part,
  r: Result<{ paymentId: number } & Omit<AppliedReceipt, 'paymentId'>, ReceiptError | PortalError>,
): AllocationOutcome => {
  const base = { invoiceId: part.invoiceId, amount: part.amount }
  if (r.ok)
    return {
      ...base,
      status: 'applied',
      paymentId: r.value.paymentId,
      statusAfter: r.value.status,
      recorded: r.value.recorded,
      credit: new D(r.value.credit).gt(0) ? r.value.credit : null,
      error: null,
    }
  if (r.error.code === 'BANK_DOCUMENT_APPLIED')
    return {
      ...base,
      status: 'already_applied',
      paymentId: r.error.paymentId,
      statusAfter: null,
      recorded: '0.00',
      credit: null,
      error: null,
    }
  return {
    ...base,
    status: 'failed',
    paymentId: null,
    statusAfter: null,
    recorded: '0.00',
    credit: null,
    error: r.error,
  }
}

/**
 * Applies the accepted receipts with the invoice panel's own decisions (planReceipt: the allocation over positions,
 * payments with products, the paid mark, the stage, a credit beyond the invoice, the bank document's key in the
 * audit line). A document already recorded on an invoice is reported as such and nothing is written for it again.
 * Only the roles that may record money (accountant, admin) may apply: anyone else is refused before anything is
 * written. Round trips do not grow with the receipts' count but with their size: the invoices are read together
 * (loadInvoiceCards), and the writes are packed into shared batches of 50 commands (recordMany). A second receipt
 * on an invoice paid in this run comes in the next wave, which reads its invoices again together. A part whose bank
 * document already holds a live payment on its invoice (seen in the payments and oldest comments read first) is
 * reported already applied without reading that invoice's rows and products: a re-import reads only that.
 */
export async function applyBankReceipts(
  gateway: PortalGateway<'receipts'>,
  input: { readonly receipts: readonly AcceptedReceipt[]; readonly today: string; readonly lang: Lang },
): Promise<Result<BankApplyResult, BankApplyError | PortalError>> {
  const seen = new Set<string>()
  const parts: Part[] = []
  for (const receipt of input.receipts)
    for (const a of receipt.allocations) {
      if (seen.has(`${receipt.key}#${a.invoiceId}`)) continue
      seen.add(`${receipt.key}#${a.invoiceId}`)
      parts.push({ receipt, amount: a.amount, invoiceId: a.invoiceId })
    }
  const receiptOf = (part: Part) => ({
    amount: part.amount,
    currency: part.receipt.currency,
    date: part.receipt.date,
    bankDocumentKey: part.receipt.key,
    ...(part.receipt.documentNumber ? { documentNumber: part.receipt.documentNumber } : {}),
  })
  const outcomes = new Map<Part, AllocationOutcome>()
  let confirmedBy: string | null = null
  // In waves: each takes the next part of every invoice, so a second receipt on an invoice is planned on the
  // invoice as the first one left it (read again with the others of its wave), never on a stale read.
  // The first wave runs even with nothing to apply: it reads who is applying, and refuses a role that may not.
  let pending = parts
  while (confirmedBy === null || pending.length > 0) {
    const wave: Part[] = []
    const later: Part[] = []
    for (const part of pending) (wave.some((w) => w.invoiceId === part.invoiceId) ? later : wave).push(part)
    pending = later
    // A wave holds one part per invoice: the holder of its bank document, if the fresh read already shows one.
    const partOf = new Map(wave.map((p) => [p.invoiceId, p]))
    const holders = new Map<number, number>()
    const loaded = await loadInvoiceCards(
      gateway.client,
      wave.map((p) => p.invoiceId),
      {
        settled: (invoiceId, { payments, notes }) => {
          const key = partOf.get(invoiceId)?.receipt.key
          const holder = key
            ? holderOf(
                notes,
                payments.map((p) => p.id),
                key,
              )
            : undefined
          if (holder) holders.set(invoiceId, holder.paymentId)
          return holder !== undefined
        },
      },
    )
    if (!loaded.ok) {
      if (confirmedBy === null) return loaded
      for (const part of [...wave, ...later]) outcomes.set(part, outcomeOf(part, err(loaded.error)))
      break
    }
    if (confirmedBy === null) {
      const { currentUser, appOptions } = loaded.value.context
      const role = resolveRole(currentUser, readSettings(appOptions).roles)
      if (!mayApplyReceipts(role)) return err({ code: 'BANK_APPLY_DENIED', role })
      confirmedBy = currentUser.fullName || `#${currentUser.id}`
    }

    const planned: { part: Part; opened: OpenedInvoice; plan: PlannedReceipt }[] = []
    for (const part of wave) {
      const holder = holders.get(part.invoiceId)
      if (holder !== undefined) {
        outcomes.set(
          part,
          outcomeOf(part, err({ code: 'BANK_DOCUMENT_APPLIED', key: part.receipt.key, paymentId: holder })),
        )
        continue
      }
      const card = loaded.value.cards.get(part.invoiceId)
      const opened = card ? openedInvoiceFrom(card, input.today) : err<ReceiptError>({ code: 'RECEIPT_CONFLICT' })
      const plan: Result<PlannedReceipt, ReceiptError> = opened.ok
        ? planReceipt(opened.value, { receipt: receiptOf(part), lang: input.lang, confirmCredit: true })
        : opened
      if (plan.ok && opened.ok) planned.push({ part, opened: opened.value, plan: plan.value })
      else if (!plan.ok) outcomes.set(part, outcomeOf(part, plan))
    }
    const written = await gateway.repositories.receipts.recordMany(planned.map((p) => p.plan.write))
    for (const [i, { part, opened, plan }] of planned.entries()) {
      const w = written[i]!
      if (!w.ok) {
        outcomes.set(part, outcomeOf(part, w))
        continue
      }
      const kept = await keepBankDocument(gateway, opened, part.receipt.key, w.value, input.lang)
      outcomes.set(part, outcomeOf(part, kept.ok ? ok({ paymentId: w.value.paymentId, ...plan.applied }) : kept))
    }
  }

  const receipts: BankReceiptOutcome[] = input.receipts.flatMap((r) => {
    const own = parts.filter((p) => p.receipt === r).map((p) => outcomes.get(p)!)
    return own.length > 0 ? [{ key: r.key, status: summary(own), allocations: own }] : []
  })
  return ok({ receipts, confirmedBy: confirmedBy ?? '' })
}
