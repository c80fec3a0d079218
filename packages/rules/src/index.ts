/**
 * @salesflow/rules: the public surface. Pure domain logic (decimal.js, json-rules-engine):
 * no I/O, no Vue, no clock. Everything not exported here is internal.
 */
export { ok, err, all, type Result } from './result'
export type { RuleError, RuleErrorCode } from './errors'
export { isRecord } from './is-record'
export { RULE_ERROR_CODES, type ErrorCode } from './error-codes'
export type { Lang } from './lang'
export { D, MAX_AMOUNT, parseDecimal, type Dec, type NumericInput } from './decimal'
export { phpRound, roundEx } from './money/rounding'
export {
  currency,
  money,
  add,
  subtract,
  sum,
  multiply,
  compare,
  isZero,
  isNegative,
  toSnapshot,
  type Currency,
  type Money,
} from './money/money'
export { allocate } from './money/allocate'
export {
  convertMoney,
  conversionFactor,
  exchangeRate,
  baseCurrencyCode,
  currencyDecimals,
  type PortalCurrency,
  type ConvertMoneyOptions,
} from './fx/convert-money'
export {
  computeProductRows,
  type ProductRowInput,
  type ComputedProductRow,
  type ProductRowsOptions,
  type ProductRowsResult,
  type DiscountTypeId,
  type YesNo,
} from './pricing/product-rows'
export { priceForRest, type ManagerPriceInput, type ManagerDiscount, type RestPrice } from './pricing/price-for-rest'

// sales process
export type { ProcessError, ProcessErrorCode, SalesError, PlanIssue } from './sales-errors'
export type { Role, Actor } from './access/roles'
export { ROLES } from './access/roles'
export { parseIsoDate, addDays, addMonths, endOfMonth, daysBetween, type IsoDate } from './dates/iso-date'
export { canonicalJson } from './hashing/canonical-json'
export { sha256Hex, fingerprint } from './hashing/fingerprint'
export { allocateReceipt } from './payments/allocate-receipt'
export { validateAllocationPlan, type PlannedAllocation } from './payments/allocation-plan'
export type {
  Receipt,
  OpenInvoice,
  OpenPosition,
  AllocationOptions,
  Allocation,
  AllocationResult,
} from './payments/open-invoices'
export {
  DEFAULT_PAYMENT_TERMS,
  findPaymentTerms,
  scheduleInstalments,
  dueDateOf,
  type PaymentTerms,
  type TermLine,
  type DueRule,
  type Instalment,
} from './payments/payment-terms'
export { overdueDays, instalmentStates, type InstalmentState } from './payments/overdue'
export {
  openCreditByCompany,
  checkCreditLimit,
  type CreditDocument,
  type OpenCredit,
  type CreditLimit,
  type CreditDecision,
} from './credit/open-credit'
export {
  INVOICE_STATUSES,
  INVOICE_MACHINE,
  transitionInvoice,
  canInvoice,
  takesBankReceipts,
  invoiceEventsFor,
  syncInvoiceStatus,
  type InvoiceNow,
  type InvoiceStatus,
  type InvoiceEvent,
  type InvoiceEventType,
} from './invoices/lifecycle'
export {
  buildInvoiceStageMap,
  stageForStatus,
  statusFromStage,
  type PortalStage,
  type InvoiceStageMap,
  type InvoiceFacts,
} from './invoices/stage-map'
export {
  generateInvoice,
  instalmentOfKey,
  type DealRow,
  type DealForInvoice,
  type InvoiceRequest,
  type InvoiceRow,
  type InvoiceDraft,
  type RateSnapshot,
} from './invoices/generate'
export {
  DIRECTIONS,
  LEAD_FACT_TYPES,
  validateLeadRuleSet,
  type Direction,
  type Verdict,
  type FactValue,
  type FactType,
  type Operator,
  type Condition,
  type LeafCondition,
  type TopLevelCondition,
  type LeadRule,
  type LeadRuleEvent,
  type LeadRuleSet,
} from './leads/rule-set'
export { tokenize, TopicMatcher, type LeadInput, type LeadFacts, type LeadFactOptions } from './leads/lead-facts'
export { compileLeadRuleSet, type CompiledRuleSet } from './leads/compile'
export { classifyLead, classifyLeadWithEngine, firedRules, type LeadVerdict, type Explanation } from './leads/classify'
export { dryRun, type DryRunReport, type Move } from './leads/dry-run'
export {
  LEAD_STAGES,
  LEAD_MACHINE,
  DEFAULT_LEAD_STATUS_CONFIG,
  transitionLead,
  canLead,
  leadStageFromStatus,
  leadUpdateFor,
  type LeadStage,
  type LeadEvent,
  type LeadEventType,
  type LeadStatusConfig,
} from './leads/stages'
export { DEFAULT_LEAD_RULES } from './leads/default-rules'
export type { Missing } from './sales-errors'
export {
  DEFAULT_FUNNELS,
  DEFAULT_TRANSITIONS,
  DEFAULT_FUNNEL_CONFIG,
  type Funnel,
  type FunnelStage,
  type FunnelConfig,
  type StageSemantics,
  type Requirement,
  type TransitionRule,
  type ClientLookup,
} from './funnels/funnel-config'
export {
  checkDealMove,
  canMoveDeal,
  dealMoveOptions,
  missingRequirements,
  validateFunnelConfig,
  type DealSnapshot,
  type MovePlan,
  type MoveOption,
} from './funnels/deal-move'
export { dealGuardFields, type DealRecord } from './funnels/deal-facts'
// access
export { resolveRole, DEMO_ROLE_CONFIG, type RoleConfig, type RoleSubject } from './access/resolve-role'
export { offerAccess, type OfferAccess } from './access/offer-access'
export { canIssueInvoice } from './access/invoice-access'
export {
  DEFAULT_PRODUCT_MODEL,
  type ProductModel,
  type ModelItem,
  type ModelComponent,
  type CompatibilityRule,
  type Configuration,
} from './configurator/product-model'
export { validateConfiguration, type Violation, type ConfigurationCheck } from './configurator/validate-configuration'
export {
  generateItem,
  canonicalConfiguration,
  type GeneratedItem,
  type CanonicalConfiguration,
} from './configurator/generated-item'
export {
  DEFAULT_DELIVERY_TABLE,
  quoteDelivery,
  type DeliveryTable,
  type DeliveryTier,
  type DeliveryQuote,
} from './order-cost/delivery'
export {
  computeOrderCost,
  type CatalogPrice,
  type OrderCostInput,
  type OrderRow,
  type OrderCost,
} from './order-cost/order-cost'
export { paidAmount, type PaymentFact } from './deals/paid-amount'
export { applyAllocations } from './payments/apply-allocations'
export {
  diffConfigurations,
  findExistingItem,
  configurationChange,
  type ConfigurationChange,
  type ConfigurationDiff,
  type KnownItem,
} from './configurator/configuration-diff'
export { exchangeDifference } from './payments/exchange-difference'
export { calculationFields } from './deals/calculation-fields'
export { dealCredit, type DealCredit, type DealCreditInput, type ExposureInvoice } from './deals/credit-exposure'
export { parseRoleConfig } from './access/parse-role-config'
export { listPriceOf } from './pricing/list-price'
export {
  invoicePositions,
  paymentLines,
  positionsAfterLines,
  positionTotals,
  PAYMENT_QUANTITY_DECIMALS,
  type InvoiceRowFacts,
  type PaidUnits,
  type InvoicePosition,
  type PaymentLine,
  type PaymentLines,
} from './payments/invoice-positions'
export { explainLead, type LeadExplanation, type RuleTrace, type NearMiss } from './leads/explain'
export {
  leadMoveOptions,
  checkLeadMove,
  type LeadNeed,
  type LeadMoveSnapshot,
  type LeadMoveOption,
} from './leads/lead-moves'
export { type ConditionTrace } from './leads/compile'
// configurator tab
export {
  parseConfiguratorSettings,
  parseConfiguratorOption,
  type ConfiguratorOption,
  parseCatalogProperties,
  type ConfiguratorProperties,
  type ConfiguratorSettings,
  type ConfiguratorPricing,
  type ConfiguratorCatalog,
  type ConfiguratorApproval,
} from './configurator/configurator-settings'
export {
  priceConfiguration,
  type ProductPrice,
  type PricedPart,
  type ConfigurationPrice,
  type PriceConfigurationInput,
} from './configurator/price-configuration'
export {
  APPROVALS,
  readApproval,
  checkApprover,
  checkRequester,
  configuredItemPlacement,
  survivingItem,
  encodeConfiguration,
  decodeConfiguration,
  type Approval,
} from './configurator/approval'
export {
  planStockDocuments,
  type HeldStock,
  type TargetStock,
  type StockLine,
  type StockPlan,
} from './stock/plan-stock-documents'
