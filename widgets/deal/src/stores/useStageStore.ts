import { defineStore } from 'pinia'
import { computed, ref, shallowRef } from 'vue'
import {
  checkDealMove,
  dealGuardFields,
  dealMoveOptions,
  paidAmount,
  dealCredit,
  type DealSnapshot,
  type FunnelConfig,
  type Missing,
  type MoveOption,
} from '@salesflow/rules'
import type { CodedError } from '@salesflow/widget-kit'
import { useDealStore } from './useDealStore'

/** A move the manager asked for that needs more data first: the missing items drive the form. */
export interface PendingMove {
  readonly to: string
  readonly missing: readonly Missing[]
}

/**
 * The deal's funnel and stage and the moves the guard allows, with what is missing for each. Moving writes
 * the stage (and the category, across funnels) through the gateway, together with the fields asked for.
 */
export const useStageStore = defineStore('stage', () => {
  const deal = useDealStore()
  const moving = ref(false)
  const moveError = shallowRef<CodedError | null>(null)
  const pending = shallowRef<PendingMove | null>(null)

  const config = computed<FunnelConfig>(() => deal.settings.funnels)
  /** The client's credit exposure and this deal's check against its limit (company UF fields hold the limit). */
  const credit = computed(() => {
    const card = deal.card
    if (!card?.company) return null
    const uf = card.company.userFields
    const limit = String(uf['UF_CRM_SF_CREDIT_LIMIT'] ?? '')
    return dealCredit({
      companyId: card.company.id,
      invoices: card.companyInvoices.map((i) => ({
        dealId: i.dealId,
        amount: i.opportunity,
        currency: i.currency,
        semantics: i.stageSemantics,
      })),
      deal: { id: card.deal.id, amount: card.deal.opportunity, currency: card.deal.currency },
      limit: limit ? { amount: limit, mode: uf['UF_CRM_SF_CREDIT_MODE'] === 'block' ? 'block' : 'warn' } : null,
      currency: deal.baseCurrency ?? card.deal.currency,
      currencies: card.currencies,
      actor: deal.role,
    })
  })

  /** What was received on the deal, in its currency (paid payments only, converted at portal rates). */
  const received = computed(() => {
    const card = deal.card
    return card ? paidAmount(card.payments, card.deal.currency, card.currencies) : null
  })

  /** What the guard knows of the deal: its stage, its fields, what was paid on it and its credit check. */
  const snapshot = computed<DealSnapshot | null>(() => {
    const card = deal.card
    if (!card) return null
    const paid = received.value
    return {
      stageId: card.deal.stageId,
      fields: dealGuardFields(card.deal),
      opportunity: card.deal.opportunity,
      // A payment in a currency the portal cannot convert counts as nothing received: the guard then asks for it.
      paid: paid?.ok ? paid.value : '0',
      ...(credit.value?.ok ? { credit: credit.value.value.decision } : {}),
    }
  })
  const options = computed<MoveOption[]>(() =>
    snapshot.value ? dealMoveOptions(config.value, snapshot.value, deal.role) : [],
  )
  /** A stage's name: the portal's for this funnel; for another funnel "Funnel: stage" from the configuration. */
  const stageName = (id: string): string => {
    const own = deal.card?.stages.find((s) => s.id === id)
    if (own) return own.name
    const funnel = config.value.funnels.find((f) => f.stages.some((s) => s.id === id))
    const stage = funnel?.stages.find((s) => s.id === id)
    return funnel && stage ? `${funnel.name}: ${stage.name}` : id
  }

  /** Asks the guard; moves at once when nothing is missing, otherwise opens the form for the missing data. */
  async function requestMove(to: string): Promise<void> {
    const snap = snapshot.value
    if (!snap) return
    moveError.value = null
    const check = checkDealMove(config.value, snap, to, deal.role)
    if (check.ok) return write(to, {}, check.value.crossFunnel ? check.value.toCategoryId : null)
    if (check.error.code === 'REQUIREMENTS_MISSING') pending.value = { to, missing: check.error.missing }
    else moveError.value = check.error
  }

  /** Completes a pending move with the values the manager entered; the guard checks them again first. */
  async function completeMove(values: Readonly<Record<string, string>>): Promise<void> {
    const snap = snapshot.value
    const move = pending.value
    if (!snap || !move) return
    const check = checkDealMove(config.value, { ...snap, fields: { ...snap.fields, ...values } }, move.to, deal.role)
    if (!check.ok) {
      if (check.error.code === 'REQUIREMENTS_MISSING') pending.value = { to: move.to, missing: check.error.missing }
      else moveError.value = check.error
      return
    }
    pending.value = null
    await write(move.to, values, check.value.crossFunnel ? check.value.toCategoryId : null)
  }

  async function write(to: string, fields: Readonly<Record<string, string>>, categoryId: number | null): Promise<void> {
    const card = deal.card
    const session = deal.session
    if (!card || !session) return
    moving.value = true
    const patch = { ...fields, STAGE_ID: to, ...(categoryId === null ? {} : { CATEGORY_ID: categoryId }) }
    const res = await session.repositories.deals.update(card.deal.id, patch)
    moving.value = false
    if (!res.ok) {
      moveError.value = res.error
      return
    }
    await deal.load()
    await session.reloadCard().catch(() => undefined)
  }

  function cancelMove(): void {
    pending.value = null
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
  }
})
