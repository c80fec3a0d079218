import {
  checkCreditLimit,
  openCreditByCompany,
  type CreditDecision,
  type CreditDocument,
  type OpenCredit,
} from '../credit/open-credit'
import type { PortalCurrency } from '../fx/convert-money'
import type { StageSemantics } from '../funnels/funnel-config'
import { convertMoney } from '../fx/convert-money'
import { D, MAX_AMOUNT, withinAmountLimit } from '../decimal'
import { isRecord, ownData } from '../input'
import { err, ok, type Result } from '../result'
import type { SalesError } from '../sales-errors'
import type { Actor } from '../access/roles'

export interface ExposureInvoice {
  readonly dealId: number | null
  readonly amount: string
  readonly currency: string
  /** The invoice stage's meaning: paid (`success`) and refused (`failure`) invoices are no longer open. */
  readonly semantics: StageSemantics | null
}

export interface DealCreditInput {
  readonly companyId: number
  /** The client company's invoices (any currency). */
  readonly invoices: readonly ExposureInvoice[]
  /** This deal: its amount counts as an unbilled order until it is invoiced. */
  readonly deal: { readonly id: number; readonly amount: string; readonly currency: string }
  /** The company's limit in `currency`; null when none is set (then nothing is ever blocked). */
  readonly limit: { readonly amount: string; readonly mode: 'warn' | 'block' } | null
  /** The currency exposure is kept in: the portal's base currency. */
  readonly currency: string
  readonly currencies: readonly PortalCurrency[]
  readonly actor: Actor
  /** Who may push a blocked deal through. */
  readonly overrideRoles?: readonly ('admin' | 'accountant')[]
}

export interface DealCredit {
  /** The company's exposure without this deal. */
  readonly open: OpenCredit
  /** The check of this deal's amount against the limit, as the funnel guard takes it. */
  readonly decision: CreditDecision
}

/**
 * A client's credit exposure as a deal card can see it, and the limit check of the deal on top of it.
 * Open invoices count in full (the card does not load their payments, so a partly paid invoice counts whole:
 * the cautious side); paid and refused ones do not. The deal itself is an unbilled order until it has an invoice.
 * Without a limit the decision is `within` with an empty limit.
 */
export function dealCredit(input: DealCreditInput): Result<DealCredit, SalesError> {
  input = ownData(input)
  const shape = inputProblem(input)
  if (shape) return err(shape)
  const companyId = String(input.companyId)
  const documents: CreditDocument[] = input.invoices
    .filter((i) => i.semantics !== 'success' && i.semantics !== 'failure')
    .map((i) => ({ companyId, kind: 'invoice', amount: i.amount, currency: i.currency }))
  const open = openCreditByCompany(documents, input.currency, input.currencies)
  if (!open.ok) return open
  const current = open.value[0] ?? {
    companyId,
    currency: input.currency,
    invoiced: '0.00',
    received: '0.00',
    unbilled: '0.00',
    open: '0.00',
  }
  const invoiced = input.invoices.some((i) => i.dealId === input.deal.id && i.semantics !== 'failure')
  const amount = invoiced
    ? ok('0')
    : convertMoney(input.deal.amount, input.deal.currency, input.currency, input.currencies)
  if (!amount.ok) return amount
  if (!input.limit) {
    const sum = new D(current.open).plus(amount.value)
    if (!withinAmountLimit(sum))
      return err({ code: 'OUT_OF_RANGE', field: 'after', value: sum.toFixed(), max: MAX_AMOUNT })
    const after = sum.toFixed(2)
    return ok({ open: current, decision: { decision: 'within', after, limit: '' } })
  }
  const decision = checkCreditLimit(
    current,
    amount.value,
    {
      amount: input.limit.amount,
      currency: input.currency,
      mode: input.limit.mode,
      overrideRoles: input.overrideRoles ?? ['admin'],
    },
    input.actor,
  )
  return decision.ok ? ok({ open: current, decision: decision.value }) : decision
}

/** The first part of the input that is not what the card loader builds, if any (INVALID_INPUT). */
function inputProblem(input: unknown): SalesError | undefined {
  const bad = (field: string, value: unknown): SalesError => ({ code: 'INVALID_INPUT', field, value })
  if (!isRecord(input)) return bad('input', input)
  if (!Number.isSafeInteger(input.companyId)) return bad('companyId', input.companyId)
  if (!Array.isArray(input.invoices)) return bad('invoices', input.invoices)
  for (const [i, inv] of input.invoices.entries()) {
    if (!isRecord(inv) || (inv.dealId !== null && !Number.isSafeInteger(inv.dealId))) return bad(`invoices[${i}]`, inv)
  }
  const deal = input.deal
  if (!isRecord(deal) || !Number.isSafeInteger(deal.id)) return bad('deal', deal)
  if (input.limit !== null && !isRecord(input.limit)) return bad('limit', input.limit)
  if (typeof input.currency !== 'string') return bad('currency', input.currency)
  const roles: unknown = input.overrideRoles
  if (roles !== undefined && !Array.isArray(roles)) return bad('overrideRoles', roles)
  return undefined
}
