import {
  AlignmentType, Document, ExternalHyperlink, Footer, HeadingLevel, ImageRun, LevelFormat, Packer, Paragraph, PageBreak,
  PageNumber, ShadingType, Table, TableCell, TableOfContents, TableRow, TextRun, WidthType, type ParagraphChild,
} from 'docx';
import type { ReportJson } from '../build';
import { STATUS_LABELS, svDate, tableLayout, visibleSections, type Cell, type FigureBlock } from '../blocks';
import { renderCharts, type RenderedChart } from '../charts';
import { textWidth } from '../fonts';
import { SAFE_HREF, type Block, type Inline } from '../richtext';

const HEADINGS = [HeadingLevel.HEADING_1, HeadingLevel.HEADING_2, HeadingLevel.HEADING_3];
const NARRATIVE_HEADINGS = [HeadingLevel.HEADING_4, HeadingLevel.HEADING_5, HeadingLevel.HEADING_6];
const FONT = 'Calibri';

function runs(c: Inline[]): ParagraphChild[] {
  return c.map((n) => {
    const parts = n.text.split('\n');
    const mk = (style?: string) => parts.map((t, i) => new TextRun({ text: t, bold: n.bold, italics: n.italic, break: i > 0 ? 1 : undefined, style }));
    if (n.href && SAFE_HREF.test(n.href)) return new ExternalHyperlink({ link: n.href, children: mk('Hyperlink') });
    return mk();
  }).flat();
}

const TEXT_WIDTH = 9026; // A4 minus 2×2.54 cm margins, in twentieths of a point

function textCell(children: ParagraphChild[], header: boolean, right = false, width?: number): TableCell {
  return new TableCell({
    ...(width ? { width: { size: width, type: WidthType.DXA } } : {}),
    children: [new Paragraph({ children, alignment: right ? AlignmentType.RIGHT : AlignmentType.LEFT })],
    shading: header ? { type: ShadingType.CLEAR, fill: 'E8EEF5', color: 'auto' } : undefined,
    margins: { top: 40, bottom: 40, left: 80, right: 80 },
  });
}

const cellRun = (c: Cell, bold = false, size?: number) => new TextRun({ text: c.text, bold, size, highlight: c.changed ? 'yellow' : undefined });

function figureTable(b: Extract<FigureBlock, { kind: 'table' }>): (Paragraph | Table)[] {
  // Widths in twentieths of a point, measured in DejaVu Sans (wider than Calibri, so a word that fits there fits
  // in Word too); 80 + 80 of cell margin (textCell) and 40 for rounding. Sizes in half points, as Word counts.
  const layout = tableLayout(b.columns, b.rows, TEXT_WIDTH, 200, b.columns.length > 5 ? 9 : 11, 7, (t, pt, bold) => textWidth(t, pt, bold) * 20);
  const widths = layout.widths.map((w) => Math.floor(w));
  const size = Math.floor(layout.size * 2);
  const header = new TableRow({ tableHeader: true, cantSplit: true, children: b.columns.map((c, i) => textCell([new TextRun({ text: c, bold: true, size })], true, false, widths[i])) });
  const rows = b.rows.map((r) => new TableRow({ cantSplit: true, children: r.map((c, i) => textCell([cellRun(c, i === 0, size)], false, !!c.num, widths[i])) }));
  return [
    new Paragraph({ style: 'Caption', keepNext: true, children: [new TextRun({ text: b.caption })] }),
    new Table({ width: { size: TEXT_WIDTH, type: WidthType.DXA }, columnWidths: widths, rows: [header, ...rows] }),
    new Paragraph({ children: [] }),
  ];
}

function chartImage(c: RenderedChart | undefined): Paragraph[] {
  if (!c?.png) return [];
  const width = 600;
  const height = Math.round((c.height / c.width) * width);
  return [
    new Paragraph({
      keepNext: true,
      children: [new ImageRun({ type: 'png', data: c.png, transformation: { width, height }, altText: { title: c.title, description: c.alt, name: c.id } })],
    }),
    new Paragraph({ style: 'Caption', children: [new TextRun(c.title)] }),
  ];
}

let listInstance = 0;
function narrative(blocks: Block[]): (Paragraph | Table)[] {
  return blocks.flatMap((b): (Paragraph | Table)[] => {
    switch (b.t) {
      case 'p': return [new Paragraph({ children: runs(b.c) })];
      case 'h': return [new Paragraph({ heading: NARRATIVE_HEADINGS[b.level - 1], children: runs(b.c) })];
      case 'ul': case 'ol': {
        const instance = ++listInstance;
        return b.items.map((i) => new Paragraph({ children: runs(i), numbering: { reference: b.t === 'ul' ? 'bullets' : 'numbers', level: 0, instance } }));
      }
      case 'table': {
        if (!b.rows.length) return [];
        const cols = Math.max(...b.rows.map((r) => r.length));
        const rows = b.rows.map((r, i) => new TableRow({
          tableHeader: b.header && i === 0,
          children: Array.from({ length: cols }, (_, j) => textCell(runs(r[j] ?? []), b.header && i === 0)),
        }));
        return [new Table({ width: { size: 100, type: WidthType.PERCENTAGE }, rows }), new Paragraph({ children: [] })];
      }
    }
  });
}

function cover(json: ReportJson): Paragraph[] {
  const line = (text: string, size = 24, bold = false) => new Paragraph({ alignment: AlignmentType.LEFT, spacing: { after: 160 }, children: [new TextRun({ text, size, bold })] });
  return [
    new Paragraph({ spacing: { before: 2400 }, children: [] }),
    new Paragraph({ style: 'Title', children: [new TextRun(`Ledningens genomgång ${json.year}`)] }),
    line(json.org.name, 32, true),
    line('Informationssäkerhet och dataskydd'),
    line(`Uppgifter per den ${svDate(json.asOf)}`),
    line(`Status: ${STATUS_LABELS[json.status] ?? json.status}, version ${json.revision}`),
    ...(json.approval ? [line(`Godkänd av ${json.approval.by} den ${svDate(json.approval.at)}`)] : []),
    line(`Skapad ${svDate(json.generatedAt)}`, 20),
  ];
}

/** The report as a Word document: cover, TOC field, numbered Heading 1–3, tables with repeating header rows, charts, page numbers. */
export async function renderDocx(json: ReportJson): Promise<Buffer> {
  const charts = new Map(renderCharts(json, { png: true }).map((c) => [c.id, c]));
  const body: (Paragraph | Table | TableOfContents)[] = [
    new TableOfContents('Innehåll', { hyperlink: true, headingStyleRange: '1-3' }),
    new Paragraph({ children: [new PageBreak()] }),
  ];
  for (const { section, blocks } of visibleSections(json)) {
    body.push(new Paragraph({ heading: HEADINGS[section.level - 1], numbering: { reference: 'headings', level: section.level - 1 }, pageBreakBefore: section.level === 1 && body.length > 2, children: [new TextRun(section.title)] }));
    body.push(...narrative(section.narrative.content));
    for (const b of blocks) {
      if (b.kind === 'table') body.push(...figureTable(b));
      else if (b.kind === 'chart') body.push(...chartImage(charts.get(b.id)));
      else body.push(new Paragraph({ children: [new TextRun(b.text)] }));
    }
  }
  const indent = (n: number) => ({ paragraph: { indent: { left: 720 * n, hanging: 720 } } });
  const doc = new Document({
    creator: 'Tillit',
    // The docx library's default is "Un-named", English in a Swedish document's properties.
    lastModifiedBy: 'Tillit',
    title: `Ledningens genomgång ${json.year} – ${json.org.name}`,
    description: `Ledningens genomgång ${json.year}`,
    features: { updateFields: true },
    // Word (and LibreOffice) hyphenate by the text's language, sv-SE: a long compound in a narrow table column parts
    // at a syllable with a hyphen instead of wherever its letters run out.
    hyphenation: { autoHyphenation: true },
    styles: {
      default: {
        document: { run: { font: FONT, size: 22, language: { value: 'sv-SE' } } },
        title: { run: { font: FONT, size: 56, bold: true, color: '123D6B' }, paragraph: { spacing: { after: 400 } } },
        heading1: { run: { font: FONT, size: 36, bold: true, color: '123D6B' }, paragraph: { spacing: { before: 360, after: 160 }, keepNext: true } },
        heading2: { run: { font: FONT, size: 28, bold: true, color: '123D6B' }, paragraph: { spacing: { before: 280, after: 120 }, keepNext: true } },
        heading3: { run: { font: FONT, size: 24, bold: true, color: '123D6B' }, paragraph: { spacing: { before: 240, after: 120 }, keepNext: true } },
        heading4: { run: { font: FONT, size: 22, bold: true }, paragraph: { spacing: { before: 200, after: 80 }, keepNext: true } },
        heading5: { run: { font: FONT, size: 22, bold: true, italics: true }, paragraph: { keepNext: true } },
        heading6: { run: { font: FONT, size: 22, italics: true }, paragraph: { keepNext: true } },
      },
      paragraphStyles: [
        { id: 'Caption', name: 'Caption', basedOn: 'Normal', next: 'Normal', quickFormat: true, run: { size: 20, bold: true, color: '333333' }, paragraph: { spacing: { before: 120, after: 60 } } },
      ],
    },
    numbering: {
      config: [
        {
          reference: 'headings',
          levels: [
            { level: 0, format: LevelFormat.DECIMAL, text: '%1', alignment: AlignmentType.START, style: indent(1) },
            { level: 1, format: LevelFormat.DECIMAL, text: '%1.%2', alignment: AlignmentType.START, style: indent(1) },
            { level: 2, format: LevelFormat.DECIMAL, text: '%1.%2.%3', alignment: AlignmentType.START, style: indent(1) },
          ],
        },
        { reference: 'bullets', levels: [{ level: 0, format: LevelFormat.BULLET, text: '•', alignment: AlignmentType.START, style: { paragraph: { indent: { left: 720, hanging: 360 } } } }] },
        { reference: 'numbers', levels: [{ level: 0, format: LevelFormat.DECIMAL, text: '%1.', alignment: AlignmentType.START, style: { paragraph: { indent: { left: 720, hanging: 360 } } } }] },
      ],
    },
    sections: [
      { properties: {}, children: cover(json) },
      {
        properties: { page: { pageNumbers: { start: 1 } } },
        footers: {
          default: new Footer({
            children: [new Paragraph({
              alignment: AlignmentType.CENTER,
              children: [new TextRun({ children: [`Ledningens genomgång ${json.year} – ${json.org.name} – sida `, PageNumber.CURRENT], size: 18 })],
            })],
          }),
        },
        children: body,
      },
    ],
  });
  return Packer.toBuffer(doc);
}
