import { and, eq } from 'drizzle-orm';
import type { Ctx } from '../../server/platform/context';
import type { CoverageReport, Iso93CoverageSource } from '../review/coverage';
import { buildReportJson, type ReportJson, type ReportOrg } from './build';
import { figuresRead, sectionsWithContent } from './iso93';
import type { Section } from './outline';
import { reports, reportVersions } from './table';

type CoverageRow = Pick<typeof reports.$inferSelect, 'id' | 'year' | 'status' | 'revision' | 'outline'>;

/**
 * The outline and figures the ISO 27001 9.3.2 coverage of a report uses, for GET /api/reports/{id}/iso93 and the
 * review (GET /api/reviews/{id}/iso93, sign-off) alike. Approved (godkand): the stored JSON of that approved
 * revision — outline and figures exactly as approval checked them, whatever changed since. Otherwise (utkast,
 * under_granskning, also a new draft after an approval): the draft's outline with figures as of now, as approval
 * computes them (only the figures the rule reads are asked for). The caller has checked that ctx may read the org.
 */
export async function coverageJson(ctx: Ctx, org: ReportOrg, r: CoverageRow): Promise<{ json: ReportJson; report: CoverageReport }> {
  const report = { id: r.id, revision: r.revision, status: r.status };
  if (r.status === 'godkand') {
    const [v] = await ctx.db.select({ json: reportVersions.reportJson }).from(reportVersions)
      .where(and(eq(reportVersions.reportId, r.id), eq(reportVersions.revision, r.revision)));
    if (v) return { json: v.json as ReportJson, report: { ...report, frozen: true } };
  }
  const outline = r.outline as Section[];
  const json = await buildReportJson(ctx, org, r.year, { outline, status: r.status, revision: r.revision, only: figuresRead(outline) });
  return { json, report: { ...report, frozen: false } };
}

/**
 * The report's sections with content, for the review's ISO 27001 9.3.2 coverage (review/coverage.ts discovers
 * this file), by the same rule as report approval (iso93.ts sectionsWithContent) on `coverageJson`. An
 * organisation has at most one report per year; its row is the current revision.
 */
export const iso93Coverage: Iso93CoverageSource = {
  async sections(ctx, org, year) {
    const [r] = await ctx.db.select({ id: reports.id, year: reports.year, status: reports.status, revision: reports.revision, outline: reports.outline })
      .from(reports).where(and(eq(reports.orgId, org.id), eq(reports.year, year)));
    if (!r) return null;
    const { json, report } = await coverageJson(ctx, org, r);
    return { sections: sectionsWithContent(json.outline, json), report };
  },
};
