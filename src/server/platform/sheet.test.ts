/** The exports' spreadsheet conventions (sheet.ts): Stockholm wall-clock times as date cells, across both DST changes. */
import ExcelJS from 'exceljs';
import { describe, expect, it } from 'vitest';
import { toCsv, toXlsx } from './export';
import { defuse, stockholmWallClock, undefuse } from './sheet';
import { cellText } from './tabular/values';

const columns = [
  { key: 'when', header: 'Rapporterad', value: (r: { at: Date; text: string }) => r.at },
  { key: 'text', header: 'Rubrik', value: (r: { at: Date; text: string }) => r.text },
];
const rows = [
  { at: new Date('2025-11-11T10:42:00Z'), text: 'Vintertid' },
  { at: new Date('2025-07-01T06:05:00Z'), text: '=SUMMA(A1)' },
  { at: new Date('2025-03-30T01:30:00Z'), text: 'Efter omställningen till sommartid' },
  { at: new Date('2025-10-26T00:30:00Z'), text: 'Första 02:30 (sommartid)' },
  { at: new Date('2025-10-26T01:30:00Z'), text: 'Andra 02:30 (vintertid)' },
  { at: new Date('2025-02-10T23:00:00Z'), text: 'Bara datum' },
];

describe('spreadsheet exports', () => {
  it('write times as date cells showing the Stockholm clock, with the time when there is one', async () => {
    const wb = new ExcelJS.Workbook();
    await wb.xlsx.load((await toXlsx(rows, columns, 'Incidenter')) as unknown as ArrayBuffer);
    const ws = wb.getWorksheet('Incidenter')!;
    const shown = [2, 3, 4, 5, 6, 7].map((n) => [(ws.getCell(n, 1).value as Date).toISOString().slice(0, 16), ws.getCell(n, 1).numFmt, ws.getCell(n, 2).value]);
    // A text that would start a formula is a text cell, shown without CSV's apostrophe and formatted as text.
    expect([ws.getCell(3, 2).type, ws.getCell(3, 2).numFmt, ws.getCell(2, 2).numFmt]).toEqual([ExcelJS.ValueType.String, '@', undefined]);
    expect(shown).toEqual([
      ['2025-11-11T11:42', 'yyyy-mm-dd hh:mm', 'Vintertid'],
      ['2025-07-01T08:05', 'yyyy-mm-dd hh:mm', '=SUMMA(A1)'],
      ['2025-03-30T03:30', 'yyyy-mm-dd hh:mm', 'Efter omställningen till sommartid'],
      ['2025-10-26T02:30', 'yyyy-mm-dd hh:mm', 'Första 02:30 (sommartid)'],
      ['2025-10-26T02:30', 'yyyy-mm-dd hh:mm', 'Andra 02:30 (vintertid)'],
      ['2025-02-11T00:00', 'yyyy-mm-dd', 'Bara datum'],
    ]);
  });

  it('write the same clock in CSV, for Swedish Excel', () => {
    const csv = toCsv(rows.slice(0, 2), columns);
    expect(csv).toBe('\ufeffRapporterad;Rubrik\r\n2025-11-11 11:42:00;Vintertid\r\n2025-07-01 08:05:00;\'=SUMMA(A1)');
    expect(stockholmWallClock(new Date('2025-12-31T23:30:00Z')).toISOString()).toBe('2026-01-01T00:30:00.000Z');
  });

  it('defuse what would start a formula, and the imports read it back as it was', () => {
    const texts = ['=SUMMA(A1)', '- (egen drift)', '+46 8 508 000 00', '@konto', 'Vanlig text', "'citerad", "'", ''];
    expect(texts.map((x) => defuse(x))).toEqual(["'=SUMMA(A1)", "'- (egen drift)", "'+46 8 508 000 00", "'@konto", 'Vanlig text', "'citerad", "'", '']);
    expect(texts.map((x) => undefuse(String(defuse(x))))).toEqual(texts);
    expect(texts.map((x) => cellText(String(defuse(x))))).toEqual(texts);
  });
});
