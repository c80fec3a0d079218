import { afterAll, afterEach, describe, expect, it } from 'vitest'
import fc from 'fast-check'
import { D } from '@salesflow/rules'
import { createRepositories } from '@salesflow/portal'
import { demoBankStatement } from '@salesflow/emulator'
import {
  bankSettingsOf,
  bankSettingsProblems,
  DEFAULT_BANK_SETTINGS,
  openSettingsPage,
  reviewStatements,
  saveSection,
  validateSection,
  type PortalGateway,
} from '../src'
import { appClient, startPortal } from '../../portal/test/support/harness'

const env = startPortal('demo')
const { portal } = env
afterEach(() => portal.reset())
afterAll(() => env.stop())

const gateway = async (userId: number): Promise<PortalGateway> => {
  const { client } = await appClient(portal, userId)
  return { client, repositories: createRepositories(client) }
}
const ADMIN = 1
const MANAGER = 2
const ACCOUNTANT = 3

describe('salesflow.bank: the check behind the settings form', () => {
  it('accepts the defaults and a partial value (absent keys keep their defaults)', () => {
    expect(bankSettingsProblems(DEFAULT_BANK_SETTINGS)).toEqual([])
    expect(bankSettingsProblems({ acceptScore: 85 })).toEqual([])
    expect(bankSettingsProblems({ tolerance: { absolute: 1.5 } })).toEqual([])
  })

  it('names every bad field by path with a code', () => {
    const codes = (v: unknown) => bankSettingsProblems(v).map((p) => [p.path, p.code])
    expect(codes('x')).toEqual([['$', 'notObject']])
    expect(codes({ tolerance: 5 })).toEqual([['$.tolerance', 'toleranceNotObject']])
    expect(codes({ tolerance: { absolute: '-1', percent: '101' }, acceptScore: 70.5, margin: 'a' })).toEqual([
      ['$.tolerance.absolute', 'amountInvalid'],
      ['$.tolerance.percent', 'percentRange'],
      ['$.acceptScore', 'scoreRange'],
      ['$.margin', 'scoreRange'],
    ])
    // A comma decimal is no amount here (the same rule as the statements' amounts).
    expect(codes({ tolerance: { absolute: '1,5' } })).toEqual([['$.tolerance.absolute', 'amountInvalid']])
    expect(codes({ acceptScore: 201 })).toEqual([['$.acceptScore', 'scoreRange']])
  })

  it('whatever the check accepts, the bank use cases read exactly as given', () => {
    const amount = fc
      .tuple(fc.bigInt({ min: 0n, max: 10n ** 12n }), fc.integer({ min: 0, max: 99 }))
      .map(([a, c]) => `${a}.${String(c).padStart(2, '0')}`)
    const percent = fc.integer({ min: 0, max: 10_000 }).map((p) => (p / 100).toFixed(2))
    const score = fc.integer({ min: 0, max: 200 })
    fc.assert(
      fc.property(amount, percent, score, score, (absolute, pct, acceptScore, margin) => {
        const value = { tolerance: { absolute, percent: pct }, acceptScore, margin }
        expect(bankSettingsProblems(value)).toEqual([])
        const read = bankSettingsOf({ 'salesflow.bank': JSON.stringify(value) })
        expect(read.acceptScore).toBe(acceptScore)
        expect(read.margin).toBe(margin)
        // The same amounts (as decimals: '1.50' reads as '1.5').
        expect(new D(read.tolerance.absolute).eq(absolute)).toBe(true)
        expect(new D(read.tolerance.percent).eq(pct)).toBe(true)
      }),
    )
  })

  it('validateSection refuses a bad value with its path (nothing saved)', () => {
    expect(validateSection('bank', { acceptScore: -1 }, { users: [] })).toEqual({
      ok: false,
      error: {
        code: 'SETTINGS_INVALID',
        section: 'bank',
        path: '$.acceptScore',
        problem: 'must be a whole score from 0 to 200',
      },
    })
  })
})

describe('salesflow.bank on the settings page', () => {
  it('never saved: the page shows the defaults the bank page matches with', async () => {
    const page = await openSettingsPage(await gateway(ADMIN))
    if (!page.ok) throw new Error(page.error.code)
    expect(page.value.sections.bank.value).toEqual(DEFAULT_BANK_SETTINGS)
    expect(page.value.sections.bank.history.version).toBe(0)
  })

  it('the administrator saves a new threshold; the bank review and the option read it back', async () => {
    const gw = await gateway(ADMIN)
    const page = await openSettingsPage(gw)
    if (!page.ok) throw new Error(page.error.code)
    const value = { ...DEFAULT_BANK_SETTINGS, tolerance: { absolute: '0.50', percent: '0' }, acceptScore: 85 }
    const saved = await saveSection(gw, { section: 'bank', value, baseVersion: 0, page: page.value, now: 'x' })
    expect(saved.ok && saved.value.version).toBe(1)
    const again = await openSettingsPage(gw)
    expect(again.ok && again.value.sections.bank.value).toEqual(value)
    const review = await reviewStatements(await gateway(ACCOUNTANT), {
      files: [{ name: 'kl_to_1c.txt', bytes: demoBankStatement() }],
      today: '2026-11-20',
    })
    expect(review.ok && review.value.settings).toEqual({ ...value, tolerance: { absolute: '0.5', percent: '0' } })
  })

  it('a manager may not save it', async () => {
    const gw = await gateway(MANAGER)
    const page = await openSettingsPage(gw)
    if (!page.ok) throw new Error(page.error.code)
    const r = await saveSection(gw, {
      section: 'bank',
      value: { acceptScore: 10 },
      baseVersion: 0,
      page: page.value,
      now: 'x',
    })
    expect(r).toEqual({ ok: false, error: { code: 'SETTINGS_NOT_ADMIN' } })
    expect(portal.store.appOptions['salesflow.bank']).toBeUndefined()
  })
})
