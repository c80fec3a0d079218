import { dealCredit } from '@salesflow/rules'
import type { OpenedInvoice } from './open-invoice'

/** The buyer's credit exposure (its open invoices against the limit and mode of its settings), as the deal tab shows it. */
export function invoiceCreditOf(opened: OpenedInvoice) {
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
    // Nothing new is sold here: the exposure as it stands.
    deal: { id: card.invoice.dealId ?? 0, amount: '0', currency: card.invoice.currency },
    limit: limit ? { amount: limit, mode: uf[settings.fields.creditMode] === 'block' ? 'block' : 'warn' } : null,
    currency: opened.baseCurrency ?? card.invoice.currency,
    currencies: card.currencies,
    actor: opened.role,
  })
}
