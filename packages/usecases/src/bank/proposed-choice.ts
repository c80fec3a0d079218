import type { Lang } from '@salesflow/rules'
import { acceptProposal, type AcceptedReceipt } from './apply-bank-receipts'
import type { BankSettings } from './bank-settings'
import type { InvoiceHint, ReviewedDocument } from './review-statement'

/** Why a reviewed document is not applied as proposed (the Bank page leaves it unchosen, the worker reports it). */
export type LeaveReason =
  | 'NOT_RECEIPT' // outgoing, internal or unknown direction: nothing to apply
  | 'DUPLICATE' // the same bank document listed earlier in the statements
  | 'ALREADY_APPLIED' // its key is already on an invoice's payment
  | 'NO_BANK_SETTINGS' // salesflow.bank is not set: nothing is applied by itself
  | 'NOT_SURE' // several proposals alike, or none: the matcher asks for review
  | 'BELOW_THRESHOLD' // the best proposal scores under the acceptance threshold
  | 'ACCEPT_FAILED' // the proposal could not be turned into a receipt (its amounts)

/** What to do with one document without asking anyone: apply the best proposal, or leave it with the reason. */
export type ProposedChoice =
  | { readonly apply: true; readonly receipt: AcceptedReceipt; readonly score: number }
  | {
      readonly apply: false
      readonly reason: LeaveReason
      /** The best proposal's score, if any; the threshold it was held against, if settings were given. */
      readonly score: number | null
      readonly threshold: number | null
    }

/** Whether the accountant may choose for a document at all: an incoming one, not a repeat, not applied yet. */
export const choosableDocument = (d: ReviewedDocument): boolean =>
  d.match !== null && !d.duplicate && d.applied.length === 0

/**
 * The one rule for what is applied without a person deciding: the Bank page pre-selects it, the worker's bank
 * folder applies it. Only a match the matcher is sure of (`matched`) whose best proposal scores at or above
 * `acceptScore`, on a document not already applied. `settings` null: nothing is applied by itself.
 */
export function proposedChoice(d: ReviewedDocument, settings: BankSettings | null): ProposedChoice {
  const m = d.match
  const score = m?.proposals[0]?.score ?? null
  const threshold = settings?.acceptScore ?? null
  const leave = (reason: LeaveReason): ProposedChoice => ({ apply: false, reason, score, threshold })
  if (!m) return leave('NOT_RECEIPT')
  if (d.duplicate) return leave('DUPLICATE')
  if (d.applied.length > 0) return leave('ALREADY_APPLIED')
  if (threshold === null) return leave('NO_BANK_SETTINGS')
  const proposal = m.proposals[0]
  if (!proposal) return leave('NOT_SURE')
  if (proposal.score < threshold) return leave('BELOW_THRESHOLD')
  if (m.status !== 'matched') return leave('NOT_SURE')
  const accepted = acceptProposal(d.document, m, proposal)
  if (!accepted.ok) return leave('ACCEPT_FAILED')
  return { apply: true, receipt: accepted.value, score: proposal.score }
}

type Left = Extract<ProposedChoice, { apply: false }>

/** The reason in the accountant's words, both languages: the Bank page and the worker's report show these. */
export function leaveWords(left: Left): Record<Lang, string> {
  switch (left.reason) {
    case 'NOT_RECEIPT':
      return { ru: 'не поступление: не сопоставляется', en: 'not a receipt: not matched' }
    case 'DUPLICATE':
      return {
        ru: 'этот документ уже есть в выписке выше: повторно не проводится',
        en: 'this document is already listed above: it is not applied twice',
      }
    case 'ALREADY_APPLIED':
      return { ru: 'документ уже проведён ранее', en: 'the document was applied before' }
    case 'NO_BANK_SETTINGS':
      return {
        ru: 'настройка salesflow.bank не задана: автоматически ничего не проводится',
        en: 'the salesflow.bank setting is missing: nothing is applied automatically',
      }
    case 'NOT_SURE':
      // No proposal at all (score null) is a payer no invoice fits, not a doubt between invoices.
      return left.score === null
        ? { ru: 'подходящий счёт не найден: решает бухгалтер', en: 'no invoice fits: the accountant decides' }
        : { ru: 'сопоставление не однозначно: решает бухгалтер', en: 'the match is not sure: the accountant decides' }
    case 'BELOW_THRESHOLD':
      return {
        ru: `оценка ${left.score ?? 0} ниже порога автоматического проведения ${left.threshold ?? ''}`,
        en: `score ${left.score ?? 0} is below the auto-apply threshold ${left.threshold ?? ''}`,
      }
    case 'ACCEPT_FAILED':
      return { ru: 'суммы предложения не сходятся', en: "the proposal's amounts do not add up" }
  }
}

/** A hint in the accountant's words, both languages: the one wording the Bank page and the worker's report show. */
export function hintWords(h: InvoiceHint): Record<Lang, string> {
  switch (h.reason) {
    case 'draft':
      return {
        ru: `Счёт ${h.invoice.number} — черновик, ещё не отправлен клиенту: оплата на него не предлагается.`,
        en: `Invoice ${h.invoice.number} is a draft, not sent to the client yet: the payment is not offered for it.`,
      }
  }
}
