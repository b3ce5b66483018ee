import { Writable } from 'node:stream';
import pino from 'pino';
import { afterEach, describe, expect, it } from 'vitest';
import { Client, rawSql, startTestServer, type TestServer } from '../../test/harness';
import { ensureAdmin } from './auth';

let t: TestServer | undefined;
afterEach(async () => {
  await t?.close();
  t = undefined;
});

function capture() {
  const lines: string[] = [];
  const stream = new Writable({
    write(chunk, _enc, cb) {
      lines.push(...String(chunk).split('\n').filter(Boolean));
      cb();
    },
  });
  return { log: pino({ level: 'info' }, stream), lines };
}

describe('first start', () => {
  it('creates the administrator from TILLIT_ADMIN_EMAIL / TILLIT_ADMIN_PASSWORD, once', async () => {
    t = await startTestServer();
    const config = { ...t.config, adminEmail: 'Chef.IT@Kommun.se', adminPassword: 'Ett-Starkt-Startlösen-1' };
    const { log, lines } = capture();
    await ensureAdmin(t.database.db, config, log);
    await ensureAdmin(t.database.db, config, log);
    const users = await rawSql<{ email: string; must_change_password: boolean }>(t, 'select email, must_change_password from users');
    expect(users).toEqual([{ email: 'chef.it@kommun.se', must_change_password: false }]);
    const roles = await rawSql(t, "select role, org_id, group_id from role_assignments");
    expect(roles).toEqual([{ role: 'systemadministrator', org_id: null, group_id: null }]);
    expect(lines.join('\n')).not.toContain(config.adminPassword);
    // The second start found the administrator: the password it was given is not used, and the log says so once.
    const unchanged = lines.filter((l) => /lösenordet lämnades oförändrat/.test(l));
    expect(unchanged).toHaveLength(1);
    expect(JSON.parse(unchanged[0])).toMatchObject({ level: 30, email: 'chef.it@kommun.se' });
    expect(unchanged[0]).toContain('TILLIT_ADMIN_PASSWORD not used: chef.it@kommun.se already exists and the password was left unchanged.');
    const c = new Client(t.url);
    expect((await c.login('chef.it@kommun.se', config.adminPassword)).status).toBe(200);
    expect((await c.get('/api/me')).body.permissions).toContain('system.admin');
  });

  it('creates one administrator when several nodes start at once on an empty database', async () => {
    t = await startTestServer();
    const { log, lines } = capture();
    const config = { ...t.config, adminEmail: 'it@kommun.se', adminPassword: 'Ett-Starkt-Startlösen-1' };
    await Promise.all([1, 2, 3, 4].map(() => ensureAdmin(t!.database.db, config, log)));
    expect(await rawSql(t, 'select email from users')).toEqual([{ email: 'it@kommun.se' }]);
    expect(await rawSql(t, "select role from role_assignments")).toEqual([{ role: 'systemadministrator' }]);
    // Without TILLIT_ADMIN_*, on an empty database: one default administrator, one password in the log.
    const t2 = await startTestServer();
    try {
      await Promise.all([1, 2, 3].map(() => ensureAdmin(t2.database.db, { ...t2.config, adminEmail: undefined, adminPassword: undefined }, log)));
      expect(await rawSql(t2, 'select email from users')).toEqual([{ email: 'admin@tillit.local' }]);
      expect(lines.filter((l) => /engångslösenordet/.test(l))).toHaveLength(1);
    } finally {
      await t2.close();
    }
  });

  it('refuses a weak TILLIT_ADMIN_PASSWORD with a message in both languages', async () => {
    t = await startTestServer();
    const { log } = capture();
    await expect(ensureAdmin(t.database.db, { ...t.config, adminEmail: 'admin@kommun.se', adminPassword: 'kort' }, log)).rejects.toThrow(/minst 12 tecken.*at least 12/);
    expect(await rawSql(t, 'select 1 from users')).toHaveLength(0);
  });

  it('without them, logs a generated one-time password exactly once and requires changing it', async () => {
    t = await startTestServer();
    const { log, lines } = capture();
    await ensureAdmin(t.database.db, { ...t.config, adminEmail: undefined, adminPassword: undefined }, log);
    const withPassword = lines.filter((l) => /engångslösenordet/.test(l));
    expect(withPassword).toHaveLength(1);
    const password = /engångslösenordet (\S+)/.exec(JSON.parse(withPassword[0]).msg)![1];
    expect(password.length).toBeGreaterThanOrEqual(12);

    await ensureAdmin(t.database.db, { ...t.config, adminEmail: undefined, adminPassword: undefined }, log);
    expect(lines.filter((l) => l.includes(password))).toHaveLength(1);

    const c = new Client(t.url);
    expect((await c.login('admin@tillit.local', password)).status).toBe(200);
    const me = (await c.get('/api/me')).body;
    expect(me.mustChangePassword).toBe(true);
    // The one-time password (it was in the log) reads, but changes nothing until it is replaced: on the server too.
    const refused = await c.post('/api/orgs', { slug: 'forv', name: 'Förvaltning', type: 'stad' });
    expect(refused.status).toBe(403);
    expect(refused.body).toMatchObject({ code: 'must_change_password' });
    expect(await rawSql(t, "select 1 from orgs where slug = 'forv'")).toHaveLength(0);
    expect((await c.get('/api/attention')).body.items.map((i: { key: string }) => i.key)).toContain('users.must-change-password');
    expect((await c.post('/api/me/password', { currentPassword: password, newPassword: 'Mitt-Eget-Nya-Lösen-7' })).status).toBe(204);
    expect((await c.get('/api/me')).body.mustChangePassword).toBe(false);
    expect((await c.post('/api/orgs', { slug: 'forv', name: 'Förvaltning', type: 'stad' })).status).toBe(201);
  });
});
