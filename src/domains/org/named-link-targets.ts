import { and, asc, eq, ilike, inArray, sql } from 'drizzle-orm';
import type { AnyPgColumn, PgTable } from 'drizzle-orm/pg-core';
import { containsPattern, type LinkTarget, type LinkTargetProvider } from '../../server/platform/link-targets';
import type { Permission } from '../../server/platform/permissions';
import { orgs } from './table';

/**
 * The link targets of a register whose records have a name, an organisation and an archived flag (the objektlista,
 * the registerförteckning, …): readable with `permission` on the record's organisation; an archived record is still
 * named by a link ("… (arkiverat)", "… (arkiverad)"), and searched only among active ones, by name, in name order.
 */
export function namedRecordTargets(o: {
  type: string;
  table: PgTable;
  columns: { id: AnyPgColumn; name: AnyPgColumn; archived: AnyPgColumn; orgId: AnyPgColumn };
  permission: Permission;
  /** The register's page in the web app. */
  href: string;
  /** "arkiverat" or "arkiverad", as the record's noun takes it (objektet, behandlingen, leverantören). */
  archivedWord: 'arkiverat' | 'arkiverad';
}): LinkTargetProvider {
  const c = o.columns;
  const select = { id: c.id, name: c.name, archived: c.archived, slug: orgs.slug, orgName: orgs.name };
  type Row = { id: string; name: string; archived: boolean; slug: string; orgName: string };
  const toTarget = (r: Row): LinkTarget => ({ id: r.id, title: r.archived ? `${r.name} (${o.archivedWord})` : r.name, href: o.href, org: { slug: r.slug, name: r.orgName } });
  return {
    type: o.type,
    async resolve(ctx, db, ids) {
      if (ids.length === 0) return [];
      const rows = await db.select(select).from(o.table).innerJoin(orgs, eq(orgs.id, c.orgId))
        .where(and(inArray(c.id, ids), ctx.authz.scopeSql(o.permission, orgs.path)));
      return (rows as Row[]).map(toTarget);
    },
    async search(ctx, db, q, limit) {
      const rows = await db.select(select).from(o.table).innerJoin(orgs, eq(orgs.id, c.orgId))
        .where(and(ctx.authz.scopeSql(o.permission, orgs.path), eq(c.archived, false), q ? ilike(c.name, containsPattern(q)) : sql`true`))
        .orderBy(asc(sql`lower(${c.name})`)).limit(limit);
      return (rows as Row[]).map(toTarget);
    },
  };
}
