import { err, ok, type Result } from '../result'
import type { ProcessError } from '../sales-errors'
import type { Actor } from '../access/roles'
import type { StageSemantics } from '../funnels/funnel-config'
import { DIRECTIONS, type Direction } from './rule-set'
import { isOneOf, isRecord, own, ownData } from '../input'

/** Our lead stages; the portal's status ids are configuration (LeadStatusConfig). */
export type LeadStage = 'new' | 'inWork' | 'qualified' | 'unqualified'
export const LEAD_STAGES: readonly LeadStage[] = ['new', 'inWork', 'qualified', 'unqualified']

export type LeadEvent =
  | { readonly type: 'TAKE' }
  /** Qualified leads convert to a deal of their direction's flow; the direction is required. */
  | { readonly type: 'QUALIFY'; readonly direction: Direction | '' }
  /** Archived with a reason (UF_CRM_SF_JUNK), never silently. */
  | { readonly type: 'DISQUALIFY'; readonly reason: string }
  | { readonly type: 'REOPEN' }
export type LeadEventType = LeadEvent['type']

interface LeadTransition {
  readonly target: LeadStage
  readonly roles: readonly Actor[]
  readonly guard?: (e: LeadEvent) => string | undefined
}

const PEOPLE: readonly Actor[] = ['manager', 'admin']
const needsReason = (e: LeadEvent) =>
  e.type === 'DISQUALIFY' && !(typeof e.reason === 'string' && e.reason.trim()) ? 'REASON_REQUIRED' : undefined
const needsDirection = (e: LeadEvent) =>
  e.type === 'QUALIFY' && !isOneOf(e.direction, DIRECTIONS) ? 'DIRECTION_REQUIRED' : undefined

/**
 * New → In work → Qualified (converts to a deal) | Unqualified (archived with a reason). Spam may be
 * disqualified straight from New; an archived lead may be reopened. The worker (`system`) may take a lead
 * into work and disqualify by an unambiguous rule verdict, never qualify: conversion creates a deal.
 */
export const LEAD_MACHINE: Readonly<Record<LeadStage, Partial<Record<LeadEventType, LeadTransition>>>> = {
  new: {
    TAKE: { target: 'inWork', roles: [...PEOPLE, 'system'] },
    DISQUALIFY: { target: 'unqualified', roles: [...PEOPLE, 'system'], guard: needsReason },
  },
  inWork: {
    QUALIFY: { target: 'qualified', roles: PEOPLE, guard: needsDirection },
    DISQUALIFY: { target: 'unqualified', roles: [...PEOPLE, 'system'], guard: needsReason },
  },
  unqualified: {
    REOPEN: { target: 'inWork', roles: PEOPLE },
  },
  qualified: {},
}

/** Pure step of the lead stage model. Errors: TRANSITION_NOT_ALLOWED, ROLE_NOT_ALLOWED, GUARD_FAILED. */
export function transitionLead(from: LeadStage, event: LeadEvent, actor: Actor): Result<LeadStage, ProcessError> {
  if (!isRecord(event)) return err({ code: 'INVALID_INPUT', field: 'event', value: event })
  event = ownData(event)
  // Own keys only: a stage or event named 'toString' or '__proto__' is no transition.
  const t = own(own(LEAD_MACHINE, from), event.type) as LeadTransition | undefined
  if (!t) return err({ code: 'TRANSITION_NOT_ALLOWED', from: String(from), event: String(event.type) })
  if (!t.roles.includes(actor)) return err({ code: 'ROLE_NOT_ALLOWED', actor, allowed: t.roles })
  const failed = t.guard?.(event)
  return failed ? err({ code: 'GUARD_FAILED', guard: failed }) : ok(t.target)
}

export const canLead = (from: LeadStage, event: LeadEvent, actor: Actor): boolean =>
  transitionLead(from, event, actor).ok

/**
 * Which portal lead statuses (ENTITY_ID STATUS) stand for our stages. The first id of a list is the one we
 * write; the others are read as that stage (a portal may keep PROCESSED next to IN_PROCESS).
 */
export interface LeadStatusConfig {
  readonly statuses: Readonly<Record<LeadStage, readonly string[]>>
  readonly directionField: string
  readonly junkReasonField: string
}

/** The demo company's mapping. */
export const DEFAULT_LEAD_STATUS_CONFIG: LeadStatusConfig = {
  statuses: { new: ['NEW'], inWork: ['IN_PROCESS', 'PROCESSED'], qualified: ['CONVERTED'], unqualified: ['JUNK'] },
  directionField: 'UF_CRM_SF_DIRECTION',
  junkReasonField: 'UF_CRM_SF_JUNK',
}

/**
 * Reads a portal status as a stage. Ids not in the config fall back to their semantics (success qualified,
 * failure unqualified, process in work), so a status an admin adds later still reads sensibly.
 * Errors: UNKNOWN_STATUS (not configured and no semantics given).
 */
export function leadStageFromStatus(
  config: LeadStatusConfig,
  statusId: string,
  semantics?: StageSemantics,
): Result<LeadStage, ProcessError> {
  const shape = configProblem(config)
  if (shape) return err(shape)
  for (const stage of LEAD_STAGES) if (config.statuses[stage].includes(statusId)) return ok(stage)
  if (semantics === 'success') return ok('qualified')
  if (semantics === 'failure') return ok('unqualified')
  if (semantics === 'process') return ok('inWork')
  return err({ code: 'UNKNOWN_STATUS', status: String(statusId) })
}

/**
 * The lead fields to write after an event: STATUS_ID of the new stage, plus the direction when qualifying and
 * the reason when disqualifying. Errors: those of transitionLead; CONFIG_INVALID when the stage has no status.
 */
export function leadUpdateFor(
  config: LeadStatusConfig,
  from: LeadStage,
  event: LeadEvent,
  actor: Actor,
): Result<{ stage: LeadStage; fields: Record<string, string> }, ProcessError> {
  const shape = configProblem(config)
  if (shape) return err(shape)
  config = ownData(config)
  const next = transitionLead(from, event, actor)
  if (!next.ok) return next
  const status = config.statuses[next.value][0]
  if (!status) return err({ code: 'CONFIG_INVALID', path: `statuses.${next.value}`, problem: 'no status id' })
  const fields: Record<string, string> = { STATUS_ID: status }
  // defineProperty: a field named '__proto__' in the settings stays a field.
  const set = (field: string, value: string) => Object.defineProperty(fields, field, { value, enumerable: true })
  const e = ownData(event)
  if (e.type === 'QUALIFY') set(config.directionField, e.direction)
  if (e.type === 'DISQUALIFY') set(config.junkReasonField, e.reason.trim())
  if (e.type === 'REOPEN') set(config.junkReasonField, '')
  return ok({ stage: next.value, fields })
}

/** A status configuration (settings JSON) that is not one: CONFIG_INVALID naming the first bad part. */
function configProblem(config: unknown): ProcessError | undefined {
  const bad = (path: string): ProcessError => ({
    code: 'CONFIG_INVALID',
    path,
    problem: 'missing or of the wrong type',
  })
  if (!isRecord(config)) return bad('config')
  const statuses = own(config, 'statuses')
  if (!isRecord(statuses)) return bad('statuses')
  for (const stage of LEAD_STAGES) {
    const ids = own(statuses, stage)
    if (!Array.isArray(ids) || !ids.every((id) => typeof id === 'string')) return bad(`statuses.${stage}`)
  }
  for (const field of ['directionField', 'junkReasonField'] as const) {
    if (typeof own(config, field) !== 'string') return bad(field)
  }
  return undefined
}
