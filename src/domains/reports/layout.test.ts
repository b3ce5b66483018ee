/** Table layout of the documents (blocks.ts tableLayout) measured in their font (fonts.ts textWidth). */
import { describe, expect, it } from 'vitest';
import { tableLayout, type Cell } from './blocks';
import { textWidth } from './fonts';

const cell = (text: string): Cell => ({ text });
const widest = (t: string, size: number, bold: boolean) => Math.max(...t.split(/\s+/).map((w) => textWidth(w, size, bold)));
const sum = (xs: number[]) => xs.reduce((a, b) => a + b, 0);
const layout = (columns: string[], rows: string[][], total: number) => tableLayout(columns, rows.map((r) => r.map(cell)), total, 8, 8, 6, textWidth);

describe('tableLayout', () => {
  it('gives every column its widest word first, so a long name does not break beside numbers with room', () => {
    const columns = ['Förvaltning', 'Incidenter', 'Föregående år', 'Personuppgiftsincidenter', 'Anmälda till IMY', 'IKP-risker'];
    const { size, widths: w } = layout(columns, [['Hässelby-Vällingby stadsdelsförvaltning', '55', '90', '20', '3', '2'], ['Servicenämnden', '101', '88', '64', '1', '0']], 474);
    expect(size).toBe(8);
    expect(sum(w)).toBeCloseTo(474, 6);
    // The first column is bold in the documents; its widest word is "stadsdelsförvaltning".
    expect(w[0]).toBeGreaterThan(widest('stadsdelsförvaltning', 8, true) + 8 + 1);
    columns.forEach((c, i) => expect(w[i]).toBeGreaterThanOrEqual(widest(c, 8, true) + 8));
    // Columns whose text already fits get no more: the room went to the names, the only text still wrapping.
    expect(w[1]).toBeCloseTo(textWidth('Incidenter', 8, true) + 8, 6);
  });

  it('sets short tables on one line and shares the rest among the columns in proportion', () => {
    const { size, widths } = layout(['Status', 'Antal'], [['Klar', '22']], 400);
    expect(size).toBe(8);
    expect(sum(widths)).toBeCloseTo(400, 6);
    expect(widths[0] / widths[1]).toBeCloseTo((textWidth('Status', 8, true) + 8) / (textWidth('Antal', 8, true) + 8), 6);
  });

  it('sets a table smaller before a word breaks, and only below the smallest size lets words break', () => {
    const columns = ['Personuppgiftsincidenter', 'Informationssäkerhetsincidenter'];
    const need = sum(columns.map((c) => textWidth(c, 8, true))) + 16;
    const smaller = layout(columns, [], need - 10);
    expect(smaller.size).toBeLessThan(8);
    expect(smaller.size).toBeGreaterThanOrEqual(6);
    columns.forEach((c, i) => expect(smaller.widths[i]).toBeGreaterThanOrEqual(textWidth(c, smaller.size, true) + 8));
    const tiny = layout(columns, [], 100);
    expect(tiny.size).toBe(6);
    expect(sum(tiny.widths)).toBeCloseTo(100, 6);
  });

  it('measures DejaVu Sans: bold wider than regular, å ä ö as wide as their letters, width grows with size', () => {
    expect(textWidth('Förvaltning', 10, true)).toBeGreaterThan(textWidth('Förvaltning', 10));
    expect(textWidth('ö', 10)).toBeCloseTo(textWidth('o', 10), 6);
    expect(textWidth('Hässelby', 20)).toBeCloseTo(2 * textWidth('Hässelby', 10), 6);
    expect(textWidth('', 10)).toBe(0);
  });
});
