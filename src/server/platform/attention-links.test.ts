/**
 * The start page's attention items link into the web app: every link a domain's attention provider gives must name a
 * route the web app has (three did not: "/plan", "/konto", "/admin/anvandare", each a "Sidan finns inte").
 */
import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';

const SRC = join(import.meta.dirname, '..', '..');
const filesIn = (dir: string, name: RegExp): string[] =>
  readdirSync(dir, { withFileTypes: true }).flatMap((d) => (d.isDirectory() ? filesIn(join(dir, d.name), name) : name.test(d.name) ? [join(dir, d.name)] : []));
const all = (files: string[], re: RegExp) => files.flatMap((f) => [...readFileSync(f, 'utf8').matchAll(re)].map((m) => m[1]));

describe('attention links', () => {
  it('every link of an attention provider names a route of the web app', () => {
    const routes = all(filesIn(join(SRC, 'web', 'features'), /^module\.tsx$/), /path: '(\/[^']*)'/g);
    const links = all(filesIn(join(SRC, 'domains'), /^attention\.ts$/), /link: (?:withOrg\()?[`'](\/[^`'?$]*)/g);
    expect(routes.length).toBeGreaterThan(20);
    expect(links.length).toBeGreaterThan(5);
    const matches = (link: string) => routes.some((r) => new RegExp(`^${r.replace(/\$[a-z]+/gi, '[^/]+')}$`).test(link));
    expect(links.filter((l) => !matches(l))).toEqual([]);
  });
});
