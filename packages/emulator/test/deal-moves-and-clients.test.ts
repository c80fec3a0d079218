import { listItemId } from '../src/crm/user-field-table'
import { describe, expect, it } from 'vitest'
import { createPortal } from '../src/index'
import { call } from './rest'

const portal = createPortal({ faults: { rateLimit: false } })
const result = async <T>(method: string, params: Record<string, unknown> = {}, userId = 1): Promise<T> => {
  const r = await call(portal, method, params, { userId })
  if (r.status !== 200) throw new Error(`${method}: ${JSON.stringify(r.body)}`)
  return r.body['result'] as T
}

describe('moving a deal between funnels', () => {
  it('crm.deal.update ignores CATEGORY_ID, so a stage of another funnel is an invalid Stage value', async () => {
    const before = await result<{ CATEGORY_ID: string; STAGE_ID: string }>('crm.deal.get', { id: 4 })
    const r = await call(
      portal,
      'crm.deal.update',
      { id: 4, fields: { CATEGORY_ID: 1, STAGE_ID: 'C1:NEW' } },
      { userId: 2 },
    )
    expect(r.status).toBe(400)
    expect(r.body).toMatchObject({ error: '' })
    expect(String(r.body['error_description'])).toContain('Invalid value for the "Stage" field')
    expect(await result('crm.deal.get', { id: 4 })).toMatchObject(before)
    expect(
      (await result<Record<string, { isImmutable: boolean }>>('crm.deal.fields'))['CATEGORY_ID']?.isImmutable,
    ).toBe(true)
  })

  it('crm.item.update (entityTypeId 2) moves a deal to another funnel with categoryId + stageId', async () => {
    const moved = await result<{ item: { categoryId: number; stageId: string; companyId: number } }>(
      'crm.item.update',
      { entityTypeId: 2, id: 4, fields: { categoryId: 1, stageId: 'C1:NEW' } },
      2,
    )
    expect(moved.item).toMatchObject({ categoryId: 1, stageId: 'C1:NEW', companyId: 4 })
    expect(await result('crm.deal.get', { id: 4 })).toMatchObject({ CATEGORY_ID: '1', STAGE_ID: 'C1:NEW' })
    const wrong = await call(
      portal,
      'crm.item.update',
      { entityTypeId: 2, id: 4, fields: { categoryId: 2, stageId: 'C1:PREPARATION' } },
      { userId: 2 },
    )
    expect(wrong.body).toMatchObject({ error: 'CRM_FIELD_ERROR_VALUE_NOT_VALID' })
  })

  it('checks required fields on a move inside a funnel only; a funnel change skips them', async () => {
    const id = await result<number>('crm.deal.add', { fields: { TITLE: 'Без направления' } }, 2)
    const fields = await result<{ fields: Record<string, { isRequired: boolean }> }>('crm.item.fields', {
      entityTypeId: 2,
    })
    expect(fields.fields['ufCrmSfDirection']?.isRequired).toBe(true)
    const inside = await call(
      portal,
      'crm.item.update',
      { entityTypeId: 2, id, fields: { stageId: 'PREPARATION' } },
      { userId: 2 },
    )
    expect(inside.status).toBe(400)
    expect(inside.body).toMatchObject({ error: 'CRM_FIELD_ERROR_REQUIRED' })
    expect(String(inside.body['error_description'])).toContain('Направление')
    const across = await call(
      portal,
      'crm.item.update',
      { entityTypeId: 2, id, fields: { categoryId: 1, stageId: 'C1:NEW' } },
      { userId: 2 },
    )
    expect(across.status).toBe(200)
    // With the value given in the same call, a move inside the funnel passes (UF names as the portal stores them).
    const filled = await call(
      portal,
      'crm.item.update',
      {
        entityTypeId: 2,
        id,
        useOriginalUfNames: 'Y',
        fields: {
          stageId: 'C1:PREPARATION',
          UF_CRM_SF_DIRECTION: listItemId(portal.store, 'CRM_DEAL', 'UF_CRM_SF_DIRECTION', 'sales'),
        },
      },
      { userId: 2 },
    )
    expect(filled.status).toBe(200)
    expect(await result('crm.deal.get', { id })).toMatchObject({
      STAGE_ID: 'C1:PREPARATION',
      UF_CRM_SF_DIRECTION: listItemId(portal.store, 'CRM_DEAL', 'UF_CRM_SF_DIRECTION', 'sales'),
    })
  })
})

describe('contacts', () => {
  it('the demo deals point at real contacts; crm.contact.get / list in the legacy shape', async () => {
    const deal = await result<{ CONTACT_ID: string; COMPANY_ID: string }>('crm.deal.get', { id: 18 })
    const contact = await result<Record<string, unknown>>('crm.contact.get', { id: deal.CONTACT_ID })
    expect(contact).toMatchObject({ ID: deal.CONTACT_ID, HAS_PHONE: 'Y', TYPE_ID: 'CLIENT' })
    expect(contact['PHONE']).toEqual([expect.objectContaining({ VALUE_TYPE: 'WORK', TYPE_ID: 'PHONE' })])
    expect((await call(portal, 'crm.contact.get', { id: 999 })).body).toEqual({
      error: '',
      error_description: 'Not found',
    })
    const found = await call(portal, 'crm.contact.list', {
      filter: { '%LAST_NAME': 'соколов' },
      select: ['ID', 'NAME', 'LAST_NAME'],
    })
    expect(found.body['result']).toEqual([{ ID: '2', NAME: 'Мария', LAST_NAME: 'Соколова' }])
    expect(found.body['total']).toBe(1)
  })

  it('crm.contact.add / update write the legacy fields and answer like the portal', async () => {
    const id = await result<number>(
      'crm.contact.add',
      {
        fields: {
          NAME: 'Гоша',
          LAST_NAME: 'Куценко',
          COMPANY_ID: 3,
          PHONE: [{ VALUE: '+7 900 000-00-01', VALUE_TYPE: 'WORK' }],
        },
      },
      2,
    )
    expect(typeof id).toBe('number')
    expect(
      await result('crm.contact.update', { id, fields: { POST: 'Снабженец', EMAIL: [{ VALUE: 'g@k.example' }] } }, 2),
    ).toBe(true)
    expect(await result('crm.contact.get', { id })).toMatchObject({
      ID: String(id),
      NAME: 'Гоша',
      POST: 'Снабженец',
      COMPANY_ID: '3',
      HAS_EMAIL: 'Y',
      PHONE: [expect.objectContaining({ VALUE: '+7 900 000-00-01' })],
    })
    expect((await call(portal, 'crm.contact.add', { fields: { POST: 'x' } }, { userId: 2 })).body).toMatchObject({
      error: '',
    })
    expect((await call(portal, 'crm.contact.add', { fields: 'x' }, { userId: 2 })).body).toEqual({
      error: '',
      error_description: "Parameter 'fields' must be array",
    })
    expect((await call(portal, 'crm.contact.update', { id: 999, fields: { NAME: 'x' } }, { userId: 2 })).body).toEqual({
      error: '',
      error_description: 'Not found',
    })
    // The intern (user 5) may not change CRM data.
    expect((await call(portal, 'crm.contact.add', { fields: { NAME: 'x' } }, { userId: 5 })).body).toMatchObject({
      error: '',
    })
  })
})

describe('companies', () => {
  it('crm.company.add / update, and %TITLE finds them by a part of the name', async () => {
    const id = await result<number>(
      'crm.company.add',
      { fields: { TITLE: 'ООО «Ромашка-Сервис»', COMPANY_TYPE: 'PARTNER', UF_CRM_SF_CR_LIMIT: '250000.00' } },
      2,
    )
    expect(await result('crm.company.update', { id, fields: { ADDRESS: 'г. Тверь' } }, 2)).toBe(true)
    expect(await result('crm.company.get', { id })).toMatchObject({
      ID: String(id),
      TITLE: 'ООО «Ромашка-Сервис»',
      COMPANY_TYPE: 'PARTNER',
      ADDRESS: 'г. Тверь',
      UF_CRM_SF_CR_LIMIT: '250000.00',
    })
    const found = await result<{ ID: string }[]>('crm.company.list', {
      filter: { '%TITLE': 'ромашка' },
      select: ['ID', 'TITLE'],
    })
    expect(found.map((c) => c.ID)).toEqual([String(id)])
    // A new company has no requisite until one is added.
    expect(await result('crm.requisite.list', { filter: { ENTITY_TYPE_ID: 4, ENTITY_ID: id } })).toEqual([])
    expect((await call(portal, 'crm.company.add', { fields: { TITLE: ' ' } }, { userId: 2 })).body).toMatchObject({
      error: '',
    })
    expect((await call(portal, 'crm.company.update', { id: 999, fields: { TITLE: 'x' } }, { userId: 2 })).body).toEqual(
      {
        error: '',
        error_description: 'Not found',
      },
    )
  })
})

describe('users', () => {
  it('user.admin answers true or false; user.current has no admin flag, as on the portal', async () => {
    expect(await result('user.admin', {}, 1)).toBe(true)
    expect(await result('user.admin', {}, 2)).toBe(false)
    const me = await result<Record<string, unknown>>('user.current', {}, 1)
    expect(me).toMatchObject({ ID: '1', ACTIVE: true, UF_DEPARTMENT: [1] })
    expect(me).not.toHaveProperty('ADMIN')
    expect(me).not.toHaveProperty('IS_ADMIN')
  })
})
