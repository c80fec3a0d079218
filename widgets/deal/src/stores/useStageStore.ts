import { defineStore } from 'pinia'
import { computed, ref, shallowRef } from 'vue'
import type { ClientLookup, FunnelConfig, Missing, MoveOption } from '@salesflow/rules'
import type { ClientMatch } from '@salesflow/portal'
import { creditOf, moveDeal, moveOptionsOf, receivedOn, searchClients } from '@salesflow/usecases'
import type { CodedError } from '@salesflow/widget-kit'
import { useDealStore } from './useDealStore'

/** A move the manager asked for that needs more data first: the missing items drive the form. */
export interface PendingMove {
  readonly to: string
  readonly missing: readonly Missing[]
}

/** Typing pauses this long before the portal is asked for clients. */
const SEARCH_PAUSE_MS = 250

/**
 * The deal's funnel and stage and the moves the guard allows, with what is missing for each; moving is the
 * `moveDeal` use case, then the card is read again.
 */
export const useStageStore = defineStore('stage', () => {
  const deal = useDealStore()
  const moving = ref(false)
  const moveError = shallowRef<CodedError | null>(null)
  const pending = shallowRef<PendingMove | null>(null)
  /** The clients a picker of the missing form found, by the field it fills (COMPANY_ID, CONTACT_ID). */
  const clientMatches = ref<Record<string, readonly ClientMatch[]>>({})
  const clientAsked: Record<string, number> = {}
  const clientTimers: Record<string, ReturnType<typeof setTimeout>> = {}

  const config = computed<FunnelConfig>(() => deal.settings.funnels)
  const credit = computed(() => (deal.opened ? creditOf(deal.opened) : null))
  const received = computed(() => (deal.opened ? receivedOn(deal.opened) : null))
  const options = computed<MoveOption[]>(() => (deal.opened ? moveOptionsOf(deal.opened) : []))
  /** A stage's name: the portal's for this funnel; for another funnel "Funnel: stage" from the configuration. */
  const stageName = (id: string): string => {
    const own = deal.card?.stages.find((s) => s.id === id)
    if (own) return own.name
    const funnel = config.value.funnels.find((f) => f.stages.some((s) => s.id === id))
    const stage = funnel?.stages.find((s) => s.id === id)
    return funnel && stage ? `${funnel.name}: ${stage.name}` : id
  }

  /** Moves at once when nothing is missing, otherwise opens the form for the missing data. */
  async function requestMove(to: string): Promise<void> {
    moveError.value = null
    await move(to, {})
  }

  /** Completes a pending move with the values the manager entered; the guard checks them again first. */
  async function completeMove(values: Readonly<Record<string, string>>): Promise<void> {
    const to = pending.value?.to
    if (to !== undefined) await move(to, values)
  }

  async function move(to: string, values: Readonly<Record<string, string>>): Promise<void> {
    const opened = deal.opened
    const session = deal.session
    if (!opened || !session) return
    moving.value = true
    const res = await moveDeal(session, { opened, to, values })
    moving.value = false
    if (!res.ok) {
      if (res.error.code === 'REQUIREMENTS_MISSING') pending.value = { to, missing: res.error.missing }
      else moveError.value = res.error
      return
    }
    pending.value = null
    clientMatches.value = {}
    await deal.load()
    await session.reloadCard().catch(() => undefined)
  }

  function cancelMove(): void {
    pending.value = null
    clientMatches.value = {}
  }

  /**
   * Searches companies or contacts by name for a field the move asks for, once typing pauses; only the latest
   * answer is kept.
   */
  function findClients(field: string, kind: ClientLookup, text: string): void {
    clearTimeout(clientTimers[field])
    clientTimers[field] = setTimeout(() => void askClients(field, kind, text), SEARCH_PAUSE_MS)
  }
  async function askClients(field: string, kind: ClientLookup, text: string): Promise<void> {
    const session = deal.session
    if (!session) return
    const mine = (clientAsked[field] = (clientAsked[field] ?? 0) + 1)
    const found = await searchClients(session, kind, text)
    if (clientAsked[field] !== mine) return
    if (found.ok) clientMatches.value = { ...clientMatches.value, [field]: found.value }
    else moveError.value = found.error
  }

  return {
    config,
    credit,
    received,
    options,
    pending,
    moving,
    moveError,
    stageName,
    requestMove,
    completeMove,
    cancelMove,
    clientMatches,
    findClients,
  }
})
