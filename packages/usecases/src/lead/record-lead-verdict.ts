import { encodeListValues, type PortalError } from '@salesflow/portal'
import type { Direction, LeadExplanation, LeadStage, Result, SalesError } from '@salesflow/rules'
import type { UsecaseError } from '../errors'
import type { PortalGateway } from '../gateway'
import { classifyLead } from './classify-lead'

const STAGE: Record<LeadStage, { ru: string; en: string }> = {
  new: { ru: 'Новый', en: 'New' },
  inWork: { ru: 'В работе', en: 'In work' },
  qualified: { ru: 'Квалифицирован', en: 'Qualified' },
  unqualified: { ru: 'Некачественный', en: 'Unqualified' },
}

/** The verdict as a timeline comment, in both languages of the portal's users (the tab shows the same). */
export function verdictComment(x: LeadExplanation): string {
  const v = x.verdict
  const stage = STAGE[x.suggestedStage]
  const rules = x.fired.map((r) => r.rule).join(', ')
  const ru = `salesflow: направление «${v.direction}», рекомендуемый этап «${stage.ru}»${rules ? ` (сработали правила: ${rules})` : ' (не сработало ни одно правило)'}.`
  const en = `salesflow: direction «${v.direction}», suggested stage «${stage.en}»${rules ? ` (rules fired: ${rules})` : ' (no rule fired)'}.`
  return `${ru}\n${en}`
}

export interface RecordedLeadVerdict {
  readonly direction: Direction | null
  readonly suggestedStage: LeadStage
  /** Whether the direction went into the lead's field (false: a person had chosen one, or the rules gave none). */
  readonly directionWritten: boolean
}

/**
 * Classifies a lead with the administrator's current rules (classifyLead: the lead tab's own verdict) and records
 * it: the direction into the settings' direction field, as the portal stores a list value (its item's ID), unless a
 * person already chose one, and a timeline comment with the direction and the suggested stage, in one batch.
 * Errors: classifyLead's, LIST_VALUE_UNKNOWN when the field does not list the direction, the portal's.
 */
export async function recordLeadVerdict(
  gateway: PortalGateway<'leads' | 'timeline'>,
  input: { readonly leadId: number },
): Promise<Result<RecordedLeadVerdict, PortalError | SalesError | UsecaseError>> {
  const classified = await classifyLead(gateway, { leadId: input.leadId })
  if (!classified.ok) return classified
  const { explanation, opened } = classified.value
  const field = opened.leadSettings.status.directionField
  const own = opened.card.lead.userFields[field]
  const direction = explanation.verdict.direction ?? null
  const chosen = typeof own === 'string' && own !== ''
  const comment = verdictComment(explanation)
  const done = (directionWritten: boolean) =>
    ({ ok: true, value: { direction, suggestedStage: explanation.suggestedStage, directionWritten } }) as const
  if (chosen || !direction) {
    // Nothing to update (the portal refuses an empty update): the comment alone.
    const written = await gateway.repositories.timeline.addComment('lead', input.leadId, comment)
    return written.ok ? done(false) : written
  }
  const patch = encodeListValues({ [field]: direction }, opened.card.leadFields)
  if (!patch.ok) return { ok: false, error: { code: 'LIST_VALUE_UNKNOWN', field: patch.field, value: patch.value } }
  const written = await gateway.repositories.leads.updateWithComment(input.leadId, patch.value, comment)
  return written.ok ? done(true) : written
}
