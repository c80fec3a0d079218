import { defineStore } from 'pinia'
import { computed, ref, shallowRef } from 'vue'
import { resolveRole, type Role } from '@salesflow/rules'
import { loadDealCard, type DealCard, type FrameSession } from '@salesflow/portal'
import { useSessionState, type CodedError } from '@salesflow/widget-kit'
import { readSettings } from './settings'

export type LoadStatus = 'idle' | 'loading' | 'ready' | 'error'

/** The widget's own errors (not the portal's, not the rules'). */
export type WidgetError =
  { readonly code: 'NOT_IN_DEAL_CARD'; readonly placement: string } | { readonly code: 'STANDALONE' }

/**
 * The deal card as loaded in one round trip, the current user's salesflow role, and the session to write with.
 * Every other store of the widget reads the card from here and asks it to reload after writing.
 */
export const useDealStore = defineStore('deal', () => {
  const state = useSessionState()
  const status = ref<LoadStatus>('idle')
  const error = shallowRef<CodedError | WidgetError | null>(null)
  const card = shallowRef<DealCard | null>(null)

  const session = computed<FrameSession | null>(() => (state.status === 'ready' ? state.session : null))
  const lang = state.lang
  const dealId = computed(() => {
    const id = Number(session.value?.options.ID)
    return Number.isInteger(id) && id > 0 ? id : null
  })
  /** The administrator's settings (roles, funnels, delivery rates, our requisites), checked. */
  const settings = computed(() => readSettings(card.value?.appOptions ?? {}))
  const role = computed<Role>(() => (card.value ? resolveRole(card.value.currentUser, settings.value.roles) : 'viewer'))
  /** The portal's base currency: credit exposure and limits are kept in it. */
  const baseCurrency = computed(() => card.value?.currencies.find((c) => c.BASE === 'Y')?.CURRENCY ?? null)

  async function load(): Promise<void> {
    if (state.status === 'failed') return fail(state.error)
    if (state.status === 'standalone') return fail({ code: 'STANDALONE' })
    if (dealId.value === null) return fail({ code: 'NOT_IN_DEAL_CARD', placement: state.session.placement })
    status.value = 'loading'
    const loaded = await loadDealCard(state.session.client, dealId.value)
    if (!loaded.ok) return fail(loaded.error)
    card.value = loaded.value
    error.value = null
    status.value = 'ready'
  }

  function fail(e: CodedError | WidgetError): void {
    error.value = e
    status.value = 'error'
  }

  return { status, error, card, session, lang, dealId, settings, role, baseCurrency, load }
})
