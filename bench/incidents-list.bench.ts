/**
 * Issue 4, "Speed": the filtered incident list on PostgreSQL with 1,000,000 incidents in a generated city
 * (bench/city.ts; BENCH_SCALE scales the count). Every typical filter is asked through the real HTTP server
 * (`tillit serve`, a child process) with an ISAM's session, and the same query as raw SQL with pg directly
 * (same filters, same order, same LIMIT 51 the API uses for 50 rows + "is there more"), interleaved so both
 * see the same machine load.
 *   incidents-list-p95     worst p95 of the API over the filters                     < 50 ms
 *   incidents-list-vs-sql  worst ratio API / raw SQL (medians) over the filters      ≤ 2×
 * Both ISAMs: the largest förvaltning (utbildning, ~10 % of the city) and the smallest (arkiv, ~2 %).
 */
import pg from 'pg';
import type { Benchmark, BenchResult } from './run';
import { CITY_PASSWORD, ensureCity, ensureIsam, type City } from './city';
import { round, scaled, SCALE, serveChild, signedIn, stats, type Stats } from './lib';

const INCIDENTS = scaled(1_000_000, 5_000);
const SAMPLES = Math.max(20, Math.min(60, scaled(60)));
const SLOW_SQL_MS = 250;
const SLOW_SAMPLES = 8;
/** BENCH_LIST_FILTERS=name,name: only these filters (a partial run, for tuning). */
const ONLY_FILTERS = process.env.BENCH_LIST_FILTERS?.split(',').map((x) => x.trim());

let cityP: Promise<City> | undefined;
export const city = () => (cityP ??= ensureCity({ db: SCALE === 1 ? 'tillit_bench' : 'tillit_bench_small', incidents: INCIDENTS, log: (s) => console.log(`  ${s}`) }));

interface Filter { name: string; query: Record<string, string>; where: string; params: unknown[] }

/** Typical filters; `where` is the raw SQL's condition beyond the subtree (params from $2). */
function filters(): Filter[] {
  return allFilters().filter((f) => !ONLY_FILTERS || ONLY_FILTERS.includes(f.name));
}

function allFilters(): Filter[] {
  const year = (y: number) => [`i.reported_at >= make_timestamptz(${y}, 1, 1, 0, 0, 0, 'Europe/Stockholm') and i.reported_at < make_timestamptz(${y + 1}, 1, 1, 0, 0, 0, 'Europe/Stockholm')`];
  return [
    { name: 'newest', query: {}, where: 'true', params: [] },
    { name: 'year', query: { year: '2025' }, where: year(2025)[0], params: [] },
    { name: 'open', query: { status: 'Under utredning,Under åtgärd' }, where: `i.status in ('Under utredning', 'Under åtgärd')`, params: [] },
    { name: 'new this year', query: { status: 'Rapporterad,Under registrering', year: '2026' }, where: `i.status in ('Rapporterad', 'Under registrering') and ${year(2026)[0]}`, params: [] },
    { name: 'overdue status', query: { status: 'Förfallen', year: '2024' }, where: `i.status = 'Förfallen' and ${year(2024)[0]}`, params: [] },
    { name: 'kind+year', query: { kind: 'Personuppgiftsincident', year: '2025' }, where: `i.kind = 'Personuppgiftsincident' and ${year(2025)[0]}`, params: [] },
    { name: 'breach', query: { personalData: 'breach', year: '2024' }, where: `(i.personal_data = 'ja' or i.kind = 'Personuppgiftsincident') and ${year(2024)[0]}`, params: [] },
    { name: 'category', query: { category: 'Nätfiske', year: '2025' }, where: `i.category = 'Nätfiske' and ${year(2025)[0]}`, params: [] },
    { name: 'protected', query: { protected: 'true' }, where: `i.protected_identity`, params: [] },
    // Full-text search (incident_search, migration 0021): a word in every description, a category's word (5 %), a number
    // prefix in about 110 of 1,000,000, and a category's word within a year.
    { name: 'search common', query: { q: 'rutinen' }, where: `i.id in (select s.incident_id from incident_search s where s.doc @@ to_tsquery('swedish', 'rutinen:*'))`, params: [] },
    { name: 'search rare', query: { q: 'våld' }, where: `i.id in (select s.incident_id from incident_search s where s.doc @@ to_tsquery('swedish', 'våld:*'))`, params: [] },
    { name: 'search few', query: { q: '1234' }, where: `i.id in (select s.incident_id from incident_search s where s.doc @@ to_tsquery('swedish', '1234:*'))`, params: [] },
    { name: 'search+year', query: { q: 'nätfiske', year: '2025' }, where: `i.id in (select s.incident_id from incident_search s where s.doc @@ to_tsquery('swedish', 'nätfiske:*')) and ${year(2025)[0]}`, params: [] },
  ];
}

/** The raw SQL of a filter: the same rows, order and LIMIT 51 as the API, every column, in one plain statement. */
const rawText = (f: Filter) => `select i.*, o.slug, o.name as org_name from incidents i join orgs o on o.id = i.org_id
  where o.path like $1 and ${f.where} order by i.reported_at desc, i.id desc limit 51`;

interface Row { org: string; filter: string; rows: number; samples: number; api: Stats; sql: Stats; ratio: number }
let measured: Promise<{ rows: Row[]; city: City }> | undefined;

async function measureOnce(): Promise<{ rows: Row[]; city: City }> {
  const c = await city();
  const orgs = ['utbildning', 'arkiv'];
  const emails = await Promise.all(orgs.map((o) => ensureIsam(c, o)));
  const server = await serveChild({ DATABASE_URL: c.url });
  const raw = new pg.Client({ connectionString: c.url });
  await raw.connect();
  const out: Row[] = [];
  try {
    // Steady state, not a cold start: the new server process (JIT, connections, prepared statements) and the
    // database are warmed up first with every filter of both organisations, through the API and as raw SQL.
    // A raw query that takes longer than SLOW_SQL_MS (PostgreSQL's plan for a number searched as a prefix walks
    // every incident, 5 s) is warmed up and sampled less, so that the run ends; its samples are recorded.
    const slow = new Set<string>();
    for (const [k, org] of orgs.entries()) {
      const client = await signedIn(server.url, emails[k], CITY_PASSWORD);
      const path = (await raw.query(`select path from orgs where slug = $1`, [org])).rows[0].path as string;
      for (let round = 0; round < 10; round++) {
        for (const f of filters()) {
          await client.get(`/api/incidents?${new URLSearchParams({ org, ...f.query }).toString()}`);
          if (round >= 2 && slow.has(`${org}/${f.name}`)) continue;
          const t = performance.now();
          await raw.query(rawText(f), [path + '%', ...f.params]);
          if (round >= 1 && performance.now() - t > SLOW_SQL_MS) slow.add(`${org}/${f.name}`);
        }
      }
    }
    for (const [k, org] of orgs.entries()) {
      const client = await signedIn(server.url, emails[k], CITY_PASSWORD);
      const path = (await raw.query(`select path from orgs where slug = $1`, [org])).rows[0].path as string;
      for (const f of filters()) {
        const qs = new URLSearchParams({ org, ...f.query }).toString();
        const text = rawText(f);
        const get = async () => {
          const r = await client.get(`/api/incidents?${qs}`);
          if (r.status !== 200) throw new Error(`GET /api/incidents?${qs}: ${r.status} ${JSON.stringify(r.body).slice(0, 300)}`);
          return (r.body as { items: { id: string }[] }).items;
        };
        const api = async () => (await get()).length;
        const sql = async () => (await raw.query(text, [path + '%', ...f.params])).rowCount ?? 0;
        // The API answers exactly the raw query's rows, in order.
        const apiIds = (await get()).map((x) => x.id).join();
        const sqlIds = (await raw.query(text, [path + '%', ...f.params])).rows.slice(0, 50).map((x: { id: string }) => x.id).join();
        if (apiIds !== sqlIds) throw new Error(`${org} ${f.name}: the API's page differs from the raw SQL's`);
        const samples = slow.has(`${org}/${f.name}`) ? SLOW_SAMPLES : SAMPLES;
        for (let i = 0; i < Math.min(5, samples); i++) { await api(); await sql(); }
        const a: number[] = [];
        const s: number[] = [];
        let n = 0;
        for (let i = 0; i < samples; i++) {
          let t = performance.now();
          n = await api();
          a.push(performance.now() - t);
          t = performance.now();
          const m = await sql();
          s.push(performance.now() - t);
          if (Math.min(m, 50) !== n) throw new Error(`${org} ${f.name}: API gave ${n} rows, SQL ${m}`);
        }
        const row = { org, filter: f.name, rows: n, samples, api: stats(a), sql: stats(s), ratio: 0 };
        row.ratio = round(row.api.p50 / Math.max(row.sql.p50, 0.01));
        console.log(`  ${org.padEnd(10)} ${f.name.padEnd(15)} rows ${String(n).padStart(2)}  API p50 ${row.api.p50} p95 ${row.api.p95} ms  SQL p50 ${row.sql.p50} p95 ${row.sql.p95} ms  ×${row.ratio}`);
        out.push(row);
      }
    }
  } finally {
    await raw.end();
    await server.stop();
  }
  return { rows: out, city: c };
}
const measure = () => (measured ??= measureOnce());

const common = (c: City) => ({ incidents: c.incidents, database: c.db, seed: c.seed, samplesPerFilter: SAMPLES, generatedSeconds: c.generatedSeconds });

export const benchmarks: Benchmark[] = [
  {
    name: 'incidents-list-p95',
    async run(): Promise<BenchResult> {
      const { rows, city: c } = await measure();
      const worst = rows.reduce((w, r) => (r.api.p95 > w.api.p95 ? r : w));
      return {
        name: 'incidents-list-p95',
        description: `GET /api/incidents with typical filters (ISAM of a förvaltning, ${c.incidents} incidents on PostgreSQL, real server over HTTP): worst p95 over the filters`,
        unit: 'ms', value: worst.api.p95, target: 50, kind: 'max',
        details: { ...common(c), worst: `${worst.org} / ${worst.filter}`, filters: rows.map((r) => ({ org: r.org, filter: r.filter, rows: r.rows, api: r.api })) },
      };
    },
  },
  {
    name: 'incidents-list-vs-sql',
    async run(): Promise<BenchResult> {
      const { rows, city: c } = await measure();
      const worst = rows.reduce((w, r) => (r.ratio > w.ratio ? r : w));
      return {
        name: 'incidents-list-vs-sql',
        description: 'API time / raw SQL time of the same query (same filters, order and LIMIT 51, pg directly), medians, worst over the filters',
        unit: '×', value: worst.ratio, target: 2, kind: 'max', inclusive: true,
        details: { ...common(c), worst: `${worst.org} / ${worst.filter}`, filters: rows.map((r) => ({ org: r.org, filter: r.filter, samples: r.samples, apiP50: r.api.p50, sqlP50: r.sql.p50, apiP95: r.api.p95, sqlP95: r.sql.p95, ratio: r.ratio })) },
      };
    },
  },
];
