import { and, desc, eq, gte, ilike, lt, lte, or, sql, type SQL } from 'drizzle-orm';
import type { Ctx } from '../../server/platform/context';
import { escapeLike } from '../../server/platform/authz';
import { orgs } from '../org/table';
import { findOrg, orgNotFound } from '../org/service';
import { auditLog } from './table';
import { loadDomainFiles } from '../../server/platform/modules';
import type { AuditQuery } from './contract';

export type AuditRow = Omit<typeof auditLog.$inferSelect, 'at'> & { at: string; orgSlug: string | null };

/** A domain's view of the entries a reader lists (modules.ts, audit-view.ts): hides in place what they may not see. */
export type AuditRedactor = (ctx: Ctx, entries: AuditRow[]) => Promise<void>;

let redactors: Promise<AuditRedactor[]> | undefined;
const auditRedactors = () => (redactors ??= loadDomainFiles<{ auditRedactors?: AuditRedactor[] }>('audit-view').then((files) => files.flatMap((f) => f.mod.auditRedactors ?? [])));

/**
 * The audit log, newest first, with keyset paging on seq. Rows are limited to the caller's audit.read scope;
 * rows without an organisation (logins, users, system) need audit.read everywhere.
 */
export async function listAudit(ctx: Ctx, q: AuditQuery): Promise<{ items: AuditRow[]; nextCursor: number | null }> {
  ctx.authz.require('audit.read');
  const conds: SQL[] = [];
  const scope = ctx.authz.scope('audit.read');
  if (scope !== 'all') conds.push(ctx.authz.scopeSql('audit.read', orgs.path));
  if (q.org) {
    const o = await findOrg(ctx.db, q.org);
    if (!ctx.authz.can('org.read', o.path) && !ctx.authz.can('audit.read', o.path)) {
      throw orgNotFound(q.org);
    }
    conds.push(sql`${orgs.path} like ${escapeLike(o.path) + '%'}`);
  }
  if (q.actor) conds.push(ilike(auditLog.actorLabel, `%${escapeLike(q.actor)}%`));
  if (q.action) conds.push(or(eq(auditLog.action, q.action), ilike(auditLog.action, `${escapeLike(q.action)}.%`))!);
  if (q.entityType) conds.push(eq(auditLog.entityType, q.entityType));
  if (q.entityId) conds.push(eq(auditLog.entityId, q.entityId));
  if (q.from) conds.push(gte(auditLog.at, new Date(q.from)));
  if (q.to) conds.push(lte(auditLog.at, new Date(q.to)));
  if (q.cursor) conds.push(lt(auditLog.seq, q.cursor));
  const limit = q.limit ?? 100;
  const rows = await ctx.db
    .select({ a: auditLog, orgSlug: orgs.slug })
    .from(auditLog)
    .leftJoin(orgs, eq(orgs.id, auditLog.orgId))
    .where(and(...conds))
    .orderBy(desc(auditLog.seq))
    .limit(limit + 1);
  const items = rows.slice(0, limit).map((r) => ({ ...r.a, at: r.a.at.toISOString(), orgSlug: r.orgSlug }));
  for (const redact of await auditRedactors()) await redact(ctx, items);
  return { items, nextCursor: rows.length > limit ? items[items.length - 1].seq : null };
}
