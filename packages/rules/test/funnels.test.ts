import { describe, expect, it } from 'vitest'
import {
  DEFAULT_FUNNEL_CONFIG,
  DEFAULT_TRANSITIONS,
  checkDealMove,
  canMoveDeal,
  dealMoveOptions,
  validateFunnelConfig,
} from '../src'
import type { Actor, DealSnapshot, FunnelConfig } from '../src'

const CFG = DEFAULT_FUNNEL_CONFIG
const COMPLETE: DealSnapshot['fields'] = {
  UF_CRM_SF_DIRECTION: 'sales',
  COMPANY_ID: '12',
  CONTACT_ID: '0',
  UF_CRM_SF_CFG_STATE: 'approved',
  UF_CRM_SF_CFG_ITEM: '501',
  UF_CRM_SF_PRICED: 'Y',
  OPPORTUNITY: '250000.00',
  UF_CRM_SF_PAY_TERMS: 'prepay50',
  UF_CRM_SF_SIGNED: 'Y',
  UF_CRM_SF_DLV_ZONE: 'moscow',
}
const WITHIN = { decision: 'within', after: '100.00', limit: '1000000.00' } as const
const deal = (
  stageId: string,
  fields: DealSnapshot['fields'] = {},
  money: Partial<DealSnapshot> = {},
): DealSnapshot => ({
  stageId,
  fields,
  credit: WITHIN,
  ...money,
})
const code = (r: ReturnType<typeof checkDealMove>) => (r.ok ? r.value.kind : r.error.code)

describe('every transition of the default table', () => {
  const cases = DEFAULT_TRANSITIONS.flatMap((t) => t.from.map((from) => ({ from, to: t.to, rule: t })))
  it.each(cases)('$from → $to', ({ from, to, rule }) => {
    const who = rule.roles[0]!
    const full = checkDealMove(CFG, deal(from, COMPLETE, { opportunity: '250000', paid: '250000' }), to, who)
    expect(full).toMatchObject({ ok: true, value: { kind: 'forward', from, to, rule } })
    const empty = checkDealMove(CFG, deal(from), to, who)
    expect(code(empty)).toBe(rule.requires?.length ? 'REQUIREMENTS_MISSING' : 'forward')
    for (const outsider of (['admin', 'manager', 'accountant', 'technician', 'viewer', 'system'] as Actor[]).filter(
      (a) => !(rule.roles as readonly string[]).includes(a),
    )) {
      expect(checkDealMove(CFG, deal(from, COMPLETE, { opportunity: '1', paid: '1' }), to, outsider)).toEqual({
        ok: false,
        error: { code: 'ROLE_NOT_ALLOWED', actor: outsider, allowed: rule.roles },
      })
    }
  })
})

describe('deal move guard', () => {
  it.each([
    ['NEW', 'EXECUTING', 'manager', 'STAGE_SKIP_NOT_ALLOWED'],
    ['NEW', 'WON', 'manager', 'STAGE_SKIP_NOT_ALLOWED'],
    ['C1:NEW', 'C1:WON', 'admin', 'STAGE_SKIP_NOT_ALLOWED'],
    ['NEW', 'C1:NEW', 'admin', 'TRANSITION_NOT_ALLOWED'],
    ['PREPARATION', 'C2:NEW', 'admin', 'TRANSITION_NOT_ALLOWED'],
    ['C1:EXECUTING', 'C2:NEW', 'admin', 'TRANSITION_NOT_ALLOWED'],
    ['C1:EXECUTING', 'C1:PREPARATION', 'manager', 'backward'],
    ['C1:EXECUTING', 'C1:PREPARATION', 'technician', 'ROLE_NOT_ALLOWED'],
    ['C1:LOSE', 'C1:NEW', 'admin', 'reopen'],
    ['C1:LOSE', 'C1:NEW', 'manager', 'ROLE_NOT_ALLOWED'],
    ['C1:LOSE', 'C1:WON', 'admin', 'TRANSITION_NOT_ALLOWED'],
    ['WON', 'NEW', 'admin', 'reopen'],
    ['C2:WON', 'C1:NEW', 'admin', 'TRANSITION_NOT_ALLOWED'],
    ['C1:NEW', 'C1:NEW', 'admin', 'SAME_STAGE'],
    ['C9:NEW', 'C1:NEW', 'admin', 'UNKNOWN_STAGE'],
    ['C1:NEW', 'C1:UC_X', 'admin', 'UNKNOWN_STAGE'],
  ] as [string, string, Actor, string][])('%s → %s by %s: %s', (from, to, actor, expected) => {
    expect(code(checkDealMove(CFG, deal(from, COMPLETE), to, actor))).toBe(expected)
  })

  it('names the next allowed stage when a stage is skipped', () => {
    expect(checkDealMove(CFG, deal('C1:NEW'), 'C1:EXECUTING', 'manager')).toEqual({
      ok: false,
      error: { code: 'STAGE_SKIP_NOT_ALLOWED', from: 'C1:NEW', to: 'C1:EXECUTING', next: 'C1:PREPARATION' },
    })
  })

  it('lists what the Sale stages need: approval, calculation, amount', () => {
    const r = checkDealMove(
      CFG,
      deal('C1:PREPAYMENT_INVOICE', { UF_CRM_SF_CFG_STATE: 'pending', OPPORTUNITY: 0 }),
      'C1:EXECUTING',
      'manager',
    )
    expect(r).toEqual({
      ok: false,
      error: {
        code: 'REQUIREMENTS_MISSING',
        from: 'C1:PREPAYMENT_INVOICE',
        to: 'C1:EXECUTING',
        missing: [
          {
            kind: 'fieldEquals',
            field: 'UF_CRM_SF_CFG_STATE',
            expected: ['approved'],
            actual: 'pending',
            what: 'approval',
            label: 'Конфигурация согласована',
          },
          {
            kind: 'fieldEquals',
            field: 'UF_CRM_SF_PRICED',
            expected: ['Y'],
            actual: null,
            what: 'calculation',
            label: 'Стоимость рассчитана',
          },
          { kind: 'positive', field: 'OPPORTUNITY', label: 'Сумма' },
        ],
      },
    })
  })

  it('asks for a signed offer or the prepayment the terms ask for before Realization, with the amount still due', () => {
    const fields = { UF_CRM_SF_SIGNED: 'N', UF_CRM_SF_PAY_TERMS: 'prepay50' }
    const r = checkDealMove(CFG, deal('C1:WON', fields, { opportunity: '1000.01', paid: '300' }), 'C2:NEW', 'manager')
    expect(r).toEqual({
      ok: false,
      error: {
        code: 'REQUIREMENTS_MISSING',
        from: 'C1:WON',
        to: 'C2:NEW',
        missing: [
          {
            kind: 'anyOf',
            options: [
              [
                {
                  kind: 'fieldEquals',
                  field: 'UF_CRM_SF_SIGNED',
                  expected: ['Y'],
                  actual: 'N',
                  what: 'document',
                  label: 'КП подписано',
                },
              ],
              [{ kind: 'payment', requiredPercent: '50', paidPercent: '29.99', missingAmount: '200.01' }],
            ],
          },
        ],
      },
    })
    expect(
      canMoveDeal(CFG, deal('C1:WON', fields, { opportunity: '1000.01', paid: '500.01' }), 'C2:NEW', 'manager'),
    ).toBe(true)
    expect(canMoveDeal(CFG, deal('C1:WON', fields, { opportunity: '1000.01', paid: '500' }), 'C2:NEW', 'manager')).toBe(
      false,
    )
    expect(canMoveDeal(CFG, deal('C1:WON', { UF_CRM_SF_SIGNED: 'Y' }), 'C2:NEW', 'manager')).toBe(true)
  })

  it.each([
    [WITHIN, true, undefined],
    [{ decision: 'warn', after: '1100000.00', limit: '1000000.00', excess: '100000.00' }, true, undefined],
    [{ decision: 'overridden', after: '1100000.00', limit: '1000000.00', excess: '100000.00' }, true, undefined],
    [
      { decision: 'block', after: '1100000.00', limit: '1000000.00', excess: '100000.00' },
      false,
      { kind: 'credit', decision: 'block', excess: '100000.00' },
    ],
    [undefined, false, { kind: 'credit', decision: 'unknown' }],
  ] as [DealSnapshot['credit'], boolean, object | undefined][])(
    'starts Realization on credit %o: %s',
    (credit, allowed, missing) => {
      const r = checkDealMove(
        CFG,
        { stageId: 'C1:WON', fields: { UF_CRM_SF_SIGNED: 'Y' }, credit },
        'C2:NEW',
        'manager',
      )
      expect(r.ok).toBe(allowed)
      if (!r.ok) expect(r.error).toMatchObject({ code: 'REQUIREMENTS_MISSING', missing: [missing] })
    },
  )

  it('does not count a net-30 deal as prepaid: it needs the signed offer', () => {
    const r = checkDealMove(
      CFG,
      deal('C1:WON', { UF_CRM_SF_PAY_TERMS: 'net30' }, { opportunity: '100', paid: '100' }),
      'C2:NEW',
      'manager',
    )
    expect(!r.ok && r.error.code === 'REQUIREMENTS_MISSING' && r.error.missing[0]).toMatchObject({
      kind: 'anyOf',
      options: [
        [{ field: 'UF_CRM_SF_SIGNED' }],
        [{ kind: 'fieldEquals', field: 'UF_CRM_SF_PAY_TERMS', actual: 'net30', what: 'value' }],
      ],
    })
  })

  it('checks the client on the cross-funnel hand-over that Bitrix24 itself would not check', () => {
    const r = checkDealMove(
      CFG,
      deal('EXECUTING', { UF_CRM_SF_DIRECTION: 'project', COMPANY_ID: 0, CONTACT_ID: '' }),
      'C1:NEW',
      'manager',
    )
    expect(r).toMatchObject({
      ok: false,
      error: { missing: [{ kind: 'anyOf', options: [[{ field: 'COMPANY_ID' }], [{ field: 'CONTACT_ID' }]] }] },
    })
    const ok = checkDealMove(
      CFG,
      deal('EXECUTING', { UF_CRM_SF_DIRECTION: 'project', CONTACT_ID: 5 }),
      'C1:NEW',
      'manager',
    )
    expect(ok).toMatchObject({ ok: true, value: { crossFunnel: true, fromCategoryId: 0, toCategoryId: 1 } })
  })

  it('closes Realization only when fully paid', () => {
    const d = (paid: string) => deal('C2:FINAL_INVOICE', {}, { opportunity: '500', paid })
    expect(canMoveDeal(CFG, d('499.99'), 'C2:WON', 'accountant')).toBe(false)
    expect(canMoveDeal(CFG, d('500'), 'C2:WON', 'accountant')).toBe(true)
  })

  it('offers the buttons of a stage with their checks', () => {
    const options = dealMoveOptions(CFG, deal('C1:FINAL_INVOICE', { UF_CRM_SF_SIGNED: 'Y' }), 'manager')
    expect(options.map((o) => [o.stageId, code(o.check)])).toEqual([
      ['C1:NEW', 'backward'],
      ['C1:PREPARATION', 'backward'],
      ['C1:PREPAYMENT_INVOICE', 'backward'],
      ['C1:EXECUTING', 'backward'],
      ['C1:WON', 'forward'],
      ['C1:LOSE', 'forward'],
      ['C2:NEW', 'forward'],
    ])
  })

  it('refuses a deal whose money is not a number instead of treating it as zero', () => {
    expect(
      checkDealMove(CFG, deal('C2:FINAL_INVOICE', {}, { opportunity: 'n/a', paid: '1' }), 'C2:WON', 'admin'),
    ).toMatchObject({
      ok: false,
      error: { code: 'INVALID_NUMBER', field: 'opportunity' },
    })
  })

  it('validates a configuration', () => {
    expect(validateFunnelConfig(CFG).ok).toBe(true)
    const typo: FunnelConfig = {
      ...CFG,
      transitions: [...CFG.transitions, { from: ['C1:NEW'], to: 'C1:PREPARE', roles: ['admin'] }],
    }
    expect(validateFunnelConfig(typo)).toMatchObject({
      ok: false,
      error: { code: 'CONFIG_INVALID', problem: 'unknown stage C1:PREPARE' },
    })
    const twoWins: FunnelConfig = {
      ...CFG,
      funnels: [
        { ...CFG.funnels[0]!, stages: [...CFG.funnels[0]!.stages, { id: 'X', name: 'x', semantics: 'success' }] },
      ],
    }
    expect(validateFunnelConfig(twoWins)).toMatchObject({
      ok: false,
      error: { code: 'CONFIG_INVALID', path: 'funnels[0]' },
    })
  })
})
