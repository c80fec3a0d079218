import type { PortalGateway } from '@salesflow/usecases'
import type { StateStore } from '../state'
import type { OutboxPublisher } from '../queue/outbox'
import type { Handler } from '../queue/types'
import { stageGuard } from './stage-guard'
import { publishDeal } from './publish-deal'
import { invoiceOnStage } from './invoice-on-stage'
import { classifyNewLead } from './classify-new-lead'
import { approvalTask } from './approval-task'
import { sharedDealReads, type ReadDeal } from './deal-reads'

/** What an action gets to work with: the portal through the use cases' gateway, the state, the outbox. */
export interface ActionContext {
  readonly gateway: PortalGateway
  readonly state: StateStore
  readonly publisher: OutboxPublisher
  readonly log: (line: string) => void
  /** A deal event's card: one read shared by the actions that take the event (deal-reads.ts). */
  readonly readDeal: ReadDeal
}

/** The context every action of one worker shares (one set of shared deal reads). */
export function actionContext(ctx: Omit<ActionContext, 'readDeal'>): ActionContext {
  return { ...ctx, readDeal: sharedDealReads(ctx.gateway, ctx.state) }
}

/** One consumer of portal events: its queue, the events it takes and what it does with each. */
export interface WorkerAction {
  /** Names its queues (`<exchange>.<name>…`) and its scope of finished event keys. */
  readonly name: string
  /** The events it takes: a topic pattern over `b24.<deal|lead|invoice|task>.<add|update|delete>`. */
  readonly pattern: string
  /** Events handled at once per worker; 1 keeps one deal's events in order within a worker. */
  readonly concurrency?: number
  readonly handler: (ctx: ActionContext) => Handler
}

/**
 * Every action of the worker, by the events it takes. Each one is idempotent (the same event twice changes the
 * portal once) and calls the same use cases as the widgets. An action for another event (an invoice on a stage,
 * a new lead, a task's approval) is one more row here.
 */
export const ACTIONS: readonly WorkerAction[] = [
  { name: 'stage-guard', pattern: 'b24.deal.*', concurrency: 1, handler: stageGuard },
  { name: 'deal-snapshot', pattern: 'b24.deal.*', concurrency: 1, handler: publishDeal },
  { name: 'invoice-on-stage', pattern: 'b24.deal.*', concurrency: 1, handler: invoiceOnStage },
  { name: 'lead-classifier', pattern: 'b24.lead.add', handler: classifyNewLead },
  { name: 'approvals', pattern: 'b24.task.update', handler: approvalTask },
]
