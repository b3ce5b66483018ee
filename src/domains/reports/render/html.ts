import { createHash } from 'node:crypto';
import type { ReportJson } from '../build';
import { STATUS_LABELS, svDate, visibleSections, type FigureBlock } from '../blocks';
import { renderCharts, type RenderedChart } from '../charts';
import { docToHtml } from '../richtext';

const esc = (s: string) => s.replace(/&/g, '&amp;').replace(/</g, '&lt;').replace(/>/g, '&gt;').replace(/"/g, '&quot;');

const CSS = `
:root { color-scheme: light; }
body { font-family: "DejaVu Sans", Verdana, sans-serif; font-size: 11pt; line-height: 1.45; color: #1a1a1a; max-width: 52rem; margin: 2rem auto; padding: 0 1rem; }
header.cover { border-bottom: 3px solid #1f5fa8; margin-bottom: 2rem; padding-bottom: 1rem; }
header.cover p { margin: .2rem 0; }
h1, h2, h3, h4 { color: #123d6b; line-height: 1.2; }
nav.toc ol { list-style: none; padding-left: 0; }
nav.toc li.l2 { padding-left: 1.5rem; } nav.toc li.l3 { padding-left: 3rem; }
nav.toc a { color: inherit; }
table { border-collapse: collapse; width: 100%; margin: 1rem 0; font-size: 10pt; }
caption { text-align: left; font-weight: bold; padding: .3rem 0; caption-side: top; }
th, td { border: 1px solid #9aa9bb; padding: .25rem .4rem; vertical-align: top; text-align: left; hyphens: auto; overflow-wrap: break-word; }
th { background: #e8eef5; }
td.num { text-align: right; font-variant-numeric: tabular-nums; }
mark { background: #fff1b8; }
figure { margin: 1rem 0; } figure img { max-width: 100%; height: auto; }
figcaption { font-size: 10pt; color: #444; }
.status { display: inline-block; padding: .1rem .5rem; border: 1px solid #1f5fa8; border-radius: .3rem; }
.changed-note { font-size: 9pt; color: #444; }
@media print {
  body { margin: 0; max-width: none; font-size: 10.5pt; }
  @page { size: A4; margin: 20mm 18mm; }
  section.l1 { break-before: page; }
  h1, h2, h3 { break-after: avoid; }
  thead { display: table-header-group; }
  tr, figure { break-inside: avoid; }
  nav.toc a { text-decoration: none; }
}`;

function table(b: Extract<FigureBlock, { kind: 'table' }>): string {
  const head = `<thead><tr>${b.columns.map((c) => `<th scope="col">${esc(c)}</th>`).join('')}</tr></thead>`;
  const body = b.rows.map((r) => `<tr>${r.map((c, i) => {
    const text = c.changed ? `<mark title="Ändrat sedan föregående godkända rapport">${esc(c.text)}</mark>` : esc(c.text);
    // A row's first cell heads it, unless empty (a goal's indicator rows leave it blank): an empty header is none.
    return i === 0 && c.text.trim() !== '' ? `<th scope="row">${text}</th>` : `<td${c.num ? ' class="num"' : ''}>${text}</td>`;
  }).join('')}</tr>`).join('');
  return `<table><caption>${esc(b.caption)}</caption>${head}<tbody>${body}</tbody></table>`;
}

function chart(c: RenderedChart | undefined): string {
  if (!c) return '';
  const src = `data:image/svg+xml;base64,${Buffer.from(c.svg).toString('base64')}`;
  return `<figure><img src="${src}" width="${c.width}" height="${c.height}" alt="${esc(c.alt)}"><figcaption>${esc(c.title)}</figcaption></figure>`;
}

/** A self-contained, accessible, printable HTML document (no external resources). */
/**
 * The policy the report's HTML is served with when opened from Tillit: its one inline style by hash (the app's own
 * policy allows inline styles by a per-request nonce only, which left an opened report unstyled), its charts as
 * data: images, nothing else: no script, no fetch, not framed.
 */
export const HTML_CSP = [
  "default-src 'none'", `style-src 'sha256-${createHash('sha256').update(CSS).digest('base64')}'`, 'img-src data:',
  "base-uri 'none'", "form-action 'none'", "frame-ancestors 'none'",
].join('; ');

export function renderHtml(json: ReportJson): string {
  const charts = new Map(renderCharts(json).map((c) => [c.id, c]));
  const sections = visibleSections(json);
  const toc = sections.map(({ section, number }) => `<li class="l${section.level}"><a href="#${esc(section.id)}">${esc(number)} ${esc(section.title)}</a></li>`).join('');
  const body = sections.map(({ section, number, blocks }) => {
    const h = section.level + 1; // h1 is the document title
    const parts = [
      `<h${h} id="${esc(section.id)}">${esc(number)} ${esc(section.title)}</h${h}>`,
      docToHtml(section.narrative, h),
      ...blocks.map((b) => (b.kind === 'table' ? table(b) : b.kind === 'chart' ? chart(charts.get(b.id)) : `<p>${esc(b.text)}</p>`)),
    ];
    return `<section class="l${section.level}" aria-labelledby="${esc(section.id)}">${parts.join('\n')}</section>`;
  }).join('\n');
  const approval = json.approval ? `<p>Godkänd av ${esc(json.approval.by)} den ${esc(svDate(json.approval.at))}</p>` : '';
  const changed = json.changes?.length ? `<p class="changed-note">Markerade värden har ändrats sedan föregående års godkända rapport.</p>` : '';
  return `<!doctype html>
<html lang="sv">
<head>
<meta charset="utf-8">
<meta name="viewport" content="width=device-width, initial-scale=1">
<title>Ledningens genomgång ${json.year} – ${esc(json.org.name)}</title>
<style>${CSS}</style>
</head>
<body>
<header class="cover">
<h1>Ledningens genomgång ${json.year}</h1>
<p><strong>${esc(json.org.name)}</strong></p>
<p>Informationssäkerhet och dataskydd – uppgifter per den ${esc(svDate(json.asOf))}</p>
<p>Status: <span class="status">${esc(STATUS_LABELS[json.status] ?? json.status)}</span>, version ${json.revision}</p>
${approval}${changed}
</header>
<nav class="toc" aria-labelledby="toc-h"><h2 id="toc-h">Innehåll</h2><ol>${toc}</ol></nav>
<main>
${body}
</main>
</body>
</html>
`;
}
