import { parseDecimal, type NumericInput } from '../decimal'
import { err, ok, type Result } from '../result'
import type { ProcessError, SalesError } from '../sales-errors'
import { parseIsoDate, type IsoDate } from '../dates/iso-date'
import { isOneOf, isRecord, own, ownData } from '../input'
import { INVOICE_STATUSES, type InvoiceStatus } from './lifecycle'
import type { StageSemantics } from '../funnels/funnel-config'

/** A stage of a smart-invoice category (packages/portal's Stage: crm.status.list SMART_INVOICE_STAGE_{cat}). */
export interface PortalStage {
  readonly id: string
  readonly name?: string
  readonly sort: number
  readonly semantics: StageSemantics
}

type Semantics = StageSemantics

export interface InvoiceStageMap {
  readonly stages: readonly { readonly id: string; readonly semantics: Semantics; readonly sort: number }[]
  readonly statusStage: Readonly<Record<InvoiceStatus, string>>
}

const EXPECTED: Record<InvoiceStatus, Semantics> = {
  draft: 'process',
  sent: 'process',
  partiallyPaid: 'process',
  overdue: 'process',
  disputed: 'process',
  paid: 'success',
  cancelled: 'failure',
  refunded: 'failure',
}

/**
 * Maps our statuses onto a portal's invoice stages. Paid goes to the one success stage and cancelled to the
 * first failure stage, found by semantics and never by letter codes (stage `P` is "paid" but semantic `P` is
 * "process"). Without overrides: draft = first process stage by SORT, sent = the second (or the first), and
 * partiallyPaid / overdue / disputed share the sent stage; refunded shares the cancelled stage.
 * `overrides` (e.g. `{ partiallyPaid: 'DT31_2:UC_PARTIAL' }`) must name existing stages of the right semantics.
 * Errors: STAGE_SEMANTICS_INVALID (not exactly one success stage, no failure or process stage),
 * UNKNOWN_STAGE, CONFIG_INVALID (an override of the wrong semantics).
 */
export function buildInvoiceStageMap(
  portalStages: readonly PortalStage[],
  overrides: Partial<Record<InvoiceStatus, string>> = {},
): Result<InvoiceStageMap, ProcessError> {
  portalStages = ownData(portalStages)
  overrides = ownData(overrides)
  const valid = (s: unknown) =>
    isRecord(s) &&
    typeof s.id === 'string' &&
    typeof s.sort === 'number' &&
    Number.isFinite(s.sort) &&
    isOneOf(s.semantics, ['process', 'success', 'failure'] as const)
  if (!Array.isArray(portalStages) || !portalStages.every(valid)) {
    return err({ code: 'INVALID_INPUT', field: 'portalStages', value: portalStages })
  }
  if (!isRecord(overrides)) return err({ code: 'INVALID_INPUT', field: 'overrides', value: overrides })
  const stages = portalStages
    .map((s) => ({ id: s.id, semantics: s.semantics, sort: s.sort }))
    .sort((a, b) => a.sort - b.sort)
  const by = (sem: Semantics) => stages.filter((s) => s.semantics === sem)
  const [process, success, failure] = [by('process'), by('success'), by('failure')]
  if (success.length !== 1) {
    return err({ code: 'STAGE_SEMANTICS_INVALID', problem: `expected one success stage, found ${success.length}` })
  }
  if (!failure.length || !process.length) {
    return err({ code: 'STAGE_SEMANTICS_INVALID', problem: 'needs at least one process and one failure stage' })
  }
  const sent = (process[1] ?? process[0]!).id
  const cancelled = failure[0]!.id
  const statusStage: Record<InvoiceStatus, string> = {
    draft: process[0]!.id,
    sent,
    partiallyPaid: sent,
    overdue: sent,
    disputed: sent,
    paid: success[0]!.id,
    cancelled,
    refunded: cancelled,
  }
  for (const [status, stageId] of Object.entries(overrides) as [InvoiceStatus, string | undefined][]) {
    if (stageId === undefined) continue
    if (!isOneOf(status, INVOICE_STATUSES)) {
      return err({ code: 'CONFIG_INVALID', path: `overrides.${status}`, problem: 'not an invoice status' })
    }
    const stage = stages.find((s) => s.id === stageId)
    if (!stage) return err({ code: 'UNKNOWN_STAGE', stageId: String(stageId) })
    if (stage.semantics !== EXPECTED[status]) {
      return err({
        code: 'CONFIG_INVALID',
        path: `overrides.${status}`,
        problem: `${stageId} has semantics ${stage.semantics}, ${status} needs ${EXPECTED[status]}`,
      })
    }
    statusStage[status] = stageId
  }
  return ok({ stages, statusStage })
}

/** The portal stage for a status (what to write into `stageId`). */
export const stageForStatus = (map: InvoiceStageMap, status: InvoiceStatus): string => {
  // A map that buildInvoiceStageMap did not make, or an unknown status, has no stage: '' (never a throw).
  const stage = own(own(map, 'statusStage'), status)
  const stages = own(map, 'stages')
  // Only a stage the map's own stage list has (a stray string in a hand-made map is no stage).
  const known = Array.isArray(stages) && stages.some((s) => own(s, 'id') === stage)
  return typeof stage === 'string' && known ? stage : ''
}

/** What the portal item tells us besides its stage, to tell apart statuses that share a stage. */
export interface InvoiceFacts {
  readonly total: NumericInput
  readonly paid: NumericInput
  readonly dueDate: IsoDate | null
  readonly today: IsoDate
  /** Set when our own record says the invoice is contested. */
  readonly disputed?: boolean
  /** Set when our own record says money of the invoice was returned (a refund line): its payments are unpaid. */
  readonly refunded?: boolean
}

/**
 * Reads a portal stage back as a status. Success semantics is `paid` and failure is `cancelled` (or `refunded`
 * when the stage is configured for refunds and money was paid). On a process stage, a status mapped to it alone
 * wins (draft on the draft stage too); on a shared or unmapped one the facts decide: disputed, then partially paid
 * (some paid, some owed, past due or not: the lifecycle's decision), then overdue (past due, nothing paid), then sent. Errors: UNKNOWN_STAGE, INVALID_NUMBER.
 */
export function statusFromStage(
  map: InvoiceStageMap,
  stageId: string,
  facts: InvoiceFacts,
): Result<InvoiceStatus, SalesError> {
  const stages: unknown = own(map, 'stages')
  if (!Array.isArray(stages) || !isRecord(own(map, 'statusStage'))) {
    return err({ code: 'INVALID_INPUT', field: 'map', value: map })
  }
  if (!isRecord(facts)) return err({ code: 'INVALID_INPUT', field: 'facts', value: facts })
  facts = ownData(facts)
  const today = parseIsoDate(facts.today, 'today')
  if (!today.ok) return today
  if (facts.dueDate !== null) {
    const due = parseIsoDate(facts.dueDate, 'dueDate')
    if (!due.ok) return due
  }
  const stage = (stages as InvoiceStageMap['stages']).find((s) => isRecord(s) && s.id === stageId)
  if (!stage) return err({ code: 'UNKNOWN_STAGE', stageId: String(stageId) })
  const paidIn = parseDecimal(facts.paid, 'paid')
  if (!paidIn.ok) return paidIn
  const total = parseDecimal(facts.total, 'total')
  if (!total.ok) return total
  const paid = paidIn.value
  if (stage.semantics === 'success') return ok('paid')
  if (stage.semantics === 'failure') {
    const refundStage = map.statusStage.refunded !== map.statusStage.cancelled
    const refund = refundStage || paid.gt(0) || facts.refunded === true
    return ok(stageId === map.statusStage.refunded && refund ? 'refunded' : 'cancelled')
  }
  const candidates = INVOICE_STATUSES.filter((s) => EXPECTED[s] === 'process' && map.statusStage[s] === stageId)
  if (candidates.length === 1) return ok(candidates[0]!)
  if (candidates.includes('draft')) return ok('draft')
  // A shared or unmapped process stage (DT31_2:S, or a custom DT31_2:UC_CHECK) is read from the facts: the
  // portal stage may lag behind a payment or a due date, the facts do not.
  const owed = total.value.minus(paid).gt(0)
  const pastDue = facts.dueDate !== null && facts.dueDate < facts.today
  if (facts.disputed) return ok('disputed')
  if (paid.gt(0) && owed) return ok('partiallyPaid')
  return ok(pastDue && owed ? 'overdue' : 'sent')
}
