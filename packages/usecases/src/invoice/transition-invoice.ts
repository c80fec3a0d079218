import {
  stageForStatus,
  transitionInvoice as nextStatus,
  type InvoiceEvent,
  type InvoiceStatus,
  type Lang,
  type ProcessError,
  type Result,
} from '@salesflow/rules'
import type { PortalError } from '@salesflow/portal'
import type { PortalGateway } from '../gateway'
import type { UsecaseError } from '../errors'
import type { OpenedInvoice } from './open-invoice'
import { INVOICE_FIELDS } from '../install/manifest'

/** The transitions a person starts from the panel (payments and due dates move the status on their own). */
export const MANUAL_EVENTS = ['SEND', 'REVERT_TO_DRAFT', 'MARK_PAID', 'DISPUTE', 'RESOLVE', 'CANCEL'] as const
export type ManualEvent = (typeof MANUAL_EVENTS)[number]

/** Events whose form asks for words: why it is cancelled, what the client contests, how the dispute ended. */
const WITH_REASON: readonly ManualEvent[] = ['CANCEL', 'DISPUTE', 'RESOLVE']

export interface InvoiceAction {
  readonly event: ManualEvent
  readonly to: InvoiceStatus | null
  /** Null when this user may do it now; otherwise why not (ROLE_NOT_ALLOWED, GUARD_FAILED HAS_PAYMENTS…). */
  readonly refusal: ProcessError | null
  /** Cancelling, disputing and resolving ask for a reason. */
  readonly needsReason: boolean
}

function eventOf(opened: OpenedInvoice, type: ManualEvent, reason: string): InvoiceEvent {
  switch (type) {
    case 'CANCEL':
      return { type, reason, paid: opened.paid }
    case 'REVERT_TO_DRAFT':
      return { type, paid: opened.paid }
    case 'DISPUTE':
      return { type, reason }
    case 'RESOLVE': {
      const due = opened.card.invoice.dueDate
      return { type, paid: opened.paid, outstanding: opened.outstanding, pastDue: due !== null && due < opened.today }
    }
    default:
      return { type }
  }
}

/**
 * The manual transitions the invoice's status accepts, each with this user's verdict: allowed, or refused with
 * the reason (a role that may not, money already paid). Events the status does not accept are left out.
 */
export function invoiceActions(opened: OpenedInvoice): InvoiceAction[] {
  return MANUAL_EVENTS.flatMap((type) => {
    // A placeholder reason: the buttons are judged on role and money; the form asks for the real one.
    const r = nextStatus(opened.status, eventOf(opened, type, '-'), opened.role)
    if (!r.ok && r.error.code === 'TRANSITION_NOT_ALLOWED') return []
    return [
      {
        event: type,
        to: r.ok ? r.value : null,
        refusal: r.ok ? null : r.error,
        needsReason: WITH_REASON.includes(type),
      },
    ]
  })
}

const EVENT_WORDS: Record<ManualEvent, Record<Lang, string>> = {
  SEND: { ru: 'отправлен клиенту', en: 'sent to the client' },
  REVERT_TO_DRAFT: { ru: 'возвращён в черновик', en: 'returned to draft' },
  MARK_PAID: { ru: 'отмечен оплаченным', en: 'marked paid' },
  DISPUTE: { ru: 'оспорен клиентом', en: 'disputed by the client' },
  RESOLVE: { ru: 'спор урегулирован', en: 'dispute resolved' },
  CANCEL: { ru: 'отменён', en: 'cancelled' },
}

/**
 * Moves the invoice through its lifecycle: the rules decide (role, status, guards: the use case refuses a role
 * the lifecycle does not allow however it is called), then one batch writes the stage (with the dispute field
 * when a dispute starts or ends) and a timeline comment naming who and why. Refuses when the invoice is no longer at the stage it was opened in (CONFLICT).
 */
export async function transitionInvoice(
  gateway: PortalGateway<'invoices' | 'receipts'>,
  input: {
    readonly opened: OpenedInvoice
    readonly event: ManualEvent
    readonly reason?: string
    readonly lang: Lang
  },
): Promise<
  Result<{ readonly status: InvoiceStatus; readonly stageId: string }, ProcessError | UsecaseError | PortalError>
> {
  const { opened, event, lang } = input
  const reason = (input.reason ?? '').trim()
  if (WITH_REASON.includes(event) && !reason) return { ok: false, error: { code: 'REASON_REQUIRED' } }
  const to = nextStatus(opened.status, eventOf(opened, event, reason), opened.role)
  if (!to.ok) return to
  const stageId = stageForStatus(opened.stageMap, to.value)
  if (!stageId) return { ok: false, error: { code: 'UNKNOWN_STAGE', stageId: to.value } }
  // Only from the stage the panel showed: someone else's move in between is a conflict, not overwritten.
  const stored = await gateway.repositories.invoices.get(opened.card.invoice.id)
  if (!stored.ok) return stored
  if (stored.value.stageId !== opened.card.invoice.stageId) return { ok: false, error: { code: 'RECEIPT_CONFLICT' } }
  const who = opened.card.currentUser.fullName || `#${opened.card.currentUser.id}`
  const words = EVENT_WORDS[event][lang]
  const comment =
    lang === 'ru'
      ? `Счёт ${words}: ${who}${reason ? `. Причина: ${reason}` : ''}`
      : `Invoice ${words} by ${who}${reason ? `. Reason: ${reason}` : ''}`
  // The dispute lives in its field (the stage it shares with sent cannot tell it): set on DISPUTE, cleared when it ends.
  const disputeField: Record<string, string> =
    event === 'DISPUTE'
      ? { [INVOICE_FIELDS.dispute]: reason }
      : opened.status === 'disputed'
        ? { [INVOICE_FIELDS.dispute]: '' }
        : {}
  const written = await gateway.repositories.receipts.moveStage(opened.card.invoice.id, stageId, comment, disputeField)
  if (!written.ok) return written
  return { ok: true, value: { status: to.value, stageId } }
}
