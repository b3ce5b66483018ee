import { sql, type AnyColumn, type SQL } from 'drizzle-orm';
import type { Db } from '../../server/platform/db';
import type { Grant } from '../../server/platform/authz';
import { isRole } from '../../server/platform/permissions';
import { orgGroupMembers, orgGroups, orgs } from '../org/table';
import { roleAssignments } from './table';

/** One role assignment as grantsSql answers it: the org's path, or a live group's member paths. */
export interface GrantRow {
  role: string;
  orgId: string | null;
  path: string | null;
  groupId: string | null;
  groupPaths: string[] | null;
}

/**
 * The user's role assignments as one JSON array (a scalar subquery), so the session lookup reads the person
 * and their grants in one round trip. An archived group's member paths are left out (it covers nothing).
 * Wrapped once more so that a single-table select does not strip the table names off its columns.
 */
export function grantsSql(userId: AnyColumn | SQL | string): SQL<GrantRow[]> {
  const inner = sql`(select coalesce(json_agg(json_build_object(
      'role', ra.role, 'orgId', ra.org_id, 'path', ro.path, 'groupId', ra.group_id,
      'groupPaths', case when rg.id is not null and rg.archived_at is null then (select json_agg(mo.path) from ${orgGroupMembers} m
        inner join ${orgs} mo on mo.id = m.org_id where m.group_id = rg.id) end)), '[]'::json)
    from ${roleAssignments} ra left join ${orgs} ro on ro.id = ra.org_id left join ${orgGroups} rg on rg.id = ra.group_id
    where ra.user_id = ${userId})`;
  return sql<GrantRow[]>`${inner}`;
}

/** Role assignments as grants over org paths (archived orgs still count: their records stay governed). */
export function toGrants(rows: GrantRow[]): Grant[] {
  const grants: Grant[] = [];
  for (const r of rows) {
    if (!isRole(r.role)) continue;
    if (r.orgId) grants.push({ role: r.role, paths: r.path ? [r.path] : [] });
    else if (r.groupId) {
      // An archived or empty group covers nothing, so the role counts nowhere (not even at the route gate).
      const paths = r.groupPaths ?? [];
      if (paths.length > 0) grants.push({ role: r.role, paths });
    } else grants.push({ role: r.role, paths: null });
  }
  return grants;
}

/** The user's roles as grants over org paths, in one query. */
export async function loadGrants(db: Db, userId: string): Promise<Grant[]> {
  const [row] = await db.select({ grants: grantsSql(userId) }).from(sql`(select 1) as one`);
  return toGrants(row?.grants ?? []);
}
