import { and, eq, inArray, like } from 'drizzle-orm';
import { escapeLike } from '../../server/platform/authz';
import { stockholmDate } from '../../server/platform/time';
import { orgs } from '../org/table';
import type { SectionProvider } from '../reports/provider';
import type { Frequency, Period, ResultKind } from './contract';
import { ikpEventsUnder, vorEventsOf } from './ikp';
import { periodEnded, periodWord, plannedPeriods } from './rules';
import { internalControlResults, internalControls } from './table';

export interface InternalControlFigures {
  /** Active kontrollmoment of the year. */
  controls: number;
  /** Their planned periods (kontrolltillfällen) in the year. */
  periodsPlanned: number;
  /** Periods due by the report's day: ended, or already reported. */
  periodsDue: number;
  /** Periods with a result reported by the report's day (ej genomförd included). */
  periodsReported: number;
  /** Due periods whose control was performed (any result but ej genomförd). */
  periodsPerformed: number;
  /** Ended periods without a result. */
  periodsMissing: number;
  byResult: Record<ResultKind, number>;
  /** Avvikelser and väsentliga avvikelser, in period order. */
  deviations: { org: string; control: string; risk: string; period: string; result: 'avvikelse' | 'vasentlig_avvikelse'; performedOn: string | null; comment: string; measures: string }[];
  notPerformed: { org: string; control: string; risk: string; period: string; reason: string }[];
  /** IKP risks of the year without an active control. */
  risksWithoutControl: { org: string; arbetssatt: string; risk: string; riskvarde: number }[];
}

const PERIOD_ORDER = new Map<string, number>(['helar', 'H1', 'H2', 'T1', 'T2', 'T3', 'Q1', 'Q2', 'Q3', 'Q4'].map((p, i) => [p, i]));
const periodKey = (p: string) => (p.startsWith('M') ? Number(p.slice(1)) : PERIOD_ORDER.get(p) ?? 0);

/**
 * `internalControl`: the year's internkontroll for the organisation and its subtree: how many kontrollmoment and
 * kontrolltillfällen the IKP plans, how many were reported and performed by the report's day, the results by kind,
 * every deviation (control, risk, period, result, comment, measures), the controls not performed, and the IKP risks
 * without any control. Monitoring and measurement results for ISO 27001 9.3.2 (d) 2.
 */
export const sectionProviders: SectionProvider<InternalControlFigures>[] = [
  {
    key: 'internalControl',
    title: { sv: 'Resultatet från egen uppföljning (IKP)', en: 'Results of internal control (IKP)' },
    order: 41,
    async figures({ ctx, org, year, asOf }) {
      ctx.authz.require('risk.read', org.path);
      const day = stockholmDate(asOf ?? new Date());
      const under = and(like(orgs.path, escapeLike(org.path) + '%'), ctx.authz.scopeSql('risk.read', orgs.path));
      const rows = await ctx.db.select({ c: internalControls, org: orgs.name }).from(internalControls).innerJoin(orgs, eq(orgs.id, internalControls.orgId))
        .where(and(under, eq(internalControls.year, year), eq(internalControls.archived, false)));
      const ids = rows.map((r) => r.c.id);
      const results = ids.length ? await ctx.db.select().from(internalControlResults).where(inArray(internalControlResults.controlId, ids)) : [];
      // What was reported by the report's day: a performed control by its day, one not performed by the day it was reported.
      const known = results.filter((r) => (r.performedOn ? r.performedOn <= day : stockholmDate(r.createdAt) <= day));
      const eventIds = rows.map((r) => r.c.vorEventId).filter((x): x is string => !!x);
      const events = new Map((await vorEventsOf(ctx.db, year, undefined, eventIds)).map((e) => [e.id, e]));
      const ikp = await ikpEventsUnder(ctx.db, org.path, year, ctx.authz.scopeSql('risk.read', orgs.path));
      const f: InternalControlFigures = {
        controls: rows.length, periodsPlanned: 0, periodsDue: 0, periodsReported: 0, periodsPerformed: 0, periodsMissing: 0,
        byResult: { utan_avvikelse: 0, avvikelse: 0, vasentlig_avvikelse: 0, ej_genomford: 0 },
        deviations: [], notPerformed: [], risksWithoutControl: [],
      };
      const sorted = [...rows].sort((a, b) => (events.get(b.c.vorEventId ?? '')?.riskvarde ?? -1) - (events.get(a.c.vorEventId ?? '')?.riskvarde ?? -1) || a.c.createdAt.getTime() - b.c.createdAt.getTime());
      const deviations: (InternalControlFigures['deviations'][number] & { key: number })[] = [];
      for (const { c, org: orgName } of sorted) {
        const risk = c.vorEventId ? (events.get(c.vorEventId)?.title ?? '') : '';
        const name = c.title.trim() || c.control.trim().replace(/\.$/, '');
        for (const p of plannedPeriods(c.frequency as Frequency)) {
          f.periodsPlanned++;
          const r = known.find((x) => x.controlId === c.id && x.period === p);
          const ended = periodEnded(year, p as Period, day);
          if (!r) {
            if (ended) {
              f.periodsDue++;
              f.periodsMissing++;
            }
            continue;
          }
          f.periodsDue++;
          f.periodsReported++;
          const kind = r.result as ResultKind;
          f.byResult[kind]++;
          if (kind !== 'ej_genomford') f.periodsPerformed++;
          if (kind === 'avvikelse' || kind === 'vasentlig_avvikelse') {
            deviations.push({ key: periodKey(p), org: orgName, control: name, risk, period: periodWord(p), result: kind, performedOn: r.performedOn, comment: r.comment, measures: r.measures });
          }
          if (kind === 'ej_genomford') f.notPerformed.push({ org: orgName, control: name, risk, period: periodWord(p), reason: r.reason });
        }
      }
      f.deviations = deviations.sort((a, b) => a.key - b.key).map(({ key: _k, ...d }) => d);
      const controlled = new Set(eventIds);
      f.risksWithoutControl = ikp.filter((e) => !controlled.has(e.id)).map((e) => ({ org: e.org.name, arbetssatt: e.arbetssatt, risk: e.title, riskvarde: e.riskvarde }));
      return f;
    },
  },
];
