import { decideApproval, openConfigurator, readSettings } from '@salesflow/usecases'
import type { Handler } from '../queue/types'
import type { PortalEvent } from '../intake/events'
import type { ActionContext } from './table'
import { roleOfUser } from './user-role'

/** tasks' STATUS: 4 done and waiting for the creator's check, 5 completed, 7 declined. */
const DONE = new Set(['4', '5'])
const DECLINED = '7'

/** The reason a rejection needs, when the technician declined the task in the portal rather than in the tab. */
const DECLINED_REASON = 'задача согласования отклонена в Битрикс24 / the approval task was declined in Bitrix24'

/**
 * task update → if the task is a salesflow approval task (bound to a deal whose configurator knows an item waiting
 * on this task), its completion approves the item and its refusal (declined) rejects it, through the technician
 * tab's own `decideApproval`, acting as the person who changed the task (their role decides: only the technician
 * may). The task is closed already, so it is not completed again. Replays are no-ops: the item is no longer pending.
 */
export function approvalTask({ gateway, log }: ActionContext): Handler {
  return async (d) => {
    const e = d.body as PortalEvent
    if (d.routingKey !== 'b24.task.update' || e.entityId === null) return
    const task = await gateway.repositories.tasks.get(e.entityId)
    if (!task.ok) {
      const gone =
        task.error.code === 'NOT_FOUND' ||
        (task.error.restCode === 'ERROR_CORE' && /not found/i.test(task.error.description ?? ''))
      if (gone) return log(`approval: task ${e.entityId} is gone (${d.id})`)
      throw new Error(`approval: tasks.task.get ${e.entityId}: ${task.error.code}`)
    }
    const t = task.value
    const decision = DONE.has(t.status) ? 'approve' : t.status === DECLINED ? 'reject' : null
    if (decision === null) return
    const dealId = t.crm.map((b) => /^D_(\d+)$/.exec(b)?.[1]).find((x) => x !== undefined)
    if (dealId === undefined) return

    const opened = await openConfigurator(gateway, { dealId: Number(dealId) })
    if (!opened.ok) {
      if ('retriable' in opened.error)
        throw new Error(`approval: openConfigurator ${dealId}: ${opened.error.code} (${opened.error.message.en})`)
      return log(`approval: deal ${dealId}'s configurator cannot open: ${opened.error.code}`)
    }
    const item = opened.value.items.find((i) => i.taskId === t.id)
    if (!item) return // not one of ours
    if (item.approval !== 'pending') return // decided already (by the tab, or this event before)

    const me = { user: opened.value.card.currentUser, role: opened.value.role }
    const actorId = e.userId ?? t.responsibleId
    const actor =
      actorId === null ? null : await roleOfUser(gateway, readSettings(opened.value.card.appOptions).roles, me, actorId)
    if (!actor) return log(`approval: task ${t.id} closed by an unknown user; item ${item.article} stays pending`)
    const asActor = { ...opened.value, role: actor.role, card: { ...opened.value.card, currentUser: actor.user } }
    const decided = await decideApproval(gateway, asActor, {
      item,
      decision,
      ...(decision === 'reject' ? { reason: DECLINED_REASON } : {}),
      taskClosed: true,
    })
    if (decided.ok)
      return log(`approval: item ${item.article} ${decided.value.approval} by task ${t.id} (user ${actor.user.id})`)
    const error = decided.error
    if ('retriable' in error) throw new Error(`approval: task ${t.id}: ${error.code} (${error.message.en})`)
    log(
      `approval: task ${t.id} closed by user ${actor.user.id} (${actor.role}); item ${item.article} not decided: ${error.code}`,
    )
  }
}
