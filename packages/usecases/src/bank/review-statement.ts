import {
  canInvoice,
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

/** A document of one of the statements with its match (incoming ones only) and whether it repeats an earlier one. */
export interface ReviewedDocument {
  /** Index of the file in the review's `files`. */
  readonly file: number
  readonly document: BankDocument
  readonly match: ReceiptMatch | null
  /** The same bank document (same key) already listed from an earlier file: it is shown, never applied twice. */
  readonly duplicate: boolean
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

/** The invoices of the ledger that take a payment now (not drafts, not closed), with what they still owe. */
export function payableInvoices(ledger: BankLedger, today: string): Result<BankInvoice[], SalesError> {
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
    if (!canInvoice(status.value, { type: 'PAYMENT_APPLIED', outstanding: '1' }, 'accountant')) continue
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

/** The statements parsed and matched against a ledger already read (pure: the bench and the tests call it). */
export function reviewWithLedger(
  ledger: BankLedger,
  files: readonly StatementFile[],
  today: string,
): Result<StatementReview, SalesError> {
  const invoices = payableInvoices(ledger, today)
  if (!invoices.ok) return invoices
  const matchable: MatchableInvoice[] = invoices.value.map((i) => {
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
  const parsed = files.map((f) => ({ name: f.name, statement: parseClientBankExchange(f.bytes) }))
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
      documents.push({ file, document, match, duplicate })
    }
  })
  const settingsAll = readSettings(ledger.appOptions)
  const role = resolveRole(ledger.currentUser, settingsAll.roles)
  return ok({
    files: parsed,
    documents,
    invoices: invoices.value,
    settings,
    role,
    canApply: mayApplyReceipts(role),
    user: { id: ledger.currentUser.id, name: ledger.currentUser.fullName || `#${ledger.currentUser.id}` },
  })
}

/**
 * Reads the statements the accountant dropped and proposes, for each incoming document, the invoice(s) it pays with a
 * score and the reasons (ru, en). The portal is read once for all files (loadBankLedger); nothing is written.
 */
export async function reviewStatements(
  gateway: PortalGateway<never>,
  input: { readonly files: readonly StatementFile[]; readonly today: string },
): Promise<Result<StatementReview, PortalError | SalesError>> {
  const ledger = await loadBankLedger(gateway.client)
  if (!ledger.ok) return ledger
  return reviewWithLedger(ledger.value, input.files, input.today)
}
