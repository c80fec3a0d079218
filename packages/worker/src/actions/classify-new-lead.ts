import { recordLeadVerdict } from '@salesflow/usecases'
import type { Handler } from '../queue/types'
import type { PortalEvent } from '../intake/events'
import type { ActionContext } from './table'

/**
 * lead add → `recordLeadVerdict`: the lead classified with the administrator's current rules (the lead tab's own
 * verdict), its direction written unless a person chose one, and a timeline comment with the suggested stage.
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
    if (!state.claimLeadVerdict(leadId, d.id)) return log(`lead ${leadId}: another event writes its verdict`)
    const r = await recordLeadVerdict(gateway, { leadId })
    if (!r.ok) {
      const error = r.error
      if (error.code === 'UNKNOWN_OUTCOME') {
        state.leadVerdictDone(leadId)
        return log(`lead ${leadId}: the verdict may not have been written (answer lost); not sent again`)
      }
      state.dropLeadVerdict(leadId)
      if (error.code === 'NOT_FOUND') return log(`lead ${leadId} is gone; not classified (${d.id})`)
      if ('retriable' in error) throw new Error(`lead ${leadId}: writing the verdict: ${error.code}`)
      return log(`lead ${leadId} cannot be classified: ${error.code}`)
    }
    state.leadVerdictDone(leadId)
    log(`lead ${leadId} classified: ${r.value.direction ?? '—'}, suggested ${r.value.suggestedStage}`)
  }
}
