import { and, desc, eq, ilike, inArray, sql } from 'drizzle-orm';
import { containsPattern, type LinkTarget, type LinkTargetProvider } from '../../server/platform/link-targets';
import { orgs } from '../org/table';
import { risks } from './table';

const select = { id: risks.id, title: risks.title, slug: orgs.slug, name: orgs.name };
const toTarget = (r: { id: string; title: string; slug: string; name: string }): LinkTarget => ({
  id: r.id, title: r.title, href: '/risker/register', org: { slug: r.slug, name: r.name },
});

/** Risks of the risk register (risk.read on the risk's organisation). */
export const linkTargets: LinkTargetProvider[] = [
  {
    type: 'risk',
    async resolve(ctx, db, ids) {
      if (ids.length === 0) return [];
      const rows = await db.select(select).from(risks).innerJoin(orgs, eq(orgs.id, risks.orgId))
        .where(and(inArray(risks.id, ids), ctx.authz.scopeSql('risk.read', orgs.path)));
      return rows.map(toTarget);
    },
    async search(ctx, db, q, limit) {
      const rows = await db.select(select).from(risks).innerJoin(orgs, eq(orgs.id, risks.orgId))
        .where(and(ctx.authz.scopeSql('risk.read', orgs.path), q ? ilike(risks.title, containsPattern(q)) : sql`true`))
        .orderBy(desc(risks.updatedAt)).limit(limit);
      return rows.map(toTarget);
    },
  },
];
