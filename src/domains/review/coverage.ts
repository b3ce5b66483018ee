import type { Ctx } from '../../server/platform/context';
import { loadDomainFiles } from '../../server/platform/modules';
import { loadSectionProviders } from '../reports/provider';
import { hasContent } from './iso93';

/**
 * Which report sections have content for the ISO 27001 9.3.2 coverage of an organisation's year: one rule for the
 * review (GET /api/reviews/{id}/iso93, sign-off, the iso93 report section) and report approval. When the
 * organisation has a report for the year, its own rule decides (visible sections with text, a filled table or
 * figures shown); the reports domain provides that through `iso93-coverage.ts` (module discovery), so this
 * domain never imports it. Without a report, every section provider's figures count.
 */

export interface CoverageOrg { id: string; slug: string; name: string; type: string; path: string }

/** The report whose sections gave the coverage: its revision and status; `frozen` for an approved version's stored JSON. */
export interface CoverageReport { id: string; revision: number; status: string; frozen: boolean }

export interface ReportCoverage { sections: string[]; report: CoverageReport }

/** Exported as `iso93Coverage` from `<domain>/iso93-coverage.ts` (the reports domain). */
export interface Iso93CoverageSource {
  /** The sections with content of the organisation's report for the year; null when it has none. */
  sections(ctx: Ctx, org: CoverageOrg, year: number): Promise<ReportCoverage | null>;
}

let source: Promise<Iso93CoverageSource | undefined> | undefined;

function coverageSource(): Promise<Iso93CoverageSource | undefined> {
  source ??= loadDomainFiles<{ iso93Coverage?: Iso93CoverageSource }>('iso93-coverage').then((files) => {
    const found = files.filter((f) => f.mod.iso93Coverage);
    if (found.length > 1) throw new Error(`iso93Coverage is provided by more than one domain (${found.map((f) => f.domain).join(', ')})`);
    return found[0]?.mod.iso93Coverage;
  });
  return source;
}

/** Sections whose provider has figures, from every section provider but this domain's own: the rule without a report. */
export async function providerSections(ctx: Ctx, org: CoverageOrg, year: number): Promise<string[]> {
  const providers = (await loadSectionProviders()).filter((p) => p.key !== 'iso93');
  const out: string[] = [];
  for (const p of providers) {
    try {
      const figures = await p.figures({ ctx, org: { id: org.id, slug: org.slug, name: org.name, type: org.type, path: org.path }, year });
      if (hasContent(figures)) out.push(p.key);
    } catch (err) {
      ctx.log.warn({ err, provider: p.key }, 'section provider failed during 9.3 check');
    }
  }
  return out;
}

/**
 * The sections with content for the review of an organisation's year: the report's, when there is one (and which
 * report), else the providers' figures (`report: null`). The caller has checked that ctx may read the org.
 */
export async function reviewSections(ctx: Ctx, org: CoverageOrg, year: number): Promise<{ sections: string[]; report: CoverageReport | null }> {
  const fromReport = await (await coverageSource())?.sections(ctx, org, year);
  return fromReport ?? { sections: await providerSections(ctx, org, year), report: null };
}
