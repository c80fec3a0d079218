/** What a pull from the master-data system can fail with before anything is written to the portal. */
export type PullError =
  | { readonly code: 'MASTER_DATA_UNAVAILABLE'; readonly message: string }
  /** The answer breaks the contract: nothing of it is written. */
  | { readonly code: 'MASTER_DATA_INVALID'; readonly field: string }
  /** Rates quoted against another base than the portal's: writing them would corrupt every conversion. */
  | { readonly code: 'MASTER_DATA_BASE_MISMATCH'; readonly base: string; readonly portalBase: string | null }

export type Pulled<T> = { ok: true; value: T } | { ok: false; error: PullError }

/** A decimal string of masterdata.openapi.json (`Decimal`): no exponent, no sign but `-`. */
export const DECIMAL = /^-?\d+(\.\d+)?$/

export const invalid = (field: string) => ({
  ok: false as const,
  error: { code: 'MASTER_DATA_INVALID' as const, field },
})

/** GETs `<baseUrl><path>` and checks the answer with `read` (the contract's shape, or the first field that breaks it). */
export async function getFromMasterData<T>(
  baseUrl: string,
  path: string,
  read: (body: unknown) => Pulled<T>,
  timeoutMs = 10_000,
): Promise<Pulled<T>> {
  try {
    const res = await fetch(`${baseUrl.replace(/\/+$/, '')}${path}`, { signal: AbortSignal.timeout(timeoutMs) })
    if (!res.ok)
      return { ok: false, error: { code: 'MASTER_DATA_UNAVAILABLE', message: `GET ${path} answered ${res.status}` } }
    return read(await res.json())
  } catch (e) {
    const message = `GET ${path} failed: ${e instanceof Error ? e.message : String(e)}`
    return { ok: false, error: { code: 'MASTER_DATA_UNAVAILABLE', message } }
  }
}
