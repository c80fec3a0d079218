import { isOneOf, isRecord, own } from '../input'
import type { ProcessError } from '../sales-errors'
import { ROLES } from '../access/roles'
import type { DealSnapshot } from './deal-move'

/**
 * Shape checks for the funnel settings (app option `salesflow.funnels`, JSON) and for a deal snapshot, so a
 * broken settings file or card payload becomes CONFIG_INVALID / INVALID_INPUT instead of a throw mid-move.
 */
const isText = (v: unknown): v is string => typeof v === 'string'
const texts = (v: unknown) => Array.isArray(v) && v.every(isText)
const roles = (v: unknown) => Array.isArray(v) && v.every((r) => isOneOf(r, ROLES))
const optionalText = (v: unknown) => v === undefined || isText(v)
const WHAT = ['approval', 'calculation', 'document', 'value'] as const
const MAX_NESTING = 8

/** The first requirement (path) that is not one, if any. */
export function requirementsProblem(list: unknown, path: string, depth = 0): string | undefined {
  if (!Array.isArray(list) || depth > MAX_NESTING) return path
  for (const [i, r] of list.entries()) {
    const at = `${path}[${i}]`
    if (!isRecord(r)) return at
    const valid = (() => {
      switch (r.kind) {
        case 'field':
        case 'positive':
          return isText(r.field) && optionalText(r.label)
        case 'fieldEquals':
          return (
            isText(r.field) && (isText(r.value) || texts(r.value)) && isOneOf(r.what, WHAT) && optionalText(r.label)
          )
        case 'payment':
          return isText(r.percent) || typeof r.percent === 'number'
        case 'prepayment':
          return isText(r.termsField) && isRecord(r.percentByTerms)
        case 'credit':
          return true
        case 'anyOf':
          return Array.isArray(r.options)
        default:
          return false
      }
    })()
    if (!valid) return at
    if (r.kind === 'anyOf') {
      for (const [j, o] of (r.options as unknown[]).entries()) {
        const bad = requirementsProblem(o, `${at}.options[${j}]`, depth + 1)
        if (bad) return bad
      }
    }
  }
  return undefined
}

/** CONFIG_INVALID naming the first part of a funnel configuration that is not the documented shape, if any. */
export function funnelConfigProblem(config: unknown): ProcessError | undefined {
  const bad = (path: string): ProcessError => ({
    code: 'CONFIG_INVALID',
    path,
    problem: 'missing or of the wrong type',
  })
  if (!isRecord(config)) return bad('config')
  if (!Array.isArray(config.funnels)) return bad('funnels')
  for (const [i, funnel] of config.funnels.entries()) {
    const named = isRecord(funnel) && isText(funnel.key) && isText(funnel.name)
    if (!named || !Number.isSafeInteger(funnel.categoryId) || !Array.isArray(funnel.stages)) {
      return bad(`funnels[${i}]`)
    }
    for (const [j, s] of funnel.stages.entries()) {
      if (
        !isRecord(s) ||
        !isText(s.id) ||
        !isText(s.name) ||
        !isOneOf(s.semantics, ['process', 'success', 'failure'] as const)
      ) {
        return bad(`funnels[${i}].stages[${j}]`)
      }
    }
  }
  if (!Array.isArray(config.transitions)) return bad('transitions')
  for (const [i, t] of config.transitions.entries()) {
    if (!isRecord(t) || !texts(t.from) || !isText(t.to) || !roles(t.roles)) return bad(`transitions[${i}]`)
    const problem = t.requires === undefined ? undefined : requirementsProblem(t.requires, `transitions[${i}].requires`)
    if (problem) return bad(problem)
  }
  if (!roles(config.backwardRoles)) return bad('backwardRoles')
  if (!roles(config.reopenRoles)) return bad('reopenRoles')
  return undefined
}

/** INVALID_INPUT naming the first part of a deal snapshot that is not what the card loader builds, if any. */
export function dealProblem(deal: unknown): ProcessError | undefined {
  const bad = (field: string, value: unknown): ProcessError => ({ code: 'INVALID_INPUT', field, value })
  if (!isRecord(deal)) return bad('deal', deal)
  if (!isText(own(deal, 'stageId'))) return bad('deal.stageId', own(deal, 'stageId'))
  if (!isRecord(own(deal, 'fields'))) return bad('deal.fields', own(deal, 'fields'))
  const credit = own(deal, 'credit') as DealSnapshot['credit'] | unknown
  if (credit !== undefined && !(isRecord(credit) && isText(credit.decision))) return bad('deal.credit', credit)
  return undefined
}
