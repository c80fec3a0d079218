import { defineStore } from 'pinia'
import { computed, ref, shallowRef, watch } from 'vue'
import { D, type Result, type RuleError } from '@salesflow/rules'
import type { ProductRow } from '@salesflow/portal'
import {
  deliveryFields,
  deliveryParamsOf,
  draftFromRow,
  enteredRowsOf,
  isOrderDirty,
  priceOrder,
  saveOrder,
  switchDraftCurrency,
  switchRate as rateOfSwitch,
  taxRateChoices,
  type DeliveryParams,
  type DraftRow,
  type EnteredRows,
} from '@salesflow/usecases'
import type { CodedError } from '@salesflow/widget-kit'
import { useDealStore } from './useDealStore'

/**
 * The order calculation: the deal's rows as the manager edits them with the delivery parameters saved along,
 * priced (`priceOrder`) and saved (`saveOrder`) by the use cases.
 */
export const useOrderStore = defineStore('order', () => {
  const deal = useDealStore()
  const draft = ref<DraftRow[]>([])
  /** The deal currency the rows are priced in; differs from the stored one after a currency switch. */
  const currency = ref('')
  /** The rows as entered, in their own currency: a currency switch converts from these, never from a conversion. */
  let entered: EnteredRows = new Map()
  const delivery = ref<DeliveryParams>({ zone: '', urgency: 'standard', weightKg: '' })
  const saving = ref(false)
  const saveError = shallowRef<CodedError | null>(null)
  /** Someone changed the rows since we loaded them: their version, to show before reloading. */
  const conflict = shallowRef<readonly ProductRow[] | null>(null)
  /** After a save: did the portal's stored OPPORTUNITY equal what we showed? */
  const storedCheck = shallowRef<{ readonly opportunity: string; readonly matches: boolean } | null>(null)

  function reset(): void {
    const card = deal.card
    draft.value = card ? card.productRows.map(draftFromRow) : []
    currency.value = card?.deal.currency ?? ''
    entered = enteredRowsOf(draft.value, currency.value)
    delivery.value = deliveryParamsOf(card, deal.settings)
    conflict.value = null
    saveError.value = null
  }
  watch(() => deal.card, reset, { immediate: true })

  const order = computed(() => priceOrder({ storedRows: deal.card?.productRows ?? [], draft: draft.value }))
  const priced = computed(() => order.value.rows)
  const invalid = computed(() => order.value.invalid)
  const totals = computed(() => order.value.totals)
  const dealFields = computed(() => deliveryFields(delivery.value, deal.settings))
  const dirty = computed(() =>
    deal.card
      ? isOrderDirty(deal.card, { draft: draft.value, currency: currency.value, dealFields: dealFields.value })
      : false,
  )
  const switchRate = computed(() => (deal.card ? rateOfSwitch(deal.card, currency.value) : null))
  const taxRates = computed(() => (deal.card ? taxRateChoices(deal.card, draft.value) : []))
  const canEdit = computed(() => deal.role === 'admin' || deal.role === 'manager')

  function update(key: string, patch: Partial<Omit<DraftRow, 'key'>>): void {
    const row = draft.value.find((r) => r.key === key)
    if (row) Object.assign(row, patch)
  }

  function remove(key: string): void {
    draft.value = draft.value.filter((r) => r.key !== key)
  }

  function switchCurrency(to: string): Result<true, RuleError> {
    const card = deal.card
    if (!card || to === currency.value) return { ok: true, value: true }
    const next = switchDraftCurrency({ draft: draft.value, currency: currency.value, entered }, to, card.currencies)
    if (!next.ok) return next
    draft.value = next.value.draft
    entered = next.value.entered
    currency.value = to
    return { ok: true, value: true }
  }

  async function save(): Promise<void> {
    const card = deal.card
    const session = deal.session
    if (!card || !session || invalid.value) return
    saving.value = true
    saveError.value = null
    const written = await saveOrder(session, {
      card,
      draft: draft.value,
      currency: currency.value,
      dealFields: dealFields.value,
      funnels: deal.settings.funnels,
    })
    saving.value = false
    if (!written.ok) {
      const e = written.error
      if (e.code === 'CONFLICT' && 'actual' in e) conflict.value = e.actual as readonly ProductRow[]
      else saveError.value = e
      return
    }
    await deal.load()
    const stored = deal.card?.deal.opportunity ?? ''
    storedCheck.value = { opportunity: stored, matches: stored !== '' && new D(stored).eq(written.value.opportunity) }
    await session.reloadCard().catch(() => undefined)
  }

  /** Drops local edits and shows what is stored now (after a conflict, or on request). */
  async function reload(): Promise<void> {
    await deal.load()
    reset()
  }

  return {
    draft,
    currency,
    delivery,
    saving,
    saveError,
    conflict,
    storedCheck,
    priced,
    invalid,
    totals,
    dealFields,
    dirty,
    switchRate,
    taxRates,
    canEdit,
    update,
    remove,
    switchCurrency,
    save,
    reload,
  }
})
