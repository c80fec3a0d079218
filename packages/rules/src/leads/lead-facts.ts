import { parseDecimal, type NumericInput } from '../decimal'
import { baseCurrencyCode, convertMoney, type PortalCurrency } from '../fx/convert-money'
import { ok, type Result } from '../result'
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
  const seen = new Set<string>()
  for (const m of text.toLowerCase().replaceAll('ё', 'е').matchAll(WORD)) seen.add(m[0])
  return [...seen]
}

/**
 * Finds the topics of a word list. Built once per rule set; remembers each word's topics, because the same
 * words recur across thousands of leads (the dry run depends on this).
 */
export class TopicMatcher {
  private readonly stems: readonly { readonly stem: string; readonly topic: string }[]
  private readonly cache = new Map<string, readonly string[]>()

  constructor(topics: LeadRuleSet['topics']) {
    this.stems = Object.entries(topics).flatMap(([topic, stems]) =>
      stems.map((s) => ({ stem: s.trim().toLowerCase().replaceAll('ё', 'е'), topic })),
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
