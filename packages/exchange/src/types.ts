import type { ExchangeEncoding } from './codepage'
import type { InvoiceRef } from './invoice-refs'

export type DocumentKind =
  'payment_order' | 'bank_order' | 'payment_request' | 'collection_order' | 'letter_of_credit' | 'other'
export type Direction = 'incoming' | 'outgoing' | 'internal' | 'unknown'

export interface Party {
  name: string | null
  inn: string | null
  kpp: string | null
  account: string | null
  bik: string | null
  bank: string | null
}

export interface BankDocument {
  /** 1-based position in the file, counting every СекцияДокумент (imported or not). */
  n: number
  kind: DocumentKind
  /** The raw СекцияДокумент value. */
  type: string
  number: string | null
  /** ISO yyyy-mm-dd. */
  date: string | null
  /** Two decimals with a point: "150000.00". */
  amount: string | null
  payer: Party
  receiver: Party
  /** ДатаСписано, ISO. */
  debited: string | null
  /** ДатаПоступило, ISO. */
  credited: string | null
  direction: Direction
  ourAccount: string | null
  /** U+00A0 → space, whitespace runs → one space, trimmed. */
  purpose: string
  invoiceRefs: InvoiceRef[]
  /** [line of СекцияДокумент, line of КонецДокумента], 1-based lines of the decoded text. */
  lines: [number, number]
}

export interface Period {
  start: string | null
  end: string | null
}

export interface StatementHeader {
  version: string
  declaredEncoding: string | null
  sender: string | null
  receiver: string | null
  /** yyyy-mm-ddThh:mm:ss */
  created: string | null
  period: Period
  accounts: string[]
}

export interface AccountSection {
  account: string
  period: Period
  openingBalance: string | null
  totalIn: string | null
  totalOut: string | null
  closingBalance: string | null
}

export type IssueCode =
  | 'not_client_bank'
  | 'truncated'
  | 'invalid_amount'
  | 'invalid_date'
  | 'invalid_inn'
  | 'missing_field'
  | 'encoding_mismatch'
  | 'totals_mismatch'
  | 'unknown_line'
  | 'unexpected_section'

export interface StatementIssue {
  severity: 'error' | 'warning'
  code: IssueCode
  /** 1-based line of the decoded text. */
  line: number
  /** The key the issue is about (a cut-off document names СекцияДокумент). */
  field?: string
  /** The document's n when the issue is inside a document. */
  document?: number
  /** English; the UI words the code itself with issueText(code, lang). */
  message: string
}

export interface ClientBankStatement {
  encoding: ExchangeEncoding
  header: StatementHeader
  accountSections: AccountSection[]
  documents: BankDocument[]
  issues: StatementIssue[]
  outcome: 'complete' | 'partial' | 'rejected'
}
