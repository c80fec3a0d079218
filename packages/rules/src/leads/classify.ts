import { err, ok, type Result } from '../result'
import type { SalesError } from '../sales-errors'
import {
  isCompiledRuleSet,
  traceCondition,
  type CompiledRule,
  type CompiledRuleSet,
  type ConditionTrace,
} from './compile'
import { isRecord, ownData } from '../input'
import { prepareLeadBase, withTopics, type LeadFactOptions, type LeadFacts, type LeadInput } from './lead-facts'
import type { Direction, FactValue, Verdict } from './rule-set'

/** Why a verdict is what it is: the rule that fired, its priority and the facts it looked at. */
export type Explanation =
  | {
      readonly kind: 'rule'
      readonly rule: string
      readonly priority: number
      readonly facts: Readonly<Record<string, FactValue | undefined>>
      readonly conditions: readonly ConditionTrace[]
    }
  | { readonly kind: 'default' }

export interface LeadVerdict {
  readonly direction: Direction
  readonly directionBecause: Explanation
  /** `undecided` when no qualification rule fired: the lead stays in work for a person to judge. */
  readonly qualification: Verdict | 'undecided'
  readonly reason?: string
  readonly qualificationBecause: Explanation
  /** Every rule that fired, highest priority first. */
  readonly fired: readonly string[]
  readonly facts: LeadFacts
}

function explain(rule: CompiledRule, facts: LeadFacts): Explanation {
  const conditions = traceCondition(rule.rule.conditions, facts)
  return {
    kind: 'rule',
    rule: rule.rule.name,
    priority: rule.priority,
    facts: Object.fromEntries(conditions.map((c) => [c.fact, c.actual])),
    conditions,
  }
}

/**
 * The verdict from the names of the rules that fired: per event type, the highest priority wins and a tie goes
 * to the rule listed first. Shared by the compiled path and the json-rules-engine path, so both decide alike.
 */
export function decide(set: CompiledRuleSet, fired: ReadonlySet<string>, facts: LeadFacts): LeadVerdict {
  const winners = set.rules.filter((r) => fired.has(r.rule.name))
  const dir = winners.find((r) => r.rule.event.type === 'direction')
  const qual = winners.find((r) => r.rule.event.type === 'qualification')
  const o = outcomeOf(set, dir, qual)
  return {
    direction: o.direction,
    directionBecause: dir ? explain(dir, facts) : { kind: 'default' },
    qualification: o.qualification,
    ...(o.reason ? { reason: o.reason } : {}),
    qualificationBecause: qual ? explain(qual, facts) : { kind: 'default' },
    fired: winners.map((r) => r.rule.name),
    facts,
  }
}

/** What the winning rules (or their absence) decide: the verdict without its explanation. */
export interface LeadOutcome {
  readonly direction: Direction
  readonly qualification: Verdict | 'undecided'
  readonly reason?: string
  /** The names of the winning rules ('' for a default). */
  readonly directionRule: string
  readonly qualificationRule: string
}

function outcomeOf(set: CompiledRuleSet, dir?: CompiledRule, qual?: CompiledRule): LeadOutcome {
  const dEvent = dir?.rule.event.type === 'direction' ? dir.rule.event : undefined
  const qEvent = qual?.rule.event.type === 'qualification' ? qual.rule.event : undefined
  return {
    direction: dEvent ? dEvent.params.direction : set.ruleSet.defaults.direction,
    qualification: qEvent?.params.verdict ?? 'undecided',
    ...(qEvent?.params.reason ? { reason: qEvent.params.reason } : {}),
    directionRule: dir ? dir.rule.name : '',
    qualificationRule: qual ? qual.rule.name : '',
  }
}

/**
 * `decide(set, firedRules(set, facts), facts)` without the explanations, for facts this package made itself
 * (the dry run's): rules are tested in priority order only until each event type has its winner, which is
 * the first rule of that type that fires in that order, exactly as `decide` picks it.
 */
export function decideOutcome(set: CompiledRuleSet, facts: LeadFacts): LeadOutcome {
  let dir: CompiledRule | undefined
  let qual: CompiledRule | undefined
  for (const r of set.rules) {
    const type = r.rule.event.type
    if (type === 'direction' ? dir : qual) continue
    if (!r.test(facts)) continue
    if (type === 'direction') dir = r
    else qual = r
    if (dir && qual) break
  }
  return outcomeOf(set, dir, qual)
}

/** The outcome when the rules named in `fired` hold: per event type, the first of them in priority order. */
export function outcomeOfFired(set: CompiledRuleSet, fired: ReadonlySet<string>): LeadOutcome {
  let dir: CompiledRule | undefined
  let qual: CompiledRule | undefined
  for (const r of set.rules) {
    if (!fired.has(r.rule.name)) continue
    if (r.rule.event.type === 'direction') dir ??= r
    else qual ??= r
  }
  return outcomeOf(set, dir, qual)
}

/** The names of the rules that hold for `facts`, by the compiled conditions. */
export function firedRules(set: CompiledRuleSet, facts: LeadFacts): Set<string> {
  const fired = new Set<string>()
  // Only a set compileLeadRuleSet made runs; facts that are no record match nothing.
  if (!isCompiledRuleSet(set) || !isRecord(facts)) return fired
  facts = ownData(facts)
  for (const r of set.rules) if (r.test(facts)) fired.add(r.rule.name)
  return fired
}

/** Prepares a lead's facts for a rule set (topics depend on the set). */
export function prepareLeadFacts(
  lead: LeadInput,
  set: CompiledRuleSet,
  options: LeadFactOptions = {},
): Result<LeadFacts, SalesError> {
  if (!isCompiledRuleSet(set))
    return err({ code: 'INVALID_INPUT', field: 'set', value: 'not made by compileLeadRuleSet' })
  const base = prepareLeadBase(lead, options)
  return base.ok ? ok(withTopics(base.value, set.matcher)) : base
}

/**
 * Classifies a lead: direction (service / sales / project) and qualification, each with its explanation.
 * Synchronous and fast (compiled conditions); gives exactly what json-rules-engine gives for the same JSON.
 * Errors: those of prepareLeadFacts (INVALID_NUMBER, conversion errors).
 *
 * @example
 * const set = compileLeadRuleSet(DEFAULT_LEAD_RULES)
 * classifyLead({ id: '1', text: 'Нужен ремонт весов', hasPhone: true }, set.value) // direction 'service'
 */
export function classifyLead(
  lead: LeadInput,
  set: CompiledRuleSet,
  options: LeadFactOptions = {},
): Result<LeadVerdict, SalesError> {
  const facts = prepareLeadFacts(lead, set, options)
  if (!facts.ok) return facts
  return ok(decide(set, firedRules(set, facts.value), facts.value))
}

/**
 * The same classification by json-rules-engine itself: the reference the compiled path is tested against,
 * and a fallback for rule features we may add later. Errors: LEAD_FACT_MISSING (the engine's UNDEFINED_FACT),
 * RULE_ENGINE_FAILED, and those of prepareLeadFacts.
 */
export async function classifyLeadWithEngine(
  lead: LeadInput,
  set: CompiledRuleSet,
  options: LeadFactOptions = {},
): Promise<Result<LeadVerdict, SalesError>> {
  const facts = prepareLeadFacts(lead, set, options)
  if (!facts.ok) return facts
  try {
    const { results } = await (await set.engine()).run({ ...facts.value })
    return ok(decide(set, new Set(results.map((r) => r.name)), facts.value))
  } catch (e) {
    const code = (e as { code?: unknown }).code
    if (code === 'UNDEFINED_FACT') return err({ code: 'LEAD_FACT_MISSING', fact: String((e as Error).message) })
    return err({ code: 'RULE_ENGINE_FAILED', message: String(e) })
  }
}
