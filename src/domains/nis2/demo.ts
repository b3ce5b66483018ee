import { and, eq } from 'drizzle-orm';
import type { DemoStep } from '../../cli/demo';
import { Authz } from '../../server/platform/authz';
import type { Ctx } from '../../server/platform/context';
import { findOrg } from '../org/service';
import { users } from '../users/table';
import { createSupplier, createTraining, updateArea } from './parts';
import { approveAssessment, createAssessment, getScope, putScope } from './service';
import { HV_2025, HV_SCOPE, SN_2025, SN_SCOPE, type DemoAssessment } from './demo-data';
import type { AreaKey } from './contract';
import { nis2Assessments } from './table';

/** Acts as a demo person when present (so the approval names them), else as the system. */
async function asUser(ctx: Ctx, email: string): Promise<Ctx> {
  const [u] = await ctx.db.select({ id: users.id, name: users.name, email: users.email }).from(users).where(eq(users.email, email));
  if (!u) return ctx;
  return { ...ctx, principal: { userId: u.id, email: u.email, name: u.name, locale: 'sv' }, authz: new Authz([{ role: 'systemadministrator', paths: null }]) };
}

async function exists(ctx: Ctx, orgId: string, year: number): Promise<boolean> {
  const [a] = await ctx.db.select({ id: nis2Assessments.id }).from(nis2Assessments).where(and(eq(nis2Assessments.orgId, orgId), eq(nis2Assessments.year, year)));
  return !!a;
}

/** One year's assessment as described, approved when the description says so. */
async function load(ctx: Ctx, d: DemoAssessment): Promise<void> {
  let a = await createAssessment(ctx, { org: d.org, year: d.year });
  for (const [key, change] of Object.entries(d.areas) as [AreaKey, NonNullable<DemoAssessment['areas'][AreaKey]>][]) {
    a = await updateArea(ctx, a.id, key, { version: a.areas.find((x) => x.area === key)!.version, ...change });
  }
  for (const s of d.suppliers) a = await createSupplier(ctx, a.id, s);
  for (const t of d.training) a = await createTraining(ctx, a.id, t);
  if (d.approval) await approveAssessment(await asUser(ctx, d.approval.by), a.id, a.version, new Date(d.approval.at));
}

/**
 * Cybersäkerhetslagen for Hässelby-Vällingby (2025 approved) and Servicenämnden (2025 approved, 2026 started from it),
 * before the reports are built. An organisation missing from the tree is skipped; what exists is left as it is.
 */
export const demo: DemoStep = {
  order: 39,
  async run(ctx) {
    const done: string[] = [];
    for (const [scope, years] of [[HV_SCOPE, [HV_2025]], [SN_SCOPE, [SN_2025]]] as const) {
      const org = await findOrg(ctx.db, scope.org).catch(() => undefined);
      if (!org) continue;
      const cur = await getScope(ctx, scope.org);
      if (cur.version === 0) await putScope(ctx, { ...scope, version: 0 });
      for (const d of years) {
        if (await exists(ctx, org.id, d.year)) continue;
        await load(ctx, d);
        done.push(`${org.name} ${d.year}`);
      }
      if (scope.org === SN_SCOPE.org && !(await exists(ctx, org.id, 2026))) {
        await createAssessment(ctx, { org: scope.org, year: 2026 });
        done.push(`${org.name} 2026 (framförd / carried forward)`);
      }
    }
    return [`nis2: ${done.length ? done.join(', ') : 'inget nytt / nothing new'}`];
  },
};
