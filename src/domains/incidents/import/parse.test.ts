import { describe, expect, it } from 'vitest';
import { CsvParser, detectDelimiter, type CsvRecord } from '../../../server/platform/tabular/csv';
import { mapHeader } from './columns';
import { parseBool, parseDateText, parseKind, parseReported, parseStatus, fromSheetDate } from './values';
import { SeenIds } from './seen';

function parseAll(text: string, delim = ';', chunk = text.length): CsvRecord[] {
  const p = new CsvParser(delim);
  const out: CsvRecord[] = [];
  for (let i = 0; i < text.length; i += chunk) p.push(text.slice(i, i + chunk), out);
  return p.end(out);
}

describe('CSV reader', () => {
  const text = 'a;b;c\r\n1;"two;\r\nlines ""q""";3\r\n\r\n;;\r\n4;5;6\r\n"x"y;z;\r\n';
  it('keeps delimiters, quotes and newlines inside quotes and numbers records by their first line', () => {
    const recs = parseAll(text);
    expect(recs.map((r) => r.line)).toEqual([1, 2, 6, 7]);
    expect(recs[1].fields).toEqual(['1', 'two;\nlines "q"', '3']);
    expect(recs[2].fields).toEqual(['4', '5', '6']);
    expect(recs[3].fields).toEqual(['xy', 'z', '']);
  });

  it('gives the same records whatever the chunking (CRLF and "" split across chunks)', () => {
    const whole = parseAll(text);
    for (const size of [1, 2, 3, 5, 7]) expect(parseAll(text, ';', size)).toEqual(whole);
  });

  it('handles LF, lone CR and a last line without a newline', () => {
    expect(parseAll('a,b\n1,2\r3,4', ',').map((r) => [r.line, ...r.fields])).toEqual([[1, 'a', 'b'], [2, '1', '2'], [3, '3', '4']]);
  });

  it('flags a quote that is never closed, at the line it opened', () => {
    const recs = parseAll('a;b\n1;"open\n2;3\n');
    expect(recs[1]).toMatchObject({ line: 2, unterminatedField: 1 });
  });

  it('detects ; , and tab from the header line, ignoring quoted ones', () => {
    expect(detectDelimiter('Ärende-ID;Rubrik;Status')).toBe(';');
    expect(detectDelimiter('Ärende-ID,Rubrik,Status')).toBe(',');
    expect(detectDelimiter('Ärende-ID\tRubrik\tStatus')).toBe('\t');
    expect(detectDelimiter('"Rubrik;x",Status,ID')).toBe(',');
  });
});

describe('header', () => {
  it('matches names and aliases case-insensitively after trimming and reports unknown columns once', () => {
    const h = mapHeader([' id ', 'TITEL', 'registrerad', 'status', 'Incidenttyp', 'Anmäld till CERT-SE', 'Handläggare', '', '']);
    expect(h.index).toMatchObject({ externalId: 0, title: 1, reportedAt: 2, status: 3, kind: 4, csirt: 5 });
    expect(h.names.externalId).toBe('id');
    expect(h.missing).toEqual([]);
    expect(h.width).toBe(7);
    expect(h.warnings).toHaveLength(1);
    expect(h.warnings[0].sv).toContain('Handläggare');
  });

  it('names every missing required column', () => {
    expect(mapHeader(['Rubrik', 'Beskrivning']).missing).toEqual(['Ärende-ID', 'Rapporterad', 'Status']);
  });
});

describe('values', () => {
  const utc = (s: string) => new Date(s).toISOString();
  it('reads dates as Stockholm time in every allowed format', () => {
    const ok = (s: string) => {
      const r = parseDateText(s);
      if (!r.ok) throw new Error(r.msg.en);
      return r.value.toISOString();
    };
    expect(ok('2025-02-03')).toBe(utc('2025-02-02T23:00:00Z'));
    expect(ok('2025-02-03 09:14')).toBe(utc('2025-02-03T08:14:00Z'));
    expect(ok('2025-07-03 09:14:30')).toBe(utc('2025-07-03T07:14:30Z'));
    expect(ok('2025-07-03T09:14')).toBe(utc('2025-07-03T07:14:00Z'));
    expect(ok('2025-07-03T09:14:05')).toBe(utc('2025-07-03T07:14:05Z'));
    expect(ok('2025-03-30 03:00')).toBe(utc('2025-03-30T01:00:00Z'));
    expect(ok('2025-03-30 01:59')).toBe(utc('2025-03-30T00:59:00Z'));
  });

  it('rejects a nonexistent local time and reads an ambiguous one as summer time (the first occurrence)', () => {
    const gap = parseDateText('2025-03-30 02:30');
    expect(gap.ok).toBe(false);
    if (!gap.ok) expect(gap.msg.en).toMatch(/does not exist/);
    const amb = parseDateText('2025-10-26 02:30');
    expect(amb.ok && amb.value.toISOString()).toBe(utc('2025-10-26T00:30:00Z'));
    const after = parseDateText('2025-10-26 03:00');
    expect(after.ok && after.value.toISOString()).toBe(utc('2025-10-26T02:00:00Z'));
  });

  it('rejects impossible dates and other formats', () => {
    for (const s of ['2025-02-30', '2024-02-30', '2025-13-01', '2025-01-01 24:00', '03/02/2025', '2025-1-1x', 'igår']) {
      expect(parseDateText(s).ok, s).toBe(false);
    }
    expect(parseDateText('2024-02-29').ok).toBe(true);
  });

  it('takes an XLSX date cell as Stockholm wall-clock time', () => {
    const r = fromSheetDate(new Date(Date.UTC(2025, 5, 1, 12, 0)));
    expect(r.ok && r.value.toISOString()).toBe(utc('2025-06-01T10:00:00Z'));
  });

  it('reads Ja/Nej in all spellings', () => {
    for (const s of ['Ja', 'ja', 'JA', 'true', 'True', '1', 'x', 'X']) expect(parseBool(s)).toEqual({ ok: true, value: true });
    for (const s of ['Nej', 'nej', 'false', '0', '', ' ']) expect(parseBool(s)).toEqual({ ok: true, value: false });
    expect(parseBool('kanske').ok).toBe(false);
  });

  it('reads a reporting column as Ja/Nej or a date', () => {
    expect(parseReported('Ja')).toEqual({ ok: true, value: { reported: true, at: null } });
    expect(parseReported('nej')).toEqual({ ok: true, value: { reported: false, at: null } });
    const d = parseReported('2025-02-05 10:00');
    expect(d.ok && d.value.reported && d.value.at?.toISOString()).toBe(utc('2025-02-05T09:00:00Z'));
    expect(parseReported('skickat').ok).toBe(false);
  });

  it('maps status and type in any case to the canonical words', () => {
    expect(parseStatus('under ÅTGÄRD')).toEqual({ ok: true, value: 'Under åtgärd' });
    expect(parseStatus('klar')).toEqual({ ok: true, value: 'Klar' });
    expect(parseStatus('Avslutad').ok).toBe(false);
    expect(parseKind('it-säkerhet')).toEqual({ ok: true, value: 'IT-säkerhet' });
    expect(parseKind('IT-Säkerhet')).toEqual({ ok: true, value: 'IT-säkerhet' });
    expect(parseKind('informationssäkerhet')).toEqual({ ok: true, value: 'Informationssäkerhet' });
    expect(parseKind('PERSONUPPGIFTSINCIDENT')).toEqual({ ok: true, value: 'Personuppgiftsincident' });
    expect(parseKind('Brand').ok).toBe(false);
  });
});

describe('seen ids', () => {
  it('remembers ids with their first line across growth', () => {
    const s = new SeenIds(4);
    let repeats = 0;
    for (let i = 0; i < 50_000; i++) if (s.add(`IA-${i}`, i + 2) !== undefined) repeats++;
    expect(repeats).toBe(0);
    expect(s.add('IA-0', 99_999)).toBe(2);
    expect(s.add('IA-49999', 99_999)).toBe(50_001);
    expect(s.add('IA-50000', 99_999)).toBeUndefined();
  });
});
