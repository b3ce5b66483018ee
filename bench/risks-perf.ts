/**
 * Register speed check (issue 5): 10,000 risks, heat map and filtered list over HTTP, p95 in ms.
 * Run: TILLIT_TEST_DB=pg node bin/run-ts.mjs src/domains/risks/perf.bench.ts
 */
import { sql } from 'drizzle-orm';
import { makeOrgs, startTestServer, userWithRole } from '../src/test/harness';
import { inTx } from '../src/server/platform/tx';
import { cityIdOf, currentScale } from '../src/domains/risks/common';
import { findOrg } from '../src/domains/org/service';

const N = Number(process.env.N ?? 10_000);
const t = await startTestServer();
try {
  const ids = await makeOrgs(t.ctx, [['stad', 'stad'], ['forv-a', 'forvaltning', 'stad'], ['avd-1', 'avdelning', 'forv-a'], ['avd-2', 'avdelning', 'forv-a'], ['forv-b', 'forvaltning', 'stad']]);
  const org = await findOrg(t.ctx.db, 'forv-a');
  const scale = await inTx(t.ctx, (tx) => currentScale(tx, t.ctx, cityIdOf(org.path)));
  const orgIds = [ids['forv-a'], ids['avd-1'], ids['avd-2'], ids['forv-b']];
  await t.database.db.execute(sql`
    insert into risks (org_id, title, source_type, owner, scale_id, inherent_sannolikhet, inherent_konsekvens, inherent_riskvarde,
                       residual_sannolikhet, residual_konsekvens, residual_riskvarde, treatment, review_date)
    select (array[${sql.join(orgIds.map((i) => sql`${i}::uuid`), sql`,`)}])[1 + g % 4], 'Risk ' || g,
           (array['vor','rsa','dso','classification','supplier','incident','manual'])[1 + g % 7], 'Ägare ' || (g % 50), ${scale.id}::uuid,
           1 + g % 4, 1 + (g / 4) % 4, (1 + g % 4) * (1 + (g / 4) % 4),
           case when g % 3 = 0 then null else 1 + g % 3 end, case when g % 3 = 0 then null else 1 + (g / 3) % 4 end,
           case when g % 3 = 0 then null else (1 + g % 3) * (1 + (g / 3) % 4) end,
           (array['reducera','acceptera','overfora','undvika', null])[1 + g % 5], date '2026-01-01' + (g % 700)
    from generate_series(1, ${N}) g`);
  await t.database.db.execute(sql`analyze risks`);
  const c = await userWithRole(t, 'isam@test.se', 'isam', 'forv-a');
  const paths = {
    baseline: '/api/risks/thresholds/forv-a',
    heatmap: '/api/risks/register/heatmap?org=forv-a',
    'heatmap filtered': '/api/risks/register/heatmap?org=forv-a&sourceType=rsa,supplier&treatment=reducera',
    list: '/api/risks/register?org=forv-a&limit=50',
    'list filtered': '/api/risks/register?org=forv-a&sourceType=incident&treatment=reducera,ingen&limit=50',
    'list cell': '/api/risks/register?org=forv-a&basis=inherent&sannolikhet=4&konsekvens=4&limit=50',
  };
  for (const [name, path] of Object.entries(paths)) {
    for (let i = 0; i < 5; i++) await c.get(path);
    const times: number[] = [];
    for (let i = 0; i < 40; i++) {
      const s = performance.now();
      const r = await c.get(path);
      times.push(performance.now() - s);
      if (r.status !== 200) throw new Error(`${path}: ${r.status}`);
    }
    times.sort((a, b) => a - b);
    console.log(`${t.database.kind} ${N} risks ${name}: p50 ${times[19].toFixed(1)} ms, p95 ${times[37].toFixed(1)} ms`);
  }
} finally {
  await t.close();
}
