import type { Delivery, Handler } from '../queue/types'

export class MasterDataError extends Error {
  constructor(
    readonly code: 'MASTER_DATA_UNAVAILABLE' | 'MASTER_DATA_REJECTED',
    message: string,
  ) {
    super(message)
  }
}

/**
 * The `masterdata` consumer's side effect: POST the message to `<baseUrl>/deals`. 2xx (applied or a duplicate the
 * system ignored) is done; anything else throws, so the queue retries with back-off and parks it after N attempts.
 */
export function postDealsHandler(baseUrl: string, timeoutMs = 10_000): Handler {
  const url = `${baseUrl.replace(/\/+$/, '')}/deals`
  return async (d: Delivery) => {
    let res: Response
    try {
      res = await fetch(url, {
        method: 'POST',
        headers: { 'Content-Type': 'application/json', 'Idempotency-Key': d.id },
        body: JSON.stringify(d.body),
        signal: AbortSignal.timeout(timeoutMs),
      })
    } catch (e) {
      throw new MasterDataError('MASTER_DATA_UNAVAILABLE', `POST /deals failed: ${e instanceof Error ? e.message : e}`)
    }
    if (res.ok) return
    const text = (await res.text()).slice(0, 300)
    throw new MasterDataError(
      res.status >= 500 ? 'MASTER_DATA_UNAVAILABLE' : 'MASTER_DATA_REJECTED',
      `POST /deals answered ${res.status}: ${text}`,
    )
  }
}
