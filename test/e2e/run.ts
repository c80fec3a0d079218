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

/** A widget needs a build when its page is missing from dist/ or older than any of its sources. */
function needsBuild(): boolean {
  const widgets = join(root, 'widgets')
  if (!existsSync(widgets)) return false
  const newest = (dir: string): number =>
    readdirSync(dir, { withFileTypes: true }).reduce((m, d) => {
      const p = join(dir, d.name)
      return Math.max(m, d.isDirectory() ? (d.name === 'node_modules' ? 0 : newest(p)) : statSync(p).mtimeMs)
    }, 0)
  return readdirSync(widgets, { withFileTypes: true })
    .filter((d) => d.isDirectory() && existsSync(join(widgets, d.name, 'index.html')))
    .some((d) => {
      const built = join(root, 'dist', 'widgets', d.name, 'index.html')
      return !existsSync(built) || statSync(built).mtimeMs < newest(join(widgets, d.name))
    })
}

const run = (cmd: string, args: string[]): number =>
  spawnSync(cmd, args, { cwd: root, stdio: 'inherit', env: process.env }).status ?? 1

if (needsBuild()) {
  console.log('e2e: building the widget pages (vite build)')
  if (run('npx', ['vite', 'build', '--logLevel', 'warn']) !== 0) process.exit(1)
}
process.exit(run('npx', ['vitest', 'run', '--config', 'test/e2e/vitest.config.ts', ...process.argv.slice(2)]))
