/** Every audit event the code records has words in the audit log's Swedish and English (web i18n audit.json). */
import { readdirSync, readFileSync, statSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';

const SRC = join(import.meta.dirname, '..', '..');

function sources(dir: string): string[] {
  return readdirSync(dir).flatMap((f) => {
    const p = join(dir, f);
    // Not the web app, nor the tests' own support code (src/test), which records no audit events.
    if (statSync(p).isDirectory()) return f === 'web' || f === 'test' ? [] : sources(p);
    return p.endsWith('.ts') && !p.endsWith('.test.ts') ? [p] : [];
  });
}

describe('audit event labels', () => {
  it('name every recorded action in both languages', () => {
    const recorded = new Set<string>();
    for (const file of sources(SRC)) {
      for (const m of readFileSync(file, 'utf8').matchAll(/action: ([^,\n]*)/g)) {
        for (const code of m[1].matchAll(/'([a-z_]+(?:\.[a-z_]+)+)'/g)) recorded.add(code[1]);
      }
    }
    // Actions handed on as arguments (transition(…, 'report.submit'), const action = …) are not after "action:":
    // every dotted literal of a file that records audit events counts, except permissions and these other codes.
    const permissions = new Set(readFileSync(join(SRC, 'server', 'platform', 'permissions.ts'), 'utf8').match(/'[a-z_]+\.[a-z_]+'/g)!.map((x) => x.slice(1, -1)));
    const NOT_ACTIONS = new Set(['index.html', 'mapping.konsekvens', 'mapping.sannolikhet', 'set.category', 'set.kind', 'set.status', 'tillit.restore']);
    for (const file of sources(SRC)) {
      const text = readFileSync(file, 'utf8');
      if (!text.includes('recordAudit(') && !text.includes('action: string')) continue;
      for (const m of text.matchAll(/'([a-z_]+(?:\.[a-z_]+)+)'/g)) if (!permissions.has(m[1]) && !NOT_ACTIONS.has(m[1])) recorded.add(m[1]);
    }
    expect(recorded.size).toBeGreaterThan(50);
    for (const lang of ['sv', 'en']) {
      const labels = JSON.parse(readFileSync(join(SRC, 'web', 'i18n', lang, 'audit.json'), 'utf8')).actions as Record<string, string>;
      const missing = [...recorded].filter((a) => !labels[a]?.trim());
      expect(missing, lang).toEqual([]);
    }
  });

  it('name every kind of record in both languages', () => {
    // The record kinds of risks/rsa.ts are handed on as an argument (its Kind), not written after "entityType:".
    const kinds = new Set(['rsa', 'rsa_activity', 'continuity_plan', 'exercise']);
    for (const file of sources(SRC)) {
      for (const m of readFileSync(file, 'utf8').matchAll(/entityType: '([a-z_]+)'/g)) kinds.add(m[1]);
    }
    expect(kinds.size).toBeGreaterThan(30);
    for (const lang of ['sv', 'en']) {
      const words = JSON.parse(readFileSync(join(SRC, 'web', 'i18n', lang, 'audit.json'), 'utf8')).entityTypes as Record<string, string>;
      expect([...kinds].filter((k) => !words[k]?.trim()), lang).toEqual([]);
    }
  });
});
