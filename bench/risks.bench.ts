/**
 * Issue 5, "Speed": a register of 10,000 risks on PostgreSQL (BENCH_SCALE scales it); heat map and filtered
 * list API p95 < 50 ms, through the real server (`tillit serve`, a child process) with an ISAM's session on
 * the förvaltning holding 7,500 of them, and the whole city's heat map as a city-wide administrator.
 * The data is made as in bench/risks-perf.ts (the risks helper's check), in its own database tillit_bench_risks.
 */
import { sql } from 'drizzle-orm';
import { openDatabase } from '../src/server/platform/db';
import { inTx } from '../src/server/platform/tx';
import { createOrg, findOrg } from '../src/domains/org/service';
import { assignRole, createUser } from '../src/domains/users/service';
import { cityIdOf, currentScale } from '../src/domains/risks/common';
import type { Benchmark, BenchResult } from './run';
import { benchCtx, dropDatabase, recreateDatabase, scaled, serveChild, signedIn, stats, type Stats } from './lib';

const N = scaled(10_000, 500);
const SAMPLES = Math.max(20, Math.min(60, scaled(60)));
const PASSWORD = 'Bänk-Mätning-Risk-Register-2026';
const DB = 'tillit_bench_risks';

async function seed(url: string) {
  const database = await openDatabase({ databaseUrl: url, poolSize: 2 });
  try {
    await database.migrate();
    const ctx = benchCtx(database);
    const ids: Record<string, string> = {};
    for (const [slug, type, parent] of [['stad', 'stad'], ['forv-a', 'forvaltning', 'stad'], ['avd-1', 'avdelning', 'forv-a'], ['avd-2', 'avdelning', 'forv-a'], ['forv-b', 'forvaltning', 'stad']] as const) {
      ids[slug] = (await createOrg(ctx, { slug, name: slug.toUpperCase(), type, parent })).id;
    }
    const org = await findOrg(database.db, 'forv-a');
    const scale = await inTx(ctx, (tx) => currentScale(tx, ctx, cityIdOf(org.path)));
    const orgIds = [ids['forv-a'], ids['avd-1'], ids['avd-2'], ids['forv-b']];
    await database.db.execute(sql`
      insert into risks (org_id, title, source_type, owner, scale_id, inherent_sannolikhet, inherent_konsekvens, inherent_riskvarde,
                         residual_sannolikhet, residual_konsekvens, residual_riskvarde, treatment, review_date)
      select (array[${sql.join(orgIds.map((i) => sql`${i}::uuid`), sql`,`)}])[1 + g % 4], 'Risk ' || g,
             (array['vor','rsa','dso','classification','supplier','incident','manual'])[1 + g % 7], 'Ägare ' || (g % 50), ${scale.id}::uuid,
             1 + g % 4, 1 + (g / 4) % 4, (1 + g % 4) * (1 + (g / 4) % 4),
             case when g % 3 = 0 then null else 1 + g % 3 end, case when g % 3 = 0 then null else 1 + (g / 3) % 4 end,
             case when g % 3 = 0 then null else (1 + g % 3) * (1 + (g / 3) % 4) end,
             (array['reducera','acceptera','overfora','undvika', null])[1 + g % 5], date '2026-01-01' + (g % 700)
      from generate_series(1, ${N}) g`);
    await database.db.execute(sql`analyze risks`);
    for (const [email, role, o] of [['isam@bench-risks.se', 'isam', 'forv-a'], ['admin@bench-risks.se', 'systemadministrator', undefined]] as const) {
      const { user } = await createUser(ctx, { email, name: email, password: PASSWORD, locale: 'sv' });
      await assignRole(ctx, user.id, { role, org: o });
    }
  } finally {
    await database.close();
  }
}

interface Row { who: string; name: string; path: string; api: Stats }
let measured: Promise<Row[]> | undefined;

async function measureOnce(): Promise<Row[]> {
  const url = await recreateDatabase(DB);
  const out: Row[] = [];
  try {
    await seed(url);
    const server = await serveChild({ DATABASE_URL: url });
    try {
      const isam = await signedIn(server.url, 'isam@bench-risks.se', PASSWORD);
      const admin = await signedIn(server.url, 'admin@bench-risks.se', PASSWORD);
      const cases: [string, typeof isam, string, string][] = [
        ['isam forv-a', isam, 'heatmap', '/api/risks/register/heatmap?org=forv-a'],
        ['isam forv-a', isam, 'heatmap filtered', '/api/risks/register/heatmap?org=forv-a&sourceType=rsa,supplier&treatment=reducera'],
        ['isam forv-a', isam, 'list', '/api/risks/register?org=forv-a&limit=50'],
        ['isam forv-a', isam, 'list filtered', '/api/risks/register?org=forv-a&sourceType=incident&treatment=reducera,ingen&limit=50'],
        ['isam forv-a', isam, 'list cell', '/api/risks/register?org=forv-a&basis=inherent&sannolikhet=4&konsekvens=4&limit=50'],
        ['admin stad', admin, 'heatmap city', '/api/risks/register/heatmap?org=stad'],
        ['admin stad', admin, 'list city', '/api/risks/register?org=stad&limit=50'],
      ];
      for (const [who, client, name, path] of cases) {
        const get = async () => {
          const r = await client.get(path);
          if (r.status !== 200) throw new Error(`${path}: ${r.status} ${JSON.stringify(r.body).slice(0, 300)}`);
        };
        for (let i = 0; i < 5; i++) await get();
        const times: number[] = [];
        for (let i = 0; i < SAMPLES; i++) {
          const t = performance.now();
          await get();
          times.push(performance.now() - t);
        }
        const row = { who, name, path, api: stats(times) };
        console.log(`  ${who.padEnd(12)} ${name.padEnd(17)} p50 ${row.api.p50} p95 ${row.api.p95} ms`);
        out.push(row);
      }
    } finally {
      await server.stop();
    }
  } finally {
    await dropDatabase(DB);
  }
  return out;
}
const measure = () => (measured ??= measureOnce());

function result(name: string, kind: string, rows: Row[]): BenchResult {
  const worst = rows.reduce((w, r) => (r.api.p95 > w.api.p95 ? r : w));
  return {
    name,
    description: `GET /api/risks/register${kind === 'heatmap' ? '/heatmap' : ''} with typical filters, ${N} risks on PostgreSQL, real server over HTTP: worst p95`,
    unit: 'ms', value: worst.api.p95, target: 50, kind: 'max',
    details: { risks: N, samples: SAMPLES, worst: `${worst.who} / ${worst.name}`, cases: rows.map((r) => ({ who: r.who, case: r.name, path: r.path, ...r.api })) },
  };
}

export const benchmarks: Benchmark[] = [
  { name: 'risks-heatmap-p95', run: async () => result('risks-heatmap-p95', 'heatmap', (await measure()).filter((r) => r.name.startsWith('heatmap'))) },
  { name: 'risks-list-p95', run: async () => result('risks-list-p95', 'list', (await measure()).filter((r) => r.name.startsWith('list'))) },
];
