import { and, eq, inArray, isNull, sql } from 'drizzle-orm';
import type { Ctx } from '../../server/platform/context';
import type { Db } from '../../server/platform/db';
import { ROLE_PERMISSIONS, ROLES, type Permission } from '../../server/platform/permissions';
import { orgGroupMembers, orgGroups, orgs } from '../org/table';
import { roleAssignments, users } from '../users/table';
import { orgFor } from './service';

export interface Holder {
  id: string;
  name: string;
  email: string;
}

/** The roles that grant `permission` (the system administrator's reach is everything, not a working role: left out). */
export const rolesWith = (permission: Permission) => ROLES.filter((r) => ROLE_PERMISSIONS[r].includes(permission) && r !== 'systemadministrator');

/**
 * Active users holding one of `roles` on the org or above it: on an organisation on the path, everywhere, or on a
 * live samverkansgrupp with a member on the path (a DSO shared by several förvaltningar holds the role on the group;
 * grants.ts gives them incident.manage there too). Each once, by name.
 */
export async function roleHolders(db: Db, path: string, roles: readonly string[]): Promise<Holder[]> {
  const ancestors = path.split('/').filter(Boolean);
  const onPath = sql.join(ancestors.map((a) => sql`${a}::uuid`), sql`, `);
  const rows = await db.selectDistinct({ id: users.id, name: users.name, email: users.email }).from(roleAssignments)
    .innerJoin(users, eq(users.id, roleAssignments.userId))
    .leftJoin(orgs, eq(orgs.id, roleAssignments.orgId))
    .where(and(eq(users.active, true), inArray(roleAssignments.role, [...roles]),
      sql`(${roleAssignments.orgId} in (${onPath}) or (${isNull(roleAssignments.orgId)} and ${isNull(roleAssignments.groupId)})
        or ${roleAssignments.groupId} in (select ${orgGroupMembers.groupId} from ${orgGroupMembers}
          inner join ${orgGroups} on ${orgGroups.id} = ${orgGroupMembers.groupId}
          where ${orgGroups.archivedAt} is null and ${orgGroupMembers.orgId} in (${onPath})))`));
  return rows.sort((a, b) => a.name.localeCompare(b.name, 'sv') || a.email.localeCompare(b.email));
}

/**
 * Who may be named handler or action owner of incidents of these organisations: everyone who may read them in every
 * one (the förvaltning's ISAM, DSO and förvaltningschef as well as a unit's own staff, and a samverkansgrupp's DSO), as
 * access.ts checkUser accepts; with `protectedOnly` (a protected record among them) only those who may read its
 * protected texts, as checkUser asks of a handler. For one who manages incidents in each (404 when one is out of scope
 * or unknown); names only, so a DSO without user.read can hand a case on.
 */
export async function handlerCandidates(ctx: Ctx, orgSlugs: string[], protectedOnly: boolean): Promise<{ id: string; name: string }[]> {
  const roles = rolesWith(protectedOnly ? 'incident.protected' : 'incident.read');
  let common: Holder[] | null = null;
  for (const slug of [...new Set(orgSlugs)]) {
    const org = await orgFor(ctx, ctx.db, slug, 'incident.manage');
    const here = await roleHolders(ctx.db, org.path, roles);
    const ids = new Set(here.map((h) => h.id));
    common = common === null ? here : common.filter((h) => ids.has(h.id));
  }
  return (common ?? []).map(({ id, name }) => ({ id, name }));
}
