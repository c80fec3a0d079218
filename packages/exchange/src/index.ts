/**
 * @salesflow/exchange: 1C client-bank statements (1CClientBankExchange) read and written, invoice references found in
 * payment purposes, and receipts matched to open invoices. Pure: bytes and plain data in, data out; no I/O, no clock.
 */
export { parseClientBankExchange, parseAmount, normalisePurpose, kindOf, type ParseOptions } from './parse'
export {
  writeClientBankExchange,
  type WritableStatement,
  type WritableDocument,
  type WriteError,
  type WriteResult,
} from './write'
export { extractInvoiceRefs, type InvoiceRef } from './invoice-refs'
export { bankDocumentKey } from './key'
export { isValidInn, withInnCheckDigits } from './inn'
export { isValidSettlementAccount, isValidCorrespondentAccount } from './bank-account'
export { encodeText, encodableCharacters, type ExchangeEncoding } from './codepage'
export { ISSUE_TEXT, issueText, type Lang } from './messages'
export {
  matchReceipts,
  normaliseInvoiceNumber,
  MATCH_TEXT,
  type MatchableInvoice,
  type MatchOptions,
  type MatchReason,
  type MatchReasonCode,
  type MatchProposal,
  type ReceiptMatch,
} from './match'
export type {
  AccountSection,
  BankDocument,
  ClientBankStatement,
  Direction,
  DocumentKind,
  IssueCode,
  Party,
  Period,
  StatementHeader,
  StatementIssue,
} from './types'
