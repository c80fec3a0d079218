import { err, ok, type Result } from '../result'
import { isOneOf } from '../input'
import type { SalesError } from '../sales-errors'
import { decide, firedRules, prepareLeadFacts } from './classify'
import { traceCondition, type CompiledRuleSet, type ConditionTrace } from './compile'
import type { LeadFactOptions, LeadInput } from './lead-facts'
import type { LeadVerdict } from './classify'
import type { Condition, LeadRuleEvent } from './rule-set'
import { LEAD_STAGES, type LeadStage } from './stages'

/** One rule with what it looked at: every leaf condition, the lead's value and whether it held. */
export interface RuleTrace {
  readonly rule: string
  readonly priority: number
  readonly event: LeadRuleEvent
  readonly conditions: readonly ConditionTrace[]
}

/** A rule that did not fire but would have with one condition different: `missing` lists each such condition. */
export interface NearMiss extends RuleTrace {
  readonly missing: readonly ConditionTrace[]
}

/** What the lead tab shows: the verdict, every rule that fired and the rules one condition short. */
export interface LeadExplanation {
  readonly verdict: LeadVerdict
  readonly fired: readonly RuleTrace[]
  readonly nearMisses: readonly NearMiss[]
  /** The stage the verdict suggests (see suggestLeadStage). */
  readonly suggestedStage: LeadStage
}

/** Evaluates a condition tree over the leaf results in traceCondition's order (an empty all/any is true). */
function evaluate(c: Condition, leaves: readonly boolean[], at: { i: number }): boolean {
  if ('all' in c) return c.all.map((s) => evaluate(s, leaves, at)).every(Boolean)
  if ('any' in c) {
    const subs = c.any.map((s) => evaluate(s, leaves, at))
    return subs.length === 0 || subs.some(Boolean)
  }
  if ('not' in c) return !evaluate(c.not, leaves, at)
  return leaves[at.i++] ?? false
}

/**
 * The conditions of a rule that, each on its own, would make it fire if it held the other way (the rule's other
 * conditions as they are). Empty when the rule fires or needs two or more changes.
 */
export function oneConditionShort(conditions: Condition, traces: readonly ConditionTrace[]): ConditionTrace[] {
  const results = traces.map((t) => t.result)
  if (evaluate(conditions, results, { i: 0 })) return []
  return traces.filter((_, i) =>
    evaluate(
      conditions,
      results.map((r, j) => (j === i ? !r : r)),
      { i: 0 },
    ),
  )
}

/**
 * The stage a verdict suggests from where the lead is: a qualification rule decides qualified / unqualified; an
 * undecided new lead goes into work; otherwise the lead stays where it is.
 */
export function suggestLeadStage(verdict: LeadVerdict, current: LeadStage): LeadStage {
  if (current === 'qualified' || current === 'unqualified') return current
  if (verdict.qualification !== 'undecided') return verdict.qualification
  return 'inWork'
}

/**
 * Classifies a lead (the same code path as classifyLead) and explains it: which rules fired on which facts and
 * values, and which rules were one condition short of firing. Pure. Errors: INVALID_INPUT (an unknown stage),
 * those of prepareLeadFacts.
 */
export function explainLead(
  lead: LeadInput,
  set: CompiledRuleSet,
  current: LeadStage,
  options: LeadFactOptions = {},
): Result<LeadExplanation, SalesError> {
  if (!isOneOf(current, LEAD_STAGES)) return err({ code: 'INVALID_INPUT', field: 'current', value: current })
  const facts = prepareLeadFacts(lead, set, options)
  if (!facts.ok) return facts
  const names = firedRules(set, facts.value)
  const verdict = decide(set, names, facts.value)
  const fired: RuleTrace[] = []
  const nearMisses: NearMiss[] = []
  for (const r of set.rules) {
    const conditions = traceCondition(r.rule.conditions, facts.value)
    const trace = { rule: r.rule.name, priority: r.priority, event: r.rule.event, conditions }
    if (names.has(r.rule.name)) fired.push(trace)
    else {
      const missing = oneConditionShort(r.rule.conditions, conditions)
      if (missing.length > 0) nearMisses.push({ ...trace, missing })
    }
  }
  return ok({ verdict, fired, nearMisses, suggestedStage: suggestLeadStage(verdict, current) })
}
