import { err, ok, type Result } from '@salesflow/rules'
import type { BatchAnswers, Command, PortalClient } from '../client'
import { ref, type QueryObject } from '../batch/query-string'
import type { TaskDraft } from '../domain'
import { portalError, type PortalError } from '../errors'
import { idOf } from './fetch'

const propertyFields = (values: Readonly<Record<number, string>>): QueryObject =>
  Object.fromEntries(Object.entries(values).map(([k, value]) => [`property${k}`, { value }]))

/** The first failed answer of a halted batch, in command order; NOT_EXECUTED for one that never ran. */
function firstFailure(answers: BatchAnswers, names: readonly string[]): PortalError | undefined {
  for (const n of names) {
    const a = answers[n]
    if (!a) return portalError('NOT_EXECUTED', { description: n })
    if (!a.ok) return a.error
  }
  return undefined
}

export interface ApprovalRequest {
  readonly task: TaskDraft
  readonly checklist: readonly string[]
  /** The configured product and the property values that mark it pending (the task id is added here). */
  readonly productId: number
  readonly pending: Readonly<Record<number, string>>
  /** The property the task id is written to. */
  readonly taskProperty: number
}

export interface ApprovalDecision {
  readonly taskId: number
  readonly productId: number
  /** Property values of the decision (approval, reason). */
  readonly properties: Readonly<Record<number, string>>
  /** A rejection's reason appended to the task's description; undefined for an approval. */
  readonly description?: string
  readonly dealId: number
  readonly comment: string
  /** False when the task is already closed in the portal (the worker acting on its completion): not completed again. */
  readonly completeTask?: boolean
}

/**
 * The commands of an approval request, to run in one halted batch: the task bound to the deal, its checklist,
 * and the product marked pending with the task's id. `productId` may be a `$result[...]` reference, so a batch
 * that creates the product carries the request too.
 */
export function approvalCommands(
  input: Omit<ApprovalRequest, 'productId'>,
  productId: number | string,
): Record<string, Command> {
  const d = input.task
  const commands: Record<string, Command> = {
    task: {
      method: 'tasks.task.add',
      params: {
        fields: {
          TITLE: d.title,
          DESCRIPTION: d.description,
          RESPONSIBLE_ID: d.responsibleId,
          CREATED_BY: d.createdBy,
          DEADLINE: d.deadline,
          UF_CRM_TASK: d.crm ? [...d.crm] : undefined,
          TASK_CONTROL: d.taskControl === undefined ? undefined : d.taskControl ? 'Y' : 'N',
        },
      },
      kind: 'create',
    },
  }
  input.checklist.forEach((title, i) => {
    commands[`check${i}`] = {
      method: 'task.checklistitem.add',
      params: { TASKID: ref('task', 'task', 'id'), FIELDS: { TITLE: title, SORT_INDEX: (i + 1) * 10 } },
      kind: 'create',
    }
  })
  commands['mark'] = {
    method: 'catalog.product.update',
    params: {
      id: productId,
      fields: {
        ...propertyFields(input.pending),
        [`property${input.taskProperty}`]: { value: ref('task', 'task', 'id') },
      },
    },
  }
  return commands
}

/**
 * The task id of a request's answers (`names`: its commands, in order). A task left without its checklist (or
 * an item not marked) is deleted again: nothing half-written.
 */
export async function requestOutcome(
  client: PortalClient,
  answers: BatchAnswers,
  names: readonly string[],
): Promise<Result<number, PortalError>> {
  const created = answers['task']
  if (!created?.ok) return err(created?.error ?? portalError('NOT_EXECUTED', { method: 'tasks.task.add' }))
  const taskId = idOf(created.value.result, 'tasks.task.add', 'task', 'id')
  if (!taskId.ok) return taskId
  const failed = firstFailure(answers, names)
  if (failed) {
    await client.call('tasks.task.delete', { taskId: taskId.value }, { kind: 'write' })
    return err(failed)
  }
  return ok(taskId.value)
}

export function createApprovalTaskRepository(client: PortalClient) {
  return {
    /**
     * One batch (halt): the task bound to the deal, its checklist, and the product marked pending with the task's
     * id. A task left without its checklist (or an item not marked) is deleted again: nothing half-written.
     */
    async request(input: ApprovalRequest): Promise<Result<number, PortalError>> {
      const commands = approvalCommands(input, input.productId)
      const res = await client.batch(commands, { halt: true })
      if (!res.ok) return res
      return requestOutcome(client, res.value, Object.keys(commands))
    },

    /**
     * The technician's decision in one batch (halt): a rejection's reason into the task's description, the task
     * completed, the item's approval properties, a line on the deal's timeline. A deleted task fails first, so
     * nothing else is written.
     */
    async decide(input: ApprovalDecision): Promise<Result<true, PortalError>> {
      const commands: Record<string, Command> = {
        ...(input.description !== undefined
          ? {
              describe: {
                method: 'tasks.task.update',
                params: { taskId: input.taskId, fields: { DESCRIPTION: input.description } },
              },
            }
          : {}),
        ...(input.completeTask === false
          ? {}
          : { complete: { method: 'tasks.task.complete', params: { taskId: input.taskId } } }),
        mark: {
          method: 'catalog.product.update',
          params: { id: input.productId, fields: propertyFields(input.properties) },
        },
        audit: {
          method: 'crm.timeline.comment.add',
          params: { fields: { ENTITY_ID: input.dealId, ENTITY_TYPE: 'deal', COMMENT: input.comment } },
        },
      }
      const res = await client.batch(commands, { halt: true })
      if (!res.ok) return res
      const failed = firstFailure(res.value, Object.keys(commands))
      return failed ? err(failed) : ok(true)
    },
  }
}
