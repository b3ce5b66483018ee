import { and, between, count, eq } from 'drizzle-orm';
import type { DemoStep } from '../../cli/demo';
import { inTx } from '../../server/platform/tx';
import { findOrg } from '../org/service';
import { HV_PLAN, SN_PLAN } from './demo-data';
import { insertActivity } from './service';
import { planActivities } from './table';

/** Improvement plans 2025–2028 of Hässelby-Vällingby and Servicenämnden. Skips an org that already has a plan. */
export const demo: DemoStep = {
  order: 50,
  async run(ctx) {
    const out: string[] = [];
    for (const [slug, plan] of [['hasselby-vallingby', HV_PLAN], ['servicenamnden', SN_PLAN]] as const) {
      const org = await findOrg(ctx.db, slug).catch(() => undefined);
      if (!org) continue;
      const [{ n }] = await ctx.db.select({ n: count() }).from(planActivities).where(and(eq(planActivities.orgId, org.id), between(planActivities.year, 2025, 2028)));
      if (n > 0) {
        out.push(`Förbättringsplan ${org.name}: finns redan / exists (${n}).`);
        continue;
      }
      await inTx(ctx, async (tx) => {
        for (const [year, rows] of Object.entries(plan)) {
          let position = 0;
          for (const [area, description, responsible, partners, status] of rows) {
            await insertActivity(tx, ctx, org, { year: Number(year), area, description, responsible, partners: partners ?? '', dueDate: `${year}-12-31`, position: position++, ...(status ? { status } : {}) });
          }
        }
      });
      out.push(`Förbättringsplan ${org.name}: ${Object.entries(plan).map(([y, r]) => `${y}: ${r.length}`).join(', ')}.`);
    }
    return out;
  },
};
