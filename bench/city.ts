/**
 * Seeded generator of a benchmark city on PostgreSQL: stad → 20 förvaltningar → 4 avdelningar each → 5 enheter
 * each (501 organisations, made through the org service), and N incidents generated in SQL (generate_series,
 * setseed) with a realistic spread: more incidents in large förvaltningar, 2019–2026 growing year on year,
 * older incidents mostly Klar, four kinds, a dozen skewed categories, personal data breaches (~35 %),
 * IMY reports, NIS2 cases, protected identities (1 %), some åtgärder. The database is kept between runs
 * (bench_meta records scale and seed) so repeated bench runs reuse it; BENCH_REGENERATE=1 rebuilds it.
 *
 *   node bin/run-ts.mjs bench/city.ts [--incidents N] [--seed S] [--db NAME]
 */
import { parseArgs } from 'node:util';
import pg from 'pg';
import { sql } from 'drizzle-orm';
import { openDatabase } from '../src/server/platform/db';
import { createOrg } from '../src/domains/org/service';
import { assignRole, createUser } from '../src/domains/users/service';
import { benchCtx, databaseExists, pgUrlOf, recreateDatabase, round } from './lib';

const GENERATOR_VERSION = 4;
export const CITY_PASSWORD = 'Bänk-Mätning-Snabb-Stad-2026';
export const CITY_ISAM = 'isam@bench.tillit.se';
export const CITY_ADMIN = 'admin@bench.tillit.se';

/** [slug, name, relative size]: the big stadsdelsförvaltningar and utbildning report the most. */
export const FORVALTNINGAR: [string, string, number][] = [
  ['utbildning', 'Utbildningsförvaltningen', 6], ['social', 'Socialförvaltningen', 5], ['aldre', 'Äldreförvaltningen', 4],
  ['hv', 'Hässelby-Vällingby stadsdelsförvaltning', 4], ['rk', 'Rinkeby-Kista stadsdelsförvaltning', 4], ['eav', 'Enskede-Årsta-Vantör stadsdelsförvaltning', 4],
  ['sodermalm', 'Södermalms stadsdelsförvaltning', 3], ['norrmalm', 'Norrmalms stadsdelsförvaltning', 3], ['st', 'Spånga-Tensta stadsdelsförvaltning', 3],
  ['slk', 'Stadsledningskontoret', 2], ['trafik', 'Trafikkontoret', 2], ['sbk', 'Stadsbyggnadskontoret', 2], ['miljo', 'Miljöförvaltningen', 1],
  ['kultur', 'Kulturförvaltningen', 2], ['idrott', 'Idrottsförvaltningen', 1], ['amf', 'Arbetsmarknadsförvaltningen', 2],
  ['exploatering', 'Exploateringskontoret', 1], ['fastighet', 'Fastighetskontoret', 1], ['service', 'Serviceförvaltningen', 2], ['arkiv', 'Stadsarkivet', 1],
];
const AVDELNINGAR = ['Administrativa avdelningen', 'Verksamhetsavdelningen', 'Ekonomiavdelningen', 'IT-avdelningen'];
const ENHETER = ['Enhet Nord', 'Enhet Syd', 'Enhet Öst', 'Enhet Väst', 'Stödenheten'];
const CATEGORIES = ['Fel mottagare', 'Fel ärende i socialt system', 'Nätfiske', 'Borttappad utrustning', 'Obehörig åtkomst', 'Felaktig behörighet',
  'Skadlig kod', 'Stöld', 'Driftstörning', 'Felaktig publicering', 'Lösenord på avvägar', 'Hot och våld'];

export interface City { url: string; db: string; incidents: number; seed: number; forvaltningar: string[]; generatedSeconds: number | null }

const sqlArray = (xs: string[]) => `array[${xs.map((x) => `'${x.replace(/'/g, "''")}'`).join(',')}]`;

/** The city in database `db` with `incidents` incidents: reused when already there with the same size and seed. */
export async function ensureCity(opts: { db?: string; incidents: number; seed?: number; log?: (s: string) => void }): Promise<City> {
  const name = opts.db ?? 'tillit_bench';
  const seed = opts.seed ?? 42;
  const log = opts.log ?? (() => {});
  const url = pgUrlOf(name);
  const forvaltningar = FORVALTNINGAR.map((f) => f[0]);
  if (process.env.BENCH_REGENERATE !== '1' && (await databaseExists(name))) {
    const c = new pg.Client({ connectionString: url });
    await c.connect();
    try {
      const r = await c.query(`select value from bench_meta where key = 'city'`).catch(() => ({ rows: [] as { value: unknown }[] }));
      const meta = r.rows[0]?.value as { incidents?: number; seed?: number; version?: number } | undefined;
      if (meta?.incidents === opts.incidents && meta.seed === seed && meta.version === GENERATOR_VERSION) {
        const database = await openDatabase({ databaseUrl: url, poolSize: 1 });
        await database.migrate(); // new indexes since the city was made
        await database.close();
        await c.query('analyze incidents');
        log(`city: reusing ${name} (${opts.incidents} incidents, seed ${seed})`);
        return { url, db: name, incidents: opts.incidents, seed, forvaltningar, generatedSeconds: null };
      }
    } finally {
      await c.end();
    }
  }
  const t0 = performance.now();
  log(`city: generating ${name} with ${opts.incidents} incidents (seed ${seed}) …`);
  await recreateDatabase(name);
  const database = await openDatabase({ databaseUrl: url, poolSize: 2 });
  try {
    await database.migrate();
    const ctx = benchCtx(database);
    const stad = await createOrg(ctx, { slug: 'bench-stad', name: 'Bänkeby stad', type: 'stad' });
    // Weighted slots: each enhet gets the förvaltning's weight, avdelningar and the förvaltning itself some too.
    const slotOrg: string[] = [];
    const slotReg: string[] = [];
    for (const [slug, fname, weight] of FORVALTNINGAR) {
      const f = await createOrg(ctx, { slug, name: fname, type: 'forvaltning', parent: 'bench-stad' });
      for (let i = 0; i < weight * 4; i++) { slotOrg.push(f.id); slotReg.push(f.id); }
      for (const [ai, aname] of AVDELNINGAR.entries()) {
        const a = await createOrg(ctx, { slug: `${slug}-a${ai + 1}`, name: `${aname}, ${fname}`, type: 'avdelning', parent: slug });
        for (let i = 0; i < weight * 2; i++) { slotOrg.push(a.id); slotReg.push(f.id); }
        for (const [ei, ename] of ENHETER.entries()) {
          const e = await createOrg(ctx, { slug: `${slug}-a${ai + 1}-e${ei + 1}`, name: `${ename}, ${aname}`, type: 'enhet', parent: `${slug}-a${ai + 1}` });
          for (let i = 0; i < weight * 3; i++) { slotOrg.push(e.id); slotReg.push(f.id); }
        }
      }
    }
    const { user: admin } = await createUser(ctx, { email: CITY_ADMIN, name: 'Bänk Admin', password: CITY_PASSWORD, locale: 'sv' });
    await assignRole(ctx, admin.id, { role: 'systemadministrator' });
    log(`city: ${1 + FORVALTNINGAR.length * (1 + AVDELNINGAR.length * (1 + ENHETER.length))} organisations (stad ${stad.slug})`);
  } finally {
    await database.close();
  }
  const slotsSql = await slotArrays(url);
  const c = new pg.Client({ connectionString: url });
  await c.connect();
  try {
    // Bulk load: drop the secondary indexes, load without FK triggers, rebuild the identical indexes.
    const idx = (await c.query(`select indexname, indexdef from pg_indexes where tablename in ('incidents', 'incident_actions') and indexname not like '%_pkey'`)).rows as { indexname: string; indexdef: string }[];
    for (const i of idx) await c.query(`drop index ${i.indexname}`);
    await c.query(`set session_replication_role = replica`);
    await c.query(`select setseed(${(seed % 1000) / 1000})`);
    const now = new Date().toISOString();
    await c.query(`
      insert into incidents (org_id, register_org_id, external_id, title, description, kind, category, personal_data,
        occurred_at, discovered_at, reported_at, status, risk_assessment, reported_to_imy, imy_reported_at,
        nis2_significant, reported_to_csirt, csirt_early_warning_at, protected_identity, created_at, updated_at)
      select org_id, reg_id, 'IA-' || y || '-' || lpad(g::text, 7, '0'),
        cat || ' – ' || (array['ärende','händelse','avvikelse','rapport'])[1 + (g % 4)] || ' ' || g,
        'Händelsen upptäcktes av en medarbetare vid ' || (array['Enhet Nord','Enhet Syd','Enhet Öst','Enhet Väst','Stödenheten'])[1 + (g % 5)]
          || '. ' || cat || ': uppgifter hanterades inte enligt rutinen och åtgärder vidtogs samma dag. Ärende ' || g || '.',
        kind, cat, pd, rep - (r6 * interval '72 hours'), rep - (r6 * interval '6 hours'), rep,
        case when age > interval '120 days' then (case when r7 < 0.92 then 'Klar' when r7 < 0.96 then 'Förfallen' else (array['Under utredning','Under åtgärd'])[1 + (g % 2)] end)
             else (array['Rapporterad','Under registrering','Under utredning','Under åtgärd','Klar','Klar','Klar','Förfallen'])[1 + floor(r7 * 8)::int] end,
        case when pd = 'ja' then (array['ingen_trolig_risk','ingen_trolig_risk','risk','hog_risk'])[1 + floor(r8 * 4)::int] end,
        pd = 'ja' and r8 >= 0.5 and r8 < 0.62, case when pd = 'ja' and r8 >= 0.5 and r8 < 0.62 then rep + interval '50 hours' end,
        kind = 'IT-säkerhet' and r8 < 0.02, kind = 'IT-säkerhet' and r8 < 0.015, case when kind = 'IT-säkerhet' and r8 < 0.015 then rep + interval '20 hours' end,
        r9 < 0.01, rep, rep
      from (
        select g, y, rep, org_id, reg_id, kind, cat, r6, r7, r8, r9, ${`'${now}'`}::timestamptz - rep as age,
          case when kind = 'Personuppgiftsincident' or r5 < 0.05 then 'ja' when r5 < 0.7 then 'nej' else 'vet_ej' end as pd
        from (
          select g, y, org_id, reg_id, r5, r6, r7, r8, r9,
            least(date_trunc('day', ys + r2 * (least(ys + interval '1 year', ${`'${now}'`}::timestamptz) - ys), 'Europe/Stockholm') + interval '7 hours' + r3 * interval '10 hours',
                  ${`'${now}'`}::timestamptz - interval '10 minutes') as rep,
            case when r4 < 0.35 then 'Informationssäkerhet' when r4 < 0.55 then 'IT-säkerhet' when r4 < 0.85 then 'Personuppgiftsincident' else 'Arbetsmiljö' end as kind,
            (${sqlArray(CATEGORIES)})[1 + floor(power(r3b, 1.8) * ${CATEGORIES.length})::int] as cat
          from (
            select g, s.i, ${slotsSql.org}[s.i] as org_id, ${slotsSql.reg}[s.i] as reg_id,
              (array[2019,2020,2020,2021,2021,2022,2022,2022,2023,2023,2023,2024,2024,2024,2024,2025,2025,2025,2025,2025,2026,2026,2026,2026])[1 + floor(r1 * 24)::int] as y,
              r2, r3, r3b, r4, r5, r6, r7, r8, r9
            from (select g, random() r0, random() r1, random() r2, random() r3, random() r3b, random() r4, random() r5, random() r6, random() r7, random() r8, random() r9
                  from generate_series(1, ${opts.incidents}) g) raw
            cross join lateral (select 1 + floor(r0 * ${slotsSql.n})::int as i) s
          ) a cross join lateral (select make_timestamptz(a.y, 1, 1, 0, 0, 0, 'Europe/Stockholm') as ys) yy
        ) b
      ) c`);
    // Åtgärder on ~5 % of the incidents, a third of them open and past due.
    await c.query(`
      insert into incident_actions (incident_id, title, due_date, status)
      select id, 'Åtgärd: ' || category, (reported_at + interval '30 days')::date,
             case when seq % 3 = 0 and status <> 'Klar' then 'planerad' else 'klar' end
      from incidents where seq % 20 = 0`);
    await c.query(`set session_replication_role = origin`);
    for (const i of idx) await c.query(i.indexdef);
    // Loaded without triggers, so nothing was queued for the search index (migration 0021): indexed here at once.
    await c.query(`insert into incident_search (incident_id, doc) select id, to_tsvector('swedish', title || ' ' || description) from incidents`);
    await c.query('vacuum analyze incident_search');
    await c.query(`create table bench_meta (key text primary key, value jsonb not null)`);
    await c.query(`insert into bench_meta values ('city', $1)`, [JSON.stringify({ incidents: opts.incidents, seed, version: GENERATOR_VERSION, at: new Date().toISOString() })]);
    await c.query('vacuum analyze incidents');
    await c.query('vacuum analyze incident_actions');
    await c.query('analyze orgs');
  } finally {
    await c.end();
  }
  const generatedSeconds = round((performance.now() - t0) / 1000, 1);
  log(`city: generated in ${generatedSeconds} s`);
  return { url, db: name, incidents: opts.incidents, seed, forvaltningar, generatedSeconds };
}

/** The weighted slot arrays (org id, its förvaltning) as SQL array literals. */
async function slotArrays(url: string): Promise<{ org: string; reg: string; n: number }> {
  const c = new pg.Client({ connectionString: url });
  await c.connect();
  try {
    const orgs = (await c.query(`select id, slug, type, path from orgs order by path`)).rows as { id: string; slug: string; type: string; path: string }[];
    const weight = new Map(FORVALTNINGAR.map(([s, , w]) => [s, w]));
    const byId = new Map(orgs.map((o) => [o.id, o]));
    const org: string[] = [];
    const reg: string[] = [];
    for (const o of orgs) {
      if (o.type === 'stad') continue;
      const fId = o.path.split('/').filter(Boolean)[1];
      const w = weight.get(byId.get(fId)!.slug) ?? 1;
      const n = o.type === 'forvaltning' ? w * 4 : o.type === 'avdelning' ? w * 2 : w * 3;
      for (let i = 0; i < n; i++) { org.push(o.id); reg.push(fId); }
    }
    return { org: `(${sqlArray(org)}::uuid[])`, reg: `(${sqlArray(reg)}::uuid[])`, n: org.length };
  } finally {
    await c.end();
  }
}

/** A user with the ISAM role on one förvaltning (made once per city). */
export async function ensureIsam(city: City, forvaltning: string): Promise<string> {
  const email = `isam-${forvaltning}@bench.tillit.se`;
  const database = await openDatabase({ databaseUrl: city.url, poolSize: 1 });
  try {
    const ctx = benchCtx(database);
    const r = (await database.db.execute(sql`select id from users where email = ${email}`)) as unknown as { rows: unknown[] };
    if (r.rows.length === 0) {
      const { user } = await createUser(ctx, { email, name: `ISAM ${forvaltning}`, password: CITY_PASSWORD, locale: 'sv' });
      await assignRole(ctx, user.id, { role: 'isam', org: forvaltning });
    }
  } finally {
    await database.close();
  }
  return email;
}

if (import.meta.url === `file://${process.argv[1]}`) {
  const { values } = parseArgs({ options: { incidents: { type: 'string', default: '1000000' }, seed: { type: 'string', default: '42' }, db: { type: 'string', default: 'tillit_bench' } } });
  const city = await ensureCity({ db: values.db, incidents: Number(values.incidents), seed: Number(values.seed), log: console.error });
  console.log(JSON.stringify(city));
}
