import { getTableColumns, sql, type SQL } from 'drizzle-orm';
import { executePrepared, resultRows, type Db } from '../../server/platform/db';
import { orgs } from '../org/table';
import { users } from '../users/table';
import { LIST_COLUMNS, art34ExemptionSql, overdueSql, type ListIncidentRow, type ListRow } from './dto';
import { incidents } from './table';

/**
 * One list page's rows, for toListItem: like selectIncidents, but faster for a page of ~50 (list.ts), and only the
 * columns a list row needs (LIST_COLUMNS: no descriptions, which also keeps protected text in the database).
 * - No joins: the org's slug, name and path and the handler's name are looked up per row by primary key. With joins
 *   the planner, expecting 10 rows from "id = any(…)", hashes all of orgs and users; this way the page plans
 *   and runs in about half the time.
 * - The column list is written once, and each row is decoded with the table's own column decoders: drizzle's
 *   select builder rebuilds the list and checks every field's type on every row (~0.5 ms a page).
 * `joinOrgs` joins orgs for conditions on orgs.path (read scope, search of protected text). `prepared`: run as
 * a named prepared statement (for query texts of a bounded number of shapes: executePrepared).
 */
const TABLE_COLUMNS = getTableColumns(incidents);
const COLUMNS = LIST_COLUMNS.map((key) => ({ key, column: TABLE_COLUMNS[key], name: TABLE_COLUMNS[key].name }));
const COLUMN_LIST = sql.raw(COLUMNS.map((c) => `"incidents"."${c.name}"`).join(', '));

export async function loadListRows(
  db: Db, now: Date, q: { where: SQL; joinOrgs: boolean; ascending: boolean; limit: number; prepared?: boolean; order?: { key: SQL; orderBy: SQL } },
): Promise<ListRow[]> {
  const dir = sql.raw(q.ascending ? 'asc' : 'desc');
  // A column's order (sort.ts): its key is selected too, for the next page's cursor.
  const order = q.order ? q.order.orderBy : sql`${incidents.reportedAt} ${dir}, ${incidents.id} ${dir}`;
  const query = sql`select ${COLUMN_LIST},
      (select o.slug from ${orgs} o where o.id = ${incidents.orgId}) as "org.slug",
      (select o.name from ${orgs} o where o.id = ${incidents.orgId}) as "org.name",
      (select o.path from ${orgs} o where o.id = ${incidents.orgId}) as "org.path",
      (select u.name from ${users} u where u.id = ${incidents.handlerId}) as "handler.name",
      ${overdueSql(now)} as "overdue",
      ${art34ExemptionSql()} as "art34Exemption"${q.order ? sql`, ${q.order.key} as "sortKey"` : sql``}
    from ${incidents}${q.joinOrgs ? sql` inner join ${orgs} on ${orgs.id} = ${incidents.orgId}` : sql``}
    where ${q.where} order by ${order} limit ${sql.raw(String(Math.trunc(q.limit)))}`;
  const rows = q.prepared ? await executePrepared(db, query) : resultRows(await db.execute(query));
  return rows.map((r) => {
    const i: Record<string, unknown> = {};
    for (const c of COLUMNS) {
      const v = r[c.name];
      i[c.key] = v === null || v === undefined ? null : c.column.mapFromDriverValue(v);
    }
    const row = i as ListIncidentRow;
    return { i: row, org: { id: row.orgId, slug: r['org.slug'] as string, name: r['org.name'] as string, path: r['org.path'] as string }, handlerName: (r['handler.name'] as string | null) ?? null, overdue: Boolean(r.overdue), art34Exemption: (r.art34Exemption as string | null) ?? null, ...(q.order ? { sortKey: r.sortKey ?? null } : {}) };
  });
}
