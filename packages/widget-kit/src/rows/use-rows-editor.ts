import { computed, ref, type Ref } from 'vue'
import type { Result, RuleError } from '@salesflow/rules'
import type { ProductRow } from '@salesflow/portal'
import {
  enteredRowsOf,
  priceOrder,
  switchDraftCurrency,
  taxRateChoices,
  type DraftRow,
  type EnteredRows,
  type PricedRow,
} from '@salesflow/usecases'
import type { Lang } from '../format'
import { parseLocaleNumber, type NumberInputError } from '../parse-number'
import type { CodedError } from '../error-text'

/** The number boxes of a row: what people type, read with the one locale-aware parser. */
export const NUMBER_FIELDS = ['listPrice', 'discountValue', 'quantity'] as const
export type NumberField = (typeof NUMBER_FIELDS)[number]
export type TypedText = Partial<Record<NumberField, string>>

type Currencies = Parameters<typeof switchDraftCurrency>[2]

/** One row as the table shows it: the draft, the boxes as typed, what the portal will store or why not. */
export interface RowView {
  readonly draft: DraftRow
  readonly text?: TypedText
  readonly sum: string | null
  readonly price: string | null
  readonly inexact: boolean
  readonly error: CodedError | null
}

/** Where an editor reads what it needs; getters, so it follows a reloaded card. */
export interface RowsEditorSource {
  readonly lang: () => Lang
  /** The rows as stored on the portal: untouched rows keep their stored prices. */
  readonly storedRows: () => readonly ProductRow[]
  readonly currencies: () => Currencies
  /** The portal's VAT rates (for the choice of rates); omitted, only the rates the rows carry. */
  readonly vatRates?: () => Parameters<typeof taxRateChoices>[0]['vatRates']
}

/**
 * The product rows as a manager edits them (the deal tab's order, the configurator's result): the draft, the
 * number boxes as typed, each row priced by the use cases (`priceOrder`, with `draftRowRefusal`'s reasons) and the
 * currency switch that converts from what was entered. Holds state only; every figure comes from the use cases.
 */
export function useRowsEditor(source: RowsEditorSource) {
  const draft: Ref<DraftRow[]> = ref([])
  /** The currency the rows are priced in. */
  const currency = ref('')
  /** The rows as entered, in their own currency: a switch converts from these, never from a conversion. */
  let entered: EnteredRows = new Map()
  /** What was typed in the number boxes, by row key: shown as typed while the draft holds the decimal. */
  const typed = ref<Record<string, TypedText>>({})
  /** Number boxes whose text is not a number in the user's language, by row key. */
  const inputErrors = ref<Record<string, Partial<Record<NumberField, NumberInputError>>>>({})

  /** Starts over from these rows in this currency (a loaded card, a fresh configuration). */
  function reset(rows: readonly DraftRow[], inCurrency: string): void {
    draft.value = rows.map((r) => ({ ...r }))
    currency.value = inCurrency
    entered = enteredRowsOf(draft.value, inCurrency)
    typed.value = {}
    inputErrors.value = {}
  }

  const order = computed(() => priceOrder({ storedRows: source.storedRows(), draft: draft.value }))
  /** Each row priced, or why not: a number box that does not parse comes first, then what the use case says. */
  const priced = computed<PricedRow[]>(() =>
    order.value.rows.map((r) => {
      const typo = Object.values(inputErrors.value[r.draft.key] ?? {})[0]
      return typo ? { ...r, priced: { ok: false as const, error: typo } } : r
    }),
  )
  const invalid = computed(() => priced.value.some((r) => !r.priced.ok))
  const totals = computed(() => (invalid.value ? null : order.value.totals))
  const views = computed<RowView[]>(() =>
    priced.value.map(({ draft: d, priced: p }) => ({
      draft: d,
      text: typed.value[d.key],
      sum: p.ok ? p.value.stored.sum : null,
      price: p.ok ? p.value.stored.price : null,
      inexact: p.ok && !p.value.exact,
      error: p.ok ? null : p.error,
    })),
  )
  const taxRates = computed(() => taxRateChoices({ vatRates: source.vatRates?.() ?? [] }, draft.value))

  /** Applies an edit; number boxes are parsed in the user's language (an empty discount is no discount). */
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
      const parsed = parseLocaleNumber(text, source.lang(), field)
      if (parsed.ok) next[field] = parsed.value
      else errors[field] = parsed.error
    }
    inputErrors.value[key] = errors
    Object.assign(row, next)
  }

  function remove(key: string): void {
    draft.value = draft.value.filter((r) => r.key !== key)
  }

  /** Appends rows (from the catalog, a configuration) entered in the editor's currency. */
  function add(rows: readonly DraftRow[]): void {
    draft.value = [...draft.value, ...rows.map((r) => ({ ...r }))]
  }

  /** Shows the rows in another currency, converted from what was entered (RUB → USD → RUB is exact). */
  function switchCurrency(to: string): Result<true, RuleError> {
    if (to === currency.value) return { ok: true, value: true }
    const next = switchDraftCurrency({ draft: draft.value, currency: currency.value, entered }, to, source.currencies())
    if (!next.ok) return next
    draft.value = next.value.draft
    entered = next.value.entered
    // The boxes show the converted draft now; a typo in them is gone with the text.
    typed.value = {}
    inputErrors.value = {}
    currency.value = to
    return { ok: true, value: true }
  }

  return {
    draft,
    currency,
    typed,
    priced,
    invalid,
    totals,
    views,
    taxRates,
    reset,
    update,
    remove,
    add,
    switchCurrency,
  }
}

export type RowsEditor = ReturnType<typeof useRowsEditor>
