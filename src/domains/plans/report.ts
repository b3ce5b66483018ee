import { and, asc, between, eq, like } from 'drizzle-orm';
import { escapeLike } from '../../server/platform/authz';
import type { Ctx } from '../../server/platform/context';
import type { SectionProvider } from '../reports/provider';
import { orgs } from '../org/table';
import { progressOf } from './carry';
import type { PlanStatus, Progress } from './contract';
import { areasOf } from './areas';
import { planActivities } from './table';

export interface PlanItem {
  /** The organisation's name: a city's report lists every förvaltning's activities. */
  org: string;
  area: string;
  text: string;
  responsible: string;
  partners: string;
  status: PlanStatus;
  dueDate: string | null;
  carried: boolean;
  fromReview: boolean;
}

/**
 * The activities of the years in the subtree, per year and organisation with the areas in the city's own order
 * (Övergripande first, as the plans are written), then as placed within an area.
 */
async function activities(ctx: Ctx, path: string, from: number, to: number) {
  ctx.authz.require('plan.read', path);
  const rows = await ctx.db
    .select({ a: planActivities, org: orgs.name, orgPath: orgs.path })
    .from(planActivities)
    .innerJoin(orgs, eq(orgs.id, planActivities.orgId))
    .where(and(like(orgs.path, escapeLike(path) + '%'), ctx.authz.scopeSql('plan.read', orgs.path), between(planActivities.year, from, to)))
    .orderBy(asc(planActivities.year), asc(orgs.path), asc(planActivities.position), asc(planActivities.createdAt));
  const { areas } = await areasOf(ctx.db, { path });
  const rank = (area: string) => (areas.indexOf(area) + areas.length + 1) % (areas.length + 1);
  return rows
    .map((r, i) => ({ ...r, i }))
    .sort((x, y) => x.a.year - y.a.year || (x.orgPath < y.orgPath ? -1 : x.orgPath > y.orgPath ? 1 : 0) || rank(x.a.area) - rank(y.a.area) || x.i - y.i)
    .map((r) => ({ ...r.a, org: r.org }));
}

const item = (a: typeof planActivities.$inferSelect & { org: string }): PlanItem => ({
  org: a.org,
  area: a.area,
  text: a.description,
  responsible: a.responsible,
  partners: a.partners,
  status: a.status as PlanStatus,
  dueDate: a.dueDate,
  carried: a.carriedFromId !== null,
  fromReview: a.reviewDecisionId !== null,
});

/**
 * `plan`: the proposed improvement activities of the three years after the report year, by year ({"2026": […]});
 * `planFollowUp`: the report year's own activities and their progress (ISO 27001 9.3.2 a).
 */
export const sectionProviders: [SectionProvider<Record<string, PlanItem[]>>, SectionProvider<{ activities: PlanItem[]; progress: Progress[] }>] = [
  {
    key: 'plan',
    title: { sv: 'Förslag till förbättringar och aktiviteter', en: 'Proposed improvements and activities' },
    order: 50,
    async figures({ ctx, org, year }) {
      const rows = await activities(ctx, org.path, year + 1, year + 3);
      const out: Record<string, PlanItem[]> = {};
      for (let y = year + 1; y <= year + 3; y++) out[String(y)] = rows.filter((r) => r.year === y).map(item);
      return out;
    },
  },
  {
    key: 'planFollowUp',
    title: { sv: 'Uppföljning av årets förbättringsaktiviteter', en: 'Follow-up of this year\'s improvement activities' },
    order: 44,
    async figures({ ctx, org, year }) {
      const rows = await activities(ctx, org.path, year, year);
      const list = rows.map(item);
      return { activities: list, progress: progressOf(rows.map((r) => ({ year: r.year, area: r.area, status: r.status as PlanStatus }))) };
    },
  },
];
