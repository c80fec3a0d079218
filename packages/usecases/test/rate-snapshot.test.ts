import { describe, expect, it } from 'vitest'
import type { SmartInvoice } from '@salesflow/portal'
import { INVOICE_FIELDS, rateSnapshotOf } from '../src'

const invoice = (currency: string, userFields: Record<string, string>): SmartInvoice => ({
  id: 9,
  title: 'Счёт',
  accountNumber: 'СЧ-9',
  categoryId: 2,
  stageId: 'DT31_2:N',
  stageSemantics: 'process',
  dealId: 6,
  companyId: 6,
  currency,
  opportunity: '1000.00',
  taxValue: '0',
  issueDate: '2026-11-25',
  dueDate: null,
  assignedById: 2,
  userFields,
})
const STORED = {
  [INVOICE_FIELDS.rate]: '100.25',
  [INVOICE_FIELDS.rateNominal]: '1',
  [INVOICE_FIELDS.rateDate]: '2026-11-25T00:00:00+03:00',
  [INVOICE_FIELDS.rateSource]: 'portal',
}

describe('rateSnapshotOf', () => {
  it('reads the snapshot from the install manifest’s fields when the invoice is in another currency', () => {
    expect(rateSnapshotOf(invoice('EUR', STORED), 'RUB')).toEqual({
      rate: '100.25',
      nominal: '1',
      date: '2026-11-25',
      source: 'portal',
      base: 'RUB',
    })
  })

  it('shows nothing for an invoice in the deal’s own currency, or without a stored rate', () => {
    expect(rateSnapshotOf(invoice('RUB', STORED), 'RUB')).toBeNull()
    expect(rateSnapshotOf(invoice('EUR', {}), 'RUB')).toBeNull()
    // Fields under other names (made by hand) are not ours.
    expect(rateSnapshotOf(invoice('EUR', { UF_CRM_SF_RATE: '98' }), 'RUB')).toBeNull()
  })

  it('an unbound invoice (no deal) still shows its stored rate, without a base', () => {
    expect(rateSnapshotOf(invoice('EUR', STORED), null)).toMatchObject({ rate: '100.25', base: null })
  })
})
