import { describe, expect, it } from 'vitest'
import { ROLES } from '../src/access/roles'
import { canIssueInvoice, offerAccess } from '../src'

describe('offerAccess', () => {
  it('a viewer downloads the offer but does not attach it to the deal’s timeline', () => {
    expect(offerAccess('viewer')).toEqual({ download: true, attachToTimeline: false })
  })

  it('every role that changes deals downloads and attaches', () => {
    for (const role of ROLES.filter((r) => r !== 'viewer'))
      expect(offerAccess(role)).toEqual({ download: true, attachToTimeline: true })
  })
})

describe('canIssueInvoice', () => {
  it('lets the manager, the accountant, the admin and the worker issue, not a technician or a viewer', () => {
    const allowed = (['admin', 'manager', 'accountant', 'technician', 'viewer', 'system'] as const).filter(
      canIssueInvoice,
    )
    expect(allowed).toEqual(['admin', 'manager', 'accountant', 'system'])
  })
})
