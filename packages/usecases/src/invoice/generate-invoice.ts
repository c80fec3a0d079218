import {
  resolveRole,
  type Actor,
  type InvoiceDraft,
  type IsoDate,
  type Result,
  type SalesError,
} from '@salesflow/rules'
import {
  addInvoiceWithRows,
  deleteInvoice,
  invoicesWithKey,
  loadInvoiceIssue,
  setInvoiceRows,
  type IssuedInvoice,
  type PortalError,
} from '@salesflow/portal'
import type { PortalGateway } from '../gateway'
import type { UsecaseError } from '../errors'
import { readSettings } from '../settings'
import { INVOICE_FIELDS, USER_FIELDS } from '../install/manifest'
import { invoiceToAdd, previewInvoice, storedRateOf, type IssueMode, type StoredRate } from './generate-preview'

export interface GenerateInvoiceInput {
  readonly dealId: number
  readonly mode: IssueMode
  /** The invoice currency (the deal's when absent). */
  readonly currency?: string
  /** The invoice date: the caller's today. */
  readonly today: IsoDate
  /** The worker acts as 'system'; a widget leaves it out and the user's role decides. */
  readonly actor?: 'system'
  /**
   * The worker's own key (one invoice per deal and stage, whatever the amount does meanwhile); a widget leaves it
   * out and the key of the draft (deal, mode, amount, currency) is used.
   */
  readonly idempotencyKey?: string
}

export interface GeneratedInvoice {
  readonly id: number
  readonly accountNumber: string
  /** False when the invoice already existed (asked twice, double click, replayed event). */
  readonly created: boolean
  readonly currency: string
  readonly opportunity: string
  readonly rate: StoredRate | null
  readonly idempotencyKey: string
}

type Failure = PortalError | SalesError | UsecaseError

/**
 * Issues an invoice for a deal, at most once per idempotency key (deal, mode or instalment, amount, currency),
 * in two round trips when the invoice fields exist: one batch reads the deal, its rows and invoices, the user and
 * the settings; one batch adds the invoice, sets its rows and re-reads every invoice with the key.
 *
 * Browsers share no lock, so two callers may both add. Every caller then sees all invoices with the key and
 * agrees on the lowest id as the one; a caller whose own invoice is not that one deletes it and returns the
 * winner. An invoice whose rows failed is removed by its caller; if even that fails, asking again finds it by
 * its key (its total still 0) and writes the rows.
 */
export async function generateInvoice(
  gateway: PortalGateway<never>,
  input: GenerateInvoiceInput,
): Promise<Result<GeneratedInvoice, Failure>> {
  const { client } = gateway
  const context = await loadInvoiceIssue(client, input.dealId)
  if (!context.ok) return context
  const ctx = context.value
  const settings = readSettings(ctx.appOptions)
  const actor: Actor = input.actor ?? resolveRole(ctx.currentUser, settings.roles)
  const drafted = previewInvoice(ctx, settings, actor, {
    mode: input.mode,
    currency: input.currency ?? ctx.deal.currency,
    today: input.today,
    issuedKeys: ctx.invoices.map((i) => i.userFields[INVOICE_FIELDS.idempotencyKey] ?? ''),
  })
  if (!drafted.ok) return drafted
  const draft =
    input.idempotencyKey === undefined
      ? drafted
      : { ok: true as const, value: { ...drafted.value, idempotencyKey: input.idempotencyKey } }
  const key = draft.value.idempotencyKey
  const toAdd = invoiceToAdd(ctx.deal, draft.value)

  const existing = winnerOf(ctx.invoices.filter((i) => i.userFields[INVOICE_FIELDS.idempotencyKey] === key))
  if (existing) return completed(gateway, existing, draft.value, toAdd.rows)

  // The install creates them; a portal installed before they existed needs the install run again.
  const missing = USER_FIELDS.filter((s) => s.entity === 'smartInvoice' && !ctx.invoiceFields.has(s.fieldName))
  if (missing.length)
    return { ok: false, error: { code: 'INVOICE_FIELDS_MISSING', fields: missing.map((s) => s.fieldName) } }

  const added = await addInvoiceWithRows(client, toAdd, INVOICE_FIELDS.idempotencyKey, key)
  if (!added.ok) {
    // The answer is lost (the batch may have run): never add again; whatever holds the key now is the answer.
    const found = await invoicesWithKey(client, INVOICE_FIELDS.idempotencyKey, key)
    const winner = found.ok ? winnerOf(found.value) : undefined
    return winner ? completed(gateway, winner, draft.value, toAdd.rows) : added
  }
  const { createdId, failure, withKey } = added.value
  const winner = winnerOf(withKey)
  if (failure) {
    if (createdId === null) return { ok: false, error: failure }
    // Rows failed: take our invoice back so nothing half-written stays; if that fails too, a retry completes it.
    const removed = await deleteInvoice(client, createdId)
    const own = withKey.find((i) => i.id === createdId)
    return removed.ok || !own
      ? { ok: false, error: failure }
      : { ok: false, error: { code: 'INVOICE_NOT_COMPLETED', invoiceId: own.id, accountNumber: own.accountNumber } }
  }
  if (!winner)
    return { ok: false, error: { code: 'INVOICE_NOT_COMPLETED', invoiceId: createdId ?? 0, accountNumber: '' } }
  if (createdId !== null && createdId !== winner.id) {
    // Another caller's invoice came first: ours is the duplicate. A failed delete is retried once, then reported.
    const removed = await deleteInvoice(client, createdId)
    if (!removed.ok && !(await deleteInvoice(client, createdId)).ok) return removed
  }
  return { ok: true, value: resultOf(winner, draft.value, winner.id === createdId) }
}

/** The invoice every caller agrees on: the lowest id holding the key. */
function winnerOf(invoices: readonly IssuedInvoice[]): IssuedInvoice | undefined {
  return invoices.reduce<IssuedInvoice | undefined>((w, i) => (w === undefined || i.id < w.id ? i : w), undefined)
}

/** An invoice found by its key; one left without rows (total 0) gets them now. */
async function completed(
  gateway: PortalGateway<never>,
  invoice: IssuedInvoice,
  draft: InvoiceDraft,
  rows: Parameters<typeof setInvoiceRows>[2],
): Promise<Result<GeneratedInvoice, Failure>> {
  if (/^0(\.0+)?$/.test(invoice.opportunity)) {
    const set = await setInvoiceRows(gateway.client, invoice.id, rows)
    if (!set.ok) return set
    return { ok: true, value: { ...resultOf(invoice, draft, false), opportunity: draft.opportunity } }
  }
  return { ok: true, value: resultOf(invoice, draft, false) }
}

function resultOf(invoice: IssuedInvoice, draft: InvoiceDraft, created: boolean): GeneratedInvoice {
  return {
    id: invoice.id,
    accountNumber: invoice.accountNumber,
    created,
    currency: invoice.currency || draft.currencyId,
    opportunity: invoice.opportunity,
    rate: storedRateOf(invoice.userFields),
    idempotencyKey: draft.idempotencyKey,
  }
}
