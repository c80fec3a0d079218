import { D, parseDecimal, type Dec, type NumericInput } from '../decimal'
import { isOneOf, isRecord, own, ownData } from '../input'
import {
  conversionFactor,
  convertMoney,
  currencyDecimals,
  moneyConverter,
  type PortalCurrency,
} from '../fx/convert-money'
import { allocate } from '../money/allocate'
import { currency as makeCurrency } from '../money/money'
import { phpRound } from '../money/rounding'
import {
  computeProductRows,
  computeRow,
  DocumentTotals,
  formatRow,
  type ComputedProductRow,
  type ProductRowInput,
} from '../pricing/product-rows'
import { priceForOwnInput } from '../pricing/price-for-rest'
import { formatScaled } from '../pricing/fixed-point'
import type { RuleError } from '../errors'
import { err, ok, type Result } from '../result'
import type { SalesError } from '../sales-errors'
import { daysBetween, parseIsoDate, type IsoDate } from '../dates/iso-date'
import { fingerprint, sha256Hex } from '../hashing/fingerprint'
import {
  DEFAULT_PAYMENT_TERMS,
  dueDateOf,
  findPaymentTerms,
  scheduleInstalments,
  type Instalment,
  type PaymentTerms,
} from '../payments/payment-terms'

/** A deal product row as crm.item.productrow.list returns it (the fields that matter for billing). */
export interface DealRow extends ProductRowInput {
  /** The product row's id (crm.item.productrow id), for invoicing a subset of rows. */
  readonly id?: number | string
  readonly productId?: number | string
  readonly productName: string
  readonly measureCode?: number | string
}

export interface DealForInvoice {
  readonly id: string
  readonly currencyId: string
  readonly rows: readonly DealRow[]
  /** UF_CRM_SF_PAY_TERMS, e.g. 'prepay50'. */
  readonly paymentTerms: string
}

/** The rate the invoice was made at, stored with it so a later rate change cannot alter its meaning. */
export interface RateSnapshot {
  readonly from: string
  readonly to: string
  /** Units of `to` per unit of `from`, unrounded (1 for one currency). */
  readonly rate: string
  /** The rate as a bank quotes it: `quoted` units of `from` for `nominal` units of `to` (100.25 RUB for 1 EUR). */
  readonly quoted: string
  /** The portal's AMOUNT_CNT of `to` (1, 10, 100: JPY is quoted per 100). */
  readonly nominal: string
  readonly date: IsoDate
  /** Where the table came from: 'portal', 'cbr.ru', '1C'… */
  readonly source: string
  /** Days between the rate date and the invoice date (0: today's rate). */
  readonly ageDays: number
}

export interface InvoiceRequest {
  /**
   * full: the deal's rows; prepayment: `percent` of the total; balance: the total minus `alreadyInvoiced`;
   * instalment: one line of the deal's payment terms (`instalment`, or the first not in `issuedInstalments`).
   */
  readonly kind: 'full' | 'prepayment' | 'balance' | 'instalment'
  /** For prepayment; defaults to the first percent line of the deal's payment terms. */
  readonly percent?: NumericInput
  /** For instalment: its index in the payment terms (0 = the first line). */
  readonly instalment?: number
  /** For instalment without an index: the indexes already invoiced (see `instalmentOfKey`); the next one is billed. */
  readonly issuedInstalments?: readonly number[]
  /** Bill only these deal rows (by `DealRow.id`); all rows when absent (Bitrix24's several invoices per deal). */
  readonly rowIds?: readonly (number | string)[]
  /** For balance: what earlier invoices of this deal already billed, in the deal currency, tax included. */
  readonly alreadyInvoiced?: NumericInput
  /** Invoice currency; the deal's by default. */
  readonly currencyId?: string
  /** The invoice date. */
  readonly today: IsoDate
  /** crm.currency.list valid on `rateDate`, and where it came from. */
  readonly currencies: readonly PortalCurrency[]
  readonly rateDate: IsoDate
  readonly rateSource: string
  /**
   * Refuse a rate older than this many days (ERPNext's stale_days), instead of silently billing at an old rate
   * as Odoo's fallback does. Unset: any age is accepted and shown in `rate.ageDays`.
   */
  readonly maxRateAgeDays?: number
  /** The terms table (the demo's by default). */
  readonly termsTable?: readonly PaymentTerms[]
  /** Row names of generated prepayment and balance rows; `{percent}` and `{deal}` are replaced. */
  readonly labels?: { readonly prepayment?: string; readonly balance?: string; readonly instalment?: string }
}

export interface InvoiceRow extends ProductRowInput {
  readonly price: string
  readonly productId?: number | string
  readonly productName: string
  readonly measureCode?: number | string
}

/** Everything packages/portal needs for crm.item.add {entityTypeId: 31} and its product rows. */
export interface InvoiceDraft {
  /** Same deal, kind and billed content → same key, whatever the day or the rate: a repeated event finds it. */
  readonly idempotencyKey: string
  readonly dealId: string
  readonly kind: InvoiceRequest['kind']
  readonly currencyId: string
  readonly rate: RateSnapshot
  readonly rows: readonly InvoiceRow[]
  /** What computeProductRows (hence the portal) makes of the rows. */
  readonly stored: readonly ComputedProductRow[]
  readonly opportunity: string
  readonly taxValue: string
  readonly begindate: IsoDate
  readonly closedate: IsoDate
  readonly percent?: string
  /** For an instalment: which line of the terms, how many lines there are, and its amount in the deal currency. */
  readonly instalment?: { readonly index: number; readonly count: number; readonly amount: string }
}

const DEFAULT_LABELS = {
  prepayment: 'Предоплата {percent}% по сделке №{deal}',
  balance: 'Окончательный расчёт по сделке №{deal}',
  instalment: 'Платёж {n} из {count} по сделке №{deal}',
}

/** The key's kind segment: `instalment2` for the third line of the terms, else the kind itself. */
const keyKind = (kind: InvoiceRequest['kind'], instalment?: number): string =>
  kind === 'instalment' ? `instalment${instalment ?? 0}` : kind

/** The instalment index an idempotency key of `generateInvoice` names, or null for another kind of invoice. */
export function instalmentOfKey(key: string): number | null {
  const m = /^inv:[^:]+:instalment(\d+):/.exec(key)
  return m ? Number(m[1]) : null
}

/**
 * Builds an invoice from a deal: the rows (all of them, or one row per VAT rate for a prepayment or balance
 * share, split exactly with `allocate`), converted to the invoice currency at the request's table with the
 * rate snapshot, the due date from the deal's payment terms (prepayment: first line, balance: last, full:
 * first) and a deterministic idempotency key `inv:<deal>:<kind>:<sha256 of the billed content>`.
 *
 * Errors: INVALID_INPUT (a deal or request that is not the expected record), INVALID_ENUM (an unknown `kind`),
 * NOTHING_TO_INVOICE, INVALID_PERCENT, NEGATIVE_AMOUNT (`alreadyInvoiced`), STALE_RATE (a rate dated after the
 * invoice, or older than `maxRateAgeDays`), UNKNOWN_PAYMENT_TERMS, INVALID_DATE, any row error of
 * computeProductRows, and the conversion errors of convertMoney.
 */
export function generateInvoice(deal: DealForInvoice, request: InvoiceRequest): Result<InvoiceDraft, SalesError> {
  // The deal is copied field by field, not deeply: computeProductRows reads each row's own data itself, and a
  // deep copy of a 100,000-row deal would cost as much as the billing.
  deal = isRecord(deal) ? (shallowOwn(deal) as unknown as DealForInvoice) : deal
  request = ownData(request)
  const shape = checkShape(deal, request)
  if (shape) return err(shape)
  const today = parseIsoDate(request.today, 'today')
  if (!today.ok) return today
  const rateDate = parseIsoDate(request.rateDate, 'rateDate')
  if (!rateDate.ok) return rateDate
  const ageDays = daysBetween(rateDate.value, today.value)
  const tooOld = request.maxRateAgeDays !== undefined && ageDays > request.maxRateAgeDays
  if (ageDays < 0 || tooOld) {
    // A rate dated after the invoice is a mistake in the caller's table choice, as is one too old.
    return err({
      code: 'STALE_RATE',
      rateDate: rateDate.value,
      today: today.value,
      maxAgeDays: request.maxRateAgeDays ?? 0,
    })
  }
  const terms = findPaymentTerms(deal.paymentTerms, request.termsTable ?? DEFAULT_PAYMENT_TERMS)
  if (!terms.ok) return terms
  const to = request.currencyId ?? deal.currencyId
  const factor = conversionFactor(deal.currencyId, to, request.currencies)
  if (!factor.ok) return factor
  const back = conversionFactor(to, deal.currencyId, request.currencies)
  if (!back.ok) return back
  const nominal = new D(
    String(
      own(
        request.currencies.find((c) => isRecord(c) && own(c, 'CURRENCY') === to),
        'AMOUNT_CNT',
      ) ?? 1,
    ),
  )

  // A Set, not a list: choosing 40,000 rows by id must not compare every row with every id.
  const wanted = request.rowIds ? new Set(request.rowIds.map(String)) : undefined
  const selected = wanted
    ? deal.rows.filter((r) => isRecord(r) && own(r, 'id') !== undefined && wanted.has(String(own(r, 'id'))))
    : deal.rows
  // computeProductRows row by row, keeping each row in fixed point too: a full invoice sums the rows it bills.
  const dealTotals = new DocumentTotals()
  const billedTotals = new DocumentTotals()
  const dealRows: BilledRow[] = []
  for (let i = 0; i < selected.length; i++) {
    const input: unknown = selected[i]
    const r = isRecord(input)
      ? computeRow(input)
      : err<RuleError>({ code: 'INVALID_INPUT', field: `rows[${i}]`, value: input })
    if (!r.ok) return r
    const refused = dealTotals.add(r.value)
    if (refused) return err(refused)
    // A zero quantity is no row to bill, a negative one a return: neither is billed.
    if (r.value.quantity <= 0n) continue
    const overflow = billedTotals.add(r.value)
    if (overflow) return err(overflow)
    // Only the row's sum stays in fixed point: 100,000 whole fixed-point rows kept alive cost the collector dearly.
    dealRows.push({ row: selected[i]!, sum: r.value.sum, stored: formatRow(r.value) })
  }
  if (!dealRows.length) return err({ code: 'NOTHING_TO_INVOICE', dealId: deal.id })
  const computed = { opportunity: dealTotals.opportunity }

  let percent: Dec | undefined
  let instalment: { line: Instalment; count: number } | undefined
  let billed: Result<Billed, SalesError>
  const labels = { ...DEFAULT_LABELS, ...request.labels }
  if (request.kind === 'instalment') {
    const decimals = currencyDecimals(deal.currencyId, request.currencies)
    const schedule = scheduleInstalments(computed.opportunity, decimals, terms.value, today.value)
    if (!schedule.ok) return schedule
    const index = request.instalment ?? nextInstalment(schedule.value.length, request.issuedInstalments ?? [])
    const line = index === undefined ? undefined : schedule.value[index]
    if (!line || !new D(line.amount).gt(0)) return err({ code: 'NOTHING_TO_INVOICE', dealId: deal.id })
    instalment = { line, count: schedule.value.length }
  }
  if (request.kind === 'full' || (instalment && instalment.line.amount === computed.opportunity)) {
    // One instalment for the whole total (prepay100, net30) bills the rows themselves, like a full invoice.
    billed = convertRows(dealRows, billedTotals, deal.currencyId, to, request.currencies)
  } else if (instalment) {
    const label = labels.instalment
      .replace('{n}', String(instalment.line.index + 1))
      .replace('{count}', String(instalment.count))
      .replace('{deal}', deal.id)
    billed = shareRows(dealRows, new D(instalment.line.amount), label, deal.currencyId, to, request.currencies)
  } else {
    const total = new D(computed.opportunity)
    let share: Dec
    if (request.kind === 'prepayment') {
      const firstPercent = terms.value.lines.find((l) => l.kind === 'percent')
      const raw = request.percent ?? (firstPercent?.kind === 'percent' ? firstPercent.percent : 100)
      const p = parseDecimal(raw, 'percent')
      if (!p.ok || p.value.lte(0) || p.value.gt(100))
        return err({ code: 'INVALID_PERCENT', field: 'percent', value: raw })
      percent = p.value
      share = phpRound(total.times(p.value).div(100), 2)
    } else {
      const before = parseDecimal(request.alreadyInvoiced ?? 0, 'alreadyInvoiced')
      if (!before.ok) return before
      if (before.value.isNegative() && !before.value.isZero()) {
        return err({ code: 'NEGATIVE_AMOUNT', field: 'alreadyInvoiced', value: before.value.toFixed() })
      }
      share = phpRound(total.minus(before.value), 2)
    }
    if (share.lte(0)) return err({ code: 'NOTHING_TO_INVOICE', dealId: deal.id })
    const label = (request.kind === 'prepayment' ? labels.prepayment : labels.balance)
      .replace('{percent}', percent?.toFixed() ?? '')
      .replace('{deal}', deal.id)
    billed = shareRows(dealRows, share, label, deal.currencyId, to, request.currencies)
  }
  if (!billed.ok) return billed
  const line = instalment
    ? terms.value.lines[instalment.line.index]!
    : request.kind === 'balance'
      ? terms.value.lines[terms.value.lines.length - 1]!
      : terms.value.lines[0]!
  // Sorted: the same rows listed in another order are the same invoice. Row ids stay out: productrow.set
  // re-creates rows with new ids, and that must not make a second invoice of the same content. The lines are
  // hashed as one text (not as a JSON array of 100,000 strings) to keep the key linear and cheap.
  const content = dealRows.map(({ row, stored }) => contentLine(row, stored)).sort()
  const key = fingerprint({
    deal: deal.id,
    kind: request.kind,
    currency: to,
    percent: percent?.toFixed(),
    instalment: instalment?.line.index,
    amount: instalment?.line.amount,
    alreadyInvoiced: request.kind === 'balance' ? new D(request.alreadyInvoiced ?? 0).toFixed() : undefined,
    rows: sha256Hex(content.join('\n')),
  })
  if (!key.ok) return key
  return ok({
    idempotencyKey: `inv:${deal.id}:${keyKind(request.kind, instalment?.line.index)}:${key.value.slice(0, 32)}`,
    dealId: deal.id,
    kind: request.kind,
    currencyId: to,
    rate: {
      from: deal.currencyId,
      to,
      rate: factor.value.toFixed(),
      quoted: back.value.times(nominal).toFixed(),
      nominal: nominal.toFixed(),
      date: rateDate.value,
      source: request.rateSource,
      ageDays,
    },
    rows: billed.value.rows,
    stored: billed.value.stored,
    opportunity: billed.value.opportunity,
    taxValue: billed.value.taxValue,
    begindate: today.value,
    closedate: instalment ? instalment.line.dueDate : dueDateOf(today.value, line),
    ...(percent ? { percent: percent.toFixed() } : {}),
    ...(instalment
      ? { instalment: { index: instalment.line.index, count: instalment.count, amount: instalment.line.amount } }
      : {}),
  })
}

/** A deal row that is billed: the row, and what the portal stores of it in fixed point and as text. */
interface BilledRow {
  readonly row: DealRow
  /** The row's contribution to OPPORTUNITY in kopecks. */
  readonly sum: bigint
  readonly stored: ComputedProductRow
}

/** The invoice's rows, what the portal stores of them and its totals. */
interface Billed {
  readonly rows: InvoiceRow[]
  readonly stored: ComputedProductRow[]
  readonly opportunity: string
  readonly taxValue: string
}

/**
 * One billed row in the idempotency key: the JSON text of [productId, productName, price, quantity,
 * discountSum, taxRate, taxIncluded], written out directly. The stored figures are digits, '-' and '.' (and
 * taxIncluded 'Y' or 'N'), so only the two names need JSON escaping; the text is the one a JSON array would
 * give, so the keys of invoices already issued do not change.
 */
function contentLine(row: DealRow, s: ComputedProductRow): string {
  const name = jsonString(String(own(row, 'productName') ?? ''))
  const tax = s.taxRate === null ? 'null' : `"${s.taxRate}"`
  return `[${jsonString(String(own(row, 'productId') ?? ''))},${name},"${s.price}","${s.quantity}","${s.discountSum}",${tax},"${s.taxIncluded}"]`
}

/** What JSON.stringify escapes in a string: quotes, backslashes, control characters and lone surrogates. */
const NEEDS_ESCAPE = /["\\\u0000-\u001f\ud800-\udfff]/

/** JSON.stringify of a string; names without anything to escape (nearly all) are only quoted. */
const jsonString = (text: string): string => (NEEDS_ESCAPE.test(text) ? JSON.stringify(text) : `"${text}"`)

/** The first instalment index below `count` not in `issued`, or undefined when every one is invoiced. */
function nextInstalment(count: number, issued: readonly number[]): number | undefined {
  const done = new Set(issued)
  for (let i = 0; i < count; i++) if (!done.has(i)) return i
  return undefined
}

/** The record's own enumerable fields, one level deep (values are not copied). */
function shallowOwn(value: Record<string, unknown>): Record<string, unknown> {
  const out: Record<string, unknown> = {}
  for (const key of Object.keys(value)) if (key !== '__proto__') out[key] = value[key]
  return out
}

const KINDS: readonly InvoiceRequest['kind'][] = ['full', 'prepayment', 'balance', 'instalment']

/** The first part of the deal or the request that is not what it must be, if any. */
function checkShape(deal: unknown, request: unknown): SalesError | undefined {
  const bad = (field: string, value: unknown): SalesError => ({ code: 'INVALID_INPUT', field, value })
  if (!isRecord(deal)) return bad('deal', deal)
  if (!isRecord(request)) return bad('request', request)
  if (!isOneOf(request.kind, KINDS)) {
    return { code: 'INVALID_ENUM', field: 'kind', value: request.kind, allowed: KINDS }
  }
  for (const field of ['id', 'currencyId', 'paymentTerms'] as const) {
    if (typeof deal[field] !== 'string') return bad(`deal.${field}`, deal[field])
  }
  if (!Array.isArray(deal.rows)) return bad('deal.rows', deal.rows)
  const rowIds: unknown = request.rowIds
  if (rowIds !== undefined && !Array.isArray(rowIds)) return bad('rowIds', rowIds)
  const index: unknown = request.instalment
  if (index !== undefined && !(typeof index === 'number' && Number.isInteger(index) && index >= 0)) {
    return bad('instalment', index)
  }
  const issued: unknown = request.issuedInstalments
  if (issued !== undefined && !(Array.isArray(issued) && issued.every((i) => Number.isInteger(i)))) {
    return bad('issuedInstalments', issued)
  }
  const max: unknown = request.maxRateAgeDays
  if (max !== undefined && !(typeof max === 'number' && Number.isInteger(max) && max >= 0)) {
    return bad('maxRateAgeDays', max)
  }
  for (const field of ['currencyId', 'rateSource'] as const) {
    const v: unknown = request[field]
    if (v !== undefined && typeof v !== 'string') return bad(field, v)
  }
  if (request.labels !== undefined && !isRecord(request.labels)) return bad('labels', request.labels)
  if (request.termsTable !== undefined && !Array.isArray(request.termsTable))
    return bad('termsTable', request.termsTable)
  return undefined
}

/**
 * The deal's rows in the invoice currency: same-currency rows are copied as stored (no second computation);
 * others are re-priced with priceForRest, whose row is what the portal stores for them.
 */
function convertRows(
  rows: readonly BilledRow[],
  rowTotals: DocumentTotals,
  from: string,
  to: string,
  currencies: readonly PortalCurrency[],
): Result<Billed, SalesError> {
  const out: InvoiceRow[] = []
  const stored: ComputedProductRow[] = []
  const totals = new DocumentTotals()
  const convert = moneyConverter(from, to, currencies)
  if (!convert.ok) return convert
  for (const { row, stored: dealStored } of rows) {
    const productId = own(row, 'productId') as DealRow['productId']
    const productName = String(own(row, 'productName') ?? '')
    const measureCode = own(row, 'measureCode') as DealRow['measureCode']
    if (from === to) {
      // Literals, not spreads: 100,000 rows are copied here, and spread objects cost several times as much.
      const { quantity, taxRate, taxIncluded, price, discountTypeId } = dealStored
      out.push(
        discountTypeId === 1
          ? { productId, productName, measureCode, quantity, taxRate, taxIncluded, price, discountTypeId, discountSum: dealStored.discountSum } // prettier-ignore
          : { productId, productName, measureCode, quantity, taxRate, taxIncluded, price, discountTypeId, discountRate: dealStored.discountRate }, // prettier-ignore
      )
      stored.push(dealStored)
      continue
    }
    // Convert the list price the manager saw and keep the percentage; priceForRest finds the 2-decimal price.
    const list = dealStored.taxIncluded === 'Y' ? dealStored.priceBrutto : dealStored.priceNetto
    const converted = convert.value(list)
    if (!converted.ok) return converted
    // Built here from the deal's stored row: nothing to copy or check again.
    const rest = priceForOwnInput({
      listPrice: converted.value,
      quantity: dealStored.quantity,
      discount: { type: 'percent', rate: dealStored.discountRate },
      taxRate: dealStored.taxRate,
      taxIncluded: dealStored.taxIncluded,
    })
    if (!rest.ok) return rest
    out.push({ productId, productName, measureCode, ...rest.value.input })
    stored.push(formatRow(rest.value.row))
    const refused = totals.add(rest.value.row)
    if (refused) return err(refused)
  }
  // Copied rows are the deal's rows: their totals are the ones summed when they were computed.
  const sums = from === to ? rowTotals : totals
  return ok({ rows: out, stored, opportunity: sums.opportunity, taxValue: sums.taxValue })
}

/** One row per (tax rate, tax included) group carrying its exact share of `share`, tax included. */
function shareRows(
  rows: readonly BilledRow[],
  share: Dec,
  label: string,
  from: string,
  to: string,
  currencies: readonly PortalCurrency[],
): Result<Billed, SalesError> {
  // Summed in fixed point (kopecks): one bigint addition per row, not one decimal.js sum.
  const groups = new Map<string | null, { taxRate: string | null; sum: bigint }>()
  for (const { stored, sum } of rows) {
    const g = groups.get(stored.taxRate) ?? { taxRate: stored.taxRate, sum: 0n }
    g.sum += sum
    groups.set(stored.taxRate, g)
  }
  const list = [...groups.values()].filter((g) => g.sum > 0n)
  if (!list.length) return billedOf([])
  const parts = allocate(
    { amount: share, currency: makeCurrency(from, 2) },
    list.map((g) => formatScaled(g.sum, 2)),
  )
  if (!parts.ok) return parts
  const out: InvoiceRow[] = []
  for (const [i, g] of list.entries()) {
    const converted = convertMoney(parts.value[i]!.amount, from, to, currencies)
    if (!converted.ok) return converted
    out.push({
      productName: list.length > 1 && g.taxRate !== null ? `${label} (НДС ${new D(g.taxRate).toFixed()}%)` : label,
      price: new D(converted.value).toFixed(2),
      quantity: '1',
      discountTypeId: 2,
      discountRate: '0',
      taxRate: g.taxRate,
      taxIncluded: 'Y',
    })
  }
  return billedOf(out)
}

/** The invoice's own rows as the portal stores them, with its totals; the first row it refuses is the error. */
function billedOf(rows: InvoiceRow[]): Result<Billed, SalesError> {
  const computed = computeProductRows(rows)
  const stored: ComputedProductRow[] = []
  for (const r of computed.rows) {
    if (!r.ok) return r
    stored.push(r.value)
  }
  return ok({ rows, stored, opportunity: computed.opportunity, taxValue: computed.taxValue })
}
