import { listItemId } from '@salesflow/emulator'
import { afterAll, afterEach, describe, expect, it } from 'vitest'
import { createRepositories } from '@salesflow/portal'
import {
  classifyLead,
  moveLead,
  openLeadCard,
  qualifyLead,
  readLeadSettings,
  unqualifyLead,
  type OpenedLead,
  type PortalGateway,
} from '../src'
import { appClient, startPortal } from '../../portal/test/support/harness'

const env = startPortal('demo')
const { portal } = env
afterEach(() => {
  portal.setFaults({ forceStatus500: null })
  portal.reset()
})
afterAll(() => env.stop())

const MANAGER = 2
const VIEWER = 5

const gateway = async (userId = MANAGER): Promise<PortalGateway> => {
  const { client } = await appClient(portal, userId)
  return { client, repositories: createRepositories(client) }
}

async function open(leadId: number, userId = MANAGER): Promise<OpenedLead> {
  const r = await openLeadCard(await gateway(userId), { leadId })
  if (!r.ok) throw new Error(`lead ${leadId}: ${r.error.code}`)
  return r.value
}

/** A lead added through REST as a person would enter it (legacy fields). */
async function addLead(fields: Record<string, unknown>): Promise<number> {
  const g = await gateway(1)
  const r = await g.client.call('crm.lead.add', { fields: { STATUS_ID: 'IN_PROCESS', ASSIGNED_BY_ID: 2, ...fields } })
  if (!r.ok) throw new Error(r.error.code)
  return Number(r.value.result)
}

const dealsOfLead = (leadId: number) => [...portal.store.deals.values()].filter((d) => d.leadId === leadId)

describe('openLeadCard', () => {
  it('opens in one round trip with the verdict, the fired rules with their values and the rules one condition short', async () => {
    const id = await addLead({
      TITLE: 'Ремонт платформы ПТ-200',
      COMMENTS: 'Сломался привод, нужна замена',
      SOURCE_ID: 'WEB',
      PHONE: [{ VALUE: '+7 900 111-22-33', VALUE_TYPE: 'WORK' }],
      COMPANY_TITLE: 'ООО Весна',
    })
    const g = await gateway()
    const before = g.client.stats.roundTrips
    const r = await openLeadCard(g, { leadId: id })
    expect(g.client.stats.roundTrips - before).toBe(1)
    if (!r.ok) throw new Error(r.error.code)
    const { explanation, role, stage } = r.value
    expect(role).toBe('manager')
    expect(stage).toBe('inWork')
    if (!explanation.ok) throw new Error(explanation.error.code)
    expect(explanation.value.verdict.direction).toBe('service')
    const service = explanation.value.fired.find((f) => f.rule === 'service-by-request')!
    expect(service.conditions).toContainEqual(
      expect.objectContaining({ fact: 'topics', operator: 'contains', value: 'repair', result: true }),
    )
    // A company with a need (amount or products) qualifies: this one has no amount and no products.
    const almost = explanation.value.nearMisses.find((m) => m.rule === 'qualified-company-with-need')
    expect(almost?.missing.map((c) => c.fact)).toEqual(['amount', 'productCount'])
  })

  it('reports a stage mapping naming a status the portal does not have', () => {
    const s = readLeadSettings(
      {
        'salesflow.leads': {
          statuses: { new: ['NEW'], inWork: ['NOPE'], qualified: ['CONVERTED'], unqualified: ['JUNK'] },
        },
      },
      [{ id: 'NEW', name: 'New', sort: 10, semantics: 'process', categoryId: 0, entityId: 'STATUS', color: null }],
    )
    expect(s.problems[0]?.problem).toMatch(/no lead status NOPE/)
    expect(s.status.statuses.inWork).toEqual(['IN_PROCESS', 'PROCESSED'])
  })
})

describe('classifyLead (the worker)', () => {
  it('gives the explanation the tab shows', async () => {
    const tab = await open(2)
    const r = await classifyLead(await gateway(1), { leadId: 2 })
    if (!r.ok || !tab.explanation.ok) throw new Error('not classified')
    expect(r.value.explanation).toEqual(tab.explanation.value)
  })
})

describe('qualifyLead', () => {
  it('converts: company with its ИНН, contact, deal in Activity with direction, source, responsible and rows; the lead converted', async () => {
    const id = await addLead({
      TITLE: 'Платформа ПТ-500 для цеха',
      NAME: 'Олег',
      LAST_NAME: 'Кузнецов',
      COMPANY_TITLE: 'ООО Новый клиент',
      SOURCE_ID: 'PARTNER',
      ASSIGNED_BY_ID: 3,
      PHONE: [{ VALUE: '+7 901 555-00-01', VALUE_TYPE: 'WORK' }],
      UF_CRM_SF_INN: '7701234567',
    })
    const g1 = await gateway(1)
    await g1.client.call('crm.lead.productrows.set', {
      id,
      rows: [{ PRODUCT_ID: 1, PRICE: '1000', QUANTITY: '2', TAX_RATE: '22', TAX_INCLUDED: 'Y' }],
    })
    const companies = portal.store.companies.size
    const r = await qualifyLead(await gateway(), { opened: await open(id), direction: 'sales' })
    if (!r.ok) throw new Error(r.error.code)
    expect(r.value.created).toBe(true)
    const deal = portal.store.deals.get(r.value.dealId)!
    expect(deal).toMatchObject({ categoryId: 0, stageId: 'NEW', leadId: id, sourceId: 'PARTNER', assignedById: 3 })
    expect(deal.uf['UF_CRM_SF_DIRECTION']).toBe(listItemId(portal.store, 'CRM_DEAL', 'UF_CRM_SF_DIRECTION', 'sales'))
    const company = portal.store.companies.get(deal.companyId)!
    expect(company).toMatchObject({ title: 'ООО Новый клиент', inn: '7701234567' })
    expect(portal.store.companies.size).toBe(companies + 1)
    expect(portal.store.contacts.get(deal.contactId)).toMatchObject({ name: 'Олег', lastName: 'Кузнецов' })
    const rows = [...portal.store.productRows.values()].filter((x) => x.ownerType === 'D' && x.ownerId === deal.id)
    expect(rows).toHaveLength(1)
    expect(portal.store.leads.get(id)).toMatchObject({ stageId: 'CONVERTED', companyId: company.id })
  })

  it('a second click opens the same deal and makes nothing new', async () => {
    const id = await addLead({ TITLE: 'Весы', COMPANY_TITLE: 'ООО Раз', EMAIL: [{ VALUE: 'a@raz.ru' }] })
    const first = await qualifyLead(await gateway(), { opened: await open(id), direction: 'sales' })
    const companies = portal.store.companies.size
    const stale = await qualifyLead(await gateway(), { opened: await open(id), direction: 'sales' })
    expect(first.ok && stale.ok && stale.value).toEqual({ ...(first.ok ? first.value : {}), created: false })
    expect(dealsOfLead(id)).toHaveLength(1)
    expect(portal.store.companies.size).toBe(companies)
  })

  it('two conversions at once end with one deal', async () => {
    const id = await addLead({ TITLE: 'Линия отгрузки', NAME: 'Анна', PHONE: [{ VALUE: '+7 902 000-11-22' }] })
    const opened = await open(id)
    portal.log.length = 0
    const [a, b] = await Promise.all([
      qualifyLead(await gateway(), { opened, direction: 'project' }),
      qualifyLead(await gateway(1), { opened, direction: 'project' }),
    ])
    expect(a.ok && b.ok).toBe(true)
    expect(dealsOfLead(id)).toHaveLength(1)
    expect(a.ok && b.ok && a.value.dealId === b.value.dealId).toBe(true)
    // Both did create a deal (the race happened), and the younger one was removed.
    const ran = (m: string) => portal.log.filter((l) => l.method === m && l.status === 200).length
    expect([ran('crm.deal.add'), ran('crm.deal.delete')]).toEqual([2, 1])
  })

  it('reuses the company with the lead ИНН and the contact with its phone', async () => {
    const known = [...portal.store.companies.values()].find((c) => c.inn)!
    const contact = [...portal.store.contacts.values()].find((c) => c.phone)!
    const id = await addLead({
      TITLE: 'Запрос цены',
      COMPANY_TITLE: 'как-то иначе',
      UF_CRM_SF_INN: known.inn,
      PHONE: [{ VALUE: contact.phone }],
    })
    const [companies, contacts] = [portal.store.companies.size, portal.store.contacts.size]
    const r = await qualifyLead(await gateway(), { opened: await open(id), direction: 'sales' })
    if (!r.ok) throw new Error(r.error.code)
    expect(r.value).toMatchObject({ companyId: known.id, contactId: contact.id })
    expect([portal.store.companies.size, portal.store.contacts.size]).toEqual([companies, contacts])
  })

  it('when the deal cannot be added after the company was, the retry reuses that company', async () => {
    const id = await addLead({
      TITLE: 'Весы',
      COMPANY_TITLE: 'ООО Повтор',
      UF_CRM_SF_INN: '7709999999',
      EMAIL: [{ VALUE: 'x@povtor.ru' }],
    })
    const companies = portal.store.companies.size
    portal.setFaults({ forceStatus500: 'crm.deal.add' })
    const failed = await qualifyLead(await gateway(), { opened: await open(id), direction: 'sales' })
    portal.setFaults({ forceStatus500: null })
    expect(failed.ok).toBe(false)
    expect(dealsOfLead(id)).toHaveLength(0)
    expect(portal.store.leads.get(id)?.stageId).toBe('IN_PROCESS')
    // The company made before the failure is bound to the lead: the retry starts from it.
    const made = portal.store.leads.get(id)!.companyId
    expect(portal.store.companies.get(made)?.title).toBe('ООО Повтор')
    const retried = await qualifyLead(await gateway(), { opened: await open(id), direction: 'sales' })
    expect(retried.ok && retried.value.companyId).toBe(made)
    expect(portal.store.companies.size).toBe(companies + 1)
    expect(dealsOfLead(id)).toHaveLength(1)
  })

  it('asks for a direction, and refuses a viewer before writing anything', async () => {
    const id = await addLead({ TITLE: 'Что-то', PHONE: [{ VALUE: '+7 903 100-00-00' }], UF_CRM_SF_DIRECTION: '' })
    const none = await qualifyLead(await gateway(), { opened: await open(id), direction: '' })
    expect(!none.ok && none.error).toMatchObject({ code: 'GUARD_FAILED', guard: 'DIRECTION_REQUIRED' })
    const viewer = await qualifyLead(await gateway(VIEWER), { opened: await open(id, VIEWER), direction: 'sales' })
    expect(!viewer.ok && viewer.error.code).toBe('ROLE_NOT_ALLOWED')
    expect(dealsOfLead(id)).toHaveLength(0)
  })
})

describe('unqualifyLead and moveLead', () => {
  it('unqualifies with a reason from the settings: junk status, the reason field and a timeline line', async () => {
    const id = await addLead({ TITLE: 'SEO продвижение', EMAIL: [{ VALUE: 'spam@seo.ru' }] })
    const r = await unqualifyLead(await gateway(), { opened: await open(id), reason: 'not-our-profile' })
    expect(r).toEqual({ ok: true, value: { statusId: 'JUNK' } })
    const lead = portal.store.leads.get(id)!
    expect(lead.stageId).toBe('JUNK')
    expect(lead.uf['UF_CRM_SF_JUNK']).toBe('not-our-profile')
    const line = [...portal.store.comments.values()].find((c) => c.entityType === 'lead' && c.entityId === id)
    expect(line?.comment).toMatch(/Не наш профиль/)
  })

  it('refuses a reason not in the list', async () => {
    const id = await addLead({ TITLE: 'x', EMAIL: [{ VALUE: 'x@x.ru' }] })
    const r = await unqualifyLead(await gateway(), { opened: await open(id), reason: 'because' })
    expect(!r.ok && r.error).toEqual({ code: 'JUNK_REASON_UNKNOWN', reason: 'because' })
    expect(portal.store.leads.get(id)?.stageId).toBe('IN_PROCESS')
  })

  it('takes a new lead into work only with a phone or an e-mail, which the form may give', async () => {
    const id = await addLead({ TITLE: 'Без контактов', STATUS_ID: 'NEW' })
    const bare = await moveLead(await gateway(), { opened: await open(id), event: 'TAKE' })
    expect(!bare.ok && bare.error).toMatchObject({ code: 'GUARD_FAILED', guard: 'CONTACT_REQUIRED' })
    const bad = await moveLead(await gateway(), {
      opened: await open(id),
      event: 'TAKE',
      values: { phone: 'позвоните' },
    })
    expect(!bad.ok && bad.error).toEqual({ code: 'PHONE_INVALID', value: 'позвоните' })
    const r = await moveLead(await gateway(), {
      opened: await open(id),
      event: 'TAKE',
      values: { phone: '+7 904 123-45-67' },
    })
    expect(r).toEqual({ ok: true, value: { statusId: 'IN_PROCESS' } })
    expect(portal.store.leads.get(id)).toMatchObject({ stageId: 'IN_PROCESS', phone: '+7 904 123-45-67' })
  })
})
