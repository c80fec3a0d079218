import * as v from 'valibot'
import { mapWith } from './map-with'
import type { Result } from '@salesflow/rules'
import { isRecord, ok } from '@salesflow/rules'
import type {
  Company,
  Category,
  Currency,
  Deal,
  Lead,
  Payment,
  ProductRow,
  SmartInvoice,
  Stage,
  StageSemantics,
  UserFields,
} from '../domain'
import type { PortalError } from '../errors'
import { parseWire } from '../validate'
import {
  CategoryWire,
  CompanyWire,
  CurrencyWire,
  RequisiteWire,
  DealWire,
  LeadWire,
  LegacyProductRowWire,
  PaymentWire,
  ProductRowWire,
  SmartInvoiceWire,
  StatusWire,
  isUserFieldKey,
  UserFieldsWire,
} from '../wire/crm'

const SEMANTICS: Record<string, StageSemantics> = { P: 'process', S: 'success', F: 'failure' }

/** P/S/F (items) or null/S/F (crm.status) as a StageSemantics. */
export const semanticsOf = (code: string | null | undefined): StageSemantics => SEMANTICS[code ?? 'P'] ?? 'process'

function userFieldsOf(raw: unknown, entity: string, method?: string): Result<UserFields, PortalError> {
  const obj = typeof raw === 'object' && raw !== null ? (raw as Record<string, unknown>) : {}
  const picked = Object.fromEntries(Object.entries(obj).filter(([k]) => isUserFieldKey(k)))
  const parsed = parseWire(UserFieldsWire, picked, entity, method)
  if (!parsed.ok) return parsed
  const norm = (x: unknown) => (typeof x === 'number' ? String(x) : (x as string | boolean | null))
  return ok(
    Object.fromEntries(
      Object.entries(parsed.value).map(([k, x]) => [k, Array.isArray(x) ? x.map(norm) : norm(x)]),
    ) as UserFields,
  )
}

/** Maps a list, naming the index of a bad row: `deal[3].OPPORTUNITY`. */
export function mapList<T>(
  raw: unknown,
  one: (row: unknown, method?: string, entity?: string) => Result<T, PortalError>,
  entity: string,
  method?: string,
): Result<T[], PortalError> {
  if (!Array.isArray(raw)) return parseWire(v.array(v.unknown(), 'expected a list'), raw, entity, method) as never
  const out: T[] = []
  for (const [i, row] of raw.entries()) {
    const r = one(row, method, `${entity}[${i}]`)
    if (!r.ok) return r
    out.push(r.value)
  }
  return ok(out)
}

export function mapDeal(raw: unknown, method?: string, entity = 'deal'): Result<Deal, PortalError> {
  const w = parseWire(DealWire, raw, entity, method)
  if (!w.ok) return w
  const uf = userFieldsOf(raw, entity, method)
  if (!uf.ok) return uf
  const d = w.value
  return ok({
    id: d.ID,
    title: d.TITLE,
    categoryId: d.CATEGORY_ID,
    stageId: d.STAGE_ID,
    stageSemantics: semanticsOf(d.STAGE_SEMANTIC_ID),
    currency: d.CURRENCY_ID,
    opportunity: d.OPPORTUNITY,
    taxValue: d.TAX_VALUE ?? '0',
    isManualOpportunity: d.IS_MANUAL_OPPORTUNITY === 'Y',
    companyId: d.COMPANY_ID ?? null,
    contactId: d.CONTACT_ID ?? null,
    leadId: d.LEAD_ID ?? null,
    assignedById: d.ASSIGNED_BY_ID ?? null,
    beginDate: d.BEGINDATE ?? null,
    closeDate: d.CLOSEDATE ?? null,
    closed: d.CLOSED === 'Y',
    userFields: uf.value,
  })
}

export function mapLegacyProductRow(
  raw: unknown,
  method?: string,
  entity = 'productRow',
): Result<ProductRow, PortalError> {
  return mapWith(
    LegacyProductRowWire,
    (r): ProductRow => ({
      id: r.ID,
      productId: r.PRODUCT_ID ?? 0,
      productName: r.PRODUCT_NAME,
      price: r.PRICE,
      quantity: r.QUANTITY,
      discountTypeId: r.DISCOUNT_TYPE_ID as 1 | 2,
      discountRate: r.DISCOUNT_RATE ?? '0',
      discountSum: r.DISCOUNT_SUM ?? '0',
      taxRate: r.TAX_RATE ?? null,
      taxIncluded: r.TAX_INCLUDED,
      priceExclusive: r.PRICE_EXCLUSIVE ?? r.PRICE,
      priceNetto: r.PRICE_NETTO ?? r.PRICE,
      priceBrutto: r.PRICE_BRUTTO ?? r.PRICE,
      measureCode: r.MEASURE_CODE ?? null,
      measureName: r.MEASURE_NAME,
      sort: r.SORT,
    }),
    entity,
  )(raw, method, entity)
}

export function mapProductRow(raw: unknown, method?: string, entity = 'productRow'): Result<ProductRow, PortalError> {
  return mapWith(
    ProductRowWire,
    (r): ProductRow => ({
      id: r.id,
      productId: r.productId ?? 0,
      productName: r.productName,
      price: r.price,
      quantity: r.quantity,
      discountTypeId: r.discountTypeId as 1 | 2,
      discountRate: r.discountRate ?? '0',
      discountSum: r.discountSum ?? '0',
      taxRate: r.taxRate ?? null,
      taxIncluded: r.taxIncluded,
      priceExclusive: r.priceExclusive ?? r.price,
      priceNetto: r.priceNetto ?? r.price,
      priceBrutto: r.priceBrutto ?? r.price,
      measureCode: r.measureCode ?? null,
      measureName: r.measureName,
      sort: r.sort,
    }),
    entity,
  )(raw, method, entity)
}

/**
 * Stage ids of category N > 0 carry the `C{N}:` prefix; crm.status rows of the default funnel have
 * CATEGORY_ID null, so the category comes from the ENTITY_ID suffix (`DEAL_STAGE_1`, `SMART_INVOICE_STAGE_2`).
 */
function categoryOfEntity(entityId: string, fallback: number | null | undefined): number {
  const m = /_(\d+)$/.exec(entityId)
  return m ? Number(m[1]) : (fallback ?? 0)
}

export function mapStage(raw: unknown, method?: string, entity = 'stage'): Result<Stage, PortalError> {
  return mapWith(
    StatusWire,
    (s): Stage => ({
      id: s.STATUS_ID,
      name: s.NAME,
      sort: s.SORT,
      semantics:
        s.SEMANTICS === 'S' || s.SEMANTICS === 'F'
          ? semanticsOf(s.SEMANTICS)
          : s.EXTRA?.SEMANTICS === 'success'
            ? 'success'
            : s.EXTRA?.SEMANTICS === 'failure' || s.EXTRA?.SEMANTICS === 'apology'
              ? 'failure'
              : 'process',
      categoryId: categoryOfEntity(s.ENTITY_ID, s.CATEGORY_ID),
      entityId: s.ENTITY_ID,
      color: s.COLOR ?? null,
    }),
    entity,
  )(raw, method, entity)
}

export const mapCategory = (raw: unknown, method?: string, entity = 'category'): Result<Category, PortalError> =>
  mapWith(
    CategoryWire,
    (c): Category => ({
      id: c.id,
      name: c.name,
      sort: c.sort,
      isDefault: c.isDefault === 'Y',
      entityTypeId: c.entityTypeId,
    }),
    entity,
  )(raw, method, entity)

export const mapCurrency = (raw: unknown, method?: string, entity = 'currency'): Result<Currency, PortalError> =>
  mapWith(
    CurrencyWire,
    (c): Currency => ({
      CURRENCY: c.CURRENCY,
      AMOUNT: c.AMOUNT,
      AMOUNT_CNT: c.AMOUNT_CNT,
      isBase: c.BASE === 'Y',
      decimals: c.DECIMALS,
      fullName: c.FULL_NAME,
      sort: c.SORT,
    }),
    entity,
  )(raw, method, entity)

export function mapLead(raw: unknown, method?: string, entity = 'lead'): Result<Lead, PortalError> {
  const w = parseWire(LeadWire, raw, entity, method)
  if (!w.ok) return w
  const uf = userFieldsOf(raw, entity, method)
  if (!uf.ok) return uf
  const l = w.value
  const values = (xs: readonly { VALUE?: string | null | undefined }[]) =>
    xs.map((x) => x.VALUE ?? '').filter((x) => x !== '')
  return ok({
    id: l.ID,
    title: l.TITLE,
    statusId: l.STATUS_ID,
    statusSemantics: semanticsOf(l.STATUS_SEMANTIC_ID),
    sourceId: l.SOURCE_ID,
    currency: l.CURRENCY_ID,
    opportunity: l.OPPORTUNITY ?? '0',
    assignedById: l.ASSIGNED_BY_ID ?? null,
    createdAt: l.DATE_CREATE ?? null,
    name: l.NAME,
    lastName: l.LAST_NAME,
    companyTitle: l.COMPANY_TITLE,
    phones: values(l.PHONE),
    emails: values(l.EMAIL),
    comments: l.COMMENTS,
    companyId: l.COMPANY_ID ?? null,
    contactId: l.CONTACT_ID ?? null,
    userFields: uf.value,
  })
}

/** A smart invoice; `stages` resolves the semantics when the item does not carry stageSemanticId. */
export function mapSmartInvoice(
  raw: unknown,
  method?: string,
  entity = 'invoice',
  stages: readonly Stage[] = [],
): Result<SmartInvoice, PortalError> {
  return mapWith(
    SmartInvoiceWire,
    (i): SmartInvoice => ({
      id: i.id,
      title: i.title,
      accountNumber: i.accountNumber,
      categoryId: i.categoryId,
      stageId: i.stageId,
      stageSemantics: i.stageSemanticId
        ? semanticsOf(i.stageSemanticId)
        : (stages.find((s) => s.id === i.stageId)?.semantics ?? null),
      dealId: i.parentId2 ?? null,
      companyId: i.companyId ?? null,
      currency: i.currencyId,
      opportunity: i.opportunity,
      taxValue: i.taxValue ?? '0',
      issueDate: i.begindate ?? null,
      dueDate: i.closedate ?? null,
      assignedById: i.assignedById ?? null,
      userFields: originalUserFieldsOf(raw),
    }),
    entity,
  )(raw, method, entity)
}

/** The `UF_*` keys of a raw item with a text or number value, as text (objects and empty values left out). */
function originalUserFieldsOf(raw: unknown): Record<string, string> {
  const out: Record<string, string> = {}
  if (!isRecord(raw)) return out
  for (const [k, v] of Object.entries(raw))
    if (k.startsWith('UF_') && ((typeof v === 'string' && v !== '') || typeof v === 'number')) out[k] = String(v)
  return out
}

export const mapPayment = (raw: unknown, method?: string, entity = 'payment'): Result<Payment, PortalError> =>
  mapWith(
    PaymentWire,
    (p): Payment => ({
      id: p.id,
      accountNumber: p.accountNumber,
      paid: p.paid,
      datePaid: p.datePaid ?? null,
      sum: p.sum,
      currency: p.currency,
      paySystemName: p.paySystemName,
    }),
    entity,
  )(raw, method, entity)

/** A company and (optionally) its first requisite; empty tax ids become null. */
export function mapCompany(
  raw: unknown,
  requisite: unknown = undefined,
  method?: string,
): Result<Company, PortalError> {
  const c = parseWire(CompanyWire, raw, 'company', method)
  if (!c.ok) return c
  let inn: string | null = null
  let kpp: string | null = null
  if (requisite !== undefined) {
    const r = parseWire(RequisiteWire, requisite, 'requisite', method)
    if (!r.ok) return r
    inn =
      r.value.RQ_INN === null || r.value.RQ_INN === undefined || r.value.RQ_INN === '' ? null : String(r.value.RQ_INN)
    kpp =
      r.value.RQ_KPP === null || r.value.RQ_KPP === undefined || r.value.RQ_KPP === '' ? null : String(r.value.RQ_KPP)
  }
  const uf = userFieldsOf(raw, 'company', method)
  if (!uf.ok) return uf
  return ok({ id: c.value.ID, title: c.value.TITLE, inn, kpp, userFields: uf.value })
}
