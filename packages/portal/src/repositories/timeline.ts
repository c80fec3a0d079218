import type { Result } from '@salesflow/rules'
import type { PortalClient } from '../client'
import type { PortalError } from '../errors'
import { idOf } from './fetch'

export type TimelineEntity = 'deal' | 'lead' | 'contact' | 'company' | `dynamic_${number}`

export function createTimelineRepository(client: PortalClient) {
  return {
    /** crm.timeline.comment.add with optional files (`[name, base64]`); a create, never retried blindly. */
    async addComment(
      entityType: TimelineEntity,
      entityId: number,
      comment: string,
      files: readonly (readonly [string, string])[] = [],
    ): Promise<Result<number, PortalError>> {
      const res = await client.call('crm.timeline.comment.add', {
        fields: {
          ENTITY_ID: entityId,
          ENTITY_TYPE: entityType,
          COMMENT: comment,
          FILES: files.length > 0 ? files.map(([n, b]) => [n, b]) : undefined,
        },
      })
      return res.ok ? idOf(res.value.result, 'crm.timeline.comment.add') : res
    },
  }
}
