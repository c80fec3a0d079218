// @vitest-environment happy-dom
import { afterEach, describe, expect, it } from 'vitest'
import { enableAutoUnmount, mount } from '@vue/test-utils'
import { createPinia } from 'pinia'
import b24UiPlugin from '@bitrix24/b24ui-nuxt/vue-plugin'
import { hintWords, leaveWords, type BankInvoice } from '@salesflow/usecases'
import { createWidgetI18n, type Lang } from '@salesflow/widget-kit'
import { messages } from '../src/messages'
import BankDocumentsTable from '../src/admin/bank/BankDocumentsTable.vue'
import type { BankRow } from '../src/admin/bank/useBankStore'

enableAutoUnmount(afterEach)

const row = (n: number, over: Partial<BankRow> = {}): BankRow => ({
  id: `0:${n}`,
  n,
  fileName: 'kl_to_1c.txt',
  direction: 'incoming',
  kind: 'payment_order',
  number: String(100 + n),
  date: '2026-11-18',
  counterparty: 'ООО «Плательщик»',
  amount: '1500.00',
  purpose: 'Оплата по счёту',
  status: 'review',
  score: 55,
  explanation: { ru: 'объяснение', en: 'explanation' },
  proposed: ['СФ-2026/0007'],
  choosable: true,
  left: null,
  duplicate: false,
  applied: [],
  hints: [],
  issues: [],
  outcome: null,
  ...over,
})

// Below the threshold (starts as skip), a sure one (starts as the proposal), and a draft hint whose number is markup.
const draft = { id: 9, number: '<b>СФ-9</b>' } as BankInvoice
const rows = [
  row(1, { left: leaveWords({ apply: false, reason: 'BELOW_THRESHOLD', score: 55, threshold: 70 }) }),
  row(2, { status: 'matched', score: 95 }),
  row(3, {
    status: 'unmatched',
    score: null,
    proposed: [],
    left: leaveWords({ apply: false, reason: 'NOT_SURE', score: null, threshold: 70 }),
    hints: [{ invoiceId: draft.id, words: hintWords({ invoice: draft, reason: 'draft' }) }],
  }),
]

const mountTable = (lang: Lang) =>
  mount(BankDocumentsTable, {
    props: {
      rows,
      choices: { '0:1': 'skip', '0:2': 'proposal', '0:3': 'skip' },
      invoices: [],
      numberOf: String,
      canChoose: true,
      lang,
    },
    global: { plugins: [createPinia(), createWidgetI18n(lang, messages), b24UiPlugin] },
  })

const reasonOf = (w: ReturnType<typeof mountTable>, n: number) =>
  w.get(`[data-testid="bank-row-${n}"]`).find('[data-testid="bank-left-reason"]')

describe('BankDocumentsTable: why a document starts as «Пропустить»', () => {
  it('says the reason with the score and the threshold in the user’s language, only on rows left unchosen', () => {
    const ru = mountTable('ru')
    expect(reasonOf(ru, 1).text()).toBe('оценка 55 ниже порога автоматического проведения 70')
    expect(reasonOf(ru, 2).exists()).toBe(false)
    expect(reasonOf(ru, 3).text()).toBe('подходящий счёт не найден: решает бухгалтер')
    const en = mountTable('en')
    expect(reasonOf(en, 1).text()).toBe('score 55 is below the auto-apply threshold 70')
    expect(reasonOf(en, 2).exists()).toBe(false)
    expect(reasonOf(en, 3).text()).toBe('no invoice fits: the accountant decides')
  })

  it('words a draft hint with the one wording the worker reports, the portal’s number as text, not markup', () => {
    const says = { ru: '— черновик, ещё не отправлен клиенту', en: 'is a draft, not sent to the client yet' }
    for (const lang of ['ru', 'en'] as const) {
      const hint = mountTable(lang).get('[data-testid="bank-row-3"] [data-testid="bank-hint"]')
      expect(hint.text()).toBe(hintWords({ invoice: draft, reason: 'draft' })[lang])
      expect(hint.text()).toContain(says[lang])
      expect(hint.text()).toContain('<b>СФ-9</b>')
      expect(hint.find('b').exists()).toBe(false)
    }
  })
})
