import { defineStore } from 'pinia'
import { computed, ref, shallowRef } from 'vue'
import {
  acceptOnInvoice,
  acceptProposal,
  appliedCsv,
  applyBankReceipts,
  choosableDocument,
  hintWords,
  leaveWords,
  proposedChoice,
  reviewStatements,
  type AcceptedReceipt,
  type BankApplyError,
  type BankApplyResult,
  type BankReceiptOutcome,
  type ReviewedDocument,
  type StatementFile,
  type StatementReview,
} from '@salesflow/usecases'
import type { StatementIssue } from '@salesflow/exchange'
import { settingsRepositories } from '../repositories'
import { saveBytes, useSessionState, type CodedError } from '@salesflow/widget-kit'

/** The accountant's choice for one incoming document: the proposal, another invoice, or nothing. */
export type Choice = 'proposal' | 'skip' | `invoice:${number}`

/** One line of the documents table: what the statement says, what the matcher proposes, what was chosen and done. */
export interface BankRow {
  readonly id: string
  readonly n: number
  readonly fileName: string
  readonly direction: ReviewedDocument['document']['direction']
  readonly kind: ReviewedDocument['document']['kind']
  readonly number: string | null
  readonly date: string | null
  /** The other side: the payer of a receipt, the receiver of a payment. */
  readonly counterparty: string
  readonly amount: string | null
  readonly purpose: string
  readonly status: 'matched' | 'review' | 'unmatched' | null
  readonly score: number | null
  readonly explanation: { readonly ru: string; readonly en: string } | null
  /** The best proposal's invoice numbers. */
  readonly proposed: readonly string[]
  readonly choosable: boolean
  /** Why a document the accountant may choose for starts as «Пропустить» (proposedChoice's reason), else null. */
  readonly left: { readonly ru: string; readonly en: string } | null
  readonly duplicate: boolean
  /** Where the document already went (applied before this review): it is not offered again. */
  readonly applied: ReviewedDocument['applied']
  /** Drafts its purpose names, worded (hintWords): shown with the reason, never chosen for it. */
  readonly hints: readonly {
    readonly invoiceId: number
    readonly words: { readonly ru: string; readonly en: string }
  }[]
  readonly issues: readonly StatementIssue[]
  readonly outcome: BankReceiptOutcome | null
}

/** The accountant's calendar date: receipts' dates are checked against it, as in the invoice panel. */
const todayIso = (): string => {
  const d = new Date()
  return `${d.getFullYear()}-${String(d.getMonth() + 1).padStart(2, '0')}-${String(d.getDate()).padStart(2, '0')}`
}

const rowId = (d: ReviewedDocument) => `${d.file}:${d.document.n}`

/**
 * The Bank page: statements dropped → reviewed by the use case (parsed, matched with reasons) → one choice per
 * incoming document (sure matches pre-accepted, the rest to decide) → applied through applyBankReceipts, with the
 * outcome per document and a CSV of what was applied.
 */
export const useBankStore = defineStore('bank', () => {
  const state = useSessionState(settingsRepositories)
  const lang = state.lang
  const files = shallowRef<StatementFile[]>([])
  const review = shallowRef<StatementReview | null>(null)
  const choices = ref<Record<string, Choice>>({})
  const result = shallowRef<BankApplyResult | null>(null)
  const error = shallowRef<CodedError | null>(null)
  const busy = ref<'review' | 'apply' | null>(null)

  async function addFiles(dropped: readonly File[]): Promise<void> {
    if (dropped.length === 0) return
    if (state.status === 'failed') {
      error.value = state.error
      return
    }
    if (state.status === 'standalone') {
      error.value = { code: 'STANDALONE' }
      return
    }
    busy.value = 'review'
    error.value = null
    result.value = null
    try {
      const read = await Promise.all(
        dropped.map(async (f) => ({ name: f.name, bytes: new Uint8Array(await f.arrayBuffer()) })),
      )
      const all = [...files.value, ...read]
      const r = await reviewStatements(state.session, { files: all, today: todayIso() })
      if (!r.ok) {
        error.value = r.error
        return
      }
      files.value = all
      review.value = r.value
      // Choices already made stay; new documents start from the one auto-apply rule (proposedChoice).
      const next: Record<string, Choice> = {}
      for (const d of r.value.documents) {
        if (!choosableDocument(d)) continue
        next[rowId(d)] = choices.value[rowId(d)] ?? (proposedChoice(d, r.value.settings).apply ? 'proposal' : 'skip')
      }
      choices.value = next
    } finally {
      busy.value = null
    }
  }

  function choose(id: string, choice: Choice): void {
    choices.value = { ...choices.value, [id]: choice }
    result.value = null
  }

  /** The receipts the choices accept, as the use case takes them. */
  function accepted(): AcceptedReceipt[] | CodedError {
    const out: AcceptedReceipt[] = []
    for (const d of review.value?.documents ?? []) {
      const c = choices.value[rowId(d)]
      if (!d.match || !c || c === 'skip') continue
      if (c === 'proposal') {
        const proposal = d.match.proposals[0]
        if (!proposal) continue
        const a = acceptProposal(d.document, d.match, proposal)
        if (!a.ok) return a.error
        out.push(a.value)
      } else out.push(acceptOnInvoice(d.document, d.match.key, Number(c.slice('invoice:'.length))))
    }
    return out
  }

  /** The outcome of a document after «Провести», if it was applied in this run. */
  const outcomeOf = (d: ReviewedDocument): BankReceiptOutcome | null =>
    (d.match && result.value?.receipts.find((r) => r.key === d.match!.key)) || null

  const numberOf = (id: string | number) =>
    review.value?.invoices.find((i) => String(i.id) === String(id))?.number ?? `#${id}`

  const rows = computed<BankRow[]>(() => {
    const r = review.value
    if (!r) return []
    return r.documents.map((d) => {
      const doc = d.document
      const statement = r.files[d.file]!
      const choice = proposedChoice(d, r.settings)
      return {
        id: rowId(d),
        n: doc.n,
        fileName: statement.name,
        direction: doc.direction,
        kind: doc.kind,
        number: doc.number,
        date: doc.date,
        counterparty: (doc.direction === 'incoming' ? doc.payer.name : doc.receiver.name) ?? '',
        amount: doc.amount,
        purpose: doc.purpose,
        status: d.match?.status ?? null,
        score: d.match?.proposals[0]?.score ?? null,
        explanation: d.match?.explanation ?? null,
        proposed: d.match?.proposals[0]?.invoiceIds.map(numberOf) ?? [],
        choosable: choosableDocument(d),
        left: choosableDocument(d) && !choice.apply ? leaveWords(choice) : null,
        duplicate: d.duplicate,
        applied: d.applied,
        hints: d.hints.map((h) => ({ invoiceId: h.invoice.id, words: hintWords(h) })),
        issues: statement.statement.issues.filter((i) => i.document === doc.n),
        outcome: outcomeOf(d),
      }
    })
  })

  /** Why this user cannot apply (shown instead of the button), or null. */
  const denied = computed<BankApplyError | null>(() =>
    review.value && !review.value.canApply ? { code: 'BANK_APPLY_DENIED', role: review.value.role } : null,
  )

  const acceptedCount = computed(() => Object.values(choices.value).filter((c) => c !== 'skip').length)

  async function apply(): Promise<void> {
    if (state.status !== 'ready' || !review.value) return
    const receipts = accepted()
    if (!Array.isArray(receipts)) {
      error.value = receipts
      return
    }
    busy.value = 'apply'
    error.value = null
    try {
      const r = await applyBankReceipts(state.session, { receipts, today: todayIso(), lang })
      if (r.ok) result.value = r.value
      else error.value = r.error
    } finally {
      busy.value = null
    }
  }

  function exportCsv(): void {
    if (!result.value || !review.value) return
    const csv = appliedCsv(
      result.value,
      review.value.documents.flatMap((d) =>
        d.match ? [{ key: d.match.key, number: d.document.number, date: d.document.date }] : [],
      ),
      review.value.invoices,
    )
    // A BOM, so spreadsheet programs read the Cyrillic as UTF-8.
    saveBytes(new TextEncoder().encode(`\uFEFF${csv}`), 'bank-applied.csv', 'text/csv;charset=utf-8')
  }

  function clear(): void {
    files.value = []
    review.value = null
    choices.value = {}
    result.value = null
    error.value = null
  }

  return {
    lang,
    files,
    review,
    choices,
    result,
    error,
    busy,
    rows,
    numberOf,
    acceptedCount,
    denied,
    addFiles,
    choose,
    apply,
    outcomeOf,
    exportCsv,
    clear,
  }
})
