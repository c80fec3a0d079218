import {
  computeProductRows,
  conversionFactor,
  convertMoney,
  priceForRest,
  type RestPrice,
  type Result,
  type RuleError,
} from '@salesflow/rules'
import type { DealCard, ProductRow } from '@salesflow/portal'
import { canonicalRate, draftFromRow, draftRowRefusal, pricingInput, type DraftRow } from './order-draft'
import type { UsecaseError } from '../errors'

export interface PricedRow {
  readonly draft: DraftRow
  /** The row as the portal will store it, or why not: the rules' error, or a refusal of what cannot be meant. */
  readonly priced: Result<RestPrice, RuleError | UsecaseError>
}

export interface PricedOrder {
  readonly rows: readonly PricedRow[]
  readonly invalid: boolean
  /** OPPORTUNITY and TAX_VALUE as the portal will store them; null while a row is invalid. */
  readonly totals: { readonly opportunity: string; readonly taxValue: string } | null
}

/** A stored row as it is: it is its own input (the factory path ignores the derived prices it carries). */
function keepStored(row: ProductRow): Result<RestPrice, RuleError> {
  const computed = computeProductRows([row]).rows[0]!
  return computed.ok ? { ok: true, value: { input: row, stored: computed.value, exact: true } } : computed
}

/**
 * The order as the portal will store it: each draft row priced by the rules library, the document totals over
 * them. Re-pricing an untouched row could pick another price that shows the same list price and move the total by
 * a kopeck, so only what the manager changed is priced again.
 */
export function priceOrder(input: {
  readonly storedRows: readonly ProductRow[]
  readonly draft: readonly DraftRow[]
}): PricedOrder {
  const stored = new Map(input.storedRows.map((r) => [draftFromRow(r).key, r]))
  const rows = input.draft.map((d) => {
    const row = stored.get(d.key)
    const untouched = row && JSON.stringify(draftFromRow(row)) === JSON.stringify(d)
    if (untouched) return { draft: d, priced: keepStored(row) }
    const refusal = draftRowRefusal(d)
    return { draft: d, priced: refusal ? { ok: false as const, error: refusal } : priceForRest(pricingInput(d)) }
  })
  const invalid = rows.some((r) => !r.priced.ok)
  if (invalid) return { rows, invalid, totals: null }
  const doc = computeProductRows(rows.map((r) => (r.priced.ok ? r.priced.value.input : { price: 0 })))
  return { rows, invalid, totals: { opportunity: doc.opportunity, taxValue: doc.taxValue } }
}

/** One row in another currency at the portal's rates (its list price and an absolute discount). */
function convertRow(
  d: DraftRow,
  from: string,
  to: string,
  currencies: DealCard['currencies'],
): Result<DraftRow, RuleError> {
  if (from === to) return { ok: true, value: { ...d } }
  const list = convertMoney(d.listPrice, from, to, currencies)
  if (!list.ok) return list
  const discount = d.discountType === 'amount' ? convertMoney(d.discountValue || '0', from, to, currencies) : null
  if (discount && !discount.ok) return discount
  return {
    ok: true,
    value: { ...d, listPrice: list.value, discountValue: discount ? discount.value : d.discountValue },
  }
}

/**
 * Re-prices every row in another currency at the portal's rates (list prices and absolute discounts), as
 * Bitrix24's own grid does; saved together with the rows.
 */
export function convertDraft(
  draft: readonly DraftRow[],
  from: string,
  to: string,
  currencies: DealCard['currencies'],
): Result<DraftRow[], RuleError> {
  const next: DraftRow[] = []
  for (const d of draft) {
    const row = convertRow(d, from, to, currencies)
    if (!row.ok) return row
    next.push(row.value)
  }
  return { ok: true, value: next }
}

/** A row as the manager entered it, in the currency it was entered in, and the converted form last shown. */
export interface EnteredRow {
  readonly currency: string
  readonly row: DraftRow
  readonly shown: string
}

/** The rows as entered, by row key: the source of truth a currency switch converts from. */
export type EnteredRows = ReadonlyMap<string, EnteredRow>

/** The draft as just loaded or entered: every row is its own source, in `currency`. */
export function enteredRowsOf(draft: readonly DraftRow[], currency: string): EnteredRows {
  return new Map(draft.map((d) => [d.key, { currency, row: { ...d }, shown: JSON.stringify(d) }]))
}

/**
 * Shows the draft in another currency. Each row is converted from what the manager entered, never from a
 * converted (rounded) form, so RUB → USD → RUB gives back the entered prices exactly. A row edited since the last
 * switch (it no longer equals what was shown) is entered anew, in the currency it was edited in.
 */
export function switchDraftCurrency(
  input: {
    readonly draft: readonly DraftRow[]
    readonly currency: string
    readonly entered: EnteredRows
  },
  to: string,
  currencies: DealCard['currencies'],
): Result<{ draft: DraftRow[]; entered: EnteredRows }, RuleError> {
  const draft: DraftRow[] = []
  const entered = new Map<string, EnteredRow>()
  for (const d of input.draft) {
    const known = input.entered.get(d.key)
    const source = known && known.shown === JSON.stringify(d) ? known : { currency: input.currency, row: d }
    const row = convertRow(source.row, source.currency, to, currencies)
    if (!row.ok) return row
    draft.push(row.value)
    entered.set(d.key, { currency: source.currency, row: { ...source.row }, shown: JSON.stringify(row.value) })
  }
  return { ok: true, value: { draft, entered } }
}

/** The rate a currency switch used: units of the new currency per unit of the stored one. */
export function switchRate(card: DealCard, to: string): { from: string; to: string; factor: string } | null {
  if (to === card.deal.currency) return null
  const f = conversionFactor(card.deal.currency, to, card.currencies)
  return f.ok ? { from: card.deal.currency, to, factor: f.value.toSignificantDigits(8).toFixed() } : null
}

/** The portal's active VAT rates, plus any rate a row already carries (a 20 % row from before 2026 stays 20 %). */
export function taxRateChoices(card: Pick<DealCard, 'vatRates'>, draft: readonly DraftRow[]): string[] {
  const active = card.vatRates.flatMap((v) => (v.active && v.rate !== null ? [canonicalRate(v.rate)] : []))
  const used = draft.flatMap((d) => (d.taxRate === null ? [] : [canonicalRate(d.taxRate)]))
  return [...new Set([...active, ...used])]
}

/** Whether the draft differs from the card: rows, currency or the deal fields that go with a save. */
export function isOrderDirty(
  card: DealCard,
  order: {
    readonly draft: readonly DraftRow[]
    readonly currency: string
    readonly dealFields: Readonly<Record<string, string>>
  },
): boolean {
  if (order.currency !== card.deal.currency) return true
  const uf = card.deal.userFields
  if (Object.entries(order.dealFields).some(([k, v]) => String(uf[k] ?? '') !== v)) return true
  return JSON.stringify(card.productRows.map(draftFromRow)) !== JSON.stringify(order.draft)
}
