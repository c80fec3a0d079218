import { D, parseDecimal, type Dec, type NumericInput } from '../decimal'
import { isOneOf, isRecord, ownData } from '../input'
import { conversionFactor, convertMoney, type PortalCurrency } from '../fx/convert-money'
import { allocate } from '../money/allocate'
import { currency as makeCurrency } from '../money/money'
import { phpRound } from '../money/rounding'
import { computeProductRows, type ComputedProductRow, type ProductRowInput } from '../pricing/product-rows'
import { priceForRest } from '../pricing/price-for-rest'
import { err, ok, type Result } from '../result'
import type { SalesError } from '../sales-errors'
import { daysBetween, parseIsoDate, type IsoDate } from '../dates/iso-date'
import { fingerprint } from '../hashing/fingerprint'
import { DEFAULT_PAYMENT_TERMS, dueDateOf, findPaymentTerms, type PaymentTerms } from '../payments/payment-terms'

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
  /** UF_CRM_SF_PAYMENT_TERMS, e.g. 'prepay50'. */
  readonly paymentTerms: string
}

/** The rate the invoice was made at, stored with it so a later rate change cannot alter its meaning. */
export interface RateSnapshot {
  readonly from: string
  readonly to: string
  /** Units of `to` per unit of `from`, unrounded (1 for one currency). */
  readonly rate: string
  readonly date: IsoDate
  /** Where the table came from: 'portal', 'cbr.ru', '1C'… */
  readonly source: string
  /** Days between the rate date and the invoice date (0: today's rate). */
  readonly ageDays: number
}

export interface InvoiceRequest {
  /** full: the deal's rows; prepayment: `percent` of the total; balance: the total minus `alreadyInvoiced`. */
  readonly kind: 'full' | 'prepayment' | 'balance'
  /** For prepayment; defaults to the first percent line of the deal's payment terms. */
  readonly percent?: NumericInput
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
  readonly labels?: { readonly prepayment?: string; readonly balance?: string }
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
}

const DEFAULT_LABELS = {
  prepayment: 'Предоплата {percent}% по сделке №{deal}',
  balance: 'Окончательный расчёт по сделке №{deal}',
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
  deal = ownData(deal)
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

  const wanted = request.rowIds?.map(String)
  const selected = wanted ? deal.rows.filter((r) => r.id !== undefined && wanted.includes(String(r.id))) : deal.rows
  const computed = computeProductRows(selected)
  const dealRows: { row: DealRow; stored: ComputedProductRow }[] = []
  for (const [i, r] of computed.rows.entries()) {
    if (!r.ok) return r
    if (new D(r.value.quantity).gt(0)) dealRows.push({ row: selected[i]!, stored: r.value })
  }
  if (!dealRows.length) return err({ code: 'NOTHING_TO_INVOICE', dealId: deal.id })

  let percent: Dec | undefined
  let rows: Result<InvoiceRow[], SalesError>
  const labels = { ...DEFAULT_LABELS, ...request.labels }
  if (request.kind === 'full') {
    rows = convertRows(dealRows, deal.currencyId, to, request.currencies)
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
    rows = shareRows(dealRows, share, label, deal.currencyId, to, request.currencies)
  }
  if (!rows.ok) return rows

  const result = computeProductRows(rows.value)
  const stored: ComputedProductRow[] = []
  for (const r of result.rows) {
    if (!r.ok) return r
    stored.push(r.value)
  }
  const line = request.kind === 'balance' ? terms.value.lines[terms.value.lines.length - 1]! : terms.value.lines[0]!
  const key = fingerprint({
    deal: deal.id,
    kind: request.kind,
    currency: to,
    percent: percent?.toFixed(),
    alreadyInvoiced: request.kind === 'balance' ? new D(request.alreadyInvoiced ?? 0).toFixed() : undefined,
    // Sorted: the same rows listed in another order are the same invoice. Row ids stay out: productrow.set
    // re-creates rows with new ids, and that must not make a second invoice of the same content.
    rows: dealRows
      .map(({ row, stored: s }) =>
        JSON.stringify([
          String(row.productId ?? ''),
          row.productName,
          s.price,
          s.quantity,
          s.discountSum,
          s.taxRate,
          s.taxIncluded,
        ]),
      )
      .sort(),
  })
  if (!key.ok) return key
  return ok({
    idempotencyKey: `inv:${deal.id}:${request.kind}:${key.value.slice(0, 32)}`,
    dealId: deal.id,
    kind: request.kind,
    currencyId: to,
    rate: {
      from: deal.currencyId,
      to,
      rate: factor.value.toFixed(),
      date: rateDate.value,
      source: request.rateSource,
      ageDays,
    },
    rows: rows.value,
    stored,
    opportunity: result.opportunity,
    taxValue: result.taxValue,
    begindate: today.value,
    closedate: dueDateOf(today.value, line),
    ...(percent ? { percent: percent.toFixed() } : {}),
  })
}

const KINDS: readonly InvoiceRequest['kind'][] = ['full', 'prepayment', 'balance']

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

/** The deal's rows in the invoice currency: same-currency rows are copied as stored; others are re-priced. */
function convertRows(
  rows: readonly { row: DealRow; stored: ComputedProductRow }[],
  from: string,
  to: string,
  currencies: readonly PortalCurrency[],
): Result<InvoiceRow[], SalesError> {
  const out: InvoiceRow[] = []
  for (const { row, stored } of rows) {
    const meta = { productId: row.productId, productName: row.productName, measureCode: row.measureCode }
    const common = { quantity: stored.quantity, taxRate: stored.taxRate, taxIncluded: stored.taxIncluded }
    if (from === to) {
      out.push({
        ...meta,
        ...common,
        price: stored.price,
        discountTypeId: stored.discountTypeId,
        ...(stored.discountTypeId === 1 ? { discountSum: stored.discountSum } : { discountRate: stored.discountRate }),
      })
      continue
    }
    // Convert the list price the manager saw and keep the percentage; priceForRest finds the 2-decimal price.
    const list = stored.taxIncluded === 'Y' ? stored.priceBrutto : stored.priceNetto
    const converted = convertMoney(list, from, to, currencies)
    if (!converted.ok) return converted
    const rest = priceForRest({
      listPrice: converted.value,
      quantity: stored.quantity,
      discount: { type: 'percent', rate: stored.discountRate },
      taxRate: stored.taxRate,
      taxIncluded: stored.taxIncluded,
    })
    if (!rest.ok) return rest
    out.push({ ...meta, ...rest.value.input })
  }
  return ok(out)
}

/** One row per (tax rate, tax included) group carrying its exact share of `share`, tax included. */
function shareRows(
  rows: readonly { row: DealRow; stored: ComputedProductRow }[],
  share: Dec,
  label: string,
  from: string,
  to: string,
  currencies: readonly PortalCurrency[],
): Result<InvoiceRow[], SalesError> {
  const groups = new Map<string, { taxRate: string | null; sum: Dec }>()
  for (const { stored } of rows) {
    const key = String(stored.taxRate)
    const g = groups.get(key) ?? { taxRate: stored.taxRate, sum: new D(0) }
    g.sum = g.sum.plus(stored.sum)
    groups.set(key, g)
  }
  const list = [...groups.values()].filter((g) => g.sum.gt(0))
  if (!list.length) return ok([])
  const parts = allocate(
    { amount: share, currency: makeCurrency(from, 2) },
    list.map((g) => g.sum),
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
  return ok(out)
}
