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
import { parseLocaleNumber, type CodedError, type NumberInputError } from '@salesflow/widget-kit'
import { useDealStore } from './useDealStore'

const NUMBER_FIELDS = ['listPrice', 'discountValue', 'quantity'] as const
type NumberField = (typeof NUMBER_FIELDS)[number]

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
  /** What the manager typed in the number boxes, by row key: shown as typed while the draft holds the decimal. */
  const typed = ref<Record<string, Partial<Record<NumberField, string>>>>({})
  /** Number boxes whose text is not a number in the user's language, by row key. */
  const inputErrors = ref<Record<string, Partial<Record<NumberField, NumberInputError>>>>({})
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
    typed.value = {}
    inputErrors.value = {}
    conflict.value = null
    saveError.value = null
  }
  watch(() => deal.card, reset, { immediate: true })

  const order = computed(() => priceOrder({ storedRows: deal.card?.productRows ?? [], draft: draft.value }))
  /** Each row priced, or why not: a number box that does not parse comes first, then what the use case says. */
  const priced = computed(() =>
    order.value.rows.map((r) => {
      const typo = Object.values(inputErrors.value[r.draft.key] ?? {})[0]
      return typo ? { ...r, priced: { ok: false as const, error: typo } } : r
    }),
  )
  const invalid = computed(() => priced.value.some((r) => !r.priced.ok))
  const totals = computed(() => (invalid.value ? null : order.value.totals))
  const dealFields = computed(() => deliveryFields(delivery.value, deal.settings))
  const dirty = computed(() =>
    deal.card
      ? isOrderDirty(deal.card, { draft: draft.value, currency: currency.value, dealFields: dealFields.value })
      : false,
  )
  const switchRate = computed(() => (deal.card ? rateOfSwitch(deal.card, currency.value) : null))
  const taxRates = computed(() => (deal.card ? taxRateChoices(deal.card, draft.value) : []))
  const canEdit = computed(() => deal.role === 'admin' || deal.role === 'manager')

  /** Applies an edit; number boxes are read with the one locale-aware parser (an empty discount is no discount). */
  function update(key: string, patch: Partial<Omit<DraftRow, 'key'>>): void {
    const row = draft.value.find((r) => r.key === key)
    if (!row) return
    const next = { ...patch }
    const errors = { ...inputErrors.value[key] }
    for (const field of NUMBER_FIELDS) {
      const text = patch[field]
      if (text === undefined) continue
      typed.value[key] = { ...typed.value[key], [field]: text }
      delete errors[field]
      if (field === 'discountValue' && text.trim() === '') continue
      const parsed = parseLocaleNumber(text, deal.lang, field)
      if (parsed.ok) next[field] = parsed.value
      else errors[field] = parsed.error
    }
    inputErrors.value[key] = errors
    Object.assign(row, next)
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
    // The boxes show the converted draft now; a typo in them is gone with the text.
    typed.value = {}
    inputErrors.value = {}
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
    typed,
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
