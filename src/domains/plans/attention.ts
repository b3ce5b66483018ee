import { and, count, eq, inArray, isNotNull, lt } from 'drizzle-orm';
import { countTitles, withOrg, type AttentionProvider } from '../../server/platform/attention';
import { orgs } from '../org/table';
import { UNFINISHED } from './contract';
import { planActivities } from './table';
import { stockholmDate } from '../../server/platform/time';

/** Improvement activities past their due date and not finished, for those who manage the plan. */
export const attentionProviders: AttentionProvider[] = [
  {
    key: 'activities-overdue',
    async items(ctx) {
      if (!ctx.authz.hasAnywhere('plan.manage')) return [];
      const byOrg = await ctx.db
        .select({ slug: orgs.slug, n: count() })
        .from(planActivities)
        .innerJoin(orgs, eq(orgs.id, planActivities.orgId))
        .where(and(
          ctx.authz.scopeSql('plan.manage', orgs.path),
          isNotNull(planActivities.dueDate),
          lt(planActivities.dueDate, stockholmDate()),
          inArray(planActivities.status, [...UNFINISHED]),
        ))
        .groupBy(orgs.slug);
      const n = byOrg.reduce((sum, o) => sum + o.n, 0);
      return [{
        key: 'plans.activities-overdue',
        severity: 'warning',
        ...countTitles(n, { one: 'En förbättringsaktivitet är försenad', many: 'förbättringsaktiviteter är försenade' }, { one: 'One improvement activity is overdue', many: 'improvement activities are overdue' }),
        count: n,
        link: withOrg('/forbattringsplan?forsenade=1', byOrg.map((o) => o.slug)),
      }];
    },
  },
];
