import { eq } from 'drizzle-orm';
import type { Db } from '../../server/platform/db';
import type { Grant } from '../../server/platform/authz';
import { isRole } from '../../server/platform/permissions';
import { groupMemberPaths } from '../org/service';
import { orgGroups, orgs } from '../org/table';
import { roleAssignments } from './table';

/** The user's roles as grants over org paths (archived orgs still count: their records stay governed). */
export async function loadGrants(db: Db, userId: string): Promise<Grant[]> {
  const rows = await db
    .select({ role: roleAssignments.role, orgId: roleAssignments.orgId, path: orgs.path, groupId: roleAssignments.groupId, groupArchived: orgGroups.archivedAt })
    .from(roleAssignments)
    .leftJoin(orgs, eq(orgs.id, roleAssignments.orgId))
    .leftJoin(orgGroups, eq(orgGroups.id, roleAssignments.groupId))
    .where(eq(roleAssignments.userId, userId));
  const groups = await groupMemberPaths(db, rows.filter((r) => r.groupId && !r.groupArchived).map((r) => r.groupId!));
  const grants: Grant[] = [];
  for (const r of rows) {
    if (!isRole(r.role)) continue;
    if (r.orgId) grants.push({ role: r.role, paths: r.path ? [r.path] : [] });
    else if (r.groupId) {
      // An archived or empty group covers nothing, so the role counts nowhere (not even at the route gate).
      const paths = groups.get(r.groupId) ?? [];
      if (paths.length > 0) grants.push({ role: r.role, paths });
    }
    else grants.push({ role: r.role, paths: null });
  }
  return grants;
}
