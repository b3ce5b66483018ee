/**
 * The one definition of the years Tillit takes (time.ts): a year of figures, reports or records is 2000 to next year
 * in Stockholm, the same in every API and CLI command that takes one. A refusal names the year, the field or option
 * and the range, in Swedish and English: 400 in the API, exit 2 in the CLI, nothing written.
 */
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import pino from 'pino';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { main } from '../../cli/main';
import { loadConfig } from './config';
import { AppError } from './errors';
import { checkYear, lastYear, stockholmYear } from './time';
import { Client, makeOrgs, startTestServer, tableCounts, userWithRole, type TestServer } from '../../test/harness';

const THIS_YEAR = stockholmYear(new Date());
const NEXT = lastYear();

describe('lastYear and checkYear', () => {
  it('the latest year is next year in Stockholm, turning at Stockholm midnight on New Year', () => {
    expect(lastYear(new Date('2026-12-31T22:59:59Z'))).toBe(2027); // 23:59:59 on 31 December in Stockholm
    expect(lastYear(new Date('2026-12-31T23:00:00Z'))).toBe(2028); // 00:00 on 1 January in Stockholm, 23:00 UTC
    expect(NEXT).toBe(THIS_YEAR + 1);
  });

  it('takes 2000 to next year as a number or four digits; refuses anything else naming what, where and the range', () => {
    const june = new Date('2026-06-15T12:00:00Z');
    expect(checkYear(2000, 'year', june)).toBe(2000);
    expect(checkYear('2027', '--year', june)).toBe(2027);
    for (const bad of [1999, 2028, '2099', '20x5', 2025.5, '', '02025', null]) {
      let err: unknown;
      try {
        checkYear(bad, '--year', june);
      } catch (e) {
        err = e;
      }
      expect(err, String(bad)).toBeInstanceOf(AppError);
      const e = err as AppError;
      expect(e).toMatchObject({ status: 400, code: 'invalid_year', field: '--year' });
      expect(e.msg.sv).toMatch(/^Ogiltigt år för --year: .*2000–2027/);
      expect(e.msg.en).toMatch(/^Invalid year for --year: .*2000–2027/);
    }
    expect(() => checkYear(2028, 'year', june)).toThrow(
      'Invalid year for year: the year 2028 is outside the years allowed, 2000–2027 (2000 at the earliest, next year at the latest).',
    );
  });
});

describe('the API', () => {
  let t: TestServer;
  let isam: Client;
  beforeAll(async () => {
    t = await startTestServer();
    await makeOrgs(t.ctx, [['stad', 'stad'], ['forv', 'forvaltning', 'stad'], ['enh', 'enhet', 'forv']]);
    isam = await userWithRole(t, 'isam.ar@test.se', 'isam', 'forv');
  }, 120_000);
  afterAll(() => t?.close());

  // Every request that takes a year of figures, reports or records; the year's field is `year` in each.
  const gets: [string, (y: number) => string][] = [
    ['report', (y) => `/api/reports?org=forv&year=${y}`],
    ['incident statistics', (y) => `/api/incidents/stats?org=forv&year=${y}`],
    ['incident list', (y) => `/api/incidents?org=forv&year=${y}`],
    ['incident export', (y) => `/api/incidents/export?org=forv&year=${y}&format=csv`],
    ['training sessions', (y) => `/api/training/sessions?org=forv&year=${y}`],
    ['training completions', (y) => `/api/training/completions?org=forv&year=${y}`],
  ];
  const posts: [string, string, (y: number) => Record<string, unknown>][] = [
    ['report', '/api/reports', (y) => ({ org: 'forv', year: y })],
    ['management review', '/api/reviews', (y) => ({ org: 'forv', year: y })],
    ['maturity measurement', '/api/maturity', (y) => ({ org: 'forv', year: y, scores: [{ area: 'Kompetens', level: 2 }] })],
    ['training completion', '/api/training/completions', (y) => ({ org: 'enh', year: y, course: 'Informationssäkerhet (e-utbildning)', employees: 10, completed: 5 })],
  ];

  const refused = (r: { status: number; body: Record<string, string> }, y: number, where: string, what: string) => {
    expect(r.status, `${what} ${y}`).toBe(400);
    expect(r.body.field, `${what} ${y}`).toBe('year');
    expect(r.body.detail_sv).toBe(`Ogiltiga uppgifter (${where}) – year: Ogiltigt värde: år ${y} ligger utanför de tillåtna åren 2000–${NEXT} (tidigast 2000, senast nästa år).`);
    expect(r.body.detail_en).toBe(`Invalid input (${where}) – year: Invalid value: the year ${y} is outside the years allowed, 2000–${NEXT} (2000 at the earliest, next year at the latest).`);
  };

  it('refuses 2099, 1999 and the year after next in every query with 400, the field and the range', async () => {
    for (const [what, path] of gets) for (const y of [2099, 1999, NEXT + 1]) refused(await isam.get(path(y)), y, 'query', what);
  });

  it('refuses them in every body with 400, the field and the range, and writes nothing', async () => {
    const before = await tableCounts(t);
    for (const [what, path, body] of posts) for (const y of [2099, 1999, NEXT + 1]) refused(await isam.post(path, body(y)), y, 'body', what);
    expect(await tableCounts(t)).toEqual(before);
  });

  it('takes this year and next year', async () => {
    for (const [what, path, body] of posts) {
      for (const y of [THIS_YEAR, NEXT]) {
        const r = await isam.post(path, body(y));
        expect(r.status, `${what} ${y}: ${JSON.stringify(r.body)}`).toBe(201);
        expect(r.body.year).toBe(y);
      }
    }
    for (const [what, path] of gets) {
      for (const y of [2000, THIS_YEAR, NEXT]) {
        const r = await isam.get(path(y));
        // The report of 2000 was never made: not found, which is no refusal of the year.
        expect(r.status, `${what} ${y}: ${JSON.stringify(r.body)}`).toBe(what === 'report' && y === 2000 ? 404 : 200);
      }
    }
    expect((await isam.get(`/api/incidents/stats?org=forv&year=${NEXT}`)).body).toMatchObject({ year: NEXT, total: 0 });
  });
});

describe('the CLI', () => {
  const dir = mkdtempSync(join(tmpdir(), 'tillit-years-'));
  const run = async (args: string[]) => {
    const out: string[] = [];
    const err: string[] = [];
    const config = { ...loadConfig({ NODE_ENV: 'test' }), dataDir: join(dir, 'data'), databaseUrl: undefined };
    const code = await main(args, { config, log: pino({ level: 'silent' }), out: (l) => void out.push(l), err: (l) => void err.push(l) });
    return { code, out: out.join('\n'), err: err.join('\n') };
  };
  afterAll(() => rmSync(dir, { recursive: true, force: true }));

  it('incidents stats refuses a year outside 2000–next year with the option and the range, and takes next year', async () => {
    expect((await run(['org', 'add', 'forv', 'Förvaltningen', '--type', 'forvaltning'])).code).toBe(0);
    for (const y of ['2099', '1999', String(NEXT + 1)]) {
      const r = await run(['incidents', 'stats', '--org', 'forv', '--year', y]);
      expect(r.code, y).toBe(2);
      expect(r.out).toBe('');
      expect(r.err.split('\n')).toEqual([
        `fel: Ogiltigt år för --year: år ${y} ligger utanför de tillåtna åren 2000–${NEXT} (tidigast 2000, senast nästa år). (fält/field: --year)`,
        `error: Invalid year for --year: the year ${y} is outside the years allowed, 2000–${NEXT} (2000 at the earliest, next year at the latest).`,
      ]);
    }
    const text = await run(['incidents', 'stats', '--org', 'forv', '--year', 'tjugo']);
    expect(text.code).toBe(2);
    expect(text.err).toContain('fel: Ogiltigt år för --year: "tjugo" är inget årtal (ÅÅÅÅ)');
    for (const y of [THIS_YEAR, NEXT]) {
      const ok = await run(['incidents', 'stats', '--org', 'forv', '--year', String(y), '--json']);
      expect(ok.code, ok.err).toBe(0);
      expect(JSON.parse(ok.out)).toMatchObject({ year: y, total: 0 });
    }
  }, 180_000);
});
