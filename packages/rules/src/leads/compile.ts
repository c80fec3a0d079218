import type { Engine } from 'json-rules-engine'
import { ok, type Result } from '../result'
import type { ProcessError } from '../sales-errors'
import { TopicMatcher, type LeadFacts } from './lead-facts'
import {
  validateLeadRuleSet,
  type Condition,
  type FactValue,
  type LeadRule,
  type LeadRuleSet,
  type LeafCondition,
} from './rule-set'

type Test = (facts: LeadFacts) => boolean

const isNumberLike = (v: unknown): boolean => Number.parseFloat(v as string).toString() !== 'NaN'

/**
 * The default operators of json-rules-engine 7, with the same fact validators: numeric operators first check
 * that parseFloat(fact) is a number, `contains` that the fact is an array. An absent fact is `undefined`
 * (the engine runs with allowUndefinedFacts). The property test in leads.test.ts holds us to the engine.
 */
function operatorOf(c: LeafCondition): (a: unknown) => boolean {
  const b = c.value as unknown
  /* eslint-disable @typescript-eslint/no-explicit-any -- bare JS comparisons on purpose, as the engine does */
  switch (c.operator) {
    case 'equal':
      return (a) => a === b
    case 'notEqual':
      return (a) => a !== b
    case 'in':
      return (a) => (b as unknown[]).indexOf(a) > -1
    case 'notIn':
      return (a) => (b as unknown[]).indexOf(a) === -1
    case 'contains':
      return (a) => Array.isArray(a) && a.indexOf(b) > -1
    case 'doesNotContain':
      return (a) => Array.isArray(a) && a.indexOf(b) === -1
    case 'lessThan':
      return (a) => isNumberLike(a) && (a as any) < (b as any)
    case 'lessThanInclusive':
      return (a) => isNumberLike(a) && (a as any) <= (b as any)
    case 'greaterThan':
      return (a) => isNumberLike(a) && (a as any) > (b as any)
    case 'greaterThanInclusive':
      return (a) => isNumberLike(a) && (a as any) >= (b as any)
  }
  /* eslint-enable @typescript-eslint/no-explicit-any */
}

/** Compiles a condition tree to a closure. Like the engine, an empty `all` or `any` is true. */
function compileCondition(c: Condition): Test {
  if ('all' in c) {
    const subs = c.all.map(compileCondition)
    return (f) => subs.every((t) => t(f))
  }
  if ('any' in c) {
    const subs = c.any.map(compileCondition)
    return subs.length === 0 ? () => true : (f) => subs.some((t) => t(f))
  }
  if ('not' in c) {
    const sub = compileCondition(c.not)
    return (f) => !sub(f)
  }
  const op = operatorOf(c)
  const fact = c.fact
  return (f) => op(f[fact])
}

/** One leaf of a rule with what the lead had: the explanation a manager reads. */
export interface ConditionTrace {
  readonly fact: string
  readonly operator: string
  readonly value: unknown
  readonly actual: FactValue | undefined
  readonly result: boolean
}

/** Evaluates every leaf of `c` (no short-circuit), so the explanation lists each fact the rule looked at. */
export function traceCondition(c: Condition, facts: LeadFacts, out: ConditionTrace[] = []): ConditionTrace[] {
  if ('all' in c) for (const s of c.all) traceCondition(s, facts, out)
  else if ('any' in c) for (const s of c.any) traceCondition(s, facts, out)
  else if ('not' in c) traceCondition(c.not, facts, out)
  else {
    out.push({
      fact: c.fact,
      operator: c.operator,
      value: c.value,
      actual: facts[c.fact],
      result: operatorOf(c)(facts[c.fact]),
    })
  }
  return out
}

export interface CompiledRule {
  readonly rule: LeadRule
  readonly index: number
  readonly priority: number
  readonly test: Test
}

/** A validated rule set ready to run many times: compiled conditions, a topic matcher, a lazily made engine. */
export interface CompiledRuleSet {
  readonly ruleSet: LeadRuleSet
  /** By priority, highest first; ties in the order of the file. */
  readonly rules: readonly CompiledRule[]
  readonly matcher: TopicMatcher
  /**
   * json-rules-engine over the same JSON, created on first use (one per rule set, runs are independent). Loaded on
   * demand: the compiled path decides alone, so a widget page does not carry the engine.
   */
  engine(): Promise<Engine>
}

/** Every set compileLeadRuleSet made: a look-alike record (its tests are functions, so never JSON) is refused. */
const COMPILED = new WeakSet<object>()
export const isCompiledRuleSet = (v: unknown): v is CompiledRuleSet =>
  typeof v === 'object' && v !== null && COMPILED.has(v)

/** Validates and compiles a rule set (frozen, so it stays what was validated). Errors: RULESET_INVALID (with the JSON path). */
export function compileLeadRuleSet(json: unknown): Result<CompiledRuleSet, ProcessError> {
  const valid = validateLeadRuleSet(json)
  if (!valid.ok) return valid
  const ruleSet = valid.value
  const rules = ruleSet.rules
    .map((rule, index) => ({ rule, index, priority: rule.priority ?? 1, test: compileCondition(rule.conditions) }))
    .sort((a, b) => b.priority - a.priority || a.index - b.index)
  let engine: Engine | undefined
  const set: CompiledRuleSet = Object.freeze({
    ruleSet,
    rules: Object.freeze(rules),
    matcher: new TopicMatcher(ruleSet.topics),
    engine: async () => {
      const { Engine } = await import('json-rules-engine')
      return (engine ??= new Engine(structuredClone(ruleSet.rules) as never, { allowUndefinedFacts: true }))
    },
  })
  COMPILED.add(set)
  return ok(set)
}
