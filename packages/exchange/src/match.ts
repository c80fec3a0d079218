import Decimal from 'decimal.js'
import { toRuDate } from './dates'
import { bankDocumentKey } from './key'
import type { Lang } from './messages'
import type { BankDocument } from './types'

/** An open invoice as the matcher needs it (the portal layer builds these from smart invoices and requisites). */
export interface MatchableInvoice {
  id: string
  /** accountNumber as the portal shows it: "СЧ-00158", "158". */
  number: string
  /** ISO yyyy-mm-dd. */
  date: string | null
  /** What is still to be paid, decimal string. */
  outstanding: string
  currency: string
  companyId: string | null
  /** The customer's requisites (crm.requisite.list). */
  payer: { inn: string | null; kpp: string | null }
  /** The customer's bank accounts (crm.requisite.bankdetail.list), for individuals without an ИНН. */
  accounts: readonly string[]
}

export interface MatchOptions {
  /** The statement's currency (a Russian bank account statement is in roubles). */
  currency?: string
  /** How far the amount may be from the outstanding amount and still count as equal: absolute and/or percent. */
  tolerance?: { absolute?: string; percent?: string }
  /** Lowest score that is proposed without review (default 70). */
  acceptScore?: number
  /** How far the best proposal must lead the next one (default 15). */
  margin?: number
}

export type MatchReasonCode =
  | 'number_and_date'
  | 'number'
  | 'number_date_differs'
  | 'inn_kpp'
  | 'inn'
  | 'kpp_differs'
  | 'inn_differs'
  | 'account'
  | 'amount_equal'
  | 'amount_within_tolerance'
  | 'amount_partial'
  | 'amount_over'
  | 'sum_of_invoices'
  | 'currency_differs'
  | 'no_candidates'
  | 'ambiguous'
  | 'weak'

export interface MatchReason {
  code: MatchReasonCode
  params: Record<string, string>
}

export interface MatchProposal {
  invoiceIds: string[]
  /** How much of the receipt goes to each invoice (capped by its outstanding amount). */
  allocations: { invoiceId: string; amount: string }[]
  /** What the proposal leaves unallocated. */
  unallocated: string
  score: number
  reasons: MatchReason[]
  explanation: Record<Lang, string>
}

export interface ReceiptMatch {
  document: number
  /** bankDocumentKey of the receipt: stored with the payment so a re-import applies nothing twice. */
  key: string
  /** matched: one proposal is clearly best; review: proposals, but none sure or several alike; unmatched: none. */
  status: 'matched' | 'review' | 'unmatched'
  /** Everything but 'matched' goes to manual review. */
  review: boolean
  /** Best first. */
  proposals: MatchProposal[]
  reasons: MatchReason[]
  explanation: Record<Lang, string>
}

export const MATCH_TEXT: Record<MatchReasonCode, Record<Lang, string>> = {
  number_and_date: {
    ru: 'в назначении платежа указан счёт № {number} от {date}',
    en: 'the purpose names invoice No. {number} of {date}',
  },
  number: { ru: 'в назначении платежа указан счёт № {number}', en: 'the purpose names invoice No. {number}' },
  number_date_differs: {
    ru: 'номер счёта {number} совпадает, но дата {refDate} не совпадает с датой счёта {date}',
    en: 'invoice number {number} matches, but the date {refDate} differs from the invoice date {date}',
  },
  inn_kpp: { ru: 'ИНН {inn} и КПП {kpp} плательщика совпадают', en: "the payer's ИНН {inn} and КПП {kpp} match" },
  inn: { ru: 'ИНН плательщика {inn} совпадает', en: "the payer's ИНН {inn} matches" },
  kpp_differs: {
    ru: 'КПП плательщика {kpp} отличается от КПП в реквизитах {invoiceKpp}',
    en: "the payer's КПП {kpp} differs from the requisites' {invoiceKpp}",
  },
  inn_differs: {
    ru: 'ИНН плательщика {inn} не совпадает с ИНН покупателя по счёту {invoiceInn}',
    en: "the payer's ИНН {inn} is not the invoice customer's {invoiceInn}",
  },
  account: {
    ru: 'счёт плательщика {account} есть в реквизитах покупателя',
    en: "the payer's account {account} is in the customer's bank details",
  },
  amount_equal: {
    ru: 'сумма {amount} равна остатку к оплате',
    en: 'the amount {amount} equals the outstanding amount',
  },
  amount_within_tolerance: {
    ru: 'сумма {amount} отличается от остатка {outstanding} в пределах допуска',
    en: 'the amount {amount} is within tolerance of the outstanding {outstanding}',
  },
  amount_partial: {
    ru: 'сумма {amount} меньше остатка {outstanding}: частичная оплата',
    en: 'the amount {amount} is less than the outstanding {outstanding}: a partial payment',
  },
  amount_over: {
    ru: 'сумма {amount} больше остатка {outstanding}',
    en: 'the amount {amount} exceeds the outstanding {outstanding}',
  },
  sum_of_invoices: {
    ru: 'сумма {amount} равна сумме остатков счетов {numbers}',
    en: 'the amount {amount} equals the outstanding total of invoices {numbers}',
  },
  currency_differs: {
    ru: 'счёт выставлен в {currency}, сумму сравнить нельзя',
    en: 'the invoice is in {currency}, so the amount cannot be compared',
  },
  no_candidates: {
    ru: 'ни номер счёта, ни плательщик, ни сумма не подходят ни к одному открытому счёту',
    en: 'neither an invoice number, the payer nor the amount fits any open invoice',
  },
  ambiguous: {
    ru: 'несколько счетов подходят одинаково хорошо, выберите вручную',
    en: 'several invoices fit equally well; choose by hand',
  },
  weak: {
    ru: 'признаков недостаточно, чтобы сопоставить без проверки',
    en: 'not enough evidence to match without a check',
  },
}

// Each sentence's words and `{name}` placeholders, split once (explaining every proposal fills thousands of them).
const SENTENCES = new Map<string, string[]>()
function say(template: string, params: Readonly<Record<string, string>>): string {
  let parts = SENTENCES.get(template)
  if (!parts) SENTENCES.set(template, (parts = template.split(/\{(\w+)\}/)))
  // Odd parts are placeholder names; a name without a value stays as written, as fill() leaves it.
  let text = parts[0]!
  for (let i = 1; i < parts.length; i += 2) {
    const name = parts[i]!
    text += (name in params ? params[name] : `{${name}}`) + parts[i + 1]!
  }
  return text
}

function explain(reasons: readonly MatchReason[]): Record<Lang, string> {
  const sentence = (lang: Lang) => {
    let text = ''
    for (const r of reasons) text += (text === '' ? '' : '; ') + say(MATCH_TEXT[r.code][lang], r.params)
    return text.charAt(0).toUpperCase() + text.slice(1)
  }
  return { ru: sentence('ru'), en: sentence('en') }
}

/** "СЧ-00158" ≈ "158" ≈ "0158": the digits without leading zeros. */
export function normaliseInvoiceNumber(number: string): string {
  // Usually the digits stand together ("СЧ-00158"): then they are one slice of the number, no new string is built.
  let first = -1
  let last = -1
  let together = true
  for (let i = 0; i < number.length; i++) {
    const c = number.charCodeAt(i)
    if (c < 48 || c > 57) continue
    if (first < 0) first = i
    else if (last !== i - 1) together = false
    last = i
  }
  if (first < 0) return ''
  if (!together) return number.replace(/\D/g, '').replace(/^0+(?=\d)/, '')
  while (first < last && number.charCodeAt(first) === 48) first++
  return number.slice(first, last + 1)
}

const SCORE: Record<MatchReasonCode, number> = {
  number_and_date: 50,
  number: 40,
  number_date_differs: 25,
  inn_kpp: 30,
  inn: 25,
  kpp_differs: -5,
  inn_differs: -40,
  account: 25,
  amount_equal: 25,
  amount_within_tolerance: 20,
  amount_partial: 5,
  amount_over: -10,
  sum_of_invoices: 25,
  currency_differs: 0,
  no_candidates: 0,
  ambiguous: 0,
  weak: 0,
}

/** How toFixed(2) writes a non-negative amount: no leading zeros, two decimals. */
const FIXED_2 = /^(?:0|[1-9]\d*)\.\d{2}$/

/** An invoice in the matcher's indexes; its outstanding amount becomes a Decimal only once it is a candidate. */
class Indexed {
  private dec: Decimal | null = null
  private fixed: string | null = null
  constructor(readonly invoice: MatchableInvoice) {}
  get outstanding(): Decimal {
    return (this.dec ??= new Decimal(this.invoice.outstanding))
  }
  /** outstanding.toFixed(2), worked out once; an amount already written that way is taken as it is. */
  get outstandingText(): string {
    return (this.fixed ??= FIXED_2.test(this.invoice.outstanding)
      ? this.invoice.outstanding
      : this.outstanding.toFixed(2))
  }
}

function push<K, V>(map: Map<K, V[]>, key: K, value: V) {
  const list = map.get(key)
  if (list) list.push(value)
  else map.set(key, [value])
}

const fmtDate = (iso: string | null) => (iso ? toRuDate(iso) : '—')

/**
 * Proposes which open invoice(s) each incoming bank document pays, with a score and the reasons in ru and en.
 * Pure: the caller loads open invoices and requisites, and the accountant confirms before anything is applied.
 */
export function matchReceipts(
  documents: readonly BankDocument[],
  openInvoices: readonly MatchableInvoice[],
  options: MatchOptions = {},
): ReceiptMatch[] {
  const currency = options.currency ?? 'RUB'
  const acceptScore = options.acceptScore ?? 70
  const margin = options.margin ?? 15
  const tolAbs = new Decimal(options.tolerance?.absolute ?? '0')
  const tolPct = new Decimal(options.tolerance?.percent ?? '0')

  const byNumber = new Map<string, Indexed[]>()
  const byInn = new Map<string, Indexed[]>()
  const indexed = openInvoices.map((invoice) => {
    const x = new Indexed(invoice)
    push(byNumber, normaliseInvoiceNumber(invoice.number), x)
    if (invoice.payer.inn) push(byInn, invoice.payer.inn, x)
    return x
  })
  // Only payers without an ИНН are looked up by account: that index is built the first time one comes.
  let byAccountIndex: Map<string, Indexed[]> | null = null
  const byAccount = () => {
    if (!byAccountIndex) {
      byAccountIndex = new Map()
      for (const x of indexed) for (const a of x.invoice.accounts) push(byAccountIndex, a, x)
    }
    return byAccountIndex
  }

  const tolerance = (outstanding: Decimal) =>
    tolPct.isZero() ? tolAbs : Decimal.max(tolAbs, outstanding.times(tolPct).div(100))

  const amountReason = (amount: Decimal, amountText: string, x: Indexed): MatchReason => {
    const params = { amount: amountText, outstanding: x.outstandingText }
    if (x.invoice.currency !== currency) return { code: 'currency_differs', params: { currency: x.invoice.currency } }
    // Two amounts both written the way toFixed(2) writes them are equal exactly when their texts are (the invoice's
    // own text, not its toFixed(2), which may be rounded: 99.999 → 100.00).
    if (amountText === x.invoice.outstanding && FIXED_2.test(amountText)) return { code: 'amount_equal', params }
    if (amount.eq(x.outstanding)) return { code: 'amount_equal', params }
    if (amount.minus(x.outstanding).abs().lte(tolerance(x.outstanding)))
      return { code: 'amount_within_tolerance', params }
    return { code: amount.lt(x.outstanding) ? 'amount_partial' : 'amount_over', params }
  }

  return documents
    .filter((d) => d.direction === 'incoming' && d.amount !== null)
    .map((doc) => {
      const amount = new Decimal(doc.amount!)
      const amountText = amount.toFixed(2)
      const payerInn = doc.payer.inn && /^\d{10}(\d{2})?$/.test(doc.payer.inn) ? doc.payer.inn : null
      // Reasons per invoice, collected from each source of evidence.
      const evidence = new Map<Indexed, MatchReason[]>()
      const add = (x: Indexed, r: MatchReason) => {
        const list = evidence.get(x)
        if (list) list.push(r)
        else evidence.set(x, [r])
      }
      const byRef = new Set<Indexed>()
      for (const ref of doc.invoiceRefs) {
        for (const x of byNumber.get(normaliseInvoiceNumber(ref.number)) ?? []) {
          if (byRef.has(x)) continue
          byRef.add(x)
          const params = { number: x.invoice.number, date: fmtDate(x.invoice.date), refDate: fmtDate(ref.date) }
          if (ref.date === null || x.invoice.date === null) add(x, { code: 'number', params })
          else add(x, { code: ref.date === x.invoice.date ? 'number_and_date' : 'number_date_differs', params })
        }
      }
      const byParty = new Set<Indexed>()
      if (payerInn) {
        for (const x of byInn.get(payerInn) ?? []) {
          byParty.add(x)
          const { kpp } = x.invoice.payer
          if (doc.payer.kpp && kpp && doc.payer.kpp !== kpp) {
            add(x, { code: 'inn', params: { inn: payerInn } })
            add(x, { code: 'kpp_differs', params: { kpp: doc.payer.kpp, invoiceKpp: kpp } })
          } else if (doc.payer.kpp && kpp) add(x, { code: 'inn_kpp', params: { inn: payerInn, kpp } })
          else add(x, { code: 'inn', params: { inn: payerInn } })
        }
      } else if (doc.payer.account) {
        // Individuals often pay without an ИНН: their account number in the customer's bank details identifies them.
        for (const x of byAccount().get(doc.payer.account) ?? []) {
          byParty.add(x)
          add(x, { code: 'account', params: { account: doc.payer.account } })
        }
      }
      for (const x of byRef) {
        if (!byParty.has(x) && payerInn && x.invoice.payer.inn && x.invoice.payer.inn !== payerInn) {
          add(x, { code: 'inn_differs', params: { inn: payerInn, invoiceInn: x.invoice.payer.inn } })
        }
      }
      // A known payer's invoice without a number in the purpose counts only when the amount fits it.
      const single: MatchProposal[] = []
      for (const [x, reasons] of evidence) {
        const r = amountReason(amount, amountText, x)
        if (byRef.has(x) || r.code === 'amount_equal' || r.code === 'amount_within_tolerance')
          single.push(proposal([x], [...reasons, r], amount))
      }
      // One receipt for several invoices named in the purpose: their outstanding amounts add up to it.
      const named = [...byRef].filter((x) => !evidence.get(x)!.some((r) => r.code === 'inn_differs'))
      const group: MatchProposal[] = []
      if (named.length > 1) {
        const total = named.reduce((s, x) => s.plus(x.outstanding), new Decimal(0))
        if (amount.minus(total).abs().lte(tolerance(total)) && named.every((x) => x.invoice.currency === currency)) {
          const party = evidence.get(named[0]!)!.find((r) => ['inn_kpp', 'inn', 'account'].includes(r.code))
          const reasons: MatchReason[] = [
            ...named.map((x) => evidence.get(x)!.find((r) => r.code.startsWith('number'))!),
            ...(party ? [party] : []),
            {
              code: 'sum_of_invoices',
              params: { amount: amountText, numbers: named.map((x) => x.invoice.number).join(', ') },
            },
          ]
          const numberScore = Math.min(
            ...named.map((x) => scoreOf(evidence.get(x)!.filter((r) => r.code.startsWith('number')))),
          )
          group.push(
            proposal(named, reasons, amount, numberScore + (party ? SCORE[party.code] : 0) + SCORE.sum_of_invoices),
          )
        }
      }
      const proposals = [...group, ...single].sort((a, b) => b.score - a.score)
      const [best, second] = proposals
      const key = bankDocumentKey(doc)
      if (!best) {
        const reasons: MatchReason[] = [{ code: 'no_candidates', params: {} }]
        return {
          document: doc.n,
          key,
          status: 'unmatched',
          review: true,
          proposals,
          reasons,
          explanation: explain(reasons),
        }
      }
      if (best.score >= acceptScore && (!second || best.score - second.score >= margin)) {
        return {
          document: doc.n,
          key,
          status: 'matched',
          review: false,
          proposals,
          reasons: best.reasons,
          explanation: best.explanation,
        }
      }
      const reasons: MatchReason[] =
        second && best.score - second.score < margin
          ? [{ code: 'ambiguous', params: {} }, ...best.reasons]
          : [{ code: 'weak', params: {} }, ...best.reasons]
      return {
        document: doc.n,
        key,
        status: 'review',
        review: true,
        proposals,
        reasons,
        explanation: explain(reasons),
      }
    })
}

function scoreOf(reasons: readonly MatchReason[]): number {
  return reasons.reduce((s, r) => s + SCORE[r.code], 0)
}

function proposal(
  invoices: readonly Indexed[],
  reasons: MatchReason[],
  amount: Decimal,
  score = scoreOf(reasons),
): MatchProposal {
  let left = amount
  const allocations = invoices.map((x) => {
    const part = Decimal.min(left, x.outstanding)
    left = left.minus(part)
    return { invoiceId: x.invoice.id, amount: part.toFixed(2) }
  })
  return {
    invoiceIds: invoices.map((x) => x.invoice.id),
    allocations,
    unallocated: left.toFixed(2),
    score,
    reasons,
    explanation: explain(reasons),
  }
}
