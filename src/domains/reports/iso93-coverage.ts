import { and, eq } from 'drizzle-orm';
import type { Iso93CoverageSource } from '../review/coverage';
import { buildReportJson, type ReportJson } from './build';
import { figuresRead, sectionsWithContent } from './iso93';
import type { Section } from './outline';
import { reports, reportVersions } from './table';

/**
 * The report's sections with content, for the review's ISO 27001 9.3.2 coverage (review/coverage.ts discovers
 * this file), by the same rule as report approval (iso93.ts sectionsWithContent). An organisation has at most one
 * report per year; its row is the current revision. Approved (godkand): the stored JSON of that approved
 * revision — outline and figures exactly as approval checked them. Otherwise (utkast, under_granskning, also a
 * new draft after an approval): the draft's outline with figures as of now, as GET /api/reports/{id}/iso93 and
 * approval compute them (only the figures the rule reads are asked for).
 */
export const iso93Coverage: Iso93CoverageSource = {
  async sections(ctx, org, year) {
    const [r] = await ctx.db.select({ id: reports.id, status: reports.status, revision: reports.revision, outline: reports.outline })
      .from(reports).where(and(eq(reports.orgId, org.id), eq(reports.year, year)));
    if (!r) return null;
    const report = { id: r.id, revision: r.revision, status: r.status };
    if (r.status === 'godkand') {
      const [v] = await ctx.db.select({ json: reportVersions.reportJson }).from(reportVersions)
        .where(and(eq(reportVersions.reportId, r.id), eq(reportVersions.revision, r.revision)));
      if (v) {
        const json = v.json as ReportJson;
        return { sections: sectionsWithContent(json.outline, json), report: { ...report, frozen: true } };
      }
    }
    const outline = r.outline as Section[];
    const json = await buildReportJson(ctx, org, year, { outline, status: r.status, revision: r.revision, only: figuresRead(outline) });
    return { sections: sectionsWithContent(json.outline, json), report: { ...report, frozen: false } };
  },
};
