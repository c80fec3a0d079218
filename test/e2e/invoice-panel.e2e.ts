import { readFileSync } from 'node:fs'
import { afterAll, afterEach, beforeAll, describe, expect, inject, it } from 'vitest'
import type { Browser, BrowserContext, Download, FrameLocator, Locator, Page } from 'playwright-core'
import { launchBrowser, screenshot } from './browser'
import { openTab, webhookRest } from './open-tab'
import { normaliseSpaces, readPdf } from '../../packages/documents/test/support/pdf-text'

// The invoice status panel (widgets/invoice) inside the emulator's invoice card: a manager, then the accountant.
const baseUrl = inject('baseUrl')
const MANAGER = 2
const ACCOUNTANT = 3

let browser: Browser
let context: BrowserContext | undefined
let page: Page | undefined

beforeAll(async () => {
  browser = await launchBrowser()
})
afterAll(async () => {
  await browser?.close()
})
afterEach(async (ctx) => {
  if (page) await screenshot(page, `invoice-panel ${ctx.task.name}`)
  await context?.close()
})

const rest = <T = unknown>(method: string, params: Record<string, unknown>): Promise<T> =>
  webhookRest<T>(baseUrl, method, params)

interface WireItem {
  id: number
  stageId: string
  opportunity: number
  companyId: number
  accountNumber: string
}

async function openPanel(invoiceId: number, userId: number): Promise<FrameLocator> {
  const tab = await openTab(browser, { entity: 'invoice', id: invoiceId, user: userId, tab: 'w:invoice' }, baseUrl)
  context = tab.context
  page = tab.page
  const frame = tab.frame
  await expect
    .poll(() => frame.getByTestId('invoice-widget').getAttribute('data-status'), { timeout: 30_000 })
    .toBe('ready')
  return frame
}

function inputOf(frame: FrameLocator, testId: string): Locator {
  return frame.locator(`input[data-testid="${testId}"], [data-testid="${testId}"] input`).first()
}

/** '12 345,67 ₽' → '12345.67' */
const amount = (s: string | null) =>
  normaliseSpaces(s ?? '')
    .replace(/[^\d,-]/g, '')
    .replace(',', '.')

/** A sent invoice (its payment link issued, nothing paid) with two or more rows, due in the future (so a partial payment makes it partly paid). */
async function sentInvoice(): Promise<WireItem> {
  const { items } = await rest<{ items: WireItem[] }>('crm.item.list', {
    entityTypeId: 31,
    filter: { stageId: 'DT31_2:S' },
    order: { id: 'ASC' },
  })
  for (const item of items) {
    const { productRows } = await rest<{ productRows: unknown[] }>('crm.item.productrow.list', {
      filter: { '=ownerType': 'SI', '=ownerId': item.id },
    })
    if (productRows.length >= 2) {
      await rest('crm.item.update', { entityTypeId: 31, id: item.id, fields: { closedate: '2031-12-31' } })
      return item
    }
  }
  throw new Error('the demo seed has no sent invoice with two rows')
}

async function download(action: () => Promise<void>): Promise<Download> {
  const [file] = await Promise.all([page!.waitForEvent('download', { timeout: 30_000 }), action()])
  return file
}

async function receive(frame: FrameLocator, value: string): Promise<void> {
  await inputOf(frame, 'receipt-amount').fill(value)
  await frame.getByTestId('receipt-preview').click()
  await expect.poll(() => frame.getByTestId('receipt-preview-result').count()).toBe(1)
}

describe('invoice status panel', () => {
  let invoice: WireItem

  beforeAll(async () => {
    invoice = await sentInvoice()
  })

  it('a manager sees the invoice but cannot mark it paid, and is told why', async () => {
    const frame = await openPanel(invoice.id, MANAGER)
    await expect.poll(() => frame.getByTestId('invoice-status').textContent()).toBe('Выставлен')
    await expect.poll(() => frame.getByTestId('lifecycle-MARK_PAID').isDisabled()).toBe(true)
    expect(await frame.getByTestId('lifecycle-MARK_PAID-why').textContent()).toContain('роли')
    expect(await frame.getByTestId('invoice-receipt').count()).toBe(0)
  })

  it('the accountant records a partial receipt, previews, applies; the rest → paid; undoes one; prints', async () => {
    const frame = await openPanel(invoice.id, ACCOUNTANT)
    const total = amount(await frame.getByTestId('invoice-outstanding').textContent())
    expect(Number(total)).toBe(invoice.opportunity)

    // Bad input is refused with words, nothing written.
    await inputOf(frame, 'receipt-amount').fill('сто')
    await frame.getByTestId('receipt-preview').click()
    await expect.poll(() => frame.getByTestId('receipt-error').textContent()).toContain('не число')

    // The first position in full and nothing more: partly paid.
    const firstTotal = amount(await frame.locator('[data-testid^="position-"] td').nth(4).textContent())
    await receive(frame, firstTotal.replace('.', ','))
    expect(await frame.getByTestId('receipt-status-after').textContent()).toContain('Частично оплачен')
    expect(amount(await frame.getByTestId('position-after').first().textContent())).toBe('0.00')
    await frame.getByTestId('receipt-apply').click()
    await expect
      .poll(() => frame.getByTestId('invoice-status').textContent(), { timeout: 15_000 })
      .toBe('Частично оплачен')
    expect(amount(await frame.getByTestId('position-outstanding').first().textContent())).toBe('0.00')
    expect(amount(await frame.getByTestId('position-outstanding').nth(1).textContent())).not.toBe('0.00')
    expect((await rest<{ item: WireItem }>('crm.item.get', { entityTypeId: 31, id: invoice.id })).item.stageId).toBe(
      'DT31_2:UC_PARTIAL',
    )

    // The rest: paid.
    const rest1 = amount(await frame.getByTestId('invoice-outstanding').textContent())
    await receive(frame, rest1.replace('.', ','))
    await frame.getByTestId('receipt-apply').click()
    await expect.poll(() => frame.getByTestId('invoice-status').textContent(), { timeout: 15_000 }).toBe('Оплачен')
    expect(amount(await frame.getByTestId('invoice-outstanding').textContent())).toBe('0.00')
    const payments = await rest<{ sum: number; paid: string }[]>('crm.item.payment.list', {
      entityTypeId: 31,
      entityId: invoice.id,
    })
    expect(payments.filter((p) => p.paid === 'Y').reduce((s, p) => s + p.sum, 0)).toBeCloseTo(invoice.opportunity, 2)

    // Undo the last payment, with a reason: partly paid again.
    await frame.getByTestId('payment-undo').last().click()
    await inputOf(frame, 'payment-undo-reason').fill('ошибочная выписка')
    await frame.getByTestId('payment-undo-confirm').click()
    await expect
      .poll(() => frame.getByTestId('invoice-status').textContent(), { timeout: 15_000 })
      .toBe('Частично оплачен')
    expect(amount(await frame.getByTestId('invoice-outstanding').textContent())).toBe(rest1)

    // Print: «Счёт на оплату» with our requisites, the buyer and the total.
    const company = await rest<{ TITLE: string }>('crm.company.get', { id: invoice.companyId })
    const pdf = await download(() => frame.getByTestId('print-pdf').click())
    const { text } = readPdf(readFileSync((await pdf.path())!))
    const flat = normaliseSpaces(text)
    expect(flat).toContain('Техностром')
    expect(flat).toContain('044525225')
    expect(flat).toContain('40702810538000123456')
    expect(flat).toContain(company.TITLE)
    const printed = invoice.opportunity
      .toFixed(2)
      .replace('.', ',')
      .replace(/\B(?=(\d{3})+(?!\d))/g, ' ')
    expect(flat).toContain(printed)
    await expect.poll(() => frame.getByTestId('print-attached').count(), { timeout: 15_000 }).toBe(1)
  }, 240_000)

  /** Runs a lifecycle move that asks for words, as a person does. */
  async function moveWithReason(frame: FrameLocator, event: string, reason: string): Promise<void> {
    await frame.getByTestId(`lifecycle-${event}`).click()
    await inputOf(frame, 'lifecycle-reason').fill(reason)
    await frame.getByTestId('lifecycle-confirm').click()
  }

  it('the manager records the client’s dispute; only the accountant resolves it', async () => {
    const frame = await openPanel(invoice.id, MANAGER)
    await expect.poll(() => frame.getByTestId('invoice-status').textContent()).toBe('Частично оплачен')
    // A manager takes no money back.
    expect(await frame.getByTestId('payment-refund').count()).toBe(0)
    await moveWithReason(frame, 'DISPUTE', 'Клиент оспаривает количество')
    await expect.poll(() => frame.getByTestId('invoice-status').textContent(), { timeout: 15_000 }).toBe('Оспаривается')
    const stored = await rest<{ item: Record<string, unknown> }>('crm.item.get', {
      entityTypeId: 31,
      id: invoice.id,
      useOriginalUfNames: 'Y',
    })
    expect(stored.item['UF_CRM_SMART_INVOICE_SF_DISPUTE']).toBe('Клиент оспаривает количество')
    expect(await frame.getByTestId('invoice-dispute').textContent()).toBe(
      'Клиент оспаривает: Клиент оспаривает количество',
    )
    await expect.poll(() => frame.getByTestId('lifecycle-RESOLVE').isDisabled()).toBe(true)
    expect(await frame.getByTestId('lifecycle-RESOLVE-why').textContent()).toContain('роли')
    await context?.close()

    const asAccountant = await openPanel(invoice.id, ACCOUNTANT)
    await expect.poll(() => asAccountant.getByTestId('invoice-status').textContent()).toBe('Оспаривается')
    await moveWithReason(asAccountant, 'RESOLVE', 'Количество подтверждено накладной')
    await expect
      .poll(() => asAccountant.getByTestId('invoice-status').textContent(), { timeout: 15_000 })
      .toBe('Частично оплачен')
    expect(await asAccountant.getByTestId('invoice-dispute').count()).toBe(0)
  }, 120_000)

  it('the accountant refunds the payment with a reason: nothing paid is left, so the invoice is refunded', async () => {
    const frame = await openPanel(invoice.id, ACCOUNTANT)
    await expect.poll(() => frame.getByTestId('invoice-status').textContent()).toBe('Частично оплачен')
    await frame.getByTestId('payment-refund').first().click()
    await inputOf(frame, 'payment-refund-reason').fill('Возврат бракованной партии')
    await frame.getByTestId('payment-refund-confirm').click()
    await expect.poll(() => frame.getByTestId('invoice-status').textContent(), { timeout: 15_000 }).toBe('Возвращён')
    expect(await frame.getByTestId('payment-refunded').count()).toBe(1)
    const item = (await rest<{ item: WireItem }>('crm.item.get', { entityTypeId: 31, id: invoice.id })).item
    expect(item.stageId).toBe('DT31_2:D')
    const payments = await rest<{ paid: string }[]>('crm.item.payment.list', { entityTypeId: 31, entityId: invoice.id })
    expect(payments.filter((p) => p.paid === 'Y')).toEqual([])
  }, 120_000)
})
