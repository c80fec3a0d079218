import { issueText, type StatementIssue } from '@salesflow/exchange'
import {
  hintWords,
  leaveWords,
  proposedChoice,
  type AcceptedReceipt,
  type AppliedPart,
  type BankSettings,
  type LeaveReason,
  type ReviewedDocument,
  type StatementReview,
} from '@salesflow/usecases'

/** Words for the accountant in both languages (the report is read by people, not only by the worker). */
export interface Words {
  readonly ru: string
  readonly en: string
}

/** Why a receipt is left for the accountant (the other reasons of proposedChoice are decisions of their own). */
export type LeftReason = Exclude<LeaveReason, 'NOT_RECEIPT' | 'DUPLICATE' | 'ALREADY_APPLIED'>

/** One document of the statement and what the worker decided for it (before anything is written). */
export interface PlannedDocument {
  readonly n: number
  readonly number: string | null
  readonly date: string | null
  readonly amount: string | null
  readonly direction: ReviewedDocument['document']['direction']
  readonly counterparty: string
  readonly purpose: string
  /** First and last line of the document in the file. */
  readonly lines: readonly [number, number]
  /**
   * apply: in `receipts`; left: for the accountant; skipped: not a receipt; duplicate: listed earlier in the file;
   * already_applied: its key is on an invoice's payment already (see `applied`), nothing is sent to apply.
   */
  readonly decision: 'apply' | 'left' | 'skipped' | 'duplicate' | 'already_applied'
  /** The bank document's key (incoming documents only). */
  readonly key: string | null
  readonly match: {
    readonly status: 'matched' | 'review' | 'unmatched'
    readonly score: number | null
    readonly proposed: readonly string[]
    readonly explanation: Words
  } | null
  readonly left: { readonly code: LeftReason; readonly words: Words } | null
  /** Where the document went before this file (the review's `applied`); empty if it was not applied. */
  readonly applied: readonly AppliedPart[]
  /** Invoices the purpose names that are not offered (drafts), with the words: the accountant's lead. */
  readonly hints: readonly { readonly invoice: string; readonly reason: 'draft'; readonly words: Words }[]
}

export interface ReportIssue {
  readonly severity: StatementIssue['severity']
  readonly code: StatementIssue['code']
  readonly line: number
  readonly document: number | null
  readonly message: string
  readonly words: Words
}

/** Everything decided for one file, kept in SQLite before the first write so a restart carries out the same plan. */
export interface FilePlan {
  readonly file: string
  readonly sha256: string
  readonly statement: { readonly outcome: 'complete' | 'partial' | 'rejected'; readonly encoding: string }
  /** The portal user the worker acts as, and the role the settings give them. */
  readonly user: { readonly id: number; readonly name: string; readonly role: string }
  /** The auto-apply threshold (salesflow.bank acceptScore); null: the setting is missing, nothing is applied. */
  readonly threshold: number | null
  readonly documents: readonly PlannedDocument[]
  readonly issues: readonly ReportIssue[]
  readonly receipts: readonly AcceptedReceipt[]
  /** Invoice numbers by id, for the report. */
  readonly invoiceNumbers: Readonly<Record<string, string>>
}

export const issuesOf = (issues: readonly StatementIssue[]): ReportIssue[] =>
  issues.map((i) => ({
    severity: i.severity,
    code: i.code,
    line: i.line,
    document: i.document ?? null,
    message: i.message,
    words: { ru: issueText(i.code, 'ru'), en: issueText(i.code, 'en') },
  }))

/** A statement the worker does not apply from: rejected, or cut off (likely a broken transfer: the rest is missing). */
export const unusable = (review: StatementReview): boolean => {
  const s = review.files[0]?.statement
  return !s || s.outcome === 'rejected' || s.issues.some((i) => i.code === 'truncated')
}

/**
 * What the worker does with a reviewed statement: what proposedChoice applies (the rule the Bank page pre-selects
 * with) goes into `receipts`; documents already applied are reported so without applying; everything else is left
 * for the accountant with the reason and the drafts its purpose names; outgoing documents are skipped.
 * `settings` null: salesflow.bank is not set, nothing is applied.
 */
export function planFile(review: StatementReview, sha256: string, settings: BankSettings | null): FilePlan {
  const { statement, name } = review.files[0]!
  const numbers = new Map(review.invoices.map((i) => [String(i.id), i.number]))
  const receipts: AcceptedReceipt[] = []
  const documents = review.documents.map((d): PlannedDocument => {
    const doc = d.document
    const m = d.match
    const base = {
      n: doc.n,
      number: doc.number,
      date: doc.date,
      amount: doc.amount,
      direction: doc.direction,
      counterparty: (doc.direction === 'incoming' ? doc.payer.name : doc.receiver.name) ?? '',
      purpose: doc.purpose,
      lines: doc.lines,
      key: m?.key ?? null,
      match: m && {
        status: m.status,
        score: m.proposals[0]?.score ?? null,
        proposed: (m.proposals[0]?.invoiceIds ?? []).map((id) => numbers.get(id) ?? `#${id}`),
        explanation: m.explanation,
      },
      left: null,
      applied: d.applied,
      hints: d.hints.map((h) => ({ invoice: h.invoice.number, reason: h.reason, words: hintWords(h) })),
    }
    const choice = proposedChoice(d, settings)
    if (choice.apply) {
      receipts.push(choice.receipt)
      return { ...base, decision: 'apply' }
    }
    switch (choice.reason) {
      case 'NOT_RECEIPT':
        return { ...base, decision: 'skipped' }
      case 'DUPLICATE':
        return { ...base, decision: 'duplicate' }
      case 'ALREADY_APPLIED':
        return { ...base, decision: 'already_applied' }
      default:
        return { ...base, decision: 'left', left: { code: choice.reason, words: leaveWords(choice) } }
    }
  })
  return {
    file: name,
    sha256,
    statement: { outcome: statement.outcome, encoding: statement.encoding },
    user: { id: review.user.id, name: review.user.name, role: review.role },
    threshold: settings?.acceptScore ?? null,
    documents,
    issues: issuesOf(statement.issues),
    receipts,
    invoiceNumbers: Object.fromEntries(numbers),
  }
}
