import { execFileSync } from 'node:child_process'
import { mkdtempSync, writeFileSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'

const dir = mkdtempSync(join(tmpdir(), 'salesflow-documents-'))
let counter = 0

/**
 * Writes the PDF to a temp dir and returns what poppler's pdftotext and pdfinfo read from it; `layout` keeps
 * each printed line together (a label and its amount), as the eye reads the page.
 */
export function readPdf(bytes: Uint8Array, layout = false): { file: string; text: string; pages: number } {
  const file = join(dir, `offer-${++counter}.pdf`)
  writeFileSync(file, bytes)
  const text = execFileSync('pdftotext', [...(layout ? ['-layout'] : []), '-enc', 'UTF-8', file, '-'], {
    encoding: 'utf8',
  })
  const info = execFileSync('pdfinfo', [file], { encoding: 'utf8' })
  const pages = Number(/^Pages:\s+(\d+)/m.exec(info)?.[1])
  return { file, text, pages }
}

/** Folds the spaces a renderer may use inside numbers (no-break, thin, narrow) and line breaks into plain spaces. */
export const normaliseSpaces = (s: string): string => s.replace(/[\s\u00a0\u2009\u202f]+/g, ' ')
