/**
 * `tillit user reset-password EMAIL`, run as the CLI runs it (main with the server's configuration) against a PGlite
 * data directory or, with TILLIT_TEST_DB=pg, a PostgreSQL database (DATABASE_URL); the result is checked over HTTP
 * against the real app on the same database.
 */
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { AddressInfo } from 'node:net';
import { serve } from '@hono/node-server';
import { sql } from 'drizzle-orm';
import pino from 'pino';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createApp } from '../../server/app';
import { loadConfig, type Config } from '../../server/platform/config';
import { openDatabase, type Database } from '../../server/platform/db';
import { Client, migratedDataDir, migratedPgDatabase, rows, tableCounts, TEST_DB, TEST_PASSWORD, untilStatus } from '../../test/harness';
import { enableSessionCache } from './resolve';
import { runCli } from '../../test/cli-process';

const ADMIN = 'admin@kommun.se';
const OWN = 'Mitt-eget-långa-lösenord-2026';
const CHOSEN = 'Ett-valt-lösenord-för-återställning';
let dir: string;
let pg: { url: string; drop(): Promise<void> } | undefined;
let config: Config;

beforeAll(async () => {
  // A migrated database, as the server leaves it after its first start.
  if (TEST_DB === 'pg') pg = await migratedPgDatabase();
  dir = pg ? mkdtempSync(join(tmpdir(), 'tillit-reset-')) : await migratedDataDir('tillit-reset-');
  config = {
    ...loadConfig({ NODE_ENV: 'test' }), logLevel: 'silent', loginIpLimitPerMinute: 100_000,
    dataDir: dir, databaseUrl: pg?.url,
  };
}, 60_000);
afterAll(async () => {
  rmSync(dir, { recursive: true, force: true });
  await pg?.drop();
});

/** The CLI in this process, with extra environment variables set only while it runs; its output without the last newline. */
async function tillit(args: string[], vars: Record<string, string> = {}) {
  const r = await runCli(args, config, vars);
  return { code: r.code, out: r.out.replace(/\n$/, ''), err: r.err.replace(/\n$/, '') };
}

/** The app on the CLI's database, as `tillit serve` runs it (with the session cache on PostgreSQL). */
async function up() {
  const database: Database = await openDatabase({ dataDir: config.dataDir, databaseUrl: config.databaseUrl });
  const stopCache = await enableSessionCache(database, 60);
  const app = await createApp({ database, config, log: pino({ level: 'silent' }) });
  const server = serve({ fetch: app.app.fetch, port: 0, hostname: '127.0.0.1' });
  await new Promise<void>((r) => server.once('listening', () => r()));
  return {
    url: `http://127.0.0.1:${(server.address() as AddressInfo).port}`,
    database,
    async close() {
      await new Promise<void>((r) => server.close(() => r()));
      await stopCache();
      await database.close();
    },
  };
}
type Up = Awaited<ReturnType<typeof up>>;

const query = async <T = Record<string, unknown>>(s: Up, text: string) => rows<T>(await s.database.db.execute(sql.raw(text)));

describe(`tillit user reset-password (${TEST_DB})`, () => {
  let signedIn: Client; // a session from before the reset
  let adminId: string;
  let oneTime: string;

  it('(setup) an administrator with a session, then locked out by five wrong passwords', async () => {
    const add = await tillit(['user', 'add', ADMIN, 'Admin Adminsson', '--password', TEST_PASSWORD, '--role', 'systemadministrator']);
    expect(add.code, add.err).toBe(0);
    const s = await up();
    try {
      signedIn = new Client(s.url);
      expect((await signedIn.login(ADMIN)).status).toBe(200);
      const guesser = new Client(s.url);
      for (let i = 0; i < 5; i++) expect((await guesser.login(ADMIN, `fel-lösenord-${i}-xyz`)).status).toBe(401);
      const locked = await new Client(s.url).login(ADMIN);
      expect(locked.status).toBe(429);
      expect(locked.body.code).toBe('locked');
      [{ id: adminId }] = await query<{ id: string }>(s, `select id from users where email = '${ADMIN}'`);

      if (TEST_DB === 'pglite') {
        // The directory the server holds is refused like to every other command: exit 3, nothing written.
        const before = await tableCounts(s);
        const busy = await tillit(['user', 'reset-password', ADMIN]);
        expect(busy.code).toBe(3);
        expect(busy.out).toBe('');
        expect(busy.err).toMatch(/^fel: Datakatalogen .* används redan av en annan Tillit-process/);
        expect(busy.err).toMatch(/\nerror: The data directory .* is in use by another Tillit process/);
        expect(await tableCounts(s)).toEqual(before);
      }
    } finally {
      await s.close();
    }
  }, 180_000);

  it('refuses an unknown address, a weak or empty TILLIT_NEW_PASSWORD and a non-address in both languages; writes nothing', async () => {
    let s = await up();
    const before = await tableCounts(s);
    await s.close();

    const unknown = await tillit(['user', 'reset-password', 'okand@kommun.se']);
    expect(unknown.code).toBe(2);
    expect(unknown.out).toBe('');
    expect(unknown.err.split('\n')).toEqual([
      'fel: Det finns ingen användare med e-postadressen okand@kommun.se. (fält/field: email)',
      'error: There is no user with the e-mail address okand@kommun.se.',
    ]);
    const weak = await tillit(['user', 'reset-password', ADMIN], { TILLIT_NEW_PASSWORD: 'kort' });
    expect(weak.code).toBe(2);
    expect(weak.err.split('\n')).toEqual([
      'fel: TILLIT_NEW_PASSWORD: Lösenordet måste ha minst 12 tecken.',
      'error: TILLIT_NEW_PASSWORD: The password must be at least 12 characters long.',
    ]);
    const common = await tillit(['user', 'reset-password', ADMIN], { TILLIT_NEW_PASSWORD: 'Sommar2025!!!!' });
    expect(common.code).toBe(2);
    expect(common.err).toContain('fel: TILLIT_NEW_PASSWORD: Lösenordet är för vanligt eller för enkelt.');
    const empty = await tillit(['user', 'reset-password', ADMIN], { TILLIT_NEW_PASSWORD: '' });
    expect(empty.code).toBe(2);
    expect(empty.err).toContain('fel: TILLIT_NEW_PASSWORD: Lösenordet måste ha minst 12 tecken.');
    const notAddress = await tillit(['user', 'reset-password', 'admin']);
    expect(notAddress.code).toBe(2);
    expect(notAddress.err).toContain('fel: "admin" är ingen e-postadress. Användning: tillit user reset-password EMAIL');
    expect(notAddress.err).toContain('error: "admin" is not an e-mail address. Usage: tillit user reset-password EMAIL');
    const missing = await tillit(['user', 'reset-password']);
    expect(missing.code).toBe(2);
    expect(missing.err).toContain('fel: saknar EMAIL.');

    s = await up();
    try {
      expect(await tableCounts(s)).toEqual(before);
      // Still locked: nothing was reset.
      expect((await new Client(s.url).login(ADMIN)).status).toBe(429);
    } finally {
      await s.close();
    }
  }, 180_000);

  it('prints a one-time password once; sessions end, the lock is lifted, and it must be changed before anything else', async () => {
    // On PostgreSQL the server keeps running (and caching sessions) while the CLI resets; PGlite serves one process.
    let s = TEST_DB === 'pg' ? await up() : undefined;
    if (s) expect((await Object.assign(new Client(s.url), { cookie: signedIn.cookie }).get('/api/me')).status).toBe(200);
    const r = await tillit(['user', 'reset-password', ' Admin@Kommun.se ']);
    expect(r.code, r.err).toBe(0);
    expect(r.err).toBe('');
    const m = /^Engångslösenord \/ one-time password: (\S+)$/m.exec(r.out);
    expect(m, r.out).not.toBeNull();
    oneTime = m![1];
    expect(oneTime.length).toBeGreaterThanOrEqual(12);
    expect(r.out.split(oneTime)).toHaveLength(2); // printed once
    expect(r.out).toContain(`Lösenordet är återställt / password reset: ${ADMIN}`);
    expect(r.out).toContain('Användaren måste byta lösenordet vid nästa inloggning.');
    expect(r.out).toContain('The user must change the password at the next sign-in.');

    s ??= await up();
    try {
      const old = Object.assign(new Client(s.url), { cookie: signedIn.cookie, csrf: signedIn.csrf }); // the cookie on this server
      // The session from before ended; a server that kept running forgets it on PostgreSQL's notification.
      expect(await untilStatus(() => old.get('/api/me'), 401)).toBe(401);
      const [{ n }] = await query<{ n: number }>(s, `select count(*)::int as n from sessions where user_id = '${adminId}' and revoked_at is null`);
      expect(Number(n)).toBe(0);
      expect((await new Client(s.url).login(ADMIN)).status).toBe(401); // the old password is gone
      const admin = new Client(s.url);
      expect((await admin.login(ADMIN, oneTime)).status).toBe(200); // and so is the lock
      expect((await admin.get('/api/me')).body.mustChangePassword).toBe(true);
      expect((await admin.get('/api/orgs')).status).toBe(200); // reading is allowed
      const refused = await admin.post('/api/orgs', { slug: 'stad', name: 'Staden', type: 'stad' });
      expect(refused.status).toBe(403);
      expect(refused.body.code).toBe('must_change_password');
      expect(refused.body.detail_sv).toMatch(/Byt ditt engångslösenord/);
      expect(refused.body.detail_en).toMatch(/Change your one-time password/);
      expect((await admin.post('/api/me/password', { currentPassword: oneTime, newPassword: OWN })).status).toBe(204);
      expect((await admin.get('/api/me')).body.mustChangePassword).toBe(false);
      expect((await admin.post('/api/orgs', { slug: 'stad', name: 'Staden', type: 'stad' })).status).toBe(201);

      const audit = await query<{ actor_id: string | null; actor_label: string; entity_id: string; before: Record<string, unknown>; after: Record<string, unknown> }>(
        s, "select actor_id, actor_label, entity_id, before, after from audit_log where action = 'user.password_reset' order by seq",
      );
      expect(audit).toHaveLength(1);
      expect(audit[0]).toMatchObject({ actor_id: null, actor_label: `cli:${process.env.USER ?? 'local'}`, entity_id: adminId });
      expect(audit[0].before).toMatchObject({ email: ADMIN, mustChangePassword: false });
      expect(audit[0].before.lockedUntil).not.toBeNull();
      expect(audit[0].after).toMatchObject({ email: ADMIN, mustChangePassword: true, lockedUntil: null, failedLogins: 0 });
      expect(JSON.stringify(audit[0])).not.toMatch(/passwordHash|argon2/);
    } finally {
      await s.close();
    }
    const verify = await tillit(['audit', 'verify']);
    expect(verify.code, verify.err).toBe(0);
  }, 180_000);

  it('TILLIT_NEW_PASSWORD sets that password instead, not printed, also to be changed at sign-in', async () => {
    const r = await tillit(['user', 'reset-password', ADMIN], { TILLIT_NEW_PASSWORD: CHOSEN });
    expect(r.code, r.err).toBe(0);
    expect(r.out).not.toContain(CHOSEN);
    expect(r.out).not.toMatch(/one-time password:/);
    expect(r.out).toContain('Lösenordet från TILLIT_NEW_PASSWORD är satt (det skrivs inte ut). / The password from TILLIT_NEW_PASSWORD is set (it is not printed).');
    const s = await up();
    try {
      expect((await new Client(s.url).login(ADMIN, OWN)).status).toBe(401);
      const admin = new Client(s.url);
      expect((await admin.login(ADMIN, CHOSEN)).status).toBe(200);
      expect((await admin.get('/api/me')).body.mustChangePassword).toBe(true);
      expect((await admin.post('/api/orgs', { slug: 'forv', name: 'Förvaltningen', type: 'forvaltning', parent: 'stad' })).body.code).toBe('must_change_password');
      const [{ n }] = await query<{ n: number }>(s, "select count(*)::int as n from audit_log where action = 'user.password_reset'");
      expect(Number(n)).toBe(2);
    } finally {
      await s.close();
    }
  }, 180_000);

  it('a deactivated account stays deactivated, with a warning, unless --activate is given', async () => {
    const s = await up();
    try {
      await query(s, `update users set active = false where email = '${ADMIN}'`);
    } finally {
      await s.close();
    }
    const warned = await tillit(['user', 'reset-password', ADMIN], { TILLIT_NEW_PASSWORD: CHOSEN });
    expect(warned.code, warned.err).toBe(0);
    expect(warned.err).toBe(
      'Obs: kontot är inaktiverat och kan inte logga in förrän det aktiveras igen (i appen, eller med --activate här). / ' +
        'Note: the account is deactivated and cannot sign in until it is activated again (in the app, or with --activate here).',
    );
    let t = await up();
    try {
      expect((await new Client(t.url).login(ADMIN, CHOSEN)).status).toBe(401);
    } finally {
      await t.close();
    }
    const activated = await tillit(['user', 'reset-password', ADMIN, '--activate'], { TILLIT_NEW_PASSWORD: CHOSEN });
    expect(activated.code, activated.err).toBe(0);
    expect(activated.err).toBe('');
    expect(activated.out).toContain('Kontot är aktivt. / The account is active.');
    t = await up();
    try {
      expect((await new Client(t.url).login(ADMIN, CHOSEN)).status).toBe(200);
      const audit = await query<{ before: Record<string, unknown>; after: Record<string, unknown> }>(
        t, "select before, after from audit_log where action = 'user.password_reset' order by seq desc limit 1",
      );
      expect(audit[0].before).toMatchObject({ active: false });
      expect(audit[0].after).toMatchObject({ active: true });
    } finally {
      await t.close();
    }
  }, 180_000);
});
