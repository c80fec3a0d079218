import { generateInvoice } from '@salesflow/usecases'
import type { Handler } from '../queue/types'
import type { PortalEvent } from '../intake/events'
import type { ActionContext } from './table'
import { readWorkerSettings } from './worker-settings'

/** The stage guard's consumer: the invoice waits for its verdict on the same event. */
const GUARD = 'stage-guard'

/** One invoice per deal and stage, whatever the amount or the number of events does meanwhile. */
export const stageInvoiceKey = (dealId: number, stageId: string): string => `inv:${dealId}:stage:${stageId}`

/** The invoice date: the worker's today (UTC), as `generateInvoice` takes it from its caller. */
const today = () => new Date().toISOString().slice(0, 10)

/**
 * deal add/update → a deal standing at the invoice stage of the settings (`salesflow.worker`.invoiceStage) gets its
 * invoice for the whole amount through the invoice panel's `generateInvoice`, as `system`, with a key of its own per
 * deal and stage: any number of events, replays, restarts or workers give one invoice.
 *
 * Only a move the stage guard accepted counts: until the guard has judged this event the message is retried (it
 * is parked if the guard never does); a move it refused (moved back) issues nothing. A refusal of the rules (no rows, no
 * requisites…) is logged and the event finished: the deal's next change at the stage tries again.
 */
export function invoiceOnStage({ gateway, readDeal, state, log }: ActionContext): Handler {
  return async (d) => {
    const e = d.body as PortalEvent
    if (d.routingKey === 'b24.deal.delete' || e.entityId === null) return
    const opened = await readDeal(d, e.entityId) // the card the other deal actions read for this event
    if (!opened.ok) {
      if (opened.error.code === 'NOT_FOUND') return log(`invoice on stage: deal ${e.entityId} is gone (${d.id})`)
      throw new Error(`invoice on stage: reading deal ${e.entityId}: ${opened.error.code}`)
    }
    const { deal, appOptions } = opened.value.card
    const { settings, problem } = readWorkerSettings(appOptions)
    if (problem) log(`invoice on stage: ${problem}; the default applies`)
    if (settings.invoiceStage === null || deal.stageId !== settings.invoiceStage) return

    const accepted = state.dealStage(deal.id)
    if (!accepted || accepted.stageId !== deal.stageId || accepted.pendingKey !== null) {
      if (!state.isProcessed(GUARD, d.id))
        // An attempt (not a deferral): a guard message that never finishes must not hold this one forever.
        throw new Error(`invoice on stage: deal ${deal.id} waits for the stage guard's verdict (${d.id})`)
      return log(`invoice on stage: deal ${deal.id} at ${deal.stageId} was not accepted by the stage guard`)
    }

    const issued = await generateInvoice(gateway, {
      dealId: deal.id,
      mode: { kind: 'full' },
      today: today(),
      actor: 'system',
      idempotencyKey: stageInvoiceKey(deal.id, deal.stageId),
    })
    if (issued.ok) {
      const i = issued.value
      return log(
        `invoice on stage: deal ${deal.id} ${i.created ? 'invoiced' : 'already invoiced'}: invoice ${i.id} (${i.accountNumber}) ${i.opportunity} ${i.currency}`,
      )
    }
    // The portal's errors come back (retries, then parking); the rules' refusals will not change by retrying.
    if ('retriable' in issued.error)
      throw new Error(`invoice on stage: deal ${deal.id}: ${issued.error.code} (${issued.error.message.en})`)
    log(`invoice on stage: deal ${deal.id} not invoiced: ${issued.error.code}`)
  }
}
