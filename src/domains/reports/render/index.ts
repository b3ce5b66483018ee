import type { ReportJson } from '../build';
// Renderers load on first use: docx, pdfmake, ECharts and resvg are heavy and most processes
// (server start, CLI commands) never render a document.

export const FORMATS = ['json', 'docx', 'pdf', 'html'] as const;
export type Format = (typeof FORMATS)[number];

export const CONTENT_TYPES: Record<Format, string> = {
  json: 'application/json; charset=utf-8',
  docx: 'application/vnd.openxmlformats-officedocument.wordprocessingml.document',
  pdf: 'application/pdf',
  html: 'text/html; charset=utf-8',
};

/** Every format from the one report JSON. `template` (a DOCX) replaces the built-in DOCX layout. */
export async function renderReport(json: ReportJson, format: Format, template?: Buffer): Promise<Buffer> {
  switch (format) {
    case 'json': return Buffer.from(JSON.stringify(json, null, 2) + '\n');
    case 'html': return Buffer.from((await import('./html')).renderHtml(json));
    case 'docx': return template ? (await import('./template')).renderTemplate(template, json) : (await import('./docx')).renderDocx(json);
    case 'pdf': return (await import('./pdf')).renderPdf(json);
  }
}

export function fileName(json: Pick<ReportJson, 'org' | 'year'>, format: Format): string {
  return `ledningens-genomgang-${json.org.slug}-${json.year}.${format}`;
}
