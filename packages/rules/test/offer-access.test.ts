import { describe, expect, it } from 'vitest'
import { ROLES } from '../src/access/roles'
import { offerAccess } from '../src'

describe('offerAccess', () => {
  it('a viewer downloads the offer but does not attach it to the deal’s timeline', () => {
    expect(offerAccess('viewer')).toEqual({ download: true, attachToTimeline: false })
  })

  it('every role that changes deals downloads and attaches', () => {
    for (const role of ROLES.filter((r) => r !== 'viewer'))
      expect(offerAccess(role)).toEqual({ download: true, attachToTimeline: true })
  })
})
