import { listItemId } from '../src/crm/user-field-table'
import { describe, expect, it } from 'vitest'
import { createPortal } from '../src/index'
import { call } from './rest'

// What converting a lead over REST takes (the portal has no conversion method): finding the client by phone,
// e-mail or ИНН, a company's requisite, a deal linked by LEAD_ID, the lead's converted status.
const portal = createPortal({ faults: { rateLimit: false } })
const result = async <T>(method: string, params: Record<string, unknown> = {}, userId = 1): Promise<T> => {
  const r = await call(portal, method, params, { userId })
  if (r.status !== 200) throw new Error(`${method}: ${JSON.stringify(r.body)}`)
  return r.body['result'] as T
}

describe('crm.duplicate.findbycomm', () => {
  it('finds contacts and companies by phone (digits compared) and e-mail (case folded), per entity type', async () => {
    const contact = [...portal.store.contacts.values()].find((c) => c.phone && c.email)!
    const spaced = contact.phone!.replace(/\D/g, '').replace(/^(\d)(\d{3})/, '+$1 ($2) ')
    expect(
      await result('crm.duplicate.findbycomm', { entity_type: 'CONTACT', type: 'PHONE', values: [spaced] }),
    ).toEqual({ CONTACT: [contact.id] })
    const byMail = await result<Record<string, number[]>>('crm.duplicate.findbycomm', {
      type: 'EMAIL',
      values: [contact.email!.toUpperCase()],
    })
    expect(byMail['CONTACT']).toContain(contact.id)
  })

  it('answers [] when nothing matches, and refuses a missing or unknown type', async () => {
    expect(await result('crm.duplicate.findbycomm', { type: 'PHONE', values: ['+0 000 000'] })).toEqual([])
    const none = await call(portal, 'crm.duplicate.findbycomm', { values: ['1'] })
    expect(none).toMatchObject({ status: 400, body: { error: 'Communication type is not defined' } })
    const fax = await call(portal, 'crm.duplicate.findbycomm', { type: 'FAX', values: ['1'] })
    expect(fax.status).toBe(400)
    const empty = await call(portal, 'crm.duplicate.findbycomm', { type: 'PHONE' })
    expect(empty.body).toMatchObject({ error: 'Communication values is not defined' })
  })
})

describe('crm.requisite.add', () => {
  it('gives a company its ИНН, which crm.requisite.list then finds', async () => {
    const id = await result<number>('crm.company.add', { fields: { TITLE: 'ООО Реквизит' } })
    const rq = await result<number>('crm.requisite.add', {
      fields: { ENTITY_TYPE_ID: 4, ENTITY_ID: id, PRESET_ID: 1, NAME: 'ООО Реквизит', RQ_INN: '7712345678' },
    })
    expect(rq).toBeGreaterThan(0)
    const found = await result<{ ENTITY_ID: string }[]>('crm.requisite.list', {
      filter: { RQ_INN: '7712345678', ENTITY_TYPE_ID: 4 },
    })
    expect(found.map((r) => Number(r.ENTITY_ID))).toEqual([id])
  })

  it('refuses a requisite without an owner, preset or name', async () => {
    for (const fields of [
      { ENTITY_TYPE_ID: 4, ENTITY_ID: 999_999, PRESET_ID: 1, NAME: 'x' },
      { ENTITY_TYPE_ID: 3, ENTITY_ID: 1, PRESET_ID: 1, NAME: 'x' },
      { ENTITY_TYPE_ID: 4, ENTITY_ID: 1, NAME: 'x' },
    ]) {
      const r = await call(portal, 'crm.requisite.add', { fields })
      expect(r.status, JSON.stringify(fields)).toBe(400)
    }
  })
})

describe('a deal made from a lead', () => {
  it('crm.deal.add keeps LEAD_ID, crm.deal.list filters by it, and the lead converted creates nothing by itself', async () => {
    const deals = portal.store.deals.size
    await result('crm.lead.update', { id: 2, fields: { STATUS_ID: 'CONVERTED' } })
    expect(portal.store.deals.size).toBe(deals)
    expect(await result('crm.lead.get', { id: 2 })).toMatchObject({ STATUS_ID: 'CONVERTED', STATUS_SEMANTIC_ID: 'S' })
    const id = await result<number>('crm.deal.add', {
      fields: {
        TITLE: 'Из лида',
        CATEGORY_ID: 0,
        LEAD_ID: 2,
        UF_CRM_SF_DIRECTION: listItemId(portal.store, 'CRM_DEAL', 'UF_CRM_SF_DIRECTION', 'sales'),
      },
    })
    expect(await result('crm.deal.get', { id })).toMatchObject({ LEAD_ID: '2', CATEGORY_ID: '0', STAGE_ID: 'NEW' })
    const linked = await result<{ ID: string }[]>('crm.deal.list', { filter: { LEAD_ID: 2 }, select: ['ID'] })
    expect(linked.map((d) => Number(d.ID))).toContain(id)
    expect((await result<Record<string, { isReadOnly: boolean }>>('crm.deal.fields'))['LEAD_ID']?.isReadOnly).toBe(
      false,
    )
  })
})
