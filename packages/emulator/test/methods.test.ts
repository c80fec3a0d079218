import { computeProductRows } from '@salesflow/rules'
import { describe, expect, it } from 'vitest'
import { createPortal } from '../src/index'
import { call } from './rest'

const portal = createPortal({ faults: { rateLimit: false } })
const result = async <T>(method: string, params: Record<string, unknown> = {}, userId = 1): Promise<T> => {
  const r = await call(portal, method, params, { userId })
  if (r.status !== 200) throw new Error(`${method}: ${JSON.stringify(r.body)}`)
  return r.body['result'] as T
}

describe('crm.item.payment.*', () => {
  it('a payment is a set of product rows: its sum is their basket total; pay/unpay flip PAID', async () => {
    const invoice = [...portal.store.invoices.values()].find((i) => i.stageId === 'DT31_2:N')
    if (!invoice) throw new Error('seed: a new invoice')
    const rows = [...portal.store.productRows.values()].filter((r) => r.ownerType === 'SI' && r.ownerId === invoice.id)
    const id = await result<number>('crm.item.payment.add', { entityTypeId: 31, entityId: invoice.id })
    expect((await result<{ sum: number; paid: string }>('crm.item.payment.get', { id })).sum).toBe(0)
    for (const r of rows)
      await result('crm.item.payment.product.add', { paymentId: id, rowId: r.id, quantity: r.quantity })
    const payment = await result<{ sum: number; paid: string; currency: string }>('crm.item.payment.get', { id })
    expect(payment.sum).toBe(Number(computeProductRows(rows).opportunity))
    expect(payment.sum).toBe(Number(invoice.opportunity))
    await result('crm.item.payment.pay', { id })
    const paid = await result<{ id: number; paid: string; datePaid: string | null }[]>('crm.item.payment.list', {
      entityTypeId: 31,
      entityId: invoice.id,
    })
    expect(paid.map((p) => [p.id, p.paid])).toEqual([[id, 'Y']])
    expect(paid[0]?.datePaid).toMatch(/\+03:00$/)
    await result('crm.item.payment.unpay', { id })
    expect((await result<{ paid: string }>('crm.item.payment.get', { id })).paid).toBe('N')
    const available = await result<{ productRows: unknown[] }>('crm.item.productrow.getAvailableForPayment', {
      ownerType: 'SI',
      ownerId: invoice.id,
    })
    expect(available.productRows).toEqual([]) // every row is in the payment now
  })

  it('getAvailableForPayment subtracts fractional billed quantities exactly (0.1, then 0.6 and 0.1 of 0.8)', async () => {
    const invoice = [...portal.store.invoices.values()].find((i) => i.stageId === 'DT31_2:N')
    if (!invoice) throw new Error('seed: a new invoice')
    const set = await result<{ productRows: { id: number }[] }>('crm.item.productrow.set', {
      ownerType: 'SI',
      ownerId: invoice.id,
      productRows: [{ productName: 'Кабель', price: '100.00', quantity: '0.8' }],
    })
    const rowId = set.productRows[0]?.id
    const id = await result<number>('crm.item.payment.add', { entityTypeId: 31, entityId: invoice.id })
    await result('crm.item.payment.product.add', { paymentId: id, rowId, quantity: '0.1' })
    const part = await result<{ productRows: { quantity: number }[] }>('crm.item.productrow.getAvailableForPayment', {
      ownerType: 'SI',
      ownerId: invoice.id,
    })
    expect(part.productRows.map((r) => r.quantity)).toEqual([0.7])
    await result('crm.item.payment.product.add', { paymentId: id, rowId, quantity: '0.6' })
    await result('crm.item.payment.product.add', { paymentId: id, rowId, quantity: '0.1' })
    const rest = await result<{ productRows: unknown[] }>('crm.item.productrow.getAvailableForPayment', {
      ownerType: 'SI',
      ownerId: invoice.id,
    })
    expect(rest.productRows).toEqual([])
  })

  it('refuses types other than deals and invoices', async () => {
    expect((await call(portal, 'crm.item.payment.add', { entityTypeId: 1, entityId: 1 })).body['error']).toBe(
      'ENTITY_TYPE_NOT_SUPPORTED',
    )
  })
})

describe('catalog', () => {
  it('lists products of the catalog iblock with prices and stock in two stores', async () => {
    const [catalog] = (await result<{ catalogs: { iblockId: number }[] }>('catalog.catalog.list')).catalogs
    const sections = (
      await result<{ sections: { id: number; name: string }[] }>('catalog.section.list', {
        filter: { iblockId: catalog?.iblockId },
      })
    ).sections
    expect(sections.map((s) => s.name).slice(0, 2)).toEqual(['Платформы', 'Компоненты'])
    const products = (
      await result<{ products: { id: number; name: string; weight: number }[] }>('catalog.product.list', {
        select: ['id', 'iblockId', 'name', 'weight'],
        filter: { iblockId: catalog?.iblockId, iblockSectionId: 1 },
      })
    ).products
    expect(products.map((p) => p.name)).toContain('Платформа ПТ-500 усиленная')
    expect(products.every((p) => p.weight > 0)).toBe(true)
    const prices = (
      await result<{ prices: { currency: string }[] }>('catalog.price.list', {
        filter: { '@productId': products.map((p) => p.id) },
      })
    ).prices
    expect(prices).toHaveLength(products.length)
    const stock = (
      await result<{ storeProducts: { storeId: number }[] }>('catalog.storeproduct.list', {
        filter: { productId: products[0]?.id },
      })
    ).storeProducts
    expect(stock.map((s) => s.storeId)).toEqual([1, 2])
    const currencies = new Set([...portal.store.prices.values()].map((p) => p.currency))
    expect(currencies).toEqual(new Set(['RUB', 'USD', 'EUR', 'CNY']))
  })

  it('needs id and iblockId in select', async () => {
    const r = await call(portal, 'catalog.product.list', { select: ['name'], filter: { iblockId: 14 } })
    expect(r.status).toBe(400)
    expect(typeof r.body['error']).toBe('number')
  })
})

describe('tasks, timeline, users', () => {
  it('tasks.task.add / update / get with camelCase string values', async () => {
    const { task } = await result<{ task: { id: string; status: string; ufCrmTask: string[]; responsibleId: string } }>(
      'tasks.task.add',
      {
        fields: {
          TITLE: 'Проверить конфигурацию по сделке №12',
          RESPONSIBLE_ID: 4,
          UF_CRM_TASK: ['D_12'],
          TASK_CONTROL: 'Y',
        },
      },
      2,
    )
    expect(task).toMatchObject({ status: '2', responsibleId: '4', ufCrmTask: ['D_12'] })
    await result('tasks.task.update', { taskId: task.id, fields: { STATUS: 5 } }, 4)
    expect((await result<{ task: { status: string } }>('tasks.task.get', { taskId: task.id })).task.status).toBe('5')
    expect((await call(portal, 'tasks.task.add', { fields: { RESPONSIBLE_ID: 4 } })).body['error']).toBe('ERROR_CORE')
  })

  it('crm.timeline.comment.add keeps the comment and its files', async () => {
    const id = await result<number>('crm.timeline.comment.add', {
      fields: {
        ENTITY_ID: 12,
        ENTITY_TYPE: 'deal',
        COMMENT: 'КП во вложении',
        FILES: [['kp.pdf', Buffer.from('%PDF-1.7').toString('base64')]],
      },
    })
    expect(portal.store.comments.get(id)).toMatchObject({
      entityType: 'deal',
      entityId: 12,
      files: [{ name: 'kp.pdf', size: 8 }],
    })
    expect(
      (
        await call(portal, 'crm.timeline.comment.add', {
          fields: { ENTITY_ID: 999, ENTITY_TYPE: 'deal', COMMENT: 'x' },
        })
      ).body['error'],
    ).toBe('OWNER_NOT_FOUND')
  })

  it('crm.timeline.comment.list filters by ENTITY_ID and ENTITY_TYPE only, as the core does', async () => {
    const filter = { ENTITY_ID: 12, ENTITY_TYPE: 'deal' }
    const all = await result<{ ID: string }[]>('crm.timeline.comment.list', { filter })
    const id = await result<number>('crm.timeline.comment.add', { fields: { ...filter, COMMENT: 'новый' } })
    // `>CREATED` and COMMENT are ignored by the portal: every comment of the deal comes back.
    const ignored = await result<{ ID: string }[]>('crm.timeline.comment.list', {
      filter: { ...filter, '>CREATED': '2999-01-01T00:00:00+03:00', COMMENT: 'нет такого' },
    })
    expect(ignored.map((c) => c.ID)).toEqual([...all.map((c) => c.ID), String(id)].slice(0, 50))
    const other = await result<{ ID: string }[]>('crm.timeline.comment.list', { filter: { ...filter, ENTITY_ID: 13 } })
    expect(other.map((c) => c.ID)).not.toContain(String(id))
  })

  it('user.get filters by department; department.get and profile', async () => {
    const sales = await result<{ ID: string }[]>('user.get', { FILTER: { UF_DEPARTMENT: 2 } })
    expect(sales.map((u) => u.ID)).toEqual(['2', '5'])
    expect((await result<{ NAME: string }[]>('department.get', { ID: 3 })).map((d) => d.NAME)).toEqual([
      'Финансовый отдел',
    ])
    expect(await result('profile', {}, 3)).toMatchObject({ ID: '3', ADMIN: false, NAME: 'Ольга' })
  })
})

describe('app context', () => {
  it('placement.bind / get / unbind for an admin app; handler URLs need a dotted host', async () => {
    const admin = portal.issueAuth(1).accessToken
    const bind = (handler: string) =>
      call(
        portal,
        'placement.bind',
        { PLACEMENT: 'CRM_DEAL_DETAIL_TAB', HANDLER: handler, TITLE: 'Заказ' },
        { token: admin },
      )
    expect((await bind('https://app.localtest.me/widgets/deal/')).body['result']).toBe(true)
    expect((await bind('http://localhost/widgets/deal/')).body['error']).toBe('ERROR_WRONG_HANDLER_URL')
    const got = (await call(portal, 'placement.get', {}, { token: admin })).body['result'] as {
      placement: string
      options: unknown
    }[]
    expect(got).toMatchObject([{ placement: 'CRM_DEAL_DETAIL_TAB', options: [] }])
    expect(
      (await call(portal, 'placement.unbind', { PLACEMENT: 'CRM_DEAL_DETAIL_TAB' }, { token: admin })).body['result'],
    ).toEqual({ count: 2 })
    expect(
      (
        await call(
          portal,
          'placement.bind',
          { PLACEMENT: 'CRM_DEAL_DETAIL_TAB', HANDLER: 'https://a.b/' },
          { token: portal.issueAuth(2).accessToken },
        )
      ).body['error'],
    ).toBe('ACCESS_DENIED')
  })

  it('app.option.set is admin-only; user.option is per user', async () => {
    const admin = portal.issueAuth(1).accessToken
    const manager = portal.issueAuth(2).accessToken
    await call(portal, 'app.option.set', { options: { mode: 'strict' } }, { token: admin })
    expect((await call(portal, 'app.option.get', { option: 'mode' }, { token: manager })).body['result']).toBe('strict')
    expect((await call(portal, 'app.option.set', { options: { mode: 'x' } }, { token: manager })).status).toBe(403)
    await call(portal, 'user.option.set', { options: { tab: 'rows' } }, { token: manager })
    expect((await call(portal, 'user.option.get', { option: 'tab' }, { token: manager })).body['result']).toBe('rows')
    expect((await call(portal, 'user.option.get', { option: 'tab' }, { token: admin })).body['result']).toBeNull()
  })
})

describe('crm items lifecycle', () => {
  it('crm.item.add defaults the category and first stage; moving a deal to another funnel resets the stage', async () => {
    const { item } = await result<{
      item: { id: number; stageId: string; categoryId: number; stageSemanticId: string }
    }>(
      'crm.item.add',
      {
        entityTypeId: 31,
        fields: { title: 'Счёт на предоплату', parentId2: 12 },
      },
      3,
    )
    expect(item).toMatchObject({ categoryId: 2, stageId: 'DT31_2:N', stageSemanticId: 'P' })
    const moved = await result<{ item: { stageId: string } }>(
      'crm.item.update',
      { entityTypeId: 31, id: item.id, fields: { stageId: 'DT31_2:P' } },
      3,
    )
    expect(moved.item.stageId).toBe('DT31_2:P')
    const deal = await result<number>('crm.deal.add', { fields: { TITLE: 'Новая сделка', CATEGORY_ID: 1 } }, 2)
    expect((await result<{ STAGE_ID: string }>('crm.deal.get', { id: deal })).STAGE_ID).toBe('C1:NEW')
    await result('crm.item.update', { entityTypeId: 2, id: deal, fields: { categoryId: 2 } }, 2)
    expect(await result<{ STAGE_ID: string; CATEGORY_ID: string }>('crm.deal.get', { id: deal })).toMatchObject({
      STAGE_ID: 'C2:NEW',
      CATEGORY_ID: '2',
    })
    // crm.deal.update cannot move funnels: CATEGORY_ID is immutable there.
    await result('crm.deal.update', { id: deal, fields: { CATEGORY_ID: 0 } }, 2)
    expect((await result<{ CATEGORY_ID: string }>('crm.deal.get', { id: deal })).CATEGORY_ID).toBe('2')
    expect(
      (await call(portal, 'crm.deal.update', { id: deal, fields: { STAGE_ID: 'C1:WON' } }, { userId: 2 })).body,
    ).toMatchObject({ error: '' })
  })
})

describe('companies and requisites', () => {
  it('crm.company.get / list and crm.requisite.list in the legacy shape; the deals point at real companies', async () => {
    const deal = portal.store.deals.get(12)
    const company = await result<{ ID: string; TITLE: string }>('crm.company.get', { id: deal?.companyId })
    expect(deal?.title).toContain(company.TITLE)
    const requisites = await result<{ ENTITY_ID: string; RQ_INN: string; RQ_KPP: string }[]>('crm.requisite.list', {
      filter: { ENTITY_TYPE_ID: 4, ENTITY_ID: company.ID },
      select: ['ID', 'RQ_INN', 'RQ_KPP'],
    })
    expect(requisites).toHaveLength(1)
    expect(requisites[0]?.RQ_INN).toMatch(/^\d{10}$/)
    expect(requisites[0]?.RQ_KPP).toMatch(/^\d{9}$/)
    expect((await call(portal, 'crm.company.get', { id: 999 })).body).toEqual({
      error: '',
      error_description: 'Not found',
    })
    const all = await call(portal, 'crm.company.list', { select: ['ID', 'TITLE'] })
    expect(all.body['total']).toBe(portal.store.companies.size)
  })
})
