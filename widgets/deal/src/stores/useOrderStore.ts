import { defineStore } from 'pinia'
import { computed, ref, shallowRef, watch } from 'vue'
import {
  calculationFields,
  computeProductRows,
  D,
  conversionFactor,
  convertMoney,
  priceForRest,
  type RestPrice,
  type Result,
  type RuleError,
} from '@salesflow/rules'
import type { PortalError, ProductRow } from '@salesflow/portal'
import type { CodedError } from '@salesflow/widget-kit'
import { useDealStore } from './useDealStore'
import { useStageStore } from './useStageStore'
import { useDeliveryStore } from './useDeliveryStore'
import { canonicalRate, draftFromRow, pricingInput, rowToWrite, type DraftRow } from './order-draft'

export interface PricedRow {
  readonly draft: DraftRow
  readonly priced: Result<RestPrice, RuleError>
}

/** A stored row as it is: it is its own input (the factory path ignores the derived prices it carries). */
function keepStored(row: ProductRow): Result<RestPrice, RuleError> {
  const computed = computeProductRows([row]).rows[0]!
  return computed.ok ? { ok: true, value: { input: row, stored: computed.value, exact: true } } : computed
}

/**
 * The order calculation tab: the deal's rows as the manager edits them, priced by the rules library exactly
 * as Bitrix24 will store them, and saved back in one call with a check that nobody changed them meanwhile.
 */
export const useOrderStore = defineStore('order', () => {
  const deal = useDealStore()
  const stage = useStageStore()
  const draft = ref<DraftRow[]>([])
  /** The deal currency the rows are priced in; differs from the stored one after a currency switch. */
  const currency = ref('')
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
    conflict.value = null
    saveError.value = null
  }
  watch(() => deal.card, reset, { immediate: true })

  /** Stored rows by draft key, with the draft they opened as: an untouched row is written back as stored. */
  const stored = computed(() => new Map((deal.card?.productRows ?? []).map((r) => [draftFromRow(r).key, r])))
  const priced = computed<PricedRow[]>(() =>
    draft.value.map((d) => {
      const row = stored.value.get(d.key)
      // Re-pricing an untouched row could pick another price that shows the same list price and move the total
      // by a kopeck: only what the manager changed is priced again.
      const untouched = row && JSON.stringify(draftFromRow(row)) === JSON.stringify(d)
      return { draft: d, priced: untouched ? keepStored(row) : priceForRest(pricingInput(d)) }
    }),
  )
  const invalid = computed(() => priced.value.some((r) => !r.priced.ok))
  /** OPPORTUNITY and TAX_VALUE as the portal will store them; null while a row is invalid. */
  const totals = computed(() => {
    if (invalid.value) return null
    const doc = computeProductRows(priced.value.map((r) => (r.priced.ok ? r.priced.value.input : { price: 0 })))
    return { opportunity: doc.opportunity, taxValue: doc.taxValue }
  })
  const dirty = computed(() => {
    const card = deal.card
    if (!card) return false
    if (currency.value !== card.deal.currency) return true
    const uf = card.deal.userFields
    const delivery = useDeliveryStore().dealFields
    if (Object.entries(delivery).some(([k, v]) => String(uf[k] ?? '') !== v)) return true
    const initial = card.productRows.map(draftFromRow)
    return JSON.stringify(initial) !== JSON.stringify(draft.value)
  })
  /** The rate the switch used: units of the new currency per unit of the stored one. */
  const switchRate = computed(() => {
    const card = deal.card
    if (!card || currency.value === card.deal.currency) return null
    const f = conversionFactor(card.deal.currency, currency.value, card.currencies)
    return f.ok
      ? { from: card.deal.currency, to: currency.value, factor: f.value.toSignificantDigits(8).toFixed() }
      : null
  })
  /** The portal's active VAT rates, plus any rate a row already carries (a 20 % row from before 2026 stays 20 %). */
  const taxRates = computed(() => {
    const active = (deal.card?.vatRates ?? []).flatMap((v) =>
      v.active && v.rate !== null ? [canonicalRate(v.rate)] : [],
    )
    const used = draft.value.flatMap((d) => (d.taxRate === null ? [] : [canonicalRate(d.taxRate)]))
    return [...new Set([...active, ...used])]
  })
  const canEdit = computed(() => deal.role === 'admin' || deal.role === 'manager')

  function update(key: string, patch: Partial<Omit<DraftRow, 'key'>>): void {
    const row = draft.value.find((r) => r.key === key)
    if (row) Object.assign(row, patch)
  }

  function remove(key: string): void {
    draft.value = draft.value.filter((r) => r.key !== key)
  }

  /**
   * Re-prices every row in another currency at the portal's rates (list prices and absolute discounts),
   * as Bitrix24's own grid does; saved together with the rows.
   */
  function switchCurrency(to: string): Result<true, RuleError> {
    const card = deal.card
    if (!card || to === currency.value) return { ok: true, value: true }
    const next: DraftRow[] = []
    for (const d of draft.value) {
      const list = convertMoney(d.listPrice, currency.value, to, card.currencies)
      if (!list.ok) return list
      const discount =
        d.discountType === 'amount' ? convertMoney(d.discountValue || '0', currency.value, to, card.currencies) : null
      if (discount && !discount.ok) return discount
      next.push({ ...d, listPrice: list.value, discountValue: discount ? discount.value : d.discountValue })
    }
    draft.value = next
    currency.value = to
    return { ok: true, value: true }
  }

  async function save(): Promise<void> {
    const card = deal.card
    const session = deal.session
    if (!card || !session || invalid.value || !totals.value) return
    saving.value = true
    saveError.value = null
    const rows = priced.value.map((r, i) =>
      rowToWrite(r.draft, (r.priced as { ok: true; value: RestPrice }).value, (i + 1) * 10),
    )
    const written = await session.repositories.productRows.replaceOfDeal(card.deal.id, card.productRows, rows, {
      currency: currency.value === card.deal.currency ? undefined : currency.value,
      // Saving the calculation is what "price calculated" means to the funnel guard; delivery parameters go along.
      dealFields: { ...useDeliveryStore().dealFields, ...calculationFields(stage.config) },
    })
    saving.value = false
    if (!written.ok) return onSaveError(written.error)
    const shown = totals.value.opportunity
    await deal.load()
    const stored = deal.card?.deal.opportunity ?? ''
    storedCheck.value = { opportunity: stored, matches: stored !== '' && new D(stored).eq(shown) }
    await session.reloadCard().catch(() => undefined)
  }

  function onSaveError(e: PortalError): void {
    if (e.code === 'CONFLICT' && 'actual' in e) conflict.value = e.actual as readonly ProductRow[]
    else saveError.value = e
  }

  /** Drops local edits and shows what is stored now (after a conflict, or on request). */
  async function reload(): Promise<void> {
    await deal.load()
    reset()
  }

  return {
    draft,
    currency,
    saving,
    saveError,
    conflict,
    storedCheck,
    priced,
    invalid,
    totals,
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
