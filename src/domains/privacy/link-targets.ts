import { and, asc, eq, ilike, inArray, sql } from 'drizzle-orm';
import { containsPattern, type LinkTarget, type LinkTargetProvider } from '../../server/platform/link-targets';
import { orgs } from '../org/table';
import { processingActivities } from './table';

const a = processingActivities;
const select = { id: a.id, name: a.name, archived: a.archived, slug: orgs.slug, orgName: orgs.name };
const toTarget = (r: { id: string; name: string; archived: boolean; slug: string; orgName: string }): LinkTarget => ({
  id: r.id, title: r.archived ? `${r.name} (arkiverat)` : r.name, href: '/registerforteckning', org: { slug: r.slug, name: r.orgName },
});

/**
 * Processing activities of the registerförteckning (the behandling a personal-data breach concerns), readable as in the
 * register: privacy.read on the activity's organisation. Archived activities are found when a link names them, and
 * searched only among active ones.
 */
export const linkTargets: LinkTargetProvider[] = [
  {
    type: 'processing_activity',
    async resolve(ctx, db, ids) {
      if (ids.length === 0) return [];
      const rows = await db.select(select).from(a).innerJoin(orgs, eq(orgs.id, a.orgId))
        .where(and(inArray(a.id, ids), ctx.authz.scopeSql('privacy.read', orgs.path)));
      return rows.map(toTarget);
    },
    async search(ctx, db, q, limit) {
      const rows = await db.select(select).from(a).innerJoin(orgs, eq(orgs.id, a.orgId))
        .where(and(ctx.authz.scopeSql('privacy.read', orgs.path), eq(a.archived, false), q ? ilike(a.name, containsPattern(q)) : sql`true`))
        .orderBy(asc(sql`lower(${a.name})`)).limit(limit);
      return rows.map(toTarget);
    },
  },
];
