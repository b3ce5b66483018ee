/**
 * Bad input never gives a 5xx and never writes: every foundation mutation route with malformed JSON, wrong
 * types, unknown fields, over-long strings, unknown orgs, duplicates, cycles and stale versions; then a
 * seeded random loop that sends garbage to every mutating route of every domain.
 */
import { randomUUID } from 'node:crypto';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { seededRandom } from './platform/random';
import { Client, makeOrgs, startTestServer, tableCounts, userWithRoles, type TestServer, TEST_DB } from '../test/harness';
import { createGroup } from '../domains/org/groups';

let t: TestServer;
let admin: Client;
let userId: string;

beforeAll(async () => {
  t = await startTestServer();
  admin = (await userWithRoles(t, 'admin@test.se', [{ role: 'systemadministrator' }])).client;
  await makeOrgs(t.ctx, [['stad', 'stad'], ['forv', 'forvaltning', 'stad'], ['avd', 'avdelning', 'forv'], ['enh', 'enhet', 'avd']]);
  await createGroup(t.ctx, { slug: 'grupp', name: 'Grupp', members: ['forv'] });
  userId = (await userWithRoles(t, 'person@test.se', [{ role: 'chef', org: 'avd' }])).userId;
});
afterAll(() => t?.close());

/** Sends a request and asserts it was refused with a 4xx problem naming `field`, and that no table changed. */
async function refused(method: string, path: string, body: unknown, status: number, field?: string | RegExp, code?: string) {
  const before = await tableCounts(t);
  const r = await admin.request(method, path, body, typeof body === 'string' ? { 'content-type': 'application/json' } : {});
  const label = `${method} ${path} ${typeof body === 'string' ? body : JSON.stringify(body)?.slice(0, 80)} → ${r.status} ${JSON.stringify(r.body)?.slice(0, 200)}`;
  expect(r.status, label).toBe(status);
  expect(r.headers.get('content-type'), label).toMatch(/application\/problem\+json/);
  expect(r.body.detail_sv, label).toBeTruthy();
  expect(r.body.detail_en, label).toBeTruthy();
  if (field instanceof RegExp) expect(r.body.field, label).toMatch(field);
  else if (field) expect(r.body.field, label).toBe(field);
  if (code) expect(r.body.code, label).toBe(code);
  // Sessions' last_seen_at may move, login_attempts are not touched by these routes: row counts must not.
  expect(await tableCounts(t), label).toEqual(before);
  return r;
}

const version = async (path: string) => (await admin.get(path)).body.version as number;
const groupVersion = async () => (await admin.get('/api/org-groups')).body.find((g: { slug: string }) => g.slug === 'grupp').version as number;

describe('foundation mutation routes refuse bad input precisely', () => {
  it('malformed JSON and a wrong content type', async () => {
    for (const [m, p] of [['POST', '/api/orgs'], ['PATCH', '/api/orgs/avd'], ['POST', '/api/org-groups'], ['PATCH', '/api/org-groups/grupp'],
      ['POST', '/api/users'], ['PATCH', `/api/users/${userId}`], ['POST', `/api/users/${userId}/roles`], ['POST', '/api/auth/login'],
      ['POST', '/api/me/password'], ['POST', '/api/me/tokens']] as const) {
      await refused(m, p, '{"slug": "x",', 400, '(body)');
    }
    const r = await admin.request('POST', '/api/orgs', 'slug=x&name=y', { 'content-type': 'application/x-www-form-urlencoded' });
    expect(r.status).toBe(415);
    expect(r.body.field).toBe('content-type');
  });

  it('wrong types, unknown fields and over-long strings name the field', async () => {
    await refused('POST', '/api/orgs', { slug: 'ny', name: 42, type: 'enhet', parent: 'avd' }, 400, 'name');
    await refused('POST', '/api/orgs', { slug: 'ny', name: 'N', type: 'planet', parent: 'avd' }, 400, 'type');
    await refused('POST', '/api/orgs', { slug: 'Ny Org!', name: 'N', type: 'enhet', parent: 'avd' }, 400, 'slug');
    await refused('POST', '/api/orgs', { slug: 'ny', name: 'N', type: 'enhet', parent: 'avd', admin: true }, 400, 'admin');
    await refused('POST', '/api/orgs', { slug: 'ny', name: 'x'.repeat(201), type: 'enhet', parent: 'avd' }, 400, 'name');
    await refused('POST', '/api/orgs', [], 400);
    // A value of the wrong type is named as such, a missing one as missing (the same field, different words).
    const wrongType = await admin.request('PATCH', '/api/orgs/avd', { version: '1', name: 'N' });
    expect([wrongType.status, wrongType.body.field]).toEqual([400, 'version']);
    expect(wrongType.body.detail_sv).toMatch(/version: Fel typ: ska vara ett tal\.$/);
    expect(wrongType.body.detail_en).toMatch(/version: Wrong type: must be a number\.$/);
    const missing = await admin.request('PATCH', '/api/orgs/avd', { name: 'N' });
    expect([missing.status, missing.body.field]).toEqual([400, 'version']);
    expect(missing.body.detail_sv).toMatch(/version: Värdet saknas\.$/);
    // So in a query string, where a number is coerced from text and a missing one would read as NaN.
    const missingYear = await admin.request('GET', '/api/incidents/stats?org=avd');
    expect([missingYear.status, missingYear.body.field]).toEqual([400, 'year']);
    expect(missingYear.body.detail_sv).toMatch(/year: Värdet saknas\.$/);
    const wrongYear = await admin.request('GET', '/api/incidents/stats?org=avd&year=i%20fjol');
    expect([wrongYear.status, wrongYear.body.field]).toEqual([400, 'year']);
    expect(wrongYear.body.detail_sv).toMatch(/year: Ogiltigt värde: "i fjol" är inget årtal \(ÅÅÅÅ\); tillåtna år är 2000–\d{4}\.$/);
    // A blank year is named as given, not read as the year 0.
    const blankYear = await admin.request('GET', '/api/incidents/stats?org=avd&year=');
    expect([blankYear.status, blankYear.body.field]).toEqual([400, 'year']);
    expect(blankYear.body.detail_sv).toMatch(/year: Ogiltigt värde: "" är inget årtal/);
    await refused('PATCH', '/api/orgs/avd', { version: '1', name: 'N' }, 400, 'version');
    await refused('PATCH', '/api/orgs/avd', { name: 'N' }, 400, 'version');
    await refused('POST', '/api/org-groups', { slug: 'g2', name: 'G', members: 'forv' }, 400, 'members');
    await refused('PATCH', '/api/org-groups/grupp', { version: 1, members: ['forv'], owner: 'x' }, 400, 'owner');
    await refused('POST', '/api/users', { email: 'inte-en-adress', name: 'N' }, 400, 'email');
    await refused('POST', '/api/users', { email: 'a@b.se', name: 'N', role: 'isam' }, 400, 'role');
    await refused('POST', '/api/users', { email: 'a@b.se', name: 'x'.repeat(201) }, 400, 'name');
    await refused('PATCH', `/api/users/${userId}`, { version: 1, active: 'ja' }, 400, 'active');
    await refused('POST', `/api/users/${userId}/roles`, { role: 'kung', org: 'avd' }, 400, 'role');
    await refused('POST', '/api/me/tokens', { name: 'T', scopes: ['allt'] }, 400, /^scopes/);
    await refused('POST', '/api/me/tokens', { name: 'T', scopes: ['org.read'], expiresInDays: 10_000 }, 400, 'expiresInDays');
    await refused('POST', '/api/auth/login', { email: 'a@b.se' }, 400, 'password');
    await refused('GET', '/api/users/inte-ett-id', undefined, 400, 'id');
  });

  it('a NUL character (which PostgreSQL text cannot hold) is refused by field, in a body, nested, or in a query', async () => {
    const r = await refused('POST', '/api/orgs', { slug: 'ny', name: 'Ny\u0000enhet', type: 'enhet', parent: 'avd' }, 400, 'name', 'validation');
    expect(r.body.detail_sv).toContain('nolltecken');
    await refused('POST', '/api/org-groups', { slug: 'g2', name: 'G', members: ['forv', 'avd\u0000'] }, 400, 'members.1', 'validation');
    const q = await admin.get('/api/incidents?org=forv&category=%00');
    expect([q.status, q.body.field, q.body.code]).toEqual([400, 'category', 'validation']);
  });

  it('an integer beyond a PostgreSQL integer column is refused by field, not failed in the database', async () => {
    const r = await refused('PATCH', '/api/orgs/avd', { version: 2 ** 31, name: 'Nytt namn' }, 400, 'version', 'validation');
    expect(r.body.detail_en).toContain('2147483647');
  });

  it('unknown organisations, users and groups are 404 naming the field', async () => {
    await refused('POST', '/api/orgs', { slug: 'ny', name: 'N', type: 'enhet', parent: 'finns-inte' }, 404, 'parent');
    await refused('PATCH', '/api/orgs/finns-inte', { version: 1, name: 'N' }, 404);
    await refused('PATCH', '/api/orgs/avd', { version: await version('/api/orgs/avd'), parent: 'finns-inte' }, 404, 'parent');
    await refused('POST', '/api/org-groups', { slug: 'g2', name: 'G', members: ['forv', 'finns-inte'] }, 404, 'members.1');
    await refused('PATCH', '/api/org-groups/finns-inte', { version: 1, name: 'N' }, 404, 'slug');
    await refused('POST', `/api/users/${userId}/roles`, { role: 'chef', org: 'finns-inte' }, 404, 'org');
    await refused('POST', `/api/users/${userId}/roles`, { role: 'chef', group: 'finns-inte' }, 404, 'group');
    await refused('POST', `/api/users/${randomUUID()}/roles`, { role: 'chef', org: 'avd' }, 404, 'id');
    await refused('PATCH', `/api/users/${randomUUID()}`, { version: 1, name: 'N' }, 404, 'id');
    await refused('DELETE', `/api/users/${userId}/roles/${randomUUID()}`, undefined, 404, 'assignmentId');
    await refused('DELETE', `/api/me/tokens/${randomUUID()}`, undefined, 404, 'id');
  });

  it('duplicates, cycles, wrong tree placement and stale versions are refused with nothing written', async () => {
    await refused('POST', '/api/orgs', { slug: 'avd', name: 'Dubblett', type: 'enhet', parent: 'forv' }, 409, 'slug', 'duplicate_slug');
    await refused('PATCH', '/api/orgs/enh', { version: await version('/api/orgs/enh'), slug: 'avd' }, 409, 'slug', 'duplicate_slug');
    await refused('POST', '/api/org-groups', { slug: 'grupp', name: 'G' }, 409, 'slug', 'duplicate_slug');
    await refused('POST', '/api/users', { email: 'person@test.se', name: 'Dubblett' }, 409, 'email', 'duplicate_email');
    await refused('POST', '/api/users', { email: 'PERSON@test.se', name: 'Dubblett' }, 409, 'email', 'duplicate_email');
    const roles = (await admin.get(`/api/users/${userId}`)).body.roles;
    await refused('POST', `/api/users/${userId}/roles`, { role: roles[0].role, org: roles[0].orgSlug }, 409, 'role', 'duplicate_role');
    await refused('PATCH', '/api/orgs/forv', { version: await version('/api/orgs/forv'), parent: 'enh' }, 409, 'parent', 'cycle');
    await refused('PATCH', '/api/orgs/avd', { version: await version('/api/orgs/avd'), parent: 'avd' }, 409, 'parent', 'cycle');
    await refused('POST', '/api/orgs', { slug: 'ny', name: 'N', type: 'stad', parent: 'enh' }, 422, 'type');
    await refused('POST', '/api/orgs', { slug: 'ny', name: 'N', type: 'enhet' }, 422, 'parent');
    await refused('PATCH', '/api/orgs/avd', { version: await version('/api/orgs/avd'), archived: true }, 409, 'archived', 'has_active_children');
    await refused('PATCH', '/api/orgs/avd', { version: (await version('/api/orgs/avd')) + 5, name: 'Gammal' }, 409, 'version', 'stale_version');
    await refused('PATCH', '/api/org-groups/grupp', { version: (await groupVersion()) + 5, name: 'Gammal' }, 409, 'version', 'stale_version');
    await refused('PATCH', `/api/users/${userId}`, { version: (await version(`/api/users/${userId}`)) + 5, name: 'Gammal' }, 409, 'version', 'stale_version');
    await refused('POST', '/api/users', { email: 'ny@test.se', name: 'N', password: 'kort' }, 422, 'password', 'weak_password');
  });
});

describe('optimistic locking', () => {
  const cases: [string, string, () => Promise<number>, (v: number, name: string) => unknown][] = [
    ['org', '/api/orgs/forv', () => version('/api/orgs/forv'), (v, name) => ({ version: v, name })],
    ['group', '/api/org-groups/grupp', groupVersion, (v, name) => ({ version: v, name })],
    ['user', '', () => version(`/api/users/${userId}`), (v, name) => ({ version: v, name })],
  ];
  it.each(cases)('a stale %s update gets 409 with both versions and the current record; the first write stands', async (_what, p, current, body) => {
    const path = p || `/api/users/${userId}`;
    const v = await current();
    const first = await admin.patch(path, body(v, 'Första ändringen'));
    expect(first.status).toBe(200);
    expect(first.body.version).toBe(v + 1);
    const before = await tableCounts(t);
    const stale = await admin.patch(path, body(v, 'Andra, inaktuella ändringen'));
    expect(stale.status).toBe(409);
    expect(stale.body.code).toBe('stale_version');
    expect(stale.body.field).toBe('version');
    expect(stale.body.yourVersion).toBe(v);
    expect(stale.body.currentVersion).toBe(v + 1);
    expect(stale.body.current.name).toBe('Första ändringen');
    expect(await current()).toBe(v + 1);
    expect(await tableCounts(t)).toEqual(before);
    const name = p.includes('org-groups')
      ? (await admin.get('/api/org-groups')).body.find((g: { slug: string }) => g.slug === 'grupp').name
      : (await admin.get(path)).body.name;
    expect(name).toBe('Första ändringen');
  });
});

function garbage(rand: () => number, keys: string[], depth = 0): unknown {
  const pick = <T>(xs: T[]) => xs[Math.floor(rand() * xs.length)];
  const scalars: unknown[] = [
    null, true, false, 0, -1, 1.5, 2 ** 53, -(2 ** 63), 1e308, '', ' ', 'x'.repeat(5000), '\u0000', '💥', "'; drop table orgs; --",
    '../../etc/passwd', '%', '_', '\\', '2025-13-45', '00000000-0000-0000-0000-000000000000', randomUUID(), 'avd', 'stad', 'forv',
    'systemadministrator', '<script>alert(1)</script>', '{"a":1}', 'NaN', '-0', '1e999',
  ];
  const r = rand();
  if (depth > 2 || r < 0.45) return pick(scalars);
  if (r < 0.6) return Array.from({ length: Math.floor(rand() * 4) }, () => garbage(rand, keys, depth + 1));
  const obj: Record<string, unknown> = {};
  const n = Math.floor(rand() * 6);
  for (let i = 0; i < n; i++) obj[rand() < 0.8 ? pick(keys) : pick(['__proto__', 'constructor', 'x', '', 'version'])] = garbage(rand, keys, depth + 1);
  return obj;
}

// Eight bodies per route in each database's run, from a seed of its own: sixteen different bodies per route in all
// (fifteen, the same in both runs, took 24 s of the two runs' time against 13 s).
const PER_ROUTE = Number(process.env.TILLIT_FUZZ_PER_ROUTE ?? 8);

describe('garbage never produces a 5xx', () => {
  it('sends seeded random bodies to every mutating route of every domain', async () => {
    const doc = await (await fetch(`${t.url}/api/openapi.json`)).json();
    const fieldNames = new Set<string>(['version', 'slug', 'name', 'type', 'parent', 'org', 'group', 'role', 'email', 'password', 'members', 'archived']);
    JSON.stringify(doc.components?.schemas ?? {}, (k, v) => {
      if (k === 'properties' && v && typeof v === 'object') Object.keys(v).forEach((p) => fieldNames.add(p));
      return v;
    });
    const keys = [...fieldNames];
    const seed = Number(process.env.TILLIT_FUZZ_SEED ?? (TEST_DB === 'pg' ? 20250102 : 20250101));
    const rand = seededRandom(seed);
    const mutating = t.app.routes.filter((r) => ['POST', 'PUT', 'PATCH', 'DELETE'].includes(r.method) && r.path !== '/api/auth/logout');
    expect(mutating.length).toBeGreaterThan(8);
    const fill = (p: string) =>
      p.replace(/\{(\w+)\}/g, (_m, n: string) => (n === 'slug' ? (p.includes('org-groups') ? 'grupp' : 'avd') : n === 'id' && p.startsWith('/api/users') ? userId : randomUUID()));
    let sent = 0;
    for (const r of mutating) {
      for (let i = 0; i < PER_ROUTE; i++) {
        const body = garbage(rand, keys);
        const res = await admin.request(r.method, fill(r.path), JSON.stringify(body) ?? 'null', { 'content-type': 'application/json' });
        sent++;
        expect(res.status, `seed ${seed}: ${r.method} ${r.path} ${JSON.stringify(body)?.slice(0, 300)} → ${JSON.stringify(res.body)?.slice(0, 300)}`).toBeLessThan(500);
      }
      const raw = await admin.request(r.method, fill(r.path), '\u0000\u00ff{[', { 'content-type': 'application/json' });
      expect(raw.status, `${r.method} ${r.path} with binary junk`).toBeLessThan(500);
    }
    expect(sent).toBe(mutating.length * PER_ROUTE);
    expect((await fetch(`${t.url}/api/health`)).status).toBe(200);
  }, 300_000);
});
