/** The genomförandegrad sheet's cell values (pure): counts, the check percentage, a person's completion in the year, personnummer, header words. */
import { describe, expect, it } from 'vitest';
import { TRAINING_HEADER } from './columns';
import { completedIn, holdsPersonnummer, parseCompletion, parseCount, parsePercent, percentAgrees, type Completion } from './values';

const value = <T>(p: { ok: true; value: T } | { ok: false }) => (p.ok ? p.value : 'FAIL');

describe('genomförandegrad cell values', () => {
  it('reads counts as whole numbers 0 or more (text, XLSX numbers, thousands with a space) and refuses the rest', () => {
    expect(['12', ' 1 204 ', '0', '', '7,0'].map((c) => value(parseCount(c)))).toEqual([12, 1204, 0, null, 7]);
    expect(value(parseCount(40))).toBe(40);
    for (const bad of ['-1', 'tolv', '2.5', 2.5, -3]) expect(parseCount(bad).ok, String(bad)).toBe(false);
  });

  it('reads the percentage check as "87,5 %", 87.5 or an XLSX fraction, and agrees within a percentage point', () => {
    expect(value(parsePercent('87,5 %'))).toEqual({ value: 87.5, fraction: false });
    expect(value(parsePercent(0.875))).toEqual({ value: 0.875, fraction: true });
    expect(value(parsePercent(''))).toBeNull();
    expect(parsePercent('hög').ok).toBe(false);
    expect(percentAgrees({ value: 88, fraction: false }, 35, 40)).toBe(true);
    expect(percentAgrees({ value: 0.875, fraction: true }, 35, 40)).toBe(true);
    expect(percentAgrees({ value: 80, fraction: false }, 35, 40)).toBe(false);
  });

  it('reads a completion as a date, ja/nej, 1/0, a boolean, a platform\'s status word or a share; refuses other words', () => {
    const done = (c: Parameters<typeof parseCompletion>[0]) => value(parseCompletion(c));
    expect(['Klar', 'genomförd', 'Slutförd', 'Completed', 'ja', 'x', '1', '100 %', true, 1].map(done)).toEqual(Array(10).fill({ done: true }));
    expect(['Ej påbörjad', 'Pågår', 'påbörjad', 'In progress', 'nej', '', '0', '40 %', false, 0].map(done)).toEqual(Array(10).fill({ done: false }));
    expect(done('2025-03-14 10:22')).toEqual({ day: '2025-03-14' });
    expect(done(new Date(Date.UTC(2024, 11, 31)))).toEqual({ day: '2024-12-31' });
    expect(done(45000)).toEqual({ day: '2023-03-15' });
    const bad = parseCompletion('kanske');
    expect(bad.ok).toBe(false);
    if (!bad.ok) expect(bad.msg.en).toContain('"kanske" is not recognised as completed or not');
    expect(parseCompletion('2025-02-30').ok).toBe(false);
  });

  it('counts a completion only in its year; a date decides over a status word', () => {
    const day = (d: string): Completion => ({ day: d });
    expect(completedIn(2025, day('2025-06-01'), undefined)).toBe(true);
    expect(completedIn(2025, day('2024-12-31'), undefined)).toBe(false);
    expect(completedIn(2025, day('2026-01-02'), undefined)).toBe(false);
    expect(completedIn(2025, { done: true }, { done: false })).toBe(true);
    expect(completedIn(2025, { done: true }, day('2024-05-05'))).toBe(false);
    expect(completedIn(2025, { done: false }, day('2025-05-05'))).toBe(true);
    expect(completedIn(2025, undefined, undefined)).toBe(false);
  });

  it('knows a personnummer (with or without century and hyphen, a samordningsnummer) and not a date or a count', () => {
    for (const p of ['19800101-1234', '800101-1234', '198001011234', '8001011234', '800161+1234', 'Anna 800101-1234']) expect(holdsPersonnummer(p), p).toBe(true);
    for (const p of ['2025-03-01', '20250301', '1204', 'Informationssäkerhet (e-utbildning)', '556036-0793']) expect(holdsPersonnummer(p), p).toBe(false);
  });

  it('leaves the columns about persons unread with one warning that does not echo a personnummer', () => {
    const h = TRAINING_HEADER.map(['Förnamn', 'Efternamn', 'E-post', 'Personnummer', 'Enhet', 'Kurs', 'Status', '19800101-1234', 'Okänd']);
    expect(h.index).toEqual({ org: 4, course: 5, status: 6 });
    const text = h.warnings.map((w) => `${w.sv} ${w.en}`).join('\n');
    expect(text).toContain('"Förnamn", "Efternamn", "E-post", "Personnummer" och en kolumn som ser ut som ett personnummer');
    expect(text).toContain('Column "Okänd" is not recognised');
    expect(text).not.toContain('1234');
  });
});
