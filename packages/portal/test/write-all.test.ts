import { describe, expect, it } from 'vitest'
import { err, ok, type Result } from '@salesflow/rules'
import type { BatchAnswers, Command, PortalClient, PortalError, RestAnswer } from '../src'
import { portalError, writeAll } from '../src'

/** A fake client whose batch answers `true`, except for commands whose id is in `refuse`. */
function fake(refuse: ReadonlySet<number>, failBatch?: number) {
  const batches: string[][] = []
  const client = {
    stats: { roundTrips: 0, calls: 0, batches: 0, batchCommands: 0 },
    b24: undefined as never,
    call: (async () => ok({ result: true, total: 0 })) as PortalClient['call'],
    async batch(commands: Readonly<Record<string, Command>>): Promise<Result<BatchAnswers, PortalError>> {
      batches.push(Object.keys(commands))
      if (batches.length === failBatch) return err(portalError('UNKNOWN_OUTCOME', { method: 'batch' }))
      const out: Record<string, Result<RestAnswer, PortalError>> = {}
      for (const [k, c] of Object.entries(commands)) {
        const id = Number((c.params as { id: number }).id)
        out[k] = refuse.has(id)
          ? err(portalError('ACCESS_DENIED', { method: c.method }))
          : ok({ result: true, total: 0 })
      }
      return ok(out)
    },
  }
  return { client, batches }
}

const updates = (n: number): Command[] =>
  Array.from({ length: n }, (_, i) => ({
    method: 'crm.deal.update',
    params: { id: i + 1, fields: { TITLE: `#${i + 1}` } },
  }))

describe('writeAll', () => {
  it('sends 120 updates in 3 round trips and keeps one answer per command, in order', async () => {
    const { client, batches } = fake(new Set([7, 77]))
    const r = await writeAll(client, updates(120))
    expect(batches.map((b) => b.length)).toEqual([50, 50, 20])
    expect(r.ok && r.value.roundTrips).toBe(3)
    expect(r.ok && r.value.answers.map((a, i) => (a.ok ? null : i + 1)).filter((x) => x !== null)).toEqual([7, 77])
  })

  it('stops after the chunk with a refusal when halting', async () => {
    const { client, batches } = fake(new Set([7]))
    const r = await writeAll(client, updates(120), { halt: true })
    expect(batches).toHaveLength(1)
    expect(r.ok && r.value.answers).toHaveLength(50)
  })

  it('does not send later chunks after a batch with an unknown outcome', async () => {
    const { client, batches } = fake(new Set(), 2)
    expect(await writeAll(client, updates(120))).toMatchObject({ ok: false, error: { code: 'UNKNOWN_OUTCOME' } })
    expect(batches).toHaveLength(2)
  })
})
