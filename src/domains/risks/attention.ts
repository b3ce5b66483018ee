/** Start page: overdue åtgärder, overdue continuity-plan reviews and overdue register-risk reviews (one count each). */
import { and, count, eq, inArray, isNotNull, lt } from 'drizzle-orm';
import { countTitles, type AttentionProvider } from '../../server/platform/attention';
import type { Ctx } from '../../server/platform/context';
import { orgs } from '../org/table';
import { OPEN_ACTION } from './contract';
import { continuityPlans, riskActions, risks } from './table';
import { stockholmDate } from '../../server/platform/time';

const visible = (ctx: Ctx) => ctx.authz.scopeSql('risk.read', orgs.path);

export const attentionProviders: AttentionProvider[] = [
  {
    key: 'overdue-actions',
    async items(ctx) {
      if (!ctx.authz.hasAnywhere('risk.manage')) return [];
      const [{ n }] = await ctx.db
        .select({ n: count() })
        .from(riskActions)
        .innerJoin(orgs, eq(orgs.id, riskActions.orgId))
        .where(and(ctx.authz.scopeSql('risk.manage', orgs.path), inArray(riskActions.status, [...OPEN_ACTION]), lt(riskActions.dueDate, stockholmDate())));
      return [{
        key: 'risks.overdue-actions',
        severity: 'warning',
        ...countTitles(n, { one: 'En riskåtgärd är försenad', many: 'riskåtgärder är försenade' }, { one: 'One risk action is overdue', many: 'risk actions are overdue' }),
        count: n,
        link: '/risker/atgarder?forsenade=1',
      }];
    },
  },
  {
    key: 'overdue-continuity-reviews',
    async items(ctx) {
      if (!ctx.authz.hasAnywhere('risk.read')) return [];
      const [{ n }] = await ctx.db
        .select({ n: count() })
        .from(continuityPlans)
        .innerJoin(orgs, eq(orgs.id, continuityPlans.orgId))
        .where(and(visible(ctx), isNotNull(continuityPlans.nextReview), lt(continuityPlans.nextReview, stockholmDate())));
      return [{
        key: 'risks.overdue-continuity-reviews',
        severity: 'warning',
        ...countTitles(n, { one: 'En kontinuitetsplan har passerat sin översyn', many: 'kontinuitetsplaner har passerat sin översyn' }, { one: 'One continuity plan is past its review date', many: 'continuity plans are past their review date' }),
        count: n,
        link: '/risker/kontinuitet?forsenade=1',
      }];
    },
  },
  {
    key: 'overdue-risk-reviews',
    async items(ctx) {
      if (!ctx.authz.hasAnywhere('risk.read')) return [];
      const [{ n }] = await ctx.db
        .select({ n: count() })
        .from(risks)
        .innerJoin(orgs, eq(orgs.id, risks.orgId))
        .where(and(visible(ctx), eq(risks.status, 'oppen'), lt(risks.reviewDate, stockholmDate())));
      return [{
        key: 'risks.overdue-risk-reviews',
        severity: 'info',
        ...countTitles(n, { one: 'En risk i riskregistret ska ses över', many: 'risker i riskregistret ska ses över' }, { one: 'One register risk is due for review', many: 'register risks are due for review' }),
        count: n,
        link: '/risker/register?reviewOverdue=true',
      }];
    },
  },
];
