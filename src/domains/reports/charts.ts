import { createRequire } from 'node:module';
import { dirname, join } from 'node:path';
import type * as EChartsModule from 'echarts';
import type { Resvg as ResvgClass } from '@resvg/resvg-js';
import { chartOptions, countEntries, INCIDENT_STATUSES, monthSeries, MONTHS_SV, riskMatrixCells, type ChartId } from './chart-options';

export * from './chart-options';

const require = createRequire(import.meta.url);
// ECharts takes seconds to load: it is required on first use, not when the server starts.
let echartsModule: typeof EChartsModule | undefined;
const echartsLib = () => (echartsModule ??= require('echarts') as typeof EChartsModule);
let resvgClass: typeof ResvgClass | undefined;
const ResvgLib = () => (resvgClass ??= (require('@resvg/resvg-js') as { Resvg: typeof ResvgClass }).Resvg);
/** DejaVu fonts from the dejavu-fonts-ttf package: used by the PNG rasteriser and the PDF. */
export const FONT_DIR = join(dirname(require.resolve('dejavu-fonts-ttf/package.json')), 'ttf');
export const FONT_FILES = {
  normal: join(FONT_DIR, 'DejaVuSans.ttf'),
  bold: join(FONT_DIR, 'DejaVuSans-Bold.ttf'),
  italics: join(FONT_DIR, 'DejaVuSans-Oblique.ttf'),
  bolditalics: join(FONT_DIR, 'DejaVuSans-BoldOblique.ttf'),
};

export interface RenderedChart { id: ChartId; title: string; alt: string; svg: string; width: number; height: number; png?: Buffer }

/** Server-side SVG through ECharts' SSR renderer. */
export function renderSvg(option: Record<string, unknown>, width: number, height: number): string {
  const chart = echartsLib().init(null, null, { renderer: 'svg', ssr: true, width, height });
  try {
    chart.setOption(option);
    return chart.renderToSVGString();
  } finally {
    chart.dispose();
  }
}

/** PNG at 2× for crisp print, with the DejaVu font file (no system font lookup). */
export function svgToPng(svg: string, width: number): Buffer {
  const r = new (ResvgLib())(svg, {
    fitTo: { mode: 'width', value: width * 2 },
    font: { fontFiles: Object.values(FONT_FILES), loadSystemFonts: false, defaultFontFamily: 'DejaVu Sans' },
    background: '#ffffff',
  });
  return Buffer.from(r.render().asPng());
}

type Rec = Record<string, unknown>;

/** A text alternative carrying the chart's figures, for screen readers and the HTML's alt/aria-label. */
export function chartAlt(id: ChartId, json: Rec): string {
  const inc = (json.incidents ?? {}) as Rec;
  switch (id) {
    case 'incidentsByStatus': {
      const by = (inc.byStatus ?? {}) as Rec;
      return `Stapeldiagram, incidenter per status: ${INCIDENT_STATUSES.map((s) => `${s} ${Number(by[s] ?? 0)}`).join(', ')}.`;
    }
    case 'incidentsByMonth': {
      const m = monthSeries(inc.byMonth, Number(json.year));
      const cur = m.current.map((c, i) => `${MONTHS_SV[i]} ${c}`).join(', ');
      const prev = m.previous ? ` Föregående år: ${m.previous.map((c, i) => `${MONTHS_SV[i]} ${c}`).join(', ')}.` : '';
      return `Diagram, incidenter per månad ${json.year}: ${cur}.${prev}`;
    }
    case 'incidentsByKind':
      return `Cirkeldiagram, incidenter per typ: ${countEntries(inc.byKind).map(([k, c]) => `${k} ${c}`).join(', ')}.`;
    case 'riskMatrix': {
      const { cells, labels } = riskMatrixCells((json.risks ?? {}) as Rec);
      const filled = cells.filter(([, , c]) => c > 0).map(([k, s, c]) => `${labels.sannolikhet[s]} och ${labels.konsekvens[k]} (riskvärde ${(k + 1) * (s + 1)}): ${c}`);
      return `Riskmatris med ${labels.sannolikhet.length}×${labels.konsekvens.length} rutor. ${filled.length ? filled.join('; ') : 'Inga händelser'}.`;
    }
  }
}

/** Every chart the report JSON has figures for, as SVG (and PNG when asked). */
export function renderCharts(json: Rec, opts: { png?: boolean } = {}): RenderedChart[] {
  return chartOptions(json).map((c) => {
    const svg = renderSvg(c.option, c.width, c.height);
    return { id: c.id, title: c.title, alt: chartAlt(c.id, json), svg, width: c.width, height: c.height, ...(opts.png ? { png: svgToPng(svg, c.width) } : {}) };
  });
}
