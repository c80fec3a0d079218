import { checkDealMove, type Role } from '@salesflow/rules'
import { dealSnapshot, type OpenedDeal, type PortalGateway } from '@salesflow/usecases'
import type { StateStore, GuardAction } from '../state'
import type { Handler, Parked } from '../queue/types'
import type { OutboxPublisher } from '../queue/outbox'
import type { PortalEvent } from '../intake/events'
import { refusalWords, revertWords } from './guard-words'
import { roleOfUser } from './user-role'
import type { ReadDeal } from './deal-reads'

export interface StageGuardDeps {
  readonly gateway: PortalGateway
  readonly state: StateStore
  readonly log: (line: string) => void
  /** Where the move back is announced as a deal change (the app's own writes never come back as events). */
  readonly publisher?: Pick<OutboxPublisher, 'enqueue'>
  /** The event's card, one read shared with the other deal actions (never one from before a revert of ours). */
  readonly readDeal: ReadDeal
}

/** The mover's role by the settings the deal tab reads (roleOfUser: user.admin for the worker's own user). */
async function moverRole(deps: StageGuardDeps, opened: OpenedDeal, userId: number): Promise<Role | null> {
  const me = { user: opened.card.currentUser, role: opened.role }
  return (await roleOfUser(deps.gateway, opened.settings.roles, me, userId))?.role ?? null
}

/**
 * Whether the move `from` → the deal's stage now was allowed for `role`: the deal tab's own check (the use cases'
 * dealSnapshot with the stage the guard last saw, the rules' checkDealMove with the funnels from the settings).
 */
function judge(opened: OpenedDeal, from: string, role: Role) {
  const before: OpenedDeal = { ...opened, role, card: { ...opened.card, deal: { ...opened.card.deal, stageId: from } } }
  return checkDealMove(opened.settings.funnels, dealSnapshot(before), opened.card.deal.stageId, role)
}

const categoryOf = (opened: OpenedDeal, stageId: string): number | null =>
  opened.settings.funnels.funnels.find((f) => f.stages.some((s) => s.id === stageId))?.categoryId ?? null

/**
 * The stage guard (`b24.deal.*`): a deal moved to a stage the guard forbids for the person who moved it is moved
 * back, with a timeline comment and a notification to that person saying what is missing; allowed moves are left
 * alone. The offline queue says only "deal N changed", so the worker keeps the last stage it accepted per deal
 * in its state store: the first event of a deal it has never seen records the stage as it is now and judges
 * nothing (startWorker primes the table from the portal, so only deals created since then start that way).
 *
 * Idempotent: a revert is claimed per deal in SQLite before any write and its steps (move back, comment,
 * notification) are recorded as they are done, so a redelivery or a restart resumes where it stopped and the same
 * event replayed changes the portal once. The move back is the deal tab's compare-and-set (`deals.move` from the
 * forbidden stage); the app's own writes are not queued back to its offline queue, and the stage it restores is
 * the one it already accepted, so they never trigger the guard again.
 */
export function stageGuard(deps: StageGuardDeps): Handler {
  const { state, log } = deps
  return async (d) => {
    const e = d.body as PortalEvent
    if (d.routingKey === 'b24.deal.delete' || e.entityId === null) return
    const started = state.guardAction(d.id)
    if (started) return carryOut(deps, started)

    const opened = await deps.readDeal(d, e.entityId)
    if (!opened.ok) {
      if (opened.error.code === 'NOT_FOUND') return log(`stage guard: deal ${e.entityId} is gone (${d.id})`)
      throw new Error(`stage guard: reading deal ${e.entityId}: ${opened.error.code}`)
    }
    const deal = opened.value.card.deal
    const seen = state.dealStage(deal.id)
    if (!seen) {
      if (state.firstDealStage(deal.id, deal.stageId)) log(`stage guard: deal ${deal.id} first seen at ${deal.stageId}`)
      return
    }
    // Another event's revert of this deal is under way: come back once it is done (the queue retries).
    if (seen.pendingKey !== null)
      throw new Error(`stage guard: deal ${deal.id} is being moved back by ${seen.pendingKey}`)
    if (seen.stageId === deal.stageId) return

    const accept = (why: string) => {
      if (state.acceptDealStage(deal.id, seen.stageId, deal.stageId))
        log(`stage guard: deal ${deal.id} ${seen.stageId} → ${deal.stageId} ${why}`)
    }
    if (e.userId === null) return accept('accepted (the event names nobody to judge)')
    const role = await moverRole(deps, opened.value, e.userId)
    if (role === null) return accept(`accepted (user ${e.userId} is unknown)`)
    const check = judge(opened.value, seen.stageId, role)
    if (check.ok) return accept(`allowed for ${role}`)
    if (['UNKNOWN_STAGE', 'CONFIG_INVALID', 'INVALID_NUMBER', 'INVALID_INPUT'].includes(check.error.code))
      return accept(`accepted: the guard cannot judge it (${check.error.code})`)

    const funnels = opened.value.settings.funnels
    const words = revertWords(
      deal,
      funnels,
      deal.stageId,
      seen.stageId,
      refusalWords(check.error, funnels, opened.value.card.fieldLabels),
    )
    const restoreCategory = categoryOf(opened.value, seen.stageId)
    const action: GuardAction = {
      eventKey: d.id,
      dealId: deal.id,
      movedTo: deal.stageId,
      restoreTo: seen.stageId,
      restoreCategoryId: restoreCategory !== null && restoreCategory !== deal.categoryId ? restoreCategory : null,
      userId: e.userId,
      ...words,
      step: 'claimed',
    }
    if (!state.claimRevert(action)) throw new Error(`stage guard: deal ${deal.id} changed under this event; again`)
    log(`stage guard: deal ${deal.id} ${seen.stageId} → ${deal.stageId} refused for ${role} (${check.error.code})`)
    return carryOut(deps, action)
  }
}

/** The revert's remaining steps, each recorded once done (a repeat of a step never writes twice). */
async function carryOut(deps: StageGuardDeps, a: GuardAction): Promise<void> {
  const { repositories } = deps.gateway
  const { state, log } = deps
  let step = a.step
  if (step === 'claimed') {
    const patch = {
      STAGE_ID: a.restoreTo,
      ...(a.restoreCategoryId === null ? {} : { CATEGORY_ID: a.restoreCategoryId }),
    }
    const moved = await repositories.deals.move(a.dealId, a.movedTo, patch)
    if (!moved.ok) {
      const e = moved.error
      let actual = e.code === 'CONFLICT' ? e.actual : undefined
      if (e.code === 'UNKNOWN_OUTCOME') {
        const now = await repositories.deals.get(a.dealId)
        if (!now.ok) throw new Error(`stage guard: deal ${a.dealId} unknown after the move back: ${now.error.code}`)
        actual = now.value.stageId
      }
      if (actual === undefined) throw new Error(`stage guard: moving deal ${a.dealId} back: ${e.code}`)
      if (actual !== a.restoreTo) {
        // Moved on since (someone else's write): the next event judges that move from the stage accepted before.
        state.guardStep(a.eventKey, 'superseded')
        return log(`stage guard: deal ${a.dealId} moved on to ${String(actual)}; not moved back (${a.eventKey})`)
      }
      // Already back at the restored stage: a write of ours whose answer was lost before a restart.
    }
    const change: PortalEvent = {
      name: 'ONCRMDEALUPDATE',
      entityId: a.dealId,
      entityTypeId: null,
      occurredAt: new Date().toISOString(),
      userId: null,
    }
    deps.publisher?.enqueue('b24.deal.update', `${a.eventKey}/moved-back`, change)
    state.guardStep(a.eventKey, (step = 'reverted'))
    log(`stage guard: deal ${a.dealId} moved back ${a.movedTo} → ${a.restoreTo}`)
  }
  if (step === 'reverted') {
    const c = await repositories.timeline.addComment('deal', a.dealId, a.comment)
    // A comment is a create: a lost answer is not re-sent (a second comment is worse than none), only logged.
    if (!c.ok && c.error.code !== 'UNKNOWN_OUTCOME')
      throw new Error(`stage guard: comment on deal ${a.dealId}: ${c.error.code}`)
    if (!c.ok) log(`stage guard: the comment on deal ${a.dealId} may not have been written (answer lost)`)
    state.guardStep(a.eventKey, (step = 'commented'))
  }
  if (step === 'commented') {
    // The tag makes a repeat replace the notification instead of adding a second one.
    const n = await repositories.notifications.notify(a.userId, a.notice, `salesflow.guard.${a.dealId}.${a.eventKey}`)
    if (!n.ok) throw new Error(`stage guard: notifying user ${a.userId}: ${n.error.code}`)
    state.guardStep(a.eventKey, 'done')
    log(`stage guard: user ${a.userId} told why deal ${a.dealId} went back`)
  }
}

/**
 * A parked guard message gives its deal up: the revert it claimed stops where it is (logged) and the deal's later
 * events are judged again from the stage accepted before, instead of waiting for a revert that will not finish.
 */
export function releaseParkedGuard(state: StateStore, p: Parked, log: (line: string) => void): void {
  const a = state.guardAction(p.delivery.id)
  if (!a || ['done', 'superseded', 'parked'].includes(a.step)) return
  state.guardStep(a.eventKey, 'parked')
  log(`stage guard: deal ${a.dealId} released; its revert stopped at step ${a.step} (${a.eventKey})`)
}

/**
 * Records the stage of every deal the worker has not seen yet (2,500 per round trip), so the first move of an
 * existing deal is judged from where it stood when the worker started. Returns how many were recorded.
 */
export async function primeDealStages(gateway: PortalGateway, state: StateStore): Promise<number> {
  const deals = await gateway.repositories.deals.list({})
  if (!deals.ok) throw new Error(`stage guard: reading the deals' stages: ${deals.error.code}`)
  let n = 0
  for (const deal of deals.value.records) if (state.firstDealStage(deal.id, deal.stageId)) n++
  return n
}
