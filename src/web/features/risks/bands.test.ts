import { describe, expect, it } from 'vitest';
import { defaultBands as serverDefaultBands } from '../../../domains/risks/scale';
import { addBand, bestTextColor, defaultBands, removeBand } from './bands';

const SV = ['Låg', 'Medel', 'Hög', 'Mycket hög'];

describe('web colour bands', () => {
  it('are the server defaults, labelled in the UI language', () => {
    for (let max = 1; max <= 100; max++) expect(defaultBands(max, SV), `max ${max}`).toEqual(serverDefaultBands(max));
    expect(defaultBands(16, ['Low', 'Medium', 'High', 'Very high']).map((b) => [b.min, b.max, b.label])).toEqual([[1, 3, 'Low'], [4, 7, 'Medium'], [8, 11, 'High'], [12, 16, 'Very high']]);
  });

  it('pick readable text colours', () => {
    expect(bestTextColor('#f9d71c')).toBe('#000000');
    expect(bestTextColor('#1b5e20')).toBe('#ffffff');
  });

  it('add by splitting the last band and remove into the neighbour, keeping 1..max covered', () => {
    const rows = defaultBands(16, SV).map(({ min, max, color, label }) => ({ min, max, color, label }));
    const added = addBand(rows, 'Extrem');
    expect(added.map((r) => [r.min, r.max])).toEqual([[1, 3], [4, 7], [8, 11], [12, 14], [15, 16]]);
    expect(removeBand(added, 4).map((r) => [r.min, r.max])).toEqual([[1, 3], [4, 7], [8, 11], [12, 16]]);
    expect(removeBand(added, 0).map((r) => [r.min, r.max])).toEqual([[1, 7], [8, 11], [12, 14], [15, 16]]);
  });
});
