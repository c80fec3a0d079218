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
} from './settings-admin/sections'
export {
  dryRunLeadRules,
  compareLeadRules,
  leadInputOf,
  type LeadRulesDryRun,
  type DryRunMoveExample,
} from './settings-admin/dry-run'
