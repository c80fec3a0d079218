import { issueText, type StatementIssue } from '@salesflow/exchange'
import { acceptProposal, type AcceptedReceipt, type ReviewedDocument, type StatementReview } from '@salesflow/usecases'

/** Words for the accountant in both languages (the report is read by people, not only by the worker). */
export interface Words {
  readonly ru: string
  readonly en: string
}

/** Why a document is not applied by the worker. */
export type LeftReason =
  | 'NO_BANK_SETTINGS' // salesflow.bank is not set: the worker applies nothing by itself
  | 'BELOW_THRESHOLD' // the best proposal scores under the auto-apply threshold
  | 'NOT_SURE' // several proposals alike, or none: the matcher asks for review
  | 'ACCEPT_FAILED' // the proposal could not be turned into a receipt (its amounts)

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
  /** apply: in `receipts`; left: for the accountant; skipped: not a receipt; duplicate: listed earlier in the file. */
  readonly decision: 'apply' | 'left' | 'skipped' | 'duplicate'
  /** The bank document's key (incoming documents only). */
  readonly key: string | null
  readonly match: {
    readonly status: 'matched' | 'review' | 'unmatched'
    readonly score: number | null
    readonly proposed: readonly string[]
    readonly explanation: Words
  } | null
  readonly left: { readonly code: LeftReason; readonly words: Words } | null
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

const leftWords = (code: LeftReason, score: number | null, threshold: number | null): Words => {
  switch (code) {
    case 'NO_BANK_SETTINGS':
      return {
        ru: 'настройка salesflow.bank не задана: автоматически ничего не проводится',
        en: 'the salesflow.bank setting is missing: nothing is applied automatically',
      }
    case 'BELOW_THRESHOLD':
      return {
        ru: `оценка ${score ?? 0} ниже порога автоматического проведения ${threshold ?? ''}`,
        en: `score ${score ?? 0} is below the auto-apply threshold ${threshold ?? ''}`,
      }
    case 'NOT_SURE':
      return {
        ru: 'сопоставление не однозначно: решает бухгалтер',
        en: 'the match is not sure: the accountant decides',
      }
    case 'ACCEPT_FAILED':
      return { ru: 'суммы предложения не сходятся', en: "the proposal's amounts do not add up" }
  }
}

/**
 * What the worker does with a reviewed statement: the matches the matcher is sure of (status `matched`) scoring at
 * or above the threshold are accepted as proposed (acceptProposal, as the Bank page pre-accepts them); everything
 * else is left for the accountant with the reason, outgoing documents are skipped.
 */
export function planFile(review: StatementReview, sha256: string, threshold: number | null): FilePlan {
  const { statement, name } = review.files[0]!
  const numbers = new Map(review.invoices.map((i) => [String(i.id), i.number]))
  const receipts: AcceptedReceipt[] = []
  const documents = review.documents.map((d): PlannedDocument => {
    const doc = d.document
    const m = d.match
    const score = m?.proposals[0]?.score ?? null
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
        score,
        proposed: (m.proposals[0]?.invoiceIds ?? []).map((id) => numbers.get(id) ?? `#${id}`),
        explanation: m.explanation,
      },
    }
    if (!m) return { ...base, decision: 'skipped', left: null }
    if (d.duplicate) return { ...base, decision: 'duplicate', left: null }
    const leave = (code: LeftReason): PlannedDocument => ({
      ...base,
      decision: 'left',
      left: { code, words: leftWords(code, score, threshold) },
    })
    if (threshold === null) return leave('NO_BANK_SETTINGS')
    const proposal = m.proposals[0]
    if (!proposal) return leave('NOT_SURE')
    if (proposal.score < threshold) return leave('BELOW_THRESHOLD')
    if (m.status !== 'matched') return leave('NOT_SURE')
    const accepted = acceptProposal(doc, m, proposal)
    if (!accepted.ok) return leave('ACCEPT_FAILED')
    receipts.push(accepted.value)
    return { ...base, decision: 'apply', left: null }
  })
  return {
    file: name,
    sha256,
    statement: { outcome: statement.outcome, encoding: statement.encoding },
    user: { id: review.user.id, name: review.user.name, role: review.role },
    threshold,
    documents,
    issues: issuesOf(statement.issues),
    receipts,
    invoiceNumbers: Object.fromEntries(numbers),
  }
}
