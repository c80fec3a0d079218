import { err, ok, type Result } from '../result'
import type { ProcessError } from '../sales-errors'
import { isRecord, ownData, prototypeKeyPath } from '../input'

/** The business line a lead belongs to; each has its own deal flow after conversion. */
export type Direction = 'service' | 'sales' | 'project'
export const DIRECTIONS: readonly Direction[] = ['service', 'sales', 'project']

export type Verdict = 'qualified' | 'unqualified'

/** A fact's value: facts are precomputed plain numbers, strings, booleans and string lists (no decimals). */
export type FactValue = number | string | boolean | readonly string[]
export type FactType = 'number' | 'string' | 'boolean' | 'string[]'

/** json-rules-engine's default operators, the only ones a rule set may use. */
export const OPERATORS = [
  'equal',
  'notEqual',
  'in',
  'notIn',
  'contains',
  'doesNotContain',
  'lessThan',
  'lessThanInclusive',
  'greaterThan',
  'greaterThanInclusive',
] as const
export type Operator = (typeof OPERATORS)[number]
const NUMERIC_OPS: readonly string[] = ['lessThan', 'lessThanInclusive', 'greaterThan', 'greaterThanInclusive']

/** A json-rules-engine condition restricted to literal values (no `path`, `params`, fact references or named conditions). */
export type LeafCondition = {
  readonly fact: string
  readonly operator: Operator
  readonly value: number | string | boolean | readonly (string | number)[]
  readonly priority?: number
}
export type Condition =
  | LeafCondition
  | { readonly all: readonly Condition[]; readonly priority?: number }
  | { readonly any: readonly Condition[]; readonly priority?: number }
  | { readonly not: Condition; readonly priority?: number }
export type TopLevelCondition =
  { readonly all: readonly Condition[] } | { readonly any: readonly Condition[] } | { readonly not: Condition }

export type LeadRuleEvent =
  | { readonly type: 'direction'; readonly params: { readonly direction: Direction } }
  | { readonly type: 'qualification'; readonly params: { readonly verdict: Verdict; readonly reason?: string } }

/** One rule, exactly as json-rules-engine takes it (`new Engine(ruleSet.rules)`). Higher priority wins. */
export interface LeadRule {
  readonly name: string
  readonly priority?: number
  readonly conditions: TopLevelCondition
  readonly event: LeadRuleEvent
}

/**
 * What an administrator edits: JSON, versioned, diffable. `topics` turn request text into topic facts
 * (a word matches a topic when it starts with one of the topic's stems: 'ремонт' matches 'ремонта').
 */
export interface LeadRuleSet {
  readonly version: string
  readonly defaults: { readonly direction: Direction }
  readonly topics: Readonly<Record<string, readonly string[]>>
  readonly rules: readonly LeadRule[]
}

/** The facts every lead has (see prepareLeadFacts); custom fields are `field.<CODE>` with a value of any kind. */
export const LEAD_FACT_TYPES: Readonly<Record<string, FactType>> = {
  source: 'string',
  amount: 'number',
  hasAmount: 'boolean',
  products: 'string[]',
  productCount: 'number',
  topics: 'string[]',
  words: 'number',
  hasPhone: 'boolean',
  hasEmail: 'boolean',
  hasCompany: 'boolean',
}

const STEM = /^[\p{L}\p{N}]+$/u

type Problem = { path: string; problem: string }
const typeOfValue = (v: unknown): FactType | undefined =>
  typeof v === 'number' && Number.isFinite(v)
    ? 'number'
    : typeof v === 'string'
      ? 'string'
      : typeof v === 'boolean'
        ? 'boolean'
        : undefined

function checkLeaf(c: Record<string, unknown>, path: string): Problem | undefined {
  const extra = Object.keys(c).filter((k) => !['fact', 'operator', 'value', 'priority'].includes(k))
  if (extra.length)
    return { path, problem: `unsupported keys ${extra.join(', ')} (no path, params or fact references)` }
  if (typeof c.fact !== 'string' || !c.fact) return { path: `${path}.fact`, problem: 'must be a fact name' }
  const declared = LEAD_FACT_TYPES[c.fact]
  if (!declared && !c.fact.startsWith('field.')) return { path: `${path}.fact`, problem: `unknown fact "${c.fact}"` }
  const op = c.operator
  if (typeof op !== 'string' || !(OPERATORS as readonly string[]).includes(op)) {
    return { path: `${path}.operator`, problem: `unknown operator "${String(op)}"` }
  }
  const v = c.value
  const vPath = `${path}.value`
  if (NUMERIC_OPS.includes(op)) {
    // json-rules-engine compares with bare < and >=: '1000' would compare as text. Numbers only.
    if (typeof v !== 'number' || !Number.isFinite(v))
      return { path: vPath, problem: `${op} needs a number, not ${JSON.stringify(v)}` }
    if (declared && declared !== 'number') return { path: vPath, problem: `${op} on the ${declared} fact "${c.fact}"` }
  } else if (op === 'in' || op === 'notIn') {
    if (!Array.isArray(v) || v.some((x) => typeOfValue(x) === undefined)) {
      return { path: vPath, problem: `${op} needs a list of numbers or strings` }
    }
    if (declared && v.some((x) => typeOfValue(x) !== declared))
      return { path: vPath, problem: `every item must be a ${declared}` }
  } else if (op === 'contains' || op === 'doesNotContain') {
    if (declared && declared !== 'string[]')
      return { path: vPath, problem: `${op} needs a list fact, "${c.fact}" is ${declared}` }
    if (typeof v !== 'string') return { path: vPath, problem: `${op} needs a string` }
  } else {
    const t = typeOfValue(v)
    if (!t) return { path: vPath, problem: `${op} needs a number, string or boolean` }
    if (declared && declared !== t) return { path: vPath, problem: `"${c.fact}" is a ${declared}, the value is a ${t}` }
  }
  if (c.priority !== undefined && !(Number.isInteger(c.priority) && (c.priority as number) > 0)) {
    return { path: `${path}.priority`, problem: 'must be a positive integer' }
  }
  return undefined
}

function checkCondition(c: unknown, path: string, depth: number): Problem | undefined {
  if (depth > 20) return { path, problem: 'nested too deep' }
  if (!isRecord(c)) return { path, problem: 'must be an object' }
  const bools = ['all', 'any', 'not'].filter((k) => k in c)
  if (bools.length > 1) return { path, problem: 'only one of all, any, not' }
  if (bools.length === 0) return checkLeaf(c, path)
  const key = bools[0]!
  const extra = Object.keys(c).filter((k) => k !== key && k !== 'priority')
  if (extra.length) return { path, problem: `unsupported keys ${extra.join(', ')}` }
  if (key === 'not') return checkCondition(c.not, `${path}.not`, depth + 1)
  const list = c[key]
  if (!Array.isArray(list)) return { path: `${path}.${key}`, problem: 'must be a list' }
  for (const [i, sub] of list.entries()) {
    const p = checkCondition(sub, `${path}.${key}[${i}]`, depth + 1)
    if (p) return p
  }
  return undefined
}

function checkEvent(e: unknown, path: string): Problem | undefined {
  if (!isRecord(e) || !isRecord(e.params)) return { path, problem: 'needs type and params' }
  if (e.type === 'direction') {
    return (DIRECTIONS as readonly unknown[]).includes(e.params.direction)
      ? undefined
      : { path: `${path}.params.direction`, problem: `must be one of ${DIRECTIONS.join(', ')}` }
  }
  if (e.type === 'qualification') {
    if (e.params.verdict !== 'qualified' && e.params.verdict !== 'unqualified') {
      return { path: `${path}.params.verdict`, problem: 'must be qualified or unqualified' }
    }
    if (e.params.reason !== undefined && typeof e.params.reason !== 'string') {
      return { path: `${path}.params.reason`, problem: 'must be a string' }
    }
    if (e.params.verdict === 'unqualified' && !e.params.reason) {
      return { path: `${path}.params.reason`, problem: 'an unqualified verdict needs a reason' }
    }
    return undefined
  }
  return { path: `${path}.type`, problem: 'must be direction or qualification' }
}

/**
 * Checks that `json` is a lead rule set this package (and json-rules-engine, identically) can run.
 * A bad set is RULESET_INVALID naming the first bad path, never a throw: admins edit these by hand.
 */
export function validateLeadRuleSet(json: unknown): Result<LeadRuleSet, ProcessError> {
  const bad = (path: string, problem: string) => err<ProcessError>({ code: 'RULESET_INVALID', path, problem })
  json = ownData(json)
  const protoKey = prototypeKeyPath(json)
  if (protoKey) return bad(protoKey, 'a prototype key is not data')
  if (!isRecord(json)) return bad('$', 'must be an object')
  if (typeof json.version !== 'string') return bad('$.version', 'must be a string')
  if (!isRecord(json.defaults) || !(DIRECTIONS as readonly unknown[]).includes(json.defaults.direction)) {
    return bad('$.defaults.direction', `must be one of ${DIRECTIONS.join(', ')}`)
  }
  if (!isRecord(json.topics)) return bad('$.topics', 'must be an object of stem lists')
  for (const [topic, stems] of Object.entries(json.topics)) {
    if (!Array.isArray(stems) || stems.some((s) => typeof s !== 'string' || !STEM.test(s))) {
      return bad(`$.topics.${topic}`, 'must be a list of one-word stems (letters and digits)')
    }
  }
  if (!Array.isArray(json.rules)) return bad('$.rules', 'must be a list')
  const names = new Set<string>()
  for (const [i, rule] of json.rules.entries()) {
    const path = `$.rules[${i}]`
    if (!isRecord(rule)) return bad(path, 'must be an object')
    if (typeof rule.name !== 'string' || !rule.name) return bad(`${path}.name`, 'must be a non-empty string')
    if (names.has(rule.name)) return bad(`${path}.name`, `duplicate rule name "${rule.name}"`)
    names.add(rule.name)
    if (rule.priority !== undefined && !(Number.isInteger(rule.priority) && (rule.priority as number) > 0)) {
      return bad(`${path}.priority`, 'must be a positive integer')
    }
    const c = rule.conditions
    if (!isRecord(c) || !['all', 'any', 'not'].some((k) => k in c)) {
      return bad(`${path}.conditions`, 'the root must be all, any or not')
    }
    const p = checkCondition(c, `${path}.conditions`, 0) ?? checkEvent(rule.event, `${path}.event`)
    if (p) return bad(p.path, p.problem)
  }
  return ok(json as unknown as LeadRuleSet)
}
