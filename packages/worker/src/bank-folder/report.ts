import type { BankReceiptOutcome } from '@salesflow/usecases'
import type { FilePlan, PlannedDocument, ReportIssue, Words } from './plan'

/** What happened to one document of the file. */
export type DocumentOutcome =
  | 'applied' // every part written now
  | 'already_applied' // the bank document is already recorded on the invoice (before this file: see applied)
  | 'partly' // some parts written, some refused (see parts)
  | 'failed' // every part refused (see parts)
  | 'left_for_review' // for the accountant on the Bank page (see left)
  | 'skipped_outgoing' // not a receipt: our payment, a bank fee
  | 'duplicate' // the same bank document earlier in this file
  | 'not_applied' // the file failed as a whole (see the report's failure)

export interface PartReport {
  readonly invoiceId: number
  readonly invoice: string
  readonly amount: string
  readonly recorded: string
  readonly status: 'applied' | 'already_applied' | 'failed'
  readonly paymentId: number | null
  readonly statusAfter: string | null
  readonly credit: string | null
  readonly error: string | null
}

export interface DocumentReport extends Omit<PlannedDocument, 'decision'> {
  readonly outcome: DocumentOutcome
  readonly parts: readonly PartReport[]
}

/** The report written beside the file (`<name>.report.json`). */
export interface BankFileReport {
  readonly file: string
  readonly sha256: string
  readonly folder: 'done' | 'failed'
  readonly processedAt: string
  /** Why the file failed, or that its bytes were processed before; null for a file processed now. */
  readonly note: { readonly code: string; readonly words: Words } | null
  readonly statement: FilePlan['statement'] | null
  readonly user: FilePlan['user'] | null
  readonly threshold: number | null
  readonly summary: Readonly<Record<DocumentOutcome, number>>
  readonly documents: readonly DocumentReport[]
  readonly issues: readonly ReportIssue[]
  /** For a copy of bytes processed before: the report of that time. */
  readonly earlier?: unknown
}

const NONE: Record<DocumentOutcome, number> = {
  applied: 0,
  already_applied: 0,
  partly: 0,
  failed: 0,
  left_for_review: 0,
  skipped_outgoing: 0,
  duplicate: 0,
  not_applied: 0,
}

const outcomeOf = (d: PlannedDocument, applied: BankReceiptOutcome | undefined, failed: boolean): DocumentOutcome => {
  if (d.decision === 'skipped') return 'skipped_outgoing'
  if (d.decision === 'duplicate') return 'duplicate'
  // Found on the portal while planning: a fact about the invoices, whatever becomes of this file.
  if (d.decision === 'already_applied') return 'already_applied'
  if (failed) return 'not_applied'
  if (d.decision === 'left') return 'left_for_review'
  return applied?.status ?? 'failed'
}

/**
 * The report of a file: per document what happened (the use case's outcome per invoice for the applied ones), the
 * parser's issues with their lines, and a summary. `outcomes` null: nothing was applied (the file failed).
 */
export function reportOf(
  plan: FilePlan | null,
  outcomes: readonly BankReceiptOutcome[] | null,
  where: { readonly file: string; readonly sha256: string; readonly folder: 'done' | 'failed'; readonly at: Date },
  note: BankFileReport['note'] = null,
): BankFileReport {
  const summary = { ...NONE }
  const documents = (plan?.documents ?? []).map(({ decision, ...d }): DocumentReport => {
    const applied = outcomes?.find((o) => o.key === d.key)
    const outcome = outcomeOf({ ...d, decision }, applied, outcomes === null)
    summary[outcome]++
    const parts = (applied?.allocations ?? []).map((a) => ({
      invoiceId: a.invoiceId,
      invoice: plan?.invoiceNumbers[String(a.invoiceId)] ?? `#${a.invoiceId}`,
      amount: a.amount,
      recorded: a.recorded,
      status: a.status,
      paymentId: a.paymentId,
      statusAfter: a.statusAfter,
      credit: a.credit,
      error: a.error?.code ?? null,
    }))
    // A file that failed as a whole applies nothing: the reason is the report's note, not the document's.
    return { ...d, left: outcome === 'not_applied' ? null : d.left, outcome, parts }
  })
  return {
    file: where.file,
    sha256: where.sha256,
    folder: where.folder,
    processedAt: where.at.toISOString(),
    note,
    statement: plan?.statement ?? null,
    user: plan?.user ?? null,
    threshold: plan?.threshold ?? null,
    summary,
    documents,
    issues: plan?.issues ?? [],
  }
}

/** The worker log's one line for a file. */
export function logLine(r: BankFileReport): string {
  const s = r.summary
  const counts = [
    `${s.applied} applied`,
    s.partly ? `${s.partly} partly applied` : '',
    s.failed ? `${s.failed} failed` : '',
    `${s.already_applied} already applied`,
    `${s.left_for_review} left for review`,
    `${s.skipped_outgoing} outgoing skipped`,
    s.duplicate ? `${s.duplicate} duplicate` : '',
    s.not_applied ? `${s.not_applied} not applied` : '',
    `${r.issues.length} issue(s)`,
  ].filter(Boolean)
  const note = r.note
    ? ` ${r.note.code}: ${r.note.words.en};`
    : r.threshold === null && r.folder === 'done'
      ? ' salesflow.bank is not set: nothing applied automatically;'
      : ''
  return `bank folder: ${r.file} → ${r.folder}/${note} ${counts.join(', ')}`
}
