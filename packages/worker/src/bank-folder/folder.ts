import { watch, type FSWatcher } from 'node:fs'
import { mkdir, readdir, stat } from 'node:fs/promises'
import { join } from 'node:path'
import { failStatementFile, processStatementFile, type BankFileDeps, type FileResult } from './process-file'

/** The bank's export names its files kl_to_1c.txt (kl_to_1c_2026-11-20.txt, KL_TO_1C.TXT…). */
export const STATEMENT_NAME = /^kl_to_1c.*\.txt$/i

export interface BankFolderOptions {
  /** How long a file's size and mtime must stay the same before it is taken (a copy still under way changes them). */
  readonly settleMs?: number
  /** The periodic rescan: fs.watch misses events on some filesystems (network shares, some containers). */
  readonly rescanMs?: number
  /** Attempts at a file the portal keeps refusing before it goes to failed/. */
  readonly maxAttempts?: number
  /** The clock the settling is measured with (tests drive it). */
  readonly now?: () => number
  /** Off in tests that call scan() themselves. */
  readonly watching?: boolean
}

export interface BankFolder {
  /** One look at the folder: files that settled are processed, one at a time; resolves when that is done. */
  scan(): Promise<void>
  stop(): Promise<void>
}

interface Seen {
  readonly size: number
  readonly mtimeMs: number
  readonly since: number
}

/**
 * Watches the bank folder for 1C statements (`kl_to_1c*.txt`, case-insensitive) and processes each once it has
 * settled: its size and mtime unchanged for `settleMs` (a file renamed in is whole at once; a file copied in is taken
 * only after the copy stopped, so a half-written file is never parsed). fs.watch wakes the scan early; the rescan
 * every `rescanMs` is the safety net. A file is processed by processStatementFile and leaves the folder for done/ or
 * failed/; one the portal refused stays for the next scan, until its last attempt sends it to failed/.
 */
export async function startBankFolder(deps: BankFileDeps, options: BankFolderOptions = {}): Promise<BankFolder> {
  const settleMs = options.settleMs ?? 2_000
  const rescanMs = options.rescanMs ?? 10_000
  const maxAttempts = options.maxAttempts ?? 3
  const now = options.now ?? Date.now
  const { dir, log } = deps
  await mkdir(join(dir, 'done'), { recursive: true })
  await mkdir(join(dir, 'failed'), { recursive: true })

  const seen = new Map<string, Seen>()
  const attempts = new Map<string, number>()
  let stopped = false

  const take = async (name: string): Promise<void> => {
    const attempt = (attempts.get(name) ?? 0) + 1
    let r: FileResult
    try {
      r = await processStatementFile(deps, name, attempt >= maxAttempts)
    } catch (e) {
      // The file system (or an unexpected answer): the file stays where it is and is looked at again, up to the
      // last attempt, which sends it to failed/ with the reason.
      const why = e instanceof Error ? e.message : String(e)
      attempts.set(name, attempt)
      if (attempt > maxAttempts) return // reported at the last attempt; the file could not even be moved
      log(`bank folder: ${name}: ${why} (attempt ${attempt} of ${maxAttempts})`)
      if (attempt < maxAttempts) return
      await failStatementFile(deps, name, {
        code: 'FILE_ERROR',
        ru: `файл не обработан: ${why}`,
        en: `the file could not be processed: ${why}`,
      }).catch((again: unknown) => log(`bank folder: ${name}: not moved to failed/ either (${String(again)})`))
      return
    }
    if ('retry' in r) {
      attempts.set(name, attempt)
      return log(
        `bank folder: ${name}: ${r.retry} (${r.words.en}); attempt ${attempt} of ${maxAttempts}, tried again later`,
      )
    }
    attempts.delete(name)
  }

  const look = async (): Promise<void> => {
    const entries = await readdir(dir, { withFileTypes: true }).catch((e: unknown) => {
      log(`bank folder: cannot read ${dir}: ${String(e)}`)
      return []
    })
    const present = new Set<string>()
    for (const entry of entries) {
      if (!entry.isFile() || !STATEMENT_NAME.test(entry.name)) continue
      present.add(entry.name)
      const s = await stat(join(dir, entry.name)).catch(() => null)
      if (!s) continue
      const before = seen.get(entry.name)
      const t = now()
      if (!before || before.size !== s.size || before.mtimeMs !== s.mtimeMs) {
        seen.set(entry.name, { size: s.size, mtimeMs: s.mtimeMs, since: t })
        continue
      }
      if (t - before.since < settleMs || stopped) continue
      seen.delete(entry.name)
      await take(entry.name)
    }
    for (const name of seen.keys()) if (!present.has(name)) seen.delete(name)
    for (const name of attempts.keys()) if (!present.has(name)) attempts.delete(name)
  }

  // One look at a time; requests while a look waits to start share it (fs.watch fires many times during a copy).
  let running: Promise<void> = Promise.resolve()
  let queued: Promise<void> | null = null
  const scan = (): Promise<void> =>
    (queued ??= running =
      running.then(() => {
        queued = null
        return look().catch((e: unknown) => log(`bank folder: ${String(e)}`))
      }))

  let settleTimer: ReturnType<typeof setTimeout> | undefined
  const soon = () => {
    if (stopped || settleTimer) return
    settleTimer = setTimeout(() => {
      settleTimer = undefined
      void scan().then(() => seen.size > 0 && soon())
    }, settleMs)
  }
  let watcher: FSWatcher | null = null
  let rescan: ReturnType<typeof setInterval> | undefined
  if (options.watching !== false) {
    try {
      watcher = watch(dir, () => void scan().then(soon))
      watcher.on('error', (e) => log(`bank folder: fs.watch stopped (${String(e)}); the rescan goes on`))
    } catch (e) {
      log(`bank folder: fs.watch unavailable (${String(e)}); rescanning every ${rescanMs} ms`)
    }
    rescan = setInterval(() => void scan().then(() => seen.size > 0 && soon()), rescanMs)
    await scan() // files already waiting are seen before the worker goes on; they settle like any other
    if (seen.size > 0) soon()
  }
  log(`bank folder: watching ${dir} for kl_to_1c*.txt (settled after ${settleMs} ms, rescan every ${rescanMs} ms)`)

  return {
    scan,
    stop: async () => {
      stopped = true
      watcher?.close()
      clearInterval(rescan)
      clearTimeout(settleTimer)
      await running
    },
  }
}
