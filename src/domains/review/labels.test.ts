/** The meeting page names the report sections that cover each input 9.3.2 (a)–(g) in the reader's language. */
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { ISO93_INPUTS } from './contract';

const WEB_I18N = join(import.meta.dirname, '..', '..', 'web', 'i18n');

describe('the inputs table of Ledningens genomgång', () => {
  it('has a name in Swedish and English for every report section an input lists, not the section key', () => {
    const keys = [...new Set(Object.values(ISO93_INPUTS).flatMap((i) => i.sections))];
    expect(keys.length).toBeGreaterThan(10);
    for (const lang of ['sv', 'en']) {
      const sections = (JSON.parse(readFileSync(join(WEB_I18N, lang, 'review.json'), 'utf8')) as { sections: Record<string, string> }).sections;
      expect(keys.filter((k) => !sections[k]?.trim()), lang).toEqual([]);
    }
  });
});
