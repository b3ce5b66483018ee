import { describe, expect, it } from 'vitest';
import { IMPORT_LOCKS } from './run';

describe('IMPORT_LOCKS', () => {
  it('gives every register its own advisory-lock class, apart from the other locks Tillit takes (7271700xx, 7271702xx)', () => {
    const classes = Object.values(IMPORT_LOCKS);
    expect(new Set(classes).size).toBe(classes.length);
    for (const c of classes) expect(c >= 727170100 && c < 727170200).toBe(true);
  });
});
