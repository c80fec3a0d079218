import type { Result } from '@salesflow/rules'
import type { PortalClient } from '../client'
import type { PortalError } from '../errors'
import { idOf } from './fetch'

export function createNotificationRepository(client: PortalClient) {
  return {
    /**
     * im.notify.personal.add to `userId` (application auth). The tag is unique within the app: sending again with
     * the same tag replaces the earlier notification, so the call is safe to repeat (a write, not a create).
     * Returns the notification's id.
     */
    async notify(userId: number, message: string, tag: string): Promise<Result<number, PortalError>> {
      const res = await client.call(
        'im.notify.personal.add',
        { USER_ID: userId, MESSAGE: message, TAG: tag },
        { kind: 'write' },
      )
      return res.ok ? idOf(res.value.result, 'im.notify.personal.add') : res
    },
  }
}
