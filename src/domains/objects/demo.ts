import { and, eq, sql } from 'drizzle-orm';
import type { DemoStep } from '../../cli/demo';
import type { Ctx } from '../../server/platform/context';
import { findOrg } from '../org/service';
import { HV_OBJECTS, snObjects, type DemoObject } from './demo-data';
import { createObject } from './service';
import { digitalObjects } from './table';

/** Adds the objects not there yet (by organisation and name); an organisation missing from the tree is skipped. */
async function load(ctx: Ctx, list: DemoObject[]): Promise<number> {
  let added = 0;
  for (const o of list) {
    const org = await findOrg(ctx.db, o.org).catch(() => undefined);
    if (!org) continue;
    const [exists] = await ctx.db.select({ id: digitalObjects.id }).from(digitalObjects)
      .where(and(eq(digitalObjects.orgId, org.id), sql`lower(${digitalObjects.name}) = lower(${o.name})`));
    if (exists) continue;
    await createObject(ctx, o);
    added++;
  }
  return added;
}

/** The objektlistor of Hässelby-Vällingby (seed 002) and Servicenämnden (seed 000), before the reports are built. */
export const demo: DemoStep = {
  order: 38,
  async run(ctx) {
    const hv = await load(ctx, HV_OBJECTS);
    const sn = await load(ctx, snObjects());
    return [`objects: ${hv} objekt i Hässelby-Vällingby, ${sn} i Servicenämnden / objects added`];
  },
};
