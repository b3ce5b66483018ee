import type { ReportJson, Rollup } from './build';
import { countEntries, incidentCounts, incidentStatusKeys, monthSeries, MONTHS_SV, rankIn, riskScaleLabels, type ChartId } from './chart-options';
import type { ManualTable, Section } from './outline';
import { withOrg } from './block-parts';
import { knownBlocks, LABELS, registerBlocks, VALUES } from './blocks-known';
import { DEFAULT_BAND_LABELS } from '../risks/bands';

/**
 * Turns a section's figures into format-neutral blocks (tables with header rows, chart references). Every
 * renderer (DOCX, PDF, HTML, own template) draws these same blocks, so the formats cannot disagree.
 */
export interface Cell { text: string; changed?: boolean; num?: boolean }
export type FigureBlock =
  | { kind: 'table'; caption: string; columns: string[]; rows: Cell[][] }
  | { kind: 'chart'; id: ChartId }
  | { kind: 'text'; text: string };

type Rec = Record<string, unknown>;
const isRec = (v: unknown): v is Rec => !!v && typeof v === 'object' && !Array.isArray(v);
const fmt = new Intl.NumberFormat('sv-SE', { useGrouping: 'min2' });

/** 2025-11-12 → "12 november 2025". */
export function svDate(day: string): string {
  const [y, m, d] = day.slice(0, 10).split('-').map(Number);
  return new Intl.DateTimeFormat('sv-SE', { day: 'numeric', month: 'long', year: 'numeric', timeZone: 'UTC' }).format(new Date(Date.UTC(y, m - 1, d)));
}

/** A list in running text: "; " between items, a space after one that ends a sentence (no ".;"). */
function joinItems(items: string[]): string {
  return items.filter((x) => x !== '').reduce((out, x) => (out === '' ? x : /[.!?]$/.test(out) ? `${out} ${x}` : `${out}; ${x}`), '');
}

export function str(v: unknown): string {
  if (v === null || v === undefined) return '';
  if (typeof v === 'number') return fmt.format(v);
  if (typeof v === 'boolean') return v ? 'Ja' : 'Nej';
  if (Array.isArray(v)) return joinItems(v.map((x) => (isRec(x) ? str(x.text ?? x.title ?? x.beskrivning ?? x.name ?? JSON.stringify(x)) : str(x))));
  if (isRec(v)) return str(v.label ?? v.name ?? v.text ?? JSON.stringify(v));
  // A stored key ("faststalld", "under_arbete") as the word it stands for.
  return VALUES[v as string] ?? String(v);
}

class Ctx {
  constructor(private changed: Set<string>) {}
  cell(v: unknown, path?: string): Cell {
    const c: Cell = { text: str(v) };
    if (typeof v === 'number') c.num = true;
    if (path && this.changed.has(path)) c.changed = true;
    return c;
  }
}

/** The personal data breaches' documentation (art. 33.5) in one sentence; none for a version approved before it existed. */
export function breachDocumentationText(v: unknown, year: number): string | undefined {
  if (!isRec(v) || typeof v.breaches !== 'number' || v.breaches === 0) return undefined;
  const n = (k: string) => (typeof v[k] === 'number' ? (v[k] as number) : 0);
  const late = n('lateNotifications');
  const special = n('withSpecialCategories');
  const documented = n('documented');
  // Number agrees: "1 personuppgiftsincident", "är 1 dokumenterad"; 0 and more than one take the plural.
  return `Av ${year} års ${str(v.breaches)} personuppgiftsincident${v.breaches === 1 ? '' : 'er'} är ${str(documented)} dokumenterad${documented === 1 ? '' : 'e'} enligt artikel 33.5 i dataskyddsförordningen; `
    + `${late === 1 ? 'en anmäldes' : `${str(late)} anmäldes`} till IMY senare än 72 timmar efter upptäckten och `
    + `${special === 1 ? 'en rörde' : `${str(special)} rörde`} särskilda kategorier av personuppgifter (artikel 9).`;
}

function incidentBlocks(inc: Rec, json: ReportJson, c: Ctx): FigureBlock[] {
  const y = json.year;
  const out: FigureBlock[] = [{
    kind: 'table',
    caption: `Incidenter i sammandrag ${y} och ${y - 1}`,
    columns: ['Mått', String(y), String(y - 1)],
    rows: [
      [c.cell('Rapporterade incidenter totalt'), c.cell(inc.total, 'incidents.total'), c.cell(inc.previousYearTotal)],
      [c.cell('Varav personuppgiftsincidenter'), c.cell(inc.personalData, 'incidents.personalData'), c.cell(inc.personalDataPreviousYear)],
      [c.cell('Anmälda till IMY'), c.cell(inc.reportedToIMY, 'incidents.reportedToIMY'), c.cell(inc.reportedToIMYPreviousYear ?? '')],
      [c.cell('Anmälda till CSIRT (CERT-SE)'), c.cell(inc.reportedToCSIRT, 'incidents.reportedToCSIRT'), c.cell(inc.reportedToCSIRTPreviousYear ?? '')],
    ],
  }];
  const doc = breachDocumentationText(inc.breachDocumentation, y);
  if (doc) out.push({ kind: 'text', text: doc });
  const by = isRec(inc.byStatus) ? inc.byStatus : {};
  const statuses = incidentStatusKeys(by);
  const asOf = typeof inc.asOf === 'string' ? inc.asOf : json.asOf;
  out.push({ kind: 'table', caption: `Incidenter per status den ${svDate(asOf)}`, columns: ['Status', 'Antal'], rows: statuses.map((s) => [c.cell(s), c.cell(Number(by[s] ?? 0), `incidents.byStatus.${s}`)]) });
  out.push({ kind: 'chart', id: 'incidentsByStatus' });
  const m = monthSeries(inc.byMonth, y);
  if (m.current.some((x) => x > 0) || m.previous?.some((x) => x > 0)) {
    out.push({ kind: 'chart', id: 'incidentsByMonth' });
    out.push({
      kind: 'table', caption: `Incidenter per månad ${y}${m.previous ? ` och ${y - 1}` : ''}`,
      columns: ['Månad', String(y), ...(m.previous ? [String(y - 1)] : [])],
      rows: MONTHS_SV.map((mo, i) => [c.cell(mo), c.cell(m.current[i]), ...(m.previous ? [c.cell(m.previous[i])] : [])]),
    });
  }
  // By kind and by category, year on year when the figures hold the year before (a version approved before they did
  // shows this year only): every kind or category of either year, in the order of incidentCounts (kinds in the
  // register's order, categories by count), never in the order of the JSON's keys.
  const perKey = (key: 'byKind' | 'byCategory', caption: string, head: string): FigureBlock | undefined => {
    const before = isRec(inc[`${key}PreviousYear`]);
    const rows = incidentCounts(key, inc[key], before ? inc[`${key}PreviousYear`] : undefined);
    if (rows.length === 0) return undefined;
    return before
      ? { kind: 'table', caption: `${caption} ${y} och ${y - 1}`, columns: [head, String(y), String(y - 1)], rows: rows.map(([k, a, b]) => [c.cell(k), c.cell(a, `incidents.${key}.${k}`), c.cell(b)]) }
      : { kind: 'table', caption, columns: [head, 'Antal'], rows: rows.map(([k, a]) => [c.cell(k), c.cell(a, `incidents.${key}.${k}`)]) };
  };
  const kinds = perKey('byKind', 'Incidenter per typ', 'Typ');
  if (kinds) {
    out.push(kinds);
    if (countEntries(inc.byKind).some(([, n]) => n > 0)) out.push({ kind: 'chart', id: 'incidentsByKind' });
  }
  const cats = perKey('byCategory', 'Incidenter per kategori', 'Kategori');
  if (cats) out.push(cats);
  return out;
}

/**
 * A VoR event's åtgärder as the table reads them: each with who owns it, by when and how far it has come
 * ("Påminn chefer (Objektspecialist, senast 31 december 2025, pågår)"), as the VoR sheet kept them.
 */
export function actionsText(v: unknown): string {
  if (!Array.isArray(v)) return str(v);
  return joinItems(v.map((a) => {
    if (!isRec(a)) return str(a);
    const facts = [
      str(a.owner),
      typeof a.dueDate === 'string' && /^\d{4}-\d{2}-\d{2}/.test(a.dueDate) ? `senast ${svDate(a.dueDate)}` : '',
      typeof a.status === 'string' ? (VALUES[a.status] ?? a.status).toLocaleLowerCase('sv-SE') : '',
    ].filter((x) => x !== '');
    const title = str(a.title ?? a.text);
    return facts.length ? `${title.replace(/[.]$/, '')} (${facts.join(', ')}).` : title;
  }));
}

/** The IKP column: management's decision when there is one (in or out), else the threshold's proposal. */
const ikpWords = (r: Rec) => (r.ikpDecided === true ? 'Ja, beslutat' : r.ikpDecided === false ? 'Nej, beslutat' : r.ikp ? 'Föreslagen' : 'Endast VoR');

function riskBlocks(risks: Rec, c: Ctx): FigureBlock[] {
  const labels = riskScaleLabels(risks);
  const label = (v: unknown, l: string[]) => (typeof v === 'number' && l[v - 1] ? `${l[v - 1]} (${v})` : str(v));
  const vor = (Array.isArray(risks.vor) ? risks.vor : []).filter(isRec);
  const out: FigureBlock[] = [];
  if (vor.length) {
    const cell = (x: unknown) => c.cell(x);
    out.push({
      kind: 'table',
      caption: 'Väsentlighets- och riskanalys (VoR) och internkontrollplan (IKP)',
      ...withOrg(vor, ['Arbetssätt', 'Oönskad händelse', 'Sannolikhet', 'Konsekvens', 'Riskvärde', 'IKP'], (r) => [
        c.cell(r.arbetssatt), c.cell(r.handelse), c.cell(r.sannolikhetLabel ? `${str(r.sannolikhetLabel)} (${str(r.sannolikhet)})` : label(r.sannolikhet, labels.sannolikhet)),
        c.cell(r.konsekvensLabel ? `${str(r.konsekvensLabel)} (${str(r.konsekvens)})` : label(r.konsekvens, labels.konsekvens)),
        c.cell(r.riskvarde), c.cell(ikpWords(r)),
      ], cell),
    });
    out.push({
      kind: 'table',
      caption: 'Åtgärder samt status och uppföljning per oönskad händelse',
      ...withOrg(vor, ['Oönskad händelse', 'Åtgärder', 'Status och åtgärder'], (r) => [c.cell(r.handelse), c.cell(actionsText(r.atgarder)), c.cell(r.status)], cell),
    });
    out.push({ kind: 'chart', id: 'riskMatrix' });
  }
  // The register's levels in the order of the scale's bands (an array, so in its order in any JSON).
  const bands = isRec(risks.scale) && Array.isArray(risks.scale.bands) ? risks.scale.bands.filter(isRec).map((b) => String(b.label)) : [];
  if (isRec(risks.register)) out.push(...registerBlocks(risks.register, bands.length ? bands : DEFAULT_BAND_LABELS, (x, p) => c.cell(x, p)));
  const rest = Object.fromEntries(Object.entries(risks).filter(([k]) => !['vor', 'scale', 'asOf', 'vorTotals', 'register'].includes(k)));
  out.push(...generic(rest, 'Risker', c, 'risks'));
  return out;
}

function rollupBlocks(r: Rollup, c: Ctx): FigureBlock[] {
  const rows = r.forvaltningar.map((f) => [
    c.cell(f.name), c.cell(f.incidents?.total ?? ''), c.cell(f.incidents?.previousYearTotal ?? ''), c.cell(f.incidents?.personalData ?? ''),
    c.cell(f.incidents?.reportedToIMY ?? ''), c.cell(f.risks?.ikp ?? ''),
  ]);
  rows.push([c.cell('Totalt'), c.cell(r.totals.incidents), c.cell(r.totals.previousYearTotal ?? ''), c.cell(r.totals.personalData), c.cell(r.totals.reportedToIMY), c.cell(r.totals.ikp)]);
  const out: FigureBlock[] = [{ kind: 'table', caption: 'Förvaltningarna i sammandrag', columns: ['Förvaltning', 'Incidenter', 'Föregående år', 'Personuppgiftsincidenter', 'Anmälda till IMY', 'IKP-risker'], rows }];
  const nis2 = r.forvaltningar.filter((f) => f.nis2);
  if (nis2.some((f) => f.nis2!.inScope)) {
    const yes = (b: boolean) => c.cell(b ? 'Ja' : 'Nej');
    out.push({
      kind: 'table', caption: 'Förvaltningarna och cybersäkerhetslagen (NIS2)',
      columns: ['Förvaltning', 'Omfattas', 'Anmäld', 'Bedömd i år', 'Genomförda', 'Delvis', 'Ej påbörjade', 'Godkänd av ledningen'],
      rows: nis2.map(({ name, nis2: n }) => n!.inScope
        ? [c.cell(name), c.cell(n!.entityType === 'vasentlig' ? 'Ja, väsentlig' : n!.entityType === 'viktig' ? 'Ja, viktig' : 'Ja'), c.cell(n!.registered ?? (n!.registrationDue ? 'Nej' : '–')), yes(n!.assessed),
          c.cell(n!.assessed ? (n!.counts.genomford ?? 0) : ''), c.cell(n!.assessed ? (n!.counts.delvis ?? 0) : ''), c.cell(n!.assessed ? (n!.counts.ej_paborjad ?? 0) : ''), c.cell(n!.approved ?? 'Nej')]
        : [c.cell(name), c.cell('Nej'), c.cell(''), c.cell(''), c.cell(''), c.cell(''), c.cell(''), c.cell('')]),
    });
  }
  const ic = r.forvaltningar.filter((f) => f.internalControl?.controls);
  if (ic.length) {
    out.push({
      kind: 'table', caption: 'Förvaltningarnas internkontroll',
      columns: ['Förvaltning', 'Kontrollmoment', 'Kontrolltillfällen att rapportera', 'Rapporterade', 'Avvikelser', 'Varav väsentliga'],
      rows: ic.map(({ name, internalControl: x }) => [
        c.cell(name), c.cell(x!.controls), c.cell(x!.periodsDue), c.cell(x!.periodsReported), c.cell(x!.deviations), c.cell(x!.significant),
      ]),
    });
  }
  if (r.ikpRisks.length) {
    out.push({ kind: 'table', caption: 'Förvaltningarnas risker i internkontrollplanen (IKP)', columns: ['Förvaltning', 'Arbetssätt', 'Oönskad händelse', 'Riskvärde', 'Status'], rows: r.ikpRisks.map((x) => [c.cell(x.forvaltning), c.cell(x.arbetssatt), c.cell(x.handelse), c.cell(x.riskvarde ?? ''), c.cell(x.status)]) });
  }
  return out;
}

const humanKey = (k: string) => LABELS[k] ?? VALUES[k] ?? k.replace(/([a-z])([A-Z])/g, '$1 $2').replace(/^./, (x) => x.toUpperCase());

/**
 * The order of a record's parts, by its path, where the provider's order matters: a record's keys come back from
 * jsonb reordered (shorter first), and an approved version's HTML put the follow-up's "Läget per område" before
 * its "Aktiviteter", the other way round from the frozen DOCX and PDF. Listed keys first, in this order; others after.
 */
const PART_ORDER: Record<string, string[]> = { planFollowUp: ['activities', 'progress'] };
const inPartOrder = <T>(path: string, entries: [string, T][]): [string, T][] => {
  const rank = rankIn(PART_ORDER[path] ?? []);
  return [...entries].sort(([a], [b]) => rank(a) - rank(b));
};

/** Any figures a renderer has no special layout for: records become tables, numbers key/value rows. */
export function generic(v: unknown, caption: string, c: Ctx, path: string): FigureBlock[] {
  const known = knownBlocks(path, v, caption, (x, p) => c.cell(x, p));
  if (known) return known;
  if (Array.isArray(v)) {
    if (!v.length) return [];
    if (v.every(isRec)) {
      // Columns with a value somewhere that is not the same in every row (an org column repeating the org is noise).
      const cols = [...new Set(v.flatMap((r) => Object.keys(r)))]
        .filter((k) => v.some((r) => r[k] !== null && r[k] !== undefined && r[k] !== '' && !isRec(r[k])))
        .filter((k) => v.length < 2 || new Set(v.map((r) => JSON.stringify(r[k]))).size > 1 || typeof v[0][k] === 'number')
        .slice(0, 7);
      return [{ kind: 'table', caption, columns: cols.map(humanKey), rows: v.map((r) => cols.map((k) => c.cell(r[k]))) }];
    }
    return [{ kind: 'table', caption, columns: [caption], rows: v.map((x) => [c.cell(x)]) }];
  }
  if (isRec(v)) {
    const entries = inPartOrder(path, Object.entries(v));
    const flat = entries.filter(([, x]) => x !== null && x !== undefined && !isRec(x) && !(Array.isArray(x) && (x.length === 0 || x.some(isRec))));
    const out: FigureBlock[] = flat.length ? [{ kind: 'table', caption, columns: ['Uppgift', 'Värde'], rows: flat.map(([k, x]) => [c.cell(humanKey(k)), c.cell(x, `${path}.${k}`)]) }] : [];
    for (const [k, x] of entries) if (isRec(x) || (Array.isArray(x) && x.some(isRec))) out.push(...generic(x, `${caption} – ${humanKey(k)}`, c, `${path}.${k}`));
    return out;
  }
  if (v === null || v === undefined) return [];
  return [{ kind: 'text', text: str(v) }];
}

/** The figure blocks of one section (empty when it has no provider or the provider is absent). */
export function sectionBlocks(section: Section, json: ReportJson): FigureBlock[] {
  const c = new Ctx(new Set((json.changes ?? []).map((x) => x.path)));
  const key = section.provider;
  let out: FigureBlock[] = [];
  if (key === 'rollup' && json.rollup) out = rollupBlocks(json.rollup, c);
  else if (key && key in json) {
    const v = json[key];
    if (key === 'incidents' && isRec(v)) out = incidentBlocks(v, json, c);
    else if (key === 'risks' && isRec(v)) out = riskBlocks(v, c);
    else out = generic(v, section.title, c, key);
  }
  return [...out, ...section.tables.filter((t) => t.rows.length).map((t) => manualTable(t, c))];
}

function manualTable(t: ManualTable, c: Ctx): FigureBlock {
  return { kind: 'table', caption: t.caption, columns: t.columns, rows: t.rows.map((r) => t.columns.map((_, i) => c.cell(r[i] ?? ''))) };
}

/** Visible sections, each with its number and blocks: the common walk of all renderers. */
export function visibleSections(json: ReportJson) {
  return json.outline.filter((s) => !s.hidden).map((s) => ({ section: s, number: s.number ?? '', blocks: sectionBlocks(s, json) }));
}

export const STATUS_LABELS: Record<string, string> = {
  utkast: 'Utkast', under_granskning: 'Under granskning', godkand: 'Godkänd', aktuell: 'Aktuella siffror, inte den godkända versionen',
};

/**
 * The status a document of figures computed now carries: an approved report's figures are frozen in its approved
 * version, so a rendering of today's figures (the CLI, or an as-of date or template asked for) must not say Godkänd.
 */
export const liveStatus = (stored: string) => (stored === 'godkand' ? 'aktuell' : stored);

/**
 * The words of a cell, as the documents wrap them: parted at breaking spaces only. A no-break space holds "90,9 %"
 * together (split there, a column got room for "90,9" alone and the sign wrapped to a line of its own in every row).
 */
export const cellWords = (text: string): string[] => text.split(/[^\S\u00a0]+/).filter(Boolean);

/** Lines `text` takes in a column `width` points wide at `size`, wrapped between cellWords (a word wider than the column breaks). */
export function wrappedLines(text: string, width: number, size: number, bold: boolean, measure: (text: string, size: number, bold: boolean) => number): number {
  let lines = 0;
  const space = measure(' ', size, bold);
  for (const para of text.split('\n')) {
    lines++;
    let used = 0;
    for (const word of cellWords(para)) {
      const w = measure(word, size, bold);
      if (used > 0 && used + space + w > width) {
        lines++;
        used = 0;
      }
      if (w > width) {
        lines += Math.ceil(w / width) - 1;
        used = w % width;
      } else used += (used > 0 ? space : 0) + w;
    }
  }
  return lines;
}

/**
 * Font size and column widths for a table `total` wide, laid out as a browser lays out a table: every column first
 * gets its widest word, so that no word breaks while the table has room (a förvaltning's name broke mid-word in the
 * city rollup, beside numeric columns that had room to spare), and the room left goes to the columns whose text
 * would still wrap, in proportion to how much wider their text is. When even the widest words do not fit at `size`,
 * the table is set smaller, down to `minSize`, before any word has to break. `measure` gives a text's width in the
 * table's unit at a font size (bold for the header and the first column, which the renderers set in bold); `pad`
 * is a cell's padding and some slack for rounding.
 */
export function tableLayout(
  columns: string[], rows: Cell[][], total: number, pad: number,
  size: number, minSize: number, measure: (text: string, size: number, bold: boolean) => number,
): { size: number; widths: number[] } {
  const sample = rows.slice(0, 200);
  const texts = (i: number) => sample.map((r) => r[i]?.text ?? '');
  const sum = (xs: number[]) => xs.reduce((a, b) => a + b, 0);
  // Widths scale with the font size: measured once at `size`.
  const widestWord = (t: string, bold: boolean) => Math.max(0, ...cellWords(t).map((w) => measure(w, size, bold)));
  const words = columns.map((c, i) => Math.max(widestWord(c, true), ...texts(i).map((t) => widestWord(t, i === 0))));
  const lines = columns.map((c, i) => Math.max(measure(c, size, true), ...texts(i).map((t) => measure(t, size, i === 0))));
  const room = total - pad * columns.length;
  const scale = sum(words) > room ? Math.max(minSize / size, Math.floor((room / sum(words)) * size * 4) / 4 / size) : 1;
  const min = words.map((w) => w * scale + pad);
  const max = lines.map((w) => w * scale + pad);
  const [sumMin, sumMax] = [sum(min), sum(max)];
  let widths: number[];
  // Too narrow even at the smallest size: words must break somewhere, so only the widest do. Every column keeps its
  // widest word up to one common cap, set so the table fits: a short header ("Risknivå", "Status") stays whole and
  // the columns of long words give up the room (shared in proportion, "Stat|us" and "Riskni|vå" broke in the PDF).
  if (sumMin >= total) {
    const sorted = [...min].sort((a, b) => a - b);
    let cap = total / min.length;
    for (let i = 0, below = 0; i < sorted.length; below += sorted[i], i++) {
      const share = (total - below) / (sorted.length - i);
      if (sorted[i] >= share) {
        cap = share;
        break;
      }
    }
    widths = min.map((m) => Math.min(m, cap));
  }
  // Everything fits on one line: the room left is shared in proportion.
  else if (sumMax <= total) widths = max.map((m) => m + ((total - sumMax) * m) / sumMax);
  else {
    const wrapping = max.map((m, i) => m - min[i]);
    const sumWrapping = sum(wrapping);
    widths = min.map((m, i) => m + ((total - sumMin) * wrapping[i]) / sumWrapping);
  }
  return { size: size * scale, widths };
}
