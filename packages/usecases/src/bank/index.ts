export {
  BANK_OPTION,
  DEFAULT_BANK_SETTINGS,
  bankSettingsOf,
  bankSettingsProblems,
  type BankSettings,
  type BankSettingsProblem,
  type BankSettingsProblemCode,
} from './bank-settings'
export {
  reviewStatements,
  reviewWithLedger,
  payableInvoices,
  mayApplyReceipts,
  type StatementFile,
  type BankInvoice,
  type ReviewedDocument,
  type StatementReview,
  type AppliedPart,
  type InvoiceHint,
} from './review-statement'
export {
  applyBankReceipts,
  acceptProposal,
  acceptOnInvoice,
  type AcceptedReceipt,
  type AllocationOutcome,
  type AllocationStatus,
  type BankReceiptOutcome,
  type BankApplyResult,
  type BankApplyError,
} from './apply-bank-receipts'
export { appliedCsv, type CsvDocument } from './applied-csv'
export {
  proposedChoice,
  choosableDocument,
  leaveWords,
  hintWords,
  type LeaveReason,
  type ProposedChoice,
} from './proposed-choice'
