/**
 * Parses a PHP `http_build_query` body (how Bitrix24 posts events): `data[FIELDS][ID]=759&auth[member_id]=…`
 * becomes `{data: {FIELDS: {ID: '759'}}, auth: {member_id: '…'}}`. Values stay strings; `a[]=x` appends.
 */
export function parsePhpForm(body: string): Record<string, unknown> {
  const out: Record<string, unknown> = {}
  for (const [rawKey, value] of new URLSearchParams(body)) {
    const m = /^([^[\]]+)((?:\[[^\]]*\])*)$/.exec(rawKey)
    const path = m ? [m[1]!, ...[...m[2]!.matchAll(/\[([^\]]*)\]/g)].map((x) => x[1]!)] : [rawKey]
    let node: Record<string, unknown> = out
    path.forEach((key, i) => {
      const last = i === path.length - 1
      const k = key === '' ? String(Object.keys(node).length) : key
      if (k === '__proto__' || k === 'constructor' || k === 'prototype') return
      if (last) node[k] = value
      else {
        const next = node[k]
        node = typeof next === 'object' && next !== null ? (next as Record<string, unknown>) : (node[k] = {})
      }
    })
  }
  return out
}
