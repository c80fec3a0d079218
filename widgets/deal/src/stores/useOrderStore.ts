import { defineStore } from 'pinia'
import { computed, ref, shallowRef, watch } from 'vue'
import { D } from '@salesflow/rules'
import type { ProductRow } from '@salesflow/portal'
import {
  deliveryFields,
  deliveryParamsOf,
  draftFromRow,
  isOrderDirty,
  saveOrder,
  switchRate as rateOfSwitch,
  type DeliveryParams,
} from '@salesflow/usecases'
import { useRowsEditor, type CodedError } from '@salesflow/widget-kit'
import { useDealStore } from './useDealStore'

/**
 * The order calculation: the deal's rows in the shared rows editor (widget-kit `useRowsEditor`: typing, pricing by
 * `priceOrder`, currency switches) with the delivery parameters saved along, saved by `saveOrder`.
 */
export const useOrderStore = defineStore('order', () => {
  const deal = useDealStore()
  const rows = useRowsEditor({
    lang: () => deal.lang,
    storedRows: () => deal.card?.productRows ?? [],
    currencies: () => deal.card?.currencies ?? [],
    vatRates: () => deal.card?.vatRates ?? [],
  })
  const delivery = ref<DeliveryParams>({ zone: '', urgency: 'standard', weightKg: '' })
  const saving = ref(false)
  const saveError = shallowRef<CodedError | null>(null)
  /** Someone changed the rows since we loaded them: their version, to show before reloading. */
  const conflict = shallowRef<readonly ProductRow[] | null>(null)
  /** After a save: did the portal's stored OPPORTUNITY equal what we showed? */
  const storedCheck = shallowRef<{ readonly opportunity: string; readonly matches: boolean } | null>(null)

  function reset(): void {
    const card = deal.card
    rows.reset(card ? card.productRows.map(draftFromRow) : [], card?.deal.currency ?? '')
    delivery.value = deliveryParamsOf(card, deal.settings)
    conflict.value = null
    saveError.value = null
  }
  watch(() => deal.card, reset, { immediate: true })

  const dealFields = computed(() => deliveryFields(delivery.value, deal.settings))
  const dirty = computed(() =>
    deal.card
      ? isOrderDirty(deal.card, {
          draft: rows.draft.value,
          currency: rows.currency.value,
          dealFields: dealFields.value,
        })
      : false,
  )
  const switchRate = computed(() => (deal.card ? rateOfSwitch(deal.card, rows.currency.value) : null))
  const canEdit = computed(() => deal.role === 'admin' || deal.role === 'manager')

  async function save(): Promise<void> {
    const card = deal.card
    const session = deal.session
    if (!card || !session || rows.invalid.value) return
    saving.value = true
    saveError.value = null
    const written = await saveOrder(session, {
      card,
      draft: rows.draft.value,
      currency: rows.currency.value,
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
    draft: rows.draft,
    typed: rows.typed,
    currency: rows.currency,
    views: rows.views,
    delivery,
    saving,
    saveError,
    conflict,
    storedCheck,
    priced: rows.priced,
    invalid: rows.invalid,
    totals: rows.totals,
    dealFields,
    dirty,
    switchRate,
    taxRates: rows.taxRates,
    canEdit,
    update: rows.update,
    remove: rows.remove,
    add: rows.add,
    switchCurrency: rows.switchCurrency,
    save,
    reload,
  }
})
