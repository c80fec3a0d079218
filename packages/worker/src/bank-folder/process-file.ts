import { createHash } from 'node:crypto'
import { access, readFile, rename, writeFile } from 'node:fs/promises'
import { extname, join } from 'node:path'
import {
  applyBankReceipts,
  bankSettingsOf,
  BANK_OPTION,
  reviewStatements,
  type BankReceiptOutcome,
  type PortalGateway,
} from '@salesflow/usecases'
import { isRecord } from '@salesflow/rules'
import type { StateStore } from '../state'
import { planFile, unusable, type FilePlan, type Words } from './plan'
import { logLine, reportOf, type BankFileReport } from './report'

export interface BankFileDeps {
  readonly gateway: PortalGateway
  readonly state: StateStore
  /** The watched folder; `done/` and `failed/` are inside it. */
  readonly dir: string
  readonly log: (line: string) => void
  /** The receipts' "today" (the worker's UTC date unless a test fixes it). */
  readonly today?: () => string
}

/** Where a file went, or why it stays for another attempt (a portal error: it may pass). */
export type FileResult =
  | { readonly moved: 'done' | 'failed'; readonly report: BankFileReport }
  | { readonly retry: string; readonly words: Words }

/** A portal error's own words; a refusal of the data (rules' codes carry no words) is worded by its code. */
const wordsOf = (e: { readonly code: string; readonly message?: unknown }): Words => {
  const m = e.message
  return isRecord(m) && typeof m['ru'] === 'string' && typeof m['en'] === 'string'
    ? { ru: m['ru'], en: m['en'] }
    : { ru: `данные портала не приняты: ${e.code}`, en: `the portal's data was refused: ${e.code}` }
}

const utcToday = () => new Date().toISOString().slice(0, 10)

const NOTES = {
  ALREADY_PROCESSED: {
    ru: 'этот файл (те же байты) уже обработан: ничего не проведено повторно',
    en: 'this file (the same bytes) was processed before: nothing applied again',
  },
  STATEMENT_REJECTED: {
    ru: 'выписка не прочитана (не 1С «Клиент-банк» или оборвана): ничего не проведено, см. замечания',
    en: 'the statement was not read whole (not a 1C client-bank file, or cut off): nothing applied, see the issues',
  },
  BANK_APPLY_DENIED: {
    ru: 'пользователь воркера не может проводить оплаты (нужна роль бухгалтера или администратора)',
    en: "the worker's user may not apply receipts (an accountant's or administrator's role is needed)",
  },
} satisfies Record<string, Words>

/** A free name in `folder` for `name` (a second file of the same name gets ` (2)`, …). */
async function freeName(folder: string, name: string): Promise<string> {
  const ext = extname(name)
  const stem = name.slice(0, name.length - ext.length)
  for (let i = 1; ; i++) {
    const candidate = i === 1 ? name : `${stem} (${i})${ext}`
    const taken = await access(join(folder, candidate)).then(
      () => true,
      () => false,
    )
    if (!taken) return candidate
  }
}

/** Writes the report beside where the file goes, then moves the file (a crash in between leaves it to redo). */
async function finish(deps: BankFileDeps, name: string, report: BankFileReport): Promise<FileResult> {
  const folder = join(deps.dir, report.folder)
  const target = await freeName(folder, name)
  await writeFile(join(folder, `${target}.report.json`), `${JSON.stringify(report, null, 2)}\n`)
  await rename(join(deps.dir, name), join(folder, target))
  deps.log(logLine(report))
  return { moved: report.folder, report }
}

/** A file that could not be processed at all (unreadable, its last attempt failed): failed/ with the reason. */
export async function failStatementFile(
  deps: BankFileDeps,
  name: string,
  note: Words & { code: string },
): Promise<FileResult> {
  const { code, ...words } = note
  return finish(
    deps,
    name,
    reportOf(null, null, { file: name, sha256: '', folder: 'failed', at: new Date() }, { code, words }),
  )
}

/**
 * One 1C statement from the folder, with the Bank page's own use cases: `reviewStatements` (parse and match),
 * `proposedChoice` (the rule the page pre-selects with; documents the review finds applied are not sent again),
 * `applyBankReceipts` (as the worker's portal user, whose role must allow it); the rest is left for the accountant
 * with the reason and the drafts its purpose names. The plan is written to
 * SQLite under the bytes' sha-256 before anything is applied: a restart carries out the same plan (what was written
 * comes back `already_applied` from the bank document's key on the invoice), and the same bytes again, under any
 * name, are moved to done/ as already processed. `lastAttempt`: a portal error now fails the file instead of
 * leaving it for the next attempt.
 */
export async function processStatementFile(deps: BankFileDeps, name: string, lastAttempt = false): Promise<FileResult> {
  const { gateway, state, log } = deps
  const today = (deps.today ?? utcToday)()
  const bytes = new Uint8Array(await readFile(join(deps.dir, name)))
  const sha256 = createHash('sha256').update(bytes).digest('hex')
  const at = () => new Date()
  const where = (folder: 'done' | 'failed') => ({ file: name, sha256, folder, at: at() })
  const portalFailure = (code: string, words: Words, plan: FilePlan | null = null): Promise<FileResult> | FileResult =>
    lastAttempt ? finish(deps, name, reportOf(plan, null, where('failed'), { code, words })) : { retry: code, words }
  const denied = (plan: FilePlan) =>
    finish(
      deps,
      name,
      reportOf(plan, null, where('failed'), { code: 'BANK_APPLY_DENIED', words: NOTES.BANK_APPLY_DENIED }),
    )

  const known = state.bankFile(sha256)
  if (known?.step === 'done')
    return finish(deps, name, {
      ...reportOf(null, [], where('done'), { code: 'ALREADY_PROCESSED', words: NOTES.ALREADY_PROCESSED }),
      earlier: known.report,
    })

  let plan: FilePlan
  if (known?.step === 'claimed') {
    plan = known.plan as FilePlan
    log(`bank folder: ${name}: carrying out the plan written for these bytes at ${new Date(known.at).toISOString()}`)
  } else {
    const review = await reviewStatements(gateway, { files: [{ name, bytes }], today })
    if (!review.ok) return portalFailure(review.error.code, wordsOf(review.error))
    if (unusable(review.value)) {
      // Nothing is planned: the statement's issues say why (a fixed file has other bytes and is taken anew).
      const report = reportOf(planFile(review.value, sha256, null), null, where('failed'), {
        code: 'STATEMENT_REJECTED',
        words: NOTES.STATEMENT_REJECTED,
      })
      return finish(deps, name, report)
    }
    const options = await gateway.repositories.options.app()
    if (!options.ok) return portalFailure(options.error.code, wordsOf(options.error))
    // Absent setting: the worker applies nothing by itself (the Bank page still proposes with the defaults).
    const settings = options.value[BANK_OPTION] === undefined ? null : bankSettingsOf(options.value)
    const planned = planFile(review.value, sha256, settings)
    if (!review.value.canApply) return denied(planned)
    // Another worker may have planned the same bytes first: then its plan is the one carried out.
    plan = state.claimBankFile(sha256, name, planned)
      ? planned
      : ((state.bankFile(sha256)?.plan as FilePlan) ?? planned)
  }

  let outcomes: readonly BankReceiptOutcome[] = []
  if (plan.receipts.length > 0) {
    const applied = await applyBankReceipts(gateway, { receipts: plan.receipts, today, lang: 'ru' })
    if (!applied.ok) {
      if (applied.error.code === 'BANK_APPLY_DENIED') return denied(plan)
      return portalFailure(applied.error.code, wordsOf(applied.error), plan)
    }
    outcomes = applied.value.receipts
  }
  const report = reportOf(plan, outcomes, where('done'))
  state.bankFileDone(sha256, report)
  return finish(deps, name, report)
}
