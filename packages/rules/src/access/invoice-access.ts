import type { Actor } from './roles'

/**
 * Who may issue an invoice from a deal: the people who bill (manager, accountant) and the administrator, and the
 * worker acting for the app ('system'). A technician or a viewer sees the deal's invoices but bills nothing.
 */
export function canIssueInvoice(actor: Actor): boolean {
  return actor === 'admin' || actor === 'manager' || actor === 'accountant' || actor === 'system'
}
