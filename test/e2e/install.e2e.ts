import { afterAll, afterEach, beforeAll, describe, expect, inject, it } from 'vitest'
import type { Browser, BrowserContext, FrameLocator, Page } from 'playwright-core'
import { launchBrowser, screenshot } from './browser'

// A fresh portal (the demo data, the app never installed): an administrator installs salesflow from its install
// page and the widgets appear; before that a manager sees the portal's "not fully installed" notice. Then the
// settings page: the administrator changes a lead rule, sees the dry run and saves; a manager only reads.
const baseUrl = inject('baseUrl')
const ADMIN = 1
const MANAGER = 2
const DEAL = 4

let browser: Browser
let context: BrowserContext | undefined
let page: Page

beforeAll(async () => {
  browser = await launchBrowser()
  const res = await fetch(`${baseUrl}/emulator/reset`, { method: 'POST', body: JSON.stringify({ installed: false }) })
  expect(await res.json()).toEqual({ ok: true, installed: false })
})
afterAll(async () => {
  await browser?.close()
  // The e2e server is shared: leave it as the other spec files expect it (the demo with the app installed).
  await fetch(`${baseUrl}/emulator/reset`, { method: 'POST' })
})
afterEach(async (ctx) => {
  if (page) await screenshot(page, `install ${ctx.task.name}`)
  await context?.close()
  context = undefined
})

async function open(query: string): Promise<Page> {
  await context?.close()
  context = await browser.newContext({ viewport: { width: 1300, height: 1400 } })
  page = await context.newPage()
  await page.goto(`${baseUrl}/?${query}`)
  return page
}

const appFrame = (): FrameLocator => page.frameLocator('iframe[data-testid="widget-frame"]')

describe('installing salesflow on a fresh portal', () => {
  it('a manager sees no widget tab, only the portal’s "not fully installed" notice', async () => {
    await open(`entity=deal&id=${DEAL}&user=${MANAGER}&lang=ru`)
    await expect.poll(() => page.getByTestId('app-not-installed').textContent()).toContain('установлено не полностью')
    expect(await page.getByTestId('tab-w:deal').count()).toBe(0)
    expect(await page.locator('iframe[data-testid="widget-frame"]').count()).toBe(0)
  })

  it('the administrator gets the install page; it runs step by step, finishes, and the widgets appear', async () => {
    await open(`entity=deal&id=${DEAL}&user=${ADMIN}&lang=ru`)
    expect(await page.getByTestId('tab-w:deal').count()).toBe(0)
    expect(await page.locator('iframe[data-testid="widget-frame"]').getAttribute('data-url')).toBe('/install.html')
    // installFinish reloads the frame with install_finished=Y: the page then says the app is installed.
    await expect
      .poll(() => appFrame().getByTestId('install-finished').textContent(), { timeout: 30_000 })
      .toContain('Приложение установлено')
    const log = (await (await fetch(`${baseUrl}/emulator/log`)).json()) as { method: string; transport: string }[]
    expect(log.filter((l) => l.transport === 'http' && l.method === 'batch').length).toBeLessThanOrEqual(3)

    await open(`entity=deal&id=${DEAL}&user=${ADMIN}&lang=ru`)
    await expect.poll(() => page.getByTestId('tab-w:deal').count()).toBe(1)
    await expect.poll(() => appFrame().getByTestId('deal-funnel').count(), { timeout: 30_000 }).toBe(1)
  }, 180_000)

  it('after the install a manager sees the deal tab too', async () => {
    await open(`entity=deal&id=${DEAL}&user=${MANAGER}&lang=ru`)
    await expect.poll(() => page.getByTestId('tab-w:deal').textContent()).toBe('Заказ и КП')
  })
})

describe('the settings page', () => {
  it('the administrator changes a lead rule, sees the dry-run figures, saves; the audit line names them', async () => {
    await open(`entity=deal&id=${DEAL}&user=${ADMIN}&lang=ru&tab=app`)
    const editor = appFrame().getByTestId('editor-leadRules')
    await expect.poll(() => editor.inputValue(), { timeout: 30_000 }).toContain('project-by-amount')
    const rules = JSON.parse(await editor.inputValue()) as { rules: { name: string; conditions: unknown }[] }
    const changed = {
      ...rules,
      rules: rules.rules.map((r) =>
        r.name === 'project-by-amount'
          ? { ...r, conditions: { all: [{ fact: 'amount', operator: 'greaterThanInclusive', value: 1 }] } }
          : r,
      ),
    }
    await editor.fill(JSON.stringify(changed, null, 2))
    await appFrame().getByTestId('dry-run').click()
    const result = appFrame().getByTestId('dry-run-result')
    await expect.poll(() => result.textContent(), { timeout: 30_000 }).toMatch(/Лидов: \d+; изменится: [1-9]\d*/)
    expect(await appFrame().getByTestId('dry-run-move').first().textContent()).toMatch(/→ project/)

    await appFrame().getByTestId('save-leadRules').click()
    await expect.poll(() => appFrame().getByTestId('saved-leadRules').textContent()).toContain('версия 1')
    expect(await appFrame().getByTestId('version-leadRules').textContent()).toContain('Версия 1')
    expect(await appFrame().getByTestId('audit-leadRules').first().textContent()).toContain('Анна Смирнова')
  }, 180_000)

  it('a rule set with an error is refused with its path and line, and nothing is saved', async () => {
    await open(`entity=deal&id=${DEAL}&user=${ADMIN}&lang=ru&tab=app`)
    const editor = appFrame().getByTestId('editor-leadRules')
    await expect.poll(() => editor.inputValue(), { timeout: 30_000 }).toContain('project-by-amount')
    const text = await editor.inputValue()
    expect(text).toContain('"direction": "sales"')
    await editor.fill(text.replace('"direction": "sales"', '"direction": "retail"'))
    await appFrame().getByTestId('save-leadRules').click()
    await expect
      .poll(() => appFrame().getByTestId('problem-leadRules').textContent())
      .toMatch(/\$\.defaults\.direction.*строка \d+/)
    expect(await appFrame().getByTestId('version-leadRules').textContent()).toContain('Версия 1')
  }, 120_000)

  it('a manager sees the settings read-only and cannot save', async () => {
    await open(`entity=deal&id=${DEAL}&user=${MANAGER}&lang=ru&tab=app`)
    await expect.poll(() => appFrame().getByTestId('settings-read-only').count(), { timeout: 30_000 }).toBe(1)
    expect(await appFrame().getByTestId('save-leadRules').count()).toBe(0)
    expect(await appFrame().getByTestId('editor-leadRules').getAttribute('readonly')).not.toBeNull()
    expect(await appFrame().getByTestId('uninstall').count()).toBe(0)
  }, 120_000)
})
