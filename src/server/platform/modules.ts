import { readdirSync, existsSync } from 'node:fs';
import { join } from 'node:path';
import { pathToFileURL } from 'node:url';
import type { RouteDef } from './http';
import { bundledDomainFiles } from './bundled-domains';
import { PROJECT_ROOT } from './paths';
import DOMAIN_FILES from './domain-files.json';

/**
 * Domains plug in by convention, so adding a domain is adding a folder under src/domains:
 *   routes.ts  exports `routes: RouteDef[]`          (mounted by createApp)
 *   cli.ts     exports `commands: CliCommand[]`      (added to `tillit`)
 *   demo.ts    exports `demo: { order, run(ctx) }`   (run by `tillit demo`)
 *   report.ts  exports `sectionProviders`            (sections of the management reports)
 *   attention.ts exports `attentionProviders: AttentionProvider[]` (platform/attention.ts): each
 *              `{ key, items(ctx) => Promise<{ key, severity: 'info'|'warning'|'critical', title_sv, title_en,
 *              count, link }[]> }`. GET /api/attention asks them all for the signed-in person and lists the
 *              items with count > 0 on the start page. Providers scope with ctx.authz themselves (an item
 *              counts only records the person may see) and stay cheap: one count query, no row lists.
 *   link-targets.ts exports `linkTargets: LinkTargetProvider[]` (platform/link-targets.ts): records of this
 *              domain that an incident (or any record with generic links) can link to, resolved and searched
 *              within what the caller may see.
 *   audit-view.ts exports `auditRedactors: AuditRedactor[]` (audit/service.ts): each hides, in the entries a reader
 *              lists, what that reader may not see of the domain's records as they are now (an incident's free texts
 *              once it is protected). The entries themselves stay as written.
 *   iso93-coverage.ts exports `iso93Coverage` (review/coverage.ts): the sections with content of an org's report
 *              for a year, so the review's ISO 27001 9.3.2 coverage follows the report's rule without importing
 *              it. Only the reports domain provides one.
 */
const DOMAINS_DIR = join(PROJECT_ROOT, 'src', 'domains');

export function domainNames(): string[] {
  if (bundledDomainFiles) return Object.keys(bundledDomainFiles).sort();
  return readdirSync(DOMAINS_DIR, { withFileTypes: true })
    .filter((d) => d.isDirectory())
    .map((d) => d.name)
    .sort();
}

/**
 * Imports `<domain>/<file>.ts` from every domain that has one. The kinds of file (above) are listed once, in
 * domain-files.json, which the bundle (scripts/build-cli.mjs) follows: a kind not listed is refused here, from the
 * sources too, so it cannot be missing from the bundle unnoticed.
 */
export async function loadDomainFiles<T>(file: string): Promise<{ domain: string; mod: T }[]> {
  if (!(DOMAIN_FILES as string[]).includes(file)) throw new Error(`${file}.ts is not listed in domain-files.json, so a bundle would not hold it`);
  const out: { domain: string; mod: T }[] = [];
  for (const domain of domainNames()) {
    if (bundledDomainFiles) {
      const load = bundledDomainFiles[domain][file];
      if (load) out.push({ domain, mod: (await load()) as T });
      continue;
    }
    const path = join(DOMAINS_DIR, domain, `${file}.ts`);
    if (!existsSync(path)) continue;
    out.push({ domain, mod: (await import(pathToFileURL(path).href)) as T });
  }
  return out;
}

export interface DomainModule {
  name: string;
  routes: RouteDef[];
}

export async function loadDomains(): Promise<DomainModule[]> {
  const files = await loadDomainFiles<{ routes?: RouteDef[] }>('routes');
  return files.map((f) => ({ name: f.domain, routes: f.mod.routes ?? [] }));
}
