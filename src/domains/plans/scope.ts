import { eq, inArray } from 'drizzle-orm';
import type { Ctx } from '../../server/platform/context';
import type { Db } from '../../server/platform/db';
import { forbidden, notFound } from '../../server/platform/errors';
import type { Permission } from '../../server/platform/permissions';
import { findOrg, orgNotFound } from '../org/service';
import { orgs } from '../org/table';

export type OrgRow = typeof orgs.$inferSelect;

const missing = (slug: string) =>
  orgNotFound(slug);

/**
 * The organisation named by slug or id, if the caller holds `read` on it (404 otherwise, so existence does not
 * leak); with `write`, also that permission (403 when they may see it but not change it).
 */
export async function orgFor(ctx: Ctx, db: Db, slugOrId: string, read: Permission, write?: Permission): Promise<OrgRow> {
  let org: OrgRow;
  try {
    org = await findOrg(db, slugOrId);
  } catch {
    throw missing(slugOrId);
  }
  if (!ctx.authz.can(read, org.path) && !(write && ctx.authz.can(write, org.path))) throw missing(slugOrId);
  if (write && !ctx.authz.can(write, org.path)) throw forbidden();
  return org;
}

/** A record's org, checked like orgFor; `what` names the record in the 404. */
export async function recordOrg(
  ctx: Ctx, db: Db, orgId: string, read: Permission, write: Permission | undefined, what: { sv: string; en: string }, field = 'id',
): Promise<OrgRow> {
  const [org] = await db.select().from(orgs).where(eq(orgs.id, orgId));
  if (!org || (!ctx.authz.can(read, org.path) && !(write && ctx.authz.can(write, org.path)))) throw notFound(what, field);
  if (write && !ctx.authz.can(write, org.path)) throw forbidden();
  return org;
}

export async function orgSlugs(db: Db, ids: string[]): Promise<Map<string, { slug: string; name: string }>> {
  if (ids.length === 0) return new Map();
  const rows = await db.select({ id: orgs.id, slug: orgs.slug, name: orgs.name }).from(orgs).where(inArray(orgs.id, [...new Set(ids)]));
  return new Map(rows.map((r) => [r.id, { slug: r.slug, name: r.name }]));
}

