import { describe, expect, it } from 'vitest'
import { mapDeal, mapSmartInvoice } from '../src'
import * as p from './fixtures/payloads'

// Date-only fields are calendar dates: the portal prints them as its local midnight, we keep the day it wrote.
describe('date-only fields', () => {
  it('a smart invoice’s begindate / closedate come out as YYYY-MM-DD, not as a moment in time', () => {
    const r = mapSmartInvoice({
      ...p.smartInvoiceItem,
      begindate: '2026-10-22T00:00:00+03:00',
      closedate: '2026-11-01T00:00:00+03:00',
    })
    expect(r).toMatchObject({ ok: true, value: { issueDate: '2026-10-22', dueDate: '2026-11-01' } })
  })

  it('a deal’s BEGINDATE / CLOSEDATE too; a date without time stays as it is; junk is a VALIDATION error', () => {
    expect(mapDeal({ ...p.dealGet, BEGINDATE: '2024-08-30T02:00:00+02:00', CLOSEDATE: '2024-09-09' })).toMatchObject({
      ok: true,
      value: { beginDate: '2024-08-30', closeDate: '2024-09-09' },
    })
    expect(mapDeal({ ...p.dealGet, CLOSEDATE: 'next friday' })).toMatchObject({
      ok: false,
      error: { code: 'VALIDATION' },
    })
  })
})
