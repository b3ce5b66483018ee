import { and, asc, between, eq, like } from 'drizzle-orm';
import { escapeLike } from '../../server/platform/authz';
import { stockholmDate } from '../../server/platform/time';
import type { SectionProvider } from '../reports/provider';
import { orgs } from '../org/table';
import { completionPercent, courseOrder } from './courses';
import { trainingCompletions, trainingSessions } from './table';

export interface TrainingSessionFigure {
  /** The förvaltning's name in a city's report (which holds every förvaltning's trainings), else the report org's. */
  org: string;
  /** The organisation the training was recorded on (a unit, an avdelning or the förvaltning itself). */
  unit: string;
  date: string;
  title: string;
  kind: string;
  audience: string;
  givenBy: string;
  participants: number | null;
  comment: string;
}

export interface TrainingCompletionFigure {
  /** As for the trainings: the förvaltning in a city's report, else the report org. */
  org: string;
  /** The unit whose employees the figures count. */
  unit: string;
  year: number;
  course: string;
  employees: number;
  completed: number;
  /** Completed of employees in per cent, one decimal. */
  percent: number;
  comment: string;
}

export interface TrainingCourseTotal {
  course: string;
  employees: number;
  completed: number;
  /** Sum completed of sum employees in per cent, one decimal. */
  percent: number;
}

export interface TrainingFigures {
  /** The trainings held in the report year, in date order. */
  sessions: TrainingSessionFigure[];
  /** The report year's e-course completion per unit and course. */
  completions: TrainingCompletionFigure[];
  /** Per course, all units together. */
  totals: TrainingCourseTotal[];
}

const bySv = (a: string, b: string) => a.localeCompare(b, 'sv');

/**
 * `training`: for the report org's subtree and year, the trainings held (date order) and the completion of the
 * e-courses per unit with its share, plus the totals per course. Units are in tree order by name (an avdelning,
 * then its enheter). Years without any training data give empty lists, so the section shows no table.
 */
export const sectionProviders: SectionProvider<TrainingFigures>[] = [
  {
    key: 'training',
    title: { sv: 'Utbildning och kompetens', en: 'Training and competence' },
    order: 32,
    async figures({ ctx, org, year, asOf }) {
      ctx.authz.require('plan.read', org.path);
      // Held by the report's day: a report as of 12 November lists no training held on the 20th.
      const until = [`${year}-12-31`, stockholmDate(asOf)].sort()[0];
      const inScope = and(like(orgs.path, escapeLike(org.path) + '%'), ctx.authz.scopeSql('plan.read', orgs.path));
      // One after the other: the report may be built inside a transaction (one connection).
      const tree = await ctx.db.select({ id: orgs.id, name: orgs.name, path: orgs.path }).from(orgs).where(like(orgs.path, escapeLike(org.path) + '%'));
      const sessions = await ctx.db.select({ s: trainingSessions }).from(trainingSessions).innerJoin(orgs, eq(orgs.id, trainingSessions.orgId))
        .where(and(inScope, between(trainingSessions.heldOn, `${year}-01-01`, until)))
        .orderBy(asc(trainingSessions.heldOn), asc(trainingSessions.title));
      const completions = await ctx.db.select({ c: trainingCompletions }).from(trainingCompletions).innerJoin(orgs, eq(orgs.id, trainingCompletions.orgId))
        .where(and(inScope, eq(trainingCompletions.year, year)));
      const byId = new Map(tree.map((o) => [o.id, o]));
      const depth = org.path.split('/').filter(Boolean).length;
      const ids = (id: string) => (byId.get(id)?.path ?? '').split('/').filter(Boolean);
      /** A city's report names each record's förvaltning (the city's child above it); any other report, itself. */
      const top = (id: string) => (org.type === 'stad' ? byId.get(ids(id)[depth] ?? org.id)?.name ?? org.name : org.name);
      /** Names from below the report org down to the unit: the sort key of tree order by name. */
      const namePath = (id: string) => ids(id).slice(depth).map((x) => byId.get(x)?.name ?? '');
      const treeOrder = (a: string, b: string) => {
        const [x, y] = [namePath(a), namePath(b)];
        for (let i = 0; i < Math.min(x.length, y.length); i++) if (x[i] !== y[i]) return bySv(x[i], y[i]);
        return x.length - y.length;
      };
      const unit = (id: string) => byId.get(id)?.name ?? '';

      const rows = completions.map((r) => r.c).sort((a, b) => treeOrder(a.orgId, b.orgId) || courseOrder(a.course, b.course));
      const sums = new Map<string, { employees: number; completed: number }>();
      for (const c of rows) {
        const s = sums.get(c.course) ?? { employees: 0, completed: 0 };
        sums.set(c.course, { employees: s.employees + c.employees, completed: s.completed + c.completed });
      }
      return {
        sessions: sessions.map(({ s }) => ({
          org: top(s.orgId), unit: unit(s.orgId), date: s.heldOn, title: s.title, kind: s.kind, audience: s.audience,
          givenBy: s.givenBy, participants: s.participants, comment: s.comment,
        })),
        completions: rows.map((c) => ({
          org: top(c.orgId), unit: unit(c.orgId), year: c.year, course: c.course, employees: c.employees, completed: c.completed,
          percent: completionPercent(c.completed, c.employees) ?? 0, comment: c.comment,
        })),
        totals: [...sums].sort(([a], [b]) => courseOrder(a, b)).map(([course, s]) => ({
          course, employees: s.employees, completed: s.completed, percent: completionPercent(s.completed, s.employees) ?? 0,
        })),
      };
    },
  },
];
