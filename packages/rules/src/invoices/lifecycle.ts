import { D, parseDecimal } from '../decimal'
import { err, ok, type Result } from '../result'
import type { ProcessError, SalesError } from '../sales-errors'
import type { Actor } from '../access/roles'
import { isOneOf, isRecord, own, ownData } from '../input'
import { parseIsoDate } from '../dates/iso-date'

/**
 * What an invoice is, as an accountant sees it. Beyond the six usual statuses:
 * - `disputed`: the customer contests the invoice; dunning and overdue escalation stop until it is resolved
 *   (Odoo's `blocked` payment state; Bitrix24 has nothing for it);
 * - `refunded`: money was returned after payment (a credit note); the invoice stays closed but must not
 *   count as revenue. Bitrix24 only has a failure stage, so without it a refund looks like a cancellation.
 */
export type InvoiceStatus =
  'draft' | 'sent' | 'partiallyPaid' | 'paid' | 'overdue' | 'disputed' | 'cancelled' | 'refunded'

export const INVOICE_STATUSES: readonly InvoiceStatus[] = [
  'draft',
  'sent',
  'partiallyPaid',
  'paid',
  'overdue',
  'disputed',
  'cancelled',
  'refunded',
]

/** Amounts in events are decimal strings in the invoice currency. */
export type InvoiceEvent =
  | { readonly type: 'SEND' }
  | { readonly type: 'REVERT_TO_DRAFT'; readonly paid: string }
  /**
   * A receipt was allocated; `outstanding` is what is still owed after it. A residue up to `tolerance` (e.g.
   * '0.01' from a currency conversion) settles the invoice instead of leaving it open and later overdue.
   */
  | { readonly type: 'PAYMENT_APPLIED'; readonly outstanding: string; readonly tolerance?: string }
  /** Manual closing by an accountant: a small difference written off, or a payment confirmed outside the system. */
  | { readonly type: 'MARK_PAID' }
  | { readonly type: 'DUE_DATE_PASSED' }
  /** A new, later due date was agreed; `paid` tells whether anything was paid already. */
  | { readonly type: 'RESCHEDULE'; readonly paid: string }
  | { readonly type: 'DISPUTE'; readonly reason: string }
  | { readonly type: 'RESOLVE'; readonly paid: string; readonly outstanding: string; readonly pastDue: boolean }
  | { readonly type: 'CANCEL'; readonly reason: string; readonly paid: string }
  /**
   * Money of a payment goes back to the client; `remaining` is what stays paid on the invoice after it (0 when
   * absent). Nothing left: the invoice is refunded (closed, no revenue); money left: partly paid again.
   */
  | { readonly type: 'REFUND'; readonly refunded: string; readonly remaining?: string }

export type InvoiceEventType = InvoiceEvent['type']
type EventOf<T extends InvoiceEventType> = Extract<InvoiceEvent, { type: T }>

interface Candidate<T extends InvoiceEventType> {
  /** The next status, or a function of the event for derived targets (paid or partially paid). */
  readonly target: InvoiceStatus | ((e: EventOf<T>) => InvoiceStatus)
  /** Who may fire the event from this status. */
  readonly roles: readonly Actor[]
  /** Returns the failed guard's name, or undefined when the event may pass. */
  readonly guard?: (e: EventOf<T>) => string | undefined
}
type Machine = {
  readonly [S in InvoiceStatus]: { readonly [T in InvoiceEventType]?: Candidate<T> }
}

const AMOUNT_FIELDS = ['outstanding', 'paid', 'refunded', 'remaining', 'tolerance'] as const
/** The amounts each event needs (a missing one is INVALID_AMOUNT, not a throw in a guard). */
const NEEDS: Partial<Record<InvoiceEventType, readonly (typeof AMOUNT_FIELDS)[number][]>> = {
  REVERT_TO_DRAFT: ['paid'],
  PAYMENT_APPLIED: ['outstanding'],
  RESCHEDULE: ['paid'],
  RESOLVE: ['paid', 'outstanding'],
  CANCEL: ['paid'],
  REFUND: ['refunded'],
}
/** Events carry decimal strings; a non-number is refused as a guard failure, never thrown. */
const badAmount = (e: InvoiceEvent): string | undefined => {
  const fields = e as Record<string, unknown>
  const needed = own(NEEDS, e.type) as readonly string[] | undefined
  if (needed?.some((f) => fields[f] === undefined)) return 'INVALID_AMOUNT'
  if (AMOUNT_FIELDS.some((f) => fields[f] !== undefined && !parseDecimal(fields[f], f).ok)) return 'INVALID_AMOUNT'
  if ((e.type === 'DISPUTE' || e.type === 'CANCEL') && typeof fields.reason !== 'string') return 'REASON_REQUIRED'
  return e.type === 'RESOLVE' && typeof fields.pastDue !== 'boolean' ? 'INVALID_AMOUNT' : undefined
}
const isZero = (v: string) => new D(v).lte(0)
const settled = (e: { outstanding: string; tolerance?: string }) =>
  new D(e.outstanding).lte(D.max(new D(e.tolerance ?? 0), 0))
const noPayments = (e: { paid: string }) => (isZero(e.paid) ? undefined : 'HAS_PAYMENTS')
const hasReason = (e: { reason: string }) => (e.reason.trim() ? undefined : 'REASON_REQUIRED')
const positive = (e: { refunded: string }) => (new D(e.refunded).gt(0) ? undefined : 'AMOUNT_REQUIRED')

const FINANCE: readonly Actor[] = ['accountant', 'admin']
const SALES: readonly Actor[] = ['manager', 'accountant', 'admin']
const PAYERS: readonly Actor[] = ['accountant', 'admin', 'system']

const applied = (stay: InvoiceStatus): Candidate<'PAYMENT_APPLIED'> => ({
  target: (e) => (settled(e) ? 'paid' : stay),
  roles: PAYERS,
})
const markPaid: Candidate<'MARK_PAID'> = { target: 'paid', roles: FINANCE }
const dispute: Candidate<'DISPUTE'> = { target: 'disputed', roles: SALES, guard: hasReason }
const refund: Candidate<'REFUND'> = {
  target: (e) => (isZero(e.remaining ?? '0') ? 'refunded' : 'partiallyPaid'),
  roles: FINANCE,
  guard: positive,
}
const cancel = (roles: readonly Actor[]): Candidate<'CANCEL'> => ({
  target: 'cancelled',
  roles,
  guard: (e) => hasReason(e) ?? noPayments(e), // paid money must be refunded first, not silently cancelled
})

/**
 * The lifecycle as data (XState's vocabulary, a plain table): for each status, the events it accepts, who may
 * send them, the guard and the target. `paid`, `cancelled` and `refunded` are final except a refund out of `paid`.
 * `overdue` means past due with nothing paid: the first receipt makes the invoice partly paid, and a partly paid
 * invoice stays so past its due date (the overdue days are counted from the due date, whatever the status).
 * A dispute (sales roles, with a reason) stops the overdue escalation, sending back and a manager's cancel;
 * receipts still apply. Finance resolves it (the facts decide where the invoice goes) or cancels it.
 */
export const INVOICE_MACHINE: Machine = {
  draft: {
    SEND: { target: 'sent', roles: SALES },
    PAYMENT_APPLIED: applied('partiallyPaid'), // prepayment arrives before the invoice was sent
    CANCEL: cancel(SALES),
  },
  sent: {
    REVERT_TO_DRAFT: { target: 'draft', roles: SALES, guard: noPayments },
    PAYMENT_APPLIED: applied('partiallyPaid'),
    MARK_PAID: markPaid,
    DUE_DATE_PASSED: { target: 'overdue', roles: PAYERS },
    DISPUTE: dispute,
    CANCEL: cancel(FINANCE),
  },
  // Past its due date a partly paid invoice stays partly paid: the overdue days come from the due date and
  // what is owed (overdueDays), not from the status; overdue is the status of nothing paid past due.
  partiallyPaid: {
    PAYMENT_APPLIED: applied('partiallyPaid'),
    MARK_PAID: markPaid,
    DISPUTE: dispute,
    REFUND: refund,
  },
  overdue: {
    PAYMENT_APPLIED: applied('partiallyPaid'), // money arrived: partly paid, its overdue days still counted
    MARK_PAID: markPaid,
    RESCHEDULE: { target: (e) => (isZero(e.paid) ? 'sent' : 'partiallyPaid'), roles: FINANCE },
    DISPUTE: dispute,
    CANCEL: cancel(FINANCE),
  },
  disputed: {
    PAYMENT_APPLIED: applied('disputed'),
    MARK_PAID: markPaid,
    RESOLVE: {
      target: (e) => (settled(e) ? 'paid' : !isZero(e.paid) ? 'partiallyPaid' : e.pastDue ? 'overdue' : 'sent'),
      roles: FINANCE,
    },
    CANCEL: cancel(FINANCE),
  },
  paid: {
    REFUND: refund,
  },
  cancelled: {},
  refunded: {},
}

/**
 * Pure step of the invoice lifecycle: the next status, or why not.
 * Errors: TRANSITION_NOT_ALLOWED (the status does not accept the event), ROLE_NOT_ALLOWED (with the roles that
 * may), GUARD_FAILED (`HAS_PAYMENTS`: cancel or revert with money on it, refund first; `REASON_REQUIRED`;
 * `AMOUNT_REQUIRED`; `INVALID_AMOUNT`: an amount in the event is not a number).
 *
 * @example
 * transitionInvoice('sent', { type: 'PAYMENT_APPLIED', outstanding: '0.00' }, 'system') // ok('paid')
 */
export function transitionInvoice(
  from: InvoiceStatus,
  event: InvoiceEvent,
  actor: Actor,
): Result<InvoiceStatus, ProcessError> {
  if (!isRecord(event)) return err({ code: 'INVALID_INPUT', field: 'event', value: event })
  event = ownData(event)
  // Own keys only: a status or event named 'toString' or '__proto__' is no transition.
  const candidate = own(own(INVOICE_MACHINE, from), event.type) as Candidate<InvoiceEventType> | undefined
  if (!candidate) return err({ code: 'TRANSITION_NOT_ALLOWED', from: String(from), event: String(event.type) })
  if (!candidate.roles.includes(actor)) return err({ code: 'ROLE_NOT_ALLOWED', actor, allowed: candidate.roles })
  const failed = badAmount(event) ?? candidate.guard?.(event as never)
  if (failed) return err({ code: 'GUARD_FAILED', guard: failed })
  return ok(typeof candidate.target === 'function' ? candidate.target(event as never) : candidate.target)
}

/** For buttons: whether `actor` may send `event` now. */
export const canInvoice = (from: InvoiceStatus, event: InvoiceEvent, actor: Actor): boolean =>
  transitionInvoice(from, event, actor).ok

/**
 * Whether a receipt from the bank is matched to an invoice in this status: it takes a payment and the client has it.
 * A draft was never sent, so no client pays it from the bank (a prepayment on a draft is recorded by hand).
 */
export const takesBankReceipts = (status: InvoiceStatus): boolean =>
  status !== 'draft' && canInvoice(status, { type: 'PAYMENT_APPLIED', outstanding: '1' }, 'system')

/** The event types `actor` may in principle send from `from` (guards that need event data are not checked). */
export function invoiceEventsFor(from: InvoiceStatus, actor: Actor): InvoiceEventType[] {
  const row = own(INVOICE_MACHINE, from) as (typeof INVOICE_MACHINE)[InvoiceStatus] | undefined
  if (!row) return []
  return (Object.keys(row) as InvoiceEventType[]).filter((t) => row[t]!.roles.includes(actor))
}

/** What the portal and the ledger say about an invoice now (amounts in the invoice currency). */
export interface InvoiceNow {
  readonly total: string
  readonly paid: string
  readonly dueDate: string | null
  readonly today: string
  /** Residue that counts as paid (see PAYMENT_APPLIED). */
  readonly tolerance?: string
}

/**
 * The events the worker (`system`) sends to bring a stored status in line with the facts: a settled or partial
 * payment, then a passed due date. Returns the status reached and the events, in order, for the audit trail;
 * statuses that only people change (draft, disputed, cancelled…) are left alone. Errors: INVALID_NUMBER.
 */
export function syncInvoiceStatus(
  status: InvoiceStatus,
  now: InvoiceNow,
): Result<{ status: InvoiceStatus; events: InvoiceEvent[] }, SalesError> {
  if (!isOneOf(status, INVOICE_STATUSES)) {
    return err({ code: 'INVALID_ENUM', field: 'status', value: status, allowed: INVOICE_STATUSES })
  }
  if (!isRecord(now)) return err({ code: 'INVALID_INPUT', field: 'now', value: now })
  now = ownData(now)
  const today = parseIsoDate(now.today, 'today')
  if (!today.ok) return today
  if (now.dueDate !== null) {
    const due = parseIsoDate(now.dueDate, 'dueDate')
    if (!due.ok) return due
  }
  if (now.tolerance !== undefined && typeof now.tolerance !== 'string') {
    return err({ code: 'INVALID_NUMBER', field: 'tolerance', value: now.tolerance })
  }
  const totalIn = parseDecimal(now.total, 'total')
  if (!totalIn.ok) return totalIn
  const paidIn = parseDecimal(now.paid, 'paid')
  if (!paidIn.ok) return paidIn
  const tol = parseDecimal(now.tolerance ?? 0, 'tolerance')
  if (!tol.ok) return tol
  const [total, paid] = [totalIn.value, paidIn.value]
  const outstanding = D.max(total.minus(paid), 0).toFixed()
  const events: InvoiceEvent[] = []
  let current = status
  const step = (e: InvoiceEvent) => {
    const next = transitionInvoice(current, e, 'system')
    if (next.ok && next.value !== current) {
      events.push(e)
      current = next.value
    }
  }
  if (['sent', 'partiallyPaid', 'overdue'].includes(current) && paid.gt(0)) {
    step({ type: 'PAYMENT_APPLIED', outstanding, ...(now.tolerance ? { tolerance: now.tolerance } : {}) })
  }
  const owed = new D(outstanding).gt(D.max(tol.value, 0))
  if (owed && now.dueDate !== null && now.dueDate < now.today) step({ type: 'DUE_DATE_PASSED' })
  return ok({ status: current, events })
}
