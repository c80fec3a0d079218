import { checkApprover, checkRequester, type Configuration, type Result } from '@salesflow/rules'
import type { PortalGateway } from '../gateway'
import { checkConfiguration } from './configure'
import { ensureConfiguredItem, type EnsuredItem } from './ensure-item'
import type { ConfiguratorError, ConfiguredItem, OpenedConfigurator } from './open-configurator'

const DAY = 86_400_000

/** The task's deadline: `days` after `now`, as the portal takes it (ISO without zone: the portal's time). */
function deadline(now: number, days: number): string {
  return new Date(now + days * DAY).toISOString().slice(0, 19)
}

/**
 * Sends a valid configuration to the technical department: its catalog item (reused by fingerprint or created),
 * then one batch with the task bound to the deal, its checklist of components and the item marked pending.
 * An item already approved or waiting is returned as it is: nothing is sent twice.
 * Errors: ROLE_NOT_ALLOWED, CONFIGURATION_INVALID, the price's, NO_APPROVER, the portal's.
 */
export async function sendForApproval(
  gateway: PortalGateway<'approvalTasks' | 'configuredProducts'>,
  opened: OpenedConfigurator,
  input: { readonly configuration: Configuration; readonly now: number },
): Promise<Result<EnsuredItem, ConfiguratorError>> {
  const allowed = checkRequester(opened.role)
  if (!allowed.ok) return allowed
  const state = checkConfiguration(opened, input.configuration)
  if (!state.valid || !state.item)
    return { ok: false, error: { code: 'CONFIGURATION_INVALID', violations: state.violations } }
  if (!state.price.ok) return state.price
  if (opened.approverId === null) return { ok: false, error: { code: 'NO_APPROVER' } }
  const { card, settings } = opened
  // The checklist follows the model's order of components (the administrator's), one line per part.
  const canonical = state.item.configuration
  const parts = new Map(canonical.components)
  const platform = settings.model.platforms.find((p) => p.id === canonical.platformId)
  const checklist = [
    platform?.name ?? canonical.platformId,
    ...settings.model.components.filter((c) => parts.has(c.id)).map((c) => `${c.name} × ${parts.get(c.id)}`),
  ]
  const props = settings.catalog.properties
  const request = {
    task: {
      title: `Согласовать конфигурацию ${state.item.article} по сделке «${card.deal.title}» (#${card.deal.id})`,
      description: [
        `Сделка: ${card.deal.title} (#${card.deal.id})`,
        `Изделие: ${state.item.name}`,
        `Артикул: ${state.item.article}`,
        `Цена: ${state.price.value.listPrice} ${state.price.value.currency}`,
      ].join('\n'),
      responsibleId: opened.approverId,
      createdBy: card.currentUser.id,
      deadline: deadline(input.now, settings.approval.deadlineDays),
      crm: [`D_${card.deal.id}`],
    },
    checklist,
    pending: { [props.approval]: 'pending', [props.reason]: '' },
    taskProperty: props.task,
  }
  // A new item is created and sent in one batch (round trip 2 after the fingerprint look-up); a creator that
  // lost a race gets the winner's item, which the winner's own batch sent.
  const ensured = await ensureConfiguredItem(
    gateway,
    opened,
    { configuration: input.configuration, item: state.item, price: state.price.value },
    request,
  )
  if (!ensured.ok) return ensured
  const { item, how } = ensured.value
  if (how !== 'found' || item.approval === 'approved' || (item.approval === 'pending' && item.taskId !== null))
    return ensured
  const taskId = await gateway.repositories.approvalTasks.request({ ...request, productId: item.productId })
  if (!taskId.ok) return taskId
  return {
    ok: true,
    value: { ...ensured.value, item: { ...item, approval: 'pending', taskId: taskId.value, reason: null } },
  }
}

/**
 * The technician's decision on a waiting item: approve completes the task and marks the item approved; reject
 * (a reason is required) writes the reason into the task and the item, completes the task; both leave a line on
 * the deal's timeline. Errors: ROLE_NOT_ALLOWED (anybody but the technician), REASON_REQUIRED, NOT_PENDING,
 * TASK_NOT_FOUND (the task was deleted in the portal: nothing is written), the portal's.
 */
export async function decideApproval(
  gateway: PortalGateway<'approvalTasks'>,
  opened: OpenedConfigurator,
  input: {
    readonly item: ConfiguredItem
    readonly decision: 'approve' | 'reject'
    readonly reason?: string
    /** The task was closed in the portal already (the worker, on its completion event): it is not completed again. */
    readonly taskClosed?: boolean
  },
): Promise<Result<ConfiguredItem, ConfiguratorError>> {
  const allowed = checkApprover(opened.role)
  if (!allowed.ok) return allowed
  const reason = (input.reason ?? '').trim()
  if (input.decision === 'reject' && reason === '') return { ok: false, error: { code: 'REASON_REQUIRED' } }
  const { item } = input
  if (item.approval !== 'pending' || item.taskId === null)
    return { ok: false, error: { code: 'NOT_PENDING', approval: item.approval } }
  const props = opened.settings.catalog.properties
  const who = opened.card.currentUser.fullName || `#${opened.card.currentUser.id}`
  const approve = input.decision === 'approve'
  const written = await gateway.repositories.approvalTasks.decide({
    taskId: item.taskId,
    productId: item.productId,
    properties: { [props.approval]: approve ? 'approved' : 'rejected', [props.reason]: approve ? '' : reason },
    ...(approve ? {} : { description: `Отклонено: ${reason}` }),
    dealId: opened.card.deal.id,
    ...(input.taskClosed ? { completeTask: false } : {}),
    comment: approve
      ? `Конфигурация ${item.article} согласована (${who})`
      : `Конфигурация ${item.article} отклонена (${who}): ${reason}`,
  })
  if (!written.ok) {
    const e = written.error
    const gone = e.restCode === 'ERROR_CORE' && /not found/i.test(e.description ?? '')
    return gone ? { ok: false, error: { code: 'TASK_NOT_FOUND', taskId: item.taskId } } : written
  }
  return { ok: true, value: { ...item, approval: approve ? 'approved' : 'rejected', reason: approve ? null : reason } }
}
