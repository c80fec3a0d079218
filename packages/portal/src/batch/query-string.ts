/**
 * PHP-style query strings for batch commands (`filter[>ID]=5&select[0]=ID`), the form the portal's
 * `parse_str` reads back. Keys and values are percent-encoded the way qs does it, so `$result[...]`
 * references survive as values and are substituted server-side after decoding.
 */
export type QueryValue = string | number | boolean | null | undefined | readonly QueryValue[] | QueryObject
export interface QueryObject {
  readonly [key: string]: QueryValue
}

function append(out: string[], key: string, value: QueryValue): void {
  if (value === undefined) return
  if (value === null) {
    out.push(`${encodeURIComponent(key)}=`)
    return
  }
  if (Array.isArray(value)) {
    value.forEach((v, i) => append(out, `${key}[${i}]`, v))
    return
  }
  if (typeof value === 'object') {
    for (const [k, v] of Object.entries(value)) append(out, `${key}[${k}]`, v)
    return
  }
  out.push(`${encodeURIComponent(key)}=${encodeURIComponent(String(value))}`)
}

/** Encodes params as `a=1&b[0]=x&c[d]=y`; undefined is skipped, null becomes an empty value. */
export function encodeQuery(params: QueryObject): string {
  const out: string[] = []
  for (const [k, v] of Object.entries(params)) append(out, k, v)
  return out.join('&')
}

/** One batch command line: `method?query`. */
export function commandLine(method: string, params: QueryObject = {}): string {
  return `${method}?${encodeQuery(params)}`
}

/**
 * A server-side reference to an earlier command's answer: `ref('deal', 'CATEGORY_ID')` is
 * `$result[deal][CATEGORY_ID]`. The portal substitutes it before the command runs.
 */
export function ref(command: string, ...path: readonly (string | number)[]): string {
  return `$result[${command}]${path.map((p) => `[${p}]`).join('')}`
}
