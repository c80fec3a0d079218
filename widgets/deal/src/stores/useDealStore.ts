import { defineStore } from 'pinia'
import { computed } from 'vue'
import type { Result, Role } from '@salesflow/rules'
import type { DealCard } from '@salesflow/portal'
import { openDealCard, type OpenedDeal, type Settings, readSettings } from '@salesflow/usecases'
import { parseCrmCardPlacement, useCardStore, useSessionState, type CodedError } from '@salesflow/widget-kit'
import { dealRepositories } from '../repositories'

/** The widget's own errors (not the portal's, not the rules'). */
export type WidgetError =
  { readonly code: 'NOT_IN_DEAL_CARD'; readonly placement: string } | { readonly code: 'STANDALONE' }

const NO_SETTINGS = readSettings({})

/**
 * The deal card as opened by the `openDealCard` use case (one round trip), with its settings, the user's role
 * and the session to write with. Every other store reads the card from here and asks it to reload after writing.
 */
export const useDealStore = defineStore('deal', () => {
  const state = useSessionState(dealRepositories)
  const session = computed(() => (state.status === 'ready' ? state.session : null))
  const lang = state.lang
  const dealId = computed(() => {
    const at = session.value ? parseCrmCardPlacement(session.value.placement, session.value.options) : null
    return at?.ok && at.value.entity === 'deal' ? at.value.id : null
  })

  async function open(): Promise<Result<OpenedDeal, CodedError | WidgetError>> {
    if (state.status === 'failed') return { ok: false, error: state.error }
    if (state.status === 'standalone') return { ok: false, error: { code: 'STANDALONE' } }
    if (dealId.value === null)
      return { ok: false, error: { code: 'NOT_IN_DEAL_CARD', placement: state.session.placement } }
    return openDealCard(state.session, { dealId: dealId.value, lang })
  }
  const { status, data: opened, error, load } = useCardStore(open)

  const card = computed<DealCard | null>(() => opened.value?.card ?? null)
  const settings = computed<Settings>(() => opened.value?.settings ?? NO_SETTINGS)
  const role = computed<Role>(() => opened.value?.role ?? 'viewer')
  const baseCurrency = computed(() => opened.value?.baseCurrency ?? null)

  return { status, error, opened, card, session, lang, dealId, settings, role, baseCurrency, load }
})
