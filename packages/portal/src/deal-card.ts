import { ok, type Result } from '@salesflow/rules'
import type { BatchAnswers, Command, PortalClient, RestAnswer } from './client'
import { ref } from './batch/query-string'
import type { Category, Company, Deal, Payment, ProductRow, SmartInvoice, Stage, VatRate } from './domain'
import type { PortalError } from './errors'
import { mapCategory, mapCompany, mapDeal, mapLegacyProductRow, mapSmartInvoice, mapStage } from './mappers/crm'
import { mapVat } from './mappers/catalog'
import { parseWire } from './validate'
import { FieldsWire } from './wire/crm'
import { SMART_INVOICE, createInvoiceRepository } from './repositories/invoices'
import { createPaymentRepository, mapPayments } from './repositories/payments'
import {
  answersOf,
  planContext,
  readContext,
  readList,
  readOne,
  stagesOf,
  statusList,
  type Answers,
  type CardContext,
} from './card-common'
import { dealStageEntity } from './repositories/reference'
import { decodeListValues, describeUserFields, userFieldList, type UserFieldDescriptions } from './list-fields'

/** Everything a deal widget needs to open, read in one batch. */
export interface DealCard extends CardContext {
  readonly deal: Deal
  readonly category: Category
  /** The stages of the deal's funnel, in order, with semantics. */
  readonly stages: readonly Stage[]
  /** The deal's current stage, or null when the funnel no longer has it. */
  readonly stage: Stage | null
  readonly productRows: readonly ProductRow[]
  /** Smart invoices bound to the deal through parentId2, by id. */
  readonly invoices: readonly SmartInvoice[]
  /** Smart-invoice stages of every invoice funnel, to name the stages of the invoices above. */
  readonly invoiceStages: readonly Stage[]
  /**
   * Field code → the name the portal shows for it: a user field's form label in the card's language
   * (crm.deal.userfield.list), crm.deal.fields' label or title otherwise.
   */
  readonly fieldLabels: Readonly<Record<string, string>>
  /** The deal's user fields with their list items (the deal's list values above are already our codes). */
  readonly dealFields: UserFieldDescriptions
  /** The portal's VAT rates (catalog.vat.list), for the rate column of the rows. */
  readonly vatRates: readonly VatRate[]
  /** The client company's smart invoices, newest first, all of them: its credit exposure. Empty without a company. */
  readonly companyInvoices: readonly SmartInvoice[]
  /**
   * Every payment received or expected on the deal: its own sale payments (crm.item.payment.list, entityTypeId 2)
   * and the payments of its smart invoices (entityTypeId 31), in that order.
   */
  readonly payments: readonly Payment[]
  /** The client company with its ИНН/КПП; null when the deal has none or it could not be read. */
  readonly company: Company | null
  /** Why `company` is null although the deal names one (NOT_FOUND, ACCESS_DENIED, …); null otherwise. */
  readonly companyError: PortalError | null
}

export interface DealCardOptions {
  /** app.option.get needs an application context; a webhook gets AccessException, so scripts can turn it off. */
  readonly appOptions?: boolean
  readonly invoices?: boolean
  readonly payments?: boolean
  /** crm.company.get + crm.requisite.list of `$result[deal][COMPANY_ID]`. */
  readonly company?: boolean
  /** The language of user-field labels (ru by default). */
  readonly lang?: string
}

/**
 * The payments of the deal's first invoices ride in the card's batch, one crm.item.payment.list per invoice
 * (`$result[invoices][items][k][id]`); a deal with more invoices reads the rest in one more round trip.
 */
export const INVOICE_PAYMENT_SLOTS = 10
const invoicePaymentsKey = (k: number): string => `invoicePayments${k}`

/**
 * The batch behind `loadDealCard`: independent reads plus the deal's funnel, resolved server-side from
 * `$result[deal][CATEGORY_ID]`. crm.status.list promises only an exact ENTITY_ID filter, so the stages come from
 * two exact lists: `DEAL_STAGE` (funnel 0) and `DEAL_STAGE_$result[deal][CATEGORY_ID]` (any other funnel; the
 * portal replaces a reference inside a value by the number, and funnel 0 has no `DEAL_STAGE_0`). Invoice stages
 * likewise come from the smart-invoice funnel that crm.category.list names (smart invoices have exactly one).
 */
export function planDealCard(dealId: number, options: DealCardOptions = {}): Record<string, Command> {
  const plan: Record<string, Command> = {
    deal: { method: 'crm.deal.get', params: { id: dealId } },
    category: { method: 'crm.category.get', params: { entityTypeId: 2, id: ref('deal', 'CATEGORY_ID') } },
    stages: statusList(dealStageEntity(0)),
    funnelStages: statusList(`DEAL_STAGE_${ref('deal', 'CATEGORY_ID')}`),
    rows: { method: 'crm.deal.productrows.get', params: { id: dealId } },
    vats: { method: 'catalog.vat.list', params: { order: { sort: 'ASC' } } },
    fields: { method: 'crm.deal.fields', params: {} },
    dealFields: userFieldList('deal', options.lang ?? 'ru'),
    invoiceCategory: { method: 'crm.category.list', params: { entityTypeId: SMART_INVOICE } },
    invoiceStages: statusList(`SMART_INVOICE_STAGE_${ref('invoiceCategory', 'categories', 0, 'id')}`),
    ...planContext(options.appOptions ?? true),
  }
  if (options.invoices ?? true) {
    plan.invoices = {
      method: 'crm.item.list',
      // With user fields by original name: the tab shows each converted invoice's rate snapshot.
      params: {
        entityTypeId: SMART_INVOICE,
        filter: { '=parentId2': dealId },
        order: { id: 'ASC' },
        select: ['*', 'UF_*'],
        useOriginalUfNames: 'Y',
      },
    }
  }
  if (options.payments ?? true) {
    plan.payments = { method: 'crm.item.payment.list', params: { entityTypeId: 2, entityId: dealId } }
    if (options.invoices ?? true)
      for (let k = 0; k < INVOICE_PAYMENT_SLOTS; k++)
        plan[invoicePaymentsKey(k)] = {
          method: 'crm.item.payment.list',
          params: { entityTypeId: SMART_INVOICE, entityId: ref('invoices', 'items', k, 'id') },
        }
  }
  if (options.company ?? true) {
    plan.company = { method: 'crm.company.get', params: { id: ref('deal', 'COMPANY_ID') } }
    plan.companyFields = userFieldList('company', options.lang ?? 'ru')
    plan.companyInvoices = {
      method: 'crm.item.list',
      params: {
        entityTypeId: SMART_INVOICE,
        filter: { '=companyId': ref('deal', 'COMPANY_ID') },
        order: { id: 'DESC' },
        select: ['*'],
      },
    }
    plan.requisites = {
      method: 'crm.requisite.list',
      params: {
        filter: { ENTITY_TYPE_ID: 4, ENTITY_ID: ref('deal', 'COMPANY_ID') },
        select: ['ID', 'RQ_INN', 'RQ_KPP'],
        order: { ID: 'ASC' },
      },
    }
  }
  return plan
}

/** Maps the batch answers of `planDealCard` to a DealCard; the first failing part is the error. */
export function readDealCard(answers: BatchAnswers, options: DealCardOptions = {}): Result<DealCard, PortalError> {
  const get = answersOf(answers)
  const read = readOne(get, 'deal', 'crm.deal.get', mapDeal)
  if (!read.ok) return read
  const dealFields = readOne(get, 'dealFields', 'crm.deal.userfield.list', (raw) => ok(describeUserFields(raw)))
  if (!dealFields.ok) return dealFields
  const deal: Deal = { ...read.value, userFields: decodeListValues(read.value.userFields, dealFields.value) }
  const category = readOne(get, 'category', 'crm.category.get', mapCategory, 'category')
  if (!category.ok) return category
  const stagesA = get(deal.categoryId === 0 ? 'stages' : 'funnelStages')
  if (!stagesA.ok) return stagesA
  const stages = stagesOf(stagesA.value, dealStageEntity(deal.categoryId))
  if (!stages.ok) return stages
  const rows = readList(get, 'rows', 'crm.deal.productrows.get', mapLegacyProductRow, undefined, 'productRow')
  if (!rows.ok) return rows
  const vatRates = readList(get, 'vats', 'catalog.vat.list', mapVat, 'vats', 'vat')
  if (!vatRates.ok) return vatRates
  // The invoice funnel's stages are named through its category: a failed category list is the card's error, not
  // an empty stage list.
  const invoiceCategory = get('invoiceCategory')
  if (!invoiceCategory.ok) return invoiceCategory
  const invoiceStages = readList(get, 'invoiceStages', 'crm.status.list', mapStage, undefined, 'stage')
  if (!invoiceStages.ok) return invoiceStages
  const fields = readOne(get, 'fields', 'crm.deal.fields', (raw, method) =>
    parseWire(FieldsWire, raw, 'fields', method),
  )
  if (!fields.ok) return fields
  const fieldLabels = Object.fromEntries(
    Object.entries(fields.value).map(([code, f]) => [
      code,
      dealFields.value[code]?.label || f.formLabel || f.listLabel || f.title || code,
    ]),
  )
  const context = readContext(get, options.appOptions ?? true)
  if (!context.ok) return context
  const invoices = (options.invoices ?? true) ? readInvoices(get, 'invoices') : ok([])
  if (!invoices.ok) return invoices
  const payments =
    (options.payments ?? true) ? readOne(get, 'payments', 'crm.item.payment.list', (raw) => mapPayments(raw)) : ok([])
  if (!payments.ok) return payments
  const invoicePayments = (options.payments ?? true) ? readInvoicePayments(get, invoices.value) : ok([])
  if (!invoicePayments.ok) return invoicePayments
  const client = readCompany(get, deal, options)
  const companyInvoices = client.company ? readInvoices(get, 'companyInvoices') : ok([])
  if (!companyInvoices.ok) return companyInvoices
  return ok({
    deal,
    company: client.company,
    companyError: client.error,
    category: category.value,
    stages: stages.value,
    stage: stages.value.find((s) => s.id === deal.stageId) ?? null,
    productRows: rows.value,
    vatRates: vatRates.value,
    fieldLabels,
    dealFields: dealFields.value,
    invoiceStages: invoiceStages.value,
    ...context.value,
    invoices: invoices.value,
    companyInvoices: companyInvoices.value,
    payments: [...payments.value, ...invoicePayments.value],
  })
}

/** The payments of the invoices the batch had a slot for (the first INVOICE_PAYMENT_SLOTS, in id order). */
function readInvoicePayments(get: Answers, invoices: readonly SmartInvoice[]): Result<Payment[], PortalError> {
  const out: Payment[] = []
  for (const [k, invoice] of invoices.slice(0, INVOICE_PAYMENT_SLOTS).entries()) {
    const list = readOne(get, invoicePaymentsKey(k), 'crm.item.payment.list', (raw) =>
      mapPayments(raw, `payment(${invoice.id})`),
    )
    if (!list.ok) return list
    out.push(...list.value)
  }
  return ok(out)
}

const readInvoices = (get: Answers, name: string): Result<SmartInvoice[], PortalError> =>
  readList(
    get,
    name,
    'crm.item.list',
    (raw, method, entity) => mapSmartInvoice(raw, method, entity),
    'items',
    'invoice',
  )

/**
 * The client company is an enrichment: the card opens without it. A deal without a company gives null and no
 * error; a company that could not be read (deleted, no permission to companies, limits) gives null and the error,
 * so the widget can say why the client is missing instead of failing the whole card.
 */
function readCompany(
  get: Answers,
  deal: Deal,
  options: DealCardOptions,
): { company: Company | null; error: PortalError | null } {
  if (!(options.company ?? true) || deal.companyId === null) return { company: null, error: null }
  const a = get('company')
  if (!a.ok) return { company: null, error: a.error }
  const rows = readList(get, 'requisites', 'crm.requisite.list', (x) => ok(x), undefined, 'requisite')
  if (!rows.ok) return { company: null, error: rows.error }
  const c = mapCompany(a.value.result, rows.value[0], 'crm.company.get')
  if (!c.ok) return { company: null, error: c.error }
  const fields = get('companyFields')
  if (!fields.ok) return { company: null, error: fields.error }
  const userFields = decodeListValues(c.value.userFields, describeUserFields(fields.value.result))
  return { company: { ...c.value, userFields }, error: null }
}

/** Opens a deal card in exactly one round trip (one `batch`). */
export async function loadDealCard(
  client: PortalClient,
  dealId: number,
  options: DealCardOptions = {},
): Promise<Result<DealCard, PortalError>> {
  const res = await client.batch(planDealCard(dealId, options))
  if (!res.ok) return res
  const card = readDealCard(res.value, options)
  if (!card.ok) return card
  // The batch reads the first 50 invoices of each list; only a longer list costs more round trips (2,500 each).
  const invoices = await completeInvoices(client, res.value.invoices, card.value.invoices, { '=parentId2': dealId })
  if (!invoices.ok) return invoices
  const company = card.value.company
  const companyInvoices = company
    ? await completeInvoices(client, res.value.companyInvoices, card.value.companyInvoices, {
        '=companyId': company.id,
      })
    : ok(card.value.companyInvoices)
  if (!companyInvoices.ok) return companyInvoices
  const payments = await completeInvoicePayments(client, card.value.payments, invoices.value, options)
  if (!payments.ok) return payments
  return ok({
    ...card.value,
    invoices: invoices.value,
    companyInvoices: companyInvoices.value,
    payments: payments.value,
  })
}

/** Adds the payments of the invoices past the batch's slots (a deal with many invoices: one more round trip). */
async function completeInvoicePayments(
  client: PortalClient,
  read: readonly Payment[],
  invoices: readonly SmartInvoice[],
  options: DealCardOptions,
): Promise<Result<readonly Payment[], PortalError>> {
  const rest = [...invoices]
    .sort((a, b) => a.id - b.id)
    .slice(INVOICE_PAYMENT_SLOTS)
    .map((i) => i.id)
  if (!(options.payments ?? true) || rest.length === 0) return ok(read)
  const more = await createPaymentRepository(client).ofInvoices(rest)
  if (!more.ok) return more
  return ok([...read, ...rest.flatMap((id) => more.value.get(id) ?? [])])
}

/** The whole invoice list when the batch's first page was not all of it, in the first page's order. */
async function completeInvoices(
  client: PortalClient,
  first: Result<RestAnswer, PortalError> | undefined,
  read: readonly SmartInvoice[],
  filter: Readonly<Record<string, number>>,
): Promise<Result<readonly SmartInvoice[], PortalError>> {
  if (!first?.ok || first.value.total <= read.length) return ok(read)
  const all = await createInvoiceRepository(client).list(filter, [], { total: first.value.total })
  if (!all.ok) return all
  const descending = read.length > 1 && read[0]!.id > read[1]!.id
  return ok([...all.value].sort((a, b) => (descending ? b.id - a.id : a.id - b.id)))
}
