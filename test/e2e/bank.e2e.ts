import { readFileSync } from 'node:fs'
import { afterAll, afterEach, beforeAll, describe, expect, inject, it } from 'vitest'
import type { Browser, FrameLocator } from 'playwright-core'
import { launchBrowser, screenshot } from './browser'
import { openTab, webhookRest, type OpenedTab } from './open-tab'

// The accountant's Bank page in the app's own page: the demo statement downloaded from the host page, dropped on the
// page, matched with reasons, applied; the invoices are then paid / partly paid; the same statement again applies
// nothing. A manager sees the matching but may not apply.
const baseUrl = inject('baseUrl')
const MANAGER = 2
const ACCOUNTANT = 3
const DEAL = 4

let browser: Browser
let tab: OpenedTab | undefined
let statement: Buffer

beforeAll(async () => {
  browser = await launchBrowser()
  await fetch(`${baseUrl}/emulator/reset`, { method: 'POST' })
})
afterAll(async () => {
  await browser?.close()
  await fetch(`${baseUrl}/emulator/reset`, { method: 'POST' })
})
afterEach(async (ctx) => {
  if (tab) await screenshot(tab.page, `bank ${ctx.task.name}`)
  await tab?.context.close()
  tab = undefined
})

interface Item {
  id: number
  accountNumber: string
  stageId: string
}
const invoices = async () =>
  (await webhookRest<{ items: Item[] }>(baseUrl, 'crm.item.list', { entityTypeId: 31, select: ['*'] })).items
const byNumber = async (n: string) => (await invoices()).find((i) => i.accountNumber === n)!
const paymentsOf = async (id: number) =>
  webhookRest<{ id: number; paid: string; sum: string }[]>(baseUrl, 'crm.item.payment.list', {
    entityTypeId: 31,
    entityId: id,
  })

/** The app's page as `user`, on its Bank section. */
async function openBank(user: number): Promise<FrameLocator> {
  tab = await openTab(browser, { entity: 'deal', id: DEAL, user, tab: 'app' }, baseUrl)
  const { frame } = tab
  await frame.getByTestId('admin-nav-bank').click({ timeout: 30_000 })
  await expect.poll(() => frame.getByTestId('bank-page').count()).toBe(1)
  return frame
}

/** Drops the statement on the page as a browser would: a drop event carrying the file. */
async function drop(frame: FrameLocator, bytes: Buffer, name = 'kl_to_1c.txt'): Promise<void> {
  const zone = frame.getByTestId('bank-drop')
  const data = await zone.evaluateHandle(
    (_, file: { name: string; b64: string }) => {
      const dt = new DataTransfer()
      const raw = Uint8Array.from(atob(file.b64), (c) => c.charCodeAt(0))
      dt.items.add(new File([raw], file.name, { type: 'text/plain' }))
      return dt
    },
    { name, b64: bytes.toString('base64') },
  )
  await zone.dispatchEvent('drop', { dataTransfer: data })
  await expect.poll(() => frame.getByTestId('bank-documents').count(), { timeout: 30_000 }).toBe(1)
}

describe('the Bank page', () => {
  it('the host page offers the demo statement: a windows-1251 1C file', async () => {
    tab = await openTab(browser, { entity: 'deal', id: DEAL, user: ACCOUNTANT, tab: 'main' }, baseUrl)
    const [download] = await Promise.all([
      tab.page.waitForEvent('download'),
      tab.page.getByTestId('bank-statement-download').click(),
    ])
    expect(download.suggestedFilename()).toBe('kl_to_1c.txt')
    statement = readFileSync((await download.path())!)
    expect(statement.subarray(0, 20).toString('latin1')).toBe('1CClientBankExchange')
    // Кодировка=Windows in windows-1251 bytes (К = 0xCA), not UTF-8.
    expect(statement.includes(Buffer.from([0xca, 0xee, 0xe4, 0xe8, 0xf0, 0xee, 0xe2, 0xea, 0xe0]))).toBe(true)
  })

  it('the accountant drops it, sees matches with explanations, applies; the invoices are paid / partly paid', async () => {
    const frame = await openBank(ACCOUNTANT)
    await drop(frame, statement)
    expect(await frame.getByTestId('bank-statement').textContent()).toContain('прочитана полностью')
    expect(await frame.getByTestId('bank-row-1').getAttribute('data-status')).toBe('matched')
    expect(await frame.getByTestId('bank-row-1').getByTestId('bank-explanation').textContent()).toContain(
      'счёт № СФ-2026/0012',
    )
    expect(await frame.getByTestId('bank-row-2').getByTestId('bank-explanation').textContent()).toContain(
      'частичная оплата',
    )
    expect(await frame.getByTestId('bank-row-3').getByTestId('bank-explanation').textContent()).toContain(
      'равна сумме остатков счетов СФ-2026/0002, СФ-2026/0013',
    )
    expect(await frame.getByTestId('bank-row-4').getAttribute('data-status')).toBe('unmatched')
    // The unknown payer starts as «Пропустить» and says why; the sure matches, pre-accepted, give no such reason.
    expect(await frame.getByTestId('bank-row-4').getByTestId('bank-left-reason').textContent()).toBe(
      'подходящий счёт не найден: решает бухгалтер',
    )
    expect(await frame.getByTestId('bank-row-1').getByTestId('bank-left-reason').count()).toBe(0)
    expect(await frame.getByTestId('bank-row-5').textContent()).toContain('списание')
    expect(await frame.getByTestId('bank-row-6').textContent()).toContain('Комиссия')
    // A clean statement: no parser notes.
    expect(await frame.getByTestId('bank-issue').count()).toBe(0)

    const partlyBefore = await byNumber('СФ-2026/0007')
    const paidBefore = (await paymentsOf(partlyBefore.id)).filter((p) => p.paid === 'Y').length
    expect(await frame.getByTestId('bank-apply').textContent()).toContain('(3)')
    await frame.getByTestId('bank-apply').click()
    await expect
      .poll(() => frame.getByTestId('bank-summary').textContent(), { timeout: 60_000 })
      .toContain('Проведено документов: 3; уже были проведены: 0; с ошибкой: 0')
    expect(await frame.getByTestId('bank-result-1').textContent()).toContain('оплачен')
    expect((await byNumber('СФ-2026/0012')).stageId).toBe('DT31_2:P')
    expect((await byNumber('СФ-2026/0002')).stageId).toBe('DT31_2:P')
    expect((await byNumber('СФ-2026/0013')).stageId).toBe('DT31_2:P')
    // Half of СФ-2026/0007: one more paid payment, the invoice still open.
    const partly = await byNumber('СФ-2026/0007')
    expect((await paymentsOf(partly.id)).filter((p) => p.paid === 'Y').length).toBe(paidBefore + 1)
    expect(partly.stageId).not.toBe('DT31_2:P')
    // СФ-2026/0007 was past due: the partial payment makes it partly paid, not «просрочен».
    expect(await frame.getByTestId('bank-result-2').textContent()).toContain('счёт «оплачен частично»')

    const [csv] = await Promise.all([tab!.page.waitForEvent('download'), frame.getByTestId('bank-export').click()])
    const text = readFileSync((await csv.path())!, 'utf8')
    expect(text).toContain('bank_document;document_date;bank_key;invoice;amount;recorded;payment_id;confirmed_by')
    expect(text).toContain(';СФ-2026/0012;3376700.00;3376700.00;')
    expect(text.trim().split('\r\n')).toHaveLength(5)
  }, 180_000)

  it('the invoice card shows the fully paid invoice as paid', async () => {
    const paid = await byNumber('СФ-2026/0012')
    tab = await openTab(browser, { entity: 'invoice', id: paid.id, user: ACCOUNTANT, tab: 'w:invoice' }, baseUrl)
    await expect.poll(() => tab!.frame.getByTestId('invoice-status').textContent(), { timeout: 30_000 }).toBe('Оплачен')
  })

  it('the same statement again: every receipt applied before is flagged with its invoice and not offered', async () => {
    const frame = await openBank(ACCOUNTANT)
    await drop(frame, statement)
    const counts = async () =>
      Promise.all(
        ['СФ-2026/0002', 'СФ-2026/0007', 'СФ-2026/0012', 'СФ-2026/0013'].map(
          async (n) => (await paymentsOf((await byNumber(n)).id)).length,
        ),
      )
    const before = await counts()
    // Each receipt applied before says where it went (the paid invoices too) and is not offered again.
    const applied = (n: number) => frame.getByTestId(`bank-row-${n}`).getByTestId('bank-applied').textContent()
    expect(await applied(1)).toContain('уже проведён')
    expect(await applied(1)).toContain('счёт СФ-2026/0012, оплата')
    expect(await applied(2)).toContain('счёт СФ-2026/0007, оплата')
    expect(await applied(3)).toMatch(/СФ-2026\/0002.*СФ-2026\/0013|СФ-2026\/0013.*СФ-2026\/0002/)
    expect(await frame.getByTestId('bank-row-4').getByTestId('bank-applied').count()).toBe(0)
    for (const n of [1, 2, 3]) expect(await frame.getByTestId(`bank-choice-${n}`).count()).toBe(0)
    expect(await frame.getByTestId('bank-choice-4').count()).toBe(1)
    // Nothing is pre-accepted, so «Провести» has nothing to apply.
    expect(await frame.getByTestId('bank-apply').textContent()).toContain('(0)')
    expect(await frame.getByTestId('bank-apply').isDisabled()).toBe(true)
    expect(await counts()).toEqual(before)
  }, 120_000)

  it('a statement cut off inside its last document: the note names the line, the unfinished document is not offered', async () => {
    const frame = await openBank(ACCOUNTANT)
    // КонецДокумента in windows-1251: the file ends just before the last document's end.
    const end = Buffer.from([0xca, 0xee, 0xed, 0xe5, 0xf6, 0xc4, 0xee, 0xea, 0xf3, 0xec, 0xe5, 0xed, 0xf2, 0xe0])
    const cut = statement.subarray(0, statement.lastIndexOf(end))
    await drop(frame, cut, 'kl_to_1c_cut.txt')
    expect(await frame.getByTestId('bank-statement').textContent()).toContain('прочитана частично')
    const note = await frame.getByTestId('bank-issue').first().textContent()
    expect(note).toMatch(/строка \d+/)
    expect(note).toContain('Файл оборван')
    expect(await frame.getByTestId('bank-row-6').count()).toBe(0)
    expect(await frame.getByTestId('bank-row-5').count()).toBe(1)
  }, 60_000)

  it('a draft the purpose names is shown as a hint with the reason, never proposed or pre-selected', async () => {
    await fetch(`${baseUrl}/emulator/reset`, { method: 'POST' })
    const draft = await byNumber('СФ-2026/0012')
    await webhookRest(baseUrl, 'crm.item.update', { entityTypeId: 31, id: draft.id, fields: { stageId: 'DT31_2:N' } })
    const frame = await openBank(ACCOUNTANT)
    await drop(frame, statement)
    const row = frame.getByTestId('bank-row-1')
    expect(await row.getByTestId('bank-hint').textContent()).toContain(
      'Счёт СФ-2026/0012 — черновик, ещё не отправлен клиенту',
    )
    expect(await row.getAttribute('data-status')).not.toBe('matched')
    expect(await frame.getByTestId('bank-choice-1').locator('select').inputValue()).toBe('skip')
    const options = await frame.getByTestId('bank-choice-1').locator('option').allTextContents()
    expect(options.some((o) => o.includes('СФ-2026/0012'))).toBe(false)
    // The other receipts are still proposed and pre-accepted.
    expect(await frame.getByTestId('bank-apply').textContent()).toContain('(2)')
  }, 60_000)

  it('a manager sees the matching but may not apply', async () => {
    const frame = await openBank(MANAGER)
    await drop(frame, statement)
    expect(await frame.getByTestId('bank-denied').textContent()).toContain('бухгалтер и администратор')
    expect(await frame.getByTestId('bank-apply').count()).toBe(0)
    expect(await frame.getByTestId('bank-choice-1').count()).toBe(0)
  }, 60_000)
})
