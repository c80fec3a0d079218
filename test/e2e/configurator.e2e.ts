import { readFileSync } from 'node:fs'
import { afterAll, afterEach, beforeAll, describe, expect, inject, it } from 'vitest'
import type { Browser, BrowserContext, FrameLocator, Locator, Page } from 'playwright-core'
import { frameLog, launchBrowser, screenshot } from './browser'
import { openTab, webhookRest } from './open-tab'
import { normaliseSpaces, readPdf } from '../../packages/documents/test/support/pdf-text'

// The Configurator tab (widgets/configurator) in the emulator's deal card: the manager configures, sees a
// violation and fixes it, sends; the technician approves; the manager adds the item; the deal tab shows the row.
const baseUrl = inject('baseUrl')
const ADMIN = 1
const MANAGER = 2
const TECHNICIAN = 4

let browser: Browser
let context: BrowserContext | undefined
let page: Page | undefined

beforeAll(async () => {
  browser = await launchBrowser()
})
afterAll(async () => {
  await browser?.close()
})
afterEach(async () => {
  await context?.close()
  context = undefined
})

const rest = <T = unknown>(method: string, params: Record<string, unknown>): Promise<T> =>
  webhookRest<T>(baseUrl, method, params)

async function openConfigurator(dealId: number, userId: number, shot: string): Promise<FrameLocator> {
  await context?.close()
  const tab = await openTab(browser, { entity: 'deal', id: dealId, user: userId, tab: 'w:configurator' }, baseUrl)
  context = tab.context
  page = tab.page
  await expect
    .poll(() => tab.frame.getByTestId('configurator-widget').getAttribute('data-status'), { timeout: 20_000 })
    .toBe('ready')
  await screenshot(page, `configurator ${shot} opened`)
  return tab.frame
}

const select = (frame: FrameLocator, testId: string): Locator => frame.locator(`[data-testid="${testId}"] select`)
const input = (frame: FrameLocator, testId: string): Locator =>
  frame.locator(`input[data-testid="${testId}"], [data-testid="${testId}"] input`).first()

async function addComponent(frame: FrameLocator, id: string): Promise<void> {
  await select(frame, 'config-component').selectOption(id)
  await frame.getByTestId('config-add').click()
}

describe('configurator tab', () => {
  it('manager configures, fixes a violation and sends; technician approves; manager adds; the deal tab shows it', async () => {
    const deals = await rest<{ ID: string }[]>('crm.deal.list', {
      filter: { CATEGORY_ID: 1, STAGE_ID: 'C1:NEW' },
      select: ['ID'],
      order: { ID: 'ASC' },
    })
    const dealId = Number(deals[0]!.ID)

    let frame = await openConfigurator(dealId, MANAGER, 'manager')
    await select(frame, 'config-platform').selectOption('pt-300')
    for (const id of ['frame-rm1200', 'drive-emp3', 'sensor-dpi12', 'ctrl-plc24', 'panel-hmi7', 'cable-kvvg'])
      await addComponent(frame, id)
    await input(frame, 'qty-sensor-dpi12').fill('2')
    // HMI-7 needs the PLC-48 controller: the sentence names both and the rule, and nothing can be sent.
    await expect.poll(() => frame.getByTestId('violation').count()).toBe(1)
    const sentence = await frame.getByTestId('violation').textContent()
    expect(sentence).toContain('«Панель оператора HMI-7» требует «Контроллер ПЛК-48 расширенный»')
    expect(sentence).toContain('HMI-7 подключается только к ПЛК-48')
    expect(await frame.getByTestId('item-send').count()).toBe(0)
    expect(await frame.getByTestId('config-invalid').count()).toBe(1)
    await screenshot(page!, 'configurator violation')

    await frame.getByTestId('remove-ctrl-plc24').click()
    await addComponent(frame, 'ctrl-plc48')
    await expect.poll(() => frame.getByTestId('config-valid').count()).toBe(1)
    expect(await frame.getByTestId('violation').count()).toBe(0)
    expect(await frame.getByTestId('price-list').textContent()).toMatch(/\d/)
    await frame.getByTestId('item-send').click()
    await expect.poll(() => frame.getByTestId('config-notice').count(), { timeout: 15_000 }).toBe(1)
    await expect
      .poll(() => frame.getByTestId('item-current').getByTestId('item-status').textContent())
      .toBe('Ждёт согласования технического отдела')
    await screenshot(page!, 'configurator sent')
    const tasks = await rest<{ tasks: { id: string; responsibleId: string; status: string }[] }>('tasks.task.list', {
      filter: { UF_CRM_TASK: `D_${dealId}` },
    })
    expect(tasks.tasks[0]).toMatchObject({ responsibleId: String(TECHNICIAN), status: '2' })

    frame = await openConfigurator(dealId, TECHNICIAN, 'technician')
    expect(await frame.getByTestId('config-editor').count()).toBe(0)
    await frame.getByTestId('item-approve').first().click()
    await expect
      .poll(() => frame.getByTestId('config-notice').textContent(), { timeout: 15_000 })
      .toBe('Конфигурация согласована.')
    await screenshot(page!, 'configurator approved')
    const done = await rest<{ task: { status: string } }>('tasks.task.get', { taskId: tasks.tasks[0]!.id })
    expect(done.task.status).toBe('5')

    frame = await openConfigurator(dealId, MANAGER, 'manager again')
    expect(await frame.getByTestId('item-approve').count()).toBe(0)
    const item = frame.getByTestId('deal-items').getByTestId('item-status').first()
    expect(await item.textContent()).toBe('Согласовано')
    await frame.getByTestId('deal-items').getByTestId('item-add').first().click()
    await expect
      .poll(() => frame.getByTestId('config-notice').textContent(), { timeout: 15_000 })
      .toBe('Изделие добавлено в товары сделки.')
    await screenshot(page!, 'configurator added')
    const log = await frameLog(page!)
    expect(log.some((e) => e.command === 'reloadData')).toBe(true)
    const rows = await rest<{ PRODUCT_NAME: string; PRODUCT_ID: number }[]>('crm.deal.productrows.get', { id: dealId })
    const row = rows.find((r) => r.PRODUCT_NAME.startsWith('Платформа ПТ-300 алюминиевая +'))
    expect(row).toBeDefined()

    // The deal tab (Order & offer) lists the new row.
    await context?.close()
    const deal = await openTab(browser, { entity: 'deal', id: dealId, user: MANAGER, tab: 'w:deal' }, baseUrl)
    context = deal.context
    page = deal.page
    await expect
      .poll(() => deal.frame.getByTestId('deal-widget').getAttribute('data-status'), { timeout: 20_000 })
      .toBe('ready')
    await expect
      .poll(() => deal.frame.getByTestId('deal-order').textContent())
      .toContain('Платформа ПТ-300 алюминиевая +')
    await screenshot(page, 'configurator deal tab shows the row')

    // The offer PDF lists the configured row: its name names the platform and every component.
    const [pdf] = await Promise.all([
      page.waitForEvent('download', { timeout: 30_000 }),
      deal.frame.getByTestId('offer-pdf').click(),
    ])
    const offer = normaliseSpaces(readPdf(readFileSync((await pdf.path())!)).text)
    expect(offer).toContain('Платформа ПТ-300 алюминиевая')
    for (const part of ['Рама монтажная РМ-1200', 'Контроллер ПЛК-48 расширенный', 'Панель оператора HMI-7'])
      expect(offer).toContain(part)

    // A second person configuring the same set (in another order, on another deal) gets the approved item.
    const other = await rest<{ ID: string }[]>('crm.deal.list', {
      filter: { CATEGORY_ID: 1, '!ID': dealId },
      select: ['ID'],
      order: { ID: 'ASC' },
    })
    frame = await openConfigurator(Number(other[0]!.ID), ADMIN, 'second person, same set')
    await select(frame, 'config-platform').selectOption('pt-300')
    for (const id of ['cable-kvvg', 'panel-hmi7', 'ctrl-plc48', 'sensor-dpi12', 'drive-emp3', 'frame-rm1200'])
      await addComponent(frame, id)
    await input(frame, 'qty-sensor-dpi12').fill('2')
    await expect
      .poll(() => frame.getByTestId('item-current').getByTestId('item-status').textContent())
      .toBe('Согласовано')
    expect(await frame.getByTestId('item-current').getByTestId('item-send').count()).toBe(0)
    await screenshot(page!, 'configurator same set reuses the approved item')
  }, 240_000)

  it('technician rejects with a reason; the manager sees it, edits (diff, price delta), re-sends; technician approves', async () => {
    const deals = await rest<{ ID: string }[]>('crm.deal.list', {
      filter: { CATEGORY_ID: 1, STAGE_ID: 'C1:NEW' },
      select: ['ID'],
      order: { ID: 'ASC' },
    })
    const dealId = Number(deals[deals.length > 1 ? 1 : 0]!.ID)
    const REASON = 'Три датчика не закрывают зону: нужно четыре'

    let frame = await openConfigurator(dealId, MANAGER, 'rejection: manager')
    await select(frame, 'config-platform').selectOption('pt-300')
    for (const id of ['frame-rm1200', 'drive-emp3', 'sensor-dpi12', 'ctrl-plc48', 'cable-kg'])
      await addComponent(frame, id)
    await input(frame, 'qty-sensor-dpi12').fill('3')
    await expect.poll(() => frame.getByTestId('config-valid').count()).toBe(1)
    await frame.getByTestId('item-send').click()
    await expect
      .poll(() => frame.getByTestId('item-current').getByTestId('item-status').textContent(), { timeout: 15_000 })
      .toBe('Ждёт согласования технического отдела')

    // The technician: a rejection needs a reason; with it, the task and the item record it.
    frame = await openConfigurator(dealId, TECHNICIAN, 'rejection: technician')
    const pending = frame.getByTestId('deal-items').locator('[data-testid^="item-"]', {
      has: frame.getByTestId('item-reject'),
    })
    await pending.first().getByTestId('item-reject').click()
    await expect.poll(() => frame.getByTestId('config-error').count(), { timeout: 15_000 }).toBe(1)
    await input(frame, 'item-reason').fill(REASON)
    await frame.getByTestId('item-reject').first().click()
    await expect
      .poll(() => frame.getByTestId('config-notice').textContent(), { timeout: 15_000 })
      .toBe('Конфигурация отклонена, причина записана в задачу и в историю сделки.')
    await screenshot(page!, 'configurator rejected')

    // The manager sees the reason, opens the rejected item, changes it and sees what changed.
    frame = await openConfigurator(dealId, MANAGER, 'rejection: manager sees the reason')
    const rejected = frame
      .getByTestId('deal-items')
      .locator('[data-testid^="item-"]', { hasText: `Отклонено: ${REASON}` })
      .first()
    await expect.poll(() => rejected.count(), { timeout: 15_000 }).toBe(1)
    await rejected.getByTestId('item-edit').click()
    await expect.poll(() => input(frame, 'qty-sensor-dpi12').inputValue()).toBe('3')
    await input(frame, 'qty-sensor-dpi12').fill('4')
    await expect.poll(() => frame.getByTestId('config-diff').textContent()).toContain('Датчик положения ДПИ-12: 3 → 4')
    expect(await frame.getByTestId('config-price-delta').textContent()).toMatch(/Цена изделия: \+\d/)
    expect(await frame.getByTestId('config-reapproval').textContent()).toContain('нужно согласовать')
    await screenshot(page!, 'configurator edit diff')
    await frame.getByTestId('item-send').click()
    await expect
      .poll(() => frame.getByTestId('item-current').getByTestId('item-status').textContent(), { timeout: 15_000 })
      .toBe('Ждёт согласования технического отдела')

    // The technician approves the changed configuration.
    frame = await openConfigurator(dealId, TECHNICIAN, 'rejection: technician again')
    await frame.getByTestId('item-approve').first().click()
    await expect
      .poll(() => frame.getByTestId('config-notice').textContent(), { timeout: 15_000 })
      .toBe('Конфигурация согласована.')
    const tasks = await rest<{ tasks: { status: string; description?: string }[] }>('tasks.task.list', {
      filter: { UF_CRM_TASK: `D_${dealId}` },
      select: ['ID', 'STATUS', 'DESCRIPTION'],
    })
    expect(tasks.tasks.map((t) => t.status)).toEqual(['5', '5'])
    frame = await openConfigurator(dealId, MANAGER, 'rejection: approved')
    const statuses = await frame.getByTestId('deal-items').getByTestId('item-status').allTextContents()
    expect(statuses).toContain('Согласовано')
    expect(statuses).toContain(`Отклонено: ${REASON}`)
    await screenshot(page!, 'configurator re-approved')
  }, 240_000)
})
