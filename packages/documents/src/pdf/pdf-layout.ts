import type { jsPDF } from 'jspdf'
import { err, ok, type Result } from '@salesflow/rules'
import type { DocumentError } from '../model/errors'
import type { FontSource } from '../fonts/font-source'
import type { ViewColumn, ViewRow } from '../view/describe-offer'

/** A signature line: the title on the left, the line to sign, the name on the right. */
export interface Signature {
  readonly position: string
  readonly name: string
  readonly caption: string
}

/** A4 portrait in millimetres; what the offer and the invoice share: fonts, paragraphs, the table, totals. */
export const FONT = 'DejaVuSans'
export const PAGE_W = 210
export const PAGE_H = 297
export const MARGIN = 15
/** Space kept free at the bottom for the page number. */
const FOOTER = 10
export const BOTTOM = PAGE_H - MARGIN - FOOTER + 5
export const CONTENT_W = PAGE_W - 2 * MARGIN
const MM_PER_PT = 25.4 / 72
const LINE = 1.2
const PAD = 1.2
const TABLE_PT = 7.5
const ARTICLE_PT = 6.5
export const GREY = 110

export const lineHeight = (pt: number): number => pt * MM_PER_PT * LINE

const binaryCache = new WeakMap<Uint8Array, string>()
/** jsPDF takes a TTF as a binary string; building it in chunks avoids call-stack limits on 700 kB. */
function toBinaryString(bytes: Uint8Array): string {
  const cached = binaryCache.get(bytes)
  if (cached) return cached
  let out = ''
  for (let i = 0; i < bytes.length; i += 0x8000) {
    out += String.fromCharCode(...bytes.subarray(i, i + 0x8000))
  }
  binaryCache.set(bytes, out)
  return out
}

/** A cursor over pages: everything below goes through it so page breaks happen in one place. */
export interface Cursor {
  readonly doc: jsPDF
  y: number
}

export function setFont(doc: jsPDF, pt: number, bold = false, grey = false): void {
  doc.setFont(FONT, bold ? 'bold' : 'normal')
  doc.setFontSize(pt)
  doc.setTextColor(grey ? GREY : 0)
}

export const split = (doc: jsPDF, text: string, width: number): string[] => doc.splitTextToSize(text, width) as string[]

/** Starts a new page when `height` does not fit; returns true if it did. */
export function ensure(c: Cursor, height: number): boolean {
  if (c.y + height <= BOTTOM) return false
  c.doc.addPage()
  c.y = MARGIN
  return true
}

interface TextStyle {
  readonly pt: number
  readonly bold?: boolean
  readonly grey?: boolean
  readonly align?: 'left' | 'center' | 'right'
  readonly gapAfter?: number
}

export function paragraph(c: Cursor, text: string, style: TextStyle): void {
  const { pt, bold = false, grey = false, align = 'left', gapAfter = 0.8 } = style
  setFont(c.doc, pt, bold, grey)
  const lh = lineHeight(pt)
  const x = align === 'center' ? PAGE_W / 2 : align === 'right' ? PAGE_W - MARGIN : MARGIN
  for (const line of split(c.doc, text, CONTENT_W)) {
    ensure(c, lh)
    c.doc.text(line, x, c.y, { align, baseline: 'top' })
    c.y += lh
  }
  c.y += gapAfter
}

export function party(c: Cursor, heading: string, name: string, lines: readonly string[]): void {
  paragraph(c, `${heading}: ${name}`, { pt: 9.5, bold: true, gapAfter: 0.3 })
  for (const line of lines) paragraph(c, line, { pt: 8, gapAfter: 0.2 })
  c.y += 2
}

function cellX(columns: readonly ViewColumn[], index: number): number {
  let x = MARGIN
  for (let i = 0; i < index; i++) x += columns[i]?.width ?? 0
  return x
}

function textX(column: ViewColumn, x: number): number {
  if (column.align === 'right') return x + column.width - PAD
  if (column.align === 'center') return x + column.width / 2
  return x + PAD
}

export function drawHeader(c: Cursor, columns: readonly ViewColumn[]): void {
  const { doc } = c
  setFont(doc, TABLE_PT, true)
  const lh = lineHeight(TABLE_PT)
  const wrapped = columns.map((col) => split(doc, col.title, col.width - 2 * PAD))
  const height = Math.max(...wrapped.map((w) => w.length)) * lh + 2 * PAD
  columns.forEach((col, i) => {
    const x = cellX(columns, i)
    // Text colour shares the PDF fill colour state, so set the shading again before every cell.
    doc.setFillColor(235, 238, 242)
    doc.rect(x, c.y, col.width, height, 'FD')
    setFont(doc, TABLE_PT, true)
    doc.text(wrapped[i] ?? [], textX(col, x), c.y + PAD, { align: col.align, baseline: 'top', lineHeightFactor: LINE })
  })
  c.y += height
}

interface CellLines {
  readonly main: string[]
  readonly article: string[]
}

function rowLines(doc: jsPDF, columns: readonly ViewColumn[], row: ViewRow): CellLines[] {
  return columns.map((col) => {
    setFont(doc, TABLE_PT)
    const main = split(doc, row.cells[col.key] ?? '', col.width - 2 * PAD)
    setFont(doc, ARTICLE_PT)
    const article = col.key === 'name' && row.article ? split(doc, row.article, col.width - 2 * PAD) : []
    return { main, article }
  })
}

const cellHeight = (cell: CellLines): number =>
  cell.main.length * lineHeight(TABLE_PT) + cell.article.length * lineHeight(ARTICLE_PT)

/**
 * Draws one row, moving to a new page (with the header repeated) when it does not fit. A row taller than a
 * whole page (a very long name) continues on the next page: its lines are dealt out page by page.
 */
export function drawRow(c: Cursor, columns: readonly ViewColumn[], row: ViewRow): void {
  const { doc } = c
  let cells = rowLines(doc, columns, row)
  const full = Math.max(...cells.map(cellHeight)) + 2 * PAD
  // A row that would fit on a fresh page moves there whole; a taller one starts here and is split.
  if (c.y + full > BOTTOM && full < (BOTTOM - MARGIN) * 0.8) {
    ensure(c, full)
    drawHeader(c, columns)
  }
  while (cells.some((cell) => cell.main.length + cell.article.length > 0)) {
    const room = BOTTOM - c.y - 2 * PAD
    if (room < lineHeight(TABLE_PT)) {
      doc.addPage()
      c.y = MARGIN
      drawHeader(c, columns)
      continue
    }
    // Take from each cell as many lines as fit into the room left on this page.
    const now: CellLines[] = []
    const later: CellLines[] = []
    for (const cell of cells) {
      let used = 0
      const take = (lines: string[], lh: number) => {
        let n = 0
        while (n < lines.length && used + lh <= room + 1e-6) {
          used += lh
          n++
        }
        return n
      }
      const m = take(cell.main, lineHeight(TABLE_PT))
      const a = m === cell.main.length ? take(cell.article, lineHeight(ARTICLE_PT)) : 0
      now.push({ main: cell.main.slice(0, m), article: cell.article.slice(0, a) })
      later.push({ main: cell.main.slice(m), article: cell.article.slice(a) })
    }
    const height = Math.max(...now.map(cellHeight)) + 2 * PAD
    columns.forEach((col, i) => {
      const x = cellX(columns, i)
      const cell = now[i]
      doc.rect(x, c.y, col.width, height, 'S')
      if (!cell) return
      setFont(doc, TABLE_PT)
      doc.text(cell.main, textX(col, x), c.y + PAD, { align: col.align, baseline: 'top', lineHeightFactor: LINE })
      if (cell.article.length > 0) {
        setFont(doc, ARTICLE_PT, false, true)
        const y = c.y + PAD + cell.main.length * lineHeight(TABLE_PT)
        doc.text(cell.article, textX(col, x), y, { align: col.align, baseline: 'top', lineHeightFactor: LINE })
      }
    })
    c.y += height
    cells = later
  }
}

export function drawTotals(c: Cursor, totals: readonly { readonly label: string; readonly value: string }[]): void {
  c.y += 2
  totals.forEach((line, i) => {
    const last = i === totals.length - 1
    const pt = last ? 9.5 : 8.5
    const lh = lineHeight(pt) + 0.6
    ensure(c, lh)
    setFont(c.doc, pt, last)
    c.doc.text(`${line.label}:`, PAGE_W - MARGIN - 42, c.y, { align: 'right', baseline: 'top' })
    c.doc.text(line.value, PAGE_W - MARGIN, c.y, { align: 'right', baseline: 'top' })
    c.y += lh
  })
  c.y += 2
}

export function drawSignature(c: Cursor, signature: Signature): void {
  const { doc } = c
  const block = 22
  ensure(c, block)
  c.y += 8
  setFont(doc, 9)
  const lineY = c.y + lineHeight(9)
  doc.text(signature.position, MARGIN, c.y, { baseline: 'top' })
  doc.setLineWidth(0.2)
  doc.line(MARGIN + 75, lineY, MARGIN + 120, lineY)
  doc.text(signature.name, MARGIN + 125, c.y, { baseline: 'top' })
  setFont(doc, 6.5, false, true)
  doc.text(signature.caption, MARGIN + 97.5, lineY + 0.8, { align: 'center', baseline: 'top' })
  c.y += block - 8
}

export function drawPageNumbers(doc: jsPDF, label: { readonly word: string; readonly of: string }): void {
  const pages = doc.getNumberOfPages()
  for (let p = 1; p <= pages; p++) {
    doc.setPage(p)
    setFont(doc, 7, false, true)
    doc.text(`${label.word} ${p} ${label.of} ${pages}`, PAGE_W - MARGIN, PAGE_H - MARGIN + 3, {
      align: 'right',
      baseline: 'top',
    })
  }
}

export type PdfDoc = jsPDF

/** A4 document with DejaVu Sans registered (regular and bold), or FONT_LOAD_FAILED. */
export async function newPdf(fonts: FontSource): Promise<Result<PdfDoc, DocumentError>> {
  let files
  try {
    files = await fonts.load()
  } catch (e) {
    return err({ code: 'FONT_LOAD_FAILED', font: FONT, message: e instanceof Error ? e.message : String(e) })
  }
  const { jsPDF } = await import('jspdf')
  const doc = new jsPDF({ unit: 'mm', format: 'a4', orientation: 'portrait', compress: true })
  doc.addFileToVFS(`${FONT}.ttf`, toBinaryString(files.regular))
  doc.addFont(`${FONT}.ttf`, FONT, 'normal')
  doc.addFileToVFS(`${FONT}-Bold.ttf`, toBinaryString(files.bold ?? files.regular))
  doc.addFont(`${FONT}-Bold.ttf`, FONT, 'bold')
  return ok(doc)
}

/** Runs `draw` and returns the file's bytes; jsPDF throws on things like a broken font file: that is data too. */
export function finishPdf(doc: PdfDoc, draw: () => void): Result<Uint8Array, DocumentError> {
  try {
    draw()
    return ok(new Uint8Array(doc.output('arraybuffer')))
  } catch (e) {
    return err({ code: 'RENDER_FAILED', format: 'pdf', message: e instanceof Error ? e.message : String(e) })
  }
}
