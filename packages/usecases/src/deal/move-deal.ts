import {
  checkDealMove,
  dealCredit,
  dealGuardFields,
  dealMoveOptions,
  paidAmount,
  type DealSnapshot,
  type MoveOption,
  type Result,
  type SalesError,
} from '@salesflow/rules'
import { encodeListValues, type PortalError } from '@salesflow/portal'
import type { PortalGateway } from '../gateway'
import type { UsecaseError } from '../errors'
import type { OpenedDeal } from './open-deal-card'

/** The client's credit exposure and this deal's check against its limit (the company's fields hold the limit). */
export function creditOf(opened: OpenedDeal) {
  const { card, settings } = opened
  if (!card.company) return null
  const uf = card.company.userFields
  const limit = String(uf[settings.fields.creditLimit] ?? '')
  return dealCredit({
    companyId: card.company.id,
    invoices: card.companyInvoices.map((i) => ({
      dealId: i.dealId,
      amount: i.opportunity,
      currency: i.currency,
      semantics: i.stageSemantics,
    })),
    deal: { id: card.deal.id, amount: card.deal.opportunity, currency: card.deal.currency },
    limit: limit ? { amount: limit, mode: uf[settings.fields.creditMode] === 'block' ? 'block' : 'warn' } : null,
    currency: opened.baseCurrency ?? card.deal.currency,
    currencies: card.currencies,
    actor: opened.role,
  })
}

/** What was received on the deal, in its currency (paid payments only, converted at portal rates). */
export const receivedOn = (opened: OpenedDeal) =>
  paidAmount(opened.card.payments, opened.card.deal.currency, opened.card.currencies)

/** What the guard knows of the deal: its stage, its fields, what was paid on it and its credit check. */
export function dealSnapshot(opened: OpenedDeal): DealSnapshot {
  const { card } = opened
  const paid = receivedOn(opened)
  const credit = creditOf(opened)
  return {
    stageId: card.deal.stageId,
    fields: dealGuardFields(card.deal),
    opportunity: card.deal.opportunity,
    // A payment in a currency the portal cannot convert counts as nothing received: the guard then asks for it.
    paid: paid.ok ? paid.value : '0',
    ...(credit?.ok ? { credit: credit.value.decision } : {}),
  }
}

/** The moves the guard allows from here, with what is missing for each. */
export const moveOptionsOf = (opened: OpenedDeal): MoveOption[] =>
  dealMoveOptions(opened.settings.funnels, dealSnapshot(opened), opened.role)

/**
 * Moves the deal to `to` when the guard allows it with `values` (the fields a form asked for), writing the stage,
 * the category across funnels and those fields in one update. REQUIREMENTS_MISSING says what to ask for.
 * The move applies only if the deal is still at the stage the card showed (CONFLICT with the stored stage
 * otherwise); a lost answer is settled by re-reading: ok when the deal is at `to`, else UNKNOWN_OUTCOME with it.
 */
export async function moveDeal(
  gateway: PortalGateway<'deals'>,
  input: { readonly opened: OpenedDeal; readonly to: string; readonly values?: Readonly<Record<string, string>> },
): Promise<Result<{ readonly stageId: string }, SalesError | UsecaseError | PortalError>> {
  const { opened, to } = input
  const values = input.values ?? {}
  const snap = dealSnapshot(opened)
  const check = checkDealMove(
    opened.settings.funnels,
    { ...snap, fields: { ...snap.fields, ...values } },
    to,
    opened.role,
  )
  if (!check.ok) return check
  const categoryId = check.value.crossFunnel ? check.value.toCategoryId : null
  // List fields are written as the portal stores them: the item's ID for our code.
  const encoded = encodeListValues(values, opened.card.dealFields)
  if (!encoded.ok)
    return { ok: false, error: { code: 'LIST_VALUE_UNKNOWN', field: encoded.field, value: encoded.value } }
  const patch = { ...encoded.value, STAGE_ID: to, ...(categoryId === null ? {} : { CATEGORY_ID: categoryId }) }
  const id = opened.card.deal.id
  const res = await gateway.repositories.deals.move(id, opened.card.deal.stageId, patch)
  if (res.ok) return { ok: true, value: { stageId: res.value.stageId } }
  if (res.error.code !== 'UNKNOWN_OUTCOME') return res
  // The answer was lost: the move may have run. Never re-send it; read what is stored and say so.
  const stored = await gateway.repositories.deals.get(id)
  if (!stored.ok) return res
  if (stored.value.stageId === to) return { ok: true, value: { stageId: to } }
  return { ok: false, error: { ...res.error, expected: to, actual: stored.value.stageId } }
}
