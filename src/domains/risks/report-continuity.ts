/**
 * `continuity` in the management review: the RSA cycle covering the year and its status, the critical processes
 * and how many have a fastställd continuity plan, the plans by status with overdue reviews and those not exercised
 * in EXERCISE_INTERVAL_YEARS years, and the exercises held during the year and planned for the rest of it. Judged
 * as of the report's day (the year's last day, or the as-of day when earlier): a 2025 review reads the same in 2026.
 */
import { and, asc, eq, gte, inArray, like, lte } from 'drizzle-orm';
import { escapeLike } from '../../server/platform/authz';
import { stockholmDate } from '../../server/platform/time';
import { orgs } from '../org/table';
import type { SectionProvider } from '../reports/provider';
import { actionsOf } from './actions';
import { exerciseOverdue, nextReviewOf } from './continuity-rules';
import { continuityPlans, exercisePlans, exercises, rsaActivities, rsaAnalyses } from './table';

/**
 * `org` is the förvaltning in a city's report, else the report's organisation (the tables add a column for it when
 * several); `unit` is the organisation the record is kept on.
 */
export interface ContinuityExerciseFigure {
  date: string; title: string; type: string; org: string; unit: string; scenario: string; participantCount: number | null; observations: string; actions: number;
  /** A planned exercise whose day has passed by the report's day without being registered as held or cancelled. */
  pastDate: boolean;
}

export interface ContinuityFigures {
  /** The day the flags are judged on. */
  asOf: string;
  /** The RSA cycles covering the year, one per förvaltning that has one. */
  rsa: { org: string; cycle: string; status: string; processes: number; withPlan: number }[];
  processes: { org: string; unit: string; name: string; owner: string; maxDowntimeHours: number | null; planStatus: string }[];
  counts: {
    processes: number;
    /** Processes with a fastställd plan. */
    processesWithPlan: number;
    faststalld: number; underArbete: number; saknas: number;
    reviewOverdue: number;
    /** Plans not exercised in the last two years (never, or longer ago). */
    notExercised: number;
    exercisesHeld: number; exercisesPlanned: number;
    /** Of the planned: those whose day has passed (pastDate). */
    exercisesPastDate: number;
  };
  plans: {
    org: string; unit: string; title: string; status: string; adoptedDate: string | null; nextReview: string | null; reviewOverdue: boolean;
    lastExercised: string | null; notExercised: boolean;
  }[];
  exercisesHeld: ContinuityExerciseFigure[];
  /** Exercises of the year still planned (not held or cancelled). */
  exercisesPlanned: ContinuityExerciseFigure[];
}

const RANK: Record<string, number> = { saknas: 0, under_arbete: 1, faststalld: 2 };

export const continuitySection: SectionProvider<ContinuityFigures> = {
  key: 'continuity',
  title: { sv: 'Kontinuitet: RSA, kontinuitetsplaner och övningar', en: 'Continuity: risk and vulnerability analysis, continuity plans and exercises' },
  order: 43,
  async figures({ ctx, org, year, asOf }) {
    ctx.authz.require('risk.read', org.path);
    const db = ctx.db;
    const day = [`${year}-12-31`, stockholmDate(asOf)].sort()[0];
    const under = and(like(orgs.path, escapeLike(org.path) + '%'), ctx.authz.scopeSql('risk.read', orgs.path))!;
    // A city's report names each record's förvaltning (the org one level below the city), as the other sections do.
    const depth = org.path.split('/').filter(Boolean).length;
    const tops = org.type === 'stad'
      ? new Map((await db.select({ id: orgs.id, name: orgs.name }).from(orgs).where(like(orgs.path, escapeLike(org.path) + '%'))).map((o) => [o.id, o.name]))
      : new Map<string, string>();
    const top = (path: string) => (org.type === 'stad' ? tops.get(path.split('/').filter(Boolean)[depth] ?? org.id) ?? org.name : org.name);

    const rsas = await db.select({ r: rsaAnalyses, org: orgs }).from(rsaAnalyses).innerJoin(orgs, eq(orgs.id, rsaAnalyses.orgId))
      .where(and(under, lte(rsaAnalyses.cycleStartYear, year), gte(rsaAnalyses.cycleEndYear, year))).orderBy(asc(orgs.path));
    const acts = rsas.length
      ? await db.select().from(rsaActivities).where(inArray(rsaActivities.rsaId, rsas.map((x) => x.r.id))).orderBy(asc(rsaActivities.sortOrder), asc(rsaActivities.createdAt))
      : [];
    const plans = await db.select({ p: continuityPlans, org: orgs }).from(continuityPlans).innerJoin(orgs, eq(orgs.id, continuityPlans.orgId))
      .where(and(under, eq(continuityPlans.archived, false))).orderBy(asc(orgs.path), asc(continuityPlans.title));
    const best = new Map<string, string>();
    for (const { p } of plans) {
      if (p.activityId && RANK[p.status] > RANK[best.get(p.activityId) ?? 'saknas']) best.set(p.activityId, p.status);
    }
    // Held exercises up to the report's day set "last exercised".
    const held = plans.length
      ? await db.select({ plan: exercisePlans.planId, date: exercises.date }).from(exercisePlans).innerJoin(exercises, eq(exercises.id, exercisePlans.exerciseId))
          .where(and(inArray(exercisePlans.planId, plans.map((x) => x.p.id)), eq(exercises.status, 'genomford'), eq(exercises.archived, false), lte(exercises.date, day)))
      : [];
    const last = new Map<string, string>();
    for (const h of held) if (!last.has(h.plan) || last.get(h.plan)! < h.date) last.set(h.plan, h.date);

    const ex = await db.select({ e: exercises, org: orgs }).from(exercises).innerJoin(orgs, eq(orgs.id, exercises.orgId))
      .where(and(under, eq(exercises.archived, false), gte(exercises.date, `${year}-01-01`), lte(exercises.date, `${year}-12-31`))).orderBy(asc(exercises.date), asc(exercises.title));
    const exActions = await actionsOf(db, 'exercise', ex.map((x) => x.e.id));
    const exFigure = ({ e, org: o }: (typeof ex)[number]): ContinuityExerciseFigure => ({
      date: e.date, title: e.title, type: e.type, org: top(o.path), unit: o.name, scenario: e.scenario, participantCount: e.participantCount, observations: e.observations,
      actions: exActions.get(e.id)?.length ?? 0, pastDate: e.status === 'planerad' && e.date < day,
    });
    const exercisesHeld = ex.filter((x) => x.e.status === 'genomford' && x.e.date <= day).map(exFigure);
    const exercisesPlanned = ex.filter((x) => x.e.status === 'planerad').map(exFigure);

    const planRows = plans.map(({ p, org: o }) => {
      const next = nextReviewOf(p);
      const lastExercised = last.get(p.id) ?? null;
      return {
        org: top(o.path), unit: o.name, title: p.title, status: p.status, adoptedDate: p.adoptedDate, nextReview: next, reviewOverdue: next !== null && next < day,
        lastExercised, notExercised: lastExercised === null || exerciseOverdue(lastExercised, day),
      };
    });
    const rsaOrg = new Map(rsas.map((x) => [x.r.id, x.org]));
    const processes = acts.map((a) => ({ org: top(rsaOrg.get(a.rsaId)!.path), unit: rsaOrg.get(a.rsaId)!.name, name: a.name, owner: a.owner, maxDowntimeHours: a.maxDowntimeHours, planStatus: best.get(a.id) ?? 'saknas' }));
    const byStatus = (s: string) => plans.filter((x) => x.p.status === s).length;
    // "Saknas": plans registered as missing, and the critical processes with no plan registered at all (the
    // process table shows those as Saknas too; counting only the records said "Planer saknas 0" beside them).
    const linked = new Set(plans.map((x) => x.p.activityId).filter(Boolean));
    const saknas = byStatus('saknas') + acts.filter((a) => !linked.has(a.id)).length;
    return {
      asOf: day,
      rsa: rsas.map(({ r, org: o }) => {
        const mine = acts.filter((a) => a.rsaId === r.id);
        return {
          org: top(o.path), cycle: r.cycleEndYear === r.cycleStartYear ? `${r.cycleStartYear}` : `${r.cycleStartYear}–${r.cycleEndYear}`, status: r.status,
          processes: mine.length, withPlan: mine.filter((a) => best.get(a.id) === 'faststalld').length,
        };
      }),
      processes,
      counts: {
        processes: processes.length,
        processesWithPlan: processes.filter((p) => p.planStatus === 'faststalld').length,
        faststalld: byStatus('faststalld'), underArbete: byStatus('under_arbete'), saknas,
        reviewOverdue: planRows.filter((p) => p.reviewOverdue).length,
        notExercised: planRows.filter((p) => p.notExercised).length,
        exercisesHeld: exercisesHeld.length, exercisesPlanned: exercisesPlanned.length,
        exercisesPastDate: exercisesPlanned.filter((x) => x.pastDate).length,
      },
      plans: planRows,
      exercisesHeld,
      exercisesPlanned,
    };
  },
};
