/**
 * Start page: overdue åtgärder (as the Riskåtgärder list finds them), overdue register-risk reviews and, for those who manage continuity (risk.manage):
 * continuity plans past their review, exercises planned within 30 days, and critical processes of each förvaltning's
 * latest RSA without a fastställd continuity plan (one count each).
 */
import { and, count, eq, gte, lt, lte, sql } from 'drizzle-orm';
import { countTitles, coveringOrg, withOrg, type AttentionProvider } from '../../server/platform/attention';
import type { Ctx } from '../../server/platform/context';
import { orgs } from '../org/table';
import { actionParents, currentActionSql, onParent, overdueSql } from './actions-list';
import { nextReviewSql } from './continuity-rules';
import { continuityPlans, exercises, riskActions, risks, rsaActivities, rsaAnalyses } from './table';
import { stockholmDate } from '../../server/platform/time';

const visible = (ctx: Ctx) => ctx.authz.scopeSql('risk.read', orgs.path);

/** The day `days` days after `day` (YYYY-MM-DD). */
function addDays(day: string, days: number): string {
  const d = new Date(`${day}T12:00:00Z`);
  d.setUTCDate(d.getUTCDate() + days);
  return d.toISOString().slice(0, 10);
}

export const attentionProviders: AttentionProvider[] = [
  {
    key: 'overdue-actions',
    async items(ctx) {
      if (!ctx.authz.hasAnywhere('risk.manage')) return [];
      // As the list counts them (its parents, overdue and current conditions), where the person manages the parent.
      const p = actionParents(ctx, ctx.authz.scopeSql('risk.manage', orgs.path));
      const byOrg = await ctx.db
        .select({ path: p.orgPath, n: count() })
        .from(riskActions)
        .innerJoin(p, onParent(p))
        .where(and(currentActionSql, overdueSql(stockholmDate())))
        .groupBy(p.orgPath);
      const n = byOrg.reduce((sum, o) => sum + o.n, 0);
      const org = await coveringOrg(ctx, 'risk.read', byOrg.map((o) => o.path));
      return [{
        key: 'risks.overdue-actions',
        severity: 'warning',
        ...countTitles(n, { one: 'En riskåtgärd är försenad', many: 'riskåtgärder är försenade' }, { one: 'One risk action is overdue', many: 'risk actions are overdue' }),
        count: n,
        // Opened on the one organisation that covers them all, else on all of the person's organisations (?alla=1).
        link: org ? withOrg('/risker/atgarder?forsenade=1', [org]) : '/risker/atgarder?forsenade=1&alla=1',
      }];
    },
  },
  {
    key: 'overdue-continuity-reviews',
    async items(ctx) {
      if (!ctx.authz.hasAnywhere('risk.manage')) return [];
      const today = stockholmDate();
      const manageable = ctx.authz.scopeSql('risk.manage', orgs.path);
      const [{ n }] = await ctx.db.select({ n: count() }).from(continuityPlans).innerJoin(orgs, eq(orgs.id, continuityPlans.orgId))
        .where(and(manageable, eq(continuityPlans.archived, false), sql`${nextReviewSql()} < ${today}::date`));
      const soon = addDays(today, 30);
      const [{ e }] = await ctx.db.select({ e: count() }).from(exercises).innerJoin(orgs, eq(orgs.id, exercises.orgId))
        .where(and(manageable, eq(exercises.archived, false), eq(exercises.status, 'planerad'), gte(exercises.date, today), lte(exercises.date, soon)));
      // Planned exercises whose day has passed: held or cancelled, but not registered (the report names them too).
      const [{ past }] = await ctx.db.select({ past: count() }).from(exercises).innerJoin(orgs, eq(orgs.id, exercises.orgId))
        .where(and(manageable, eq(exercises.archived, false), eq(exercises.status, 'planerad'), lt(exercises.date, today)));
      // Processes of each förvaltning's latest RSA cycle that has processes, without a fastställd active plan.
      const [{ p }] = await ctx.db.select({ p: count() }).from(rsaActivities)
        .innerJoin(rsaAnalyses, eq(rsaAnalyses.id, rsaActivities.rsaId)).innerJoin(orgs, eq(orgs.id, rsaAnalyses.orgId))
        .where(and(
          manageable,
          sql`not exists (select 1 from ${rsaAnalyses} r2 join ${rsaActivities} a2 on a2.rsa_id = r2.id where r2.org_id = ${rsaAnalyses.orgId} and r2.cycle_start_year > ${rsaAnalyses.cycleStartYear})`,
          sql`not exists (select 1 from ${continuityPlans} cp where cp.activity_id = ${rsaActivities.id} and cp.status = 'faststalld' and not cp.archived)`,
        ));
      return [
        {
          key: 'risks.overdue-continuity-reviews',
          severity: 'warning' as const,
          ...countTitles(n, { one: 'En kontinuitetsplan har passerat sin översyn', many: 'kontinuitetsplaner har passerat sin översyn' }, { one: 'One continuity plan is past its review date', many: 'continuity plans are past their review date' }),
          count: n,
          link: '/risker/kontinuitet?forsenade=1',
        },
        {
          key: 'risks.exercises-soon',
          severity: 'info' as const,
          ...countTitles(e, { one: 'En övning är planerad inom 30 dagar', many: 'övningar är planerade inom 30 dagar' }, { one: 'One exercise is planned within 30 days', many: 'exercises are planned within 30 days' }),
          count: e,
          link: '/risker/kontinuitet?ovningar=planerad',
        },
        {
          key: 'risks.exercises-past-date',
          severity: 'warning' as const,
          ...countTitles(past, { one: 'En planerad övning har passerat sitt datum utan att registreras som genomförd eller inställd', many: 'planerade övningar har passerat sitt datum utan att registreras som genomförda eller inställda' }, { one: 'One planned exercise is past its date without being registered as held or cancelled', many: 'planned exercises are past their date without being registered as held or cancelled' }),
          count: past,
          link: '/risker/kontinuitet?ovningar=planerad',
        },
        {
          key: 'risks.processes-without-plan',
          severity: 'info' as const,
          ...countTitles(p, { one: 'En kritisk process saknar fastställd kontinuitetsplan', many: 'kritiska processer saknar fastställd kontinuitetsplan' }, { one: 'One critical process lacks an adopted continuity plan', many: 'critical processes lack an adopted continuity plan' }),
          count: p,
          link: '/risker/kontinuitet?flik=rsa&utanPlan=1',
        },
      ];
    },
  },
  {
    key: 'overdue-risk-reviews',
    async items(ctx) {
      if (!ctx.authz.hasAnywhere('risk.read')) return [];
      const byOrg = await ctx.db
        .select({ path: orgs.path, n: count() })
        .from(risks)
        .innerJoin(orgs, eq(orgs.id, risks.orgId))
        .where(and(visible(ctx), eq(risks.status, 'oppen'), lt(risks.reviewDate, stockholmDate())))
        .groupBy(orgs.path);
      const n = byOrg.reduce((sum, o) => sum + o.n, 0);
      // The register shows the organisation chosen in the header: open it where the counted risks are.
      const org = await coveringOrg(ctx, 'risk.read', byOrg.map((o) => o.path));
      return [{
        key: 'risks.overdue-risk-reviews',
        severity: 'info',
        ...countTitles(n, { one: 'En risk i riskregistret ska ses över', many: 'risker i riskregistret ska ses över' }, { one: 'One register risk is due for review', many: 'register risks are due for review' }),
        count: n,
        link: withOrg('/risker/register?reviewOverdue=true', org ? [org] : []),
      }];
    },
  },
];
