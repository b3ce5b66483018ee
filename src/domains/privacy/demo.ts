import { and, eq, inArray, like, sql } from 'drizzle-orm';
import type { DemoStep } from '../../cli/demo';
import { escapeLike } from '../../server/platform/authz';
import type { Ctx } from '../../server/platform/context';
import { digitalObjects } from '../objects/table';
import { findOrg } from '../org/service';
import { orgs } from '../org/table';
import { HV_ACTIVITIES, SN_ACTIVITIES, type DemoActivity } from './demo-data';
import { approveActivity, createActivity } from './service';
import { processingActivities } from './table';

/**
 * Adds the activities not there yet (by organisation and name), linked to the förvaltning's objects of those names,
 * and approves those marked so; an organisation missing from the tree is skipped.
 */
async function load(ctx: Ctx, forvaltning: string, list: DemoActivity[]): Promise<number> {
  const top = await findOrg(ctx.db, forvaltning).catch(() => undefined);
  if (!top) return 0;
  let added = 0;
  for (const { objects, approved, ...a } of list) {
    const org = await findOrg(ctx.db, a.org).catch(() => undefined);
    if (!org) continue;
    const [exists] = await ctx.db.select({ id: processingActivities.id }).from(processingActivities)
      .where(and(eq(processingActivities.orgId, org.id), sql`lower(${processingActivities.name}) = lower(${a.name})`));
    if (exists) continue;
    const objectIds = objects?.length
      ? (await ctx.db.select({ id: digitalObjects.id }).from(digitalObjects).innerJoin(orgs, eq(orgs.id, digitalObjects.orgId))
          .where(and(inArray(digitalObjects.name, objects), like(orgs.path, escapeLike(top.path) + '%')))).map((r) => r.id)
      : [];
    const created = await createActivity(ctx, { ...a, objectIds });
    if (approved) await approveActivity(ctx, created.id, { version: created.version });
    added++;
  }
  return added;
}

/** The registerförteckningar of Hässelby-Vällingby (seed 002) and Servicenämnden (seed 000), after the objektlistor. */
export const demo: DemoStep = {
  order: 39,
  async run(ctx) {
    const hv = await load(ctx, 'hasselby-vallingby', HV_ACTIVITIES);
    const sn = await load(ctx, 'servicenamnden', SN_ACTIVITIES);
    return [`privacy: ${hv} behandlingar i Hässelby-Vällingby, ${sn} i Servicenämnden / processing activities added`];
  },
};
