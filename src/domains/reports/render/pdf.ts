import { createRequire } from 'node:module';
import type { Content, TDocumentDefinitions } from 'pdfmake/interfaces';
import type { ReportJson } from '../build';
import { STATUS_LABELS, svDate, tableLayout, visibleSections, wrappedLines, type FigureBlock } from '../blocks';
import { renderCharts, type RenderedChart } from '../charts';
import { FONT_DIR, FONT_FILES, textWidth } from '../fonts';
import { hyphenateToFit } from './hyphenate';
import { SAFE_HREF, type Block, type Inline } from '../richtext';

// A4 in points, and the page margins (left, top, right, bottom): the text's width and the room a table has on a page.
const MARGINS: [number, number, number, number] = [56, 56, 56, 60];
const TEXT_WIDTH = 595 - MARGINS[0] - MARGINS[2];
const PAGE_BODY = 842 - MARGINS[1] - MARGINS[3];

type PdfMake = {
  setFonts(f: unknown): void;
  setUrlAccessPolicy(cb: (url: string) => boolean): void;
  setLocalAccessPolicy(cb: (path: string) => boolean): void;
  createPdf(def: TDocumentDefinitions): { getBuffer(): Promise<Buffer> };
};
const require = createRequire(import.meta.url);
let pdfmake: PdfMake | undefined;
function engine(): PdfMake {
  if (!pdfmake) {
    pdfmake = require('pdfmake') as PdfMake;
    pdfmake.setFonts({ DejaVuSans: FONT_FILES });
    // No network, and only the font directory on disk.
    pdfmake.setUrlAccessPolicy(() => false);
    pdfmake.setLocalAccessPolicy((p) => p.startsWith(FONT_DIR));
  }
  return pdfmake;
}

const inl = (c: Inline[]): Content[] => c.map((n) => ({
  text: n.text, bold: n.bold, italics: n.italic,
  ...(n.href && SAFE_HREF.test(n.href) ? { link: n.href, color: '#1f5fa8', decoration: 'underline' as const } : {}),
}));

function narrative(blocks: Block[]): Content[] {
  return blocks.map((b): Content => {
    switch (b.t) {
      case 'p': return { text: inl(b.c), margin: [0, 0, 0, 6] };
      case 'h': return { text: inl(b.c), style: `nh${b.level}` };
      case 'ul': return { ul: b.items.map((i) => ({ text: inl(i) })), margin: [0, 0, 0, 6] };
      case 'ol': return { ol: b.items.map((i) => ({ text: inl(i) })), margin: [0, 0, 0, 6] };
      case 'table': {
        const cols = Math.max(1, ...b.rows.map((r) => r.length));
        return {
          table: { headerRows: b.header ? 1 : 0, widths: Array(cols).fill('*'), body: b.rows.map((r, i) => Array.from({ length: cols }, (_, j) => ({ text: inl(r[j] ?? []), style: b.header && i === 0 ? 'th' : undefined }))) },
          layout: 'report', margin: [0, 0, 0, 8],
        };
      }
    }
  });
}

const lineCount = (text: string, width: number, size: number, bold: boolean) => wrappedLines(text, width, size, bold, textWidth);

/**
 * A table's height in points, estimated from its wrapped lines (DejaVu's line box is about 1.17 of the font size,
 * times the 1.2 line height, plus 2 + 2 points of padding a row), on the generous side.
 */
function tableHeight(b: Extract<FigureBlock, { kind: 'table' }>, widths: number[], size: number): number {
  const line = size * 1.17 * 1.2;
  const row = (texts: string[], bold: (i: number) => boolean, s = size) => 4.5 + s * 1.17 * 1.2 * Math.max(1, ...texts.map((t, i) => lineCount(t, widths[i], s, bold(i))));
  const caption = 6 + 3 + 4.5 + 9 * 1.17 * 1.2 * lineCount(b.caption, widths.reduce((a, w) => a + w + 8, -8), 9, true);
  return caption + row(b.columns, () => true) + b.rows.reduce((h, r) => h + row(r.map((c) => c.text), (i) => i === 0), 0) + line;
}

function table(given: Extract<FigureBlock, { kind: 'table' }>): Content[] {
  const n = given.columns.length;
  // Cell padding 4 + 4 points ('report' layout below), 1.5 more for rounding and kerning (a word given exactly
  // its width broke before its last letter), and a 0.5-point rule between columns.
  const layout = tableLayout(given.columns, given.rows, TEXT_WIDTH - n - 1, 9.5, n > 5 ? 8 : 9.5, 6.5, textWidth);
  const widths = layout.widths.map((w) => Math.floor(w - 8));
  const fontSize = layout.size;
  // A word wider than its column (a seven-column table of Swedish compounds) is hyphenated to fit rather than broken
  // wherever its letters run out. A word the layout gave its width (with the slack above) stays whole.
  const fit = (text: string, i: number, bold: boolean) => hyphenateToFit(text, widths[i] - 0.5, fontSize, bold, textWidth);
  const b = { ...given, columns: given.columns.map((c, i) => fit(c, i, true)), rows: given.rows.map((r) => r.map((c, i) => ({ ...c, text: fit(c.text, i, i === 0) }))) };
  // pdfmake draws a block kept together (the header with the rows kept with it) on one page only: what does not fit
  // that page is dropped without a word (a VoR follow-up table of nine rows vanished from the PDF). A table moves
  // whole only when it fits a page, with a quarter's margin for the estimate.
  const whole = b.rows.length <= 12 && tableHeight(b, widths, fontSize) * 1.25 <= PAGE_BODY;
  // The caption is the first header row (spanning all columns): it repeats with the column headers on every
  // page the table breaks onto, and can never be left alone at the bottom of a page.
  const caption = [{ text: b.caption, colSpan: n, style: 'caption', border: [false, false, false, false] }, ...Array(n - 1).fill({})];
  return [{
    table: {
      // A table of up to 12 rows that fits a page moves whole to the next page rather than leave its header and a row behind.
      headerRows: 2, keepWithHeaderRows: whole ? b.rows.length : Math.min(2, b.rows.length), dontBreakRows: true, widths,
      body: [
        caption,
        b.columns.map((c) => ({ text: c, style: 'th' })),
        ...b.rows.map((r) => r.map((c, i) => ({ text: c.text, bold: i === 0, alignment: c.num ? 'right' as const : 'left' as const, ...(c.changed ? { background: '#fff1b8' } : {}) }))),
      ],
    },
    layout: 'report', margin: [0, 4, 0, 10], fontSize,
  } as Content];
}

function chart(c: RenderedChart | undefined): Content[] {
  if (!c) return [];
  return [{ svg: c.svg, width: 480, margin: [0, 4, 0, 2] } as Content, { text: c.title, style: 'caption', margin: [0, 0, 0, 10] }];
}

/** What pdfmake tells pageBreakBefore of a node: a heading's level, its style, a page break before it, where it starts. */
export interface PageNode { headlineLevel?: number; style?: string; pageBreak?: string; startPosition: { verticalRatio: number } }

/**
 * Whether a heading moves to the next page, with what it heads (pdfmake's pageBreakBefore): when nothing but headings
 * follows it on its page, or it starts in the page's last seventh (room for a line or two of its text). The page's
 * footer is among the nodes on it and does not count. A heading whose section ends on its page (the next page starts
 * a chapter) stays. Tables keep their caption and header rows with their first rows themselves (table()).
 */
export function headingToNextPage(node: PageNode, nodes: { getFollowingNodesOnPage(): PageNode[]; getNodesOnNextPage(): PageNode[] }): boolean {
  if (!node.headlineLevel) return false;
  const alone = nodes.getFollowingNodesOnPage().every((n) => n.headlineLevel || n.style === 'footer');
  if (!alone && node.startPosition.verticalRatio < 6 / 7) return false;
  return nodes.getNodesOnNextPage().find((n) => n.style !== 'footer')?.pageBreak !== 'before';
}

/** The report as PDF: DejaVu embedded, bookmarks from the headings, tables repeating their header row. */
export async function renderPdf(json: ReportJson): Promise<Buffer> {
  const charts = new Map(renderCharts(json).map((c) => [c.id, c]));
  const sections = visibleSections(json);
  const content: Content[] = [
    { text: `Ledningens genomgång ${json.year}`, style: 'title', margin: [0, 160, 0, 20] },
    { text: json.org.name, fontSize: 18, bold: true, margin: [0, 0, 0, 12] },
    { text: 'Informationssäkerhet och dataskydd', margin: [0, 0, 0, 6] },
    { text: `Uppgifter per den ${svDate(json.asOf)}`, margin: [0, 0, 0, 6] },
    { text: `Status: ${STATUS_LABELS[json.status] ?? json.status}, version ${json.revision}`, margin: [0, 0, 0, 6] },
    ...(json.approval ? [{ text: `Godkänd av ${json.approval.by} den ${svDate(json.approval.at)}`, margin: [0, 0, 0, 6] } as Content] : []),
    { toc: { title: { text: 'Innehåll', style: 'h1' } }, pageBreak: 'before' } as Content,
  ];
  const parents: string[] = [];
  for (const { section, number, blocks } of sections) {
    const id = `sec-${section.id}`;
    parents[section.level - 1] = id;
    const heading = `${number} ${section.title}`;
    content.push({
      text: heading, id, style: `h${section.level}`, tocItem: true, tocMargin: [(section.level - 1) * 14, 0, 0, 2],
      outline: true, outlineText: heading, ...(section.level > 1 ? { outlineParentId: parents[section.level - 2] } : {}),
      ...(section.level === 1 ? { pageBreak: 'before' } : { headlineLevel: section.level }),
    } as Content);
    content.push(...narrative(section.narrative.content));
    for (const b of blocks) content.push(...(b.kind === 'table' ? table(b) : b.kind === 'chart' ? chart(charts.get(b.id)) : [{ text: b.text }]));
  }
  const def: TDocumentDefinitions = {
    pageSize: 'A4',
    pageMargins: MARGINS,
    info: { title: `Ledningens genomgång ${json.year} – ${json.org.name}`, author: json.org.name, creator: 'Tillit', subject: 'Ledningens genomgång' },
    language: 'sv-SE',
    defaultStyle: { font: 'DejaVuSans', fontSize: 10, lineHeight: 1.2 },
    styles: {
      title: { fontSize: 26, bold: true, color: '#123d6b' },
      h1: { fontSize: 16, bold: true, color: '#123d6b', margin: [0, 0, 0, 8] },
      h2: { fontSize: 13, bold: true, color: '#123d6b', margin: [0, 10, 0, 6] },
      h3: { fontSize: 11, bold: true, color: '#123d6b', margin: [0, 8, 0, 4] },
      nh1: { fontSize: 10.5, bold: true, margin: [0, 6, 0, 3] },
      nh2: { fontSize: 10, bold: true, italics: true, margin: [0, 6, 0, 3] },
      nh3: { fontSize: 10, italics: true, margin: [0, 4, 0, 2] },
      caption: { fontSize: 9, bold: true, color: '#333333', margin: [0, 6, 0, 3] },
      th: { bold: true, fillColor: '#e8eef5' },
    },
    pageBreakBefore: headingToNextPage,
    footer: (page: number, pages: number) => (page === 1 ? '' : { text: `Ledningens genomgång ${json.year} – ${json.org.name} – sida ${page} av ${pages}`, style: 'footer', alignment: 'center', fontSize: 8, margin: [0, 20, 0, 0] }),
    content,
  } as unknown as TDocumentDefinitions;
  const pm = engine();
  (pm as unknown as { addTableLayouts(l: unknown): void }).addTableLayouts?.({
    report: { hLineWidth: (i: number) => (i === 0 ? 0 : 0.5), vLineWidth: () => 0.5, hLineColor: () => '#9aa9bb', vLineColor: () => '#9aa9bb', paddingLeft: () => 4, paddingRight: () => 4, paddingTop: () => 2, paddingBottom: () => 2 },
  });
  return pm.createPdf(def).getBuffer();
}
