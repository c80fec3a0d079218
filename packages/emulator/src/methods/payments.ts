import type { CallContext, MethodTable } from '../core/context'
import { out } from '../core/context'
import { isoDateTime } from '../core/dates'
import { param, recordParam, toId, toInt } from '../core/params'
import { RestError } from '../http/rest-error'
import { listRows } from '../query/list'
import type { Payment, PortalStore } from '../store/store'
import { itemsOf, nextId, OWNER_TYPE_BY_ENTITY } from '../store/store'
import { requireWrite } from '../crm/item-ops'
import { itemTotals } from '../crm/portal-math'

function paymentRow(p: Payment): Record<string, unknown> {
  return {
    id: p.id,
    accountNumber: p.accountNumber,
    paid: p.paid,
    datePaid: p.datePaid,
    empPaidId: p.empPaidId,
    paySystemId: p.paySystemId,
    sum: Number(p.sum),
    currency: p.currency,
    paySystemName: p.paySystemName,
  }
}

/**
 * A payment's SUM: the sale basket of its products, i.e. the stored rows at the paid quantities, totalled the way
 * the portal totals an item (crm/portal-math). A quantity that is not a number adds nothing.
 */
export function recomputePaymentSum(store: PortalStore, payment: Payment): void {
  const rows = [...store.paymentProducts.values()]
    .filter((pp) => pp.paymentId === payment.id)
    .flatMap((pp) => {
      const row = store.productRows.get(pp.rowId)
      return row && /^\s*\d+(\.\d+)?\s*$/.test(pp.quantity) ? [{ ...row, quantity: pp.quantity.trim() }] : []
    })
  payment.sum = itemTotals(rows).opportunity
}

function getPayment(ctx: CallContext, key = 'id'): Payment {
  const id = toId(param(ctx.params, key))
  const p = id === undefined ? undefined : ctx.store.payments.get(id)
  if (!p) throw new RestError(400, 'NOT_FOUND', 'Payment not found')
  return p
}

function setPaid(ctx: CallContext, p: Payment, paid: boolean): void {
  requireWrite(ctx, 'item')
  p.paid = paid ? 'Y' : 'N'
  p.datePaid = paid ? isoDateTime(ctx.now) : null
  p.empPaidId = paid ? ctx.user.id : null
}

export const paymentMethods: MethodTable = {
  'crm.item.payment.add': (ctx) => {
    const entityTypeId = toInt(param(ctx.params, 'entityTypeId'))
    const entityId = toId(param(ctx.params, 'entityId'))
    if (entityTypeId !== 2 && entityTypeId !== 31)
      throw new RestError(400, 'ENTITY_TYPE_NOT_SUPPORTED', 'Entity type is not supported')
    const owner = entityId === undefined ? undefined : itemsOf(ctx.store, entityTypeId)?.get(entityId)
    if (!owner) throw new RestError(400, 'OWNER_NOT_FOUND', 'Owner was not found')
    requireWrite(ctx, 'item')
    const fields = recordParam(ctx.params, 'fields')
    const id = nextId(ctx.store, 'payment')
    const paySystemId = toInt(fields['paySystemId']) ?? 1
    ctx.store.payments.set(id, {
      id,
      entityTypeId,
      entityId: owner.id,
      accountNumber: `${owner.id}/${[...ctx.store.payments.values()].filter((p) => p.entityTypeId === entityTypeId && p.entityId === owner.id).length + 1}`,
      paid: 'N',
      datePaid: null,
      empPaidId: null,
      paySystemId,
      paySystemName: paySystemId === 1 ? 'Безналичный расчёт' : 'Наличные',
      sum: '0.00',
      currency: owner.currencyId,
    })
    return out(id)
  },
  'crm.item.payment.get': (ctx) => out(paymentRow(getPayment(ctx))),
  'crm.item.payment.list': (ctx) => {
    const entityTypeId = toInt(param(ctx.params, 'entityTypeId'))
    const entityId = toId(param(ctx.params, 'entityId'))
    const rows = [...ctx.store.payments.values()]
      .filter((p) => p.entityTypeId === entityTypeId && p.entityId === entityId)
      .map(paymentRow)
    const page = listRows(
      rows,
      { filter: param(ctx.params, 'filter'), order: param(ctx.params, 'order'), start: -1 },
      'id',
    )
    return out(page.rows)
  },
  'crm.item.payment.update': (ctx) => {
    const p = getPayment(ctx)
    const fields = recordParam(ctx.params, 'fields')
    if ('paid' in fields) setPaid(ctx, p, fields['paid'] === 'Y')
    if ('paySystemId' in fields) p.paySystemId = toInt(fields['paySystemId']) ?? p.paySystemId
    return out(true)
  },
  'crm.item.payment.pay': (ctx) => {
    setPaid(ctx, getPayment(ctx), true)
    return out(true)
  },
  'crm.item.payment.unpay': (ctx) => {
    setPaid(ctx, getPayment(ctx), false)
    return out(true)
  },
  'crm.item.payment.delete': (ctx) => {
    const p = getPayment(ctx)
    requireWrite(ctx, 'item')
    ctx.store.payments.delete(p.id)
    for (const [id, pp] of ctx.store.paymentProducts) if (pp.paymentId === p.id) ctx.store.paymentProducts.delete(id)
    return out(true)
  },
  'crm.item.payment.product.add': (ctx) => {
    const p = getPayment(ctx, 'paymentId')
    requireWrite(ctx, 'item')
    const rowId = toId(param(ctx.params, 'rowId'))
    const row = rowId === undefined ? undefined : ctx.store.productRows.get(rowId)
    if (!row || row.ownerType !== OWNER_TYPE_BY_ENTITY[p.entityTypeId] || row.ownerId !== p.entityId)
      throw new RestError(400, 'NOT_FOUND', 'Product row not found')
    const quantity = String(param(ctx.params, 'quantity') ?? row.quantity)
    const id = nextId(ctx.store, 'paymentProduct')
    ctx.store.paymentProducts.set(id, { id, paymentId: p.id, rowId: row.id, quantity })
    recomputePaymentSum(ctx.store, p)
    return out(id)
  },
  'crm.item.payment.product.list': (ctx) => {
    const p = getPayment(ctx, 'paymentId')
    return out(
      [...ctx.store.paymentProducts.values()]
        .filter((pp) => pp.paymentId === p.id)
        .map((pp) => ({ id: pp.id, rowId: pp.rowId, quantity: Number(pp.quantity) })),
    )
  },
  'crm.item.payment.product.delete': (ctx) => {
    const id = toId(param(ctx.params, 'id'))
    const pp = id === undefined ? undefined : ctx.store.paymentProducts.get(id)
    if (!pp) throw new RestError(400, 'NOT_FOUND', 'Payment product not found')
    requireWrite(ctx, 'item')
    ctx.store.paymentProducts.delete(pp.id)
    const p = ctx.store.payments.get(pp.paymentId)
    if (p) recomputePaymentSum(ctx.store, p)
    return out(true)
  },
  'crm.item.payment.product.setquantity': (ctx) => {
    const id = toId(param(ctx.params, 'id'))
    const pp = id === undefined ? undefined : ctx.store.paymentProducts.get(id)
    if (!pp) throw new RestError(400, 'NOT_FOUND', 'Payment product not found')
    requireWrite(ctx, 'item')
    pp.quantity = String(param(ctx.params, 'quantity') ?? pp.quantity)
    const p = ctx.store.payments.get(pp.paymentId)
    if (p) recomputePaymentSum(ctx.store, p)
    return out(true)
  },
}
