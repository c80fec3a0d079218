import { defineStore } from 'pinia'
import { computed, ref, shallowRef } from 'vue'
import type { Role } from '@salesflow/rules'
import type { DealCard, FrameSession } from '@salesflow/portal'
import { openDealCard, type OpenedDeal, type Settings, readSettings } from '@salesflow/usecases'
import { useSessionState, type CodedError } from '@salesflow/widget-kit'

export type LoadStatus = 'idle' | 'loading' | 'ready' | 'error'

/** The widget's own errors (not the portal's, not the rules'). */
export type WidgetError =
  { readonly code: 'NOT_IN_DEAL_CARD'; readonly placement: string } | { readonly code: 'STANDALONE' }

const NO_SETTINGS = readSettings({})

/**
 * The deal card as opened by the `openDealCard` use case (one round trip), with its settings, the user's role
 * and the session to write with. Every other store reads the card from here and asks it to reload after writing.
 */
export const useDealStore = defineStore('deal', () => {
  const state = useSessionState()
  const status = ref<LoadStatus>('idle')
  const error = shallowRef<CodedError | WidgetError | null>(null)
  const opened = shallowRef<OpenedDeal | null>(null)

  const session = computed<FrameSession | null>(() => (state.status === 'ready' ? state.session : null))
  const lang = state.lang
  const dealId = computed(() => {
    const id = Number(session.value?.options.ID)
    return Number.isInteger(id) && id > 0 ? id : null
  })
  const card = computed<DealCard | null>(() => opened.value?.card ?? null)
  const settings = computed<Settings>(() => opened.value?.settings ?? NO_SETTINGS)
  const role = computed<Role>(() => opened.value?.role ?? 'viewer')
  const baseCurrency = computed(() => opened.value?.baseCurrency ?? null)

  async function load(): Promise<void> {
    if (state.status === 'failed') return fail(state.error)
    if (state.status === 'standalone') return fail({ code: 'STANDALONE' })
    if (dealId.value === null) return fail({ code: 'NOT_IN_DEAL_CARD', placement: state.session.placement })
    status.value = 'loading'
    const loaded = await openDealCard(state.session, { dealId: dealId.value })
    if (!loaded.ok) return fail(loaded.error)
    opened.value = loaded.value
    error.value = null
    status.value = 'ready'
  }

  function fail(e: CodedError | WidgetError): void {
    error.value = e
    status.value = 'error'
  }

  return { status, error, opened, card, session, lang, dealId, settings, role, baseCurrency, load }
})
