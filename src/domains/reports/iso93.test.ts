import { describe, expect, it } from 'vitest';
import { INPUT_KEYS, ISO93_INPUTS } from '../review/contract';
import { coverage } from '../review/iso93';
import { hvOutline, snOutline } from './demo-content';
import { figuresRead, sectionsWithContent } from './iso93';
import { defaultOutline, type Section } from './outline';
import { loadSectionProviders } from './provider';
import { doc, emptyDoc, p, ul } from './richtext';

const sec = (id: string, level: 1 | 2 | 3, extra: Partial<Section> = {}): Section => ({ id, level, title: id, hidden: false, narrative: emptyDoc(), tables: [], ...extra });

describe('report sections with content (ISO 27001 9.3.2)', () => {
  it('counts narrative text, filled manual tables and shown figures; not empty ones', () => {
    const outline = [
      sec('text', 1, { narrative: doc(p('Något')) }),
      sec('blank', 1, { narrative: doc(p('  '), ul('')) }),
      sec('table', 1, { tables: [{ id: 't', caption: 'T', columns: ['A'], rows: [['x']] }] }),
      sec('empty-table', 1, { tables: [{ id: 't', caption: 'T', columns: ['A'], rows: [['']] }] }),
      sec('figs', 1, { provider: 'risks' }),
      sec('nofigs', 1, { provider: 'incidents' }),
    ];
    const got = sectionsWithContent(outline, { risks: { vor: [{ riskvarde: 9 }] }, incidents: { total: 0, byStatus: {}, asOf: '2025-12-31' } });
    expect(got.sort()).toEqual(['figs', 'risks', 'table', 'text']);
    // An empty register says nothing, even though its scale has names and its figures a day.
    const empty = { vor: [], vorTotals: { events: 0, approved: false }, scale: { name: 'Stadens skala', bands: [{ label: 'Låg' }] }, register: { total: 0 }, asOf: '2025-12-31' };
    expect(sectionsWithContent(outline, { risks: empty })).not.toContain('risks');
  });

  it('gives a chapter credit for its subsections, never counts hidden sections or figures the report does not show', () => {
    const outline = [
      sec('omvarld', 1),
      sec('csl', 2, { narrative: doc(p('Cybersäkerhetslagen')) }),
      sec('budget', 1),
      sec('hidden-child', 2, { hidden: true, narrative: doc(p('dold')) }),
      sec('gone', 1, { hidden: true, provider: 'plan', narrative: doc(p('dold')) }),
      sec('under-gone', 2, { narrative: doc(p('under en dold rubrik')) }),
    ];
    const got = sectionsWithContent(outline, { plan: { 2026: [{ text: 'x' }] }, goals: [{ code: '3.5' }] });
    expect(got.sort()).toEqual(['csl', 'omvarld']);
  });

  it('maps every input only to keys the report knows: default outline section ids or section provider keys', async () => {
    const outline = defaultOutline('forvaltning');
    const known = new Set([...outline.flatMap((s) => [s.id, s.provider].filter(Boolean) as string[]), ...(await loadSectionProviders()).map((p) => p.key)]);
    for (const k of INPUT_KEYS) for (const key of ISO93_INPUTS[k].sections) expect(known.has(key), `${k}: ${key}`).toBe(true);
  });

  it('reads only the figures of shown sections without text of their own: the same sections as with all figures', () => {
    const outline = [
      sec('text', 1, { provider: 'documents', narrative: doc(p('Något')) }),
      sec('figs', 1, { provider: 'risks' }),
      sec('hidden', 1, { provider: 'plan', hidden: true }),
      sec('under-hidden', 2, { provider: 'goals' }),
      sec('self', 1, { provider: 'iso93' }),
      sec('rollup', 1, { provider: 'rollup' }),
    ];
    const all: Record<string, unknown> = { documents: { n: 1 }, risks: { vor: [{ riskvarde: 9 }] }, plan: { 2026: [{ t: 'x' }] }, goals: [{ code: '1' }], iso93: { uncovered: ['a'] }, rollup: { totals: { incidents: 3 } } };
    const read = figuresRead(outline);
    expect(read.sort()).toEqual(['risks', 'rollup']);
    expect(sectionsWithContent(outline, Object.fromEntries(read.map((k) => [k, all[k]]))).sort()).toEqual(sectionsWithContent(outline, all).sort());
  });

  it('the demo outlines cover every input by their text alone', () => {
    for (const outline of [hvOutline(), snOutline()]) {
      const status = coverage({}, sectionsWithContent(outline, {}));
      expect(status.uncovered).toEqual([]);
    }
  });
});
