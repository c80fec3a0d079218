import * as v from 'valibot'
import { err, ok, type Result } from '@salesflow/rules'
import type { PortalClient } from '../client'
import { portalError, type PortalError } from '../errors'
import { id, optionalId, optionalText } from '../wire/common'
import { mapWith } from '../mappers/map-with'
import { mapAnswerList } from './fetch'

/** A client a deal can be bound to, as a picker lists it. */
export interface ClientMatch {
  readonly kind: 'company' | 'contact'
  readonly id: number
  /** The company's title, or the contact's "Name Last name". */
  readonly name: string
  /** A contact's company (COMPANY_ID); null for companies and for contacts without one. */
  readonly companyId: number | null
}

export interface ClientSearch {
  readonly companies: readonly ClientMatch[]
  readonly contacts: readonly ClientMatch[]
}

const CompanyMatchWire = v.looseObject({ ID: id, TITLE: optionalText })
const ContactMatchWire = v.looseObject({
  ID: id,
  NAME: optionalText,
  LAST_NAME: optionalText,
  COMPANY_ID: optionalId,
})

const mapCompanyMatch = mapWith(
  CompanyMatchWire,
  (c): ClientMatch => ({ kind: 'company', id: c.ID, name: c.TITLE, companyId: null }),
  'company',
)
const mapContactMatch = mapWith(
  ContactMatchWire,
  (c): ClientMatch => ({
    kind: 'contact',
    id: c.ID,
    name: [c.NAME, c.LAST_NAME].filter((x) => x !== '').join(' '),
    companyId: c.COMPANY_ID ?? null,
  }),
  'contact',
)

/** Fewer characters than this match half the portal: the picker waits for more. */
export const MIN_SEARCH_LENGTH = 2

/**
 * Companies and contacts whose name contains `text` (the portal's `%` LIKE, case-insensitive), the first 50 of
 * each, in one round trip: crm.company.list `%TITLE`, crm.contact.list `%NAME` and `%LAST_NAME` (the legacy filter
 * has no full-name key, so the two contact lists are merged by id). A text shorter than MIN_SEARCH_LENGTH
 * finds nothing without asking the portal.
 */
export function createClientRepository(client: PortalClient) {
  return {
    async search(text: string): Promise<Result<ClientSearch, PortalError>> {
      const q = text.trim()
      if (q.length < MIN_SEARCH_LENGTH) return ok({ companies: [], contacts: [] })
      const contactList = (key: string) => ({
        method: 'crm.contact.list',
        params: {
          filter: { [key]: q },
          select: ['ID', 'NAME', 'LAST_NAME', 'COMPANY_ID'],
          order: { LAST_NAME: 'ASC', NAME: 'ASC' },
          start: -1,
        },
      })
      const res = await client.batch(
        {
          companies: {
            method: 'crm.company.list',
            params: { filter: { '%TITLE': q }, select: ['ID', 'TITLE'], order: { TITLE: 'ASC' }, start: -1 },
          },
          byName: contactList('%NAME'),
          byLastName: contactList('%LAST_NAME'),
        },
        { halt: true },
      )
      if (!res.ok) return res
      const lists: ClientMatch[][] = []
      for (const [name, method, map] of [
        ['companies', 'crm.company.list', mapCompanyMatch],
        ['byName', 'crm.contact.list', mapContactMatch],
        ['byLastName', 'crm.contact.list', mapContactMatch],
      ] as const) {
        const a = res.value[name]
        if (!a) return err(portalError('NOT_EXECUTED', { method, description: name }))
        if (!a.ok) return a
        const rows = mapAnswerList(a.value, method, map)
        if (!rows.ok) return rows
        lists.push(rows.value)
      }
      const [companies = [], byName = [], byLastName = []] = lists
      const contacts = new Map<number, ClientMatch>()
      for (const c of [...byLastName, ...byName]) if (!contacts.has(c.id)) contacts.set(c.id, c)
      return ok({ companies, contacts: [...contacts.values()] })
    },
  }
}
