import { describe, expect, it } from 'vitest'
import { DEFAULT_FUNNEL_CONFIG, checkDealMove, dealGuardFields, type DealRecord } from '../src'

// A deal as the portal's card gives it: the Activity deal 4 of the demo, ready to hand over to Sale.
const deal: DealRecord = {
  opportunity: '0.00',
  companyId: 4,
  contactId: 4,
  userFields: { UF_CRM_SF_DIRECTION: 'project', UF_CRM_SF_CFG_STATE: 'draft' },
}

describe('dealGuardFields', () => {
  it('gives the guard the company and contact the deal already has, so the hand-over asks for nothing', () => {
    const fields = dealGuardFields(deal)
    expect(fields).toMatchObject({ COMPANY_ID: 4, CONTACT_ID: 4, OPPORTUNITY: '0.00', UF_CRM_SF_DIRECTION: 'project' })
    expect(checkDealMove(DEFAULT_FUNNEL_CONFIG, { stageId: 'EXECUTING', fields }, 'C1:NEW', 'manager')).toMatchObject({
      ok: true,
      value: { crossFunnel: true, toCategoryId: 1 },
    })
  })

  it('counts the first of the deal’s contacts when CONTACT_ID is empty', () => {
    expect(dealGuardFields({ ...deal, contactId: null, contactIds: [7, 8] })).toMatchObject({ CONTACT_ID: 7 })
  })

  it('asks for a company or a contact only when the deal has neither, marked for a picker', () => {
    const fields = dealGuardFields({ ...deal, companyId: null, contactId: null })
    const r = checkDealMove(DEFAULT_FUNNEL_CONFIG, { stageId: 'EXECUTING', fields }, 'C1:NEW', 'manager')
    expect(!r.ok && r.error).toEqual({
      code: 'REQUIREMENTS_MISSING',
      from: 'EXECUTING',
      to: 'C1:NEW',
      missing: [
        {
          kind: 'anyOf',
          options: [
            [{ kind: 'field', field: 'COMPANY_ID', label: 'Компания', lookup: 'company' }],
            [{ kind: 'field', field: 'CONTACT_ID', label: 'Контакт', lookup: 'contact' }],
          ],
        },
      ],
    })
  })
})
