import { and, asc, desc, eq, inArray, isNull, like, lte, or } from 'drizzle-orm';
import { stockholmDate } from '../../server/platform/time';
import { escapeLike } from '../../server/platform/authz';
import type { SectionProvider } from '../reports/provider';
import { orgs } from '../org/table';
import { averageLevel } from './service';
import { maturityAssessments, maturityScores } from './table';

export interface MaturityArea {
  area: string;
  level: number;
  /** The area's level in the organisation's measurement before this one (null: not measured then). */
  previousLevel: number | null;
  targetLevel: number | null;
  comment: string;
}

export interface MaturityFigure {
  /** The organisation's name: a city's report holds every förvaltning's measurement. */
  org: string;
  year: number;
  assessedOn: string | null;
  method: string;
  assessor: string;
  summary: string;
  /** The year of the measurement compared with (the latest before `year`), or null for a first measurement. */
  previousYear: number | null;
  average: number | null;
  previousAverage: number | null;
  areas: MaturityArea[];
}

/**
 * `maturity`: each organisation's latest maturity measurement up to the report year (in a city's report, every
 * förvaltning's), with the measurement before it for the trend. A measurement from an earlier year is shown as
 * such (its `year`), since the seeds measure yearly but not every year gets one.
 */
export const sectionProviders: SectionProvider<MaturityFigure[]>[] = [
  {
    key: 'maturity',
    title: { sv: 'Mognadsmätning', en: 'Maturity measurement' },
    order: 31,
    async figures({ ctx, org, year, asOf }) {
      ctx.authz.require('plan.read', org.path);
      // Measured by the report's day: a report as of 12 November does not show a measurement made on the 20th.
      const made = or(isNull(maturityAssessments.assessedOn), lte(maturityAssessments.assessedOn, stockholmDate(asOf)));
      const rows = await ctx.db.select({ a: maturityAssessments, org: orgs.name, path: orgs.path }).from(maturityAssessments)
        .innerJoin(orgs, eq(orgs.id, maturityAssessments.orgId))
        .where(and(like(orgs.path, escapeLike(org.path) + '%'), ctx.authz.scopeSql('plan.read', orgs.path), lte(maturityAssessments.year, year), made))
        .orderBy(asc(orgs.path), desc(maturityAssessments.year));
      // Per organisation: the newest measurement up to the year and the one before it.
      const pairs = new Map<string, { name: string; current: typeof rows[number]['a']; previous?: typeof rows[number]['a'] }>();
      for (const r of rows) {
        const p = pairs.get(r.a.orgId);
        if (!p) pairs.set(r.a.orgId, { name: r.org, current: r.a });
        else if (!p.previous) p.previous = r.a;
      }
      if (pairs.size === 0) return [];
      const ids = [...pairs.values()].flatMap((p) => (p.previous ? [p.current.id, p.previous.id] : [p.current.id]));
      const scores = await ctx.db.select().from(maturityScores).where(inArray(maturityScores.assessmentId, ids)).orderBy(asc(maturityScores.position));
      const of = (id: string) => scores.filter((s) => s.assessmentId === id);
      return [...pairs.values()].map(({ name, current, previous }) => {
        const before = new Map((previous ? of(previous.id) : []).map((s) => [s.area.toLocaleLowerCase('sv-SE'), s.level]));
        const own = of(current.id);
        return {
          org: name,
          year: current.year,
          assessedOn: current.assessedOn,
          method: current.method,
          assessor: current.assessor,
          summary: current.summary,
          previousYear: previous?.year ?? null,
          average: averageLevel(own.map((s) => s.level)),
          previousAverage: previous ? averageLevel([...before.values()]) : null,
          areas: own.map((s) => ({
            area: s.area, level: s.level, previousLevel: before.get(s.area.toLocaleLowerCase('sv-SE')) ?? null, targetLevel: s.targetLevel, comment: s.comment,
          })),
        };
      });
    },
  },
];
