import { describe, expect, it } from 'vitest'
import { createPortal } from '../src/index'
import { call } from './rest'

const portal = createPortal({ faults: { rateLimit: false } })
const result = async <T>(method: string, params: Record<string, unknown> = {}, userId = 1): Promise<T> => {
  const r = await call(portal, method, params, { userId })
  if (r.status !== 200) throw new Error(`${method}: ${JSON.stringify(r.body)}`)
  return r.body['result'] as T
}
const company = () => [...portal.store.companies.values()].find((c) => c.inn !== '')!

describe('crm.requisite.get and crm.requisite.bankdetail.*', () => {
  it('adds, lists by requisite, reads, updates and deletes a bank account of a company requisite', async () => {
    const c = company()
    const requisite = await result<{ ID: string; RQ_INN: string }>('crm.requisite.get', { id: c.id })
    expect(requisite).toMatchObject({ ID: String(c.id), RQ_INN: c.inn })
    const id = await result<number>('crm.requisite.bankdetail.add', {
      fields: {
        ENTITY_ID: c.id,
        NAME: 'Основной',
        RQ_BANK_NAME: 'ПАО «Банк»',
        RQ_BIK: '044525225',
        RQ_ACC_NUM: '40702810000000000001',
      },
    })
    expect(id).toBeGreaterThan(0)
    const list = await result<{ ID: string; RQ_BIK: string }[]>('crm.requisite.bankdetail.list', {
      filter: { ENTITY_ID: c.id },
      select: ['ID', 'RQ_BIK'],
    })
    expect(list).toEqual([{ ID: String(id), RQ_BIK: '044525225' }])
    await result('crm.requisite.bankdetail.update', { id, fields: { RQ_ACC_NUM: '40702810000000000002' } })
    expect((await result<{ RQ_ACC_NUM: string }>('crm.requisite.bankdetail.get', { id })).RQ_ACC_NUM).toBe(
      '40702810000000000002',
    )
    await result('crm.requisite.bankdetail.delete', { id })
    expect((await call(portal, 'crm.requisite.bankdetail.get', { id })).status).toBe(400)
  })

  it('refuses an unknown requisite, a nameless account and a read-only user', async () => {
    const bad = await call(portal, 'crm.requisite.bankdetail.add', { fields: { ENTITY_ID: 999999, NAME: 'x' } })
    expect(bad.status).toBe(400)
    const nameless = await call(portal, 'crm.requisite.bankdetail.add', { fields: { ENTITY_ID: company().id } })
    expect(nameless.status).toBe(400)
    const viewer = await call(
      portal,
      'crm.requisite.bankdetail.add',
      { fields: { ENTITY_ID: company().id, NAME: 'x' } },
      { userId: 5 },
    )
    expect(viewer.body['error_description']).toBe('Access denied')
    expect((await call(portal, 'crm.requisite.get', { id: 999999 })).status).toBe(400)
  })
})

describe('a receipt as one batch (payment, products by $result, pay, comments on invoice and company)', () => {
  it('writes everything; with halt, a failing product stops the rest and the payment stays bare', async () => {
    const invoice = [...portal.store.invoices.values()].find((i) => i.stageId === 'DT31_2:N')!
    const row = [...portal.store.productRows.values()].find((r) => r.ownerType === 'SI' && r.ownerId === invoice.id)!
    const batch = (rowId: number) =>
      result<{ result: Record<string, unknown>; result_error: Record<string, unknown> }>('batch', {
        halt: 1,
        cmd: {
          payment: `crm.item.payment.add?entityTypeId=31&entityId=${invoice.id}`,
          product: `crm.item.payment.product.add?paymentId=$result[payment]&rowId=${rowId}&quantity=1`,
          pay: 'crm.item.payment.pay?id=$result[payment]',
          note: `crm.timeline.comment.add?fields[ENTITY_TYPE]=company&fields[ENTITY_ID]=${invoice.companyId}&fields[COMMENT]=credit%20$result[payment]`,
        },
      })
    const ok = await batch(row.id)
    const paymentId = ok.result['payment'] as number
    expect(portal.store.payments.get(paymentId)?.paid).toBe('Y')
    const note = [...portal.store.comments.values()].at(-1)!
    expect(note).toMatchObject({ entityType: 'company', entityId: invoice.companyId, comment: `credit ${paymentId}` })

    const failed = await batch(999999)
    expect(Object.keys(failed.result_error)).toEqual(['product'])
    expect(failed.result['pay']).toBeUndefined()
    const bare = failed.result['payment'] as number
    expect(portal.store.payments.get(bare)?.paid).toBe('N')
  })
})
