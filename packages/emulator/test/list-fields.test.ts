import { beforeEach, describe, expect, it } from 'vitest'
import { createPortal } from '../src/index'
import { listItemId } from '../src/crm/user-field-table'
import { call } from './rest'

const portal = createPortal({ faults: { rateLimit: false } })
beforeEach(() => portal.reset())
const ok = async <T>(method: string, params: Record<string, unknown> = {}, userId = 1): Promise<T> => {
  const r = await call(portal, method, params, { userId })
  if (r.status !== 200) throw new Error(`${method}: ${JSON.stringify(r.body)}`)
  return r.body['result'] as T
}
const termsId = (code: string) => listItemId(portal.store, 'CRM_DEAL', 'UF_CRM_SF_PAY_TERMS', code)

describe('list (enumeration) user fields store the item ID, as on a portal', () => {
  it('the demo deals hold item ids; crm.deal.fields lists the items (ID, VALUE) a value is one of', async () => {
    const fields =
      await ok<Record<string, { type: string; items?: { ID: string; VALUE: string }[] }>>('crm.deal.fields')
    const terms = fields['UF_CRM_SF_PAY_TERMS']
    expect(terms?.type).toBe('enumeration')
    expect(terms?.items?.find((i) => i.ID === termsId('net30'))?.VALUE).toBe('Оплата в течение 30 дней')
    const deal = await ok<Record<string, unknown>>('crm.deal.get', { id: 14 })
    expect(terms?.items?.map((i) => i.ID)).toContain(deal['UF_CRM_SF_PAY_TERMS'])
  })

  it('crm.deal.update takes an item id and refuses a code or an id of another field (nothing written)', async () => {
    const net30 = termsId('net30')!
    await ok('crm.deal.update', { id: 14, fields: { UF_CRM_SF_PAY_TERMS: net30 } }, 2)
    expect((await ok<Record<string, unknown>>('crm.deal.get', { id: 14 }))['UF_CRM_SF_PAY_TERMS']).toBe(net30)
    const zone = listItemId(portal.store, 'CRM_DEAL', 'UF_CRM_SF_DLV_ZONE', 'moscow')!
    for (const bad of ['net30', zone, '999999']) {
      const r = await call(portal, 'crm.deal.update', { id: 14, fields: { UF_CRM_SF_PAY_TERMS: bad } }, { userId: 2 })
      expect([r.status, r.body['error']]).toEqual([400, ''])
    }
    const item = await call(
      portal,
      'crm.item.update',
      { entityTypeId: 2, id: 14, fields: { ufCrmSfPayTerms: 'net30' } },
      { userId: 2 },
    )
    expect([item.status, item.body['error']]).toEqual([400, 'CRM_FIELD_ERROR_VALUE_NOT_VALID'])
    expect(portal.store.deals.get(14)?.uf['UF_CRM_SF_PAY_TERMS']).toBe(net30)
    // Emptying a list field is allowed.
    await ok('crm.deal.update', { id: 14, fields: { UF_CRM_SF_PAY_TERMS: '' } }, 2)
  })
})

describe('one user-field table behind crm.<entity>.userfield.* and userfieldconfig.*', () => {
  it('a field made with crm.deal.userfield.add is a deal field for crm.deal.fields and crm.item; ids are one sequence', async () => {
    const dealField = await ok<number>('crm.deal.userfield.add', {
      fields: { FIELD_NAME: 'SF_NOTE', USER_TYPE_ID: 'string', EDIT_FORM_LABEL: { ru: 'Заметка', en: 'Note' } },
    })
    const invoiceField = await ok<{ field: { id: string } }>('userfieldconfig.add', {
      moduleId: 'crm',
      field: { entityId: 'CRM_SMART_INVOICE', fieldName: 'UF_CRM_SMART_INVOICE_SF_X', userTypeId: 'string' },
    })
    expect(Number(invoiceField.field.id)).not.toBe(dealField)
    expect(portal.store.userFields.filter((f) => f.id === dealField)).toHaveLength(1)
    const legacy = await ok<Record<string, { formLabel: string }>>('crm.deal.fields')
    expect(legacy['UF_CRM_SF_NOTE']?.formLabel).toBe('Заметка')
    const item = await ok<{ fields: Record<string, unknown> }>('crm.item.fields', { entityTypeId: 2 })
    expect(item.fields['ufCrmSfNote']).toBeDefined()
    // Each view shows its own entities' rows of the table.
    const configs = await ok<{ fields: { fieldName: string }[] }>('userfieldconfig.list', { moduleId: 'crm' })
    const invoiceFields = portal.store.userFields.filter((f) => f.entityId === 'CRM_SMART_INVOICE')
    expect(configs.fields.map((f) => f.fieldName)).toEqual(invoiceFields.map((f) => f.fieldName))
    expect(configs.fields.map((f) => f.fieldName)).toContain('UF_CRM_SMART_INVOICE_SF_X')
    expect(configs.fields.map((f) => f.fieldName)).not.toContain('UF_CRM_SF_NOTE')
    const deals = await ok<{ FIELD_NAME: string }[]>('crm.deal.userfield.list', {
      filter: { FIELD_NAME: 'UF_CRM_SF_NOTE' },
    })
    expect(deals.map((f) => f.FIELD_NAME)).toEqual(['UF_CRM_SF_NOTE'])
  })

  it('refuses a field name over 20 characters with the prefix (13 after UF_CRM_), as documented', async () => {
    const at = await call(portal, 'crm.deal.userfield.add', {
      fields: { FIELD_NAME: 'SF_1234567890', USER_TYPE_ID: 'string' },
    })
    expect(at.status).toBe(200)
    const over = await call(portal, 'crm.deal.userfield.add', {
      fields: { FIELD_NAME: 'UF_CRM_SF_12345678901', USER_TYPE_ID: 'string' },
    })
    expect([over.status, over.body['error']]).toEqual([400, ''])
    expect(String(over.body['error_description'])).toContain('20')
    expect(portal.store.userFields.some((f) => f.fieldName === 'UF_CRM_SF_12345678901')).toBe(false)
  })
})
