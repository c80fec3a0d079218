/**
 * @salesflow/usecases: what a user (or the worker) does with a card, framework-free. Each use case takes a portal
 * gateway and plain input and returns a Result; pure steps (pricing, offers, settings) take plain input only.
 * No Vue, no DOM, no globals: widgets adapt these to their state, the worker calls them from Node.
 */
export type { PortalGateway } from './gateway'
export { USECASE_ERROR_CODES, type UsecaseError, type UsecaseErrorCode } from './errors'
export {
  DEFAULT_POLICY,
  readSettings,
  type Settings,
  type SettingProblem,
  type Policy,
  type FieldCodes,
  type DeliveryRowPolicy,
  type OfferPolicy,
  type Worded,
} from './settings'
export { openDealCard, openedFrom, type OpenedDeal } from './deal/open-deal-card'
export { canonicalRate, draftFromRow, draftRowRefusal, type DraftRow } from './deal/order-draft'
export {
  priceOrder,
  convertDraft,
  enteredRowsOf,
  switchDraftCurrency,
  type EnteredRow,
  type EnteredRows,
  switchRate,
  taxRateChoices,
  isOrderDirty,
  type PricedRow,
  type PricedOrder,
} from './deal/price-order'
export { saveOrder, type SaveOrderInput } from './deal/save-order'
export {
  deliveryParamsOf,
  deliveryFields,
  quoteOrderDelivery,
  deliveryRowOf,
  deliveryApplied,
  applyDelivery,
  type DeliveryParams,
  type DeliveryPrice,
} from './deal/delivery'
export { moveDeal, dealSnapshot, moveOptionsOf, creditOf, receivedOn } from './deal/move-deal'
// buildOffer is `@salesflow/usecases/offer`: it brings the offer model, which widgets load only on export.
export { openInvoice, openedInvoiceFrom, type OpenedInvoice } from './invoice/open-invoice'
export {
  transitionInvoice,
  invoiceActions,
  MANUAL_EVENTS,
  type ManualEvent,
  type InvoiceAction,
} from './invoice/transition-invoice'
export {
  previewReceipt,
  canRecordReceipt,
  type ReceiptInput,
  type ReceiptPreview,
  type ReceiptError,
} from './invoice/receipt-preview'
export { applyReceipt, type ApplyReceiptInput, type AppliedReceipt } from './invoice/apply-receipt'
export { undoReceipt, canUndoReceipt } from './invoice/undo-receipt'
export { refundReceipt, canRefundReceipt } from './invoice/refund-receipt'
export { receiptsOf, receiptMarks, receiptMark, type ReceiptRecord, type ReceiptMark } from './invoice/receipt-marks'
export { rateSnapshotOf, type RateSnapshot } from './invoice/rate-snapshot'
export { invoiceCreditOf } from './invoice/credit'
// buildInvoiceDocument is `@salesflow/usecases/invoice-document`: it brings the document model, loaded on print.
export {
  openCatalog,
  searchCatalog,
  sectionPaths,
  offerRow,
  type CatalogOffer,
  type CatalogQuery,
} from './catalog/search-catalog'
export { searchClients } from './deal/search-clients'
export { generateInvoice, type GenerateInvoiceInput, type GeneratedInvoice } from './invoice/generate-invoice'
export {
  previewInvoice,
  invoiceToAdd,
  storedRateOf,
  type IssueMode,
  type InvoiceAsk,
  type InvoiceSource,
  type StoredRate,
} from './invoice/generate-preview'
export { readLeadSettings, DEFAULT_JUNK_REASONS, type LeadSettings, type JunkReason } from './lead/lead-settings'
export { openLeadCard, openedLeadFrom, leadInputOf, type OpenedLead } from './lead/open-lead-card'
export { classifyLead, type ClassifiedLead } from './lead/classify-lead'
export { recordLeadVerdict, verdictComment, type RecordedLeadVerdict } from './lead/record-lead-verdict'
export { moveLead, contactFields, type ContactValues } from './lead/move-lead'
export { qualifyLead, type QualifiedLead } from './lead/qualify-lead'
export { unqualifyLead } from './lead/unqualify-lead'
export {
  openConfigurator,
  configuredItemOf,
  type OpenedConfigurator,
  type ConfiguredItem,
  type ConfiguratorError,
} from './configurator/open-configurator'
export { checkConfiguration, type ConfigurationState } from './configurator/configure'
export { ensureConfiguredItem, type EnsuredItem } from './configurator/ensure-item'
export { sendForApproval, decideApproval } from './configurator/approval'
export { addConfiguredItemToDeal, UNAPPROVED_MARK } from './configurator/add-to-deal'
export {
  installApp,
  uninstallApp,
  missingSetup,
  INSTALL_STEPS,
  type InstallStep,
  type StepProgress,
  type InstallError,
  type InstallInput,
  type InstallReport,
} from './install/install-app'
export {
  USER_FIELDS,
  SF_FIELDS,
  FIELD_NAME_MAX,
  INVOICE_FIELDS,
  CATALOG_PROPERTIES,
  WORKER_EVENTS,
  DEFAULT_OPTIONS,
  placementRows,
  widgetPagePath,
  type PlacementRow,
} from './install/manifest'
export {
  SETTINGS_SECTIONS,
  HISTORY_LIMIT,
  openSettingsPage,
  saveSection,
  rollbackSection,
  validateSection,
  parseSectionText,
  lineOfPath,
  historyOf,
  optionKey,
  historyKey,
  type SettingsSection,
  type SettingsAdminError,
  type SettingsPage,
  type SectionState,
  type SectionHistory,
  type AuditEntry,
  type SaveSectionInput,
  unknownStage,
  companyProblems,
  type RequisitesProblemCode,
  type FieldProblem,
  type SectionValueError,
} from './settings-admin/sections'
export { previewConfiguratorModel, type ModelPreview } from './settings-admin/configurator-preview'
export {
  dryRunLeadRules,
  compareLeadRules,
  type LeadRulesDryRun,
  type DryRunMoveExample,
  leadRuleWarnings,
  type LeadRuleWarning,
} from './settings-admin/dry-run'
// bank statements (the app's Bank page)
export { planReceipt, type PlannedReceipt } from './invoice/apply-receipt'
export * from './bank'
