import type { Paragraph as ParagraphType, TableCell as TableCellType } from 'docx'
import { err, ok, type Result } from '@salesflow/rules'
import type { DocumentError } from '../model/errors'
import type { CommercialOffer, Lang } from '../model/offer'
import { describeOffer, type OfferView, type ViewColumn, type ViewRow } from '../view/describe-offer'

export interface RenderDocxOptions {
  readonly lang: Lang
}

/** Twentieths of a point per millimetre: Word measures pages and columns in twips. */
const TWIPS_PER_MM = 1440 / 25.4
const mm = (v: number): number => Math.round(v * TWIPS_PER_MM)
/** Half-points, as Word sizes fonts. */
const pt = (v: number): number => Math.round(v * 2)
const FONT = 'Arial'
const HEADER_FILL = 'EBEEF2'
const GREY = '6E6E6E'

export type Docx = typeof import('docx')

/** The pieces both documents are made of: styled paragraphs, the parties, the rows table, totals, signatures. */
export function docxKit(d: Docx) {
  const {
    AlignmentType,
    BorderStyle,
    Footer,
    PageNumber,
    Paragraph,
    ShadingType,
    Tab,
    TabStopType,
    Table,
    TableCell,
    TableRow,
    TextRun,
    WidthType,
  } = d
  const align = { left: AlignmentType.LEFT, center: AlignmentType.CENTER, right: AlignmentType.RIGHT } as const
  const p = (text: string, style?: string, runs: { bold?: boolean } = {}): ParagraphType =>
    new Paragraph({ ...(style ? { style } : {}), children: [new TextRun({ text, ...runs })] })
  const party = (heading: string, name: string, lines: readonly string[]) => [
    new Paragraph({ style: 'Party', children: [new TextRun({ text: `${heading}: ${name}`, bold: true })] }),
    ...lines.map((line) => p(line, 'Requisites')),
  ]
  const border = { style: BorderStyle.SINGLE, size: 4, color: 'A0A0A0' }
  const borders = { top: border, bottom: border, left: border, right: border }
  const cell = (children: ParagraphType[], width: number, header = false): TableCellType =>
    new TableCell({
      children,
      width: { size: mm(width), type: WidthType.DXA },
      borders,
      margins: { top: mm(0.8), bottom: mm(0.8), left: mm(1.2), right: mm(1.2) },
      ...(header ? { shading: { fill: HEADER_FILL, type: ShadingType.CLEAR, color: 'auto' } } : {}),
    })

  const table = (columns: readonly ViewColumn[], rows: readonly ViewRow[]) => {
    const headerRow = new TableRow({
      tableHeader: true,
      cantSplit: true,
      children: columns.map((col) =>
        cell(
          [
            new Paragraph({
              style: 'TableText',
              alignment: align[col.align],
              children: [new TextRun({ text: col.title, bold: true })],
            }),
          ],
          col.width,
          true,
        ),
      ),
    })
    const bodyRows = rows.map(
      (row) =>
        new TableRow({
          children: columns.map((col) => {
            const paragraphs = [
              new Paragraph({
                style: 'TableText',
                alignment: align[col.align],
                children: [new TextRun(row.cells[col.key] ?? '')],
              }),
            ]
            if (col.key === 'name' && row.article) paragraphs.push(p(row.article, 'Article'))
            return cell(paragraphs, col.width)
          }),
        }),
    )
    return new Table({
      width: { size: mm(180), type: WidthType.DXA },
      columnWidths: columns.map((col) => mm(col.width)),
      rows: [headerRow, ...bodyRows],
    })
  }
  const totals = (lines: readonly { readonly label: string; readonly value: string }[]) =>
    lines.map(
      (line, i) =>
        new Paragraph({
          style: 'Totals',
          children: [new TextRun({ text: `${line.label}: ${line.value}`, bold: i === lines.length - 1 })],
        }),
    )
  const tabStops = [
    { type: TabStopType.LEFT, position: mm(75) },
    { type: TabStopType.LEFT, position: mm(125) },
  ]
  const signature = (sig: { readonly position: string; readonly name: string; readonly caption: string }) => [
    new Paragraph({
      style: 'Signature',
      tabStops,
      children: [
        new TextRun(sig.position),
        new TextRun({ children: [new Tab(), '______________________', new Tab()] }),
        new TextRun(sig.name),
      ],
    }),
    new Paragraph({
      style: 'Note',
      tabStops,
      children: [new TextRun({ children: [new Tab(), `(${sig.caption})`] })],
    }),
  ]
  const footer = (page: { readonly word: string; readonly of: string }) =>
    new Footer({
      children: [
        new Paragraph({
          alignment: AlignmentType.RIGHT,
          children: [
            new TextRun({
              children: [`${page.word} `, PageNumber.CURRENT, ` ${page.of} `, PageNumber.TOTAL_PAGES],
              size: pt(7),
              color: GREY,
            }),
          ],
        }),
      ],
    })

  const styles = {
    default: { document: { run: { font: FONT, size: pt(9) } } },
    paragraphStyles: [
      {
        id: 'OfferTitle',
        name: 'Offer title',
        basedOn: 'Normal',
        run: { bold: true, size: pt(14) },
        paragraph: { alignment: AlignmentType.CENTER, spacing: { before: 160, after: 60 } },
      },
      {
        id: 'Validity',
        name: 'Offer validity',
        basedOn: 'Normal',
        paragraph: { alignment: AlignmentType.CENTER, spacing: { after: 200 } },
      },
      {
        id: 'Party',
        name: 'Offer party',
        basedOn: 'Normal',
        run: { size: pt(9.5) },
        paragraph: { spacing: { before: 60, after: 20 } },
      },
      {
        id: 'Requisites',
        name: 'Offer requisites',
        basedOn: 'Normal',
        run: { size: pt(8) },
        paragraph: { spacing: { after: 0 } },
      },
      { id: 'TableText', name: 'Offer table text', basedOn: 'Normal', run: { size: pt(7.5) } },
      { id: 'Article', name: 'Offer article', basedOn: 'Normal', run: { size: pt(6.5), color: GREY } },
      {
        id: 'Totals',
        name: 'Offer totals',
        basedOn: 'Normal',
        run: { size: pt(9) },
        paragraph: { alignment: AlignmentType.RIGHT, spacing: { after: 20 } },
      },
      {
        id: 'Words',
        name: 'Offer total in words',
        basedOn: 'Normal',
        run: { bold: true },
        paragraph: { spacing: { before: 120, after: 120 } },
      },
      { id: 'Note', name: 'Offer note', basedOn: 'Normal', run: { size: pt(7.5), color: GREY } },
      {
        id: 'Terms',
        name: 'Offer terms',
        basedOn: 'Normal',
        run: { size: pt(8.5) },
        paragraph: { spacing: { after: 40 } },
      },
      { id: 'Signature', name: 'Offer signature', basedOn: 'Normal', paragraph: { spacing: { before: 360 } } },
    ],
  }
  const page = {
    size: { width: mm(210), height: mm(297) },
    margin: { top: mm(15), bottom: mm(15), left: mm(15), right: mm(15), footer: mm(6) },
  }
  return { p, party, table, totals, signature, footer, styles, page }
}

function build(d: Docx, view: OfferView) {
  const { Paragraph, TextRun } = d
  const { p, party, table, totals, signature, footer, styles, page } = docxKit(d)
  return new d.Document({
    creator: 'salesflow',
    title: view.title,
    subject: view.deal,
    styles,
    sections: [
      {
        properties: { page },
        footers: { default: footer(view.page) },
        children: [
          ...party(view.seller.heading, view.seller.name, view.seller.lines),
          p(view.title, 'OfferTitle'),
          p(view.validity, 'Validity'),
          ...party(view.client.heading, view.client.name, view.client.lines),
          p(view.deal, 'Party'),
          table(view.columns, view.rows),
          ...totals(view.totals),
          p(view.words, 'Words'),
          ...view.notes.map((note) => p(note, 'Note')),
          ...view.terms.map(
            (term) =>
              new Paragraph({
                style: 'Terms',
                children: [new TextRun({ text: `${term.label}: `, bold: true }), new TextRun(term.text)],
              }),
          ),
          p(`${view.manager.heading}: ${view.manager.lines.join('; ')}`, 'Terms'),
          ...signature(view.signature),
        ],
      },
    ],
  })
}

/**
 * The same offer as an editable Word document: a real table with a repeating header row and named styles
 * the manager can restyle. docx is imported on the first export only. Returns the .docx bytes.
 */
export async function renderOfferDocx(
  offer: CommercialOffer,
  options: RenderDocxOptions,
): Promise<Result<Uint8Array, DocumentError>> {
  const view = describeOffer(offer, options.lang)
  if (!view.ok) return view
  const d = await import('docx')
  try {
    const buffer = await d.Packer.toArrayBuffer(build(d, view.value))
    return ok(new Uint8Array(buffer))
  } catch (e) {
    return err({ code: 'RENDER_FAILED', format: 'docx', message: e instanceof Error ? e.message : String(e) })
  }
}
