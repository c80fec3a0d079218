import { spawn, spawnSync, type ChildProcess } from 'node:child_process'
import { mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs'
import { createServer } from 'node:net'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { afterEach, describe, expect, it } from 'vitest'

const ROOT = join(import.meta.dirname, '..', '..', '..')

async function freePort(): Promise<number> {
  return new Promise((ok) => {
    const s = createServer().listen(0, '127.0.0.1', () => {
      const port = (s.address() as { port: number }).port
      s.close(() => ok(port))
    })
  })
}

const answers = async (port: number): Promise<boolean> =>
  fetch(`http://127.0.0.1:${port}/rest/user.admin`, { signal: AbortSignal.timeout(2_000) }).then(
    () => true,
    () => false,
  )

async function until(pred: () => Promise<boolean>, ms: number): Promise<boolean> {
  const end = Date.now() + ms
  while (Date.now() < end) {
    if (await pred()) return true
    await new Promise((r) => setTimeout(r, 250))
  }
  return false
}

const started: ChildProcess[] = []
// Whatever a failing test left running goes, by its process group.
afterEach(() => {
  for (const c of started.splice(0)) {
    try {
      process.kill(-c.pid!, 'SIGKILL')
    } catch {
      // already gone: the test stopped it
    }
  }
})

/** `npm run serve` (what `npm start` runs after the build) in its own process group, as a terminal starts it. */
async function serve(): Promise<{ child: ChildProcess; port: number }> {
  const port = await freePort()
  const child = spawn('npm', ['run', 'serve', '--', '--port', String(port)], {
    cwd: ROOT,
    detached: true,
    stdio: 'ignore',
  })
  started.push(child)
  expect(await until(() => answers(port), 60_000)).toBe(true)
  return { child, port }
}

describe('npm start', () => {
  it('runs the server in npm’s own process chain (exec), so npm’s signals reach it', () => {
    const scripts = (
      JSON.parse(readFileSync(join(ROOT, 'package.json'), 'utf8')) as { scripts: Record<string, string> }
    ).scripts
    expect(scripts['start']).toMatch(/&& exec npm run serve$/)
    expect(scripts['serve']).toMatch(/^exec node --import tsx /)
  })

  it('stops serving when its npm process is killed (SIGTERM to the PID)', async () => {
    const { child, port } = await serve()
    process.kill(child.pid!, 'SIGTERM')
    expect(await until(async () => !(await answers(port)), 10_000)).toBe(true)
  }, 90_000)

  it('stops serving on Ctrl-C (SIGINT to the foreground process group), with a browser connection open', async () => {
    const { child, port } = await serve()
    const keepAlive = await fetch(`http://127.0.0.1:${port}/`, { headers: { connection: 'keep-alive' } })
    expect(keepAlive.status).toBe(200)
    process.kill(-child.pid!, 'SIGINT')
    expect(await until(async () => !(await answers(port)), 10_000)).toBe(true)
  }, 90_000)
})

describe('test/wait-for-apt.sh', () => {
  /** A fake /proc with the given process names; runs wait_for_apt against it. */
  function run(processes: Record<string, string>, env: Record<string, string> = {}, removeAfterMs?: number) {
    const proc = mkdtempSync(join(tmpdir(), 'sf-proc-'))
    for (const [pid, comm] of Object.entries(processes)) {
      mkdirSync(join(proc, pid))
      writeFileSync(join(proc, pid, 'comm'), `${comm}\n`)
    }
    const script = `. ${JSON.stringify(join(ROOT, 'test', 'wait-for-apt.sh'))}; wait_for_apt`
    const removal =
      removeAfterMs === undefined ? '' : `(sleep ${removeAfterMs / 1000}; rm -rf ${JSON.stringify(proc)}/*) & `
    const r = spawnSync('bash', ['-c', removal + script], {
      env: { ...process.env, PROC_ROOT: proc, APT_LOCK_POLL: '1', ...env },
      encoding: 'utf8',
      timeout: 20_000,
    })
    rmSync(proc, { recursive: true, force: true })
    return r
  }

  it('returns at once when no package manager runs', () => {
    const r = run({ '10': 'bash', '11': 'node' })
    expect(r.status).toBe(0)
    expect(r.stderr).toBe('')
  })

  it('waits while unattended-upgrades holds the lock, then goes on', () => {
    const r = run({ '812': 'unattended-upgr' }, { APT_LOCK_TIMEOUT: '15' }, 1_500)
    expect(r.status).toBe(0)
    expect(r.stderr).toContain('waiting up to 15s')
    expect(r.stderr).toContain('812 (unattended-upgr)')
    expect(r.stderr).toContain('the package manager is free')
  })

  it('gives up after the timeout with a message that says what runs and what to do', () => {
    const r = run({ '4242': 'apt-get' }, { APT_LOCK_TIMEOUT: '2' })
    expect(r.status).toBe(1)
    expect(r.stderr).toContain('still busy after 2s (running: 4242 (apt-get))')
    expect(r.stderr).toContain('APT_LOCK_TIMEOUT')
  })
})
