import { execFileSync } from 'node:child_process'
import { readFileSync } from 'node:fs'

/**
 * A region of a PDF's first page as an RGBA image, rasterised by poppler's pdftoppm (grey, `dpi`); the
 * region is given in millimetres from the top left corner.
 */
export function pdfRegion(file: string, mm: { x: number; y: number; w: number; h: number }, dpi = 300) {
  const px = (v: number) => String(Math.round((v / 25.4) * dpi))
  const out = `${file}-region`
  const args = ['-r', String(dpi), '-gray', '-f', '1', '-l', '1', '-singlefile']
  execFileSync('pdftoppm', [...args, '-x', px(mm.x), '-y', px(mm.y), '-W', px(mm.w), '-H', px(mm.h), file, out])
  const pgm = readFileSync(`${out}.pgm`)
  // P5 header: magic, width, height, maxval, each followed by one whitespace character.
  const header = /^P5\s+(\d+)\s+(\d+)\s+(\d+)\s/.exec(pgm.toString('latin1', 0, 64))
  if (!header) throw new Error('pdftoppm wrote no PGM')
  const width = Number(header[1])
  const height = Number(header[2])
  const grey = pgm.subarray(header[0].length)
  const data = new Uint8Array(width * height * 4)
  for (let i = 0; i < width * height; i++) data.fill(grey[i] ?? 255, i * 4, i * 4 + 3).fill(255, i * 4 + 3, i * 4 + 4)
  return { width, height, data }
}
