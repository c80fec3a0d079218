import { mkdirSync } from 'node:fs'
import { join } from 'node:path'
import { chromium, type Browser, type Page } from 'playwright-core'

/** Debian's Chromium with the flags that work headless in CI (toolchain.md 9.3). */
export async function launchBrowser(): Promise<Browser> {
  return chromium.launch({
    executablePath: process.env['CHROMIUM_PATH'] ?? '/usr/bin/chromium',
    args: [
      '--headless',
      '--no-sandbox',
      '--disable-gpu',
      '--disable-quic',
      '--no-first-run',
      '--disable-background-networking',
      '--disable-component-update',
      '--disable-sync',
    ],
  })
}

const SHOTS = join(import.meta.dirname, 'screenshots')

/** Saves a full-page screenshot as test/e2e/screenshots/<name>.png (gitignored). */
export async function screenshot(page: Page, name: string): Promise<void> {
  mkdirSync(SHOTS, { recursive: true })
  await page.screenshot({ path: join(SHOTS, `${name.replace(/[^\w.-]+/g, '-')}.png`), fullPage: true })
}

export interface FrameLogEntry {
  command: string
  params: unknown
  answered: boolean
}

/** The frame messages the host page received, in order. */
export function frameLog(page: Page): Promise<FrameLogEntry[]> {
  return page.evaluate(() => (window as unknown as { __frameLog: FrameLogEntry[] }).__frameLog)
}
