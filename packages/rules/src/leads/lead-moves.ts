import type { Actor } from '../access/roles'
import { err, ok, type Result } from '../result'
import type { ProcessError } from '../sales-errors'
import { isOneOf, isRecord, own, ownData } from '../input'
import { DIRECTIONS, type Direction } from './rule-set'
import { LEAD_MACHINE, LEAD_STAGES, transitionLead, type LeadEventType, type LeadStage } from './stages'

/** What a move asks the person for when the lead lacks it: a phone or an e-mail, a direction, a reason. */
export type LeadNeed = 'contact' | 'direction' | 'reason'

/** What the lead has, as far as the moves' guards look. */
export interface LeadMoveSnapshot {
  readonly hasPhone: boolean
  readonly hasEmail: boolean
  /** The direction chosen so far (the lead's field or the verdict), '' when none. */
  readonly direction: string
}

export interface LeadMoveOption {
  readonly event: LeadEventType
  readonly target: LeadStage
  /** ok when the role may make the move; ROLE_NOT_ALLOWED otherwise. */
  readonly allowed: Result<true, ProcessError>
  /** What the form must ask for before the move (empty: it can go at once). */
  readonly needs: readonly LeadNeed[]
}

/** The data each move needs besides the role: a way to reach the client before work starts, and so on. */
function needsOf(event: LeadEventType, lead: LeadMoveSnapshot): LeadNeed[] {
  if (event === 'TAKE') return lead.hasPhone === true || lead.hasEmail === true ? [] : ['contact']
  if (event === 'QUALIFY') return isOneOf(lead.direction, DIRECTIONS) ? [] : ['direction']
  if (event === 'DISQUALIFY') return ['reason'] // always chosen by the person, never assumed
  return []
}

/** Every move from `stage` with whether the actor may make it and what it needs (none for an unknown stage). Pure. */
export function leadMoveOptions(stage: LeadStage, lead: LeadMoveSnapshot, actor: Actor): LeadMoveOption[] {
  if (!isOneOf(stage, LEAD_STAGES) || !isRecord(lead)) return []
  lead = ownData(lead)
  const moves = LEAD_MACHINE[stage]
  return (Object.keys(moves) as LeadEventType[]).map((event) => {
    const t = moves[event]!
    return {
      event,
      target: t.target,
      allowed: t.roles.includes(actor) ? ok(true) : err({ code: 'ROLE_NOT_ALLOWED', actor, allowed: t.roles }),
      needs: needsOf(event, lead),
    }
  })
}

/**
 * Checks a move with the values a form gave: the role, the transition, then the needs (a phone or an e-mail for
 * TAKE, a direction for QUALIFY, a reason for DISQUALIFY). Errors: those of transitionLead, GUARD_FAILED with
 * `CONTACT_REQUIRED` / `DIRECTION_REQUIRED` / `REASON_REQUIRED`, INVALID_INPUT (a snapshot or values that are no
 * record).
 */
export function checkLeadMove(
  stage: LeadStage,
  event: LeadEventType,
  lead: LeadMoveSnapshot,
  actor: Actor,
  values: { readonly direction?: string; readonly reason?: string } = {},
): Result<LeadStage, ProcessError> {
  if (!isRecord(lead)) return err({ code: 'INVALID_INPUT', field: 'lead', value: lead })
  if (!isRecord(values)) return err({ code: 'INVALID_INPUT', field: 'values', value: values })
  lead = ownData(lead)
  const direction = own(values, 'direction') ?? lead.direction
  const reason = own(values, 'reason') ?? ''
  const e =
    event === 'QUALIFY'
      ? { type: event, direction: direction as Direction | '' }
      : event === 'DISQUALIFY'
        ? { type: event, reason: reason as string }
        : { type: event }
  const next = transitionLead(stage, e, actor)
  if (!next.ok) return next
  if (event === 'TAKE' && needsOf('TAKE', lead).length > 0)
    return err({ code: 'GUARD_FAILED', guard: 'CONTACT_REQUIRED' })
  return next
}
