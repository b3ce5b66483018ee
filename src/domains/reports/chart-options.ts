/**
 * ECharts option builders for the report's charts. Pure functions of the report JSON figures, with no
 * server imports: the web UI imports this file to draw the very same charts the documents embed.
 */

import { INCIDENT_KINDS } from '../incidents/model';

export const INCIDENT_STATUSES = ['Rapporterad', 'Under registrering', 'Under utredning', 'Under åtgärd', 'Klar', 'Förfallen'] as const;
export const MONTHS_SV = ['jan', 'feb', 'mar', 'apr', 'maj', 'jun', 'jul', 'aug', 'sep', 'okt', 'nov', 'dec'];
export const SANNOLIKHET = ['Osannolik', 'Mindre sannolik', 'Möjlig', 'Sannolik'];
export const KONSEKVENS = ['Försumbar', 'Lindrig', 'Kännbar', 'Allvarlig'];

export type ChartId = 'incidentsByStatus' | 'incidentsByMonth' | 'incidentsByKind' | 'riskMatrix';
export const CHART_IDS: ChartId[] = ['incidentsByStatus', 'incidentsByMonth', 'incidentsByKind', 'riskMatrix'];

/** Titles of the charts; the month chart's names its years (monthsTitle). */
export const CHART_TITLES: Record<Exclude<ChartId, 'incidentsByMonth'>, string> = {
  incidentsByStatus: 'Incidenter per status',
  incidentsByKind: 'Incidenter per typ',
  riskMatrix: 'Riskmatris: antal oönskade händelser per sannolikhet och konsekvens',
};

const FONT = 'DejaVu Sans';
const COLORS = ['#1f5fa8', '#9aa9bb', '#d9822b', '#3f8f4f', '#b23b3b', '#6d4c9f'];
const base = { animation: false, textStyle: { fontFamily: FONT, fontSize: 12 }, color: COLORS, backgroundColor: '#ffffff' };

/**
 * Labels on the white background need no white halo, and the PDF cannot draw one: its SVG reader ignores
 * paint-order and drew the halo over the letters, so the labels were invisible in the PDF.
 */
const NO_HALO = { textBorderColor: 'transparent', textBorderWidth: 0 };

type Rec = Record<string, unknown>;
const n = (v: unknown) => (typeof v === 'number' && Number.isFinite(v) ? v : 0);
const isRec = (v: unknown): v is Rec => !!v && typeof v === 'object' && !Array.isArray(v);

/** Counts per key, from {key: n} or [{key|name|label, count}] shapes. */
export function countEntries(v: unknown): [string, number][] {
  if (Array.isArray(v)) return v.filter(isRec).map((r) => [String(r.key ?? r.name ?? r.label ?? r.kind ?? r.category ?? ''), n(r.count ?? r.total ?? r.value)]);
  if (isRec(v)) return Object.entries(v).map(([k, x]) => [k, isRec(x) ? n(x.count ?? x.total) : n(x)]);
  return [];
}

/**
 * This year's count and the year before's per key, year on year: this year's keys in their order, then the keys
 * counted only the year before (a key with 0 both years is left out unless this year lists it). The report's
 * tables and the statistics page show the same rows.
 */
export function yearOnYear(now: [string, number][], before: [string, number][]): [string, number, number][] {
  const count = (list: [string, number][], k: string) => list.find(([x]) => x === k)?.[1] ?? 0;
  const keys = [...new Set([...now.map(([k]) => k), ...before.filter(([, c]) => c > 0).map(([k]) => k)])];
  return keys.map((k) => [k, count(now, k), count(before, k)]);
}

/** A name's place in `order` (its index), every name not in it after them all: the sort key of a set order. */
export const rankIn = (order: readonly string[]) => (k: string): number => {
  const i = order.indexOf(k);
  return i < 0 ? order.length : i;
};

/**
 * Rows of counts per name ([name, this year, the year before]) in a set order: the names of `first` in its order,
 * then the rest by this year's count, most first; those with none this year by the year before's count; ties by
 * name in Swedish order. Never the order of the JSON's keys: an approved version's JSON is read back from jsonb,
 * which keeps no key order (shorter keys first), and its HTML put "Arbetsmiljö 0" first where the frozen DOCX and
 * PDF had the register's order.
 */
export function inCountOrder<T extends [string, number, ...number[]]>(rows: T[], first: readonly string[] = []): T[] {
  const rank = rankIn(first);
  const before = (r: T) => (r.length > 2 ? (r[2] as number) : 0);
  return [...rows].sort((a, b) => rank(a[0]) - rank(b[0]) || b[1] - a[1] || (a[1] === 0 && b[1] === 0 ? before(b) - before(a) : 0) || a[0].localeCompare(b[0], 'sv'));
}

/**
 * The incidents per kind or category, year on year, in the one order every format of the report, its charts and
 * the statistics page show: kinds in the register's own order (INCIDENT_KINDS, as DOMAIN.md and seed 000 name
 * them: informationssäkerhet, IT-säkerhet, personuppgiftsincident, arbetsmiljö), then any other kind; categories by
 * count, the commonest first (as seed 002 tells them), then those only the year before had. The same order as
 * the incidents provider writes them (stats.ts), so an approved version's stored DOCX and PDF read as before.
 */
export function incidentCounts(key: 'byKind' | 'byCategory', now: unknown, before?: unknown): [string, number, number][] {
  return inCountOrder(yearOnYear(countEntries(now), countEntries(before)), key === 'byKind' ? INCIDENT_KINDS : []);
}

/** The statuses of a count per status in their order: the IA system's (INCIDENT_STATUSES), then any other by name. */
export function incidentStatusKeys(byStatus: unknown): string[] {
  const other = isRec(byStatus) ? Object.keys(byStatus).filter((k) => !(INCIDENT_STATUSES as readonly string[]).includes(k)) : [];
  return [...INCIDENT_STATUSES, ...other.sort((a, b) => a.localeCompare(b, 'sv'))];
}

/** Twelve monthly counts for this and last year from the shapes a provider may use. */
export function monthSeries(v: unknown, year?: number): { current: number[]; previous: number[] | null } {
  const current = new Array<number>(12).fill(0);
  let previous: number[] | null = null;
  const monthOf = (m: unknown): number => {
    if (typeof m === 'number') return m - 1;
    const s = String(m);
    const mm = /^(\d{4})-(\d{2})/.exec(s);
    return mm ? Number(mm[2]) - 1 : Number(s) - 1;
  };
  if (isRec(v) && (Array.isArray(v.current) || Array.isArray(v.previous))) {
    (v.current as unknown[] | undefined)?.slice(0, 12).forEach((x, i) => (current[i] = n(x)));
    if (Array.isArray(v.previous)) previous = new Array<number>(12).fill(0).map((_, i) => n((v.previous as unknown[])[i]));
    return { current, previous };
  }
  if (Array.isArray(v)) {
    for (const r of v.filter(isRec)) {
      const i = monthOf(r.month ?? r.m);
      if (i < 0 || i > 11) continue;
      const prevVal = r.previousYear ?? r.previous ?? r.lastYear;
      const y = typeof r.month === 'string' ? Number(String(r.month).slice(0, 4)) : undefined;
      if (year && y && y === year - 1 && prevVal === undefined) {
        previous ??= new Array<number>(12).fill(0);
        previous[i] += n(r.count ?? r.total ?? r.value);
        continue;
      }
      current[i] += n(r.count ?? r.total ?? r.current ?? r.value);
      if (prevVal !== undefined) {
        previous ??= new Array<number>(12).fill(0);
        previous[i] += n(prevVal);
      }
    }
    return { current, previous };
  }
  if (isRec(v)) {
    for (const [k, x] of Object.entries(v)) {
      const i = monthOf(/^\d{4}-\d{2}/.test(k) ? k : Number(k));
      if (i < 0 || i > 11) continue;
      const y = /^\d{4}/.test(k) ? Number(k.slice(0, 4)) : undefined;
      if (isRec(x)) {
        current[i] += n(x.count ?? x.current ?? x.total);
        if (x.previousYear !== undefined || x.previous !== undefined) {
          previous ??= new Array<number>(12).fill(0);
          previous[i] += n(x.previousYear ?? x.previous);
        }
      } else if (year && y === year - 1) {
        previous ??= new Array<number>(12).fill(0);
        previous[i] += n(x);
      } else current[i] += n(x);
    }
  }
  return { current, previous };
}

export function incidentsByStatusOption(incidents: Rec) {
  const by = isRec(incidents.byStatus) ? incidents.byStatus : {};
  const labels = incidentStatusKeys(by);
  return {
    ...base,
    grid: { left: 48, right: 16, top: 24, bottom: 56 },
    xAxis: { type: 'category', data: labels, axisLabel: { interval: 0, rotate: 20 } },
    yAxis: { type: 'value', minInterval: 1 },
    series: [{ type: 'bar', name: 'Antal', data: labels.map((l) => n(by[l])), label: { show: true, position: 'top', ...NO_HALO } }],
  };
}

/**
 * A kind's colour, the same in every year's chart and in the web's and the documents': the palette in the order of
 * INCIDENT_KINDS, so that Personuppgiftsincident is not blue one year and orange the next. Others follow.
 */
export function kindColor(kind: string, others: string[] = []): string {
  const at = (INCIDENT_KINDS as readonly string[]).indexOf(kind);
  const i = at >= 0 ? at : INCIDENT_KINDS.length + Math.max(0, others.indexOf(kind));
  return COLORS[i % COLORS.length];
}

export function incidentsByKindOption(incidents: Rec) {
  const entries = incidentCounts('byKind', incidents.byKind).filter(([, c]) => c > 0);
  const others = entries.map(([k]) => k).filter((k) => !(INCIDENT_KINDS as readonly string[]).includes(k));
  return {
    ...base,
    legend: { bottom: 0, left: 'center' },
    // Labels at the chart's edges, wrapped when the name is longer than the room beside the ring (it was cut
    // off: "Personuppgiftsinci…" in a report, "Pe…" on a phone).
    series: [{
      type: 'pie', radius: ['35%', '62%'], center: ['50%', '45%'],
      label: { formatter: '{b}: {c}', alignTo: 'edge', edgeDistance: 8, overflow: 'break', lineHeight: 15, minMargin: 4, ...NO_HALO },
      labelLine: { length: 12, length2: 0, maxSurfaceAngle: 80 },
      data: entries.map(([name, value]) => ({ name, value, itemStyle: { color: kindColor(name, others) } })),
    }],
    // On a phone there is no room for the names beside the ring: the labels give the counts, the legend the names.
    media: [{ query: { maxWidth: 480 }, option: { series: [{ radius: ['30%', '55%'], label: { formatter: '{c}' } }] } }],
  };
}

export function incidentsByMonthOption(incidents: Rec, year: number) {
  const { current, previous } = monthSeries(incidents.byMonth, year);
  const series: Rec[] = [{ type: 'bar', name: String(year), data: current }];
  if (previous) series.push({ type: 'line', name: String(year - 1), data: previous, symbolSize: 6 });
  return {
    ...base,
    legend: { top: 0 },
    grid: { left: 48, right: 16, top: 32, bottom: 32 },
    xAxis: { type: 'category', data: MONTHS_SV },
    yAxis: { type: 'value', minInterval: 1 },
    series,
  };
}

/** Index (0-based) of a sannolikhet/konsekvens value given as number, label or {value}. */
function levelIndex(v: unknown, labels: string[]): number {
  if (typeof v === 'number') return v - 1;
  if (isRec(v)) return levelIndex(v.value ?? v.label, labels);
  const i = labels.findIndex((l) => l.toLowerCase() === String(v).toLowerCase());
  return i >= 0 ? i : Number(v) - 1;
}

export function riskScaleLabels(risks: Rec): { sannolikhet: string[]; konsekvens: string[] } {
  const scale = isRec(risks.scale) ? risks.scale : {};
  const pick = (k: string, fallback: string[]) => {
    const v = scale[k];
    if (Array.isArray(v) && v.length) return v.map((x) => (isRec(x) ? String(x.label ?? x.name ?? x.value) : String(x)));
    const size = n(scale.size);
    return size && size !== fallback.length ? Array.from({ length: size }, (_, i) => String(i + 1)) : fallback;
  };
  return { sannolikhet: pick(Array.isArray(scale.likelihood) ? 'likelihood' : 'sannolikhet', SANNOLIKHET), konsekvens: pick(Array.isArray(scale.consequence) ? 'consequence' : 'konsekvens', KONSEKVENS) };
}

/** Counts of VoR events per (konsekvens, sannolikhet) cell. */
export function riskMatrixCells(risks: Rec): { cells: [number, number, number][]; labels: { sannolikhet: string[]; konsekvens: string[] } } {
  const labels = riskScaleLabels(risks);
  const counts = new Map<string, number>();
  for (const r of (Array.isArray(risks.vor) ? risks.vor : []).filter(isRec)) {
    const s = levelIndex(r.sannolikhet, labels.sannolikhet);
    const k = levelIndex(r.konsekvens, labels.konsekvens);
    if (s < 0 || k < 0 || s >= labels.sannolikhet.length || k >= labels.konsekvens.length) continue;
    counts.set(`${k},${s}`, (counts.get(`${k},${s}`) ?? 0) + 1);
  }
  const cells: [number, number, number][] = [];
  for (let k = 0; k < labels.konsekvens.length; k++) for (let s = 0; s < labels.sannolikhet.length; s++) cells.push([k, s, counts.get(`${k},${s}`) ?? 0]);
  return { cells, labels };
}

/** A colour mixed with white (share 0–1 of white), so that black figures stay readable on it. */
function tint(hex: string, white: number): string {
  const m = /^#?([0-9a-f]{6})$/i.exec(hex);
  if (!m) return hex;
  const v = parseInt(m[1], 16);
  const mix = (c: number) => Math.round(c + (255 - c) * white).toString(16).padStart(2, '0');
  return `#${mix(v >> 16)}${mix((v >> 8) & 255)}${mix(v & 255)}`;
}

/**
 * The risk levels of the organisation's scale (risks.scale.bands: riskvärde ranges with a name and colour), as
 * the matrix colours its cells and names them in its legend; three fixed levels where the scale has none.
 */
function riskBands(risks: Rec): { min: number; max: number; label: string; color: string }[] {
  const scale = isRec(risks.scale) ? risks.scale : {};
  const bands = (Array.isArray(scale.bands) ? scale.bands : []).filter(isRec)
    .map((b) => ({ min: n(b.min), max: n(b.max), label: String(b.label ?? ''), color: tint(String(b.color ?? '#cccccc'), 0.55) }));
  return bands.length ? bands : [
    { min: 1, max: 5, label: 'Låg', color: '#cfe8cf' }, { min: 6, max: 11, label: 'Medel', color: '#fbe3a6' }, { min: 12, max: 1e9, label: 'Hög', color: '#f4b0a8' },
  ];
}

export function riskMatrixOption(risks: Rec) {
  const { cells, labels } = riskMatrixCells(risks);
  const bands = riskBands(risks);
  return {
    ...base,
    grid: { left: 120, right: 16, top: 16, bottom: 96 },
    xAxis: { type: 'category', data: labels.konsekvens, name: 'Konsekvens', nameLocation: 'middle', nameGap: 48, splitArea: { show: true } },
    yAxis: { type: 'category', data: labels.sannolikhet, name: 'Sannolikhet', nameLocation: 'middle', nameGap: 100, splitArea: { show: true } },
    // Coloured by the scale's own levels (Låg 1–3, Medel 4–7, … in the city's scale), named in a legend.
    visualMap: {
      show: true, type: 'piecewise', dimension: 3, orient: 'horizontal', left: 'center', bottom: 0, selectedMode: false,
      textStyle: { fontFamily: FONT, fontSize: 12, color: '#333333' },
      pieces: bands.map((b) => ({ min: b.min - 0.5, max: b.max + 0.5, color: b.color, label: `${b.label} (${b.min}–${b.max >= 1e9 ? '' : b.max})` })),
    },
    series: [{
      type: 'heatmap',
      // [konsekvens index, sannolikhet index, count, riskvärde] – colour by riskvärde, label the count.
      data: cells.map(([k, s, c]) => [k, s, c, (k + 1) * (s + 1)]),
      label: { show: true, formatter: (p: { data: number[] }) => (p.data[2] ? String(p.data[2]) : '') },
      itemStyle: { borderColor: '#ffffff', borderWidth: 2 },
    }],
  };
}

/** The month chart's title, naming its two years ("i år" was wrong in a review written the year after). */
export const monthsTitle = (year: number) => `Incidenter per månad, ${year} och ${year - 1}`;

/** Chart options present in a report JSON (a chart whose figures are missing or all zero is left out). */
export function chartOptions(json: Rec): { id: ChartId; title: string; option: Rec; width: number; height: number }[] {
  const out: { id: ChartId; title: string; option: Rec; width: number; height: number }[] = [];
  const inc = isRec(json.incidents) ? json.incidents : null;
  const year = n(json.year);
  if (inc) {
    if (countEntries(inc.byStatus).some(([, c]) => c > 0)) out.push({ id: 'incidentsByStatus', title: CHART_TITLES.incidentsByStatus, option: incidentsByStatusOption(inc), width: 640, height: 300 });
    const m = monthSeries(inc.byMonth, year);
    if (m.current.some((x) => x > 0) || m.previous?.some((x) => x > 0)) out.push({ id: 'incidentsByMonth', title: monthsTitle(year), option: incidentsByMonthOption(inc, year), width: 640, height: 300 });
    if (countEntries(inc.byKind).some(([, c]) => c > 0)) out.push({ id: 'incidentsByKind', title: CHART_TITLES.incidentsByKind, option: incidentsByKindOption(inc), width: 640, height: 320 });
  }
  const risks = isRec(json.risks) ? json.risks : null;
  if (risks && Array.isArray(risks.vor) && risks.vor.length) out.push({ id: 'riskMatrix', title: CHART_TITLES.riskMatrix, option: riskMatrixOption(risks), width: 640, height: 340 });
  return out;
}
