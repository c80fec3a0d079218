import { describe, expect, it } from 'vitest'
import { createPortal } from '../src/index'
import { call } from './rest'

const portal = createPortal({ faults: { rateLimit: false } })
const result = async <T>(method: string, params: Record<string, unknown> = {}, userId = 1): Promise<T> => {
  const r = await call(portal, method, params, { userId })
  if (r.status !== 200) throw new Error(`${method}: ${JSON.stringify(r.body)}`)
  return r.body['result'] as T
}
const iblockId = portal.store.catalogIblockId

describe('catalog.product.add / list / get / update / delete, catalog.price.add / list', () => {
  it('creates a product in a section with properties, finds it by xmlId and section, prices it, deletes it', async () => {
    const { element } = await result<{ element: { id: number; xmlId: string; iblockSectionId: number } }>(
      'catalog.product.add',
      {
        fields: {
          iblockId,
          iblockSectionId: 9,
          name: 'Платформа ПТ-200 + Рама',
          code: 'PT200-RM1200',
          xmlId: 'cfg-abc',
          vatId: 3,
          vatIncluded: 'Y',
          property201: { value: '{"platformId":"pt-200"}' },
          property202: 'pending',
        },
      },
      2,
    )
    expect(element).toMatchObject({ xmlId: 'cfg-abc', iblockSectionId: 9 })
    const found = await result<{ products: Record<string, unknown>[] }>('catalog.product.list', {
      select: ['id', 'iblockId', 'name', 'xmlId', 'property201', 'property202', 'property203'],
      filter: { iblockId, xmlId: 'cfg-abc', iblockSectionId: 9 },
    })
    expect(found.products).toHaveLength(1)
    expect(found.products[0]).toMatchObject({
      id: element.id,
      property201: { value: '{"platformId":"pt-200"}' },
      property202: { value: 'pending' },
      property203: null,
    })
    // Properties come only when named in select.
    const all = await result<{ products: Record<string, unknown>[] }>('catalog.product.list', {
      select: ['*'],
      filter: { iblockId, xmlId: 'cfg-abc' },
    })
    expect(all.products[0]).not.toHaveProperty('property201')

    const { price } = await result<{ price: { id: number; price: number; currency: string } }>(
      'catalog.price.add',
      { fields: { productId: element.id, catalogGroupId: 1, price: '612345.67', currency: 'RUB' } },
      2,
    )
    expect(price).toMatchObject({ price: 612345.67, currency: 'RUB' })
    const dup = await call(portal, 'catalog.price.add', {
      fields: { productId: element.id, catalogGroupId: 1, price: 1, currency: 'RUB' },
    })
    expect(dup.status).toBe(400)
    const unknownCurrency = await call(portal, 'catalog.price.add', {
      fields: { productId: element.id, catalogGroupId: 2, price: 1, currency: 'XXX' },
    })
    expect(unknownCurrency.status).toBe(400)
    const prices = await result<{ prices: { productId: number }[] }>('catalog.price.list', {
      filter: { productId: element.id },
    })
    expect(prices.prices).toHaveLength(1)

    await result('catalog.product.update', { id: element.id, fields: { property202: { value: 'approved' } } }, 4)
    const { product } = await result<{ product: Record<string, unknown> }>('catalog.product.get', { id: element.id })
    expect(product).toMatchObject({
      property202: { value: 'approved' },
      property201: { value: '{"platformId":"pt-200"}' },
    })

    expect(await result('catalog.product.delete', { id: element.id }, 2)).toBe(true)
    expect((await call(portal, 'catalog.product.get', { id: element.id })).status).toBe(400)
    const gone = await result<{ prices: unknown[] }>('catalog.price.list', { filter: { productId: element.id } })
    expect(gone.prices).toEqual([])
  })

  it('refuses a product without a name, in an unknown section, or by a user without CRM write access', async () => {
    const noName = await call(portal, 'catalog.product.add', { fields: { iblockId, iblockSectionId: 9 } })
    expect(noName.status).toBe(400)
    expect(typeof noName.body['error']).toBe('number')
    const badSection = await call(portal, 'catalog.product.add', {
      fields: { iblockId, name: 'x', iblockSectionId: 99 },
    })
    expect(badSection.status).toBe(400)
    const viewer = await call(portal, 'catalog.product.add', { fields: { iblockId, name: 'x' } }, { userId: 5 })
    expect(viewer.body['error']).toBe(200040300010)
  })

  it('catalog.section.list has the configured-products section', async () => {
    const { sections } = await result<{ sections: { id: number; name: string }[] }>('catalog.section.list', {
      filter: { iblockId },
    })
    expect(sections.find((s) => s.id === 9)?.name).toBe('Сконфигурированные изделия')
  })
})

describe('tasks.task.complete / list / delete, task.checklistitem.add / getlist, ONTASKUPDATE', () => {
  it('a task bound to a deal gets a checklist, is listed by UF_CRM_TASK, completed by its responsible person', async () => {
    const admin = portal.issueAuth(1).accessToken
    const bind = { event: 'ONTASKUPDATE', handler: 'https://worker.test/events' }
    expect((await call(portal, 'event.bind', bind, { token: admin })).body['result']).toBe(true)
    const { task } = await result<{ task: { id: string; status: string } }>(
      'tasks.task.add',
      { fields: { TITLE: 'Согласовать конфигурацию', RESPONSIBLE_ID: 4, UF_CRM_TASK: ['D_7'] } },
      2,
    )
    expect(task.status).toBe('2')
    const a = await result<number>(
      'task.checklistitem.add',
      { TASKID: task.id, FIELDS: { TITLE: 'Рама', SORT_INDEX: 20 } },
      2,
    )
    const b = await result<number>(
      'task.checklistitem.add',
      { taskId: task.id, fields: { TITLE: 'Привод', SORT_INDEX: 10 } },
      2,
    )
    expect(a).toBeGreaterThan(0)
    const items = await result<{ ID: string; TITLE: string; IS_COMPLETE: string }[]>('task.checklistitem.getlist', {
      TASKID: task.id,
    })
    expect(items.map((i) => [i.ID, i.TITLE, i.IS_COMPLETE])).toEqual([
      [String(b), 'Привод', 'N'],
      [String(a), 'Рама', 'N'],
    ])
    const empty = await call(portal, 'task.checklistitem.add', { TASKID: task.id, FIELDS: { TITLE: '  ' } })
    expect(empty.body['error']).toBe('ERROR_CORE')

    const listed = await result<{ tasks: { id: string }[] }>('tasks.task.list', { filter: { UF_CRM_TASK: 'D_7' } })
    expect(listed.tasks.map((t) => t.id)).toContain(task.id)
    const other = await result<{ tasks: { id: string }[] }>('tasks.task.list', { filter: { UF_CRM_TASK: 'D_8' } })
    expect(other.tasks.map((t) => t.id)).not.toContain(task.id)

    // A manager who is neither responsible nor creator may not complete it.
    expect((await call(portal, 'tasks.task.complete', { taskId: task.id }, { userId: 3 })).body['error']).toBe(
      'ERROR_CORE',
    )
    const before = portal.store.sentEvents.length
    const done = await result<{ task: { status: string } }>('tasks.task.complete', { taskId: task.id }, 4)
    expect(done.task.status).toBe('5')
    expect(portal.store.sentEvents.slice(before).map((e) => e.event)).toEqual(['ONTASKUPDATE'])

    await result('tasks.task.delete', { taskId: task.id }, 1)
    const gone = await call(portal, 'tasks.task.get', { taskId: task.id })
    expect(gone.body).toMatchObject({ error: 'ERROR_CORE' })
  })
})

describe('catalog.productProperty.add / get / list / delete', () => {
  it('adds a string property to the product catalog, lists it by iblock and code, refuses what the portal refuses', async () => {
    const { productProperty } = await result<{ productProperty: { id: number; code: string; propertyType: string } }>(
      'catalog.productProperty.add',
      { fields: { iblockId, name: 'Цвет', code: 'SF_COLOR', propertyType: 'S', multiple: 'N' } },
    )
    expect(productProperty).toMatchObject({ code: 'SF_COLOR', propertyType: 'S', multiple: 'N', active: 'Y' })
    expect(productProperty.id).toBeGreaterThan(204) // after the demo install's 201–204
    const listed = await result<{ productProperties: { id: number; code: string }[] }>('catalog.productProperty.list', {
      select: ['id', 'code'],
      filter: { iblockId, code: 'SF_COLOR' },
    })
    expect(listed.productProperties).toEqual([{ id: productProperty.id, code: 'SF_COLOR' }])
    const other = await result<{ productProperties: unknown[] }>('catalog.productProperty.list', {
      filter: { iblockId: iblockId + 1 },
    })
    expect(other.productProperties).toEqual([])
    const got = await result<{ productProperty: unknown }>('catalog.productProperty.get', { id: productProperty.id })
    expect(got.productProperty).toMatchObject({ id: productProperty.id, name: 'Цвет' })

    const refused = async (fields: Record<string, unknown>, userId = 1) => {
      const r = await call(portal, 'catalog.productProperty.add', { fields }, { userId })
      return [r.status, r.body['error_description']]
    }
    expect(await refused({ iblockId, name: 'X' })).toEqual([400, 'Required fields: iblockId, name, propertyType'])
    expect(await refused({ iblockId: iblockId + 1, name: 'X', propertyType: 'S' })).toEqual([
      400,
      'The specified iblock is not a product catalog',
    ])
    expect(await refused({ iblockId, name: 'X', propertyType: 'Q' })).toEqual([400, 'Invalid property type specified'])
    expect(await refused({ iblockId, name: 'X', propertyType: 'S', code: '1X' })).toEqual([
      400,
      'Property code cannot start with a digit',
    ])
    expect(await refused({ iblockId, name: 'X', propertyType: 'S' }, 2)).toEqual([400, 'Access Denied'])

    expect(await result('catalog.productProperty.delete', { id: productProperty.id })).toBe(true)
    const gone = await call(portal, 'catalog.productProperty.get', { id: productProperty.id })
    expect(gone.status).toBe(400)
  })
})
