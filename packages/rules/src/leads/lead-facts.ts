import { parseDecimal, type NumericInput } from '../decimal'
import { baseCurrencyCode, convertMoney, type PortalCurrency } from '../fx/convert-money'
import { err, ok, type Result } from '../result'
import { isRecord, own, ownData } from '../input'
import type { SalesError } from '../sales-errors'
import type { FactValue, LeadRuleSet } from './rule-set'

/** A lead as packages/portal reads it (crm.lead.get), reduced to what classification may look at. */
export interface LeadInput {
  readonly id: string
  /** SOURCE_ID: 'WEB', 'CALL', 'EMAIL', 'PARTNER', 'RECOMMENDATION'… */
  readonly sourceId?: string | null
  readonly title?: string | null
  /** The request text (COMMENTS, a web-form message, an e-mail body). */
  readonly text?: string | null
  readonly amount?: NumericInput | null
  readonly currencyId?: string | null
  readonly productIds?: readonly (string | number)[]
  readonly hasPhone?: boolean
  readonly hasEmail?: boolean
  readonly companyTitle?: string | null
  /** Custom fields (UF_CRM_*), exposed to rules as `field.<CODE>`. */
  readonly fields?: Readonly<Record<string, string | number | boolean | null | undefined>>
}

export type LeadFacts = Readonly<Record<string, FactValue>>

export interface LeadFactOptions {
  /** Converts `amount` to the base currency at these rates when the lead is in another currency. */
  readonly currencies?: readonly PortalCurrency[]
}

const WORD = /[\p{L}\p{N}]+/gu

/** The words of a text, lower-cased, ё folded to е, unique, in first-seen order. */
export function tokenize(text: string): string[] {
  if (typeof text !== 'string') return []
  // match() with /g gives the words as strings: no match objects per word (the dry run tokenizes every lead).
  const words = text.toLowerCase().replaceAll('ё', 'е').match(WORD)
  return words ? [...new Set(words)] : []
}

/**
 * Finds the topics of a word list. Built once per rule set; remembers each word's topics, because the same
 * words recur across thousands of leads (the dry run depends on this).
 */
export class TopicMatcher {
  private readonly stems: readonly { readonly stem: string; readonly topic: string }[]
  private readonly cache = new Map<string, readonly string[]>()

  constructor(topics: LeadRuleSet['topics']) {
    // Topics that are not lists of strings (unvalidated JSON) contribute no stems; validateLeadRuleSet names them.
    const entries: [string, unknown][] = isRecord(topics) ? Object.entries(topics) : []
    this.stems = entries.flatMap(([topic, stems]) =>
      (Array.isArray(stems) ? stems : [])
        .filter((s): s is string => typeof s === 'string' && s.trim() !== '')
        .map((s) => ({ stem: s.trim().toLowerCase().replaceAll('ё', 'е'), topic })),
    )
  }

  private of(word: string): readonly string[] {
    let hit = this.cache.get(word)
    if (!hit) {
      hit = [...new Set(this.stems.filter((s) => word.startsWith(s.stem)).map((s) => s.topic))]
      this.cache.set(word, hit)
    }
    return hit
  }

  /** The sorted topics of the words. */
  match(words: readonly string[]): string[] {
    const found = new Set<string>()
    for (const w of words) for (const t of this.of(w)) found.add(t)
    return [...found].sort()
  }
}

/** The part of the facts that does not depend on the rule set: computed once per lead in a dry run. */
export interface LeadBase {
  readonly facts: Record<string, FactValue>
  readonly words: readonly string[]
}

/** Prepares the rule-set-independent facts. Errors: INVALID_NUMBER, UNKNOWN_CURRENCY and other conversion errors. */
export function prepareLeadBase(lead: LeadInput, options: LeadFactOptions = {}): Result<LeadBase, SalesError> {
  const shape = leadProblem(lead, options)
  if (shape) return err(shape)
  lead = ownData(lead)
  let amount = 0
  const hasAmount = lead.amount !== undefined && lead.amount !== null && lead.amount !== ''
  if (hasAmount) {
    let value = parseDecimal(lead.amount, 'amount')
    if (!value.ok) return value
    const base = baseCurrencyCode(options.currencies ?? [])
    if (base && lead.currencyId && lead.currencyId !== base) {
      const converted = convertMoney(value.value, lead.currencyId, base, options.currencies ?? [])
      if (!converted.ok) return converted
      value = parseDecimal(converted.value, 'amount')
      if (!value.ok) return value
    }
    // A JS number on purpose: json-rules-engine compares with < and >=, which a Decimal or a string breaks.
    amount = value.value.toNumber()
  }
  const words = tokenize(`${lead.title ?? ''}\n${lead.text ?? ''}`)
  const products = [...new Set((lead.productIds ?? []).map(String))].sort()
  const facts: Record<string, FactValue> = {
    source: lead.sourceId ?? '',
    amount,
    hasAmount,
    products,
    productCount: products.length,
    words: words.length,
    hasPhone: lead.hasPhone ?? false,
    hasEmail: lead.hasEmail ?? false,
    hasCompany: Boolean(lead.companyTitle?.trim()),
  }
  for (const [code, value] of Object.entries(lead.fields ?? {})) {
    if (value !== null && value !== undefined) facts[`field.${code}`] = value
  }
  return ok({ facts, words })
}

/** Adds the rule set's topic facts to a lead's base facts. */
export function withTopics(base: LeadBase, matcher: TopicMatcher): LeadFacts {
  return { ...base.facts, topics: matcher.match(base.words) }
}

const optionalOf = (v: unknown, type: 'string' | 'boolean') => v === undefined || v === null || typeof v === type

/** The first field of a lead that is not what crm.lead.get sends, if any (INVALID_INPUT). */
function leadProblem(lead: unknown, options: unknown): SalesError | undefined {
  const bad = (field: string, value: unknown): SalesError => ({ code: 'INVALID_INPUT', field, value })
  if (!isRecord(lead)) return bad('lead', lead)
  if (!isRecord(options)) return bad('options', options)
  if (options.currencies !== undefined && !Array.isArray(options.currencies))
    return bad('currencies', options.currencies)
  if (typeof own(lead, 'id') !== 'string') return bad('id', own(lead, 'id'))
  for (const field of ['sourceId', 'title', 'text', 'currencyId', 'companyTitle'] as const) {
    if (!optionalOf(own(lead, field), 'string')) return bad(field, own(lead, field))
  }
  for (const field of ['hasPhone', 'hasEmail'] as const) {
    if (!optionalOf(own(lead, field), 'boolean')) return bad(field, own(lead, field))
  }
  const ids = own(lead, 'productIds')
  const isId = (v: unknown) => typeof v === 'string' || (typeof v === 'number' && Number.isFinite(v))
  if (ids !== undefined && !(Array.isArray(ids) && ids.every(isId))) return bad('productIds', ids)
  const fields = own(lead, 'fields')
  if (fields !== undefined) {
    if (!isRecord(fields)) return bad('fields', fields)
    for (const [code, v] of Object.entries(fields)) {
      const plain = v === null || v === undefined || typeof v === 'string' || typeof v === 'boolean'
      if (!plain && !(typeof v === 'number' && Number.isFinite(v))) return bad(`fields.${code}`, v)
    }
  }
  return undefined
}
