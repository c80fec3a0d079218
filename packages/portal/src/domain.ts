import type { DiscountTypeId, PortalCurrency, ProductRowInput, StageSemantics, YesNo } from '@salesflow/rules'

/**
 * The domain types repositories return. Wire DTOs (UPPER_CASE strings, camelCase floats) never leave
 * packages/portal: ids are numbers, money and quantities decimal strings, flags booleans, absent values null.
 */

/** A stage's meaning (the rules' type), mapped from crm.status SEMANTICS (null/S/F) or an item's stageSemanticId (P/S/F). */
export type { StageSemantics }

export interface Stage {
  /** Full stage id as items carry it: `NEW`, `C1:WON`, `DT31_2:P`. */
  readonly id: string
  readonly name: string
  readonly sort: number
  readonly semantics: StageSemantics
  /** The funnel: 0 for the default deal funnel; the smart-invoice category id for invoices. */
  readonly categoryId: number
  /** The crm.status ENTITY_ID the stage belongs to (`DEAL_STAGE_1`, `SMART_INVOICE_STAGE_2`). */
  readonly entityId: string
  readonly color: string | null
}

/** A funnel (crm.category): deal categories 0, 1, 2 in the demo. */
export interface Category {
  readonly id: number
  readonly name: string
  readonly sort: number
  readonly isDefault: boolean
  readonly entityTypeId: number
}

/** User fields (UF_CRM_*) as sent: scalars stay as they are, numbers become strings. */
export type UserFields = Readonly<Record<string, string | boolean | null | readonly (string | boolean | null)[]>>

export interface Deal {
  readonly id: number
  readonly title: string
  readonly categoryId: number
  readonly stageId: string
  readonly stageSemantics: StageSemantics
  readonly currency: string
  /** OPPORTUNITY as a decimal string. */
  readonly opportunity: string
  readonly taxValue: string
  readonly isManualOpportunity: boolean
  readonly companyId: number | null
  readonly contactId: number | null
  readonly leadId: number | null
  readonly assignedById: number | null
  /** Calendar dates `YYYY-MM-DD` (date-only fields: no time, no zone). */
  readonly beginDate: string | null
  readonly closeDate: string | null
  readonly closed: boolean
  readonly userFields: UserFields
}

/** A client company (crm.company) with the tax ids of its first requisite, when it has one. */
export interface Company {
  readonly id: number
  readonly title: string
  /** ИНН (RQ_INN) or null. */
  readonly inn: string | null
  /** КПП (RQ_KPP) or null. */
  readonly kpp: string | null
  /** UF_CRM_* of the company (salesflow keeps the credit limit and mode there). */
  readonly userFields: UserFields
}

/** A deal together with its funnel and stage, resolved. */
export interface DealWithStage {
  readonly deal: Deal
  readonly category: Category | null
  readonly stage: Stage | null
}

/**
 * A stored product row: the rules library's ProductRowInput (what computeProductRows takes) plus ids and
 * the portal's derived prices. Every amount is a decimal string.
 */
export interface ProductRow extends ProductRowInput {
  readonly id: number
  readonly productId: number
  readonly productName: string
  readonly price: string
  readonly quantity: string
  readonly discountTypeId: DiscountTypeId
  readonly discountRate: string
  readonly discountSum: string
  readonly taxRate: string | null
  readonly taxIncluded: YesNo
  readonly priceExclusive: string
  readonly priceNetto: string
  readonly priceBrutto: string
  readonly measureCode: number | null
  readonly measureName: string
  readonly sort: number
}

/** What we write: a row without id (the portal assigns them) or with one (kept). */
export interface ProductRowDraft extends ProductRowInput {
  readonly productId?: number
  readonly productName?: string
  readonly measureCode?: number | null
  readonly measureName?: string
  readonly sort?: number
}

export interface SmartInvoice {
  readonly id: number
  readonly title: string
  readonly accountNumber: string
  readonly categoryId: number
  readonly stageId: string
  /** From the item when it carries stageSemanticId, otherwise resolved from the stage list; null if unknown. */
  readonly stageSemantics: StageSemantics | null
  /** parentId2: the deal this invoice bills. */
  readonly dealId: number | null
  readonly companyId: number | null
  readonly currency: string
  readonly opportunity: string
  readonly taxValue: string
  /** begindate: the invoice date, a calendar date `YYYY-MM-DD`. */
  readonly issueDate: string | null
  /** closedate: the due date, a calendar date `YYYY-MM-DD`. */
  readonly dueDate: string | null
  readonly assignedById: number | null
  /** `UF_*` values as text, when read with their original names (`useOriginalUfNames`); otherwise empty. */
  readonly userFields: Readonly<Record<string, string>>
}

/** A sale payment (crm.item.payment.*) of a deal or an invoice. */
export interface Payment {
  readonly id: number
  readonly accountNumber: string
  readonly paid: boolean
  readonly datePaid: string | null
  readonly sum: string
  readonly currency: string
  readonly paySystemName: string
}

export interface Lead {
  readonly id: number
  readonly title: string
  readonly statusId: string
  readonly statusSemantics: StageSemantics
  readonly sourceId: string
  readonly currency: string
  readonly opportunity: string
  readonly assignedById: number | null
  readonly createdAt: string | null
  readonly name: string
  readonly lastName: string
  readonly companyTitle: string
  readonly phones: readonly string[]
  readonly emails: readonly string[]
  /** COMMENTS: the request text (a web form's message, an e-mail body). */
  readonly comments: string
  /** The company and contact the lead is bound to (set on conversion), null when none. */
  readonly companyId: number | null
  readonly contactId: number | null
  readonly userFields: UserFields
}

/** A currency in the form convertMoney takes, plus display data. */
export interface Currency extends PortalCurrency {
  readonly CURRENCY: string
  readonly AMOUNT: string
  readonly AMOUNT_CNT: string
  readonly isBase: boolean
  /** Minor-unit digits (the portal's DECIMALS; 2 when the portal leaves it empty). */
  readonly decimals: number
  readonly fullName: string
  readonly sort: number
}

export interface Catalog {
  readonly id: number
  readonly iblockId: number
  readonly name: string
  readonly productIblockId: number | null
}

export interface CatalogProduct {
  readonly id: number
  readonly iblockId: number
  readonly name: string
  readonly active: boolean
  readonly sectionId: number | null
  readonly measureId: number | null
  readonly vatId: number | null
  readonly vatIncluded: boolean
  /** Grams, as a decimal string, or null when not set. */
  readonly weight: string | null
  readonly purchasingPrice: string | null
  readonly purchasingCurrency: string | null
}

/** A VAT rate of the portal's catalog (catalog.vat.list): tax rates are portal data, never constants. */
export interface VatRate {
  readonly id: number
  readonly name: string
  /** Percent as a decimal string ('22'); null for "без НДС". */
  readonly rate: string | null
  /** Inactive rates stay for old documents (20 % before 2026) but are not offered for new rows. */
  readonly active: boolean
  readonly sort: number
}

export interface CatalogSection {
  readonly id: number
  readonly iblockId: number
  readonly name: string
  readonly sort: number
  readonly parentId: number | null
}

export interface CatalogPrice {
  readonly id: number
  readonly productId: number
  readonly catalogGroupId: number
  readonly price: string
  readonly currency: string
}

export interface StockLevel {
  readonly id: number
  readonly productId: number
  readonly storeId: number
  readonly amount: string
  readonly reserved: string
}

export interface User {
  readonly id: number
  readonly name: string
  readonly lastName: string
  /** "Name Lastname", or the e-mail when both are empty. */
  readonly fullName: string
  readonly email: string
  readonly active: boolean
  readonly position: string
  readonly departmentIds: readonly number[]
  /** Known for the current user (user.current ADMIN / IS_ADMIN); null when the portal did not say. */
  readonly isAdmin: boolean | null
}

export interface Department {
  readonly id: number
  readonly name: string
  readonly sort: number
  readonly parentId: number | null
  readonly headId: number | null
}

export interface Task {
  readonly id: number
  readonly title: string
  readonly status: string
  readonly responsibleId: number | null
  readonly createdBy: number | null
  readonly deadline: string | null
  /** The CRM items the task is bound to (`D_12` a deal, `L_3` a lead…); empty when none. */
  readonly crm: readonly string[]
}

export interface TaskDraft {
  readonly title: string
  readonly description?: string
  readonly responsibleId: number
  readonly createdBy?: number
  readonly deadline?: string
  /** CRM bindings such as `D_42`. */
  readonly crm?: readonly string[]
  readonly auditors?: readonly number[]
  readonly taskControl?: boolean
}

/** App or user options: the portal stores strings; we keep whatever JSON came back. */
export type Options = Readonly<Record<string, unknown>>
