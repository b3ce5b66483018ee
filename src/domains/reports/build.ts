import { and, eq } from 'drizzle-orm';
import { PgTransaction } from 'drizzle-orm/pg-core';
import type { Ctx } from '../../server/platform/context';
import { badRequest } from '../../server/platform/errors';
import { listOrgs } from '../org/service';
// Stockholm calendar helpers (pure; the incidents domain holds the city's time rules).
import { checkYear, defaultAsOfDay, endOfDay, stockholmDate } from '../../server/platform/time';
import { defaultOutline, numberSections, withProviderSections, type Section } from './outline';
import { overlayIso93, reportIso93 } from './iso93';
import { loadSectionProviders, type SectionProvider } from './provider';
import { reports } from './table';
import { liveStatus } from './blocks';

export interface ReportOrg { id: string; slug: string; name: string; type: string; path: string }

export type OutlineEntry = Section & { number: string | null };

/** The one source every format renders from. Provider keys ("incidents", "risks", …) sit at the top level. */
export interface ReportJson {
  org: { slug: string; name: string; type: string };
  year: number;
  /** YYYY-MM-DD: figures that change over time are as of the end of this day (Europe/Stockholm). */
  asOf: string;
  generatedAt: string;
  status: string;
  revision: number;
  approval?: { by: string; at: string };
  outline: OutlineEntry[];
  /** Figures that differ from last year's approved report: path → before/after. */
  changes?: FigureChange[];
  rollup?: Rollup;
  [providerKey: string]: unknown;
}

export interface FigureChange { path: string; before: unknown; after: unknown }

/** A förvaltning's cybersäkerhetslagen in the city's rollup: in scope, registered, assessed and approved (by the report's day). */
export interface RollupNis2 {
  inScope: boolean;
  entityType: string | null;
  registered: string | null;
  /** In scope and the law in force by the report's day: the anmälan was due. */
  registrationDue: boolean;
  assessed: boolean;
  approved: string | null;
  counts: Record<string, number>;
}

/** A förvaltning's internkontroll in the city's rollup: controls, kontrolltillfällen due and reported, deviations. */
export interface RollupInternalControl { controls: number; periodsDue: number; periodsReported: number; deviations: number; significant: number }

export interface Rollup {
  forvaltningar: {
    slug: string; name: string; incidents: Record<string, unknown> | null; risks: { vor: number; ikp: number } | null;
    /** Absent on the city's own row. */
    nis2?: RollupNis2 | null;
    internalControl?: RollupInternalControl | null;
  }[];
  totals: { incidents: number; previousYearTotal: number; personalData: number; reportedToIMY: number; reportedToCSIRT: number; ikp: number };
  ikpRisks: { forvaltning: string; arbetssatt: string; handelse: string; riskvarde: number | null; status: string }[];
}


/** The as-of day: the given one (validated), else the year's last day or today, whichever is earlier. */
export function resolveAsOf(year: number, asOf?: string | Date): { day: string; end: Date } {
  let day: string;
  if (asOf instanceof Date) day = stockholmDate(asOf);
  else if (asOf) {
    const m = /^(\d{4})-(\d{2})-(\d{2})$/.exec(asOf);
    const ok = m && (() => { const d = new Date(Date.UTC(+m[1], +m[2] - 1, +m[3])); return d.getUTCMonth() === +m[2] - 1 && d.getUTCDate() === +m[3]; })();
    if (!ok) {
      throw badRequest('invalid_as_of', { sv: `Rapportdagen "${asOf}" är inget datum; ange ÅÅÅÅ-MM-DD.`, en: `The report date "${asOf}" is not a date; give YYYY-MM-DD.` }, 'asOf');
    }
    // Figures as of a day before the year began would count none of its incidents.
    if (asOf < `${year}-01-01`) {
      throw badRequest('as_of_before_year', {
        sv: `Rapportdagen ${asOf} ligger före år ${year}: ange ett datum från ${year}-01-01.`,
        en: `The report date ${asOf} is before the year ${year}: give a date from ${year}-01-01 on.`,
      }, 'asOf');
    }
    day = asOf;
  } else {
    day = defaultAsOfDay(year);
  }
  // The day's last millisecond in Stockholm.
  return { day, end: new Date(endOfDay(day).getTime() - 1) };
}

let cached: SectionProvider[] | undefined;
export async function providers(): Promise<SectionProvider[]> {
  cached ??= await loadSectionProviders();
  return cached;
}

async function figuresOf(ctx: Ctx, org: ReportOrg, year: number, end: Date, list: SectionProvider[]) {
  const out: Record<string, unknown> = {};
  // The report build puts its own 9.3.2 coverage in the iso93 section (overlayIso93): its provider need not.
  for (const p of list) out[p.key] = await p.figures({ ctx, org, year, asOf: end, coverageByReport: true });
  return out;
}

const ROLLUP_CONCURRENCY = 4;

/** fn over items with at most `limit` running at once; results in the items' order. */
async function mapLimited<T, R>(items: T[], limit: number, fn: (item: T) => Promise<R>): Promise<R[]> {
  const out: R[] = new Array(items.length);
  let next = 0;
  const worker = async () => {
    while (next < items.length) {
      const i = next++;
      out[i] = await fn(items[i]);
    }
  };
  await Promise.all(Array.from({ length: Math.min(limit, items.length) }, worker));
  return out;
}

const num = (v: unknown) => (typeof v === 'number' && Number.isFinite(v) ? v : 0);

/**
 * Incidents registered on the city itself (not in any förvaltning) get their own row in the rollup, so its total
 * is the city's own total in the report: the city's figures less those of its förvaltningar.
 */
function withCityOwn(r: Rollup, city: ReportOrg, cityIncidents: unknown): Rollup {
  const inc = cityIncidents as Record<string, unknown> | undefined;
  if (!inc) return r;
  const keys = ['total', 'previousYearTotal', 'personalData', 'reportedToIMY', 'reportedToCSIRT'] as const;
  const sum = (k: (typeof keys)[number]) => r.forvaltningar.reduce((n, f) => n + num(f.incidents?.[k]), 0);
  const own = Object.fromEntries(keys.map((k) => [k, num(inc[k]) - sum(k)])) as Record<(typeof keys)[number], number>;
  if (keys.every((k) => own[k] === 0)) return r;
  return {
    ...r,
    forvaltningar: [...r.forvaltningar, { slug: city.slug, name: `${city.name} (registrerade på staden)`, incidents: own, risks: null }],
    totals: {
      ...r.totals,
      incidents: r.totals.incidents + own.total, previousYearTotal: r.totals.previousYearTotal + own.previousYearTotal,
      personalData: r.totals.personalData + own.personalData, reportedToIMY: r.totals.reportedToIMY + own.reportedToIMY,
      reportedToCSIRT: r.totals.reportedToCSIRT + own.reportedToCSIRT,
    },
  };
}

function rollupNis2(v: unknown): RollupNis2 | null {
  if (!v || typeof v !== 'object') return null;
  const n = v as {
    inScope?: boolean; entityType?: string | null; registration?: { date: string } | null; registrationDue?: boolean; assessed?: boolean;
    approved?: { date: string } | null; counts?: Record<string, number>;
  };
  return {
    inScope: n.inScope === true, entityType: n.entityType ?? null, registered: n.registration?.date ?? null, registrationDue: n.registrationDue === true,
    assessed: n.assessed === true,
    approved: n.approved?.date ?? null, counts: n.counts ?? {},
  };
}

function rollupInternalControl(v: unknown): RollupInternalControl | null {
  if (!v || typeof v !== 'object') return null;
  const n = v as { controls?: number; periodsDue?: number; periodsReported?: number; byResult?: Record<string, number> };
  const by = n.byResult ?? {};
  return {
    controls: num(n.controls), periodsDue: num(n.periodsDue), periodsReported: num(n.periodsReported),
    deviations: num(by.avvikelse) + num(by.vasentlig_avvikelse), significant: num(by.vasentlig_avvikelse),
  };
}

async function rollup(ctx: Ctx, city: ReportOrg, year: number, end: Date, list: SectionProvider[]): Promise<Rollup> {
  const children = (await listOrgs(ctx, { under: city.slug })).filter((o) => o.parentId === city.id);
  // The rollup reads only the incident, risk, NIS2 and internkontroll figures of each förvaltning: ask no other provider (speed).
  list = list.filter((p) => ['incidents', 'risks', 'nis2', 'internalControl'].includes(p.key));
  const r: Rollup = { forvaltningar: [], totals: { incidents: 0, previousYearTotal: 0, personalData: 0, reportedToIMY: 0, reportedToCSIRT: 0, ikp: 0 }, ikpRisks: [] };
  // Outside a transaction the förvaltningar are asked a few at a time (separate pool connections); in order after.
  const all = await mapLimited(children, ctx.db instanceof PgTransaction ? 1 : ROLLUP_CONCURRENCY, (c) => figuresOf(ctx, c, year, end, list));
  for (const [i, c] of children.entries()) {
    const f = all[i];
    const inc = (f.incidents ?? null) as Record<string, unknown> | null;
    const vor = ((f.risks as { vor?: Record<string, unknown>[] } | undefined)?.vor ?? null);
    // In the IKP: decided in, or proposed and not yet decided; a proposal management decided against is not.
    const ikpRows = (vor ?? []).filter((v) => v.ikpDecided === true || (v.ikp === true && v.ikpDecided !== false));
    r.forvaltningar.push({
      slug: c.slug,
      name: c.name,
      incidents: inc ? { total: num(inc.total), previousYearTotal: num(inc.previousYearTotal), personalData: num(inc.personalData), reportedToIMY: num(inc.reportedToIMY), reportedToCSIRT: num(inc.reportedToCSIRT), byStatus: inc.byStatus ?? {} } : null,
      risks: vor ? { vor: vor.length, ikp: ikpRows.length } : null,
      nis2: rollupNis2(f.nis2),
      internalControl: rollupInternalControl(f.internalControl),
    });
    if (inc) {
      r.totals.incidents += num(inc.total);
      r.totals.previousYearTotal += num(inc.previousYearTotal);
      r.totals.personalData += num(inc.personalData);
      r.totals.reportedToIMY += num(inc.reportedToIMY);
      r.totals.reportedToCSIRT += num(inc.reportedToCSIRT);
    }
    r.totals.ikp += ikpRows.length;
    for (const v of ikpRows) {
      r.ikpRisks.push({ forvaltning: c.name, arbetssatt: String(v.arbetssatt ?? ''), handelse: String(v.handelse ?? ''), riskvarde: typeof v.riskvarde === 'number' ? v.riskvarde : null, status: String(v.status ?? '') });
    }
  }
  return r;
}

/** Numeric leaves that differ between last year's approved figures and this year's. */
export function figureChanges(prev: Record<string, unknown> | null | undefined, cur: Record<string, unknown>, keys: string[]): FigureChange[] {
  if (!prev) return [];
  const out: FigureChange[] = [];
  const walk = (a: unknown, b: unknown, path: string) => {
    if (typeof b === 'number' || typeof a === 'number') {
      if (a !== b) out.push({ path, before: a ?? null, after: b ?? null });
      return;
    }
    if (b && typeof b === 'object' && !Array.isArray(b)) {
      const ao = (a && typeof a === 'object' && !Array.isArray(a) ? a : {}) as Record<string, unknown>;
      for (const k of new Set([...Object.keys(b as object), ...Object.keys(ao)])) walk(ao[k], (b as Record<string, unknown>)[k], `${path}.${k}`);
    }
  };
  for (const k of keys) if (k in prev || k in cur) walk(prev[k], cur[k], k);
  return out.filter((c) => !/\.asOf$|previousYear/i.test(c.path));
}

export interface BuildOptions {
  asOf?: string | Date;
  /** Use this outline (a stored report's) instead of the stored/default one. */
  outline?: Section[];
  status?: string;
  revision?: number;
  previousFigures?: Record<string, unknown> | null;
  approval?: { by: string; at: string };
  /** When the JSON counts as made (ISO time): an approval's own time, so a frozen version's cover says the day it was approved. Default now. */
  generatedAt?: string;
  /**
   * Ask only these providers ("rollup": build the city's rollup only when listed); the others' keys are absent.
   * For checks that read a few sections' figures (reports/iso93.ts figuresRead), not for documents.
   */
  only?: string[];
}

/**
 * Builds the report JSON for an organisation and year from every registered section provider. The caller
 * has already checked that ctx may read the org's reports. No domain table is read here.
 */
export async function buildReportJson(ctx: Ctx, org: ReportOrg, year: number, opts: BuildOptions = {}): Promise<ReportJson> {
  checkYear(year);
  const { day, end } = resolveAsOf(year, opts.asOf);
  const all = await providers();
  const list = opts.only ? all.filter((p) => opts.only!.includes(p.key)) : all;
  const withRollup = org.type === 'stad' && (!opts.only || opts.only.includes('rollup'));
  let outline = opts.outline;
  let status = opts.status ?? 'utkast';
  let revision = opts.revision ?? 1;
  let previousFigures = opts.previousFigures;
  if (!outline) {
    const [stored] = await ctx.db.select().from(reports).where(and(eq(reports.orgId, org.id), eq(reports.year, year)));
    if (stored) {
      outline = stored.outline as Section[];
      // Figures computed now are not the approved version's (that one is frozen in report_versions): said so.
      status = opts.status ?? liveStatus(stored.status);
      revision = opts.revision ?? stored.revision;
      previousFigures ??= stored.previousFigures as Record<string, unknown> | null;
    } else outline = withProviderSections(defaultOutline(org.type), all);
  }
  // A city's own figures and its rollup are independent: outside a transaction they are asked at the same time.
  const [figures, rolled] = await Promise.all([
    figuresOf(ctx, org, year, end, list),
    withRollup && !(ctx.db instanceof PgTransaction) ? rollup(ctx, org, year, end, all) : undefined,
  ]);
  const numbers = numberSections(outline);
  const json: ReportJson = {
    org: { slug: org.slug, name: org.name, type: org.type },
    year,
    asOf: day,
    generatedAt: opts.generatedAt ?? new Date().toISOString(),
    status,
    revision,
    ...(opts.approval ? { approval: opts.approval } : {}),
    outline: outline.map((s) => ({ ...s, number: numbers.get(s.id) ?? null })),
    ...figures,
  };
  if (withRollup) json.rollup = withCityOwn(rolled ?? (await rollup(ctx, org, year, end, all)), org, figures.incidents);
  const changes = figureChanges(previousFigures, figures, list.map((p) => p.key));
  if (changes.length) json.changes = changes;
  if (json.iso93) overlayIso93(json, await reportIso93(ctx, org.id, json));
  return json;
}

/** The provider figures of a report JSON (the keys that are not report metadata). */
export function figureKeys(json: ReportJson): string[] {
  const meta = new Set(['org', 'year', 'asOf', 'generatedAt', 'status', 'revision', 'approval', 'outline', 'changes']);
  return Object.keys(json).filter((k) => !meta.has(k));
}
