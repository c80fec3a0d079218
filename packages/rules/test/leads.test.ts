import { describe, expect, it } from 'vitest'
import fc from 'fast-check'
import {
  DEFAULT_LEAD_RULES,
  DEFAULT_LEAD_STATUS_CONFIG,
  classifyLead,
  classifyLeadWithEngine,
  compileLeadRuleSet,
  dryRun,
  firedRules,
  leadStageFromStatus,
  leadUpdateFor,
  tokenize,
  transitionLead,
} from '../src'
import type {
  Actor,
  CompiledRuleSet,
  Condition,
  LeadEvent,
  LeadInput,
  LeadRuleSet,
  LeadStage,
  PortalCurrency,
} from '../src'

const unwrap = <T>(r: { ok: true; value: T } | { ok: false; error: unknown }): T => {
  if (!r.ok) throw new Error(`unexpected error ${JSON.stringify(r.error)}`)
  return r.value
}
const DEFAULT = unwrap(compileLeadRuleSet(DEFAULT_LEAD_RULES))
const lead = (over: Partial<LeadInput>): LeadInput => ({ id: '1', hasPhone: true, sourceId: 'WEB', ...over })
const clone = (): LeadRuleSet => structuredClone(DEFAULT_LEAD_RULES) as LeadRuleSet

describe('default lead rules', () => {
  // Both sides of every threshold and every topic of the shipped rule set.
  it.each([
    ['no signal → default direction, undecided', {}, 'sales', 'undecided', []],
    ['amount 2 999 999 stays sales', { amount: 2999999 }, 'sales', 'undecided', []],
    ['amount 3 000 000 → project', { amount: '3000000' }, 'project', 'undecided', ['project-by-amount']],
    ['4 products → sales', { productIds: [1, 2, 3, 4] }, 'sales', 'undecided', ['sales-by-request']],
    [
      '5 products → project',
      { productIds: [1, 2, 3, 4, 5] },
      'project',
      'undecided',
      ['project-by-scope', 'sales-by-request'],
    ],
    [
      'repair words → service',
      { text: 'Нужен ремонт весов, сломался датчик' },
      'service',
      'undecided',
      ['service-by-request'],
    ],
    ['calibration → service', { title: 'Поверка платформы' }, 'service', 'undecided', ['service-by-request']],
    [
      'repair beats a project word',
      { text: 'ремонт линии' },
      'service',
      'undecided',
      ['service-by-request', 'project-by-request'],
    ],
    [
      'a large amount beats repair',
      { text: 'ремонт', amount: 5e6 },
      'project',
      'undecided',
      ['project-by-amount', 'service-by-request'],
    ],
    [
      'project words → project',
      { text: 'Автоматизация цеха под ключ' },
      'project',
      'undecided',
      ['project-by-request'],
    ],
    ['price request → sales', { text: 'Сколько стоит? Пришлите цену' }, 'sales', 'undecided', ['sales-by-request']],
    ['no phone, no e-mail → unqualified', { hasPhone: false }, 'sales', 'unqualified', ['unqualified-no-contact']],
    ['e-mail only is a contact', { hasPhone: false, hasEmail: true }, 'sales', 'undecided', []],
    ['a job seeker → unqualified', { text: 'Отправляю резюме' }, 'sales', 'unqualified', ['unqualified-job-or-spam']],
    [
      'a "job" word with products is a customer',
      { text: 'резюме', productIds: [7] },
      'sales',
      'undecided',
      ['sales-by-request'],
    ],
    ['partner source → qualified', { sourceId: 'PARTNER' }, 'sales', 'qualified', ['qualified-partner']],
    ['company with 99 999 → undecided', { companyTitle: 'ООО Ромашка', amount: 99999 }, 'sales', 'undecided', []],
    [
      'company with 100 000 → qualified',
      { companyTitle: 'ООО Ромашка', amount: 100000 },
      'sales',
      'qualified',
      ['qualified-company-with-need'],
    ],
    [
      'company with a product → qualified',
      { companyTitle: 'ООО', productIds: ['12'] },
      'sales',
      'qualified',
      ['sales-by-request', 'qualified-company-with-need'],
    ],
    [
      'a blank company name is no company',
      { companyTitle: '  ', productIds: ['12'] },
      'sales',
      'undecided',
      ['sales-by-request'],
    ],
    [
      'no contact beats partner',
      { hasPhone: false, sourceId: 'PARTNER' },
      'sales',
      'unqualified',
      ['unqualified-no-contact', 'qualified-partner'],
    ],
  ] as [string, Partial<LeadInput>, string, string, string[]][])(
    '%s',
    async (_, over, direction, qualification, fired) => {
      const v = unwrap(classifyLead(lead(over), DEFAULT))
      expect([v.direction, v.qualification]).toEqual([direction, qualification])
      expect(v.fired).toEqual(fired)
      const viaEngine = unwrap(await classifyLeadWithEngine(lead(over), DEFAULT))
      expect(viaEngine).toEqual(v)
    },
  )

  it('explains a verdict with the rule and the facts it looked at', () => {
    const v = unwrap(classifyLead(lead({ amount: '3500000', companyTitle: 'ООО Техно' }), DEFAULT))
    expect(v.directionBecause).toEqual({
      kind: 'rule',
      rule: 'project-by-amount',
      priority: 30,
      facts: { amount: 3500000 },
      conditions: [{ fact: 'amount', operator: 'greaterThanInclusive', value: 3000000, actual: 3500000, result: true }],
    })
    expect(v.qualificationBecause).toMatchObject({
      rule: 'qualified-company-with-need',
      facts: { hasCompany: true, amount: 3500000, productCount: 0 },
    })
    expect(unwrap(classifyLead(lead({}), DEFAULT)).directionBecause).toEqual({ kind: 'default' })
  })

  it('gives the unqualified reason', () => {
    expect(unwrap(classifyLead(lead({ hasPhone: false }), DEFAULT)).reason).toBe('no-contact')
  })

  it('converts a foreign-currency amount to the base currency before comparing', () => {
    const currencies: PortalCurrency[] = [
      { CURRENCY: 'RUB', AMOUNT: '1', AMOUNT_CNT: '1', isBase: true, decimals: 2 },
      { CURRENCY: 'USD', AMOUNT: '92.5000', AMOUNT_CNT: '1', isBase: false, decimals: 2 },
    ]
    const v = unwrap(classifyLead(lead({ amount: '40000', currencyId: 'USD' }), DEFAULT, { currencies }))
    expect([v.direction, v.facts.amount]).toEqual(['project', 3700000])
    expect(classifyLead(lead({ amount: '1,5' }), DEFAULT)).toMatchObject({
      ok: false,
      error: { code: 'INVALID_NUMBER' },
    })
  })

  it('tokenizes Russian text, folding case and ё', () => {
    expect(tokenize('Ремонт ЛИНИИ, счёт №15!')).toEqual(['ремонт', 'линии', 'счет', '15'])
  })
})

describe('rule set validation', () => {
  const withRule = (rule: unknown) => ({ ...clone(), rules: [rule] })
  const leaf = (c: unknown) =>
    withRule({ name: 'r', conditions: { all: [c] }, event: { type: 'direction', params: { direction: 'sales' } } })
  it.each([
    [null, '$'],
    [{ ...clone(), version: 1 }, '$.version'],
    [{ ...clone(), defaults: { direction: 'retail' } }, '$.defaults.direction'],
    [{ ...clone(), topics: { a: ['две слова'] } }, '$.topics.a'],
    [{ ...clone(), rules: {} }, '$.rules'],
    [
      withRule({ name: '', conditions: { all: [] }, event: { type: 'direction', params: { direction: 'sales' } } }),
      '$.rules[0].name',
    ],
    [{ ...clone(), rules: [clone().rules[0], clone().rules[0]] }, '$.rules[1].name'],
    [
      withRule({
        name: 'r',
        priority: 0,
        conditions: { all: [] },
        event: { type: 'direction', params: { direction: 'sales' } },
      }),
      '$.rules[0].priority',
    ],
    [
      withRule({
        name: 'r',
        conditions: { fact: 'amount', operator: 'equal', value: 1 },
        event: { type: 'direction', params: { direction: 'sales' } },
      }),
      '$.rules[0].conditions',
    ],
    [
      withRule({ name: 'r', conditions: { all: [] }, event: { type: 'direction', params: { direction: 'retail' } } }),
      '$.rules[0].event.params.direction',
    ],
    [
      withRule({
        name: 'r',
        conditions: { all: [] },
        event: { type: 'qualification', params: { verdict: 'unqualified' } },
      }),
      '$.rules[0].event.params.reason',
    ],
    [withRule({ name: 'r', conditions: { all: [] }, event: { type: 'score', params: {} } }), '$.rules[0].event.type'],
    [leaf({ fact: 'amount', operator: 'greaterThan', value: '1000' }), '$.rules[0].conditions.all[0].value'],
    [leaf({ fact: 'source', operator: 'greaterThan', value: 5 }), '$.rules[0].conditions.all[0].value'],
    [leaf({ fact: 'budget', operator: 'equal', value: 5 }), '$.rules[0].conditions.all[0].fact'],
    [leaf({ fact: 'amount', operator: 'between', value: 5 }), '$.rules[0].conditions.all[0].operator'],
    [leaf({ fact: 'amount', operator: 'equal', value: '5' }), '$.rules[0].conditions.all[0].value'],
    [leaf({ fact: 'source', operator: 'in', value: 'WEB' }), '$.rules[0].conditions.all[0].value'],
    [leaf({ fact: 'source', operator: 'contains', value: 'W' }), '$.rules[0].conditions.all[0].value'],
    [leaf({ fact: 'topics', operator: 'contains', value: 1 }), '$.rules[0].conditions.all[0].value'],
    [
      leaf({ fact: 'amount', operator: 'equal', value: { fact: 'productCount' } }),
      '$.rules[0].conditions.all[0].value',
    ],
    [leaf({ fact: 'field.UF_X', operator: 'lessThan', value: 'z' }), '$.rules[0].conditions.all[0].value'],
    [leaf({ fact: 'amount', path: '$.x', operator: 'equal', value: 1 }), '$.rules[0].conditions.all[0]'],
    [leaf({ all: [], any: [] }), '$.rules[0].conditions.all[0]'],
    [leaf({ not: { fact: 'amount', operator: 'equal', value: null } }), '$.rules[0].conditions.all[0].not.value'],
  ])('rejects case %# at %s', (json, path) => {
    const r = compileLeadRuleSet(json)
    expect(r.ok).toBe(false)
    if (!r.ok && r.error.code === 'RULESET_INVALID') expect(r.error.path).toBe(path)
    else throw new Error(`expected RULESET_INVALID, got ${JSON.stringify(r)}`)
  })

  it('accepts custom-field facts of any kind', () => {
    const r = compileLeadRuleSet(leaf({ fact: 'field.UF_CRM_REGION', operator: 'in', value: ['77', 50] }))
    expect(r.ok).toBe(true)
  })
})

describe('compiled rules equal json-rules-engine', () => {
  const numberFacts = ['amount', 'productCount', 'words']
  const leafArb: fc.Arbitrary<Condition> = fc.oneof(
    fc.record({
      fact: fc.constantFrom(...numberFacts),
      operator: fc.constantFrom(
        'lessThan',
        'lessThanInclusive',
        'greaterThan',
        'greaterThanInclusive',
        'equal',
        'notEqual',
      ),
      value: fc.integer({ min: -2, max: 12 }),
    }),
    fc.record({
      fact: fc.constant('amount'),
      operator: fc.constantFrom('in', 'notIn'),
      value: fc.array(fc.integer({ min: 0, max: 10 }), { maxLength: 3 }),
    }),
    fc.record({
      fact: fc.constant('source'),
      operator: fc.constantFrom('equal', 'notEqual'),
      value: fc.constantFrom('WEB', 'CALL', ''),
    }),
    fc.record({
      fact: fc.constant('source'),
      operator: fc.constantFrom('in', 'notIn'),
      value: fc.array(fc.constantFrom('WEB', 'CALL', 'PARTNER'), { maxLength: 3 }),
    }),
    fc.record({
      fact: fc.constantFrom('topics', 'products'),
      operator: fc.constantFrom('contains', 'doesNotContain'),
      value: fc.constantFrom('a', 'b', '1'),
    }),
    fc.record({
      fact: fc.constantFrom('hasPhone', 'hasCompany'),
      operator: fc.constantFrom('equal', 'notEqual'),
      value: fc.boolean(),
    }),
    fc
      .record({
        fact: fc.constant('field.UF_X'),
        operator: fc.constantFrom(
          'equal',
          'notEqual',
          'lessThan',
          'greaterThanInclusive',
          'contains',
          'doesNotContain',
          'in',
          'notIn',
        ),
        value: fc.constantFrom(3, 'x', '3', true),
      })
      .map((c) =>
        ['lessThan', 'greaterThanInclusive'].includes(c.operator)
          ? { ...c, value: 3 }
          : ['in', 'notIn'].includes(c.operator)
            ? { ...c, value: [c.value === true ? 'y' : c.value] }
            : ['contains', 'doesNotContain'].includes(c.operator)
              ? { ...c, value: 'x' }
              : c,
      ),
  ) as fc.Arbitrary<Condition>
  const conditionArb: fc.Arbitrary<Condition> = fc.letrec<{ c: Condition }>((tie) => ({
    c: fc.oneof(
      { depthSize: 'small', withCrossShrink: true },
      leafArb,
      fc.array(tie('c'), { maxLength: 3 }).map((all) => ({ all })),
      fc.array(tie('c'), { maxLength: 3 }).map((any) => ({ any })),
      tie('c').map((not) => ({ not })),
    ),
  })).c
  const ruleSetArb = fc
    .array(
      fc.record({
        conditions: fc.oneof(
          fc.array(conditionArb, { maxLength: 3 }).map((all) => ({ all })),
          fc.array(conditionArb, { maxLength: 3 }).map((any) => ({ any })),
          conditionArb.map((not) => ({ not })),
        ),
        priority: fc.integer({ min: 1, max: 3 }),
        direction: fc.constantFrom('service', 'sales', 'project'),
      }),
      { minLength: 1, maxLength: 6 },
    )
    .map((rules) => ({
      version: 'p',
      defaults: { direction: 'sales' },
      topics: {},
      rules: rules.map((r, i) => ({
        name: `r${i}`,
        priority: r.priority,
        conditions: r.conditions,
        event: { type: 'direction', params: { direction: r.direction } },
      })),
    }))
  const factsArb = fc.record(
    {
      amount: fc.integer({ min: -1, max: 12 }),
      productCount: fc.integer({ min: 0, max: 6 }),
      words: fc.integer({ min: 0, max: 12 }),
      source: fc.constantFrom('WEB', 'CALL', 'PARTNER', ''),
      topics: fc.subarray(['a', 'b']),
      products: fc.subarray(['1', '2']),
      hasPhone: fc.boolean(),
      hasCompany: fc.boolean(),
      'field.UF_X': fc.constantFrom(3, 2, 'x', '3', '12abc', true, false, 0),
    },
    { requiredKeys: ['amount', 'productCount', 'words', 'source', 'topics', 'products', 'hasPhone', 'hasCompany'] },
  )

  it('fires the same rules for any valid rule set and any facts (absent custom fields included)', async () => {
    await fc.assert(
      fc.asyncProperty(ruleSetArb, factsArb, async (json, facts) => {
        const set: CompiledRuleSet = unwrap(compileLeadRuleSet(json))
        const { results } = await (await set.engine()).run({ ...facts })
        expect([...firedRules(set, facts)].sort()).toEqual(results.map((r) => r.name).sort())
      }),
      { numRuns: 300 },
    )
  })
})

describe('dryRun equals classifying every lead with both sets', () => {
  // The dry run takes a lean path (winning rules only, no explanations); the reference is classifyLead.
  const leaf = fc.oneof(
    fc.record({
      fact: fc.constantFrom('amount', 'productCount', 'words'),
      operator: fc.constantFrom('lessThan', 'greaterThanInclusive', 'equal', 'notEqual'),
      value: fc.integer({ min: -1, max: 8 }),
    }),
    fc.record({
      fact: fc.constantFrom('topics', 'products'),
      operator: fc.constantFrom('contains', 'doesNotContain'),
      value: fc.constantFrom('repair', 'price', '101', '102'),
    }),
    fc.record({ fact: fc.constant('source'), operator: fc.constant('in'), value: fc.subarray(['WEB', 'CALL']) }),
    fc.record({ fact: fc.constantFrom('hasPhone', 'hasCompany'), operator: fc.constant('equal'), value: fc.boolean() }),
    fc.record({ fact: fc.constant('field.UF_X'), operator: fc.constant('equal'), value: fc.constantFrom('x', 3) }),
  )
  const condition = fc.oneof(
    fc.array(leaf, { maxLength: 3 }).map((all) => ({ all })),
    fc.array(leaf, { minLength: 1, maxLength: 3 }).map((any) => ({ any })),
    leaf.map((not) => ({ all: [{ not }] })),
  )
  const event = fc.oneof(
    fc.constantFrom('service', 'sales', 'project').map((direction) => ({ type: 'direction', params: { direction } })),
    fc.constant({ type: 'qualification', params: { verdict: 'qualified' } }),
    fc.constantFrom('spam', 'no-contact').map((reason) => ({
      type: 'qualification',
      params: { verdict: 'unqualified', reason },
    })),
  )
  const ruleSet = fc
    .array(fc.record({ conditions: condition, priority: fc.integer({ min: 1, max: 3 }), event }), { maxLength: 7 })
    .map((rules) => ({
      version: 'p',
      defaults: { direction: 'sales' },
      topics: { repair: ['ремонт'], price: ['цен', 'стоим'] },
      rules: rules.map((r, i) => ({ name: `r${i}`, ...r })),
    }))
  const leadArb = fc.record({
    id: fc.uuid(),
    sourceId: fc.constantFrom('WEB', 'CALL', null),
    text: fc.constantFrom('Нужен ремонт весов', 'Какая цена?', 'Стоимость ремонта', '', null),
    amount: fc.option(fc.integer({ min: -1, max: 8 }).map(String)),
    productIds: fc.subarray([101, 102, 103]),
    hasPhone: fc.boolean(),
    companyTitle: fc.constantFrom('ООО «А»', null),
    fields: fc.constantFrom({}, { UF_X: 'x' }, { UF_X: 3 }),
  }) as fc.Arbitrary<LeadInput>

  it('gives the same moves, changes and rule take-overs for random rule sets and leads', () => {
    fc.assert(
      fc.property(ruleSet, ruleSet, fc.array(leadArb, { maxLength: 12 }), (a, b, leads) => {
        const [oldSet, newSet] = [unwrap(compileLeadRuleSet(a)), unwrap(compileLeadRuleSet(b))]
        const report = unwrap(dryRun(oldSet, newSet, leads))
        const name = (e: { kind: string; rule?: string }) => (e.kind === 'rule' ? e.rule : '')
        const moves: string[] = []
        let changed = 0
        let ruleChanges = 0
        for (const l of leads) {
          const x = unwrap(classifyLead(l, oldSet))
          const y = unwrap(classifyLead(l, newSet))
          if (x.direction !== y.direction) moves.push(`d ${x.direction}>${y.direction} ${l.id}`)
          if (x.qualification !== y.qualification) moves.push(`q ${x.qualification}>${y.qualification} ${l.id}`)
          if (x.direction !== y.direction || x.qualification !== y.qualification) changed++
          else if (name(x.directionBecause) !== name(y.directionBecause)) ruleChanges++
          else if (name(x.qualificationBecause) !== name(y.qualificationBecause)) ruleChanges++
        }
        const reported = [
          ...report.directionMoves.flatMap((m) => m.leadIds.map((id) => `d ${m.from}>${m.to} ${id}`)),
          ...report.qualificationMoves.flatMap((m) => m.leadIds.map((id) => `q ${m.from}>${m.to} ${id}`)),
        ]
        expect(reported.sort()).toEqual(moves.sort())
        expect([report.total, report.changed, report.ruleChanges]).toEqual([leads.length, changed, ruleChanges])
      }),
      { numRuns: 300 },
    )
  }, 60_000)
})

describe('dryRun', () => {
  const lowered = (() => {
    const json = clone()
    const rules = json.rules.map((r) =>
      r.name === 'project-by-amount'
        ? { ...r, conditions: { all: [{ fact: 'amount', operator: 'greaterThanInclusive', value: 1000000 }] } }
        : r,
    )
    return unwrap(compileLeadRuleSet({ ...json, rules }))
  })()
  const leads: LeadInput[] = [
    ...Array.from({ length: 37 }, (_, i) => lead({ id: `m${i}`, amount: 1000000 + i * 50000 })), // 1.00–2.80 M
    ...Array.from({ length: 5 }, (_, i) => lead({ id: `s${i}`, amount: 999999 - i })),
    ...Array.from({ length: 3 }, (_, i) => lead({ id: `p${i}`, amount: 4000000 + i })),
    lead({ id: 'r1', amount: 1500000, text: 'ремонт' }),
  ]

  it('reports "37 leads move from sales to project" when the project threshold drops to 1 M', () => {
    const r = unwrap(dryRun(DEFAULT, lowered, leads))
    expect(r.total).toBe(leads.length)
    expect(r.summary).toEqual(['37 leads move from sales to project', '1 lead moves from service to project'])
    expect(r.directionMoves[0]).toMatchObject({ from: 'sales', to: 'project', count: 37 })
    expect(r.directionMoves[0]!.leadIds).toEqual(leads.slice(0, 37).map((l) => l.id))
    expect(r.changed).toBe(38)
  })

  it('reports nothing for the same rules and the reverse moves when swapped', () => {
    expect(unwrap(dryRun(DEFAULT, DEFAULT, leads))).toMatchObject({ changed: 0, summary: [], ruleChanges: 0 })
    // plain JSON is accepted and validated
    expect(unwrap(dryRun(clone(), lowered.ruleSet, leads)).changed).toBe(38)
    expect(dryRun(DEFAULT, { ...clone(), version: 7 } as unknown as LeadRuleSet, leads)).toMatchObject({
      ok: false,
      error: { code: 'RULESET_INVALID', path: '$.version' },
    })
    const back = unwrap(dryRun(lowered, DEFAULT, leads))
    expect(back.directionMoves.map((m) => [m.from, m.to, m.count])).toEqual([
      ['project', 'sales', 37],
      ['project', 'service', 1],
    ])
  })

  it('counts verdict changes and rule take-overs separately from moves', () => {
    const json = clone()
    const renamed = unwrap(
      compileLeadRuleSet({
        ...json,
        topics: { ...json.topics, job: [...json.topics.job!, 'работ'] },
        rules: json.rules.map((r) => (r.name === 'project-by-amount' ? { ...r, name: 'project-big' } : r)),
      }),
    )
    const r = unwrap(dryRun(DEFAULT, renamed, [...leads, lead({ id: 'j', text: 'ищу работу' })]))
    expect(r.qualificationMoves).toEqual([{ from: 'undecided', to: 'unqualified', count: 1, leadIds: ['j'] }])
    expect(r.summary).toEqual(['1 lead changes verdict from undecided to unqualified'])
    expect(r.ruleChanges).toBe(3)
  })

  it('counts per rule of the new set the leads it fired on and the leads it won (shadowed rules fire but never win)', () => {
    const json = clone()
    const shadow = {
      name: 'sales-by-big-amount',
      priority: 5,
      conditions: { all: [{ fact: 'amount', operator: 'greaterThanInclusive', value: 4000000 }] },
      event: { type: 'direction', params: { direction: 'sales' } },
    }
    const never = {
      name: 'service-by-huge-amount',
      priority: 99,
      conditions: { all: [{ fact: 'amount', operator: 'greaterThan', value: 1e12 }] },
      event: { type: 'direction', params: { direction: 'service' } },
    }
    const set = unwrap(compileLeadRuleSet({ ...json, rules: [...json.rules, shadow, never] }))
    const r = unwrap(dryRun(DEFAULT, set, leads))
    expect(r.ruleHits['sales-by-big-amount']).toEqual({ fired: 3, won: 0 })
    expect(r.ruleHits['service-by-huge-amount']).toEqual({ fired: 0, won: 0 })
    expect(r.ruleHits['project-by-amount']).toEqual({ fired: 3, won: 3 })
    expect(Object.keys(r.ruleHits).sort()).toEqual(set.rules.map((x) => x.rule.name).sort())
  })
})

describe('lead stages', () => {
  it.each([
    ['new', { type: 'TAKE' }, 'manager', 'inWork'],
    ['new', { type: 'TAKE' }, 'system', 'inWork'],
    ['new', { type: 'DISQUALIFY', reason: 'spam' }, 'system', 'unqualified'],
    ['new', { type: 'QUALIFY', direction: 'sales' }, 'manager', 'TRANSITION_NOT_ALLOWED'],
    ['new', { type: 'REOPEN' }, 'manager', 'TRANSITION_NOT_ALLOWED'],
    ['inWork', { type: 'QUALIFY', direction: 'project' }, 'manager', 'qualified'],
    ['inWork', { type: 'QUALIFY', direction: 'project' }, 'system', 'ROLE_NOT_ALLOWED'],
    ['inWork', { type: 'QUALIFY', direction: '' }, 'manager', 'GUARD_FAILED'],
    ['inWork', { type: 'DISQUALIFY', reason: ' ' }, 'manager', 'GUARD_FAILED'],
    ['inWork', { type: 'DISQUALIFY', reason: 'no budget' }, 'admin', 'unqualified'],
    ['inWork', { type: 'TAKE' }, 'manager', 'TRANSITION_NOT_ALLOWED'],
    ['inWork', { type: 'DISQUALIFY', reason: 'x' }, 'viewer', 'ROLE_NOT_ALLOWED'],
    ['unqualified', { type: 'REOPEN' }, 'manager', 'inWork'],
    ['unqualified', { type: 'REOPEN' }, 'system', 'ROLE_NOT_ALLOWED'],
    ['unqualified', { type: 'QUALIFY', direction: 'sales' }, 'admin', 'TRANSITION_NOT_ALLOWED'],
    ['qualified', { type: 'DISQUALIFY', reason: 'x' }, 'admin', 'TRANSITION_NOT_ALLOWED'],
    ['qualified', { type: 'REOPEN' }, 'admin', 'TRANSITION_NOT_ALLOWED'],
  ] as [LeadStage, LeadEvent, Actor, string][])('%s + %o by %s → %s', (from, event, actor, expected) => {
    const r = transitionLead(from, event, actor)
    expect(r.ok ? r.value : r.error.code).toBe(expected)
  })

  const EVENTS: LeadEvent[] = [
    { type: 'TAKE' },
    { type: 'QUALIFY', direction: 'sales' },
    { type: 'DISQUALIFY', reason: 'spam' },
    { type: 'REOPEN' },
  ]
  // Full matrix for a manager: stage × event → next stage or '-'.
  const SPEC: Record<LeadStage, string[]> = {
    new: ['inWork', '-', 'unqualified', '-'],
    inWork: ['-', 'qualified', 'unqualified', '-'],
    unqualified: ['-', '-', '-', 'inWork'],
    qualified: ['-', '-', '-', '-'],
  }
  it.each(
    Object.entries(SPEC).flatMap(([stage, targets]) =>
      targets.map((t, i) => [stage as LeadStage, EVENTS[i]!, t] as const),
    ),
  )('matrix: %s + %o → %s', (stage, event, target) => {
    const r = transitionLead(stage, event, 'manager')
    expect(r.ok ? r.value : '-').toBe(target)
    if (!r.ok) expect(r.error.code).toBe('TRANSITION_NOT_ALLOWED')
  })

  it.each([
    ['NEW', undefined, 'new'],
    ['IN_PROCESS', undefined, 'inWork'],
    ['PROCESSED', undefined, 'inWork'],
    ['CONVERTED', undefined, 'qualified'],
    ['JUNK', undefined, 'unqualified'],
    ['UC_CALLBACK', 'process', 'inWork'],
    ['UC_WIN', 'success', 'qualified'],
    ['UC_TRASH', 'failure', 'unqualified'],
  ] as const)('status %s (semantics %s) reads as %s', (status, semantics, stage) => {
    expect(leadStageFromStatus(DEFAULT_LEAD_STATUS_CONFIG, status, semantics)).toEqual({ ok: true, value: stage })
  })

  it('refuses an unknown status without semantics', () => {
    expect(leadStageFromStatus(DEFAULT_LEAD_STATUS_CONFIG, 'UC_X')).toEqual({
      ok: false,
      error: { code: 'UNKNOWN_STATUS', status: 'UC_X' },
    })
  })

  it('says which fields to write', () => {
    expect(
      unwrap(leadUpdateFor(DEFAULT_LEAD_STATUS_CONFIG, 'inWork', { type: 'QUALIFY', direction: 'service' }, 'manager')),
    ).toEqual({
      stage: 'qualified',
      fields: { STATUS_ID: 'CONVERTED', UF_CRM_SF_DIRECTION: 'service' },
    })
    expect(
      unwrap(leadUpdateFor(DEFAULT_LEAD_STATUS_CONFIG, 'new', { type: 'DISQUALIFY', reason: ' spam ' }, 'system')),
    ).toEqual({
      stage: 'unqualified',
      fields: { STATUS_ID: 'JUNK', UF_CRM_SF_JUNK: 'spam' },
    })
    expect(
      unwrap(leadUpdateFor(DEFAULT_LEAD_STATUS_CONFIG, 'unqualified', { type: 'REOPEN' }, 'admin')).fields,
    ).toEqual({
      STATUS_ID: 'IN_PROCESS',
      UF_CRM_SF_JUNK: '',
    })
  })
})
