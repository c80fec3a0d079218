import { defineStore } from 'pinia'
import { computed } from 'vue'
import type { Result, Role } from '@salesflow/rules'
import { openInvoice, type OpenedInvoice } from '@salesflow/usecases'
import { parseCrmCardPlacement, useCardStore, useSessionState, type CodedError } from '@salesflow/widget-kit'
import { invoiceRepositories } from '../repositories'

/** The widget's own errors (not the portal's, not the rules'). */
export type WidgetError =
  { readonly code: 'NOT_IN_INVOICE_CARD'; readonly placement: string } | { readonly code: 'STANDALONE' }

/** The day the panel judges due dates and receipt dates by: the user's calendar date. */
export const todayIso = (): string => {
  const d = new Date()
  return `${d.getFullYear()}-${String(d.getMonth() + 1).padStart(2, '0')}-${String(d.getDate()).padStart(2, '0')}`
}

/**
 * The invoice as opened by the `openInvoice` use case (one round trip): status, positions, totals, role and
 * settings. Every other store reads it from here and asks it to reload after writing.
 */
export const useInvoiceStore = defineStore('invoice', () => {
  const state = useSessionState(invoiceRepositories)
  const session = computed(() => (state.status === 'ready' ? state.session : null))
  const lang = state.lang
  const invoiceId = computed(() => {
    const at = session.value ? parseCrmCardPlacement(session.value.placement, session.value.options) : null
    return at?.ok && at.value.entity === 'invoice' ? at.value.id : null
  })

  async function open(): Promise<Result<OpenedInvoice, CodedError | WidgetError>> {
    if (state.status === 'failed') return { ok: false, error: state.error }
    if (state.status === 'standalone') return { ok: false, error: { code: 'STANDALONE' } }
    if (invoiceId.value === null)
      return { ok: false, error: { code: 'NOT_IN_INVOICE_CARD', placement: state.session.placement } }
    return openInvoice(state.session, { invoiceId: invoiceId.value, today: todayIso() })
  }
  const { status, data: opened, error, load } = useCardStore(open)
  const role = computed<Role>(() => opened.value?.role ?? 'viewer')

  /** After a write: our card and the portal's own card (its stage bar and payment list) read again. */
  async function reloadAll(): Promise<void> {
    await load()
    await session.value?.reloadCard()
  }

  return { status, error, opened, session, lang, invoiceId, role, load, reloadAll }
})
