import { describe, expect, it } from 'vitest'
import {
  checkLeadMove,
  classifyLead,
  compileLeadRuleSet,
  DEFAULT_LEAD_RULES,
  explainLead,
  leadMoveOptions,
  type CompiledRuleSet,
} from '../src'

function compiled(json: unknown): CompiledRuleSet {
  const r = compileLeadRuleSet(json)
  if (!r.ok) throw new Error(JSON.stringify(r.error))
  return r.value
}

const SET = compiled({
  version: 't',
  defaults: { direction: 'sales' },
  topics: { repair: ['ремонт'] },
  rules: [
    {
      name: 'big-partner',
      conditions: {
        all: [
          { fact: 'source', operator: 'equal', value: 'PARTNER' },
          { fact: 'amount', operator: 'greaterThanInclusive', value: 1000 },
        ],
      },
      event: { type: 'qualification', params: { verdict: 'qualified' } },
    },
    {
      name: 'repair-not-spam',
      conditions: {
        all: [
          { fact: 'topics', operator: 'contains', value: 'repair' },
          { not: { fact: 'hasEmail', operator: 'equal', value: false } },
        ],
      },
      event: { type: 'direction', params: { direction: 'service' } },
    },
  ],
})

describe('explainLead', () => {
  it('names a rule one condition short and that condition, with the lead value', () => {
    const r = explainLead({ id: '1', sourceId: 'PARTNER', amount: '500' }, SET, 'inWork')
    if (!r.ok) throw new Error(r.error.code)
    const miss = r.value.nearMisses.find((m) => m.rule === 'big-partner')
    expect(miss?.missing).toEqual([
      { fact: 'amount', operator: 'greaterThanInclusive', value: 1000, actual: 500, result: false },
    ])
    expect(r.value.fired).toEqual([])
  })

  it('is not a near miss when two conditions fail, and a negated condition counts through its `not`', () => {
    const r = explainLead({ id: '1', sourceId: 'WEB', amount: '1', text: 'ремонт', hasEmail: false }, SET, 'new')
    if (!r.ok) throw new Error(r.error.code)
    expect(r.value.nearMisses.map((m) => m.rule)).toEqual(['repair-not-spam'])
    expect(r.value.nearMisses[0]?.missing.map((c) => c.fact)).toEqual(['hasEmail'])
    expect(r.value.suggestedStage).toBe('inWork')
  })

  it('lists the fired rule with every condition and the lead values, and decides as classifyLead does', () => {
    const lead = { id: '1', sourceId: 'PARTNER', amount: '5000', text: 'ремонт', hasEmail: true }
    const r = explainLead(lead, SET, 'inWork')
    const c = classifyLead(lead, SET)
    if (!r.ok || !c.ok) throw new Error('not classified')
    expect(r.value.verdict).toEqual(c.value)
    expect(r.value.fired.map((f) => f.rule)).toEqual(['big-partner', 'repair-not-spam'])
    expect(r.value.fired[0]?.conditions.map((x) => [x.fact, x.actual, x.result])).toEqual([
      ['source', 'PARTNER', true],
      ['amount', 5000, true],
    ])
    expect(r.value.suggestedStage).toBe('qualified')
  })

  it('the shipped rules: an unreachable lead is suggested unqualified, a closed lead keeps its stage', () => {
    const set = compiled(DEFAULT_LEAD_RULES)
    const open = explainLead({ id: '1', title: 'Весы' }, set, 'new')
    expect(open.ok && open.value.suggestedStage).toBe('unqualified')
    const closed = explainLead({ id: '1', title: 'Весы' }, set, 'qualified')
    expect(closed.ok && closed.value.suggestedStage).toBe('qualified')
    expect(explainLead({ id: '1' }, set, 'done' as never)).toMatchObject({
      ok: false,
      error: { code: 'INVALID_INPUT' },
    })
  })
})

describe('lead moves and their guards', () => {
  const bare = { hasPhone: false, hasEmail: false, direction: '' }
  it('from New a manager may take the lead (asking for a phone or an e-mail) or close it (asking for a reason)', () => {
    expect(leadMoveOptions('new', bare, 'manager')).toEqual([
      { event: 'TAKE', target: 'inWork', allowed: { ok: true, value: true }, needs: ['contact'] },
      { event: 'DISQUALIFY', target: 'unqualified', allowed: { ok: true, value: true }, needs: ['reason'] },
    ])
    expect(leadMoveOptions('new', { ...bare, hasEmail: true }, 'manager')[0]?.needs).toEqual([])
    expect(leadMoveOptions('inWork', { ...bare, direction: 'sales' }, 'manager')[0]).toMatchObject({
      event: 'QUALIFY',
      needs: [],
    })
  })

  it('a viewer may make no move', () => {
    const moves = leadMoveOptions('inWork', bare, 'viewer')
    expect(moves.length).toBeGreaterThan(0)
    expect(moves.every((m) => !m.allowed.ok && m.allowed.error.code === 'ROLE_NOT_ALLOWED')).toBe(true)
  })

  it('checks a move with the values a form gave', () => {
    expect(checkLeadMove('new', 'TAKE', bare, 'manager')).toEqual({
      ok: false,
      error: { code: 'GUARD_FAILED', guard: 'CONTACT_REQUIRED' },
    })
    expect(checkLeadMove('new', 'TAKE', { ...bare, hasPhone: true }, 'manager')).toEqual({ ok: true, value: 'inWork' })
    expect(checkLeadMove('inWork', 'QUALIFY', bare, 'manager')).toMatchObject({
      error: { guard: 'DIRECTION_REQUIRED' },
    })
    expect(checkLeadMove('inWork', 'QUALIFY', bare, 'manager', { direction: 'project' })).toEqual({
      ok: true,
      value: 'qualified',
    })
    expect(checkLeadMove('inWork', 'QUALIFY', bare, 'viewer', { direction: 'project' })).toMatchObject({
      error: { code: 'ROLE_NOT_ALLOWED' },
    })
  })
})
