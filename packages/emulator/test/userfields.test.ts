import { beforeEach, describe, expect, it } from 'vitest'
import { createPortal } from '../src/index'
import { call } from './rest'

// A portal where the app is not installed: no smart-invoice user fields yet.
const portal = createPortal({ seed: 'empty', faults: { rateLimit: false } })
beforeEach(() => portal.reset())
const ok = async <T>(method: string, params: Record<string, unknown> = {}, userId = 1): Promise<T> => {
  const r = await call(portal, method, params, { userId })
  if (r.status !== 200) throw new Error(`${method}: ${JSON.stringify(r.body)}`)
  return r.body['result'] as T
}
const RATE = {
  entityId: 'CRM_SMART_INVOICE',
  fieldName: 'UF_CRM_SMART_INVOICE_SF_RATE',
  userTypeId: 'string',
  editFormLabel: { ru: 'Курс', en: 'Rate' },
}

describe('userfieldconfig.* (smart-invoice user fields)', () => {
  it('add answers {field} with string ids and flags; list finds it by fieldName; get by id', async () => {
    const added = await ok<{ field: Record<string, unknown> }>('userfieldconfig.add', { moduleId: 'crm', field: RATE })
    expect(added.field).toMatchObject({
      entityId: 'CRM_SMART_INVOICE',
      fieldName: 'UF_CRM_SMART_INVOICE_SF_RATE',
      userTypeId: 'string',
      multiple: 'N',
      mandatory: 'N',
      sort: '100',
      editFormLabel: { ru: 'Курс', en: 'Rate' },
    })
    expect(added.field['id']).toMatch(/^\d+$/)
    const r = await call(portal, 'userfieldconfig.list', {
      moduleId: 'crm',
      filter: { fieldName: 'UF_CRM_SMART_INVOICE_SF_RATE' },
    })
    expect(r.body).toMatchObject({ total: 1, result: { fields: [{ id: added.field['id'] }] } })
    expect(await ok('userfieldconfig.get', { moduleId: 'crm', id: added.field['id'] })).toMatchObject({
      field: { fieldName: 'UF_CRM_SMART_INVOICE_SF_RATE' },
    })
  })

  it('refuses a duplicate, a name without the UF_<entityId>_ prefix, a missing type, and a non-admin', async () => {
    await ok('userfieldconfig.add', { moduleId: 'crm', field: RATE })
    const refused = async (field: Record<string, unknown>, userId = 1) => {
      const r = await call(portal, 'userfieldconfig.add', { moduleId: 'crm', field }, { userId })
      expect(r.status).toBe(400)
      expect(r.body['error']).toBe('')
      return String(r.body['error_description'])
    }
    expect(await refused(RATE)).toBe('Field UF_CRM_SMART_INVOICE_SF_RATE already exists')
    expect(await refused({ ...RATE, fieldName: 'UF_CRM_SF_RATE' })).toBe('You cannot create custom fields')
    expect(await refused({ ...RATE, fieldName: 'UF_CRM_SMART_INVOICE_X', userTypeId: undefined })).toBe(
      "The 'USER_TYPE_ID' field is not found.",
    )
    expect(await refused({ ...RATE, fieldName: 'UF_CRM_SMART_INVOICE_Y' }, 2)).toBe('Access denied')
    expect(portal.store.userFields.filter((f) => f.entityId === 'CRM_SMART_INVOICE')).toHaveLength(1)
  })

  it('a created field is written and read by crm.item.* on smart invoices (original and camelCase names)', async () => {
    await ok('userfieldconfig.add', { moduleId: 'crm', field: RATE })
    const fields = await ok<{ fields: Record<string, { upperName: string }> }>('crm.item.fields', { entityTypeId: 31 })
    expect(fields.fields['ufCrmSmartInvoiceSfRate']?.upperName).toBe('UF_CRM_SMART_INVOICE_SF_RATE')
    const added = await ok<{ item: Record<string, unknown> }>(
      'crm.item.add',
      { entityTypeId: 31, useOriginalUfNames: 'Y', fields: { title: 'T', UF_CRM_SMART_INVOICE_SF_RATE: '0.0099' } },
      2,
    )
    expect(added.item['UF_CRM_SMART_INVOICE_SF_RATE']).toBe('0.0099')
    const listed = await ok<{ items: Record<string, unknown>[] }>('crm.item.list', {
      entityTypeId: 31,
      useOriginalUfNames: 'Y',
      filter: { '=UF_CRM_SMART_INVOICE_SF_RATE': '0.0099' },
      select: ['id', 'UF_CRM_SMART_INVOICE_SF_RATE'],
    })
    expect(listed.items).toEqual([{ id: added.item['id'], UF_CRM_SMART_INVOICE_SF_RATE: '0.0099' }])
    const camel = await ok<{ item: Record<string, unknown> }>('crm.item.get', {
      entityTypeId: 31,
      id: added.item['id'],
    })
    expect(camel.item['ufCrmSmartInvoiceSfRate']).toBe('0.0099')
  })

  it('without the field, crm.item.add ignores the value, as the portal ignores unknown fields', async () => {
    const added = await ok<{ item: Record<string, unknown> }>(
      'crm.item.add',
      { entityTypeId: 31, useOriginalUfNames: 'Y', fields: { UF_CRM_SMART_INVOICE_SF_RATE: '1' } },
      2,
    )
    expect('UF_CRM_SMART_INVOICE_SF_RATE' in added.item).toBe(false)
  })
})
