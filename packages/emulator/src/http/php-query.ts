/**
 * PHP's parse_str: `a[b][0]=1&a[b][]=2&c=3` → `{a:{b:['1','2']}, c:'3'}`. Bitrix24 reads form bodies and
 * batch command strings this way; objects whose keys are exactly 0..n-1 become arrays, as PHP lists do in JSON.
 */
export function parsePhpQuery(query: string): Record<string, unknown> {
  const root: Record<string, unknown> = {}
  const params = new URLSearchParams(query.startsWith('?') ? query.slice(1) : query)
  for (const [rawKey, value] of params) {
    const path = splitKey(rawKey)
    if (path.length === 0) continue
    let node: Record<string, unknown> = root
    for (let i = 0; i < path.length; i++) {
      let key = path[i] as string
      if (key === '') key = String(nextIndex(node))
      if (i === path.length - 1) {
        node[key] = value
      } else {
        const child = node[key]
        if (typeof child !== 'object' || child === null) node[key] = {}
        node = node[key] as Record<string, unknown>
      }
    }
  }
  return listify(root) as Record<string, unknown>
}

function splitKey(key: string): string[] {
  const open = key.indexOf('[')
  if (open <= 0) return key === '' ? [] : [key]
  const parts = [key.slice(0, open)]
  const re = /\[([^\]]*)\]/g
  let m: RegExpExecArray | null
  while ((m = re.exec(key.slice(open))) !== null) parts.push(m[1] ?? '')
  return parts
}

function nextIndex(node: Record<string, unknown>): number {
  let max = -1
  for (const k of Object.keys(node)) if (/^\d+$/.test(k)) max = Math.max(max, Number(k))
  return max + 1
}

/** Objects keyed 0..n-1 become arrays, recursively. */
export function listify(value: unknown): unknown {
  if (Array.isArray(value)) return value.map(listify)
  if (typeof value !== 'object' || value === null) return value
  const entries = Object.entries(value as Record<string, unknown>).map(([k, v]) => [k, listify(v)] as const)
  const isList = entries.length > 0 && entries.every(([k], i) => k === String(i))
  return isList ? entries.map(([, v]) => v) : Object.fromEntries(entries)
}

/** PHP's json_encode of an array: a list when keys are 0..n-1 (or empty: `[]`), an object otherwise. */
export function phpArray(map: Record<string, unknown>): unknown {
  const keys = Object.keys(map)
  if (keys.length === 0) return []
  return keys.every((k, i) => k === String(i)) ? keys.map((k) => map[k]) : map
}

/** The inverse of parsePhpQuery: `{data:{FIELDS:{ID:5}}}` → `data[FIELDS][ID]=5` (how the portal POSTs events). */
export function toPhpQuery(value: Record<string, unknown>): string {
  const pairs: string[] = []
  const walk = (v: unknown, key: string): void => {
    if (v === null || v === undefined) return
    if (typeof v === 'object') {
      for (const [k, child] of Object.entries(v as Record<string, unknown>)) walk(child, `${key}[${k}]`)
      return
    }
    pairs.push(`${encodeURIComponent(key)}=${encodeURIComponent(String(v))}`)
  }
  for (const [k, v] of Object.entries(value)) walk(v, k)
  return pairs.join('&')
}
