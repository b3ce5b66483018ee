import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { Client, makeOrgs, rawSql, startTestServer, userWithRoles, type TestServer } from '../../test/harness';
import { recordAudits, verifyChain } from './chain';
import { inTx } from '../../server/platform/tx';

let t: TestServer;
let admin: Client;
let adminId: string;

beforeAll(async () => {
  t = await startTestServer();
  const a = await userWithRoles(t, 'admin@test.se', [{ role: 'systemadministrator' }]);
  admin = a.client;
  adminId = a.userId;
  await makeOrgs(t.ctx, [['stad', 'stad'], ['forv', 'forvaltning', 'stad'], ['avd', 'avdelning', 'forv']]);
});
afterAll(() => t?.close());

interface AuditRow {
  seq: number;
  actor_id: string | null;
  actor_label: string;
  action: string;
  entity_type: string;
  entity_id: string | null;
  org_id: string | null;
  before: unknown;
  after: unknown;
}
const lastSeq = async () => Number((await rawSql<{ n: number }>(t, 'select coalesce(max(seq), 0)::bigint as n from audit_log'))[0].n);
const rowsAfter = (seq: number) => rawSql<AuditRow>(t, `select * from audit_log where seq > ${seq} order by seq`);

describe('every foundation mutation is audited', () => {
  /** Each foundation mutation route with a valid request, and what its audit row must say. */
  const cases: { route: string; run: () => Promise<{ status: number }>; action: RegExp; org?: string; before?: boolean; after?: boolean }[] = [];
  let userId: string;
  let assignmentId: string;
  let tokenId: string;
  let groupVersion = 1;
  const orgIdOf = async (slug: string) => (await rawSql<{ id: string }>(t, `select id from orgs where slug = '${slug}'`))[0].id;

  cases.push(
    { route: 'POST /api/orgs', run: () => admin.post('/api/orgs', { slug: 'ny', name: 'Ny', type: 'enhet', parent: 'avd' }), action: /^org\.create$/, org: 'ny', after: true },
    {
      route: 'PATCH /api/orgs/{slug}',
      run: async () => admin.patch('/api/orgs/ny', { version: (await admin.get('/api/orgs/ny')).body.version, name: 'Nyare' }),
      action: /^org\.update$/, org: 'ny', before: true, after: true,
    },
    { route: 'POST /api/org-groups', run: () => admin.post('/api/org-groups', { slug: 'grp', name: 'Grupp', members: ['forv'] }), action: /^orggroup\.create$/, after: true },
    {
      route: 'PATCH /api/org-groups/{slug}',
      run: () => admin.patch('/api/org-groups/grp', { version: groupVersion, name: 'Grupp 2' }), action: /^orggroup\.update$/, before: true, after: true,
    },
    {
      route: 'POST /api/users',
      run: async () => {
        const r = await admin.post('/api/users', { email: 'ny.person@test.se', name: 'Ny Person', password: 'Blå-Tåg-Över-Ån-2025' });
        userId = r.body.user.id;
        return r;
      },
      action: /^user\.create$/, after: true,
    },
    {
      route: 'POST /api/users/{id}/roles',
      run: async () => {
        const r = await admin.post(`/api/users/${userId}/roles`, { role: 'chef', org: 'avd' });
        assignmentId = r.body.roles[0].id;
        return r;
      },
      action: /^role\.assign$/, org: 'avd', after: true,
    },
    {
      route: 'PATCH /api/users/{id}',
      run: async () => admin.patch(`/api/users/${userId}`, { version: (await admin.get(`/api/users/${userId}`)).body.version, name: 'Omdöpt' }),
      action: /^user\.update$/, before: true, after: true,
    },
    { route: 'DELETE /api/users/{id}/roles/{assignmentId}', run: () => admin.delete(`/api/users/${userId}/roles/${assignmentId}`), action: /^role\.remove$/, org: 'avd', before: true },
    {
      route: 'POST /api/me/tokens',
      run: async () => {
        const r = await admin.post('/api/me/tokens', { name: 'T', scopes: ['org.read'] });
        tokenId = r.body.apiToken.id;
        return r;
      },
      action: /^apitoken\.create$/, after: true,
    },
    { route: 'DELETE /api/me/tokens/{id}', run: () => admin.delete(`/api/me/tokens/${tokenId}`), action: /^apitoken\.revoke$/ },
    {
      route: 'DELETE /api/me/sessions/{id}',
      run: async () => {
        await new Client(t.url).login('admin@test.se');
        const other = (await admin.get('/api/me/sessions')).body.find((s: { current: boolean }) => !s.current);
        return admin.delete(`/api/me/sessions/${other.id}`);
      },
      action: /^auth\.session_revoke$/,
    },
    { route: 'POST /api/auth/login', run: () => new Client(t.url).login('admin@test.se'), action: /^auth\.login$/, after: true },
    {
      route: 'POST /api/me/password',
      run: async () => {
        const c = new Client(t.url);
        await c.login('ny.person@test.se', 'Blå-Tåg-Över-Ån-2025');
        return c.post('/api/me/password', { currentPassword: 'Blå-Tåg-Över-Ån-2025', newPassword: 'Grön-Båt-Under-Bro-77' });
      },
      action: /^user\.password_change$/,
    },
    {
      route: 'POST /api/auth/logout',
      run: async () => {
        const c = new Client(t.url);
        await c.login('admin@test.se');
        return c.post('/api/auth/logout');
      },
      action: /^auth\.logout$/,
    },
  );

  it('covers every mutating route of the foundation (org, users, audit, platform)', () => {
    const foundation = t.app.routes
      .filter((r) => ['POST', 'PUT', 'PATCH', 'DELETE'].includes(r.method))
      .filter((r) => /^\/api\/(orgs|org-groups|users|me|auth|audit|attention)\b/.test(r.path))
      .map((r) => `${r.method} ${r.path}`)
      .sort();
    expect(cases.map((c) => c.route).sort()).toEqual(foundation);
  });

  it('writes one row per mutation with who, the organisation and before/after', async () => {
    for (const c of cases) {
      if (c.route === 'PATCH /api/org-groups/{slug}') groupVersion = (await admin.get('/api/org-groups')).body.find((g: { slug: string }) => g.slug === 'grp').version;
      const seq = await lastSeq();
      const r = await c.run();
      expect(r.status, c.route).toBeLessThan(300);
      const rows = (await rowsAfter(seq)).filter((x) => c.action.test(x.action));
      expect(rows, `${c.route} wrote no ${c.action} row`).toHaveLength(1);
      const [row] = rows;
      expect(row.actor_label, c.route).toMatch(/@test\.se$/);
      if (c.route !== 'POST /api/me/password') expect([adminId, null]).toContain(row.actor_id);
      if (c.route.startsWith('PATCH') || c.route.includes('roles') || c.route.startsWith('POST /api/org')) expect(row.actor_id).toBe(adminId);
      if (c.org) expect(row.org_id, c.route).toBe(await orgIdOf(c.org));
      if (c.before) expect(row.before, c.route).not.toBeNull();
      if (c.after) expect(row.after, c.route).not.toBeNull();
      expect(JSON.stringify(row.after ?? {})).not.toMatch(/argon2|password_hash|passwordHash/);
    }
    const update = (await rawSql<AuditRow>(t, "select * from audit_log where action = 'org.update' order by seq desc limit 1"))[0];
    expect((update.before as { name: string }).name).toBe('Ny');
    expect((update.after as { name: string }).name).toBe('Nyare');
  });

  it('a refused mutation writes no audit row', async () => {
    const seq = await lastSeq();
    expect((await admin.post('/api/orgs', { slug: 'ny', name: 'Dubblett', type: 'enhet', parent: 'avd' })).status).toBe(409);
    expect((await admin.patch('/api/orgs/ny', { version: 1, name: 'Gammal version' })).status).toBe(409);
    expect(await rowsAfter(seq)).toEqual([]);
  });

  it('the audit export is itself audited (a sensitive read)', async () => {
    const seq = await lastSeq();
    const r = await fetch(`${t.url}/api/audit?format=csv`, { headers: { cookie: admin.cookie! } });
    expect(r.status).toBe(200);
    expect(r.headers.get('content-type')).toMatch(/text\/csv/);
    expect((await rowsAfter(seq)).map((x) => x.action)).toEqual(['audit.export']);
  });
});

describe('hash chain', () => {
  it('verifies an untouched chain, through the API too', async () => {
    const r = await verifyChain(t.database.db);
    expect(r.ok).toBe(true);
    expect(r.checked).toBe(await lastSeq());
    const api = await admin.get('/api/audit/verify');
    expect(api.body.ok).toBe(true);
  });

  it('stays one linear chain when many write at once, each one\'s rows together and in order', async () => {
    const seq = await lastSeq();
    const text = 'Åsa – "citat" \\ ny\nrad \u2028 😀';
    // Twelve transactions at once (on PostgreSQL on as many connections), each appending two rows.
    await Promise.all(Array.from({ length: 12 }, (_, k) => inTx(t.ctx, (tx) => recordAudits(tx, t.ctx, [
      { action: 'test.concurrent', entityType: 'test', entityId: `${k}-a`, after: { k, text } },
      { action: 'test.concurrent', entityType: 'test', entityId: `${k}-b` },
    ]))));
    const rows = await rowsAfter(seq);
    expect(rows).toHaveLength(24);
    for (let k = 0; k < 12; k++) {
      const a = rows.findIndex((r) => r.entity_id === `${k}-a`);
      expect(rows[a + 1].entity_id).toBe(`${k}-b`);
      expect(rows[a].after).toEqual({ k, text });
    }
    // No before or after is SQL NULL, not a JSON null.
    expect((await rawSql<{ n: number }>(t, `select count(*)::int as n from audit_log where seq > ${seq} and after is null and before is null`))[0].n).toBe(12);
    expect(await verifyChain(t.database.db)).toEqual({ ok: true, checked: await lastSeq() });
  });

  it('the database itself refuses UPDATE and DELETE of audit rows', async () => {
    const refusal = (statement: string) =>
      rawSql(t, statement).then(
        () => 'accepted',
        (err: Error & { cause?: Error }) => `${err.message} ${err.cause?.message ?? ''}`,
      );
    expect(await refusal("update audit_log set action = 'x' where seq = 1")).toMatch(/append-only/);
    expect(await refusal('delete from audit_log where seq = 1')).toMatch(/append-only/);
    expect(await refusal('truncate audit_log')).toMatch(/append-only/);
    expect((await verifyChain(t.database.db)).ok).toBe(true);
  });
});

describe('tamper detection (as a DBA with the trigger disabled)', () => {
  let s: TestServer;
  beforeAll(async () => {
    s = await startTestServer();
    await makeOrgs(s.ctx, [['stad', 'stad'], ['a', 'forvaltning', 'stad'], ['b', 'forvaltning', 'stad'], ['c', 'forvaltning', 'stad'], ['d', 'forvaltning', 'stad']]);
  });
  afterAll(() => s?.close());
  const asDba = async (statement: string) => {
    await rawSql(s, 'alter table audit_log disable trigger audit_log_append_only');
    try {
      await rawSql(s, statement);
    } finally {
      await rawSql(s, 'alter table audit_log enable trigger audit_log_append_only');
    }
  };

  it('names the first altered row when a row\'s content is changed', async () => {
    const rows = await rawSql<{ seq: number }>(s, 'select seq from audit_log order by seq');
    expect(rows.length).toBeGreaterThanOrEqual(5);
    const target = Number(rows[2].seq);
    await asDba(`update audit_log set after = jsonb_set(after, '{name}', '"Förfalskad"') where seq = ${target}`);
    const r = await verifyChain(s.database.db);
    expect(r.ok).toBe(false);
    expect(r.firstBroken).toEqual({ seq: target, reason: 'hash' });
    expect(r.checked).toBe(2);
    // Recomputing that row's own hash does not help: the next row's link then breaks.
    const { rowHash } = await import('./chain');
    const [row] = await rawSql<Record<string, unknown>>(s, `select * from audit_log where seq = ${target}`);
    const fixed = rowHash(String(row.prev_hash), {
      at: new Date(String(row.at)), actorId: row.actor_id as string, actorLabel: String(row.actor_label), action: String(row.action),
      entityType: String(row.entity_type), entityId: row.entity_id as string, orgId: row.org_id as string, before: row.before, after: row.after,
      requestId: row.request_id as string, ip: row.ip as string,
    });
    await asDba(`update audit_log set hash = '${fixed}' where seq = ${target}`);
    const again = await verifyChain(s.database.db);
    expect(again.firstBroken).toEqual({ seq: Number(rows[3].seq), reason: 'link' });
  });

  it('names the row after a deleted one', async () => {
    const s2 = await startTestServer();
    try {
      await makeOrgs(s2.ctx, [['stad', 'stad'], ['a', 'forvaltning', 'stad'], ['b', 'forvaltning', 'stad']]);
      const rows = await rawSql<{ seq: number }>(s2, 'select seq from audit_log order by seq');
      await rawSql(s2, 'alter table audit_log disable trigger audit_log_append_only');
      await rawSql(s2, `delete from audit_log where seq = ${rows[1].seq}`);
      await rawSql(s2, 'alter table audit_log enable trigger audit_log_append_only');
      const r = await verifyChain(s2.database.db);
      expect(r.firstBroken).toEqual({ seq: Number(rows[2].seq), reason: 'link' });
    } finally {
      await s2.close();
    }
  });
});
