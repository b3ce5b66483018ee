/** The exports' spreadsheet conventions (sheet.ts): Stockholm wall-clock times as date cells, across both DST changes. */
import ExcelJS from 'exceljs';
import { describe, expect, it } from 'vitest';
import { toCsv, toXlsx } from './export';
import { defuse, MAX_COLUMN_WIDTH, stockholmWallClock, undefuse } from './sheet';
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

  it('size each column from its header and longest value, capped, with long texts wrapped', async () => {
    const title = 'Mejl med personnummer skickat till fel mottagare på annan förvaltning';
    const description = 'Ett mejl med en bilaga som innehöll personnummer och adresser för fyrtio elever skickades till fel mottagare. '.repeat(3);
    const wide = [
      { key: 'nr', header: 'Nr', value: (r: { n: string; t: string; d: string; at: Date }) => r.n },
      { key: 'title', header: 'Rubrik', value: (r: { n: string; t: string; d: string; at: Date }) => r.t },
      { key: 'description', header: 'Beskrivning', value: (r: { n: string; t: string; d: string; at: Date }) => r.d },
      { key: 'reportedAt', header: 'Rapporterad', value: (r: { n: string; t: string; d: string; at: Date }) => r.at },
      { key: 'handler', header: 'Handläggare (ansvarig för utredningen)', value: () => null },
    ];
    const data = [
      { n: 'INC-2026-0001', t: title, d: description, at: new Date('2026-03-28T09:00:00Z') },
      { n: 'INC-2026-0002', t: 'Kort', d: 'Rad ett\nrad två', at: new Date('2026-03-29T09:00:00Z') },
    ];
    const wb = new ExcelJS.Workbook();
    await wb.xlsx.load((await toXlsx(data, wide, 'Incidenter')) as unknown as ArrayBuffer);
    const ws = wb.getWorksheet('Incidenter')!;
    // Nr: its value (13) + 2; Rubrik: the title (69) + 2, capped; Beskrivning: capped; Rapporterad: its header (11) + 2
    // (wider than "yyyy-mm-dd hh:mm"); an empty column: its header.
    expect([1, 2, 3, 4, 5].map((n) => ws.getColumn(n).width)).toEqual([15, MAX_COLUMN_WIDTH, MAX_COLUMN_WIDTH, 18, 40]);
    expect(title.length).toBe(69);
    // A text cut by the cap wraps, in every row of its column; a column wide enough for its values does not.
    expect([ws.getCell(2, 2).alignment?.wrapText, ws.getCell(2, 3).alignment?.wrapText, ws.getCell(3, 3).alignment?.wrapText]).toEqual([true, true, true]);
    expect(ws.getCell(2, 1).alignment?.wrapText).toBeUndefined();
    expect(ws.getCell(2, 3).value).toBe(description);
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
