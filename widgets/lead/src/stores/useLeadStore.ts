import { defineStore } from 'pinia'
import { computed, ref, shallowRef } from 'vue'
import type { LeadEventType, Result } from '@salesflow/rules'
import {
  moveLead,
  openLeadCard,
  qualifyLead,
  unqualifyLead,
  type ContactValues,
  type OpenedLead,
} from '@salesflow/usecases'
import { parseCrmCardPlacement, useCardStore, useSessionState, type CodedError } from '@salesflow/widget-kit'
import { leadRepositories } from '../repositories'

/** The widget's own errors (not the portal's, not the rules'). */
export type WidgetError =
  { readonly code: 'NOT_IN_LEAD_CARD'; readonly placement: string } | { readonly code: 'STANDALONE' }

/** The values a move's form collects: a phone or an e-mail, a direction, a reason. */
export interface MoveValues extends ContactValues {
  readonly direction?: string
  readonly reason?: string
}

/**
 * The lead card as opened by the `openLeadCard` use case (one round trip), and the moves on it: take into work,
 * qualify (converts, then opens the deal), unqualify with a reason, reopen. A move whose guard needs data opens
 * its form first (`pending`); after a write the card is read again.
 */
export const useLeadStore = defineStore('lead', () => {
  const state = useSessionState(leadRepositories)
  const session = computed(() => (state.status === 'ready' ? state.session : null))
  const lang = state.lang
  const leadId = computed(() => {
    const at = session.value ? parseCrmCardPlacement(session.value.placement, session.value.options) : null
    return at?.ok && at.value.entity === 'lead' ? at.value.id : null
  })

  async function open(): Promise<Result<OpenedLead, CodedError | WidgetError>> {
    if (state.status === 'failed') return { ok: false, error: state.error }
    if (state.status === 'standalone') return { ok: false, error: { code: 'STANDALONE' } }
    if (leadId.value === null)
      return { ok: false, error: { code: 'NOT_IN_LEAD_CARD', placement: state.session.placement } }
    return openLeadCard(state.session, { leadId: leadId.value })
  }
  const { status, data: opened, error, load } = useCardStore(open)

  const busy = ref(false)
  const moveError = shallowRef<CodedError | null>(null)
  /** The move whose form is open: its guard needs something the lead lacks, or a choice (a reason). */
  const pending = ref<LeadEventType | null>(null)

  /** A move at once when it needs nothing, otherwise its form. */
  function request(event: LeadEventType): void {
    moveError.value = null
    const option = opened.value?.moves.find((m) => m.event === event)
    if (option && option.needs.length > 0) pending.value = event
    else void run(event, {})
  }

  function cancel(): void {
    pending.value = null
  }

  async function run(event: LeadEventType, values: MoveValues): Promise<void> {
    const lead = opened.value
    const s = session.value
    if (!lead || !s) return
    busy.value = true
    moveError.value = null
    const res =
      event === 'QUALIFY'
        ? await qualifyLead(s, { opened: lead, ...(values.direction ? { direction: values.direction } : {}) })
        : event === 'DISQUALIFY'
          ? await unqualifyLead(s, { opened: lead, reason: values.reason ?? '' })
          : await moveLead(s, { opened: lead, event, values })
    busy.value = false
    if (!res.ok) {
      moveError.value = res.error
      return
    }
    pending.value = null
    await load()
    await s.reloadCard().catch(() => undefined)
    if (event === 'QUALIFY' && 'dealId' in res.value) await openDeal(res.value.dealId)
  }

  async function openDeal(id: number): Promise<void> {
    const r = await session.value?.openPath(`/crm/deal/details/${id}/`)
    if (r && !r.ok) moveError.value = r.error
  }

  return {
    status,
    error,
    opened,
    session,
    lang,
    leadId,
    busy,
    moveError,
    pending,
    load,
    request,
    cancel,
    run,
    openDeal,
  }
})
