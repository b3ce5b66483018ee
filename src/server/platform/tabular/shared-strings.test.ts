import { describe, expect, it } from 'vitest';
import { SharedStringFile } from './shared-strings';

describe('the shared-strings table on disk', () => {
  it('gives back every entry by number, across write flushes and index chunks', () => {
    const table = new SharedStringFile();
    try {
      const n = 70_000; // more than one chunk of starts (65,536), several 1 MB flushes
      const text = (i: number) => `Ärende ${i} – ${'å'.repeat(i % 40)}`;
      for (let i = 0; i < n; i++) table.push(i === 7 ? '' : text(i));
      // Before and after the last flush, first, last, and out of range.
      expect(table.get(n - 1)).toBe(text(n - 1));
      expect(table.get(0)).toBe(text(0));
      expect(table.get(7)).toBe('');
      for (const i of [1, 65_535, 65_536, 65_537, 12_345]) expect(table.get(i)).toBe(text(i));
      expect(table.get(n)).toBeUndefined();
      expect(table.get(-1)).toBeUndefined();
      expect(table.get(1.5)).toBeUndefined();
      expect(table.length).toBe(n);
      table.push('sist');
      expect(table.get(n)).toBe('sist');
      const huge = 'ö'.repeat(1_500_000); // larger than a write buffer (3 MB in UTF-8) and the read window
      table.push(huge);
      table.push('efter');
      expect([table.get(n + 1), table.get(n + 2), table.get(n - 1)]).toEqual([huge, 'efter', text(n - 1)]);
    } finally {
      table.close();
    }
  });

  it('reads in order (through its read-ahead window) and out of order alike, past the cache', () => {
    const table = new SharedStringFile();
    try {
      const n = 30_000; // more entries than the cache holds, ~1.5 MB: many windows
      const text = (i: number) => `${i}:${'xyzåäö'.repeat(i % 13)}`;
      for (let i = 0; i < n; i++) table.push(text(i));
      for (let i = 0; i < n; i++) expect(table.get(i)).toBe(text(i));
      for (let i = n - 1; i >= 0; i -= 7) expect(table.get(i)).toBe(text(i));
      for (let k = 0, i = 0; k < 5000; k++, i = (i * 7919 + 13) % n) expect(table.get(i)).toBe(text(i));
    } finally {
      table.close();
    }
  });
});
