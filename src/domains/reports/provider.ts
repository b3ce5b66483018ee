import type { Ctx } from '../../server/platform/context';
import type { Msg } from '../../server/platform/errors';
import { loadDomainFiles } from '../../server/platform/modules';

/** The organisation and period a report is made for. `path` is the org's materialised path (subtree prefix). */
export interface SectionScope {
  ctx: Ctx;
  org: { id: string; slug: string; name: string; type: string; path: string };
  year: number;
  /** When given, figures that change over time (incident status) are computed as of the end of this day. */
  asOf?: Date;
  /**
   * Set by the report build, which replaces the ISO 27001 9.3.2 coverage in the iso93 section with the report's
   * own (reports/iso93.ts overlayIso93): a provider need not compute coverage then.
   */
  coverageByReport?: boolean;
}

/**
 * A domain's contribution to the management review. Each domain that has figures for the report exports
 * `sectionProviders` from its `report.ts`; the reports domain discovers them and never reads a domain's
 * tables itself. `key` is the top-level key of the report JSON (e.g. "incidents", "risks").
 */
export interface SectionProvider<T = unknown> {
  key: string;
  title: Msg;
  /** Position in the default outline (DOMAIN.md: 1 LIS, 2 omvärld, 3 budget/maturity, 4 follow-up, 5 plan, 6 terms). */
  order: number;
  figures(scope: SectionScope): Promise<T>;
}

export async function loadSectionProviders(): Promise<SectionProvider[]> {
  const files = await loadDomainFiles<{ sectionProviders?: SectionProvider[] }>('report');
  return files.flatMap((f) => f.mod.sectionProviders ?? []).sort((a, b) => a.order - b.order);
}
