/**
 * @salesflow/portal: the only code that talks to Bitrix24. Repositories return domain types and
 * `Result<T, PortalError>`; nothing here throws for portal data or transport failures.
 */
export { connectFrame, clientFor, connectWebhook, type ConnectOptions } from './connect'
export { connectApp, type AppGrant, type AppCredentials } from './connect-app'
export {
  kindOf,
  MAX_BATCH,
  type PortalClient,
  type PortalClientOptions,
  type PortalClientStats,
  type CallKind,
  type Command,
  type RestAnswer,
  type BatchAnswers,
  type BatchOptions,
} from './client'
export { restrictionParamsFor, type PortalPlan } from './limits'
export {
  portalError,
  PORTAL_ERROR_CODES,
  classifyRestError,
  fromThrown,
  type PortalError,
  type PortalErrorCode,
  type LocalizedText,
} from './errors'
export { encodeQuery, commandLine, ref, type QueryObject, type QueryValue } from './batch/query-string'
export {
  planChainedPages,
  readAll,
  PAGE_SIZE,
  type ListSpec,
  type BulkReadOptions,
  type BulkReadResult,
} from './batch/bulk-read'
export { writeAll, type WriteAllResult } from './batch/write-all'
export { loadDealCard, planDealCard, readDealCard, type DealCard, type DealCardOptions } from './deal-card'
export { loadInvoiceCard, type InvoiceCard, type InvoiceCardOptions } from './invoice-card'
export { loadLeadCard, type LeadCard, type LeadCardOptions } from './lead-card'
export type { CardContext } from './card-common'
export { createRepositories, type Repositories } from './repositories'
export { storedAsWritten, type ReplaceRowsOptions } from './repositories/product-rows'
export {
  createEventRepository,
  type EventRepository,
  type OfflineBatch,
  type OfflineEvent,
  type ReserveOptions,
} from './repositories/events'
export type { InvoiceDraft } from './repositories/invoices'
export type { DealPatch } from './repositories/deals'
export { MIN_SEARCH_LENGTH, type ClientMatch, type ClientSearch } from './repositories/clients'
export type { TimelineEntity } from './repositories/timeline'
export {
  MIN_CATALOG_SEARCH_LENGTH,
  type CatalogHit,
  type CatalogStore,
  type CatalogMeasure,
  type CatalogDirectory,
  type CatalogFound,
} from './repositories/catalog-search'
export * from './mappers/crm'
export * from './mappers/catalog'
export * from './mappers/org'
export type * from './domain'
export { openFrameSession, type FrameSession, type FrameSessionOptions } from './frame-session'
export type { PaymentProduct, TimelineNote, ReceiptWrite, ReceiptRemoval } from './repositories/receipts'
export {
  SMART_INVOICE_FIELD_ENTITY,
  planInvoiceIssue,
  loadInvoiceIssue,
  addInvoiceFields,
  addInvoiceWithRows,
  invoicesWithKey,
  setInvoiceRows,
  deleteInvoice,
  type IssuedInvoice,
  type InvoiceIssueContext,
  type InvoiceToAdd,
  type InvoiceFieldSpec,
  type InvoiceAddOutcome,
} from './repositories/invoice-writes'
export type {
  LeadConversionRepository,
  NewCompany,
  NewContact,
  CommEntity,
  CommType,
  ClientQuery,
  ClientMatches,
  Created,
} from './repositories/lead-conversion'
export { refreshGrant } from './refresh-grant'
export {
  CONFIGURATOR_OPTION,
  loadConfiguratorCard,
  planConfiguratorCard,
  readConfiguratorCard,
  type ConfiguratorCard,
} from './configurator-card'
export {
  mapCatalogItem,
  catalogItemSelect,
  type CatalogItem,
  type ConfiguredProductDraft,
  type CreatedItem,
} from './repositories/configured-products'
export type { ApprovalRequest, ApprovalDecision } from './repositories/approval-tasks'
export {
  readAppSetup,
  writeAppSetup,
  readSettingsPage,
  type SettingsPageData,
  USER_FIELD_ENTITIES,
  type AppSetupState,
  type BoundPlacement,
  type BoundEvent,
  type ExistingUserField,
  type SetupWrite,
  type UserFieldSpec,
  type UserFieldEntity,
} from './app-setup'
export { loadBankLedger, type BankLedger, type PayerRequisites } from './bank-ledger'
export type { RecordedReceipt } from './repositories/receipts'
export { loadInvoiceCards, type InvoiceCards } from './invoice-cards'
