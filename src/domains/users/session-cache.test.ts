/**
 * The session cache: a node answers "who is calling" from memory, and every change that could alter the answer
 * (a role removed, a session revoked, a person deactivated, an org moved) empties it on every node at commit,
 * through PostgreSQL notifications (migration 0012), on PGlite and on PostgreSQL. A node that cannot listen
 * does not cache.
 */
import { afterEach, describe, expect, it } from 'vitest';
import { sql } from 'drizzle-orm';
import { openDatabase } from '../../server/platform/db';
import { makeOrgs, startTestServer, TEST_DB, untilStatus, userWithRoles, type TestServer } from '../../test/harness';
import { enableSessionCache } from './resolve';
import { SessionCache } from './session-cache';
import { assignRole, removeRole } from './service';

describe('SessionCache', () => {
  it('caches only while listening, for at most its TTL', () => {
    const c = new SessionCache<string>(1000);
    c.set('a', 'x', c.stamp, 0);
    expect(c.get('a', 1)).toBeUndefined(); // not listening yet
    c.onEvent('ready');
    c.set('a', 'x', c.stamp, 0);
    expect(c.get('a', 999)).toBe('x');
    expect(c.get('a', 1000)).toBeUndefined();
    c.set('a', 'y', c.stamp, 0);
    c.onEvent('lost');
    expect(c.get('a', 1)).toBeUndefined();
    c.set('a', 'y', c.stamp, 0);
    expect(c.size).toBe(0);
  });

  it('never stores a value read before a change', () => {
    const c = new SessionCache<string>(1000);
    c.onEvent('ready');
    const stamp = c.stamp; // a request starts reading
    c.onEvent('notify'); // a revocation commits meanwhile
    c.set('a', 'stale', stamp, 0);
    expect(c.get('a', 1)).toBeUndefined();
    c.set('a', 'fresh', c.stamp, 0);
    expect(c.get('a', 1)).toBe('fresh');
  });

  it('drops the oldest entry when full', () => {
    const c = new SessionCache<number>(1000, 2);
    c.onEvent('ready');
    for (const k of ['a', 'b', 'c']) c.set(k, 1, c.stamp, 0);
    expect([c.get('a', 1), c.get('b', 1), c.get('c', 1)]).toEqual([undefined, 1, 1]);
  });
});

describe('session cache on a server', () => {
  let t: TestServer;
  let stopCache: (() => Promise<void>) | undefined;
  afterEach(async () => {
    await stopCache?.();
    stopCache = undefined;
    await t?.close();
  });

  const eventually = async (get: () => Promise<{ status: number }>, status: number) => expect(await untilStatus(get, status)).toBe(status);

  async function setUp() {
    t = await startTestServer();
    stopCache = await enableSessionCache(t.database, 60);
    await makeOrgs(t.ctx, [['stad', 'stad'], ['hv', 'forvaltning', 'stad']]);
    const u = await userWithRoles(t, 'isam@cache.test', [{ role: 'isam', org: 'hv' }]);
    const list = () => u.client.get('/api/incidents?org=hv');
    expect((await list()).status).toBe(200);
    return { ...u, list };
  }

  it('serves from memory until a change, then forgets at once (the trigger is what tells it)', async () => {
    const { userId, assignmentIds, list } = await setUp();
    // Without the notification the node keeps answering from memory: the cache is really used …
    await t.database.db.execute(sql`alter table role_assignments disable trigger role_assignments_auth_changed`);
    await t.database.db.execute(sql`delete from role_assignments where id = ${assignmentIds[0]}`);
    expect((await list()).status).toBe(200);
    // … and with it, the next change empties it.
    await t.database.db.execute(sql`alter table role_assignments enable trigger role_assignments_auth_changed`);
    await t.database.db.execute(sql`update users set name = 'Nytt namn' where id = ${userId}`);
    await eventually(list, 403);
  });

  it("forgets at once what this node itself changed, without waiting for the notification", async () => {
    const { client, userId, assignmentIds, list } = await setUp();
    // With no notification at all, only the node's own forgetting can end the role on the very next request.
    await t.database.db.execute(sql`alter table role_assignments disable trigger role_assignments_auth_changed`);
    await removeRole(t.ctx, userId, assignmentIds[0]);
    expect((await list()).status).toBe(403);
    await t.database.db.execute(sql`alter table role_assignments enable trigger role_assignments_auth_changed`);
    // Logging out through this node ends the session here at once too, though its row may still be cached.
    await t.database.db.execute(sql`alter table sessions disable trigger sessions_auth_changed`);
    expect((await list()).status).toBe(403);
    const cookie = client.cookie;
    expect((await client.post('/api/auth/logout', {})).status).toBeLessThan(300);
    client.cookie = cookie; // the old cookie, replayed
    expect((await list()).status).toBe(401);
    await t.database.db.execute(sql`alter table sessions enable trigger sessions_auth_changed`);
  });

  it('ends a revoked session and an inactivated person', async () => {
    const { client, userId, list } = await setUp();
    await t.database.db.execute(sql`update sessions set revoked_at = now() where user_id = ${userId}`);
    await eventually(list, 401);
    await client.login('isam@cache.test');
    await eventually(list, 200);
    await t.database.db.execute(sql`update users set active = false where id = ${userId}`);
    await eventually(list, 401);
  });

  it.runIf(TEST_DB === 'pg')('hears changes made by another node, and caches nothing while it cannot listen', async () => {
    const { userId, assignmentIds, list } = await setUp();
    const other = await openDatabase({ databaseUrl: (t.database as { url?: string }).url!, poolSize: 1 });
    try {
      await other.db.execute(sql`delete from role_assignments where id = ${assignmentIds[0]}`);
      await eventually(list, 403);
      const again = await assignRole(t.ctx, userId, { role: 'isam', org: 'hv' });
      await eventually(list, 200);
      const assignment = again.roles[again.roles.length - 1].id;
      // The listening connection dies: until it is back, every request asks the database.
      await other.db.execute(sql`select pg_terminate_backend(pid) from pg_stat_activity where application_name = 'tillit-listen' and datname = current_database()`);
      await other.db.execute(sql`alter table role_assignments disable trigger role_assignments_auth_changed`);
      await other.db.execute(sql`delete from role_assignments where id = ${assignment}`);
      await other.db.execute(sql`alter table role_assignments enable trigger role_assignments_auth_changed`);
      // With a 60-second cache and no notification, only "lost" can make this 403.
      await eventually(list, 403);
    } finally {
      await other.close();
    }
  });
});
