import { err, ok, type Result } from '@salesflow/rules'
import { MAX_BATCH, type Command, type PortalClient, type RestAnswer } from '../client'
import type { PortalError } from '../errors'

export interface WriteAllResult {
  /** One answer per command, in input order. */
  readonly answers: readonly Result<RestAnswer, PortalError>[]
  readonly roundTrips: number
}

/**
 * Sends many writes in batches of 50 (one round trip each, in order). Each command keeps its own answer, so a
 * refused update does not hide the others. A transport failure of a batch holding a create ends the run with
 * UNKNOWN_OUTCOME (the batch may have run): later chunks are not sent, and nothing is re-sent.
 */
export async function writeAll(
  client: PortalClient,
  commands: readonly Command[],
  options: { readonly halt?: boolean } = {},
): Promise<Result<WriteAllResult, PortalError>> {
  const answers: Result<RestAnswer, PortalError>[] = []
  let roundTrips = 0
  for (let i = 0; i < commands.length; i += MAX_BATCH) {
    const chunk = commands.slice(i, i + MAX_BATCH)
    const res = await client.batch(Object.fromEntries(chunk.map((c, j) => [`w${i + j}`, c])), options)
    roundTrips++
    if (!res.ok) return err(res.error)
    chunk.forEach((_, j) => answers.push(res.value[`w${i + j}`]!))
    if (options.halt && answers.some((a) => !a.ok)) break
  }
  return ok({ answers, roundTrips })
}
