import * as v from 'valibot'
import {
  calendarDate,
  decimal,
  flag,
  id,
  int,
  optionalDate,
  optionalDecimal,
  optionalId,
  optionalText,
  text,
  userFieldValue,
  yesNo,
} from './common'

/** Wire schemas of the CRM methods we consume (b24-platform.md section 4). Unknown keys pass through. */

/** crm.deal.get / crm.deal.list row (legacy UPPER_CASE, strings). */
export const DealWire = v.looseObject({
  ID: id,
  TITLE: optionalText,
  CATEGORY_ID: id,
  STAGE_ID: text,
  STAGE_SEMANTIC_ID: v.nullish(v.picklist(['P', 'S', 'F'], 'expected "P", "S" or "F"')),
  CURRENCY_ID: optionalText,
  OPPORTUNITY: decimal,
  TAX_VALUE: optionalDecimal,
  IS_MANUAL_OPPORTUNITY: v.nullish(yesNo),
  COMPANY_ID: optionalId,
  CONTACT_ID: optionalId,
  LEAD_ID: optionalId,
  ASSIGNED_BY_ID: optionalId,
  BEGINDATE: calendarDate,
  CLOSEDATE: calendarDate,
  CLOSED: v.nullish(yesNo),
})
export type DealWire = v.InferOutput<typeof DealWire>

/** crm.deal.productrows.get row (legacy: UPPER_CASE keys, JSON numbers). */
export const LegacyProductRowWire = v.looseObject({
  ID: id,
  PRODUCT_ID: optionalId,
  PRODUCT_NAME: optionalText,
  PRICE: decimal,
  PRICE_EXCLUSIVE: optionalDecimal,
  PRICE_NETTO: optionalDecimal,
  PRICE_BRUTTO: optionalDecimal,
  QUANTITY: decimal,
  DISCOUNT_TYPE_ID: v.pipe(id, v.picklist([1, 2], 'expected 1 or 2')),
  DISCOUNT_RATE: optionalDecimal,
  DISCOUNT_SUM: optionalDecimal,
  TAX_RATE: optionalDecimal,
  TAX_INCLUDED: yesNo,
  MEASURE_CODE: optionalId,
  MEASURE_NAME: optionalText,
  SORT: v.nullish(int, 0),
})
export type LegacyProductRowWire = v.InferOutput<typeof LegacyProductRowWire>

/** crm.item.productrow.list / .set row (factory: camelCase, JSON numbers). */
export const ProductRowWire = v.looseObject({
  id: id,
  productId: optionalId,
  productName: optionalText,
  price: decimal,
  priceExclusive: optionalDecimal,
  priceNetto: optionalDecimal,
  priceBrutto: optionalDecimal,
  quantity: decimal,
  discountTypeId: v.pipe(id, v.picklist([1, 2], 'expected 1 or 2')),
  discountRate: optionalDecimal,
  discountSum: optionalDecimal,
  taxRate: optionalDecimal,
  taxIncluded: yesNo,
  measureCode: optionalId,
  measureName: optionalText,
  sort: v.nullish(int, 0),
})
export type ProductRowWire = v.InferOutput<typeof ProductRowWire>

/** crm.status.list row. SEMANTICS is null for process stages, 'S' or 'F' otherwise. */
export const StatusWire = v.looseObject({
  ID: v.nullish(id),
  ENTITY_ID: text,
  STATUS_ID: text,
  NAME: text,
  SORT: int,
  CATEGORY_ID: optionalId,
  COLOR: v.nullish(v.string()),
  SEMANTICS: v.nullish(v.picklist(['S', 'F', 'P', ''], 'expected null, "S" or "F"')),
  EXTRA: v.nullish(v.looseObject({ SEMANTICS: v.nullish(v.string()) })),
})
export type StatusWire = v.InferOutput<typeof StatusWire>

/** crm.category.list / get entry. */
export const CategoryWire = v.looseObject({
  id: id,
  name: text,
  sort: v.nullish(int, 0),
  entityTypeId: int,
  isDefault: v.nullish(yesNo, 'N'),
})
export type CategoryWire = v.InferOutput<typeof CategoryWire>

/** crm.currency.list row: every number is a string. */
export const CurrencyWire = v.looseObject({
  CURRENCY: v.pipe(text, v.regex(/^[A-Z]{3}$/, 'expected a 3-letter currency code')),
  AMOUNT: decimal,
  AMOUNT_CNT: decimal,
  BASE: yesNo,
  // tinyint, default 2; empty when the currency has no format for the portal's language.
  DECIMALS: v.pipe(
    v.nullish(v.union([v.string(), v.number()]), ''),
    v.check(
      (d) => d === '' || (typeof d === 'number' ? Number.isInteger(d) : /^\s*\d+\s*$/.test(d)),
      'expected a whole number of decimals',
    ),
    v.transform((d) => (d === '' ? 2 : Number(d))),
  ),
  SORT: v.nullish(int, 0),
  FULL_NAME: optionalText,
})
export type CurrencyWire = v.InferOutput<typeof CurrencyWire>

const multiField = v.nullish(
  v.array(v.looseObject({ VALUE: v.nullish(v.string()), VALUE_TYPE: v.nullish(v.string()) })),
  [],
)

/** crm.lead.get / list row. */
export const LeadWire = v.looseObject({
  ID: id,
  TITLE: optionalText,
  STATUS_ID: text,
  STATUS_SEMANTIC_ID: v.nullish(v.picklist(['P', 'S', 'F'], 'expected "P", "S" or "F"')),
  SOURCE_ID: optionalText,
  CURRENCY_ID: optionalText,
  OPPORTUNITY: optionalDecimal,
  ASSIGNED_BY_ID: optionalId,
  DATE_CREATE: optionalDate,
  NAME: optionalText,
  LAST_NAME: optionalText,
  COMPANY_TITLE: optionalText,
  PHONE: multiField,
  EMAIL: multiField,
  COMMENTS: optionalText,
  COMPANY_ID: optionalId,
  CONTACT_ID: optionalId,
})
export type LeadWire = v.InferOutput<typeof LeadWire>

/** crm.item (entityTypeId 31) as a smart invoice: camelCase, typed values. */
export const SmartInvoiceWire = v.looseObject({
  id: id,
  title: optionalText,
  accountNumber: optionalText,
  categoryId: int,
  stageId: text,
  stageSemanticId: v.nullish(v.picklist(['P', 'S', 'F'], 'expected "P", "S" or "F"')),
  parentId2: optionalId,
  companyId: optionalId,
  currencyId: optionalText,
  opportunity: decimal,
  taxValue: optionalDecimal,
  begindate: calendarDate,
  closedate: calendarDate,
  assignedById: optionalId,
})
export type SmartInvoiceWire = v.InferOutput<typeof SmartInvoiceWire>

/** crm.item.payment.list / get entry. */
export const PaymentWire = v.looseObject({
  id: id,
  accountNumber: optionalText,
  paid: v.nullish(flag, false),
  datePaid: optionalDate,
  sum: decimal,
  currency: text,
  paySystemName: optionalText,
})
export type PaymentWire = v.InferOutput<typeof PaymentWire>

/** Keys that are user fields in a legacy (UF_CRM_…) or factory (ufCrm…) payload. */
export const isUserFieldKey = (key: string): boolean => key.startsWith('UF_') || /^ufCrm/.test(key)

export const UserFieldsWire = v.record(v.string(), userFieldValue)

/** crm.company.get (legacy UPPER_CASE). */
export const CompanyWire = v.looseObject({ ID: id, TITLE: optionalText })

/** crm.requisite.list row: the tax ids we print. */
export const RequisiteWire = v.looseObject({
  ID: id,
  RQ_INN: v.nullish(v.union([v.string(), v.number()])),
  RQ_KPP: v.nullish(v.union([v.string(), v.number()])),
})

/** crm.deal.fields: field code → description; user fields carry the labels the portal shows for them. */
export const FieldsWire = v.record(
  v.string(),
  v.looseObject({
    title: v.nullish(v.string()),
    listLabel: v.nullish(v.string()),
    formLabel: v.nullish(v.string()),
  }),
)
