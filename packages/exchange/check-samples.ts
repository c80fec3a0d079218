// Parses every statement file in a directory and prints what the parser makes of it:
//   npm run check:samples -- <dir>
// Issues (even errors) are findings, not failures; the exit code is non-zero only when the script itself cannot do
// its job (no such directory, nothing to read, or the parser throws, which it must never do).
import { readdirSync, readFileSync, statSync } from 'node:fs'
import { join } from 'node:path'
import { parseClientBankExchange } from '@salesflow/exchange'

const dir = process.argv[2]
if (!dir) {
  console.error('usage: npm run check:samples -- <dir>')
  process.exit(2)
}
const files = readdirSync(dir)
  .filter((f) => statSync(join(dir, f)).isFile() && !f.endsWith('.md')) // SOURCES.md and the like describe the samples
  .sort()
if (files.length === 0) {
  console.error(`no statement files in ${dir}`)
  process.exit(2)
}

const tally = (values: readonly string[]) =>
  Object.entries(values.reduce<Record<string, number>>((t, v) => ({ ...t, [v]: (t[v] ?? 0) + 1 }), {}))
    .map(([k, n]) => `${k} ${n}`)
    .join(', ')

let crashed = 0
for (const file of files) {
  try {
    const s = parseClientBankExchange(readFileSync(join(dir, file)))
    const errors = s.issues.filter((i) => i.severity === 'error')
    const warnings = s.issues.length - errors.length
    console.log(
      `${file}: ${s.encoding} (declared ${s.header.declaredEncoding ?? 'nothing'}), v${s.header.version || '?'}, ` +
        `${s.documents.length} documents, ${errors.length} errors, ${warnings} warnings → ${s.outcome}`,
    )
    if (s.documents.length > 0) {
      console.log(
        `  kinds: ${tally(s.documents.map((d) => d.kind))}; directions: ${tally(s.documents.map((d) => d.direction))}`,
      )
      const refs = s.documents.flatMap((d) => d.invoiceRefs.map((r) => `${r.number}${r.date ? ` of ${r.date}` : ''}`))
      if (refs.length > 0) console.log(`  invoice references: ${refs.join('; ')}`)
    }
    const shown = [...errors, ...s.issues.filter((i) => i.severity === 'warning')].slice(0, 12)
    for (const i of shown) {
      const where = `line ${i.line}${i.document ? `, document ${i.document}` : ''}`
      console.log(`  ${i.severity} ${i.code} [${i.field ?? ''}] ${where}: ${i.message}`)
    }
    if (s.issues.length > shown.length)
      console.log(`  … ${s.issues.length - shown.length} more (${tally(s.issues.map((i) => i.code))})`)
  } catch (e) {
    crashed++
    console.log(`${file}: the parser threw: ${e instanceof Error ? (e.stack ?? e.message) : String(e)}`)
  }
}
process.exit(crashed > 0 ? 1 : 0)
