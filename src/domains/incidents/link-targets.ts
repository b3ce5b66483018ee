import { and, desc, eq, ilike, inArray, or, sql, type SQL } from 'drizzle-orm';
import type { Ctx } from '../../server/platform/context';
import { containsPattern, type LinkTarget, type LinkTargetProvider } from '../../server/platform/link-targets';
import { orgs } from '../org/table';
import { incidentNumber } from './dto';
import { incidents } from './table';

const select = {
  id: incidents.id, seq: incidents.seq, numberYear: incidents.numberYear, numberSeq: incidents.numberSeq, reportedAt: incidents.reportedAt,
  title: incidents.title, slug: orgs.slug, name: orgs.name,
};
type Row = { id: string; seq: number; numberYear: number | null; numberSeq: number | null; reportedAt: Date; title: string; slug: string; name: string };
const toTarget = (r: Row): LinkTarget => ({
  id: r.id, title: `${incidentNumber(r)} ${r.title}`, href: `/incidenter/${r.id}`, org: { slug: r.slug, name: r.name },
});

/** Readable as in access.ts: incident.read on the incident's organisation, or the caller reported it. */
function readable(ctx: Ctx): SQL {
  const scoped = ctx.authz.scopeSql('incident.read', orgs.path);
  return ctx.principal ? or(scoped, eq(incidents.reporterId, ctx.principal.userId))! : scoped;
}

/** "AV-2025-0042" (or just "0042", any year) finds the incident by its number; other text searches the title (never the protected description). */
function match(q: string): SQL {
  const n = /^(?:AV-(\d{4})-)?0*(\d{1,9})$/i.exec(q.trim());
  const byTitle = ilike(incidents.title, containsPattern(q));
  if (!n) return byTitle;
  const seq = eq(incidents.numberSeq, Number(n[2]));
  return or(byTitle, n[1] ? and(eq(incidents.numberYear, Number(n[1])), seq) : seq)!;
}

/** Other incidents (a phishing wave, a supplier breach reported by several units). */
export const linkTargets: LinkTargetProvider[] = [
  {
    type: 'incident',
    async resolve(ctx, db, ids) {
      if (ids.length === 0) return [];
      const rows = await db.select(select).from(incidents).innerJoin(orgs, eq(orgs.id, incidents.orgId))
        .where(and(inArray(incidents.id, ids), readable(ctx)));
      return rows.map(toTarget);
    },
    async search(ctx, db, q, limit) {
      const rows = await db.select(select).from(incidents).innerJoin(orgs, eq(orgs.id, incidents.orgId))
        .where(and(readable(ctx), q ? match(q) : sql`true`))
        .orderBy(desc(incidents.reportedAt)).limit(limit);
      return rows.map(toTarget);
    },
  },
];
