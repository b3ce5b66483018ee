import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { sql } from 'drizzle-orm';
import { Client, makeOrgs, startTestServer, userWithRole, type TestServer } from '../../test/harness';
import { resultRows } from '../../server/platform/db';
import { indexPendingSearch } from './search-index';
import { RARE_MAX, searchIsRare } from './search-words';

// Search reads incident_search, which the server's indexer fills in the background (search-index.ts), and the text
// itself while an incident waits there (list.ts). The references of incidents are checked per statement by a
// trigger (migration 0021) instead of per-row foreign keys.
let t: TestServer;
let isam: Client;
let orgId: string;

beforeAll(async () => {
  t = await startTestServer();
  orgId = (await makeOrgs(t.ctx, [['stad', 'stad'], ['forv', 'forvaltning', 'stad']])).forv;
  isam = await userWithRole(t, 'isam@test.se', 'isam', 'forv');
});
afterAll(() => t?.close());

const pending = async () =>
  resultRows<{ n: number }>(await t.database.db.execute(sql`select count(*)::int as n from (select unnest(ids) from incident_search_pending) p`))[0].n;
const found = async (q: string) =>
  ((await isam.get(`/api/incidents?org=forv&q=${encodeURIComponent(q)}`)).body.items as { title: string }[]).map((i) => i.title);

describe('incident search index', () => {
  it('finds a new incident at once, before and after the indexer has run, and a changed text only by its new words', async () => {
    const r = await isam.post('/api/incidents', { org: 'forv', title: 'Skrivaren skrev ut lönelistor', description: 'Papper i korridoren', reportedAt: '2025-05-02T10:00' });
    expect(r.status, JSON.stringify(r.body)).toBe(201);
    expect(await pending()).toBeGreaterThan(0);
    expect(await found('lönelistor')).toEqual(['Skrivaren skrev ut lönelistor']);
    expect(await found('korridoren')).toEqual(['Skrivaren skrev ut lönelistor']);
    expect(await indexPendingSearch(t.database.db)).toBeGreaterThan(0);
    expect(await pending()).toBe(0);
    expect(await found('lönelistor')).toEqual(['Skrivaren skrev ut lönelistor']);

    const upd = await isam.patch(`/api/incidents/${r.body.id}`, { title: 'Kopiatorn skrev ut journaler', version: r.body.version });
    expect(upd.status, JSON.stringify(upd.body)).toBe(200);
    // Indexed under the old title, pending under the new one: the old words no longer find it.
    expect(await pending()).toBe(1);
    expect(await found('lönelistor')).toEqual([]);
    expect(await found('journaler')).toEqual(['Kopiatorn skrev ut journaler']);
    expect(await indexPendingSearch(t.database.db)).toBe(1);
    expect(await found('lönelistor')).toEqual([]);
    expect(await found('journaler')).toEqual(['Kopiatorn skrev ut journaler']);
    expect(await found('korridoren')).toEqual(['Kopiatorn skrev ut journaler']);
  });

  it('leaves nothing pending for a change that keeps the text', async () => {
    const r = await isam.post('/api/incidents', { org: 'forv', title: 'Nätfiske mot ekonomi', reportedAt: '2025-05-03T10:00' });
    await indexPendingSearch(t.database.db);
    const upd = await isam.patch(`/api/incidents/${r.body.id}`, { kind: 'IT-säkerhet', version: r.body.version });
    expect(upd.status, JSON.stringify(upd.body)).toBe(200);
    expect(await pending()).toBe(0);
    expect(await found('nätfiske')).toEqual(['Nätfiske mot ekonomi']);
  });
});

describe('search by word frequency', () => {
  it('answers a common word by checking incidents newest first and a rare one from the index, each exactly', async () => {
    const db = t.database.db;
    // 300 incidents share a word; after ANALYZE, PostgreSQL's statistics name it common (search-words.ts searchIsRare).
    await db.execute(sql`insert into incidents (org_id, register_org_id, title, description, reported_at)
      select ${orgId}::uuid, ${orgId}::uuid, 'Serverhallen larmade ' || g, 'Rutin', timestamptz '2024-01-01 08:00+01' + g * interval '1 hour'
      from generate_series(1, 300) g`);
    await db.execute(sql`insert into incidents (org_id, register_org_id, title, reported_at) values (${orgId}::uuid, ${orgId}::uuid, 'Flygplanet landade fel', timestamptz '2024-02-01 08:00+01')`);
    await indexPendingSearch(db);
    await db.execute(sql`analyze incident_search`);
    expect(await searchIsRare({ db }, ['serverhallen'])).toBe(false);
    expect(await searchIsRare({ db }, ['flygplanet'])).toBe(true);
    expect(await searchIsRare({ db }, ['serverhallen', 'flygplanet'])).toBe(true);
    const common = await isam.get('/api/incidents?org=forv&q=serverhallen&limit=3');
    expect(common.body.items.map((i: { title: string }) => i.title)).toEqual(['Serverhallen larmade 300', 'Serverhallen larmade 299', 'Serverhallen larmade 298']);
    expect(common.body.nextCursor).toBeTruthy();
    expect(await found('flygplanet')).toEqual(['Flygplanet landade fel']);
    expect(await found('serverhallen 300')).toEqual(['Serverhallen larmade 300']);
  });
});

describe('a prefix of many rare words', () => {
  it('is common when the index holds more than RARE_MAX matches, though no statistic names it; exact either way', async () => {
    const db = t.database.db;
    // RARE_MAX + 1 case numbers that all begin with Q1; each number is rare, so ANALYZE names none of them.
    await db.execute(sql`insert into incidents (org_id, register_org_id, title, reported_at)
      select ${orgId}::uuid, ${orgId}::uuid, 'Ärende Q' || (100000 + g), timestamptz '2023-01-01 08:00+01' + g * interval '1 minute'
      from generate_series(0, ${RARE_MAX}) g`);
    await indexPendingSearch(db);
    await db.execute(sql`analyze incident_search`);
    expect(await searchIsRare({ db }, ['q1'])).toBe(false);
    expect(await searchIsRare({ db }, ['q10000'])).toBe(true); // Q100000–Q100009
    const page = await isam.get('/api/incidents?org=forv&q=q1&limit=2');
    expect(page.body.items.map((i: { title: string }) => i.title)).toEqual([`Ärende Q${100000 + RARE_MAX}`, `Ärende Q${99999 + RARE_MAX}`]);
    expect(await found('q10000')).toEqual(Array.from({ length: 10 }, (_, i) => `Ärende Q${100009 - i}`));
  });
});

describe('references of incidents', () => {
  const insert = (orgRef: string, handler: string | null) =>
    t.database.db.execute(sql`insert into incidents (org_id, register_org_id, title, reported_at, handler_id)
      values (${orgRef}::uuid, ${orgId}::uuid, 'x', now(), ${handler}::uuid)`);
  const code = (p: Promise<unknown>) => p.then(() => 'ok', (e: { code?: string; cause?: { code?: string } }) => e.cause?.code ?? e.code);
  const nobody = '00000000-0000-4000-8000-000000000001';

  it('refuses an incident whose organisation or handler does not exist, and writes nothing', async () => {
    const before = resultRows<{ n: number }>(await t.database.db.execute(sql`select count(*)::int as n from incidents`))[0].n;
    expect(await code(insert(nobody, null))).toBe('23503');
    expect(await code(insert(orgId, nobody))).toBe('23503');
    const [any] = resultRows<{ id: string }>(await t.database.db.execute(sql`select id from incidents limit 1`));
    expect(await code(t.database.db.execute(sql`update incidents set reporter_id = ${nobody}::uuid where id = ${any.id}::uuid`))).toBe('23503');
    expect(resultRows<{ n: number }>(await t.database.db.execute(sql`select count(*)::int as n from incidents`))[0].n).toBe(before);
  });

  it('refuses to delete an organisation or a user, or to change their id, so no reference can dangle', async () => {
    expect(await code(t.database.db.execute(sql`delete from orgs where id = ${orgId}::uuid`))).toBe('23503');
    expect(await code(t.database.db.execute(sql`delete from users where email = 'isam@test.se'`))).toBe('23503');
    expect(await code(t.database.db.execute(sql`update orgs set id = ${nobody}::uuid where id = ${orgId}::uuid`))).toBe('23503');
    expect(await code(t.database.db.execute(sql`update orgs set name = name where id = ${orgId}::uuid`))).toBe('ok');
  });
});
