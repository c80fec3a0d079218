import { err, isRecord, ok, type Result } from '@salesflow/rules'
import { MAX_BATCH, type BatchAnswers, type Command, type PortalClient } from '../client'
import { ref } from '../batch/query-string'
import { portalError, type PortalError } from '../errors'
import { SMART_INVOICE } from './invoices'
import { rowsOf } from './fetch'
import { PAGE_SIZE } from '../batch/bulk-read'
import { mapPayments } from './payments'

/** One product of a payment: which invoice row, how many units of it the payment covers. */
export interface PaymentProduct {
  readonly id: number
  readonly paymentId: number
  readonly rowId: number
  /** Decimal string, as the portal stores it. */
  readonly quantity: string
}

/** A timeline comment as crm.timeline.comment.list gives it. */
export interface TimelineNote {
  readonly id: number
  readonly comment: string
  readonly created: string
  readonly authorId: number | null
}

const positiveId = (v: unknown): number | null => {
  const n = typeof v === 'number' ? v : typeof v === 'string' && /^\d+$/.test(v) ? Number(v) : NaN
  return Number.isSafeInteger(n) && n > 0 ? n : null
}

/** crm.item.payment.product.list → products of `paymentId` (an array, or `{products}` on some builds). */
export function mapPaymentProducts(raw: unknown, paymentId: number): Result<PaymentProduct[], PortalError> {
  const list = rowsOf(isRecord(raw) && 'products' in raw ? raw['products'] : raw)
  if (!Array.isArray(list))
    return err(portalError('VALIDATION', { method: 'crm.item.payment.product.list', field: 'result' }))
  const out: PaymentProduct[] = []
  for (const [i, p] of list.entries()) {
    const id = isRecord(p) ? positiveId(p['id']) : null
    const rowId = isRecord(p) ? positiveId(p['rowId']) : null
    const q = isRecord(p) ? p['quantity'] : undefined
    const quantity = typeof q === 'number' ? String(q) : typeof q === 'string' ? q.trim() : ''
    if (id === null || rowId === null || !/^\d+(\.\d+)?$/.test(quantity))
      return err(portalError('VALIDATION', { method: 'crm.item.payment.product.list', field: `result[${i}]` }))
    out.push({ id, paymentId, rowId, quantity })
  }
  return ok(out)
}

/** crm.timeline.comment.list rows (UPPER_CASE fields). */
export function mapTimelineNotes(raw: unknown): Result<TimelineNote[], PortalError> {
  const list = rowsOf(raw)
  if (!Array.isArray(list))
    return err(portalError('VALIDATION', { method: 'crm.timeline.comment.list', field: 'result' }))
  const out: TimelineNote[] = []
  for (const [i, c] of list.entries()) {
    const id = isRecord(c) ? positiveId(c['ID']) : null
    if (!isRecord(c) || id === null)
      return err(portalError('VALIDATION', { method: 'crm.timeline.comment.list', field: `result[${i}]` }))
    out.push({
      id,
      comment: typeof c['COMMENT'] === 'string' ? c['COMMENT'] : '',
      created: typeof c['CREATED'] === 'string' ? c['CREATED'] : '',
      authorId: positiveId(c['AUTHOR_ID']),
    })
  }
  return ok(out)
}

/** Products of many payments, 50 per round trip. */
export async function paymentProductsOf(
  client: PortalClient,
  paymentIds: readonly number[],
): Promise<Result<PaymentProduct[], PortalError>> {
  const out: PaymentProduct[] = []
  for (let i = 0; i < paymentIds.length; i += 50) {
    const chunk = paymentIds.slice(i, i + 50)
    const res = await client.batch(
      Object.fromEntries(
        chunk.map((id) => [`p${id}`, { method: 'crm.item.payment.product.list', params: { paymentId: id } }]),
      ),
    )
    if (!res.ok) return res
    for (const id of chunk) {
      const a = res.value[`p${id}`]!
      if (!a.ok) return a
      const m = mapPaymentProducts(a.value.result, id)
      if (!m.ok) return m
      out.push(...m.value)
    }
  }
  return ok(out)
}

/** What recording a receipt writes, in one batch. */
export interface ReceiptWrite {
  readonly invoiceId: number
  /** Invoice rows and the units of each this payment covers (decimal strings). */
  readonly lines: readonly { readonly rowId: number; readonly quantity: string }[]
  /** The invoice's audit line; `{payment}` in it becomes the new payment's id. */
  readonly comment: string
  /** A credit left over: an audit line on the buyer company, `{payment}` likewise. */
  readonly companyComment?: { readonly companyId: number; readonly text: string }
  /** The invoice's new stage, when the receipt changes its status. */
  readonly stageId?: string
  /** Invoice user fields (original names) written with the stage, e.g. the dispute cleared by a settling receipt. */
  readonly userFields?: Readonly<Record<string, string>>
  /**
   * The newest comment id of the invoice the caller had read (0: none). Given, the batch ends by re-reading the
   * invoice's comments newer than it (newest first, paged until it is reached): the look back that shows the caller
   * a concurrent receipt of the same bank document. Omitted (no bank document): no look back.
   */
  readonly lookBackAfter?: number
}

/** What a recorded receipt left on the portal, and the invoice's comments right after it (read in the same batch). */
export interface RecordedReceipt {
  readonly paymentId: number
  readonly productIds: number[]
  /** Our audit line's comment id: it orders concurrent receipts. */
  readonly noteId: number
  /** The invoice's comments newer than `lookBackAfter`, ours included, newest first; empty without a look back. */
  readonly notesAfter: TimelineNote[]
}

/** What undoing a receipt writes, in one batch. */
export interface ReceiptRemoval {
  readonly invoiceId: number
  readonly paymentId: number
  readonly productIds: readonly number[]
  readonly comment: string
  readonly stageId?: string
}

const PAYMENT_MARK = '{payment}'

/** A command the batch never ran (it halted before it): the client answers NOT_EXECUTED for it. */
const notExecuted = (a: BatchAnswers[string] | undefined): boolean => !a || (!a.ok && a.error.code === 'NOT_EXECUTED')

/**
 * The commands that record one receipt, their names prefixed (`p` + `payment`, `p` + `product0`, …) so that several
 * receipts fit in one batch: the payment, its products (its paymentId is `$result[<p>payment]`), the paid mark, the
 * audit lines and the stage, in that order.
 */
function planRecord(w: ReceiptWrite, p = ''): Record<string, Command> {
  const paymentRef = ref(`${p}payment`)
  const cmd: Record<string, Command> = {
    [`${p}payment`]: {
      method: 'crm.item.payment.add',
      params: { entityTypeId: SMART_INVOICE, entityId: w.invoiceId, fields: { paySystemId: 1 } },
    },
  }
  w.lines.forEach((l, i) => {
    cmd[`${p}product${i}`] = {
      method: 'crm.item.payment.product.add',
      params: { paymentId: paymentRef, rowId: l.rowId, quantity: l.quantity },
    }
  })
  cmd[`${p}pay`] = { method: 'crm.item.payment.pay', params: { id: paymentRef } }
  cmd[`${p}comment`] = {
    method: 'crm.timeline.comment.add',
    params: {
      fields: {
        ENTITY_ID: w.invoiceId,
        ENTITY_TYPE: `dynamic_${SMART_INVOICE}`,
        COMMENT: w.comment.replaceAll(PAYMENT_MARK, paymentRef),
      },
    },
  }
  if (w.companyComment)
    cmd[`${p}credit`] = {
      method: 'crm.timeline.comment.add',
      params: {
        fields: {
          ENTITY_ID: w.companyComment.companyId,
          ENTITY_TYPE: 'company',
          COMMENT: w.companyComment.text.replaceAll(PAYMENT_MARK, paymentRef),
        },
      },
    }
  if (w.stageId || w.userFields)
    cmd[`${p}stage`] = {
      method: 'crm.item.update',
      params: {
        entityTypeId: SMART_INVOICE,
        id: w.invoiceId,
        ...(w.userFields ? { useOriginalUfNames: 'Y' } : {}),
        fields: { ...(w.stageId ? { stageId: w.stageId } : {}), ...w.userFields },
      },
    }
  // The look back: the caller sees a concurrent receipt of the same bank document written a moment before its own.
  if (w.lookBackAfter !== undefined) cmd[`${p}notesAfter`] = newestNotes(w.invoiceId, 0)
  return cmd
}

/** One page of the invoice's comments, newest first (the portal orders comments by ID, CREATED or AUTHOR_ID only). */
const newestNotes = (invoiceId: number, start: number): Command => ({
  method: 'crm.timeline.comment.list',
  params: {
    filter: { ENTITY_ID: invoiceId, ENTITY_TYPE: `dynamic_${SMART_INVOICE}` },
    order: { ID: 'DESC' },
    start,
  },
})

export function createReceiptRepository(client: PortalClient) {
  /** Deletes a payment (its products go with it): the rollback of a receipt that was half written. */
  const rollback = async (paymentId: number): Promise<Result<true, PortalError>> => {
    const res = await client.call('crm.item.payment.delete', { id: paymentId }, { kind: 'write' })
    return res.ok ? ok(true) : res
  }

  /** One receipt's answers (named with prefix `p`): its payment, or the failure after its payment was deleted. */
  const settle = async (
    answers: BatchAnswers,
    w: ReceiptWrite,
    p: string,
  ): Promise<Result<RecordedReceipt, PortalError>> => {
    const added = answers[`${p}payment`]
    if (!added?.ok) return added ?? err(portalError('NOT_EXECUTED', { method: 'crm.item.payment.add' }))
    const paymentId = positiveId(added.value.result)
    if (paymentId === null) return err(portalError('MALFORMED_RESPONSE', { method: 'crm.item.payment.add' }))
    const names = Object.keys(planRecord(w, p))
    const failed = names.map((n) => answers[n]).find((a) => a === undefined || !a.ok)
    if (failed !== undefined || names.some((n) => !answers[n])) {
      const undone = await rollback(paymentId)
      const cause: PortalError = failed && !failed.ok ? failed.error : portalError('NOT_EXECUTED', { method: 'batch' })
      return err(undone.ok ? cause : { ...cause, code: 'UNKNOWN_OUTCOME' })
    }
    const productIds = w.lines.map((_, i) => {
      const a = answers[`${p}product${i}`]
      return (a?.ok ? positiveId(a.value.result) : null) ?? 0
    })
    const commented = answers[`${p}comment`]
    const noteId = commented?.ok ? positiveId(commented.value.result) : null
    if (noteId === null) return err(portalError('UNKNOWN_OUTCOME', { method: 'crm.timeline.comment.add' }))
    if (w.lookBackAfter === undefined) return ok({ paymentId, productIds, noteId, notesAfter: [] })
    const notes = await lookBack(answers[`${p}notesAfter`]!, w.invoiceId, w.lookBackAfter)
    // The receipt is written; only the look back failed: the caller cannot tell a race from none.
    if (!notes.ok) return err({ ...notes.error, code: 'UNKNOWN_OUTCOME' })
    return ok({ paymentId, productIds, noteId, notesAfter: notes.value })
  }

  /**
   * The comments newer than `afterId`, newest first: the batch's first page, then further pages (one round trip
   * each) only while a page holds nothing older. Comments written meanwhile push older ones down a page: a comment
   * may come twice, none is skipped.
   */
  const lookBack = async (
    first: BatchAnswers[string],
    invoiceId: number,
    afterId: number,
  ): Promise<Result<TimelineNote[], PortalError>> => {
    const out = new Map<number, TimelineNote>()
    let answer = first
    for (let start = 0; ; start += PAGE_SIZE) {
      if (!answer.ok) return answer
      const page = mapTimelineNotes(answer.value.result)
      if (!page.ok) return page
      for (const n of page.value) if (n.id > afterId) out.set(n.id, n)
      const reached = page.value.some((n) => n.id <= afterId)
      if (reached || page.value.length < PAGE_SIZE || start + PAGE_SIZE >= answer.value.total) break
      const next = newestNotes(invoiceId, start + PAGE_SIZE)
      answer = await client.call(next.method, next.params, { kind: 'read' })
    }
    return ok([...out.values()].sort((a, b) => b.id - a.id))
  }

  return {
    /** Ids of the invoice's payments now: whether a rival receipt's payment still stands. */
    async paymentIdsOf(invoiceId: number): Promise<Result<number[], PortalError>> {
      const res = await client.call(
        'crm.item.payment.list',
        { entityTypeId: SMART_INVOICE, entityId: invoiceId },
        { kind: 'read' },
      )
      if (!res.ok) return res
      const payments = mapPayments(res.value.result)
      return payments.ok ? ok(payments.value.map((x) => x.id)) : payments
    },

    /**
     * One batch with halt: the payment, its products (its paymentId is `$result[payment]`), the paid mark, the
     * audit lines and the stage. A failure anywhere stops the batch; a payment already added is then deleted
     * (one more round trip), so no payment stays without its products. UNKNOWN_OUTCOME when the batch's answer
     * was lost: the caller re-reads before anything else. With `lookBackAfter`, the batch ends by re-reading the
     * invoice's newest comments, so the caller sees a concurrent receipt written a moment before its own.
     */
    async record(w: ReceiptWrite): Promise<Result<RecordedReceipt, PortalError>> {
      const res = await client.batch(planRecord(w), { halt: true })
      if (!res.ok) return res
      return settle(res.value, w, '')
    },

    /**
     * Many receipts, packed first-fit into as few batches (≤ 50 commands) as they fit, each receipt's commands whole
     * and in order (receipts of one invoice keep their order). The batch halts at the first failure: receipts before it are done, the failing one's payment is
     * deleted again (as `record` does), and those after it go into the next batch. A receipt too large for one
     * batch goes alone through `record`. One result per write, in order.
     */
    async recordMany(writes: readonly ReceiptWrite[]): Promise<Result<RecordedReceipt, PortalError>[]> {
      const results: (Result<RecordedReceipt, PortalError> | undefined)[] = writes.map(() => undefined)
      let queue = writes.map((_, i) => i)
      while (queue.length > 0) {
        // First fit: the first receipt, then every later one that still fits, so batches come out nearly full.
        // A receipt never overtakes a skipped one of the same invoice (it was planned on the invoice after it).
        const packed: number[] = []
        const skipped = new Set<number>()
        let size = 0
        for (const i of queue) {
          const n = Object.keys(planRecord(writes[i]!)).length
          if (packed.length === 0 || (size + n <= MAX_BATCH && !skipped.has(writes[i]!.invoiceId))) {
            packed.push(i)
            size += n
          } else skipped.add(writes[i]!.invoiceId)
        }
        if (size > MAX_BATCH) {
          results[packed[0]!] = await this.record(writes[packed[0]!]!)
          queue = queue.slice(1)
          continue
        }
        const cmd = Object.assign({}, ...packed.map((i) => planRecord(writes[i]!, `r${i}_`))) as Record<string, Command>
        const res = await client.batch(cmd, { halt: true })
        const carried: number[] = []
        for (const i of packed) {
          if (!res.ok) results[i] = res
          else if (notExecuted(res.value[`r${i}_payment`])) carried.push(i)
          else results[i] = await settle(res.value, writes[i]!, `r${i}_`)
        }
        // Progress is certain: a halted batch always ran its first receipt's first command.
        const sent = new Set(packed)
        queue = [...carried, ...queue.filter((i) => !sent.has(i))]
        if (carried.length === packed.length) {
          for (const i of carried) results[i] = err(portalError('NOT_EXECUTED', { method: 'crm.item.payment.add' }))
          queue = queue.slice(carried.length)
        }
      }
      return results.map((r) => r ?? err(portalError('NOT_EXECUTED', { method: 'crm.item.payment.add' })))
    },

    /** One batch: each product removed, then the payment, the audit line and the stage. */
    async remove(r: ReceiptRemoval): Promise<Result<true, PortalError>> {
      const cmd: Record<string, Command> = {}
      r.productIds.forEach((id, i) => {
        cmd[`product${i}`] = { method: 'crm.item.payment.product.delete', params: { id } }
      })
      cmd.payment = { method: 'crm.item.payment.delete', params: { id: r.paymentId } }
      cmd.comment = {
        method: 'crm.timeline.comment.add',
        params: { fields: { ENTITY_ID: r.invoiceId, ENTITY_TYPE: `dynamic_${SMART_INVOICE}`, COMMENT: r.comment } },
      }
      if (r.stageId)
        cmd.stage = {
          method: 'crm.item.update',
          params: { entityTypeId: SMART_INVOICE, id: r.invoiceId, fields: { stageId: r.stageId } },
        }
      const res = await client.batch(cmd, { halt: true })
      if (!res.ok) return res
      const failed = Object.values(res.value).find((a) => !a.ok)
      return failed && !failed.ok ? failed : ok(true)
    },

    /**
     * One batch: the payment unpaid (its money went back; the payment and its products stay as the record), the
     * invoice's new stage, and last the audit line, the one write that cannot be taken back. A fault after the
     * unpay is rolled back (the payment paid again, the stage put back to `fromStageId`), so nothing stays
     * half-written; a rollback that fails too is UNKNOWN_OUTCOME.
     */
    async refund(r: {
      readonly invoiceId: number
      readonly paymentId: number
      readonly comment: string
      readonly stageId?: string
      readonly fromStageId: string
    }): Promise<Result<true, PortalError>> {
      const cmd: Record<string, Command> = {
        unpay: { method: 'crm.item.payment.unpay', params: { id: r.paymentId } },
      }
      if (r.stageId)
        cmd.stage = {
          method: 'crm.item.update',
          params: { entityTypeId: SMART_INVOICE, id: r.invoiceId, fields: { stageId: r.stageId } },
        }
      cmd.comment = {
        method: 'crm.timeline.comment.add',
        params: { fields: { ENTITY_ID: r.invoiceId, ENTITY_TYPE: `dynamic_${SMART_INVOICE}`, COMMENT: r.comment } },
      }
      const res = await client.batch(cmd, { halt: true })
      if (!res.ok) return res
      const failed = Object.values(res.value).find((a) => !a.ok)
      if (!failed || failed.ok) return ok(true)
      if (!res.value.unpay?.ok) return failed
      const undo: Record<string, Command> = {
        pay: { method: 'crm.item.payment.pay', params: { id: r.paymentId } },
      }
      if (r.stageId && res.value.stage?.ok)
        undo.stage = {
          method: 'crm.item.update',
          params: { entityTypeId: SMART_INVOICE, id: r.invoiceId, fields: { stageId: r.fromStageId } },
        }
      const undone = await client.batch(undo, { halt: true })
      const clean = undone.ok && Object.values(undone.value).every((a) => a.ok)
      return clean ? failed : err({ ...failed.error, code: 'UNKNOWN_OUTCOME' })
    },

    /** The invoice's stage (with user fields by original name, if any) and an audit line naming who and why. */
    async moveStage(
      invoiceId: number,
      stageId: string,
      comment: string,
      userFields: Readonly<Record<string, string>> = {},
    ): Promise<Result<true, PortalError>> {
      const res = await client.batch(
        {
          stage: {
            method: 'crm.item.update',
            params: {
              entityTypeId: SMART_INVOICE,
              id: invoiceId,
              useOriginalUfNames: 'Y',
              fields: { stageId, ...userFields },
            },
          },
          comment: {
            method: 'crm.timeline.comment.add',
            params: { fields: { ENTITY_ID: invoiceId, ENTITY_TYPE: `dynamic_${SMART_INVOICE}`, COMMENT: comment } },
          },
        },
        { halt: true },
      )
      if (!res.ok) return res
      const failed = Object.values(res.value).find((a) => !a.ok)
      return failed && !failed.ok ? failed : ok(true)
    },
  }
}
