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

const multi = (values: readonly string[]) => values.map((VALUE) => ({ VALUE, VALUE_TYPE: 'WORK' }))

/** The new company, contact or deal a lead's conversion writes. Every `add` is a create: never retried blindly. */
export interface NewCompany {
  readonly title: string
  readonly inn: string
  readonly phones: readonly string[]
  readonly emails: readonly string[]
  readonly assignedById: number | null
}

export interface NewContact {
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

    /** Companies whose requisite carries this ИНН (crm.requisite.list, ENTITY_TYPE_ID 4), oldest first. */
    async companiesByInn(inn: string): Promise<Result<number[], PortalError>> {
      const res = await client.call(
        'crm.requisite.list',
        { filter: { RQ_INN: inn, ENTITY_TYPE_ID: 4 }, select: ['ID', 'ENTITY_ID'], order: { ENTITY_ID: 'ASC' } },
        { kind: 'read' },
      )
      return res.ok ? ok([...new Set(idsOf(res.value.result, 'ENTITY_ID'))]) : res
    },

    /** Companies or contacts with one of these phones or e-mails (the portal compares normalised values). */
    async byCommunication(
      entity: CommEntity,
      type: CommType,
      values: readonly string[],
    ): Promise<Result<number[], PortalError>> {
      if (values.length === 0) return ok([])
      const res = await client.call(
        'crm.duplicate.findbycomm',
        { entity_type: entity, type, values: values.slice(0, 20) },
        { kind: 'read' },
      )
      if (!res.ok) return res
      const found = isRecord(res.value.result) ? res.value.result[entity] : []
      const ids = Array.isArray(found) ? found.map(Number).filter((n) => Number.isSafeInteger(n) && n > 0) : []
      return ok([...new Set(ids)].sort((a, b) => a - b))
    },

    /**
     * A company, with a requisite holding its ИНН when there is one (company and requisite in one batch with halt).
     * The id comes back even when the requisite failed (`requisiteError`): the company exists, and the caller
     * binds it to the lead so that a retry reuses it rather than creating a second one.
     */
    async addCompany(
      c: NewCompany,
    ): Promise<Result<{ readonly id: number; readonly requisiteError: PortalError | null }, PortalError>> {
      const fields: QueryObject = {
        TITLE: c.title,
        ...(c.phones.length ? { PHONE: multi(c.phones) } : {}),
        ...(c.emails.length ? { EMAIL: multi(c.emails) } : {}),
        ...(c.assignedById ? { ASSIGNED_BY_ID: c.assignedById } : {}),
      }
      const res = await client.batch(
        {
          company: { method: 'crm.company.add', params: { fields } },
          ...(c.inn
            ? {
                requisite: {
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
                },
              }
            : {}),
        },
        { halt: true },
      )
      if (!res.ok) return res
      const company = res.value['company']
      if (!company) return err(portalError('NOT_EXECUTED', { method: 'crm.company.add' }))
      if (!company.ok) return company
      const id = idOf(company.value.result, 'crm.company.add')
      if (!id.ok) return id
      const requisite = res.value['requisite']
      return ok({ id: id.value, requisiteError: requisite && !requisite.ok ? requisite.error : null })
    },

    async addContact(c: NewContact): Promise<Result<number, PortalError>> {
      const fields: QueryObject = {
        NAME: c.name,
        LAST_NAME: c.lastName,
        ...(c.companyId ? { COMPANY_ID: c.companyId } : {}),
        ...(c.phones.length ? { PHONE: multi(c.phones) } : {}),
        ...(c.emails.length ? { EMAIL: multi(c.emails) } : {}),
        ...(c.assignedById ? { ASSIGNED_BY_ID: c.assignedById } : {}),
      }
      const res = await client.call('crm.contact.add', { fields })
      return res.ok ? idOf(res.value.result, 'crm.contact.add') : res
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
