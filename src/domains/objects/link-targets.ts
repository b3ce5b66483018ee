import { and, asc, eq, ilike, inArray, sql } from 'drizzle-orm';
import { containsPattern, type LinkTarget, type LinkTargetProvider } from '../../server/platform/link-targets';
import { orgs } from '../org/table';
import { digitalObjects } from './table';

const select = { id: digitalObjects.id, name: digitalObjects.name, archived: digitalObjects.archived, slug: orgs.slug, orgName: orgs.name };
const toTarget = (r: { id: string; name: string; archived: boolean; slug: string; orgName: string }): LinkTarget => ({
  id: r.id, title: r.archived ? `${r.name} (arkiverat)` : r.name, href: '/objekt', org: { slug: r.slug, name: r.orgName },
});

/**
 * Objects of the objektlista (the system an incident happened in: a supplier breach in Procedo, a wrong recipient in
 * Pascal), readable as in the list: object.read on the object's organisation. Archived objects are found when a link
 * names them, and searched only among active ones.
 */
export const linkTargets: LinkTargetProvider[] = [
  {
    type: 'object',
    async resolve(ctx, db, ids) {
      if (ids.length === 0) return [];
      const rows = await db.select(select).from(digitalObjects).innerJoin(orgs, eq(orgs.id, digitalObjects.orgId))
        .where(and(inArray(digitalObjects.id, ids), ctx.authz.scopeSql('object.read', orgs.path)));
      return rows.map(toTarget);
    },
    async search(ctx, db, q, limit) {
      const rows = await db.select(select).from(digitalObjects).innerJoin(orgs, eq(orgs.id, digitalObjects.orgId))
        .where(and(ctx.authz.scopeSql('object.read', orgs.path), eq(digitalObjects.archived, false), q ? ilike(digitalObjects.name, containsPattern(q)) : sql`true`))
        .orderBy(asc(sql`lower(${digitalObjects.name})`)).limit(limit);
      return rows.map(toTarget);
    },
  },
];
