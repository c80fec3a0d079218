import {
  baseCurrencyCode,
  buildInvoiceStageMap,
  canonicalJson,
  D,
  invoicePositions,
  overdueDays,
  positionTotals,
  resolveRole,
  statusFromStage,
  type InvoicePosition,
  type InvoiceStageMap,
  type InvoiceStatus,
  type Result,
  type Role,
  type SalesError,
} from '@salesflow/rules'
import { loadInvoiceCard, type InvoiceCard, type PortalError, type Stage } from '@salesflow/portal'
import type { PortalGateway } from '../gateway'
import { readSettings, type Settings } from '../settings'
import { INVOICE_FIELDS } from '../install/manifest'
import { refundedPaymentIds } from './receipt-marks'

/** An invoice card with what every decision on it needs: status, positions, totals, role, settings. */
export interface OpenedInvoice {
  readonly card: InvoiceCard
  readonly settings: Settings
  readonly role: Role
  readonly baseCurrency: string | null
  readonly stageMap: InvoiceStageMap
  readonly status: InvoiceStatus
  /** Every row with what is paid on it (paid payments only), by the portal's own arithmetic. */
  readonly positions: readonly InvoicePosition[]
  readonly total: string
  readonly paid: string
  readonly outstanding: string
  readonly overdueDays: number
  /** The state the invoice was read in: a receipt previewed on it applies only while it is still this. */
  readonly revision: string
  /** ISO date the status and overdue days were computed for. */
  readonly today: string
  /** What the client contests while the invoice is disputed; null otherwise. */
  readonly dispute: string | null
}

/** A stage id ending in `:UC_PARTIAL` is the partly paid stage (the demo portal has one); else the sent stage. */
const PARTIAL_SUFFIX = ':UC_PARTIAL'

export function stageMapOf(stages: readonly Stage[]): Result<InvoiceStageMap, SalesError> {
  const partial = stages.find((s) => s.id.endsWith(PARTIAL_SUFFIX))
  return buildInvoiceStageMap(stages, partial ? { partiallyPaid: partial.id } : {})
}

/** What changes when someone else writes to the invoice: stage, amount, rows, payments and their products. */
function revisionOf(card: InvoiceCard): string {
  const r = canonicalJson({
    updated: card.updatedTime,
    stage: card.invoice.stageId,
    amount: card.invoice.opportunity,
    rows: card.productRows.map((x) => [x.id, x.price, x.quantity, x.taxRate ?? '']),
    payments: card.payments.map((p) => [p.id, p.paid, p.sum]),
    products: card.paymentProducts.map((p) => [p.id, p.paymentId, p.rowId, p.quantity]),
  })
  return r.ok ? r.value : ''
}

/** The decisions' context of an invoice card already read. */
export function openedInvoiceFrom(card: InvoiceCard, today: string): Result<OpenedInvoice, SalesError> {
  const settings = readSettings(card.appOptions)
  const stageMap = stageMapOf(card.stages)
  if (!stageMap.ok) return stageMap
  const paidIds = new Set(card.payments.filter((p) => p.paid).map((p) => p.id))
  const positions = invoicePositions(
    card.productRows,
    card.paymentProducts.filter((p) => paidIds.has(p.paymentId)),
  )
  if (!positions.ok) return positions
  const totals = positionTotals(card.invoice.opportunity, positions.value)
  if (!totals.ok) return totals
  const { paid, outstanding } = totals.value
  const status = statusFromStage(stageMap.value, card.invoice.stageId, {
    total: card.invoice.opportunity,
    paid,
    dueDate: card.invoice.dueDate,
    today,
    // Our own records: the dispute field while the client contests it, a refund line once money went back.
    disputed: (card.invoice.userFields[INVOICE_FIELDS.dispute] ?? '') !== '',
    refunded: refundedPaymentIds(card.notes).length > 0,
  })
  if (!status.ok) return status
  const late = overdueDays(card.invoice.dueDate, outstanding, today)
  if (!late.ok) return late
  // A disputed invoice is not chased: no overdue days until the dispute is resolved.
  const closed = ['paid', 'cancelled', 'refunded', 'draft', 'disputed'].includes(status.value)
  return {
    ok: true,
    value: {
      card,
      settings,
      role: resolveRole(card.currentUser, settings.roles),
      baseCurrency: baseCurrencyCode(card.currencies),
      stageMap: stageMap.value,
      status: status.value,
      positions: positions.value,
      total: new D(card.invoice.opportunity).toFixed(2),
      paid,
      outstanding,
      overdueDays: closed ? 0 : late.value,
      revision: revisionOf(card),
      today,
      dispute: status.value === 'disputed' ? card.invoice.userFields[INVOICE_FIELDS.dispute] || null : null,
    },
  }
}

/** Opens a smart invoice in one round trip (the card batch carries the app options, user and currencies). */
export async function openInvoice(
  gateway: PortalGateway<never>,
  input: { readonly invoiceId: number; readonly today: string },
): Promise<Result<OpenedInvoice, PortalError | SalesError>> {
  const loaded = await loadInvoiceCard(gateway.client, input.invoiceId)
  if (!loaded.ok) return loaded
  return openedInvoiceFrom(loaded.value, input.today)
}
