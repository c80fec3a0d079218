import { err, isRecord, ok, type Result } from '@salesflow/rules'
import type { PortalClient } from '../client'
import { ref, type QueryObject } from '../batch/query-string'
import type { ProductRowDraft } from '../domain'
import { portalError, type PortalError } from '../errors'
import { idOf, rowsOf, write } from './fetch'
import { toLegacyRow } from './product-rows'

/** crm.duplicate.findbycomm's entity types and communication types. */
export type CommEntity = 'COMPANY' | 'CONTACT'
export type CommType = 'PHONE' | 'EMAIL'

/** Positive integer ids out of a list answer's `key` column (`"7"` or 7), in order. */
function idsOf(result: unknown, key: string): number[] {
  const rows = rowsOf(result)
  if (!Array.isArray(rows)) return []
  return rows.map((r) => (isRecord(r) ? Number(r[key]) : NaN)).filter((n) => Number.isSafeInteger(n) && n > 0)
}

/** The ids crm.duplicate.findbycomm found for one entity type (`{CONTACT: [7]}`, or `[]` for none), ascending. */
function commIds(result: unknown, entity: CommEntity): number[] {
  const found = isRecord(result) ? result[entity] : []
  const ids = Array.isArray(found) ? found.map(Number).filter((n) => Number.isSafeInteger(n) && n > 0) : []
  return [...new Set(ids)].sort((a, b) => a - b)
}

/** What a lead's conversion looks the client up by. */
export interface ClientQuery {
  readonly leadId: number
  readonly inn: string
  readonly phones: readonly string[]
  readonly emails: readonly string[]
}

/** What it found: the lead's deals; companies by ИНН first, then by phone, then by e-mail; contacts likewise. */
export interface ClientMatches {
  readonly deals: readonly number[]
  readonly companies: readonly number[]
  readonly contacts: readonly number[]
}

const multi = (values: readonly string[]) => values.map((VALUE) => ({ VALUE, VALUE_TYPE: 'WORK' }))

/** A company or contact made for a lead: its id, and what failed after it was made (the binding, the requisite). */
export interface Created {
  readonly id: number
  readonly problem: PortalError | null
}

/** The new company, contact or deal a lead's conversion writes. Every `add` is a create: never retried blindly. */
export interface NewCompany {
  /** The lead it is made for: bound to it in the same batch. */
  readonly leadId: number
  readonly title: string
  readonly inn: string
  readonly phones: readonly string[]
  readonly emails: readonly string[]
  readonly assignedById: number | null
}

export interface NewContact {
  readonly leadId: number
  readonly name: string
  readonly lastName: string
  readonly companyId: number | null
  readonly phones: readonly string[]
  readonly emails: readonly string[]
  readonly assignedById: number | null
}

/**
 * What converting a lead reads and writes: finding the client it already is (by ИНН through the requisites,
 * by phone or e-mail through crm.duplicate.findbycomm), creating the company, its requisite and the contact,
 * and the deal with its rows (linked by LEAD_ID). The portal has no conversion method over REST
 * (b24-platform.md 4.6): these are the steps a person's conversion takes.
 */
export function createLeadConversionRepository(client: PortalClient) {
  /** The lead's update that binds what `name` created (its id by reference, in the same batch). */
  const bindTo = (leadId: number, field: 'COMPANY_ID' | 'CONTACT_ID', name: string) => ({
    method: 'crm.lead.update',
    params: { id: leadId, fields: { [field]: ref(name) } },
  })

  /** Runs create, bind and an optional follow-up with halt; the new id whenever the create ran. */
  async function createBound(
    name: string,
    create: { method: string; params: QueryObject },
    bind: { method: string; params: QueryObject },
    then: { method: string; params: QueryObject } | null,
  ): Promise<Result<Created, PortalError>> {
    const res = await client.batch({ [name]: create, bind, ...(then ? { then } : {}) }, { halt: true })
    if (!res.ok) return res
    const made = res.value[name]
    if (!made) return err(portalError('NOT_EXECUTED', { method: create.method }))
    if (!made.ok) return made
    const id = idOf(made.value.result, create.method)
    if (!id.ok) return id
    const failed = [res.value['bind'], res.value['then']].find((a) => a && !a.ok)
    return ok({ id: id.value, problem: failed && !failed.ok ? failed.error : null })
  }

  return {
    /** Ids of the deals made from the lead, oldest first. */
    async dealsOfLead(leadId: number): Promise<Result<number[], PortalError>> {
      const res = await client.call(
        'crm.deal.list',
        { filter: { LEAD_ID: leadId }, select: ['ID'], order: { ID: 'ASC' } },
        { kind: 'read' },
      )
      return res.ok ? ok(idsOf(res.value.result, 'ID')) : res
    },

    /**
     * Everything a conversion looks up, in one batch: the lead's deals (LEAD_ID), the companies with its ИНН,
     * and the companies and contacts with one of its phones or e-mails. Each list oldest first.
     */
    async findClient(q: ClientQuery): Promise<Result<ClientMatches, PortalError>> {
      const comm = (entity: CommEntity, type: CommType, values: readonly string[]) =>
        values.length > 0
          ? { method: 'crm.duplicate.findbycomm', params: { entity_type: entity, type, values: values.slice(0, 20) } }
          : null
      const commands = {
        deals: {
          method: 'crm.deal.list',
          params: { filter: { LEAD_ID: q.leadId }, select: ['ID'], order: { ID: 'ASC' } },
        },
        byInn: q.inn
          ? {
              method: 'crm.requisite.list',
              params: {
                filter: { RQ_INN: q.inn, ENTITY_TYPE_ID: 4 },
                select: ['ID', 'ENTITY_ID'],
                order: { ENTITY_ID: 'ASC' },
              },
            }
          : null,
        companyByPhone: comm('COMPANY', 'PHONE', q.phones),
        companyByEmail: comm('COMPANY', 'EMAIL', q.emails),
        contactByPhone: comm('CONTACT', 'PHONE', q.phones),
        contactByEmail: comm('CONTACT', 'EMAIL', q.emails),
      }
      const asked = Object.fromEntries(Object.entries(commands).filter(([, c]) => c !== null)) as Record<
        string,
        { method: string; params: QueryObject }
      >
      const res = await client.batch(asked)
      if (!res.ok) return res
      const ids = (name: keyof typeof commands, read: (result: unknown) => number[]): Result<number[], PortalError> => {
        if (!(name in asked)) return ok([])
        const a = res.value[name]
        if (!a) return err(portalError('NOT_EXECUTED', { method: asked[name]!.method, description: name }))
        return a.ok ? ok(read(a.value.result)) : a
      }
      const out: Record<string, number[]> = {}
      for (const [name, read] of [
        ['deals', (r: unknown) => idsOf(r, 'ID')],
        ['byInn', (r: unknown) => [...new Set(idsOf(r, 'ENTITY_ID'))]],
        ['companyByPhone', (r: unknown) => commIds(r, 'COMPANY')],
        ['companyByEmail', (r: unknown) => commIds(r, 'COMPANY')],
        ['contactByPhone', (r: unknown) => commIds(r, 'CONTACT')],
        ['contactByEmail', (r: unknown) => commIds(r, 'CONTACT')],
      ] as const) {
        const found = ids(name, read)
        if (!found.ok) return found
        out[name] = found.value
      }
      return ok({
        deals: out['deals']!,
        companies: [...new Set([...out['byInn']!, ...out['companyByPhone']!, ...out['companyByEmail']!])],
        contacts: [...new Set([...out['contactByPhone']!, ...out['contactByEmail']!])],
      })
    },

    /**
     * A company bound to the lead at once, with a requisite holding its ИНН when there is one: company, binding and
     * requisite in one batch with halt. The id comes back even when a later command failed (`problem`): the
     * company exists, and bound to the lead a retry reuses it rather than creating a second one.
     */
    async addCompany(c: NewCompany): Promise<Result<Created, PortalError>> {
      const fields: QueryObject = {
        TITLE: c.title,
        ...(c.phones.length ? { PHONE: multi(c.phones) } : {}),
        ...(c.emails.length ? { EMAIL: multi(c.emails) } : {}),
        ...(c.assignedById ? { ASSIGNED_BY_ID: c.assignedById } : {}),
      }
      const requisite = {
        method: 'crm.requisite.add',
        params: {
          fields: {
            ENTITY_TYPE_ID: 4,
            ENTITY_ID: ref('company'),
            PRESET_ID: 1,
            NAME: c.title,
            RQ_COMPANY_NAME: c.title,
            RQ_INN: c.inn,
          },
        },
      }
      return createBound(
        'company',
        { method: 'crm.company.add', params: { fields } },
        bindTo(c.leadId, 'COMPANY_ID', 'company'),
        c.inn ? requisite : null,
      )
    },

    /** A contact bound to the lead at once (contact and binding in one batch with halt; see addCompany). */
    async addContact(c: NewContact): Promise<Result<Created, PortalError>> {
      const fields: QueryObject = {
        NAME: c.name,
        LAST_NAME: c.lastName,
        ...(c.companyId ? { COMPANY_ID: c.companyId } : {}),
        ...(c.phones.length ? { PHONE: multi(c.phones) } : {}),
        ...(c.emails.length ? { EMAIL: multi(c.emails) } : {}),
        ...(c.assignedById ? { ASSIGNED_BY_ID: c.assignedById } : {}),
      }
      return createBound(
        'contact',
        { method: 'crm.contact.add', params: { fields } },
        bindTo(c.leadId, 'CONTACT_ID', 'contact'),
        null,
      )
    },

    /**
     * The deal (legacy fields, LEAD_ID among them) and its product rows in one batch with halt. Returns the new id;
     * rows that failed are reported as the error (the deal is there: a retry finds it by LEAD_ID).
     */
    async addDeal(fields: QueryObject, rows: readonly ProductRowDraft[]): Promise<Result<number, PortalError>> {
      const res = await client.batch(
        {
          deal: { method: 'crm.deal.add', params: { fields, params: { REGISTER_SONET_EVENT: 'N' } } },
          ...(rows.length
            ? {
                rows: {
                  method: 'crm.deal.productrows.set',
                  params: { id: ref('deal'), rows: rows.map((r, i) => toLegacyRow({ ...r, sort: (i + 1) * 10 })) },
                },
              }
            : {}),
        },
        { halt: true },
      )
      if (!res.ok) return res
      const deal = res.value['deal']
      if (!deal) return err(portalError('NOT_EXECUTED', { method: 'crm.deal.add' }))
      if (!deal.ok) return deal
      const id = idOf(deal.value.result, 'crm.deal.add')
      if (!id.ok) return id
      const set = res.value['rows']
      if (set && !set.ok) return set
      return id
    },

    /** Product rows of a deal, set as a copy of the lead's (a create-or-replace: idempotent). */
    setDealRows: (dealId: number, rows: readonly ProductRowDraft[]) =>
      write(client, 'crm.deal.productrows.set', {
        id: dealId,
        rows: rows.map((r, i) => toLegacyRow({ ...r, sort: (i + 1) * 10 })),
      }),

    /** Removes a duplicate deal a concurrent conversion made (the older one stays). */
    deleteDeal: (dealId: number) => write(client, 'crm.deal.delete', { id: dealId }),
  }
}

export type LeadConversionRepository = ReturnType<typeof createLeadConversionRepository>
