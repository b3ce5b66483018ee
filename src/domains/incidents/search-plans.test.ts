import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { sql } from 'drizzle-orm';
import { Client, makeOrgs, rawSql, startTestServer, userWithRole, userWithRoles, type TestServer } from '../../test/harness';
import { indexPendingSearch } from './search-index';
import { searchIsRare } from './search-words';

// A search for plain words is answered by one of two plans (list.ts searchPage): a rare word from the index first,
// a common one by checking each incident as the merged walk of the organisations reaches it. Both must give exactly
// the rows the texts themselves give, in order, page by page: checked here against SQL on the incidents' own text,
// before ANALYZE (the word is rare, no statistics) and after (PostgreSQL's statistics call it common).
let t: TestServer;
let ids: Record<string, string>;
const WORD = 'kylaggregat';
const clients: Record<string, Client> = {};

beforeAll(async () => {
  t = await startTestServer();
  // Statistics only when the test says so: autovacuum must not analyze in between.
  await rawSql(t, 'alter table incident_search set (autovacuum_enabled = off)');
  ids = await makeOrgs(t.ctx, [['stad', 'stad'], ['forv', 'forvaltning', 'stad'], ['avd-x', 'avdelning', 'forv'], ['avd-y', 'avdelning', 'forv'], ['annan', 'forvaltning', 'stad']]);
  clients.isam = await userWithRole(t, 'isam@plans.test', 'isam', 'forv');
  clients.chef = await userWithRole(t, 'chef@plans.test', 'chef', 'forv'); // reads, but not protected texts
  clients.staff = await userWithRole(t, 'staff@plans.test', 'medarbetare', 'avd-x'); // reports only
  // Reads avd-x, and reports in avd-y too.
  clients.avdChef = (await userWithRoles(t, 'avdchef@plans.test', [{ role: 'chef', org: 'avd-x' }, { role: 'medarbetare', org: 'avd-y' }])).client;
  const db = t.database.db;
  // 240 matching incidents over the förvaltning's three organisations, 20 in another förvaltning, 400 without the word.
  await db.execute(sql`insert into incidents (org_id, register_org_id, title, description, reported_at)
    select (array[${ids.forv}::uuid, ${ids['avd-x']}::uuid, ${ids['avd-y']}::uuid])[1 + g % 3], ${ids.forv}::uuid, 'Kylaggregatet larmade ' || g, 'Rutin',
      timestamptz '2024-01-01 08:00+01' + g * interval '1 hour' from generate_series(1, 240) g`);
  await db.execute(sql`insert into incidents (org_id, register_org_id, title, reported_at)
    select ${ids.annan}::uuid, ${ids.annan}::uuid, 'Kylaggregatet i annan förvaltning ' || g, timestamptz '2024-02-01 08:00+01' + g * interval '1 hour' from generate_series(1, 20) g`);
  await db.execute(sql`insert into incidents (org_id, register_org_id, title, description, reported_at)
    select ${ids.forv}::uuid, ${ids.forv}::uuid, 'Dörren stod öppen ' || g, 'Rutin', timestamptz '2023-01-01 08:00+01' + g * interval '1 hour' from generate_series(1, 400) g`);
  const post = async (c: Client, path: string, body: Record<string, unknown>) => {
    const r = await c.post(path, body);
    expect(r.status, JSON.stringify(r.body)).toBe(201);
    return r.body as { id: string; version: number };
  };
  // Protected: one matching in its description only, one in its title.
  await post(clients.isam, '/api/incidents', { org: 'avd-x', title: 'Brev med skyddad adress', description: 'Kylaggregatet på Hemligvägen', protectedIdentity: true, reportedAt: '2024-03-01T10:00' });
  await post(clients.isam, '/api/incidents', { org: 'avd-y', title: 'Kylaggregatet vid skyddat boende', protectedIdentity: true, reportedAt: '2024-03-02T10:00' });
  // Matching by its IA Ärende-ID only.
  await post(clients.isam, '/api/incidents', { org: 'forv', title: 'Kaffebryggaren', externalId: 'KYLAGGREGAT', reportedAt: '2024-03-03T10:00' });
  // Reported by those who do not read all of the förvaltning.
  await post(clients.staff, '/api/incidents/quick', { org: 'avd-x', title: 'Kylaggregatet läcker', occurredAt: '2024-03-04T10:00', personalData: 'nej' });
  await post(clients.avdChef, '/api/incidents/quick', { org: 'avd-y', title: 'Kylaggregatet på avd-y', occurredAt: '2024-03-05T10:00', personalData: 'nej' });
  const later = await post(clients.isam, '/api/incidents', { org: 'avd-y', title: 'Termometern', reportedAt: '2024-03-06T10:00' });
  await indexPendingSearch(db);
  // Texts changed after indexing wait for the indexer: one now matches, one no longer does.
  expect((await clients.isam.patch(`/api/incidents/${later.id}`, { title: 'Termometern vid kylaggregatet', version: later.version })).status).toBe(200);
  const [first] = await rawSql<{ id: string; version: number }>(t, "select id, version from incidents where title = 'Kylaggregatet larmade 1'");
  expect((await clients.isam.patch(`/api/incidents/${first.id}`, { title: 'Frysen larmade', version: first.version })).status).toBe(200);
});
afterAll(() => t?.close());

/** Every page of a search, following nextCursor. */
async function allPages(c: Client, query: Record<string, string>): Promise<string[]> {
  const out: string[] = [];
  let cursor: string | null = null;
  do {
    const r: { status: number; body: { items: { id: string }[]; nextCursor: string | null } } = await c.get(`/api/incidents?${new URLSearchParams({ ...query, q: WORD, limit: '50', ...(cursor ? { cursor } : {}) }).toString()}`);
    expect(r.status, JSON.stringify(r.body)).toBe(200);
    out.push(...r.body.items.map((i) => i.id));
    cursor = r.body.nextCursor;
  } while (cursor);
  return out;
}

/**
 * The answer from the incidents' own text: within `where`, matching in title and description (a protected record
 * on its title alone unless `protectedToo`) or by Ärende-ID, newest first or oldest first.
 */
async function expected(where: string, protectedToo: boolean, ascending = false): Promise<string[]> {
  const q = `to_tsquery('swedish', '${WORD}:*')`;
  const dir = ascending ? 'asc' : 'desc';
  return (await rawSql<{ id: string }>(t, `select i.id from incidents i join orgs o on o.id = i.org_id where (${where}) and (
      (to_tsvector('swedish', i.title || ' ' || i.description) @@ ${q} and (${protectedToo} or not i.protected_identity or to_tsvector('swedish', i.title) @@ ${q}))
      or lower(i.external_id) = '${WORD}') order by i.reported_at ${dir}, i.id ${dir}`)).map((r) => r.id);
}

const forvPath = () => rawSql<{ path: string }>(t, "select path from orgs where slug = 'forv'").then((r) => r[0].path);
const userId = (email: string) => rawSql<{ id: string }>(t, `select id from users where email = '${email}'`).then((r) => r[0].id);

async function checkAll() {
  const inForv = `o.path like '${await forvPath()}%'`;
  const isamForv = await expected(inForv, true);
  // 239 bulk (one changed away) + 2 protected + Ärende-ID + 2 quick reports + the changed Termometern
  expect(isamForv).toHaveLength(245);
  expect(await allPages(clients.isam, { org: 'forv' })).toEqual(isamForv);
  expect(await allPages(clients.isam, { org: 'forv', sort: 'reported' })).toEqual(await expected(inForv, true, true));
  const chefForv = await expected(inForv, false);
  expect(chefForv).toHaveLength(244); // not the record protected by its description
  expect(await allPages(clients.chef, { org: 'forv' })).toEqual(chefForv);
  expect(await allPages(clients.chef, { org: 'avd-x', status: 'Rapporterad' })).toEqual(await expected(`o.slug = 'avd-x' and i.status = 'Rapporterad'`, false));
  // Without an org: one's own reports too, also outside what one reads.
  const staff = await userId('staff@plans.test');
  expect(await allPages(clients.staff, {})).toEqual(await expected(`i.reporter_id = '${staff}'`, false));
  expect(await allPages(clients.staff, {})).toHaveLength(1);
  const avdChef = await userId('avdchef@plans.test');
  const avdChefAll = await expected(`o.slug = 'avd-x' or i.reporter_id = '${avdChef}'`, false);
  expect(await allPages(clients.avdChef, {})).toEqual(avdChefAll);
  expect(avdChefAll.length).toBeGreaterThan(80);
}

describe('the two plans of a search give the same exact pages', () => {
  it('a rare word (no statistics yet): from the index first', async () => {
    expect(await searchIsRare({ db: t.database.db }, [WORD])).toBe(true);
    await checkAll();
  });

  it('a common word (after ANALYZE): checked as the merged walk reaches each incident', async () => {
    await rawSql(t, 'analyze incident_search');
    expect(await searchIsRare({ db: t.database.db }, [WORD])).toBe(false);
    await checkAll();
  });
});
