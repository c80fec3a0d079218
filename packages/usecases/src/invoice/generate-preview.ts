import {
  canIssueInvoice,
  generateInvoice as generateInvoiceDraft,
  instalmentOfKey,
  isRecord,
  type Actor,
  type DealForInvoice,
  type InvoiceDraft,
  type IsoDate,
  type Result,
  type SalesError,
} from '@salesflow/rules'
import type { Currency, Deal, InvoiceToAdd, ProductRow } from '@salesflow/portal'
import type { UsecaseError } from '../errors'
import type { Settings } from '../settings'
import { INVOICE_FIELDS } from '../install/manifest'

/** What the user asks for: the whole deal, a share of it (prepayment %), or an instalment of its payment terms. */
export type IssueMode =
  | { readonly kind: 'full' }
  | { readonly kind: 'share'; readonly percent: string }
  /** `index` (0 = the first line of the terms) for the worker; without it, the next one not yet invoiced. */
  | { readonly kind: 'instalment'; readonly index?: number }

/** The deal as issuing reads it: the deal card and the issuing batch both have these. */
export interface InvoiceSource {
  readonly deal: Deal
  readonly productRows: readonly ProductRow[]
  readonly currencies: readonly Currency[]
}

export interface InvoiceAsk {
  readonly mode: IssueMode
  /** The invoice currency the user chose (the deal's by default). */
  readonly currency: string
  /** The invoice date (the caller's today: use cases keep no clock). */
  readonly today: IsoDate
  /** Idempotency keys of the deal's invoices already issued (they say which instalments are done). */
  readonly issuedKeys?: readonly string[]
}

/** A deal without payment terms is billed as prepay100: the whole amount, due in 5 days. */
const DEFAULT_TERMS = 'prepay100'

/**
 * The invoice the user would get, computed by the rules from what is already read (no portal call): the widget
 * shows it as the preview, and generateInvoice writes exactly this. Refuses a role that may not bill, a deal
 * without rows or client company, and everything the rules refuse (INVALID_PERCENT, UNKNOWN_CURRENCY,
 * NOTHING_TO_INVOICE when every instalment is issued, …).
 */
export function previewInvoice(
  source: InvoiceSource,
  settings: Settings,
  actor: Actor,
  ask: InvoiceAsk,
): Result<InvoiceDraft, SalesError | UsecaseError> {
  if (!canIssueInvoice(actor)) return { ok: false, error: { code: 'INVOICE_ISSUE_DENIED' } }
  const { deal } = source
  if (!source.productRows.length) return { ok: false, error: { code: 'DEAL_NO_ROWS' } }
  if (!deal.companyId) return { ok: false, error: { code: 'INVOICE_NO_COMPANY' } }
  const terms = deal.userFields[settings.fields.paymentTerms]
  const forInvoice: DealForInvoice = {
    id: String(deal.id),
    currencyId: deal.currency,
    paymentTerms: typeof terms === 'string' && terms !== '' ? terms : DEFAULT_TERMS,
    rows: source.productRows.map((r) => ({ ...r, measureCode: r.measureCode ?? undefined })),
  }
  const { mode } = ask
  const issued = (ask.issuedKeys ?? []).map(instalmentOfKey).filter((i): i is number => i !== null)
  return generateInvoiceDraft(forInvoice, {
    kind: mode.kind === 'share' ? 'prepayment' : mode.kind,
    ...(mode.kind === 'share' ? { percent: mode.percent } : {}),
    ...(mode.kind === 'instalment' && mode.index !== undefined ? { instalment: mode.index } : {}),
    ...(mode.kind === 'instalment' ? { issuedInstalments: issued } : {}),
    currencyId: ask.currency,
    today: ask.today,
    currencies: source.currencies,
    // crm.currency.list is the portal's table as it stands: today's rate.
    rateDate: ask.today,
    rateSource: 'portal',
  })
}

/** crm.item.add fields and rows of a draft: bound to the deal, its company and contact, its responsible. */
export function invoiceToAdd(deal: Deal, draft: InvoiceDraft): InvoiceToAdd {
  const part = draft.percent
    ? `: предоплата ${draft.percent}%`
    : draft.instalment
      ? `: платёж ${draft.instalment.index + 1} из ${draft.instalment.count}`
      : ''
  const title = `Счёт по сделке №${deal.id}${part}`
  return {
    fields: {
      title,
      parentId2: deal.id,
      companyId: deal.companyId ?? 0,
      ...(deal.contactId ? { contactIds: [deal.contactId] } : {}),
      ...(deal.assignedById ? { assignedById: deal.assignedById } : {}),
      currencyId: draft.currencyId,
      begindate: draft.begindate,
      closedate: draft.closedate,
      [INVOICE_FIELDS.idempotencyKey]: draft.idempotencyKey,
      [INVOICE_FIELDS.rate]: draft.rate.quoted,
      [INVOICE_FIELDS.rateNominal]: draft.rate.nominal,
      [INVOICE_FIELDS.rateDate]: draft.rate.date,
      [INVOICE_FIELDS.rateSource]: draft.rate.source,
    },
    rows: draft.rows.map((r, i) => ({
      ...r,
      productId: r.productId === undefined ? undefined : Number(r.productId),
      measureCode: r.measureCode === undefined ? null : Number(r.measureCode),
      sort: (i + 1) * 10,
    })),
  }
}

/** The rate snapshot stored on an invoice (null for an invoice without one). */
export interface StoredRate {
  readonly quoted: string
  readonly nominal: string
  readonly date: string
  readonly source: string
}

export function storedRateOf(userFields: Readonly<Record<string, unknown>>): StoredRate | null {
  if (!isRecord(userFields)) return null
  const get = (k: string) => (typeof userFields[k] === 'string' ? (userFields[k] as string) : '')
  const quoted = get(INVOICE_FIELDS.rate)
  return quoted
    ? {
        quoted,
        nominal: get(INVOICE_FIELDS.rateNominal) || '1',
        date: get(INVOICE_FIELDS.rateDate),
        source: get(INVOICE_FIELDS.rateSource),
      }
    : null
}
