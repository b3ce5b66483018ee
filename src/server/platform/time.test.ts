import { describe, expect, it } from 'vitest';
import { instantProblem, stockholmYear, yearRange } from './time';

const YEAR = new Intl.DateTimeFormat('en-US', { timeZone: 'Europe/Stockholm', year: 'numeric' });
const viaIntl = (at: Date) => Number(YEAR.format(at));

describe('stockholmYear', () => {
  it('agrees with the time-zone database around every New Year 1880–2200 (wartime winters and local mean time included)', () => {
    for (let y = 1880; y <= 2200; y++) {
      const [start] = yearRange(y);
      for (const ms of [-3_600_001, -1, 0, 1, 3_600_000]) {
        const at = new Date(start.getTime() + ms);
        expect(stockholmYear(at), at.toISOString()).toBe(viaIntl(at));
      }
    }
  });

  it('agrees at 20,000 instants through the years, summer time included', () => {
    let seed = 42;
    const next = () => (seed = (seed * 1103515245 + 12345) % 2 ** 31) / 2 ** 31;
    const from = Date.UTC(1880, 0, 1);
    const to = Date.UTC(2100, 0, 1);
    for (let i = 0; i < 20_000; i++) {
      const at = new Date(from + Math.floor(next() * (to - from)));
      expect(stockholmYear(at)).toBe(viaIntl(at));
    }
  });

  it('puts the last second of 2024 in Stockholm in 2024 and the first of 2025 in 2025', () => {
    expect(stockholmYear(new Date('2024-12-31T22:59:59.999Z'))).toBe(2024);
    expect(stockholmYear(new Date('2024-12-31T23:00:00.000Z'))).toBe(2025);
  });
});

describe('instantProblem', () => {
  it('names the hour skipped in March as such, in both languages, and the accepted forms for anything else', () => {
    expect(instantProblem('2025-03-30T02:30')!.sv).toBe('2025-03-30 02:30 finns inte i svensk tid: klockan ställdes då fram en timme till sommartid. Ange tiden efter omställningen (t.ex. 2025-03-30 03:30)');
    expect(instantProblem('2025-03-30 02:30')!.en).toMatch(/^2025-03-30 02:30 does not exist in Swedish time/);
    expect(instantProblem('igår')!.sv).toMatch(/^datum och tid, t\.ex\./);
    expect(instantProblem('2025-02-30T10:00')!.en).toMatch(/^a date and time/);
    // The repeated hour in October exists (read as summer time, the earlier one): no problem.
    expect(instantProblem('2025-10-26T02:30')).toBeNull();
  });
});
