import { ok, type Result } from '@salesflow/rules'
import type { PortalClient } from '../client'
import type { Payment } from '../domain'
import type { PortalError } from '../errors'
import { mapPayment } from '../mappers/crm'
import { mapAnswerList } from './fetch'
import { SMART_INVOICE } from './invoices'

/** Maps a crm.item.payment.list result: an array, or `{payments: [...]}` on some builds. */
export function mapPayments(result: unknown, entity = 'payment'): Result<Payment[], PortalError> {
  const rows =
    typeof result === 'object' && result !== null && !Array.isArray(result) && 'payments' in result
      ? (result as { payments: unknown }).payments
      : result
  return mapAnswerList({ result: rows, total: 0 }, 'crm.item.payment.list', mapPayment, undefined, entity)
}

export function createPaymentRepository(client: PortalClient) {
  /** Payments of a deal (entityTypeId 2) or a smart invoice (31). */
  const of = async (entityTypeId: number, entityId: number): Promise<Result<Payment[], PortalError>> => {
    const res = await client.call('crm.item.payment.list', { entityTypeId, entityId }, { kind: 'read' })
    return res.ok ? mapPayments(res.value.result) : res
  }
  return {
    of,
    ofDeal: (dealId: number) => of(2, dealId),
    ofInvoice: (invoiceId: number) => of(SMART_INVOICE, invoiceId),
    /** Payments of many invoices, 50 per round trip. */
    async ofInvoices(invoiceIds: readonly number[]): Promise<Result<ReadonlyMap<number, Payment[]>, PortalError>> {
      const out = new Map<number, Payment[]>()
      for (let i = 0; i < invoiceIds.length; i += 50) {
        const chunk = invoiceIds.slice(i, i + 50)
        const res = await client.batch(
          Object.fromEntries(
            chunk.map((id) => [
              `i${id}`,
              { method: 'crm.item.payment.list', params: { entityTypeId: SMART_INVOICE, entityId: id } },
            ]),
          ),
        )
        if (!res.ok) return res
        for (const id of chunk) {
          const a = res.value[`i${id}`]!
          if (!a.ok) return a
          const m = mapPayments(a.value.result, `payment(${id})`)
          if (!m.ok) return m
          out.set(id, m.value)
        }
      }
      return ok(out)
    },
  }
}
