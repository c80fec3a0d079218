import { afterAll, afterEach, beforeAll, describe, expect, inject, it } from 'vitest'
import type { Browser, BrowserContext, FrameLocator, Page } from 'playwright-core'
import { launchBrowser, screenshot } from './browser'

// The settings page on the demo portal, as its administrator uses it: the dry run's warnings about rules that decide
// nothing, the funnels form (a stage the portal lacks is refused, then removed and saved), the requisites form
// (check digits as typed), the configurator model's live preview and its save, the bank matching settings (the
// auto-apply threshold checked as typed, saved, read back); a manager reads everything, edits nothing.
const baseUrl = inject('baseUrl')
const ADMIN = 1
const MANAGER = 2
const DEAL = 4

let browser: Browser
let context: BrowserContext | undefined
let page: Page

beforeAll(async () => {
  browser = await launchBrowser()
  await fetch(`${baseUrl}/emulator/reset`, { method: 'POST' })
})
afterAll(async () => {
  await browser?.close()
  // The e2e server is shared: leave the demo as the other spec files expect it.
  await fetch(`${baseUrl}/emulator/reset`, { method: 'POST' })
})
afterEach(async (ctx) => {
  if (page) await screenshot(page, `settings ${ctx.task.name}`)
  await context?.close()
  context = undefined
})

const app = (): FrameLocator => page.frameLocator('iframe[data-testid="widget-frame"]')

async function openSettings(user: number, lang: 'ru' | 'en' = 'ru'): Promise<void> {
  await context?.close()
  context = await browser.newContext({ viewport: { width: 1300, height: 1400 } })
  page = await context.newPage()
  await page.goto(`${baseUrl}/?entity=deal&id=${DEAL}&user=${user}&lang=${lang}&tab=app`)
  await expect.poll(() => app().getByTestId('editor-leadRules').inputValue(), { timeout: 30_000 }).toContain('rules')
}

describe('the settings page forms and checks', () => {
  it('the dry run warns of a rule that matches no lead and of one always beaten by a higher priority', async () => {
    await openSettings(ADMIN)
    const editor = app().getByTestId('editor-leadRules')
    const rules = JSON.parse(await editor.inputValue()) as { rules: Record<string, unknown>[] }
    const sales = rules.rules.find((r) => r['name'] === 'sales-by-request')!
    rules.rules.push(
      {
        ...sales,
        name: 'project-by-purchase',
        priority: 1,
        event: { type: 'direction', params: { direction: 'project' } },
      },
      {
        name: 'service-by-huge-amount',
        priority: 99,
        conditions: { all: [{ fact: 'amount', operator: 'greaterThan', value: 1e12 }] },
        event: { type: 'direction', params: { direction: 'service' } },
      },
    )
    await editor.fill(JSON.stringify(rules, null, 2))
    await app().getByTestId('dry-run').click()
    await expect.poll(() => app().getByTestId('dry-run-result').count(), { timeout: 30_000 }).toBe(1)
    const warnings = await app().getByTestId('dry-run-warning').allTextContents()
    expect(warnings.join('\n')).toMatch(/«service-by-huge-amount» не подошло ни к одному прошлому лиду/)
    expect(warnings.join('\n')).toMatch(/«project-by-purchase» подошло к лидам \(\d+\), но ни разу не решило итог/)
  }, 120_000)

  it('funnels form: a stage the portal lacks is refused with its path; removed again, the funnels save', async () => {
    await openSettings(ADMIN)
    const form = app().getByTestId('funnels-form')
    await form.getByTestId('funnel-1-add-stage').click()
    const last = form.locator('[data-testid^="funnel-1-stage-"][data-testid$="-id"]').last()
    await last.fill('C1:UC_NOWHERE')
    await app().getByTestId('save-funnels').click()
    await expect
      .poll(() => app().getByTestId('problem-funnels').textContent())
      .toMatch(/\$\.funnels\[1\]\.stages\[\d+\]\.id: на портале нет стадии \(статуса\) «C1:UC_NOWHERE»/)
    expect(await app().getByTestId('version-funnels').textContent()).toContain('Не сохранялось')

    await form.locator('[data-testid^="funnel-1-stage-"][data-testid$="-remove"]').last().click()
    const moveTo = form.locator('[data-testid^="transition-"][data-testid$="-new-field"]').first()
    await moveTo.fill('UF_CRM_SF_BUDGET')
    await form.locator('[data-testid^="transition-"][data-testid$="-add-guard"]').first().click()
    await app().getByTestId('save-funnels').click()
    await expect.poll(() => app().getByTestId('saved-funnels').textContent()).toContain('версия 1')
    await app().getByTestId('advanced-funnels').locator('summary').click()
    expect(await app().getByTestId('editor-funnels').inputValue()).toContain('UF_CRM_SF_BUDGET')
    expect(await app().getByTestId('editor-funnels').inputValue()).not.toContain('UC_NOWHERE')
  }, 120_000)

  it('requisites form: a wrong ИНН check digit and account key are marked as typed; fixed, they save', async () => {
    await openSettings(ADMIN)
    const form = app().getByTestId('company-form')
    await form.getByTestId('company-inn').fill('7707083894')
    await expect.poll(() => form.getByTestId('company-inn-problem').textContent()).toContain('контрольная цифра ИНН')
    await form.getByTestId('company-bank-account').fill('40702810938000123456')
    await expect
      .poll(() => form.getByTestId('company-bank-account-problem').textContent())
      .toContain('Контрольный ключ счёта')
    await app().getByTestId('save-company').click()
    await expect.poll(() => app().getByTestId('problem-company').textContent()).toContain('$.inn')

    await form.getByTestId('company-inn').fill('7707083893')
    await form.getByTestId('company-bank-account').fill('40702810538000123456')
    await expect.poll(() => form.getByTestId('company-inn-problem').count()).toBe(0)
    await app().getByTestId('save-company').click()
    await expect.poll(() => app().getByTestId('saved-company').textContent()).toContain('версия 1')
  }, 120_000)

  it('configurator model: a sample shows the model’s violations live; a changed markup saves as a version', async () => {
    await openSettings(ADMIN)
    const form = app().getByTestId('configurator-form')
    await form.getByTestId('preview-platform').locator('select').selectOption('pt-200')
    await form.getByTestId('preview-quantity-drive-emp15').fill('1')
    await expect.poll(() => form.getByTestId('preview-violations').textContent()).toContain('Нужна одна рама')
    await form.getByTestId('preview-quantity-frame-ro2000').fill('1')
    await expect.poll(() => form.getByTestId('preview-violations').textContent()).not.toContain('Нужна одна рама')
    expect(await form.getByTestId('preview-violations').textContent()).toContain('Нужен один контроллер')

    // A rule added in the form applies to the sample at once.
    await form.getByTestId('new-rule-item').locator('select').selectOption('group:drive')
    await form.getByTestId('new-rule-max').fill('0')
    await form.getByTestId('new-rule-explain').fill('Без привода')
    await form.getByTestId('new-rule-add').click()
    await expect.poll(() => form.getByTestId('preview-violations').textContent()).toContain('Без привода')

    await form.getByTestId('configurator-markupPercent').fill('-5')
    await app().getByTestId('save-configurator').click()
    await expect
      .poll(() => app().getByTestId('problem-configurator').textContent())
      .toContain('$.pricing.markupPercent')
    await form.getByTestId('configurator-markupPercent').fill('25')
    await app().getByTestId('save-configurator').click()
    await expect.poll(() => app().getByTestId('saved-configurator').textContent()).toContain('версия 1')
  }, 120_000)

  it('bank matching: a bad threshold is marked as typed; the admin saves a new one and it is read back', async () => {
    await openSettings(ADMIN)
    const form = app().getByTestId('bank-settings-form')
    expect(await app().getByTestId('version-bank').textContent()).toContain('Не сохранялось')
    expect(await form.getByTestId('bank-settings-acceptScore').inputValue()).toBe('70')
    await form.getByTestId('bank-settings-acceptScore').fill('250')
    await expect
      .poll(() => form.getByTestId('bank-settings-acceptScore-problem').textContent())
      .toContain('Целое число от 0 до 200')
    await form.getByTestId('bank-settings-absolute').fill('1,50')
    await expect.poll(() => form.getByTestId('bank-settings-absolute-problem').textContent()).toContain('десятичная')
    await app().getByTestId('save-bank').click()
    await expect.poll(() => app().getByTestId('problem-bank').textContent()).toContain('$.tolerance.absolute')
    expect(await app().getByTestId('version-bank').textContent()).toContain('Не сохранялось')

    await form.getByTestId('bank-settings-absolute').fill('1.50')
    await form.getByTestId('bank-settings-acceptScore').fill('85')
    await expect.poll(() => form.getByTestId('bank-settings-acceptScore-problem').count()).toBe(0)
    await app().getByTestId('save-bank').click()
    await expect.poll(() => app().getByTestId('saved-bank').textContent()).toContain('версия 1')
    // Read back: the page opened afresh reads the portal's option.
    await openSettings(ADMIN)
    const again = app().getByTestId('bank-settings-form')
    await expect.poll(() => again.getByTestId('bank-settings-acceptScore').inputValue()).toBe('85')
    expect(await again.getByTestId('bank-settings-absolute').inputValue()).toBe('1.50')
    expect(await app().getByTestId('version-bank').textContent()).toContain('Версия 1')
  }, 120_000)

  it('a manager (in English) sees the forms read-only, with no save', async () => {
    await openSettings(MANAGER, 'en')
    await expect.poll(() => app().getByTestId('settings-read-only').count()).toBe(1)
    expect(await app().getByTestId('company-inn').isDisabled()).toBe(true)
    expect(await app().getByTestId('funnel-0-add-stage').count()).toBe(0)
    expect(await app().getByTestId('save-funnels').count()).toBe(0)
    expect(await app().getByTestId('section-configurator').textContent()).toContain('Configurator model')
    expect(await app().getByTestId('bank-settings-acceptScore').isDisabled()).toBe(true)
    expect(await app().getByTestId('save-bank').count()).toBe(0)
  }, 120_000)
})
