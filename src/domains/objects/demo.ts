import { and, eq, sql } from 'drizzle-orm';
import type { DemoStep } from '../../cli/demo';
import type { Ctx } from '../../server/platform/context';
import { findOrg } from '../org/service';
import { HV_OBJECTS, snObjects, type DemoObject } from './demo-data';
import { createFollowUp } from './followup';
import { HV_FOLLOW_UPS, SN_FOLLOW_UPS, type DemoFollowUp } from './followup-demo-data';
import { createObject } from './service';
import { digitalObjects, objectFollowUps } from './table';

async function objectId(ctx: Ctx, orgSlug: string, name: string): Promise<string | undefined> {
  const org = await findOrg(ctx.db, orgSlug).catch(() => undefined);
  if (!org) return undefined;
  const [o] = await ctx.db.select({ id: digitalObjects.id }).from(digitalObjects)
    .where(and(eq(digitalObjects.orgId, org.id), sql`lower(${digitalObjects.name}) = lower(${name})`));
  return o?.id;
}

/** Adds the objects not there yet (by organisation and name); an organisation missing from the tree is skipped. */
async function load(ctx: Ctx, list: DemoObject[]): Promise<number> {
  let added = 0;
  for (const o of list) {
    const org = await findOrg(ctx.db, o.org).catch(() => undefined);
    if (!org) continue;
    if (await objectId(ctx, o.org, o.name)) continue;
    await createObject(ctx, o);
    added++;
  }
  return added;
}

/** Adds the follow-ups not there yet (by object and year); an object missing is skipped. */
async function loadFollowUps(ctx: Ctx, list: DemoFollowUp[]): Promise<number> {
  let added = 0;
  for (const f of list) {
    const id = await objectId(ctx, f.org, f.object);
    if (!id) continue;
    const [exists] = await ctx.db.select({ id: objectFollowUps.id }).from(objectFollowUps)
      .where(and(eq(objectFollowUps.objectId, id), eq(objectFollowUps.year, f.followUp.year)));
    if (exists) continue;
    await createFollowUp(ctx, id, f.followUp);
    added++;
  }
  return added;
}

/**
 * The objektlistor of Hässelby-Vällingby (seed 002) and Servicenämnden (seed 000), with the 2025 object follow-ups,
 * before the reports are built.
 */
export const demo: DemoStep = {
  order: 38,
  async run(ctx) {
    const hv = await load(ctx, HV_OBJECTS);
    const sn = await load(ctx, snObjects());
    const fu = await loadFollowUps(ctx, [...HV_FOLLOW_UPS, ...SN_FOLLOW_UPS]);
    return [`objects: ${hv} objekt i Hässelby-Vällingby, ${sn} i Servicenämnden, ${fu} objektuppföljningar / objects and follow-ups added`];
  },
};
