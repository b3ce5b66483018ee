import { indexPendingSearch } from '../../domains/incidents/search-index';
import { chmodSync, existsSync, mkdirSync, mkdtempSync, readdirSync, readFileSync, rmSync, statSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { gzipSync } from 'node:zlib';
import { sql } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { Client, DATABASE_NEUTRAL_RUN, TEST_DB, freshDatabase, makeOrgs, postgresAvailable, rows, startTestServer, untilStatus, userWithRoles, type TestServer } from '../../test/harness';
import { backup, restore, RestoreError, tablesInDependencyOrder } from './backup';
import { AppError } from './errors';
import { enableSessionCache } from '../../domains/users/resolve';
import { verifyChain } from '../../domains/audit/chain';
import { createGroup } from '../../domains/org/groups';
import type { Database, Db } from './db';
import { systemCtx } from './context';
import { createOrg } from '../../domains/org/service';
import { runDemo } from '../../cli/demo';

let t: TestServer;
let dir: string;

/** Every table's rows as JSON text, in a stable order, timestamps in UTC: the ground truth to compare. */
async function snapshot(db: Db): Promise<Record<string, string[]>> {
  // The search index is left out of a backup and rebuilt from the restored incidents: once both sides have indexed
  // what is pending, it must be the same (and nothing pending).
  await indexPendingSearch(db);
  return db.transaction(async (tx) => {
    await tx.execute(sql`set local time zone 'UTC'`);
    const out: Record<string, string[]> = {};
    for (const table of await tablesInDependencyOrder(tx as unknown as Db)) {
      const r = rows<{ j: string }>(await tx.execute(sql.raw(`select row_to_json(x)::text as j from "${table}" x`)));
      out[table] = r.map((x) => x.j).sort();
    }
    return out;
  });
}

/**
 * What a restore gives back of a snapshot: everything, except that nobody is signed in and no sign-in attempts or
 * lockouts remain (a restore ends every session).
 */
function restored(snap: Record<string, string[]>): Record<string, string[]> {
  const users = snap.users.map((j) => JSON.stringify({ ...(JSON.parse(j) as object), failed_logins: 0, locked_until: null })).sort();
  return { ...snap, sessions: [], login_attempts: [], users };
}

beforeAll(async () => {
  dir = mkdtempSync(join(tmpdir(), 'tillit-backup-'));
  t = await startTestServer();
  // Data in every foundation table: orgs, a group, users with roles, sessions, a token, login attempts, audit rows.
  await makeOrgs(t.ctx, [['stad', 'stad'], ['forv', 'forvaltning', 'stad'], ['avd', 'avdelning', 'forv']]);
  await createGroup(t.ctx, { slug: 'grupp', name: 'Grupp med "citat" och åäö', description: 'Rad 1\nRad 2', members: ['forv'] });
  const admin = (await userWithRoles(t, 'admin@test.se', [{ role: 'systemadministrator' }])).client;
  await userWithRoles(t, 'chef@test.se', [{ role: 'chef', org: 'avd' }]);
  await admin.post('/api/me/tokens', { name: 'Token', scopes: ['org.read'] });
  await new Client(t.url).post('/api/auth/login', { email: 'admin@test.se', password: 'fel-lösenord-1' });
  await admin.patch('/api/orgs/avd', { version: 1, name: 'Avdelning – omdöpt' });
  // Every domain's demo data, so that every domain's tables (bytea, generated columns, arrays, jsonb…) take part.
  await runDemo(t.ctx);
}, 180_000);
afterAll(async () => {
  await t?.close();
  rmSync(dir, { recursive: true, force: true });
});

describe('backup → restore', () => {
  it('restores identical data into an empty database of the same kind, and the audit chain still verifies', async () => {
    const before = await snapshot(t.database.db);
    expect(Object.values(before).filter((r) => r.length > 0).length).toBeGreaterThanOrEqual(8);
    const file = join(dir, 'same.tillit.gz');
    const header = await backup(t.database.db, file);
    expect(header.tables.find((x) => x.name === 'orgs')?.rows).toBe(before.orgs.length);

    const target = await freshDatabase(TEST_DB);
    try {
      await restore(target.db, file);
      expect(before.sessions.length).toBeGreaterThan(0);
      expect(before.login_attempts.length).toBeGreaterThan(0);
      expect(restored(await snapshot(target.db))).toEqual(restored(before));
      expect((await snapshot(target.db)).sessions).toEqual([]);
      expect((await verifyChain(target.db)).ok).toBe(true);
      // Serial columns continue after the restored rows: a new audit row links on to the chain.
      const ctx = systemCtx({ db: target.db, config: t.config, log: t.ctx.log }, 'test');
      await createOrg(ctx, { slug: 'efter', name: 'Efter', type: 'avdelning', parent: 'forv' });
      const v = await verifyChain(target.db);
      expect(v.ok).toBe(true);
      expect(v.checked).toBe(before.audit_log.length + 1);
    } finally {
      await target.close();
    }
  }, 180_000);

  // Once (DATABASE_NEUTRAL_RUN): the encryption wraps the same lines on either database.
  it.skipIf(!DATABASE_NEUTRAL_RUN)('an encrypted backup holds no readable text, restores identical data with its passphrase, and nothing without it or with a wrong one', async () => {
    const before = await snapshot(t.database.db);
    const file = join(dir, 'krypterad.tillit');
    const pass = 'säkerhetskopians lösenfras 2026';
    await backup(t.database.db, file, { passphrase: pass });
    const bytes = readFileSync(file);
    // Neither gzip nor any stored text: an org's name in the demo is not in the file, nor in what gunzip would see.
    expect(bytes.subarray(0, 2).equals(Buffer.from([0x1f, 0x8b]))).toBe(false);
    expect(bytes.includes(Buffer.from('Hässelby'))).toBe(false);
    const target = await freshDatabase(TEST_DB);
    try {
      const orgs = async () => Number(rows<{ n: number }>(await target.db.execute(sql`select count(*)::int as n from orgs`))[0].n);
      const none = await restore(target.db, file).catch((e: unknown) => e);
      expect(none).toBeInstanceOf(RestoreError);
      expect((none as RestoreError).sv).toBe(`Säkerhetskopian ${file} är krypterad: ange dess lösenfras (TILLIT_BACKUP_PASSPHRASE eller --passphrase-file).`);
      const wrong = await restore(target.db, file, { passphrase: 'inte rätt lösenfras alls' }).catch((e: unknown) => e);
      expect((wrong as RestoreError).en).toBe(`Wrong passphrase for the backup ${file}. Nothing was restored.`);
      // A byte changed far into the file: the rows before it were inserted in the restore's transaction, and are gone.
      const altered = join(dir, 'ändrad.tillit');
      const changed = Buffer.from(bytes);
      changed[changed.length - 40] ^= 0x40;
      writeFileSync(altered, changed);
      const bad = await restore(target.db, altered, { passphrase: pass }).catch((e: unknown) => e);
      expect((bad as RestoreError).sv).toMatch(new RegExp(`^Säkerhetskopian ${altered} är (skadad eller ändrad \\(del \\d+ stämmer inte\\)|ofullständig: den slutar för tidigt)\\. Inget återställdes\\.$`));
      const cut = join(dir, 'avkortad.tillit');
      writeFileSync(cut, bytes.subarray(0, bytes.length - 100));
      expect(await restore(target.db, cut, { passphrase: pass }).catch((e: unknown) => e)).toBeInstanceOf(RestoreError);
      expect(await orgs()).toBe(0);
      await restore(target.db, file, { passphrase: pass });
      expect(restored(await snapshot(target.db))).toEqual(restored(before));
      expect((await verifyChain(target.db)).ok).toBe(true);
    } finally {
      await target.close();
    }
  }, 180_000);

  // Once, in the PGlite run: it goes both ways (pglite → pg and pg → pglite).
  it.skipIf(TEST_DB === 'pg')('is portable: pglite → pg → pglite gives the same rows', async (ctx) => {
    if (!(await postgresAvailable())) ctx.skip();
    const before = await snapshot(t.database.db);
    const there: Database = await freshDatabase('pg');
    const back: Database = await freshDatabase(TEST_DB);
    try {
      const f1 = join(dir, 'there.tillit.gz');
      await backup(t.database.db, f1);
      await restore(there.db, f1);
      expect(restored(await snapshot(there.db))).toEqual(restored(before));
      expect((await verifyChain(there.db)).ok).toBe(true);
      const f2 = join(dir, 'back.tillit.gz');
      await backup(there.db, f2);
      await restore(back.db, f2);
      expect(restored(await snapshot(back.db))).toEqual(restored(before));
    } finally {
      await there.close();
      await back.close();
    }
  }, 180_000);

  it('refuses a database that already holds data unless forced, and then replaces everything', async () => {
    const file = join(dir, 'force.tillit.gz');
    await backup(t.database.db, file);
    const target = await freshDatabase(TEST_DB);
    try {
      const ctx = systemCtx({ db: target.db, config: t.config, log: t.ctx.log }, 'test');
      await makeOrgs(ctx, [['annan-stad', 'stad']]);
      const err = await restore(target.db, file).catch((e: unknown) => e);
      expect(err).toBeInstanceOf(RestoreError);
      expect((err as RestoreError).sv).toMatch(/innehåller redan data.*--force/);
      expect((err as RestoreError).en).toMatch(/already holds data.*--force/);
      expect(rows<{ slug: string }>(await target.db.execute(sql`select slug from orgs`)).map((r) => r.slug)).toEqual(['annan-stad']);
      await restore(target.db, file, { force: true });
      expect(restored(await snapshot(target.db))).toEqual(restored(await snapshot(t.database.db)));
      expect((await verifyChain(target.db)).ok).toBe(true);
    } finally {
      await target.close();
    }
  }, 180_000);

  it('incident numbers go on per year after a restore, after the restored ones, also over existing counters', async () => {
    const file = join(dir, 'numbers.tillit.gz');
    await backup(t.database.db, file);
    const target = await freshDatabase(TEST_DB);
    try {
      const ctx = systemCtx({ db: target.db, config: t.config, log: t.ctx.log }, 'test');
      // A counter for 2025 exists before the restore (an incident made and then replaced by --force).
      await makeOrgs(ctx, [['x-stad', 'stad']]);
      await target.db.execute(sql`insert into incidents (org_id, register_org_id, title, reported_at) select id, id, 'x', '2025-06-01T10:00:00Z' from orgs`);
      await restore(target.db, file, { force: true });
      const max = rows<{ n: number }>(await target.db.execute(sql`select max(number_seq)::int as n from incidents where number_year = 2025`))[0].n;
      expect(max).toBeGreaterThan(50);
      const [org] = rows<{ id: string }>(await target.db.execute(sql`select id from orgs where slug = 'hasselby-vallingby'`));
      const made = rows<{ y: number; n: number }>(await target.db.execute(sql`insert into incidents (org_id, register_org_id, title, reported_at)
        values (${org.id}, ${org.id}, 'Efter återställning', '2025-06-02T10:00:00Z') returning number_year as y, number_seq as n`));
      expect(made[0]).toEqual({ y: 2025, n: max + 1 });
    } finally {
      await target.close();
    }
  }, 180_000);

  it('gives a clear error for a file that is not a backup, and writes nothing', async () => {
    const target = await freshDatabase(TEST_DB);
    try {
      const files: [string, Buffer | string][] = [
        ['text.txt', 'det här är ingen säkerhetskopia'],
        ['empty.gz', ''],
        ['json.gz', gzipSync('{"format":"annat","version":1}\n')],
        ['lines.gz', gzipSync('inte json\n')],
        ['future.gz', gzipSync(JSON.stringify({ format: 'tillit-backup', version: 1, migrations: 9999, tables: [], createdAt: '' }) + '\n')],
      ];
      for (const [name, content] of files) {
        const f = join(dir, name);
        writeFileSync(f, content);
        const err = await restore(target.db, f).catch((e: unknown) => e);
        expect(err, name).toBeInstanceOf(RestoreError);
        expect((err as RestoreError).sv, name).toMatch(/säkerhetskopia|nyare Tillit/);
      }
      const counts = rows<{ n: number }>(await target.db.execute(sql`select count(*)::int as n from orgs`));
      expect(Number(counts[0].n)).toBe(0);
    } finally {
      await target.close();
    }
  }, 180_000);

  it('a backup cut off in the middle restores nothing', async () => {
    const file = join(dir, 'whole.tillit.gz');
    await backup(t.database.db, file);
    const { gunzipSync } = await import('node:zlib');
    const { readFileSync } = await import('node:fs');
    const text = gunzipSync(readFileSync(file)).toString('utf8');
    const lines = text.split('\n');
    const midLine = join(dir, 'cut.tillit.gz');
    writeFileSync(midLine, gzipSync(text.slice(0, Math.floor(text.length * 0.7))));
    const atLineEnd = join(dir, 'cut-lines.tillit.gz');
    writeFileSync(atLineEnd, gzipSync(lines.slice(0, lines.length - 3).join('\n') + '\n'));
    const target = await freshDatabase(TEST_DB);
    try {
      for (const f of [midLine, atLineEnd]) {
        const err = await restore(target.db, f).catch((e: unknown) => e);
        expect(err, f).toBeInstanceOf(RestoreError);
        expect((err as RestoreError).sv).toMatch(/skadad|ofullständig/);
        const n = rows<{ n: number }>(await target.db.execute(sql`select count(*)::int as n from orgs`));
        expect(Number(n[0].n)).toBe(0);
      }
    } finally {
      await target.close();
    }
  }, 180_000);

  it('a failed backup leaves an earlier backup of that name as it was, and no temporary file', async () => {
    const folder = join(dir, 'keep');
    mkdirSync(folder);
    const file = join(folder, 'nightly.tillit.gz');
    await backup(t.database.db, file);
    const good = readFileSync(file);
    // A database that is gone: the backup fails after its file was opened.
    const gone = await freshDatabase(TEST_DB);
    await gone.close();
    await expect(backup(gone.db, file)).rejects.toThrow();
    expect(readFileSync(file).equals(good)).toBe(true);
    expect(readdirSync(folder)).toEqual(['nightly.tillit.gz']);
    // A backup that succeeds replaces it whole, with the permissions it had.
    chmodSync(file, 0o600);
    await backup(t.database.db, file);
    expect(readdirSync(folder)).toEqual(['nightly.tillit.gz']);
    expect(statSync(file).mode & 0o777).toBe(0o600);
    const target = await freshDatabase(TEST_DB);
    try {
      await restore(target.db, file);
    } finally {
      await target.close();
    }
  }, 180_000);

  it('names the file and the reason when a backup cannot be written or a restore cannot read; nothing changes', async () => {
    const folder = join(dir, 'en-katalog');
    mkdirSync(folder);
    const refused = async (p: Promise<unknown>, file: string, sv: string, en: string) => {
      const err = await p.catch((e: unknown) => e);
      expect(err, file).toBeInstanceOf(AppError);
      expect((err as AppError).msg).toEqual({ sv: `filen ${file} kunde inte användas: ${sv}.`, en: `the file ${file} could not be used: ${en}.` });
    };
    await refused(backup(t.database.db, folder), folder, 'det är en katalog', 'it is a directory');
    const missing = join(dir, 'saknas', 'b.tillit.gz');
    await refused(backup(t.database.db, missing), missing, 'katalogen eller filen finns inte', 'no such file or directory');
    // A device is written directly; a full one fails while the data streams out.
    if (existsSync('/dev/full')) await refused(backup(t.database.db, '/dev/full'), '/dev/full', 'disken är full', 'no space left on the device');
    expect(readdirSync(folder)).toEqual([]);

    const target = await freshDatabase(TEST_DB);
    try {
      await refused(restore(target.db, folder), folder, 'det är en katalog', 'it is a directory');
      // Reading /proc/self/mem at its start is an I/O error on Linux: a file that opens but cannot be read.
      if (existsSync('/proc/self/mem')) await refused(restore(target.db, '/proc/self/mem'), '/proc/self/mem', 'läs- eller skrivfel på enheten', 'an input/output error on the device');
      const counts = rows<{ n: number }>(await target.db.execute(sql`select count(*)::int as n from orgs`));
      expect(Number(counts[0].n)).toBe(0);
    } finally {
      await target.close();
    }
  }, 180_000);

  it('a restore ends every session, also one signed out after the backup, and running nodes forget them at once; API tokens stay', async () => {
    const s = await startTestServer();
    const stopCache = await enableSessionCache(s.database, 60);
    try {
      const leaving = (await userWithRoles(s, 'gar@test.se', [{ role: 'systemadministrator' }])).client;
      const staying = (await userWithRoles(s, 'stannar@test.se', [{ role: 'systemadministrator' }])).client;
      const token = (await staying.post('/api/me/tokens', { name: 'Integration', scopes: ['org.read'] })).body.token as string;
      const file = join(dir, 'sessions.tillit.gz');
      await backup(s.database.db, file);
      // Signed out after the backup: that session is revoked, and the backup still holds it as it was.
      const signedOut = Object.assign(new Client(s.url), { cookie: leaving.cookie, csrf: leaving.csrf });
      expect((await leaving.post('/api/auth/logout')).status).toBe(204);
      expect((await signedOut.get('/api/me')).status).toBe(401);
      expect((await staying.get('/api/me')).status).toBe(200); // now in the session cache (60 s)

      const result = await restore(s.database.db, file, { force: true });
      expect(result.sessionsEnded).toBe(2);
      expect(result.apiTokens.total).toBe(1);
      expect(result.apiTokens.valid).toMatchObject([{ owner: 'stannar@test.se', name: 'Integration' }]);
      expect((await signedOut.get('/api/me')).status).toBe(401);
      // The notification at commit empties the cache: the cached session ends without waiting for its 60 s.
      expect(await untilStatus(() => staying.get('/api/me'), 401)).toBe(401);
      const left = rows<{ s: number; a: number }>(await s.database.db.execute(sql`select (select count(*) from sessions)::int as s, (select count(*) from login_attempts)::int as a`));
      expect(left).toEqual([{ s: 0, a: 0 }]);
      // Signing in works again; API tokens were kept.
      expect((await staying.login('stannar@test.se')).status).toBe(200);
      expect((await fetch(`${s.url}/api/me`, { headers: { authorization: `Bearer ${token}` } })).status).toBe(200);
    } finally {
      await stopCache();
      await s.close();
    }
  }, 180_000);
});
