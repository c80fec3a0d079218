import type { MethodTable } from '../core/context'
import { out } from '../core/context'
import { isoDateTime } from '../core/dates'
import { param, toId } from '../core/params'
import { RestError } from '../http/rest-error'
import { nextId } from '../store/store'

/**
 * Personal notifications (b24restdocs im-notify-personal-add.md): USER_ID and MESSAGE required (trimmed), the
 * answer is the new notification's id. A TAG is unique within the app: adding one removes the earlier
 * notifications with that tag, so a sender that repeats itself leaves one notification.
 */
export const imMethods: MethodTable = {
  'im.notify.personal.add': (ctx) => {
    const userId = toId(param(ctx.params, 'USER_ID'))
    if (userId === undefined) throw new RestError(400, 'USER_ID_EMPTY', "User ID can't be empty")
    const message = String(param(ctx.params, 'MESSAGE') ?? '').trim()
    if (!message) throw new RestError(400, 'MESSAGE_EMPTY', "Message can't be empty")
    const tag = String(param(ctx.params, 'TAG') ?? '')
    const fromApp = ctx.isApp
    if (tag) ctx.store.notifications = ctx.store.notifications.filter((n) => !(n.tag === tag && n.fromApp === fromApp))
    const id = nextId(ctx.store, 'notification')
    ctx.store.notifications.push({
      id,
      userId,
      fromUserId: ctx.user.id,
      message,
      messageOut: String(param(ctx.params, 'MESSAGE_OUT') ?? ''),
      tag,
      subTag: String(param(ctx.params, 'SUB_TAG') ?? ''),
      fromApp,
      created: isoDateTime(ctx.now),
    })
    return out(id)
  },
}
