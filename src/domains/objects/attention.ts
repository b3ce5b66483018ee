import { and, count, eq, sql } from 'drizzle-orm';
import { countTitles, type AttentionProvider } from '../../server/platform/attention';
import type { Ctx } from '../../server/platform/context';
import { stockholmDate } from '../../server/platform/time';
import { orgs } from '../org/table';
import { followUpDue } from './followup-rules';
import { deviationsRemainingSql, followUpDoneSql } from './followup-status';
import { overdueSql } from './service';
import { digitalObjects } from './table';

/** Active objects the caller manages that meet `cond`. */
async function managed(ctx: Ctx, cond: ReturnType<typeof sql>): Promise<number> {
  const [{ n }] = await ctx.db
    .select({ n: count() })
    .from(digitalObjects)
    .innerJoin(orgs, eq(orgs.id, digitalObjects.orgId))
    .where(and(ctx.authz.scopeSql('object.manage', orgs.path), eq(digitalObjects.archived, false), cond));
  return n;
}

/**
 * For those who manage the objektlista: objects past their yearly reclassification; from 1 September (followup-rules
 * FOLLOW_UP_DUE_MONTH) objects without the year's follow-up; and objects whose latest follow-up reports deviations
 * remaining after the access review.
 */
export const attentionProviders: AttentionProvider[] = [
  {
    key: 'reclassification-overdue',
    async items(ctx) {
      if (!ctx.authz.hasAnywhere('object.manage')) return [];
      const n = await managed(ctx, overdueSql(stockholmDate()));
      return [{
        key: 'objects.reclassification-overdue',
        severity: 'warning',
        ...countTitles(n, { one: 'Ett objekt har passerat sin årliga omklassning', many: 'objekt har passerat sin årliga omklassning' }, { one: 'One object is past its yearly reclassification', many: 'objects are past their yearly reclassification' }),
        count: n,
        link: '/objekt?overdue=true',
      }];
    },
  },
  {
    key: 'follow-up',
    async items(ctx) {
      if (!ctx.authz.hasAnywhere('object.manage')) return [];
      const today = stockholmDate();
      const year = Number(today.slice(0, 4));
      const missing = followUpDue(today) ? await managed(ctx, sql`not ${followUpDoneSql(year)}`) : 0;
      const deviations = await managed(ctx, deviationsRemainingSql());
      return [
        {
          key: 'objects.follow-up-missing',
          severity: 'info' as const,
          ...countTitles(missing, { one: `Ett objekt saknar årlig objektuppföljning ${year}`, many: `objekt saknar årlig objektuppföljning ${year}` }, { one: `One object lacks its yearly follow-up for ${year}`, many: `objects lack their yearly follow-up for ${year}` }),
          count: missing,
          link: '/objekt?followUp=missing',
        },
        {
          key: 'objects.follow-up-deviations',
          severity: 'warning' as const,
          ...countTitles(deviations, { one: 'Ett objekts behörighetsgenomgång har avvikelser som kvarstår', many: 'objekts behörighetsgenomgångar har avvikelser som kvarstår' }, { one: "One object's access review has deviations remaining", many: "objects' access reviews have deviations remaining" }),
          count: deviations,
          link: '/objekt?followUp=deviations',
        },
      ];
    },
  },
];
