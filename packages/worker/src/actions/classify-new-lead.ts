import type { LeadExplanation, LeadStage } from '@salesflow/rules'
import { classifyLead } from '@salesflow/usecases'
import type { Handler } from '../queue/types'
import type { PortalEvent } from '../intake/events'
import type { ActionContext } from './table'

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

/**
 * lead add → the lead classified with the administrator's current rules (`classifyLead`: the lead tab's own
 * verdict, settings read from the portal at this event) and the verdict written the way the tab writes a lead:
 * its direction into the direction field of the settings (only when the lead has none: a person's choice stays)
 * and a timeline comment with the direction and the suggested stage, in one batch (`leads.updateWithComment`).
 *
 * Written at most once per lead: the write is claimed in SQLite first; a claim found unfinished (a crash after the
 * batch was sent) is not sent again, a write the portal refused is given up and retried.
 */
export function classifyNewLead({ gateway, state, log }: ActionContext): Handler {
  return async (d) => {
    const e = d.body as PortalEvent
    if (d.routingKey !== 'b24.lead.add' || e.entityId === null) return
    const leadId = e.entityId
    const before = state.leadVerdict(leadId)
    if (before === 'done') return
    if (before === 'claimed') {
      state.leadVerdictDone(leadId)
      return log(`lead ${leadId}: a verdict write was cut off; it may be on the lead and is not sent again`)
    }
    const classified = await classifyLead(gateway, { leadId })
    if (!classified.ok) {
      const error = classified.error
      if (error.code === 'NOT_FOUND') return log(`lead ${leadId} is gone; not classified (${d.id})`)
      if ('retriable' in error) throw new Error(`lead ${leadId}: classifyLead: ${error.code} (${error.message.en})`)
      return log(`lead ${leadId} cannot be classified: ${error.code}`)
    }
    const { explanation, opened } = classified.value
    const field = opened.leadSettings.status.directionField
    const own = opened.card.lead.userFields[field]
    const direction = explanation.verdict.direction
    const fields = (typeof own === 'string' && own !== '') || !direction ? null : { [field]: direction }

    // Nothing to update (the portal refuses an empty update): the comment alone.
    if (!state.claimLeadVerdict(leadId, d.id)) return log(`lead ${leadId}: another event writes its verdict`)
    const { leads, timeline } = gateway.repositories
    const comment = verdictComment(explanation)
    const written = fields
      ? await leads.updateWithComment(leadId, fields, comment)
      : await timeline.addComment('lead', leadId, comment)
    if (!written.ok && written.error.code !== 'UNKNOWN_OUTCOME') {
      state.dropLeadVerdict(leadId)
      throw new Error(`lead ${leadId}: writing the verdict: ${written.error.code}`)
    }
    state.leadVerdictDone(leadId)
    log(
      written.ok
        ? `lead ${leadId} classified: ${direction}, suggested ${explanation.suggestedStage}`
        : `lead ${leadId}: the verdict may not have been written (answer lost); not sent again`,
    )
  }
}
