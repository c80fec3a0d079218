import {
  canInvoice,
  takesBankReceipts,
  currency as currencyOf,
  money,
  ok,
  resolveRole,
  statusFromStage,
  subtract,
  sum,
  type InvoiceStatus,
  type Result,
  type Role,
  type SalesError,
} from '@salesflow/rules'
import {
  matchReceipts,
  normaliseInvoiceNumber,
  parseClientBankExchange,
  type BankDocument,
  type ClientBankStatement,
  type MatchableInvoice,
  type ReceiptMatch,
} from '@salesflow/exchange'
import { loadBankLedger, type BankLedger, type PortalError, type SmartInvoice } from '@salesflow/portal'
import type { PortalGateway } from '../gateway'
import { readSettings } from '../settings'
import { stageMapOf } from '../invoice/open-invoice'
import { holderOf, marksIn } from '../invoice/receipt-marks'
import { bankSettingsOf, type BankSettings } from './bank-settings'

/** One uploaded statement file. */
export interface StatementFile {
  readonly name: string
  readonly bytes: Uint8Array
}

/** An open invoice as the bank page lists it (to propose, or to choose by hand). */
export interface BankInvoice {
  readonly id: number
  readonly number: string
  readonly title: string
  readonly date: string | null
  readonly outstanding: string
  readonly currency: string
  readonly companyId: number | null
  readonly status: InvoiceStatus
}

/** Where a bank document already went: the invoice whose payment names its key (our audit line's mark). */
export interface AppliedPart {
  readonly invoiceId: number
  readonly number: string
  readonly paymentId: number
}

/** An invoice the receipt seems to pay but that is not offered, and why (a draft: not sent to the client yet). */
export interface InvoiceHint {
  readonly invoice: BankInvoice
  readonly reason: 'draft'
}

/** A document of one of the statements with its match (incoming ones only) and whether it repeats an earlier one. */
export interface ReviewedDocument {
  /** Index of the file in the review's `files`. */
  readonly file: number
  readonly document: BankDocument
  readonly match: ReceiptMatch | null
  /** The same bank document (same key) already listed from an earlier file: it is shown, never applied twice. */
  readonly duplicate: boolean
  /** The invoices this bank document was already applied to (empty: not yet); such a document is not offered. */
  readonly applied: readonly AppliedPart[]
  /** Invoices its purpose names that are not offered (drafts), with the reason: shown, never pre-selected. */
  readonly hints: readonly InvoiceHint[]
}

export interface StatementReview {
  readonly files: readonly { readonly name: string; readonly statement: ClientBankStatement }[]
  readonly documents: readonly ReviewedDocument[]
  readonly invoices: readonly BankInvoice[]
  readonly settings: BankSettings
  readonly role: Role
  /** Whether this user may apply receipts (the invoice lifecycle's PAYMENT_APPLIED: accountant and admin). */
  readonly canApply: boolean
  readonly user: { readonly id: number; readonly name: string }
}

/** Who may record money: the same lifecycle rule the invoice panel asks (a sent invoice taking a payment). */
export const mayApplyReceipts = (role: Role): boolean =>
  canInvoice('sent', { type: 'PAYMENT_APPLIED', outstanding: '1' }, role)

/** What is paid on an invoice (its paid payments) and what is still owed (invoice currency). */
function balanceOf(
  invoice: SmartInvoice,
  ledger: BankLedger,
): Result<{ paid: string; outstanding: string }, SalesError> {
  const cur = currencyOf(invoice.currency, 2)
  const total = money(invoice.opportunity, cur)
  if (!total.ok) return total
  const amounts = []
  for (const p of ledger.payments.get(invoice.id) ?? []) {
    if (!p.paid) continue
    const m = money(p.sum, cur)
    if (!m.ok) return m
    amounts.push(m.value)
  }
  const paidTotal = sum(amounts, cur)
  if (!paidTotal.ok) return paidTotal
  const left = subtract(total.value, paidTotal.value)
  return left.ok ? ok({ paid: paidTotal.value.amount.toFixed(2), outstanding: left.value.amount.toFixed(2) }) : left
}

/** Every open invoice of the ledger with its status and what it still owes. */
function openInvoices(ledger: BankLedger, today: string): Result<BankInvoice[], SalesError> {
  const out: BankInvoice[] = []
  for (const invoice of ledger.invoices) {
    const map = stageMapOf(ledger.stages.filter((s) => s.entityId === `SMART_INVOICE_STAGE_${invoice.categoryId}`))
    if (!map.ok) return map
    const balance = balanceOf(invoice, ledger)
    if (!balance.ok) return balance
    const status = statusFromStage(map.value, invoice.stageId, {
      total: invoice.opportunity,
      paid: balance.value.paid,
      dueDate: invoice.dueDate,
      today,
    })
    if (!status.ok) return status
    out.push({
      id: invoice.id,
      number: invoice.accountNumber || String(invoice.id),
      title: invoice.title,
      date: invoice.issueDate,
      outstanding: balance.value.outstanding,
      currency: invoice.currency,
      companyId: invoice.companyId,
      status: status.value,
    })
  }
  return ok(out)
}

/** The invoices of the ledger a bank receipt is matched to (the lifecycle's takesBankReceipts: sent, not closed). */
export function payableInvoices(ledger: BankLedger, today: string): Result<BankInvoice[], SalesError> {
  const all = openInvoices(ledger, today)
  return all.ok ? ok(all.value.filter((i) => takesBankReceipts(i.status))) : all
}

/** For each bank document key on the ledger's invoices, where it went: per invoice, its first mark on a live payment. */
function appliedKeys(ledger: BankLedger): Map<string, AppliedPart[]> {
  const numberOf = new Map([...ledger.invoices, ...ledger.closed].map((i) => [i.id, i.accountNumber || String(i.id)]))
  const out = new Map<string, AppliedPart[]>()
  for (const [invoiceId, notes] of ledger.notes) {
    const live = (ledger.payments.get(invoiceId) ?? []).map((p) => p.id)
    const keys = new Set(marksIn(notes).flatMap((m) => (m.bankDocumentKey ? [m.bankDocumentKey] : [])))
    for (const key of keys) {
      const holder = holderOf(notes, live, key)
      if (!holder) continue
      const part = { invoiceId, number: numberOf.get(invoiceId) ?? String(invoiceId), paymentId: holder.paymentId }
      out.set(key, [...(out.get(key) ?? []), part])
    }
  }
  return out
}

type Parsed = StatementReview['files']

/** The drafts a document's purpose names (by digit-normalised number): shown with the reason, never proposed. */
function draftHints(document: BankDocument, drafts: readonly BankInvoice[]): InvoiceHint[] {
  const named = new Set(document.invoiceRefs.map((r) => normaliseInvoiceNumber(r.number)))
  return drafts
    .filter((d) => named.has(normaliseInvoiceNumber(d.number)))
    .map((invoice) => ({ invoice, reason: 'draft' as const }))
}

/** The earliest day the statements' documents name (credited, else dated): how far back a receipt can be applied. */
function earliestDate(parsed: Parsed): string | undefined {
  const dates = parsed.flatMap((f) =>
    f.statement.documents.flatMap((d) => {
      const day = d.credited ?? d.date
      return day ? [day] : []
    }),
  )
  return dates.length > 0 ? dates.reduce((a, b) => (b < a ? b : a)) : undefined
}

function reviewParsed(ledger: BankLedger, parsed: Parsed, today: string): Result<StatementReview, SalesError> {
  const open = openInvoices(ledger, today)
  if (!open.ok) return open
  const invoices = open.value.filter((i) => takesBankReceipts(i.status))
  const drafts = open.value.filter((i) => i.status === 'draft')
  const matchable: MatchableInvoice[] = invoices.map((i) => {
    const payer = i.companyId === null ? undefined : ledger.requisites.get(i.companyId)
    return {
      id: String(i.id),
      number: i.number,
      date: i.date,
      outstanding: i.outstanding,
      currency: i.currency,
      companyId: i.companyId === null ? null : String(i.companyId),
      payer: { inn: payer?.inn ?? null, kpp: payer?.kpp ?? null },
      accounts: payer?.accounts ?? [],
    }
  })
  const settings = bankSettingsOf(ledger.appOptions)
  const applied = appliedKeys(ledger)
  const seen = new Set<string>()
  const documents: ReviewedDocument[] = []
  parsed.forEach(({ statement }, file) => {
    const matches = new Map(
      matchReceipts(statement.documents, matchable, {
        tolerance: settings.tolerance,
        acceptScore: settings.acceptScore,
        margin: settings.margin,
      }).map((m) => [m.document, m]),
    )
    for (const document of statement.documents) {
      const match = matches.get(document.n) ?? null
      const duplicate = match !== null && seen.has(match.key)
      if (match) seen.add(match.key)
      documents.push({
        file,
        document,
        match,
        duplicate,
        applied: match ? (applied.get(match.key) ?? []) : [],
        hints: match ? draftHints(document, drafts) : [],
      })
    }
  })
  const settingsAll = readSettings(ledger.appOptions)
  const role = resolveRole(ledger.currentUser, settingsAll.roles)
  return ok({
    files: parsed,
    documents,
    invoices,
    settings,
    role,
    canApply: mayApplyReceipts(role),
    user: { id: ledger.currentUser.id, name: ledger.currentUser.fullName || `#${ledger.currentUser.id}` },
  })
}

/** The statements parsed and matched against a ledger already read (pure: the bench and the tests call it). */
export function reviewWithLedger(
  ledger: BankLedger,
  files: readonly StatementFile[],
  today: string,
): Result<StatementReview, SalesError> {
  return reviewParsed(
    ledger,
    files.map((f) => ({ name: f.name, statement: parseClientBankExchange(f.bytes) })),
    today,
  )
}

/**
 * Reads the statements the accountant dropped and proposes, for each incoming document, the invoice(s) it pays with a
 * score and the reasons (ru, en). The portal is read once for all files (loadBankLedger); nothing is written. A
 * document already applied (its key on an invoice's payment, open or paid since the statements' first day) says
 * where it went and is not offered again; drafts its purpose names are hints, never proposals.
 */
export async function reviewStatements(
  gateway: PortalGateway<never>,
  input: { readonly files: readonly StatementFile[]; readonly today: string },
): Promise<Result<StatementReview, PortalError | SalesError>> {
  const parsed = input.files.map((f) => ({ name: f.name, statement: parseClientBankExchange(f.bytes) }))
  const lookBack = earliestDate(parsed)
  const ledger = await loadBankLedger(gateway.client, lookBack ? { lookBack } : {})
  if (!ledger.ok) return ledger
  return reviewParsed(ledger.value, parsed, input.today)
}
