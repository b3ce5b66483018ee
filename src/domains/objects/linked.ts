import { and, asc, eq, inArray, sql } from 'drizzle-orm';
import type { AnyPgColumn, PgTable } from 'drizzle-orm/pg-core';
import type { Ctx } from '../../server/platform/context';
import type { Db } from '../../server/platform/db';
import { unprocessable } from '../../server/platform/errors';
import { orgs } from '../org/table';
import { digitalObjects } from './table';

/** An object of the objektlista as a record linked to it shows it. */
export interface LinkedObject { id: string; name: string; archived: boolean; org: { slug: string; name: string } }

/**
 * A register's links to objects of the objektlista (the systems a behandling uses, the systems a supplier delivers),
 * through a link table of (owner, object) rows. The objects are seen as in the objektlista: object.read on the
 * object's organisation; links to objects the caller cannot see are neither shown to them nor changed by them.
 */
export function objectLinks(link: { table: PgTable; owner: AnyPgColumn; object: AnyPgColumn; row: (ownerId: string, objectId: string) => Record<string, string> }) {
  const readable = (ctx: Ctx) => ctx.authz.scopeSql('object.read', orgs.path);
  return {
    /** The readable linked objects of these owners, by name. */
    async linked(ctx: Ctx, db: Db, ownerIds: string[]): Promise<Map<string, LinkedObject[]>> {
      const out = new Map<string, LinkedObject[]>();
      if (ownerIds.length === 0) return out;
      const rows = (await db
        .select({ owner: link.owner, id: digitalObjects.id, name: digitalObjects.name, archived: digitalObjects.archived, slug: orgs.slug, orgName: orgs.name })
        .from(link.table)
        .innerJoin(digitalObjects, eq(digitalObjects.id, link.object))
        .innerJoin(orgs, eq(orgs.id, digitalObjects.orgId))
        .where(and(inArray(link.owner, ownerIds), readable(ctx)))
        .orderBy(asc(sql`lower(${digitalObjects.name})`))) as { owner: string; id: string; name: string; archived: boolean; slug: string; orgName: string }[];
      for (const r of rows) out.set(r.owner, [...(out.get(r.owner) ?? []), { id: r.id, name: r.name, archived: r.archived, org: { slug: r.slug, name: r.orgName } }]);
      return out;
    },
    /**
     * Links the owner to exactly `wanted` among the objects the caller may read: 422 at objectIds for an object that
     * does not exist or that they may not read. Links to objects the caller cannot see are left as they are.
     */
    async set(ctx: Ctx, tx: Db, ownerId: string, wanted: string[]): Promise<void> {
      const ids = [...new Set(wanted)];
      if (ids.length) {
        const found = await tx.select({ id: digitalObjects.id }).from(digitalObjects).innerJoin(orgs, eq(orgs.id, digitalObjects.orgId))
          .where(and(inArray(digitalObjects.id, ids), readable(ctx)));
        const known = new Set(found.map((r) => r.id));
        const bad = ids.find((id) => !known.has(id));
        if (bad) {
          throw unprocessable('object_not_found', {
            sv: `Det digitala objektet ${bad} finns inte i objektlistan (eller så får du inte läsa det).`,
            en: `The digital object ${bad} is not on the object list (or you may not read it).`,
          }, 'objectIds');
        }
      }
      const visible = ((await tx.select({ id: link.object }).from(link.table)
        .innerJoin(digitalObjects, eq(digitalObjects.id, link.object)).innerJoin(orgs, eq(orgs.id, digitalObjects.orgId))
        .where(and(eq(link.owner, ownerId), readable(ctx)))) as { id: string }[]).map((r) => r.id);
      const drop = visible.filter((id) => !ids.includes(id));
      if (drop.length) await tx.delete(link.table).where(and(eq(link.owner, ownerId), inArray(link.object, drop)));
      const add = ids.filter((id) => !visible.includes(id));
      if (add.length) await tx.insert(link.table).values(add.map((objectId) => link.row(ownerId, objectId)) as never).onConflictDoNothing();
    },
    /** Every linked object's id (for the audit log: what the link rows are, whoever may see them), sorted. */
    async idsOf(tx: Db, ownerId: string): Promise<string[]> {
      return ((await tx.select({ id: link.object }).from(link.table).where(eq(link.owner, ownerId))) as { id: string }[]).map((r) => r.id).sort();
    },
  };
}
