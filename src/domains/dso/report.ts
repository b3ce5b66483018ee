import { and, asc, between, eq, inArray, like } from 'drizzle-orm';
import { escapeLike } from '../../server/platform/authz';
import type { SectionProvider } from '../reports/provider';
import { orgs } from '../org/table';
import { dsoFollowUps, dsoRecommendations } from './table';

export interface DsoFigure {
  /** The organisation's name: a city's report holds every förvaltning's recommendations. */
  org: string;
  reportYear: number;
  area: string;
  recommendation: string;
  riskLevel: string;
  response: string;
  responsible: string;
  status: string;
  approved: boolean;
  followUp: string;
}

/** `dsoFollowUp`: the DSO's risks and recommendations of the previous and this year's report, with this year's follow-up. */
export const sectionProviders: SectionProvider<DsoFigure[]>[] = [
  {
    key: 'dsoFollowUp',
    title: { sv: 'Uppföljning av dataskyddsombudets årsrapport', en: 'Follow-up of the data protection officer\'s annual report' },
    order: 43,
    async figures({ ctx, org, year }) {
      ctx.authz.require('plan.read', org.path);
      const recs = (await ctx.db.select({ r: dsoRecommendations, org: orgs.name }).from(dsoRecommendations).innerJoin(orgs, eq(orgs.id, dsoRecommendations.orgId))
        .where(and(like(orgs.path, escapeLike(org.path) + '%'), ctx.authz.scopeSql('plan.read', orgs.path), between(dsoRecommendations.reportYear, year - 1, year)))
        .orderBy(asc(dsoRecommendations.reportYear), asc(orgs.path), asc(dsoRecommendations.position), asc(dsoRecommendations.createdAt))).map((x) => ({ ...x.r, org: x.org }));
      if (recs.length === 0) return [];
      const fus = await ctx.db.select().from(dsoFollowUps).where(and(inArray(dsoFollowUps.recommendationId, recs.map((r) => r.id)), eq(dsoFollowUps.year, year)));
      return recs.map((r) => ({
        org: r.org,
        reportYear: r.reportYear,
        area: r.area,
        recommendation: r.recommendation,
        riskLevel: r.riskLevel,
        response: r.response,
        responsible: r.responsible,
        status: r.status,
        approved: r.approvedAt !== null,
        followUp: fus.find((f) => f.recommendationId === r.id)?.text ?? '',
      }));
    },
  },
];
