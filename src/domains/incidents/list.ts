import { and, asc, desc, eq, isNull, not, or, sql, type SQL } from 'drizzle-orm';
import type { Ctx } from '../../server/platform/context';
import { escapeLike } from '../../server/platform/authz';
import { badRequest, notFound } from '../../server/platform/errors';
import { findOrg } from '../org/service';
import { orgs } from '../org/table';
import type { IncidentSummary, ListQuery } from './contract';
import { overdueSql, selectIncidents, toSummary, type LoadedIncident } from './dto';
import { incidents } from './table';
import { yearRange } from './time';
import { isStatus } from './transitions';

/** The caller's incidents: incident.read on the org's subtree, plus what they reported themselves. */
export function readScope(ctx: Ctx): SQL {
  const own = ctx.principal ? sql`${incidents.reporterId} = ${ctx.principal.userId}` : sql`false`;
  return sql`(${ctx.authz.scopeSql('incident.read', orgs.path)} or ${own})`;
}

/** Lists need incident.read somewhere, or incident.report (then: one's own reports). */
export function requireListAccess(ctx: Ctx): void {
  if (!ctx.authz.hasAnywhere('incident.read')) ctx.authz.require('incident.report');
}

const searchVector = sql`to_tsvector('swedish', ${incidents.title} || ' ' || ${incidents.description})`;

/** WHERE conditions for a list or export query; shared so the list, its export and its counts agree. */
export async function listConditions(ctx: Ctx, q: Omit<ListQuery, 'cursor' | 'limit' | 'sort'>, now: Date): Promise<SQL[]> {
  const conds: SQL[] = [readScope(ctx)];
  if (q.org) {
    const org = await findOrg(ctx.db, q.org);
    if (!ctx.authz.can('incident.read', org.path) && !ctx.authz.can('incident.report', org.path)) {
      throw notFound({ sv: `Organisationen "${q.org}" finns inte.`, en: `Organisation "${q.org}" does not exist.` }, 'org');
    }
    conds.push(sql`${orgs.path} like ${escapeLike(org.path) + '%'}`);
  }
  if (q.status) {
    const list = q.status.split(',').map((s) => s.trim()).filter(Boolean);
    const bad = list.find((s) => !isStatus(s));
    if (bad !== undefined) {
      throw badRequest('invalid_status', { sv: `Okänd status "${bad}".`, en: `Unknown status "${bad}".` }, 'status');
    }
    conds.push(sql`${incidents.status} in (${sql.join(list.map((s) => sql`${s}`), sql`, `)})`);
  }
  if (q.kind) conds.push(eq(incidents.kind, q.kind));
  if (q.category) conds.push(eq(incidents.category, q.category));
  if (q.year) {
    const [from, to] = yearRange(q.year);
    conds.push(sql`${incidents.reportedAt} >= ${from.toISOString()} and ${incidents.reportedAt} < ${to.toISOString()}`);
  }
  if (q.personalData === 'breach') conds.push(sql`(${incidents.personalData} = 'ja' or ${incidents.kind} = 'Personuppgiftsincident')`);
  else if (q.personalData) conds.push(eq(incidents.personalData, q.personalData));
  if (q.overdue === 'true') conds.push(overdueSql(now));
  if (q.overdue === 'false') conds.push(not(overdueSql(now)));
  if (q.protected) conds.push(eq(incidents.protectedIdentity, q.protected === 'true'));
  if (q.handler === 'none') conds.push(isNull(incidents.handlerId));
  else if (q.handler === 'me') conds.push(eq(incidents.handlerId, ctx.principal?.userId ?? '00000000-0000-0000-0000-000000000000'));
  else if (q.handler) conds.push(eq(incidents.handlerId, q.handler));
  if (q.q?.trim()) {
    const query = sql`websearch_to_tsquery('swedish', ${q.q.trim()})`;
    // Protected descriptions are searchable only by those who may read them; others match on the title.
    conds.push(sql`${searchVector} @@ ${query}`);
    conds.push(or(
      not(incidents.protectedIdentity),
      ctx.authz.scopeSql('incident.protected', orgs.path),
      sql`to_tsvector('swedish', ${incidents.title}) @@ ${query}`,
    )!);
  }
  return conds;
}

interface Cursor { r: string; id: string }
const encodeCursor = (c: Cursor) => Buffer.from(JSON.stringify([c.r, c.id])).toString('base64url');
function decodeCursor(s: string): Cursor {
  try {
    const [r, id] = JSON.parse(Buffer.from(s, 'base64url').toString('utf8')) as [string, string];
    if (typeof r !== 'string' || Number.isNaN(Date.parse(r)) || !/^[0-9a-f-]{36}$/i.test(id)) throw new Error('shape');
    return { r, id };
  } catch {
    throw badRequest('invalid_cursor', { sv: 'Ogiltig cursor: använd nextCursor från förra svaret.', en: 'Invalid cursor: use nextCursor from the previous answer.' }, 'cursor');
  }
}

/**
 * The list: newest reported first (or oldest with sort=reported), keyset-paged on (reported_at, id).
 * Protected records show no description here (open the record: that read is audited).
 */
export async function listIncidents(ctx: Ctx, q: ListQuery, now = new Date()): Promise<{ items: IncidentSummary[]; nextCursor: string | null }> {
  requireListAccess(ctx);
  const conds = await listConditions(ctx, q, now);
  const ascending = q.sort === 'reported';
  if (q.cursor) {
    const c = decodeCursor(q.cursor);
    conds.push(ascending
      ? sql`(${incidents.reportedAt}, ${incidents.id}) > (${c.r}::timestamptz, ${c.id}::uuid)`
      : sql`(${incidents.reportedAt}, ${incidents.id}) < (${c.r}::timestamptz, ${c.id}::uuid)`);
  }
  const limit = q.limit ?? 50;
  const order = ascending ? [asc(incidents.reportedAt), asc(incidents.id)] : [desc(incidents.reportedAt), desc(incidents.id)];
  const rows = (await selectIncidents(ctx.db, now).where(and(...conds)).orderBy(...order).limit(limit + 1)) as LoadedIncident[];
  const page = rows.slice(0, limit);
  const items = page.map((r) => toSummary(r, false, now));
  const last = page[page.length - 1];
  return { items, nextCursor: rows.length > limit && last ? encodeCursor({ r: last.i.reportedAt.toISOString(), id: last.i.id }) : null };
}
