import { and, desc, eq, ilike, inArray, sql } from 'drizzle-orm';
import { containsPattern, type LinkTarget, type LinkTargetProvider } from '../../server/platform/link-targets';
import { orgs } from '../org/table';
import { readableSql } from './service';
import { documents } from './table';

const select = { id: documents.id, title: documents.title, slug: orgs.slug, name: orgs.name };
const toTarget = (r: { id: string; title: string; slug: string; name: string }): LinkTarget => ({
  id: r.id, title: r.title, href: '/styrdokument', org: { slug: r.slug, name: r.name },
});

/** Styrdokument (readable as in the document register: own subtree and the organisations above). */
export const linkTargets: LinkTargetProvider[] = [
  {
    type: 'document',
    async resolve(ctx, db, ids) {
      if (ids.length === 0) return [];
      const rows = await db.select(select).from(documents).innerJoin(orgs, eq(orgs.id, documents.orgId))
        .where(and(inArray(documents.id, ids), readableSql(ctx)));
      return rows.map(toTarget);
    },
    async search(ctx, db, q, limit) {
      const rows = await db.select(select).from(documents).innerJoin(orgs, eq(orgs.id, documents.orgId))
        .where(and(readableSql(ctx), q ? ilike(documents.title, containsPattern(q)) : sql`true`))
        .orderBy(desc(documents.updatedAt)).limit(limit);
      return rows.map(toTarget);
    },
  },
];
