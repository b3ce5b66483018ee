import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { Client, TEST_PASSWORD, makeOrgs, rawSql, startTestServer, userWithRoles, type TestServer } from '../../test/harness';
import { MAX_FAILURES } from './auth';

let t: TestServer;
let admin: Client;

beforeAll(async () => {
  t = await startTestServer();
  admin = (await userWithRoles(t, 'admin@test.se', [{ role: 'systemadministrator' }])).client;
  await makeOrgs(t.ctx, [['stad', 'stad'], ['forv', 'forvaltning', 'stad']]);
});
afterAll(() => t?.close());

async function userId(email: string): Promise<string> {
  const [r] = await rawSql<{ id: string }>(t, `select id from users where email = '${email}'`);
  return r.id;
}

describe('login', () => {
  it('sets an HttpOnly, SameSite=Lax session cookie (not Secure over plain http) and returns a CSRF token', async () => {
    await userWithRoles(t, 'kaka@test.se', [{ role: 'lasare', org: 'forv' }]);
    const c = new Client(t.url);
    const r = await c.login('kaka@test.se');
    expect(r.status).toBe(200);
    expect(typeof r.body.csrfToken).toBe('string');
    const cookie = r.headers.get('set-cookie')!;
    expect(cookie).toMatch(/^tillit_session=/);
    expect(cookie).toMatch(/HttpOnly/i);
    expect(cookie).toMatch(/SameSite=Lax/i);
    expect(cookie).not.toMatch(/Secure/i);
    expect((await c.get('/api/me')).body.email).toBe('kaka@test.se');
  });

  it('GET /api/auth/session says who is signed in as /api/me does, and answers me: null (200, not 401) to nobody', async () => {
    const nobody = await new Client(t.url).get('/api/auth/session');
    expect(nobody.status).toBe(200);
    expect(nobody.body).toEqual({ me: null });
    const { client } = await userWithRoles(t, 'session@test.se', [{ role: 'lasare', org: 'forv' }]);
    const signedIn = await client.get('/api/auth/session');
    expect(signedIn.status).toBe(200);
    expect(signedIn.body.me).toEqual((await client.get('/api/me')).body);
    expect(signedIn.body.me).toMatchObject({ email: 'session@test.se', permissions: expect.arrayContaining(['incident.read']) });
    await client.post('/api/auth/logout');
    expect((await client.get('/api/auth/session')).body).toEqual({ me: null });
  });

  it('wrong password: 401 with a Swedish message, nothing about whether the account exists', async () => {
    const c = new Client(t.url);
    const known = await c.post('/api/auth/login', { email: 'kaka@test.se', password: 'fel-lösenord-123' });
    const unknown = await c.post('/api/auth/login', { email: 'finns-inte@test.se', password: 'fel-lösenord-123' });
    for (const r of [known, unknown]) {
      expect(r.status).toBe(401);
      expect(r.body.detail).toBe('Fel e-postadress eller lösenord.');
      expect(r.body.detail_en).toMatch(/wrong e-mail address or password/i);
      expect(r.headers.get('set-cookie')).toBeNull();
    }
    expect(unknown.body.detail).toBe(known.body.detail);
    // Both are audited (which also keeps their answers equally slow): the unknown address as such.
    const audited = await rawSql<{ actor_label: string; after: { unknownEmail?: boolean } }>(t, `select actor_label, after from audit_log where action = 'auth.login_failed' and actor_label in ('kaka@test.se', 'finns-inte@test.se') order by seq`);
    expect(audited.map((a) => [a.actor_label, a.after.unknownEmail ?? false])).toEqual([['kaka@test.se', false], ['finns-inte@test.se', true]]);
  });

  it(`locks the account after ${MAX_FAILURES} failures (429 + Retry-After), even for the right password, until an admin unlocks`, async () => {
    await userWithRoles(t, 'last@test.se', [{ role: 'lasare', org: 'forv' }]);
    const c = new Client(t.url);
    for (let i = 1; i <= MAX_FAILURES; i++) {
      expect((await c.post('/api/auth/login', { email: 'last@test.se', password: `fel-${i}-lösenordet` })).status, `attempt ${i}`).toBe(401);
    }
    const locked = await c.post('/api/auth/login', { email: 'last@test.se', password: TEST_PASSWORD });
    expect(locked.status).toBe(429);
    expect(Number(locked.headers.get('retry-after'))).toBeGreaterThan(0);
    expect(locked.body.code).toBe('locked');
    expect(locked.body.detail_sv).toMatch(/låst/);

    const attention = await admin.get('/api/attention');
    expect(attention.body.items.find((i: { key: string }) => i.key === 'users.locked')?.count).toBe(1);

    const id = await userId('last@test.se');
    const cur = await admin.get(`/api/users/${id}`);
    expect(cur.body.lockedUntil).not.toBeNull();
    const unlocked = await admin.patch(`/api/users/${id}`, { version: cur.body.version, unlock: true });
    expect(unlocked.status).toBe(200);
    expect(unlocked.body.lockedUntil).toBeNull();
    expect((await c.login('last@test.se')).status).toBe(200);
    expect((await admin.get('/api/attention')).body.items.some((i: { key: string }) => i.key === 'users.locked')).toBe(false);
    const audit = await admin.get(`/api/audit?entityId=${id}&action=auth`);
    expect(audit.body.items.map((a: { action: string }) => a.action)).toContain('auth.lockout');
  });

  it('answers an unknown e-mail exactly like a known one: locked after the same number of failures', async () => {
    const c = new Client(t.url);
    for (let i = 1; i <= MAX_FAILURES; i++) {
      expect((await c.post('/api/auth/login', { email: 'spoke@test.se', password: `fel-${i}-lösenordet` })).status).toBe(401);
    }
    const r = await c.post('/api/auth/login', { email: 'spoke@test.se', password: 'fel-6-lösenordet' });
    expect(r.status).toBe(429);
    expect(r.body.code).toBe('locked');
    expect(Number(r.headers.get('retry-after'))).toBeGreaterThan(0);
  });

  it('limits parallel guesses too: at most the allowed tries are checked, and unknown and locked accounts answer alike', async () => {
    await userWithRoles(t, 'parallel@test.se', [{ role: 'lasare', org: 'forv' }]);
    const c = new Client(t.url);
    const burst = (email: string) => Promise.all(Array.from({ length: 12 }, (_, i) => c.post('/api/auth/login', { email, password: `fel-${i}-lösenordet` })));
    const known = await burst('parallel@test.se');
    // Every try beyond the allowed ones is refused before its password is checked.
    expect(known.filter((r) => r.status === 401)).toHaveLength(MAX_FAILURES);
    expect(known.filter((r) => r.status === 429).every((r) => r.body.code === 'locked')).toBe(true);
    const unknown = await burst('nobody-parallel@test.se');
    expect(unknown.filter((r) => r.status === 401)).toHaveLength(MAX_FAILURES);
    // Locked: the same answer and a lock that does not move with each attempt, known or not.
    const again = async (email: string) => (await c.post('/api/auth/login', { email, password: 'fel-igen-lösenordet' })).body.detail_en as string;
    for (const email of ['parallel@test.se', 'nobody-parallel@test.se']) {
      const first = await again(email);
      await new Promise((r) => setTimeout(r, 1100));
      expect(await again(email)).toBe(first);
    }
  });

  it('limits sign-in attempts per IP address', async () => {
    // The config object is the running app's own: changing it here changes the server's behaviour.
    await rawSql(t, 'delete from login_attempts'); // forget this file's earlier sign-ins from 127.0.0.1
    t.config.loginIpLimitPerMinute = 4;
    try {
      const c = new Client(t.url);
      for (let i = 0; i < 4; i++) {
        expect((await c.post('/api/auth/login', { email: `x${i}@test.se`, password: 'fel-lösenord-12' })).status).toBe(401);
      }
      const r = await c.post('/api/auth/login', { email: 'y@test.se', password: 'fel-lösenord-12' });
      expect(r.status).toBe(429);
      expect(r.body.code).toBe('rate_limited');
      expect(r.headers.get('retry-after')).toBe('60');
      // In parallel, too: the attempts are counted before the password is checked.
      await rawSql(t, 'delete from login_attempts');
      const burst = await Promise.all(Array.from({ length: 12 }, (_, i) => c.post('/api/auth/login', { email: `z${i}@test.se`, password: 'fel-lösenord-12' })));
      expect(burst.filter((x) => x.status === 401)).toHaveLength(4);
      expect(burst.filter((x) => x.status === 429)).toHaveLength(8);
    } finally {
      t.config.loginIpLimitPerMinute = 100_000;
    }
  });

  it('marks the cookie Secure (and __Host-) when served over https', async () => {
    t.config.secureCookies = true;
    try {
      await userWithRoles(t, 's@test.se', []);
      const r = await fetch(`${t.url}/api/auth/login`, {
        method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify({ email: 's@test.se', password: TEST_PASSWORD }),
      });
      expect(r.status).toBe(200);
      const cookie = r.headers.get('set-cookie')!;
      expect(cookie).toMatch(/^__Host-tillit_session=/);
      expect(cookie).toMatch(/Secure/);
      expect(cookie).toMatch(/HttpOnly/);
      expect(r.headers.get('strict-transport-security')).toMatch(/max-age=\d+/);
    } finally {
      t.config.secureCookies = false;
    }
  });

  it('trusts X-Forwarded-Proto only with TILLIT_TRUST_PROXY', async () => {
    const login = (url: string) =>
      fetch(`${url}/api/auth/login`, {
        method: 'POST',
        headers: { 'content-type': 'application/json', 'x-forwarded-proto': 'https' },
        body: JSON.stringify({ email: 'kaka@test.se', password: TEST_PASSWORD }),
      });
    const direct = await login(t.url);
    expect(direct.headers.get('set-cookie')).not.toMatch(/Secure/);
    expect(direct.headers.get('strict-transport-security')).toBeNull();

    t.config.trustProxy = true;
    try {
      const r = await login(t.url);
      expect(r.status).toBe(200);
      expect(r.headers.get('set-cookie')).toMatch(/^__Host-tillit_session=.*Secure/);
      expect(r.headers.get('strict-transport-security')).toMatch(/max-age/);
      const plain = await fetch(`${t.url}/api/health`, { headers: { 'x-forwarded-proto': 'http' } });
      expect(plain.headers.get('strict-transport-security')).toBeNull();
      // The client's address is the one the proxy appended, not one the client wrote in front of it.
      await fetch(`${t.url}/api/auth/login`, {
        method: 'POST',
        headers: { 'content-type': 'application/json', 'x-forwarded-for': '6.6.6.6, 10.1.2.3' },
        body: JSON.stringify({ email: 'xff@test.se', password: 'fel-lösenord-12' }),
      });
      expect((await rawSql<{ ip: string }>(t, `select ip from login_attempts where email = 'xff@test.se'`)).map((r) => r.ip)).toEqual(['10.1.2.3']);
    } finally {
      t.config.trustProxy = false;
    }
  });
});

describe('CSRF', () => {
  it('refuses a cookie-session mutation without or with a wrong X-CSRF-Token, and writes nothing', async () => {
    const before = await admin.get('/api/orgs');
    const body = { slug: 'csrf-org', name: 'CSRF', type: 'avdelning', parent: 'forv' };
    const none = await admin.request('POST', '/api/orgs', body, { 'x-csrf-token': '' });
    expect(none.status).toBe(403);
    expect(none.body.code).toBe('csrf');
    expect(none.body.field).toBe('X-CSRF-Token');
    const wrong = await admin.request('POST', '/api/orgs', body, { 'x-csrf-token': 'x'.repeat(32) });
    expect(wrong.status).toBe(403);
    expect((await admin.get('/api/orgs')).body).toHaveLength(before.body.length);
    const right = await admin.post('/api/orgs', body);
    expect(right.status).toBe(201);
  });
});

describe('API tokens', () => {
  it('work without CSRF, only within their scopes, and stop when expired or revoked', async () => {
    const created = await admin.post('/api/me/tokens', { name: 'Integration', scopes: ['org.read', 'org.manage'], expiresInDays: 30 });
    expect(created.status).toBe(201);
    const token: string = created.body.token;
    expect(token).toMatch(/^tlt_/);
    const [stored] = await rawSql<{ token_hash: string }>(t, `select token_hash from api_tokens where id = '${created.body.apiToken.id}'`);
    // The secret after "tlt_<prefix>_" (base64url, so it may hold "_" itself: split('_') cut it short at random).
    const secret = token.slice(`tlt_${created.body.apiToken.prefix}_`.length);
    expect(secret).toHaveLength(43);
    expect(stored.token_hash).not.toContain(secret);

    const bearer = (method: string, path: string, body?: unknown, tok = token) =>
      fetch(t.url + path, { method, headers: { authorization: `Bearer ${tok}`, 'content-type': 'application/json' }, body: body ? JSON.stringify(body) : undefined });
    expect((await bearer('GET', '/api/orgs')).status).toBe(200);
    expect((await bearer('POST', '/api/orgs', { slug: 'via-token', name: 'Via token', type: 'avdelning', parent: 'forv' })).status).toBe(201);
    expect((await bearer('GET', '/api/users')).status).toBe(403); // admin holds user.read, the token does not
    expect((await bearer('POST', '/api/me/password', { currentPassword: TEST_PASSWORD, newPassword: 'Ett-helt-nytt-lösen-99' })).status).toBe(403);
    expect((await bearer('POST', '/api/me/tokens', { name: 'mer', scopes: ['org.read'] })).status).toBe(403);

    const narrow = await admin.post('/api/me/tokens', { name: 'Läs', scopes: ['org.read'] });
    expect((await bearer('POST', '/api/orgs', { slug: 'nej', name: 'Nej', type: 'avdelning', parent: 'forv' }, narrow.body.token)).status).toBe(403);

    await rawSql(t, `update api_tokens set expires_at = now() - interval '1 second' where id = '${narrow.body.apiToken.id}'`);
    expect((await bearer('GET', '/api/orgs', undefined, narrow.body.token)).status).toBe(401);

    expect((await admin.delete(`/api/me/tokens/${created.body.apiToken.id}`)).status).toBe(204);
    expect((await bearer('GET', '/api/orgs')).status).toBe(401);
    const listed = await admin.get('/api/me/tokens');
    expect(listed.body.find((x: { id: string }) => x.id === created.body.apiToken.id).revokedAt).not.toBeNull();
    expect((await bearer('GET', '/api/orgs', undefined, 'tlt_00000000_forged')).status).toBe(401);

    // Deactivating a user ends their tokens for good: reactivating does not bring them back.
    const { client: owner, userId: ownerId } = await userWithRoles(t, 'token-owner@test.se', [{ role: 'lasare', org: 'forv' }]);
    const own = (await owner.post('/api/me/tokens', { name: 'Skript', scopes: ['org.read'] })).body.token as string;
    expect((await bearer('GET', '/api/orgs', undefined, own)).status).toBe(200);
    const v1 = (await admin.get(`/api/users/${ownerId}`)).body.version;
    expect((await admin.patch(`/api/users/${ownerId}`, { version: v1, active: false })).status).toBe(200);
    expect((await admin.patch(`/api/users/${ownerId}`, { version: v1 + 1, active: true })).status).toBe(200);
    expect((await bearer('GET', '/api/orgs', undefined, own)).status).toBe(401);
  });

  it('cannot get round a one-time password: none is made while one is held, and an older one changes nothing until it is replaced', async () => {
    const bearer = (method: string, path: string, tok: string, body?: unknown) =>
      fetch(t.url + path, { method, headers: { authorization: `Bearer ${tok}`, 'content-type': 'application/json' }, body: body ? JSON.stringify(body) : undefined });
    // A new account with a one-time password signs in and asks for a token.
    const made = await admin.post('/api/users', { email: 'otp-token@test.se', name: 'Engång' });
    expect((await admin.post(`/api/users/${made.body.user.id}/roles`, { role: 'isam', org: 'forv' })).status).toBe(201);
    const otp = new Client(t.url);
    expect((await otp.login('otp-token@test.se', made.body.oneTimePassword)).status).toBe(200);
    const refused = await otp.post('/api/me/tokens', { name: 'Runt', scopes: ['org.read', 'org.manage'] });
    expect(refused.status).toBe(403);
    expect(refused.body.code).toBe('must_change_password');
    expect((await otp.get('/api/me/tokens')).body).toHaveLength(0);

    // A token of an account whose password may be held by someone else (a one-time password set by hand in the
    // database, as a restore of an old backup could leave it): reads, but changes nothing until the password is replaced.
    const { client: owner, userId } = await userWithRoles(t, 'reset-token@test.se', [{ role: 'isam', org: 'forv' }]);
    const tok = (await owner.post('/api/me/tokens', { name: 'Skript', scopes: ['org.read', 'org.manage'] })).body.token as string;
    await rawSql(t, `update users set must_change_password = true where id = '${userId}'`);
    expect((await bearer('GET', '/api/orgs', tok)).status).toBe(200);
    const write = await bearer('POST', '/api/orgs', tok, { slug: 'via-reset-token', name: 'Via reset token', type: 'avdelning', parent: 'forv' });
    expect(write.status).toBe(403);
    expect(((await write.json()) as { code: string }).code).toBe('must_change_password');
    expect(await rawSql(t, "select 1 from orgs where slug = 'via-reset-token'")).toHaveLength(0);
    // An administrator's reset is a way back in for the owner, not for whoever else made a token: it ends them all.
    await rawSql(t, `update users set must_change_password = false where id = '${userId}'`);
    const v = (await admin.get(`/api/users/${userId}`)).body.version;
    expect((await admin.patch(`/api/users/${userId}`, { version: v, password: 'Ett-tillfälligt-lösen-42' })).status).toBe(200);
    expect((await bearer('GET', '/api/orgs', tok)).status).toBe(401);
    const [audit] = await rawSql<{ after: { apiTokensRevoked: number } }>(t, `select after from audit_log where action = 'user.password_reset' and entity_id = '${userId}' order by seq desc limit 1`);
    expect(audit.after.apiTokensRevoked).toBe(1);
  });

  it('cannot carry a permission its owner does not hold', async () => {
    const { client } = await userWithRoles(t, 'token-lasare@test.se', [{ role: 'lasare', org: 'forv' }]);
    const r = await client.post('/api/me/tokens', { name: 'X', scopes: ['org.manage'] });
    expect(r.status).toBe(422);
    expect(r.body.field).toBe('scopes');
    expect((await client.get('/api/me/tokens')).body).toHaveLength(0);
  });
});

describe('sessions', () => {
  it('end after the idle timeout and after the absolute lifetime', async () => {
    const { client, userId: id } = await userWithRoles(t, 'tid@test.se', [{ role: 'lasare', org: 'forv' }]);
    expect((await client.get('/api/me')).status).toBe(200);
    await rawSql(t, `update sessions set last_seen_at = now() - interval '${t.config.sessionIdleMinutes + 1} minutes' where user_id = '${id}'`);
    expect((await client.get('/api/me')).status).toBe(401);

    const again = new Client(t.url);
    await again.login('tid@test.se');
    await rawSql(t, `update sessions set last_seen_at = now() - interval '${t.config.sessionIdleMinutes - 1} minutes' where user_id = '${id}' and revoked_at is null`);
    expect((await again.get('/api/me')).status).toBe(200); // within the idle window, and it refreshes last_seen
    await rawSql(t, `update sessions set expires_at = now() - interval '1 second' where user_id = '${id}'`);
    expect((await again.get('/api/me')).status).toBe(401);
  });

  it('logout revokes the session: the old cookie no longer works', async () => {
    const { client } = await userWithRoles(t, 'ut@test.se', []);
    const cookie = client.cookie!;
    const r = await client.post('/api/auth/logout');
    expect(r.status).toBe(204);
    const replay = await fetch(`${t.url}/api/me`, { headers: { cookie } });
    expect(replay.status).toBe(401);
  });

  it('lists own sessions and revokes another of them', async () => {
    const a = (await userWithRoles(t, 'flera@test.se', [])).client;
    const b = new Client(t.url);
    await b.login('flera@test.se');
    const list = await a.get('/api/me/sessions');
    expect(list.body).toHaveLength(2);
    expect(list.body.filter((s: { current: boolean }) => s.current)).toHaveLength(1);
    const other = list.body.find((s: { current: boolean }) => !s.current);
    expect((await a.delete(`/api/me/sessions/${other.id}`)).status).toBe(204);
    expect((await b.get('/api/me')).status).toBe(401);
    expect((await a.get('/api/me')).status).toBe(200);
    expect((await a.get('/api/me/sessions')).body).toHaveLength(1);
    // Someone else's session id is not yours to revoke.
    const stranger = (await userWithRoles(t, 'annan@test.se', [])).client;
    const [own] = (await stranger.get('/api/me/sessions')).body;
    expect((await a.delete(`/api/me/sessions/${own.id}`)).status).toBe(404);
    expect((await stranger.get('/api/me')).status).toBe(200);
  });

  it('changing the password ends every other session', async () => {
    const a = (await userWithRoles(t, 'byt@test.se', [])).client;
    const b = new Client(t.url);
    await b.login('byt@test.se');
    const wrong = await a.post('/api/me/password', { currentPassword: 'inte-det-gamla-1', newPassword: 'Ett-helt-nytt-lösen-99' });
    expect(wrong.status).toBe(422);
    expect(wrong.body.field).toBe('currentPassword');
    const ok = await a.post('/api/me/password', { currentPassword: TEST_PASSWORD, newPassword: 'Ett-helt-nytt-lösen-99' });
    expect(ok.status).toBe(204);
    expect((await b.get('/api/me')).status).toBe(401);
    expect((await a.get('/api/me')).status).toBe(200);
    expect((await new Client(t.url).login('byt@test.se')).status).toBe(401);
    expect((await new Client(t.url).login('byt@test.se', 'Ett-helt-nytt-lösen-99')).status).toBe(200);
  });
});

describe('password rules', () => {
  const cases: [string, string, RegExp][] = [
    ['kort-lösen', 'shorter than 12', /minst 12 tecken/],
    ['password1234', 'a common password', /för vanligt/],
    ['Sommar2025!!!!', 'a common word with digits', /för vanligt/],
    ['abcabcabcabcabc', 'a repeated pattern', /för vanligt|för enkelt/],
    ['regel.person-hemligt', 'contains the e-mail address', /e-postadress/],
  ];
  it.each(cases)('refuses %s (%s) with 422 on the password field and creates nobody', async (password, _why, message) => {
    const r = await admin.post('/api/users', { email: 'regel.person@test.se', name: 'Regel', password });
    expect(r.status).toBe(422);
    expect(r.body.field).toBe('password');
    expect(r.body.detail_sv).toMatch(message);
    expect(await rawSql(t, "select 1 from users where email = 'regel.person@test.se'")).toHaveLength(0);
  });

  it('accepts a long, uncommon phrase', async () => {
    const r = await admin.post('/api/users', { email: 'regel.person@test.se', name: 'Regel', password: 'Blå-Tåg-Över-Ån-2025' });
    expect(r.status).toBe(201);
    expect(r.body.oneTimePassword).toBeUndefined();
    const noPassword = await admin.post('/api/users', { email: 'engang@test.se', name: 'Engång' });
    expect(noPassword.status).toBe(201);
    expect(noPassword.body.oneTimePassword).toMatch(/^\w{5}-\w{5}-\w{5}-\w{5}$/);
    expect(noPassword.body.user.mustChangePassword).toBe(true);
  });
});
