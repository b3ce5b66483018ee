/**
 * Issue 4, "Speed": import throughput, exactly as a user runs it: `tillit import incidents FILE --org hv --json`
 * as a child process, on a generated IA export (writeGeneratedCsv, seed 1; 500,000 rows on PostgreSQL and
 * 200,000 on PGlite, times BENCH_SCALE). On PostgreSQL the import goes into Hässelby-Vällingby of a copy of the
 * generated city with 1,000,000 incidents (city.ts, the list bench's; copied with CREATE DATABASE … TEMPLATE),
 * its Enhet names those of the city's units; on PGlite into a fresh data directory with the import's organisations.
 *   import-pg-rows-per-s      rows / wall time of the whole command (process start included)   ≥ 50,000
 *   import-pg-vs-copy         that wall time / `psql \copy` of the same file into a plain table  ≤ 3×
 *   import-pglite-rows-per-s  the same on an embedded PGlite data directory                   ≥ 20,000
 * The CLI's start-up (a `tillit org list` on the same database) is in the details, as is the peak RSS, and on
 * PostgreSQL what the database alone needs to write the same rows (sqlFloor): the bound the schema sets.
 * bench/import-1m.ts (the import helper's) remains the 1,000,000-row check with a re-import dry run.
 */
import { existsSync, mkdirSync, mkdtempSync, rmSync, statSync } from 'node:fs';
import { spawnSync } from 'node:child_process';
import pg from 'pg';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { openDatabase, type Database } from '../src/server/platform/db';
import { createOrg } from '../src/domains/org/service';
import { writeGeneratedCsv } from '../src/domains/incidents/import/testdata';
import { indexPendingSearch } from '../src/domains/incidents/search-index';
import type { Benchmark, BenchResult } from './run';
import { adminQuery, benchCtx, dropDatabase, pgUrlOf, round, runTillit, scaled } from './lib';
import { city } from './incidents-list.bench';

const PG_ROWS = scaled(500_000, 2_000);
const PGLITE_ROWS = scaled(200_000, 1_000);

/** Enheter of the city's Hässelby-Vällingby (city.ts names them "<enhet>, <avdelning>"), for half the rows' Enhet. */
const CITY_UNITS = ['Enhet Nord, Administrativa avdelningen', 'Enhet Syd, Verksamhetsavdelningen', 'Stödenheten, IT-avdelningen'];

async function csv(rows: number, units?: string[]): Promise<string> {
  const dir = join(tmpdir(), 'tillit-bench');
  mkdirSync(dir, { recursive: true });
  const file = join(dir, `incidents-${units ? 'city-' : ''}${rows}.csv`);
  if (!existsSync(file)) await writeGeneratedCsv(file, rows, 1, units);
  return file;
}

async function seedOrgs(db: Database) {
  await db.migrate();
  const ctx = benchCtx(db);
  await createOrg(ctx, { slug: 'stad', name: 'Stockholms stad', type: 'stad' });
  await createOrg(ctx, { slug: 'hv', name: 'Hässelby-Vällingby', type: 'forvaltning', parent: 'stad' });
  await createOrg(ctx, { slug: 'hv-best', name: 'Beställarenheten', type: 'enhet', parent: 'hv' });
}

interface Floor {
  incidentsSeconds: number;
  historySeconds: number;
  /** Without the statement trigger that checks references and queues texts for the search index (migration 0021). */
  withoutReferenceTriggerSeconds: number;
  primaryKeyOnlySeconds: number;
  rowsPerSecond: number;
}
let cityIncidents: number | undefined;

interface Run { cityIncidents?: number; rows: number; seconds: number; startupSeconds: number; peakRssMB: number; summary: Record<string, unknown>; copySeconds?: number; floor?: Floor; fileMB: number; searchIndexSeconds?: number }

/**
 * What PostgreSQL alone needs for the rows the import just wrote: they are copied aside, deleted (and vacuumed
 * away), and then put back beside the city's incidents by one INSERT … SELECT each, sorted by organisation and
 * time (the most favourable order for the indexes), with no client, parsing or network in between. Repeated without
 * the statement trigger (references, search queue), and with the primary key only, each in a transaction that is rolled back. A lower bound for any
 * import that keeps the schema; the gap to `psql \copy` into a plain table is what the schema costs.
 */
async function sqlFloor(url: string, rows: number, seqBefore: number): Promise<Floor> {
  const c = new pg.Client({ connectionString: url, options: '-c jit=off' });
  await c.connect();
  const timedSql = async (text: string) => {
    const t0 = performance.now();
    await c.query(text);
    return (performance.now() - t0) / 1000;
  };
  const SECONDARY = ['incidents_handler_idx', 'incidents_org_list_idx', 'incidents_org_protected_idx', 'incidents_register_external_unique', 'incidents_reported_idx', 'incidents_reporter_reported_idx', 'incidents_untriaged_idx', 'incidents_external_lower_idx', 'incidents_number_unique'];
  const reinsert = async (before: string[]) => {
    await c.query('begin');
    try {
      for (const q of before) await c.query(q);
      const incidents = await timedSql('insert into incidents select * from floor_incidents order by org_id, reported_at, id');
      return { incidents, history: await timedSql('insert into incident_status_history select * from floor_history order by id') };
    } finally {
      await c.query('rollback');
      // The rolled-back rows are dead tuples and index entries: cleared, so each variant starts from the same table.
      await c.query('vacuum incidents, incident_status_history');
    }
  };
  try {
    await c.query(`create unlogged table floor_incidents as select * from incidents where seq > ${seqBefore}`);
    await c.query('create unlogged table floor_history as select h.* from incident_status_history h join floor_incidents i on i.id = h.incident_id');
    await c.query(`delete from incident_status_history h using floor_incidents i where i.id = h.incident_id`);
    await c.query('delete from incident_search_pending');
    await c.query(`delete from incident_search where incident_id in (select id from floor_incidents)`);
    await c.query(`delete from incidents where seq > ${seqBefore}`);
    await c.query('vacuum analyze incidents, incident_status_history, floor_incidents, floor_history');
    const all = await reinsert([]);
    const noTrigger = await reinsert(['alter table incidents disable trigger incidents_inserted']);
    const pkOnly = await reinsert(['alter table incidents disable trigger incidents_inserted', `drop index ${SECONDARY.join(', ')}`]);
    return {
      incidentsSeconds: round(all.incidents), historySeconds: round(all.history),
      withoutReferenceTriggerSeconds: round(noTrigger.incidents), primaryKeyOnlySeconds: round(pkOnly.incidents),
      rowsPerSecond: Math.round(rows / (all.incidents + all.history)),
    };
  } finally {
    await c.query('drop table if exists floor_incidents, floor_history');
    await c.end();
  }
}

async function importRun(kind: 'pg' | 'pglite', rows: number): Promise<Run> {
  const file = await csv(rows, kind === 'pg' ? CITY_UNITS : undefined);
  const name = 'tillit_bench_import';
  let env: Record<string, string>;
  let cleanup: () => Promise<void>;
  let url = '';
  let seqBefore = 0;
  if (kind === 'pg') {
    const c = await city();
    await dropDatabase(name);
    await adminQuery(`create database ${name} template ${c.db} strategy file_copy`);
    url = pgUrlOf(name);
    const before = await adminQuery('select coalesce(max(seq), 0)::int8 as seq, count(*)::int8 as n from incidents', url);
    seqBefore = Number(before.rows[0].seq);
    cityIncidents = Number(before.rows[0].n);
    env = { DATABASE_URL: url };
    cleanup = () => dropDatabase(name);
  } else {
    const dir = mkdtempSync(join(tmpdir(), 'tillit-bench-import-'));
    const db = await openDatabase({ dataDir: dir });
    await seedOrgs(db);
    await db.close();
    env = { TILLIT_DATA_DIR: dir };
    cleanup = async () => rmSync(dir, { recursive: true, force: true });
  }
  try {
    const startup = await runTillit(['org', 'list', '--json'], env);
    console.log(`  import ${rows} rows on ${kind} …`);
    const run = await runTillit(['import', 'incidents', file, '--org', 'hv', '--json'], env);
    if (run.code !== 0) throw new Error(`import exited ${run.code}: ${run.stderr.slice(0, 1500)}`);
    const summary = JSON.parse(run.stdout) as Record<string, unknown>;
    if (summary.created !== rows) throw new Error(`import created ${String(summary.created)} of ${rows} rows`);
    let copySeconds: number | undefined;
    let floor: Floor | undefined;
    let searchIndexSeconds: number | undefined;
    if (kind === 'pg') {
      // What the server's search indexer then needs in the background to make the imported texts searchable from
      // the index (search works before, from the texts themselves: list.ts).
      const db = await openDatabase({ databaseUrl: url });
      try {
        const t0 = performance.now();
        const n = await indexPendingSearch(db.db);
        if (n !== rows) throw new Error(`the search indexer indexed ${n} of ${rows} rows`);
        searchIndexSeconds = (performance.now() - t0) / 1000;
      } finally {
        await db.close();
      }
      const cols = Array.from({ length: 13 }, (_, i) => `c${i} text`).join(', ');
      const t0 = performance.now();
      const r = spawnSync('psql', [url, '-q', '-v', 'ON_ERROR_STOP=1', '-c', `create table bench_plain (${cols})`, '-c', `\\copy bench_plain from '${file}' with (format csv, header, delimiter ';')`]);
      if (r.status !== 0) throw new Error(`psql \\copy failed: ${r.stderr}`);
      copySeconds = (performance.now() - t0) / 1000;
      floor = await sqlFloor(url, rows, seqBefore);
    }
    const out = { cityIncidents: kind === 'pg' ? cityIncidents : undefined, rows, seconds: run.seconds, startupSeconds: startup.seconds, peakRssMB: run.peakRssMB, summary: { created: summary.created, rejected: summary.rejected }, copySeconds, floor, fileMB: round(statSync(file).size / 2 ** 20, 1), searchIndexSeconds };
    console.log(`  ${kind}: ${rows} rows in ${round(run.seconds, 1)} s (${Math.round(rows / run.seconds)} rows/s; CLI start-up ${round(startup.seconds, 1)} s)${copySeconds ? `, psql \\copy ${round(copySeconds, 1)} s` : ''}, peak RSS ${run.peakRssMB} MB`);
    if (searchIndexSeconds !== undefined) console.log(`  search index caught up in the background in ${round(searchIndexSeconds, 1)} s`);
    if (floor) console.log(`  PostgreSQL alone: incidents ${floor.incidentsSeconds} s + status history ${floor.historySeconds} s (${floor.rowsPerSecond} rows/s); without the statement trigger ${floor.withoutReferenceTriggerSeconds} s, primary key only ${floor.primaryKeyOnlySeconds} s`);
    return out;
  } finally {
    await cleanup();
  }
}

let pgP: Promise<Run> | undefined;
const pgRun = () => (pgP ??= importRun('pg', PG_ROWS));

const details = (r: Run) => ({
  ...(r.cityIncidents !== undefined ? { incidentsInCityBefore: r.cityIncidents } : {}),
  rows: r.rows, fileMB: r.fileMB, seconds: round(r.seconds, 2), cliStartupSeconds: round(r.startupSeconds, 2),
  rowsPerSecondExcludingStartup: Math.round(r.rows / Math.max(0.001, r.seconds - r.startupSeconds)), peakRssMB: r.peakRssMB, summary: r.summary,
  ...(r.searchIndexSeconds !== undefined ? { searchIndexCatchUpSeconds: round(r.searchIndexSeconds, 2) } : {}),
  ...(r.copySeconds !== undefined ? { psqlCopySeconds: round(r.copySeconds, 2), psqlCopyRowsPerSecond: Math.round(r.rows / r.copySeconds) } : {}),
  ...(r.floor ? { postgresqlAloneSeconds: r.floor, postgresqlAloneVsCopy: round((r.floor.incidentsSeconds + r.floor.historySeconds) / r.copySeconds!) } : {}),
});

export const benchmarks: Benchmark[] = [
  {
    name: 'import-pg-rows-per-s',
    async run(): Promise<BenchResult> {
      const r = await pgRun();
      return { name: 'import-pg-rows-per-s', description: '`tillit import incidents` (child process, whole command) of a generated IA CSV into PostgreSQL', unit: 'rows/s', value: Math.round(r.rows / r.seconds), target: 50_000, kind: 'min', inclusive: true, details: details(r) };
    },
  },
  {
    name: 'import-pg-vs-copy',
    async run(): Promise<BenchResult> {
      const r = await pgRun();
      return { name: 'import-pg-vs-copy', description: 'Import wall time / `psql \\copy` of the same file into a plain 13-column text table', unit: '×', value: round(r.seconds / r.copySeconds!), target: 3, kind: 'max', inclusive: true, details: details(r) };
    },
  },
  {
    name: 'import-pglite-rows-per-s',
    async run(): Promise<BenchResult> {
      const r = await importRun('pglite', PGLITE_ROWS);
      return { name: 'import-pglite-rows-per-s', description: '`tillit import incidents` (child process, whole command) of a generated IA CSV into an embedded PGlite data directory', unit: 'rows/s', value: Math.round(r.rows / r.seconds), target: 20_000, kind: 'min', inclusive: true, details: details(r) };
    },
  },
];
