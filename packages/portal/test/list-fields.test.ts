import { afterAll, afterEach, describe, expect, it } from 'vitest'
import { listItemId } from '@salesflow/emulator'
import {
  createRepositories,
  decodeListValues,
  describeUserFields,
  encodeListValues,
  listLabel,
  loadDealCard,
} from '../src'
import { loadLeadCard } from '../src/lead-card'
import { roundTrips, startPortal, webhookClient } from './support/harness'

const env = startPortal('demo')
const { portal } = env
afterEach(() => portal.reset())
afterAll(() => env.stop())

const TERMS = [
  {
    FIELD_NAME: 'UF_CRM_SF_PAY_TERMS',
    USER_TYPE_ID: 'enumeration',
    EDIT_FORM_LABEL: 'Payment terms',
    LIST: [
      { ID: '137', VALUE: 'Оплата в течение 30 дней', XML_ID: 'net30', SORT: '10', DEF: 'N' },
      { ID: '138', VALUE: 'Предоплата 100 %', XML_ID: 'prepay100', SORT: '20', DEF: 'N' },
      { ID: '139', VALUE: 'Своё условие', XML_ID: '', SORT: '30', DEF: 'N' },
    ],
  },
  { FIELD_NAME: 'UF_CRM_SF_CFG_STATE', USER_TYPE_ID: 'string', EDIT_FORM_LABEL: 'Configuration status' },
]

describe('list fields: the portal stores item ids, we speak XML_ID codes', () => {
  const fields = describeUserFields(TERMS)

  it('decodes ids to codes (an item without XML_ID is its id; an unknown id stays as it is); other fields pass', () => {
    expect(decodeListValues({ UF_CRM_SF_PAY_TERMS: '137', UF_CRM_SF_CFG_STATE: '137', UF_X: '1' }, fields)).toEqual({
      UF_CRM_SF_PAY_TERMS: 'net30',
      UF_CRM_SF_CFG_STATE: '137',
      UF_X: '1',
    })
    expect(decodeListValues({ UF_CRM_SF_PAY_TERMS: '139' }, fields)).toEqual({ UF_CRM_SF_PAY_TERMS: '139' })
    expect(decodeListValues({ UF_CRM_SF_PAY_TERMS: '999' }, fields)).toEqual({ UF_CRM_SF_PAY_TERMS: '999' })
    expect(decodeListValues({ UF_CRM_SF_PAY_TERMS: null }, fields)).toEqual({ UF_CRM_SF_PAY_TERMS: null })
  })

  it('encodes codes to ids and refuses a code the field does not list; the round trip is exact', () => {
    expect(encodeListValues({ UF_CRM_SF_PAY_TERMS: 'prepay100', STAGE_ID: 'C1:WON' }, fields)).toEqual({
      ok: true,
      value: { UF_CRM_SF_PAY_TERMS: '138', STAGE_ID: 'C1:WON' },
    })
    expect(encodeListValues({ UF_CRM_SF_PAY_TERMS: 'net60' }, fields)).toEqual({
      ok: false,
      field: 'UF_CRM_SF_PAY_TERMS',
      value: 'net60',
    })
    expect(encodeListValues({ UF_CRM_SF_PAY_TERMS: '' }, fields)).toEqual({
      ok: true,
      value: { UF_CRM_SF_PAY_TERMS: '' },
    })
    for (const code of ['net30', 'prepay100', '139']) {
      const stored = encodeListValues({ UF_CRM_SF_PAY_TERMS: code }, fields)
      expect(stored.ok && decodeListValues(stored.value, fields)).toEqual({ UF_CRM_SF_PAY_TERMS: code })
    }
    expect(listLabel(fields, 'UF_CRM_SF_PAY_TERMS', 'net30')).toBe('Оплата в течение 30 дней')
    expect(listLabel(fields, 'UF_CRM_SF_CFG_STATE', 'approved')).toBeNull()
  })
})

describe('cards read list values as codes, in their one round trip', () => {
  it('the deal card: the deal and its company speak codes; labels come in the asked language', async () => {
    const client = webhookClient(portal, 2)
    portal.log.length = 0
    const card = await loadDealCard(client, 14, { lang: 'en', appOptions: false })
    if (!card.ok) throw new Error(card.error.code)
    expect(roundTrips(portal)).toBe(1)
    const stored = portal.store.deals.get(14)!.uf['UF_CRM_SF_PAY_TERMS']
    expect(stored).toMatch(/^\d+$/)
    const code = card.value.deal.userFields['UF_CRM_SF_PAY_TERMS']
    expect(['prepay100', 'prepay50', 'net30', 'instalments3']).toContain(code)
    expect(listItemId(portal.store, 'CRM_DEAL', 'UF_CRM_SF_PAY_TERMS', String(code))).toBe(stored)
    expect(card.value.fieldLabels['UF_CRM_SF_PAY_TERMS']).toBe('Payment terms')
    expect(['block', 'warn']).toContain(card.value.company?.userFields['UF_CRM_SF_CR_MODE'])
  })

  it('the lead card and the bulk lead list: directions as codes', async () => {
    const client = webhookClient(portal, 2)
    const card = await loadLeadCard(client, 1, { appOptions: false })
    if (!card.ok) throw new Error(card.error.code)
    expect(['service', 'sales', 'project']).toContain(card.value.lead.userFields['UF_CRM_SF_DIRECTION'])
    portal.log.length = 0
    const all = await createRepositories(client).leads.list({})
    if (!all.ok) throw new Error(all.error.code)
    expect(roundTrips(portal)).toBe(1)
    expect(new Set(all.value.records.map((l) => l.userFields['UF_CRM_SF_DIRECTION']))).toEqual(
      new Set(['service', 'sales', 'project']),
    )
  })
})
