import { and, eq, inArray, like, sql } from 'drizzle-orm';
import type { DemoStep } from '../../cli/demo';
import { escapeLike } from '../../server/platform/authz';
import type { Ctx } from '../../server/platform/context';
import { digitalObjects } from '../objects/table';
import { findOrg } from '../org/service';
import { orgs } from '../org/table';
import { createCameraSite } from './camera';
import { HV_ACTIVITIES, HV_CAMERA_SITES, SN_ACTIVITIES, type DemoActivity, type DemoCameraSite } from './demo-data';
import { approveActivity, createActivity } from './service';
import { cameraSites, processingActivities } from './table';

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

/** Adds the camera sites not there yet (by organisation and name), linked to their organisation's activity of that name. */
async function loadCameras(ctx: Ctx, list: DemoCameraSite[]): Promise<number> {
  let added = 0;
  for (const { activity, ...site } of list) {
    const org = await findOrg(ctx.db, site.org).catch(() => undefined);
    if (!org) continue;
    const [exists] = await ctx.db.select({ id: cameraSites.id }).from(cameraSites)
      .where(and(eq(cameraSites.orgId, org.id), sql`lower(${cameraSites.name}) = lower(${site.name})`));
    if (exists) continue;
    const [act] = activity
      ? await ctx.db.select({ id: processingActivities.id }).from(processingActivities).where(and(eq(processingActivities.orgId, org.id), eq(processingActivities.name, activity)))
      : [];
    await createCameraSite(ctx, { ...site, activityId: act?.id ?? null });
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
    const cameras = await loadCameras(ctx, HV_CAMERA_SITES);
    return [
      `privacy: ${hv} behandlingar i Hässelby-Vällingby, ${sn} i Servicenämnden / processing activities added`,
      `privacy: ${cameras} platser med kamerabevakning i Hässelby-Vällingby / camera surveillance sites added`,
    ];
  },
};
