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
export {
  decodeListValues,
  describeUserFields,
  encodeListValues,
  listLabel,
  userFieldList,
  type ListItem,
  type UserFieldDescription,
  type UserFieldDescriptions,
} from './list-fields'
export { loadInvoiceCard, type InvoiceCard, type InvoiceCardOptions } from './invoice-card'
export { loadLeadCard, type LeadCard, type LeadCardOptions } from './lead-card'
export type { CardContext } from './card-common'
export { createRepositories, type Repositories } from './repositories'
export {
  someRepositories,
  isPartialRepositories,
  type RepositoryName,
  type RepositoriesFactory,
} from './repositories/some'
export { createDealRepository } from './repositories/deals'
export { createClientRepository } from './repositories/clients'
export { createProductRowRepository } from './repositories/product-rows'
export { createInvoiceRepository } from './repositories/invoices'
export { createPaymentRepository } from './repositories/payments'
export { createLeadRepository } from './repositories/leads'
export { createReferenceRepository } from './repositories/reference'
export { createCatalogRepository } from './repositories/catalog'
export { createUserRepository, createDepartmentRepository, createTaskRepository } from './repositories/org'
export { createOptionsRepository } from './repositories/options'
export { createTimelineRepository } from './repositories/timeline'
export { createReceiptRepository } from './repositories/receipts'
export { createCatalogSearchRepository } from './repositories/catalog-search'
export type { StockDocumentType, StockDocumentHeader } from './repositories/stock-documents'
export { createLeadConversionRepository } from './repositories/lead-conversion'
export { createNotificationRepository } from './repositories/notifications'
export { createConfiguredProductRepository } from './repositories/configured-products'
export { createApprovalTaskRepository } from './repositories/approval-tasks'
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
  planInvoiceIssue,
  loadInvoiceIssue,
  addInvoiceWithRows,
  invoicesWithKey,
  setInvoiceRows,
  deleteInvoice,
  type IssuedInvoice,
  type InvoiceIssueContext,
  type InvoiceToAdd,
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
  CATALOG_PROPERTIES_OPTION,
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
  type ApprovalRequestOfNew,
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
  type CatalogPropertySpec,
  type ExistingCatalogProperty,
} from './app-setup'
export { loadBankLedger, type BankLedger, type PayerRequisites } from './bank-ledger'
export type { RecordedReceipt } from './repositories/receipts'
export { loadInvoiceCards, type InvoiceCards, type SettledTest } from './invoice-cards'
