import { and, asc, eq, inArray, like } from 'drizzle-orm';
import { escapeLike } from '../../server/platform/authz';
import type { SectionProvider } from '../reports/provider';
import { orgs } from '../org/table';
import { compareGoalCodes } from './contract';
import { goalIndicators, goalStatuses, goals } from './table';

export interface GoalFigure {
  /** The organisation's name: a city's report holds every förvaltning's goals. */
  org: string;
  code: string;
  title: string;
  status: string | null;
  comment: string;
  indicators: { text: string; status: string | null; comment: string }[];
}

/** `goals`: the verksamhetsplan's goals with the report year's status, per goal and indicator (förväntat resultat). */
export const sectionProviders: SectionProvider<GoalFigure[]>[] = [
  {
    key: 'goals',
    title: { sv: 'Uppföljning av mål i verksamhetsplanen', en: 'Follow-up of the goals of the operational plan' },
    order: 41,
    async figures({ ctx, org, year }) {
      ctx.authz.require('plan.read', org.path);
      // Per organisation (a city's report has every förvaltning's goals), by code within one.
      const gs = (await ctx.db.select({ g: goals, org: orgs.name, path: orgs.path }).from(goals).innerJoin(orgs, eq(orgs.id, goals.orgId))
        .where(and(like(orgs.path, escapeLike(org.path) + '%'), ctx.authz.scopeSql('plan.read', orgs.path))).orderBy(asc(orgs.path), asc(goals.code)))
        .sort((a, b) => (a.path < b.path ? -1 : a.path > b.path ? 1 : compareGoalCodes(a.g.code, b.g.code)))
        .map((r) => ({ ...r.g, org: r.org }));
      if (gs.length === 0) return [];
      const ids = gs.map((g) => g.id);
      const inds = await ctx.db.select().from(goalIndicators).where(inArray(goalIndicators.goalId, ids)).orderBy(asc(goalIndicators.position), asc(goalIndicators.createdAt));
      const sts = await ctx.db.select().from(goalStatuses).where(and(inArray(goalStatuses.goalId, ids), eq(goalStatuses.year, year)));
      return gs.map((g) => {
        const own = sts.find((s) => s.goalId === g.id && s.indicatorId === null);
        return {
          org: g.org,
          code: g.code,
          title: g.title,
          status: own?.status ?? null,
          comment: own?.comment ?? '',
          indicators: inds.filter((i) => i.goalId === g.id).map((i) => {
            const s = sts.find((x) => x.indicatorId === i.id);
            return { text: i.text, status: s?.status ?? null, comment: s?.comment ?? '' };
          }),
        };
      });
    },
  },
];
