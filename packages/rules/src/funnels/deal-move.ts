import { D, parseDecimal, type Dec, type NumericInput } from '../decimal'
import { err, ok, type Result } from '../result'
import type { Missing, ProcessError, SalesError } from '../sales-errors'
import type { Actor } from '../access/roles'
import type { CreditDecision } from '../credit/open-credit'
import type { Funnel, FunnelConfig, FunnelStage, Requirement, TransitionRule } from './funnel-config'
import { dealProblem, funnelConfigProblem, requirementsProblem } from './config-shape'
import { own, ownData, prototypeKeyPath } from '../input'

/** What the guard needs to know about a deal: its stage, its fields (UF_* and standard ones) and its money. */
export interface DealSnapshot {
  readonly stageId: string
  readonly fields: Readonly<Record<string, unknown>>
  /** The deal amount (OPPORTUNITY) and what was received on it, in the deal currency. */
  readonly opportunity?: NumericInput
  readonly paid?: NumericInput
  /** checkCreditLimit for the deal's company and amount; required by `credit` requirements. */
  readonly credit?: CreditDecision
}

export interface MovePlan {
  readonly from: string
  readonly to: string
  readonly fromCategoryId: number
  readonly toCategoryId: number
  /** A category change: packages/portal sends categoryId with stageId, and our guard stood in for the portal's. */
  readonly crossFunnel: boolean
  readonly kind: 'forward' | 'backward' | 'reopen'
  /** The rule that allowed it (forward moves). */
  readonly rule?: TransitionRule
}

interface Located {
  readonly funnel: Funnel
  readonly stage: FunnelStage
  readonly index: number
}

function locate(config: FunnelConfig, stageId: string): Located | undefined {
  for (const funnel of config.funnels) {
    const index = funnel.stages.findIndex((s) => s.id === stageId)
    if (index >= 0) return { funnel, stage: funnel.stages[index]!, index }
  }
  return undefined
}

const isEmpty = (v: unknown): boolean => v === null || v === undefined || v === '' || v === 0 || v === '0'
const text = (v: unknown): string | null => (isEmpty(v) ? null : String(v))

interface DealMoney {
  readonly opportunity: Dec
  readonly paid: Dec
}

function paymentMissing(money: DealMoney, required: Dec): Missing | undefined {
  const { opportunity, paid } = money
  const share = opportunity.gt(0) ? paid.times(100).div(opportunity) : new D(0)
  if (opportunity.gt(0) && share.gte(required)) return undefined
  const due = opportunity.times(required).div(100).toDecimalPlaces(2, D.ROUND_UP)
  return {
    kind: 'payment',
    requiredPercent: required.toFixed(),
    paidPercent: share.toDecimalPlaces(2, D.ROUND_DOWN).toFixed(2),
    missingAmount: D.max(due.minus(paid), 0).toFixed(2),
  }
}

/**
 * Every requirement `deal` fails, as data the widget can render as a form.
 * Errors: INVALID_NUMBER (the deal's amount or payments, or a percentage in the configuration).
 */
export function missingRequirements(
  requirements: readonly Requirement[],
  deal: DealSnapshot,
): Result<Missing[], SalesError> {
  requirements = ownData(requirements)
  deal = ownData(deal)
  const shape = dealProblem(deal)
  if (shape) return err(shape)
  const problem = requirementsProblem(requirements, 'requirements')
  if (problem) return err({ code: 'CONFIG_INVALID', path: problem, problem: 'missing or of the wrong type' })
  const opportunity = parseDecimal(deal.opportunity ?? 0, 'opportunity')
  if (!opportunity.ok) return opportunity
  const paid = parseDecimal(deal.paid ?? 0, 'paid')
  if (!paid.ok) return paid
  return collect(requirements, deal, { opportunity: opportunity.value, paid: paid.value })
}

function collect(
  requirements: readonly Requirement[],
  deal: DealSnapshot,
  money: DealMoney,
): Result<Missing[], SalesError> {
  const out: Missing[] = []
  for (const r of requirements) {
    const value = 'field' in r ? own(deal.fields, r.field) : undefined
    const label = 'label' in r && r.label ? { label: r.label } : {}
    switch (r.kind) {
      case 'field':
        if (isEmpty(value))
          out.push({ kind: 'field', field: r.field, ...label, ...(r.lookup ? { lookup: r.lookup } : {}) })
        break
      case 'fieldEquals': {
        const expected = typeof r.value === 'string' ? [r.value] : r.value
        const actual = text(value)
        if (actual === null || !expected.includes(actual)) {
          out.push({ kind: 'fieldEquals', field: r.field, expected, actual, what: r.what, ...label })
        }
        break
      }
      case 'positive': {
        const n = parseDecimal(value, r.field)
        if (!n.ok || n.value.lte(0)) out.push({ kind: 'positive', field: r.field, ...label })
        break
      }
      case 'payment': {
        const percent = parseDecimal(r.percent, 'percent')
        if (!percent.ok) return percent
        const m = paymentMissing(money, percent.value)
        if (m) out.push(m)
        break
      }
      case 'prepayment': {
        const terms = text(own(deal.fields, r.termsField))
        const percent =
          terms === null ? undefined : (own(r.percentByTerms, terms) as string | number | null | undefined)
        if (terms === null) out.push({ kind: 'field', field: r.termsField })
        else if (percent === undefined || percent === null) {
          const withPrepayment = Object.keys(r.percentByTerms).filter((k) => r.percentByTerms[k] !== null)
          out.push({ kind: 'fieldEquals', field: r.termsField, expected: withPrepayment, actual: terms, what: 'value' })
        } else {
          const p = parseDecimal(percent, 'percentByTerms')
          if (!p.ok) return p
          const m = paymentMissing(money, p.value)
          if (m) out.push(m)
        }
        break
      }
      case 'credit':
        if (!deal.credit) out.push({ kind: 'credit', decision: 'unknown' })
        else if (deal.credit.decision === 'block') {
          out.push({ kind: 'credit', decision: 'block', excess: deal.credit.excess })
        }
        break
      case 'anyOf': {
        const options: Missing[][] = []
        for (const o of r.options) {
          const m = collect(o, deal, money)
          if (!m.ok) return m
          options.push(m.value)
        }
        if (!options.some((o) => o.length === 0)) out.push({ kind: 'anyOf', options })
        break
      }
    }
  }
  return ok(out)
}

/**
 * The guard for moving a deal to `to`, within a funnel or across funnels (where Bitrix24 itself checks no
 * required fields). Forward moves need a transition rule; without one, a later stage of the same funnel is
 * STAGE_SKIP_NOT_ALLOWED (naming the next allowed stage). Moving back to an earlier in-progress stage needs a
 * `backwardRoles` role and no data; reopening a won or lost deal needs a `reopenRoles` role.
 *
 * Errors: UNKNOWN_STAGE, SAME_STAGE, TRANSITION_NOT_ALLOWED, STAGE_SKIP_NOT_ALLOWED, ROLE_NOT_ALLOWED, INVALID_NUMBER,
 * REQUIREMENTS_MISSING (with every missing field, approval and payment, so the widget can ask for them).
 *
 * @example
 * checkDealMove(DEFAULT_FUNNEL_CONFIG, { stageId: 'C1:PREPARATION', fields: {} }, 'C1:PREPAYMENT_INVOICE', 'manager')
 * // err({ code: 'REQUIREMENTS_MISSING', missing: [{ kind: 'fieldEquals', field: 'UF_CRM_SF_CFG_STATE', … }, …] })
 */
export function checkDealMove(
  config: FunnelConfig,
  deal: DealSnapshot,
  to: string,
  actor: Actor,
): Result<MovePlan, SalesError> {
  config = ownData(config)
  deal = ownData(deal)
  const shape = funnelConfigProblem(config) ?? dealProblem(deal)
  if (shape) return err(shape)
  if (typeof to !== 'string') return err({ code: 'UNKNOWN_STAGE', stageId: String(to) })
  const from = locate(config, deal.stageId)
  if (!from) return err({ code: 'UNKNOWN_STAGE', stageId: deal.stageId })
  const target = locate(config, to)
  if (!target) return err({ code: 'UNKNOWN_STAGE', stageId: to })
  if (deal.stageId === to) return err({ code: 'SAME_STAGE', stageId: to })
  const plan = {
    from: deal.stageId,
    to,
    fromCategoryId: from.funnel.categoryId,
    toCategoryId: target.funnel.categoryId,
    crossFunnel: from.funnel.categoryId !== target.funnel.categoryId,
  }
  const rule = config.transitions.find((t) => t.to === to && t.from.includes(deal.stageId))
  if (rule) {
    if (!(rule.roles as readonly Actor[]).includes(actor)) {
      return err({ code: 'ROLE_NOT_ALLOWED', actor, allowed: rule.roles })
    }
    const missing = missingRequirements(rule.requires ?? [], deal)
    if (!missing.ok) return missing
    if (missing.value.length)
      return err({ code: 'REQUIREMENTS_MISSING', from: deal.stageId, to, missing: missing.value })
    return ok({ ...plan, kind: 'forward', rule })
  }
  if (plan.crossFunnel) return err({ code: 'TRANSITION_NOT_ALLOWED', from: deal.stageId, event: to })
  if (from.stage.semantics !== 'process') {
    if (target.stage.semantics !== 'process')
      return err({ code: 'TRANSITION_NOT_ALLOWED', from: deal.stageId, event: to })
    if (!(config.reopenRoles as readonly Actor[]).includes(actor)) {
      return err({ code: 'ROLE_NOT_ALLOWED', actor, allowed: config.reopenRoles })
    }
    return ok({ ...plan, kind: 'reopen' })
  }
  if (target.index < from.index && target.stage.semantics === 'process') {
    if (!(config.backwardRoles as readonly Actor[]).includes(actor)) {
      return err({ code: 'ROLE_NOT_ALLOWED', actor, allowed: config.backwardRoles })
    }
    return ok({ ...plan, kind: 'backward' })
  }
  const next = config.transitions.find(
    (t) => t.from.includes(deal.stageId) && from.funnel.stages.some((s) => s.id === t.to && s.semantics !== 'failure'),
  )
  return next
    ? err({ code: 'STAGE_SKIP_NOT_ALLOWED', from: deal.stageId, to, next: next.to })
    : err({ code: 'TRANSITION_NOT_ALLOWED', from: deal.stageId, event: to })
}

/** For buttons: whether the move is possible right now. */
export const canMoveDeal = (config: FunnelConfig, deal: DealSnapshot, to: string, actor: Actor): boolean =>
  checkDealMove(config, deal, to, actor).ok

export interface MoveOption {
  readonly stageId: string
  readonly categoryId: number
  /** ok, or why not: a role, or what is missing (the only refusals listed; impossible moves are left out). */
  readonly check: Result<MovePlan, SalesError>
}

/**
 * The moves to offer from the deal's current stage, in funnel order: every target a rule or the backward and
 * reopen policy allows structurally, each with its check, so a widget shows enabled buttons and, for the
 * disabled ones, what to fill in.
 */
export function dealMoveOptions(config: FunnelConfig, deal: DealSnapshot, actor: Actor): MoveOption[] {
  const out: MoveOption[] = []
  config = ownData(config)
  deal = ownData(deal)
  // Unreadable settings or a deal that is no snapshot offer no move (checkDealMove says why for one target).
  if (funnelConfigProblem(config) || dealProblem(deal)) return out
  for (const funnel of config.funnels) {
    for (const stage of funnel.stages) {
      if (stage.id === deal.stageId) continue
      const check = checkDealMove(config, deal, stage.id, actor)
      const structural =
        !check.ok && ['TRANSITION_NOT_ALLOWED', 'STAGE_SKIP_NOT_ALLOWED', 'UNKNOWN_STAGE'].includes(check.error.code)
      if (!structural) out.push({ stageId: stage.id, categoryId: funnel.categoryId, check })
    }
  }
  return out
}

/**
 * Checks a funnel configuration: unique stage ids, one success stage per funnel, transitions naming known
 * stages. Errors: CONFIG_INVALID with the path.
 */
export function validateFunnelConfig(config: FunnelConfig): Result<FunnelConfig, ProcessError> {
  config = ownData(config)
  const shape = funnelConfigProblem(config)
  if (shape) return err(shape)
  const protoKey = prototypeKeyPath(config)
  if (protoKey) return err({ code: 'CONFIG_INVALID', path: protoKey, problem: 'a prototype key is not data' })
  const ids = new Set<string>()
  for (const [i, funnel] of config.funnels.entries()) {
    if (funnel.stages.filter((s) => s.semantics === 'success').length !== 1) {
      return err({ code: 'CONFIG_INVALID', path: `funnels[${i}]`, problem: 'needs exactly one success stage' })
    }
    for (const s of funnel.stages) {
      if (ids.has(s.id))
        return err({ code: 'CONFIG_INVALID', path: `funnels[${i}]`, problem: `duplicate stage ${s.id}` })
      ids.add(s.id)
    }
  }
  for (const [i, t] of config.transitions.entries()) {
    for (const id of [...t.from, t.to]) {
      if (!ids.has(id))
        return err({ code: 'CONFIG_INVALID', path: `transitions[${i}]`, problem: `unknown stage ${id}` })
    }
  }
  return ok(config)
}
