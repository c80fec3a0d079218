/**
 * `npm run test:e2e`: builds the widget pages when dist/ lacks one, then runs the e2e Vitest project
 * (which starts the emulator on a free port and drives Debian's Chromium). Exits non-zero on failure.
 */
import { spawnSync } from 'node:child_process'
import { existsSync, readdirSync, statSync } from 'node:fs'
import { join, resolve } from 'node:path'

const root = resolve(import.meta.dirname, '..', '..')
const chromium = process.env['CHROMIUM_PATH'] ?? '/usr/bin/chromium'
if (!existsSync(chromium)) {
  console.error(`e2e needs Chromium at ${chromium}: sudo apt-get install -y chromium`)
  process.exit(1)
}

/** Newest modification time under a directory (node_modules skipped); 0 when it does not exist. */
function newest(dir: string): number {
  if (!existsSync(dir)) return 0
  return readdirSync(dir, { withFileTypes: true }).reduce((m, d) => {
    const p = join(dir, d.name)
    return Math.max(m, d.isDirectory() ? (d.name === 'node_modules' ? 0 : newest(p)) : statSync(p).mtimeMs)
  }, 0)
}

/**
 * A widget needs a build when its page is missing from dist/ or older than its sources or the packages it
 * bundles (every package but the emulator) or vite.config.ts.
 */
function needsBuild(): boolean {
  const widgets = join(root, 'widgets')
  if (!existsSync(widgets)) return false
  const packages = join(root, 'packages')
  const shared = Math.max(
    statSync(join(root, 'vite.config.ts')).mtimeMs,
    ...readdirSync(packages)
      .filter((name) => name !== 'emulator')
      .map((name) => newest(join(packages, name, 'src'))),
  )
  return readdirSync(widgets, { withFileTypes: true })
    .filter((d) => d.isDirectory() && existsSync(join(widgets, d.name, 'index.html')))
    .some((d) => {
      const built = join(root, 'dist', 'widgets', d.name, 'index.html')
      return !existsSync(built) || statSync(built).mtimeMs < Math.max(shared, newest(join(widgets, d.name)))
    })
}

const run = (cmd: string, args: string[]): number =>
  spawnSync(cmd, args, { cwd: root, stdio: 'inherit', env: process.env }).status ?? 1

if (needsBuild()) {
  console.log('e2e: building the widget pages (vite build)')
  if (run('npx', ['vite', 'build', '--logLevel', 'warn']) !== 0) process.exit(1)
}
process.exit(run('npx', ['vitest', 'run', '--config', 'test/e2e/vitest.config.ts', ...process.argv.slice(2)]))
