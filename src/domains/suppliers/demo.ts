import { and, eq, ilike, inArray, like, sql } from 'drizzle-orm';
import type { DemoStep } from '../../cli/demo';
import { escapeLike } from '../../server/platform/authz';
import type { Ctx } from '../../server/platform/context';
import { addLink } from '../incidents/links';
import { incidentLinks, incidents } from '../incidents/table';
import { digitalObjects } from '../objects/table';
import { findOrg } from '../org/service';
import { orgs } from '../org/table';
import { HV_SUPPLIERS, SN_SUPPLIERS, type DemoSupplier } from './demo-data';
import { createSupplier } from './service';
import { suppliers } from './table';

/**
 * Adds the suppliers not there yet (by organisation and name), linked to the förvaltning's objects of those names;
 * an organisation missing from the tree is skipped.
 */
async function load(ctx: Ctx, forvaltning: string, list: DemoSupplier[]): Promise<number> {
  const top = await findOrg(ctx.db, forvaltning).catch(() => undefined);
  if (!top) return 0;
  let added = 0;
  for (const { objects, ...s } of list) {
    const org = await findOrg(ctx.db, s.org).catch(() => undefined);
    if (!org) continue;
    const [exists] = await ctx.db.select({ id: suppliers.id }).from(suppliers)
      .where(and(eq(suppliers.orgId, org.id), sql`lower(${suppliers.name}) = lower(${s.name})`));
    if (exists) continue;
    const objectIds = objects?.length
      ? (await ctx.db.select({ id: digitalObjects.id }).from(digitalObjects).innerJoin(orgs, eq(orgs.id, digitalObjects.orgId))
          .where(and(inArray(digitalObjects.name, objects), like(orgs.path, escapeLike(top.path) + '%')))).map((r) => r.id)
      : [];
    await createSupplier(ctx, { ...s, objectIds });
    added++;
  }
  return added;
}

/**
 * Servicenämnden's one incident reported to IMY, the attack on the supplier of its personnel system (seed 000:
 * Miljödata), is linked to the supplier Miljödata, unless it is already; nothing happens without either.
 */
async function linkMiljodata(ctx: Ctx): Promise<number> {
  const top = await findOrg(ctx.db, 'servicenamnden').catch(() => undefined);
  if (!top) return 0;
  const [supplier] = await ctx.db.select({ id: suppliers.id }).from(suppliers).where(and(eq(suppliers.orgId, top.id), eq(suppliers.name, 'Miljödata')));
  if (!supplier) return 0;
  const breaches = await ctx.db.select({ id: incidents.id }).from(incidents)
    .where(and(eq(incidents.registerOrgId, top.id), eq(incidents.reportedToImy, true), ilike(incidents.title, '%leverantör av personalsystem%')));
  let linked = 0;
  for (const b of breaches) {
    const [done] = await ctx.db.select({ id: incidentLinks.id }).from(incidentLinks)
      .where(and(eq(incidentLinks.incidentId, b.id), eq(incidentLinks.targetType, 'supplier'), eq(incidentLinks.targetId, supplier.id)));
    if (done) continue;
    await addLink(ctx, b.id, { targetType: 'supplier', targetId: supplier.id, note: 'Dataintrånget hos leverantören, anmält till IMY.' });
    linked++;
  }
  return linked;
}

/** The leverantörsregister of Hässelby-Vällingby (seed 002) and Servicenämnden (seed 000), after the objektlistor. */
export const demo: DemoStep = {
  order: 39.5,
  async run(ctx) {
    const hv = await load(ctx, 'hasselby-vallingby', HV_SUPPLIERS);
    const sn = await load(ctx, 'servicenamnden', SN_SUPPLIERS);
    const links = await linkMiljodata(ctx);
    return [`suppliers: ${hv} leverantörer i Hässelby-Vällingby, ${sn} i Servicenämnden, ${links} incident kopplad till Miljödata / suppliers added, incidents linked`];
  },
};
