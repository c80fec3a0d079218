import type { Role } from './roles'

/** What a role may do with the deal's commercial offer. */
export interface OfferAccess {
  /** Render the PDF / DOCX and save it locally: reading what the role already sees in the deal. */
  readonly download: boolean
  /** Attach the PDF to the deal's timeline: a change to the deal, so only roles that change CRM data. */
  readonly attachToTimeline: boolean
}

/**
 * The offer rule every widget asks (never decides itself): everyone with access to the deal may download its
 * offer; a viewer only downloads, since attaching the PDF to the timeline writes to the deal and the portal
 * refuses a read-only user (ACCESS_DENIED) after the download already happened.
 */
export function offerAccess(role: Role): OfferAccess {
  return { download: true, attachToTimeline: role !== 'viewer' }
}
