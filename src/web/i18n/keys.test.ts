/** Swedish is complete and English second: both languages have the same keys in every namespace (plural forms included). */
import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';

const DIR = import.meta.dirname;
// Leaves as [path, text]; a path joins keys with " › " since some keys (audit actions) contain dots.
const leaves = (v: unknown, prefix = ''): [string, string][] =>
  v && typeof v === 'object' && !Array.isArray(v)
    ? Object.entries(v as Record<string, unknown>).flatMap(([k, x]) => leaves(x, prefix ? `${prefix} › ${k}` : k))
    : [[prefix, String(v)]];
const load = (lang: string, file: string) => leaves(JSON.parse(readFileSync(join(DIR, lang, file), 'utf8')));

describe('i18n', () => {
  const files = readdirSync(join(DIR, 'sv')).filter((f) => f.endsWith('.json')).sort();

  it('has the same namespaces in Swedish and English', () => {
    expect(readdirSync(join(DIR, 'en')).filter((f) => f.endsWith('.json')).sort()).toEqual(files);
  });

  for (const file of files) {
    it(`${file}: the same keys in both languages, none empty`, () => {
      const sv = load('sv', file);
      const en = load('en', file);
      expect(en.map(([k]) => k).sort(), file).toEqual(sv.map(([k]) => k).sort());
      const empty = [...sv.map((e) => ['sv', ...e]), ...en.map((e) => ['en', ...e])].filter(([, , text]) => !text.trim()).map(([lang, k]) => `${lang}: ${k}`);
      expect(empty).toEqual([]);
    });
  }
});

describe('permissions in words', () => {
  it('names every permission (the API token picker shows them) in both languages', async () => {
    const { PERMISSIONS } = await import('../../server/platform/permissions');
    for (const lang of ['sv', 'en']) {
      const words = JSON.parse(readFileSync(join(DIR, lang, 'account.json'), 'utf8')).permissions as Record<string, Record<string, string>>;
      expect(PERMISSIONS.filter((p) => !words[p.split('.')[0]]?.[p.split('.')[1]]?.trim()), lang).toEqual([]);
    }
  });
});

describe('the user guide in the UI', () => {
  it('names buttons, pages and tabs as the Swedish UI does (every bold word of docs/anvandarhandbok.md but its own headings)', () => {
    const words = new Set(readdirSync(join(DIR, 'sv')).filter((f) => f.endsWith('.json')).flatMap((f) => load('sv', f).map(([, text]) => text.trim())));
    const guide = readFileSync(join(DIR, '../../../docs/anvandarhandbok.md'), 'utf8');
    // The årshjul's season headings ("**Hela året**") are the guide's own words, not the UI's.
    const headings = new Set(['Hela året', 'Början av året', 'Under hösten', 'November–december: Ledningens genomgång']);
    const named = [...guide.matchAll(/\*\*([^*]+)\*\*/g)]
      .map((m) => m[1].replace(/\s+/g, ' ').trim())
      .filter((bold) => !headings.has(bold))
      .flatMap((bold) => bold.split(' → ').map((part) => part.replace(/:$/, '')));
    expect(named.length).toBeGreaterThan(20);
    expect(named.filter((w) => !words.has(w))).toEqual([]);
  });
});
