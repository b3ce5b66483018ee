import { createRequire } from 'node:module';
import type * as EChartsModule from 'echarts';
import type { Resvg as ResvgClass } from '@resvg/resvg-js';
import { FONT_FILES, textWidth } from './fonts';
import { chartOptions, incidentCounts, incidentStatusKeys, monthSeries, MONTHS_SV, riskMatrixCells, type ChartId } from './chart-options';

export * from './chart-options';

const require = createRequire(import.meta.url);
// ECharts takes seconds to load: it is required on first use, not when the server starts.
let echartsModule: typeof EChartsModule | undefined;
const echartsLib = () => {
  if (!echartsModule) {
    echartsModule = require('echarts') as typeof EChartsModule;
    echartsModule.setPlatformAPI({ measureText: dejaVuWidth });
  }
  return echartsModule;
};
let resvgClass: typeof ResvgClass | undefined;
const ResvgLib = () => (resvgClass ??= (require('@resvg/resvg-js') as { Resvg: typeof ResvgClass }).Resvg);
export { FONT_DIR, FONT_FILES } from './fonts';

/**
 * Text width for ECharts' layout on the server, in the DejaVu font the PNG and PDF draw with. Without it ECharts
 * estimates widths for an unknown font, too narrow for DejaVu: legend entries overlapped and pie labels were cut
 * ("Personuppgiftsincide…") though they had room.
 */
function dejaVuWidth(text: string, font?: string): { width: number } {
  const size = Number(/(\d+(?:\.\d+)?)px/.exec(font ?? '')?.[1] ?? 12);
  return { width: textWidth(text, size, /\bbold(er)?\b|\b[6-9]00\b/.test(font ?? '')) };
}

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
      return `Stapeldiagram, incidenter per status: ${incidentStatusKeys(by).map((s) => `${s} ${Number(by[s] ?? 0)}`).join(', ')}.`;
    }
    case 'incidentsByMonth': {
      const m = monthSeries(inc.byMonth, Number(json.year));
      const cur = m.current.map((c, i) => `${MONTHS_SV[i]} ${c}`).join(', ');
      const prev = m.previous ? ` ${Number(json.year) - 1}: ${m.previous.map((c, i) => `${MONTHS_SV[i]} ${c}`).join(', ')}.` : '';
      return `Diagram, incidenter per månad ${json.year}: ${cur}.${prev}`;
    }
    case 'incidentsByKind':
      return `Cirkeldiagram, incidenter per typ: ${incidentCounts('byKind', inc.byKind).map(([k, c]) => `${k} ${c}`).join(', ')}.`;
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
