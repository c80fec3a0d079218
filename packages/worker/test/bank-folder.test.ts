import { existsSync, mkdtempSync, readdirSync, readFileSync, renameSync, rmSync, writeFileSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { afterAll, afterEach, beforeAll, beforeEach, describe, expect, it } from 'vitest'
import { demoBankStatement, type Portal } from '@salesflow/emulator'
import { createRepositories } from '@salesflow/portal'
import { applyBankReceipts, proposedChoice, reviewStatements, type PortalGateway } from '@salesflow/usecases'
import { StateStore } from '../src/state'
import { loadConfig } from '../src/config'
import { startWorker } from '../src/worker'
import { startBankFolder, STATEMENT_NAME } from '../src/bank-folder/folder'
import { planFile, type FilePlan } from '../src/bank-folder/plan'
import type { BankFileReport, DocumentReport } from '../src/bank-folder/report'
import { adminGrant, appClientOf, FAST, startPortal } from './support/portal'
import { waitFor } from './support/wait'

const TODAY = '2026-11-20'
const MANAGER = 2
const ACCOUNTANT = 3

let env: ReturnType<typeof startPortal>
let portal: Portal
let dir: string
let state: StateStore

beforeAll(() => {
  env = startPortal()
  portal = env.portal
})
afterAll(() => env.stop())
beforeEach(() => {
  portal.reset()
  dir = mkdtempSync(join(tmpdir(), 'salesflow-bank-folder-'))
  state = new StateStore(':memory:')
})
afterEach(() => {
  state.close()
  rmSync(dir, { recursive: true, force: true })
})

const gatewayOf = async (userId: number): Promise<PortalGateway> => {
  const client = await appClientOf(portal, userId)
  return { client, repositories: createRepositories(client) }
}

/** The auto-apply threshold in the administrator's bank settings. */
const acceptAt = (acceptScore: number) =>
  void (portal.store.appOptions['salesflow.bank'] = JSON.stringify({ acceptScore }))

const invoiceByNumber = (n: string) => [...portal.store.invoices.values()].find((i) => i.accountNumber === n)!
const paidPayments = () => [...portal.store.payments.values()].filter((p) => p.entityTypeId === 31 && p.paid === 'Y')

/** The folder driven by hand: scan() with a clock the test moves (no fs.watch, no timers). */
async function handFolder(userId = ACCOUNTANT) {
  const lines: string[] = []
  let t = 0
  const folder = await startBankFolder(
    { gateway: await gatewayOf(userId), state, dir, log: (l) => void lines.push(l), today: () => TODAY },
    { watching: false, settleMs: 1_000, now: () => t },
  )
  /** Two looks a settle period apart: a file that did not change meanwhile is taken. */
  const settle = async () => {
    await folder.scan()
    t += 1_000
    await folder.scan()
  }
  return { folder, lines, settle, tick: (ms: number) => void (t += ms) }
}

const report = (folder: 'done' | 'failed', name: string): BankFileReport =>
  JSON.parse(readFileSync(join(dir, folder, `${name}.report.json`), 'utf8')) as BankFileReport
const byN = (r: BankFileReport) => new Map<number, DocumentReport>(r.documents.map((d) => [d.n, d]))

/** The score the matcher gives each demo receipt (read through the same use case, nothing written). */
async function scores(): Promise<Map<number, number>> {
  const r = await reviewStatements(await gatewayOf(ACCOUNTANT), {
    files: [{ name: 'kl_to_1c.txt', bytes: demoBankStatement() }],
    today: TODAY,
  })
  if (!r.ok) throw new Error(r.error.code)
  return new Map(r.value.documents.flatMap((d) => (d.match ? [[d.document.n, d.match.proposals[0]?.score ?? 0]] : [])))
}

describe('1C statements from the bank folder', () => {
  it('applies a sure match at the threshold (invoice paid), leaves a lower score listed, skips outgoing', async () => {
    const s = await scores()
    // The full payment scores above the partial one: the threshold lies between them.
    expect(s.get(1)!).toBeGreaterThan(s.get(2)!)
    acceptAt(s.get(1)!)
    const partly = invoiceByNumber('СФ-2026/0007')
    const before = paidPayments().filter((p) => p.entityId === partly.id).length
    writeFileSync(join(dir, 'kl_to_1c.txt'), demoBankStatement())
    const { settle, lines } = await handFolder()
    await settle()

    expect(existsSync(join(dir, 'kl_to_1c.txt'))).toBe(false)
    expect(existsSync(join(dir, 'done', 'kl_to_1c.txt'))).toBe(true)
    const r = report('done', 'kl_to_1c.txt')
    const docs = byN(r)
    expect(r.threshold).toBe(s.get(1))
    expect(r.user).toMatchObject({ id: ACCOUNTANT, role: 'accountant' })
    expect(docs.get(1)).toMatchObject({ outcome: 'applied', parts: [{ invoice: 'СФ-2026/0012', status: 'applied' }] })
    expect(invoiceByNumber('СФ-2026/0012').stageId).toBe('DT31_2:P')
    // Below the threshold: listed with its score and the reason, nothing written to its invoice.
    expect(docs.get(2)).toMatchObject({
      outcome: 'left_for_review',
      // The matcher itself asks for review below the threshold it is given (the Bank page's own verdict).
      match: { status: 'review', score: s.get(2), proposed: ['СФ-2026/0007'] },
      left: { code: 'BELOW_THRESHOLD' },
      parts: [],
    })
    expect(docs.get(2)!.left!.words.ru).toContain('ниже порога')
    expect(paidPayments().filter((p) => p.entityId === partly.id)).toHaveLength(before)
    // The unknown payer: the matcher is not sure, the accountant decides.
    expect(docs.get(4)).toMatchObject({ outcome: 'left_for_review', left: { code: 'NOT_SURE' } })
    // Our payment to a supplier and the bank's fee are not receipts.
    expect(docs.get(5)?.outcome).toBe('skipped_outgoing')
    expect(docs.get(6)?.outcome).toBe('skipped_outgoing')
    expect(r.summary).toMatchObject({ applied: s.get(3)! >= s.get(1)! ? 2 : 1, skipped_outgoing: 2 })
    const fileLines = lines.filter((l) => l.startsWith('bank folder: kl_to_1c.txt'))
    expect(fileLines).toEqual([expect.stringContaining('→ done/')])
    expect(fileLines[0]).toContain('2 outgoing skipped')
  })

  it('without salesflow.bank the worker applies nothing and says so; every receipt waits for the accountant', async () => {
    const before = paidPayments().length
    writeFileSync(join(dir, 'kl_to_1c.txt'), demoBankStatement())
    const { settle, lines } = await handFolder()
    await settle()
    const r = report('done', 'kl_to_1c.txt')
    expect(r.threshold).toBeNull()
    expect(lines).toContainEqual(expect.stringContaining('salesflow.bank is not set: nothing applied automatically'))
    const incoming = r.documents.filter((d) => d.outcome !== 'skipped_outgoing')
    expect(incoming).toHaveLength(4)
    for (const d of incoming) expect(d.left?.code).toBe('NO_BANK_SETTINGS')
    expect(incoming[0]!.left!.words.en).toContain('salesflow.bank')
    expect(paidPayments()).toHaveLength(before)
  })

  it('a truncated file and a file that is no statement go to failed/ with the issues and their lines', async () => {
    acceptAt(0)
    const bytes = demoBankStatement()
    const text = new TextDecoder('windows-1251').decode(bytes)
    const cut = bytes.slice(0, text.indexOf('КонецДокумента', text.indexOf('Номер=1204'))) // inside document 3
    writeFileSync(join(dir, 'kl_to_1c_cut.txt'), cut)
    writeFileSync(join(dir, 'KL_TO_1C_NOTES.TXT'), 'Выписка за ноябрь — пришлю позже\r\n')
    writeFileSync(join(dir, 'statement.txt'), bytes) // not the bank's name: not taken
    const before = paidPayments().length
    const { settle, lines } = await handFolder()
    await settle()

    const cutReport = report('failed', 'kl_to_1c_cut.txt')
    expect(cutReport.note?.code).toBe('STATEMENT_REJECTED')
    const truncated = cutReport.issues.find((i) => i.code === 'truncated')
    expect(truncated).toMatchObject({ severity: 'error', document: 3 })
    expect(truncated!.line).toBeGreaterThan(1)
    expect(truncated!.words.ru).toContain('оборван')
    // The documents read before the cut are listed, none applied.
    expect(cutReport.documents.filter((d) => d.outcome === 'not_applied').map((d) => d.n)).toEqual([1, 2])
    const notes = report('failed', 'KL_TO_1C_NOTES.TXT')
    expect(notes.issues[0]).toMatchObject({ code: 'not_client_bank', line: 1 })
    expect(notes.documents).toEqual([])
    expect(paidPayments()).toHaveLength(before)
    expect(existsSync(join(dir, 'statement.txt'))).toBe(true)
    expect(lines.filter((l) => l.includes('→ failed/'))).toHaveLength(2)
  })

  it('the same file twice, and a copy under another name: applied once, the repeats moved to done/ as already processed', async () => {
    acceptAt(0)
    writeFileSync(join(dir, 'kl_to_1c.txt'), demoBankStatement())
    const { settle } = await handFolder()
    await settle()
    const applied = paidPayments().length
    expect(report('done', 'kl_to_1c.txt').summary.applied).toBe(3)

    writeFileSync(join(dir, 'kl_to_1c.txt'), demoBankStatement())
    writeFileSync(join(dir, 'kl_to_1c_copy.txt'), demoBankStatement())
    await settle()
    expect(paidPayments()).toHaveLength(applied)
    expect(readdirSync(join(dir, 'done')).sort()).toEqual([
      'kl_to_1c (2).txt',
      'kl_to_1c (2).txt.report.json',
      'kl_to_1c.txt',
      'kl_to_1c.txt.report.json',
      'kl_to_1c_copy.txt',
      'kl_to_1c_copy.txt.report.json',
    ])
    const copy = report('done', 'kl_to_1c_copy.txt')
    expect(copy.note?.code).toBe('ALREADY_PROCESSED')
    expect(copy.earlier).toMatchObject({ file: 'kl_to_1c.txt', summary: { applied: 3 } })
  })

  it('a crash between applying and moving: the next run carries out the same plan and applies nothing twice', async () => {
    acceptAt(0)
    const bytes = demoBankStatement()
    writeFileSync(join(dir, 'kl_to_1c.txt'), bytes)
    // What a run had done when it was killed: its plan written, the first receipt applied, the file not moved.
    const gateway = await gatewayOf(ACCOUNTANT)
    const review = await reviewStatements(gateway, { files: [{ name: 'kl_to_1c.txt', bytes }], today: TODAY })
    if (!review.ok) throw new Error(review.error.code)
    const { createHash } = await import('node:crypto')
    const plan = planFile(review.value, createHash('sha256').update(bytes).digest('hex'), {
      ...review.value.settings,
      acceptScore: 0,
    })
    expect(state.claimBankFile(plan.sha256, 'kl_to_1c.txt', plan)).toBe(true)
    const first = await applyBankReceipts(gateway, { receipts: plan.receipts.slice(0, 1), today: TODAY, lang: 'ru' })
    expect(first.ok && first.value.receipts[0]!.status).toBe('applied')
    const afterCrash = paidPayments().length

    const { settle, lines } = await handFolder()
    await settle()
    const r = report('done', 'kl_to_1c.txt')
    expect(r.documents.filter((d) => d.parts.length > 0).map((d) => d.outcome)).toEqual([
      'already_applied',
      'applied',
      'applied',
    ])
    // Receipt 3 pays two invoices: three payments written after the restart, none for the first receipt again.
    expect(paidPayments()).toHaveLength(afterCrash + 3)
    expect(lines.some((l) => l.includes('carrying out the plan written for these bytes'))).toBe(true)
  })

  it('a receipt the accountant already applied on the Bank page is reported as applied, never sent to apply again', async () => {
    acceptAt(0)
    const bytes = demoBankStatement()
    // The accountant applied receipt 1 on the Bank page (the same rule pre-selected it), then the file arrives.
    const gateway = await gatewayOf(ACCOUNTANT)
    const review = await reviewStatements(gateway, { files: [{ name: 'kl_to_1c.txt', bytes }], today: TODAY })
    if (!review.ok) throw new Error(review.error.code)
    const first = review.value.documents.find((d) => d.document.n === 1)!
    const choice = proposedChoice(first, review.value.settings)
    if (!choice.apply) throw new Error(choice.reason)
    const onPage = await applyBankReceipts(gateway, { receipts: [choice.receipt], today: TODAY, lang: 'ru' })
    if (!onPage.ok) throw new Error(onPage.error.code)
    const paymentId = onPage.value.receipts[0]!.allocations[0]!.paymentId
    const before = paidPayments().length

    writeFileSync(join(dir, 'kl_to_1c.txt'), bytes)
    const { settle } = await handFolder()
    await settle()
    const r = report('done', 'kl_to_1c.txt')
    const plan = state.bankFile(r.sha256)!.plan as FilePlan
    // Decided while planning (stored in SQLite before any write): not among the receipts handed to apply.
    expect(plan.documents.find((d) => d.n === 1)!.decision).toBe('already_applied')
    expect(plan.receipts.map((x) => x.key)).not.toContain(first.match!.key)
    expect(plan.receipts).toHaveLength(2)
    expect(byN(r).get(1)).toMatchObject({
      outcome: 'already_applied',
      parts: [],
      applied: [{ number: 'СФ-2026/0012', paymentId }],
      left: null,
    })
    expect(r.summary).toMatchObject({ applied: 2, already_applied: 1 })
    // Receipts 2 and 3 (the second pays two invoices): three payments, none for receipt 1 again.
    expect(paidPayments()).toHaveLength(before + 3)
  })

  it('a receipt whose purpose names a draft is left for review with the draft named in both languages', async () => {
    acceptAt(0)
    invoiceByNumber('СФ-2026/0012').stageId = 'DT31_2:N' // back to a draft: not offered, named as a hint
    writeFileSync(join(dir, 'kl_to_1c.txt'), demoBankStatement())
    const { settle } = await handFolder()
    await settle()
    const r = report('done', 'kl_to_1c.txt')
    const d1 = byN(r).get(1)!
    expect(d1).toMatchObject({ outcome: 'left_for_review', left: { code: 'NOT_SURE' } })
    expect(d1.hints).toEqual([{ invoice: 'СФ-2026/0012', reason: 'draft', words: expect.any(Object) }])
    expect(d1.hints[0]!.words.ru).toContain('черновик')
    expect(d1.hints[0]!.words.en).toContain('СФ-2026/0012 is a draft')
    expect(r.documents.filter((d) => d.hints.length > 0).map((d) => d.n)).toEqual([1])
  })

  it("a worker whose portal user may not apply: the file goes to failed/ with the role check's reason", async () => {
    acceptAt(0)
    const before = paidPayments().length
    writeFileSync(join(dir, 'kl_to_1c.txt'), demoBankStatement())
    const { settle } = await handFolder(MANAGER)
    await settle()
    const r = report('failed', 'kl_to_1c.txt')
    expect(r.note?.code).toBe('BANK_APPLY_DENIED')
    expect(r.user).toMatchObject({ id: MANAGER, role: 'manager' })
    expect(r.note!.words.ru).toContain('бухгалтера')
    expect(paidPayments()).toHaveLength(before)
  })

  it('a portal that refuses: the file stays and is tried again; refused through every attempt, it goes to failed/', async () => {
    acceptAt(0)
    writeFileSync(join(dir, 'kl_to_1c.txt'), demoBankStatement())
    const { settle, lines } = await handFolder()
    portal.setFaults({ forceQueryLimit: true })
    try {
      await settle()
      expect(existsSync(join(dir, 'kl_to_1c.txt'))).toBe(true)
      const first = lines.filter((l) => l.startsWith('bank folder: kl_to_1c.txt: QUERY_LIMIT_EXCEEDED'))
      expect(first).toEqual([expect.stringMatching(/attempt 1 of 3, tried again later$/)])
      await settle()
      await settle() // the third attempt is the last: the file goes to failed/ with the portal's code
      const r = report('failed', 'kl_to_1c.txt')
      expect(r.note?.code).toBe('QUERY_LIMIT_EXCEEDED')
      expect(r.note?.words.ru).not.toBe('')
    } finally {
      portal.setFaults({ forceQueryLimit: false })
    }
    // The same bytes dropped again once the portal answers: nothing was planned for them, so they are applied now.
    writeFileSync(join(dir, 'kl_to_1c.txt'), demoBankStatement())
    await settle()
    expect(report('done', 'kl_to_1c.txt').summary.applied).toBe(3)
  })

  it('a file copied in slowly (two parts) is parsed once, complete', async () => {
    acceptAt(0)
    const bytes = demoBankStatement()
    const path = join(dir, 'kl_to_1c.txt')
    const { folder, tick, lines } = await handFolder()
    writeFileSync(path, bytes.slice(0, 900))
    await folder.scan()
    tick(600)
    await folder.scan() // unchanged for less than the settle period: still waits
    writeFileSync(path, bytes) // the rest of the copy arrives
    tick(600)
    await folder.scan() // changed since the last look: waits again
    expect(existsSync(path)).toBe(true)
    tick(1_000)
    await folder.scan()
    const r = report('done', 'kl_to_1c.txt')
    expect(r.statement?.outcome).toBe('complete')
    expect(r.issues).toEqual([])
    expect(r.documents).toHaveLength(6)
    expect(lines.filter((l) => l.startsWith('bank folder: kl_to_1c.txt'))).toHaveLength(1)
  })

  it('takes the bank names only, case-insensitively', () => {
    for (const name of ['kl_to_1c.txt', 'KL_TO_1C.TXT', 'kl_to_1c_2026-11-20.txt'])
      expect(STATEMENT_NAME.test(name)).toBe(true)
    for (const name of ['kl_to_1c.txt.report.json', 'statement.txt', 'kl_to_1c.csv', 'x_kl_to_1c.txt'])
      expect(STATEMENT_NAME.test(name)).toBe(false)
  })
})

describe('the worker started from its configuration watches SALESFLOW_BANK_DIR', () => {
  it('a statement renamed into the folder is found by fs.watch, applied and moved to done/', async () => {
    acceptAt(0)
    const config = loadConfig({ SALESFLOW_BANK_DIR: dir, SALESFLOW_HTTP_PORT: '0' })
    if (!config.ok) throw new Error(config.error.message.en)
    expect(config.value.bankDir).toBe(dir)
    const off = loadConfig({})
    expect(off.ok && off.value.bankDir).toBeNull()
    const lines: string[] = []
    const worker = await startWorker(
      {
        ...config.value,
        statePath: ':memory:',
        app: { clientId: 'local.salesflow', clientSecret: 'secret' },
        bootstrapGrant: adminGrant(portal, ACCOUNTANT),
      },
      {
        log: (l) => void lines.push(l),
        portalOptions: FAST,
        pollLoop: false,
        actions: [],
        bankFolder: { settleMs: 200, rescanMs: 60_000 }, // no rescan within the test: fs.watch finds it
      },
    )
    try {
      // Written beside the folder, then renamed in: whole at once, as the README asks a copy to arrive.
      const outside = join(dir, '..', `${dir.split('/').pop()}.part`)
      writeFileSync(outside, demoBankStatement())
      renameSync(outside, join(dir, 'kl_to_1c.txt'))
      await waitFor(() => existsSync(join(dir, 'done', 'kl_to_1c.txt.report.json')), 'the statement in done/', 20_000)
      expect(report('done', 'kl_to_1c.txt').summary.applied).toBe(3)
      expect(invoiceByNumber('СФ-2026/0012').stageId).toBe('DT31_2:P')
    } finally {
      await worker.stop()
    }
  }, 40_000)
})
