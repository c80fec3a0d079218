import {
  checkCreditLimit,
  openCreditByCompany,
  type CreditDecision,
  type CreditDocument,
  type OpenCredit,
} from '../credit/open-credit'
import type { PortalCurrency } from '../fx/convert-money'
import { convertMoney } from '../fx/convert-money'
import { D } from '../decimal'
import { ok, type Result } from '../result'
import type { SalesError } from '../sales-errors'
import type { Actor } from '../access/roles'

export interface ExposureInvoice {
  readonly dealId: number | null
  readonly amount: string
  readonly currency: string
  /** The invoice stage's meaning: paid (`success`) and refused (`failure`) invoices are no longer open. */
  readonly semantics: 'process' | 'success' | 'failure' | null
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
    const after = new D(current.open).plus(amount.value).toFixed(2)
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
