import { describe, expect, it } from 'vitest';
import { SharedStringFile } from './shared-strings';

describe('the shared-strings table on disk', () => {
  it('gives back every entry by number, across write flushes and index chunks, text and rich text alike', () => {
    const table = new SharedStringFile();
    try {
      const n = 70_000; // more than one chunk of starts (65,536), several 1 MB flushes
      const text = (i: number) => `Ärende ${i} – ${'å'.repeat(i % 40)}`;
      for (let i = 0; i < n; i++) table.push(i === 7 ? { richText: [{ text: 'Fet', font: { bold: true } }, { text: ' text' }] } : text(i));
      // Before and after the last flush, first, last, and out of range.
      expect(table.get(n - 1)).toBe(text(n - 1));
      expect(table.get(0)).toBe(text(0));
      expect(table.get(7)).toEqual({ richText: [{ text: 'Fet', font: { bold: true } }, { text: ' text' }] });
      for (const i of [1, 65_535, 65_536, 65_537, 12_345]) expect(table.get(i)).toBe(text(i));
      expect(table.get(n)).toBeUndefined();
      expect(table.get(-1)).toBeUndefined();
      expect(table.length).toBe(n);
      table.push('sist');
      expect(table.get(n)).toBe('sist');
      const huge = 'ö'.repeat(1_500_000); // larger than a write buffer (3 MB in UTF-8)
      table.push(huge);
      table.push('efter');
      expect([table.get(n + 1), table.get(n + 2), table.get(n - 1)]).toEqual([huge, 'efter', text(n - 1)]);
    } finally {
      table.close();
    }
  });

  it('stands in for exceljs\'s array only once exceljs starts reading the table', () => {
    const table = new SharedStringFile();
    try {
      const reader: { sharedStrings?: { push(e: string): void; [i: number]: unknown } } = {};
      table.attachTo(reader);
      expect(reader.sharedStrings).toBeUndefined(); // a worksheet before the table is parked, as exceljs does
      reader.sharedStrings = [];
      reader.sharedStrings!.push('Klar');
      reader.sharedStrings!.push('Nätfiske');
      expect([reader.sharedStrings![0], reader.sharedStrings![1], reader.sharedStrings![2]]).toEqual(['Klar', 'Nätfiske', undefined]);
    } finally {
      table.close();
    }
  });
});
