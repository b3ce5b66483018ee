/**
 * The `tillit` command against a real PGlite data directory: as a real process (bin/tillit.mjs) for its start, the lock,
 * settings, signals and exit codes; the commands themselves in this process (cli()), each process costing a second.
 */
import { spawn, type ChildProcess } from 'node:child_process';
import { existsSync, mkdirSync, mkdtempSync, readdirSync, rmSync, statSync, utimesSync, writeFileSync } from 'node:fs';
import { connect, createServer } from 'node:net';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { TEST_DB, TEST_PG_URL, postgresAvailable, rows } from '../test/harness';
import { runCli } from '../test/cli-process';
import { loadConfig } from '../server/platform/config';
import { openDatabase } from '../server/platform/db';
import { sql } from 'drizzle-orm';

const BIN = resolve('bin/tillit.mjs');
let dir: string;
let dbEnv: Record<string, string>;

interface Run {
  code: number;
  out: string;
  err: string;
}

function tillit(args: string[], env: Record<string, string> = {}): Promise<Run> {
  return new Promise((res, rej) => {
    const child = spawn(process.execPath, [BIN, ...args], {
      env: { ...process.env, NODE_ENV: 'production', LOG_LEVEL: 'warn', TILLIT_ADMIN_EMAIL: '', TILLIT_ADMIN_PASSWORD: '', ...dbEnv, ...env },
      stdio: ['ignore', 'pipe', 'pipe'],
    });
    let out = '';
    let err = '';
    child.stdout.on('data', (d) => (out += d));
    child.stderr.on('data', (d) => (err += d));
    child.on('error', rej);
    child.on('exit', (code) => res({ code: code ?? 1, out, err }));
  });
}

const freePort = () =>
  new Promise<number>((res) => {
    const s = createServer().listen(0, '127.0.0.1', () => {
      const { port } = s.address() as { port: number };
      s.close(() => res(port));
    });
  });

/** Starts `tillit serve` and resolves once /api/health answers; collects its output. */
async function serve(env: Record<string, string> = {}) {
  const port = await freePort();
  const child: ChildProcess = spawn(process.execPath, [BIN, 'serve', '--port', String(port)], {
    env: { ...process.env, NODE_ENV: 'production', LOG_LEVEL: 'info', TILLIT_ADMIN_EMAIL: '', TILLIT_ADMIN_PASSWORD: '', HOST: '127.0.0.1', ...dbEnv, ...env },
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  let output = '';
  child.stdout!.on('data', (d) => (output += d));
  child.stderr!.on('data', (d) => (output += d));
  const url = `http://127.0.0.1:${port}`;
  const deadline = Date.now() + 150_000;
  for (;;) {
    if (child.exitCode !== null) throw new Error(`serve exited ${child.exitCode}: ${output}`);
    try {
      if ((await fetch(`${url}/api/health`)).ok) break;
    } catch {
      /* not yet */
    }
    if (Date.now() > deadline) {
      // Never leave a server holding the directory behind: the next test would meet the lock instead.
      child.kill('SIGKILL');
      await new Promise((r) => (child.exitCode !== null ? r(null) : child.once('exit', r)));
      rmSync(join(dbEnv.TILLIT_DATA_DIR, 'tillit.lock'), { force: true });
      throw new Error(`serve did not start within 150 s: ${output}`);
    }
    await new Promise((r) => setTimeout(r, 100));
  }
  return {
    url,
    output: () => output,
    /** SIGTERM; resolves the exit code. */
    async stop(): Promise<number | null> {
      child.kill('SIGTERM');
      await new Promise((r) => (child.exitCode !== null ? r(null) : child.once('exit', r)));
      return child.exitCode;
    },
  };
}

beforeAll(() => {
  dir = mkdtempSync(join(tmpdir(), 'tillit-cli-'));
  dbEnv = { TILLIT_DATA_DIR: join(dir, 'data') };
});
afterAll(() => {
  rmSync(dir, { recursive: true, force: true });
});

/**
 * A command in this process (runCli), on the same directory: the commands' own behaviour. What belongs to the process
 * (its start, the lock against a second process, settings from the environment, signals) is tested with tillit().
 */
const cli = (args: string[], env: Record<string, string> = {}) =>
  runCli(args, { ...loadConfig({ NODE_ENV: 'test', ...env }), logLevel: 'silent', dataDir: dbEnv.TILLIT_DATA_DIR });

// Each process costs seconds of CPU (Node, the TypeScript loader, PGlite): the CLI runs once, on PGlite.
// The same services are tested on both databases through the API.
describe.skipIf(TEST_DB !== 'pglite')('tillit CLI', () => {
  let generated = '';
  it('first `serve` logs a generated one-time admin password; it works and must be changed', async () => {
    const s = await serve();
    try {
      const m = /engångslösenordet (\S+)/.exec(s.output());
      expect(m, s.output()).not.toBeNull();
      generated = m![1];
      const login = await fetch(`${s.url}/api/auth/login`, {
        method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify({ email: 'admin@tillit.local', password: generated }),
      });
      expect(login.status).toBe(200);
      const cookie = login.headers.get('set-cookie')!.split(';')[0];
      expect((await (await fetch(`${s.url}/api/me`, { headers: { cookie } })).json()).mustChangePassword).toBe(true);
    } finally {
      await s.stop();
    }
  }, 300_000);

  it('a second process on the directory held by `tillit serve` is refused clearly; the data stays intact', async () => {
    expect((await tillit(['org', 'add', 'stad', 'Staden', '--type', 'stad'])).code).toBe(0);
    const s = await serve();
    try {
      expect(s.output()).not.toMatch(/engångslösenord/); // the one-time password is printed at first start only
      const r = await tillit(['org', 'add', 'forv', 'Förvaltningen', '--type', 'forvaltning', '--parent', 'stad']);
      expect(r.code).toBe(3);
      expect(r.err).toMatch(/används redan av en annan Tillit-process/);
      expect(r.err).toMatch(/is in use by another Tillit process/);
      expect(r.err).toContain(`kan filen ${join(dbEnv.TILLIT_DATA_DIR, 'tillit.lock')} tas bort`);
      expect(r.err).toContain(`the file ${join(dbEnv.TILLIT_DATA_DIR, 'tillit.lock')} can be deleted`);
      // A second server is refused the same way: the message alone, no stack trace, exit 3.
      const second = await tillit(['serve', '--port', String(await freePort())], { HOST: '127.0.0.1' });
      expect(second.code).toBe(3);
      expect(second.err.split('\n').filter(Boolean)).toEqual(r.err.split('\n').filter(Boolean));
      expect(second.err).not.toMatch(/Error:|\n\s+at /);
      expect((await fetch(`${s.url}/api/health`)).status).toBe(200);
    } finally {
      await s.stop();
    }
    const after = await tillit(['org', 'list', '--json']);
    expect(after.code, after.err).toBe(0);
    expect(JSON.parse(after.out).map((o: { slug: string }) => o.slug)).toEqual(['stad']);
  }, 300_000);

  it('the bundle (dist/cli) offers exactly the commands of the sources, with every domain', async () => {
    const bundled = await tillit(['--help']);
    const source = await tillit(['--help'], { TILLIT_FROM_SOURCE: '1' });
    expect(bundled.code).toBe(0);
    expect(bundled.out).toBe(source.out);
    for (const cmd of ['tillit serve', 'tillit import incidents', 'tillit report management-review', 'tillit org add', 'tillit user reset-password EMAIL']) expect(bundled.out).toContain(cmd);
  });

  it('the bundle is rebuilt when a source changes, even to an older copy (as an unpacked release leaves it)', async () => {
    const bundle = resolve('dist/cli/tillit.mjs');
    const source = resolve('src/cli/registry.ts');
    expect((await tillit(['--help'])).code).toBe(0);
    const built = statSync(bundle).mtimeMs;
    const { atime, mtime } = statSync(source);
    const older = new Date(mtime.getTime() - 30 * 24 * 3600_000);
    try {
      utimesSync(source, older, older); // older than the bundle: a newest-time check would miss it
      const r = await tillit(['--help']);
      expect(r.code).toBe(0);
      expect(statSync(bundle).mtimeMs).toBeGreaterThan(built);
    } finally {
      utimesSync(source, atime, mtime);
    }
  });

  it('migrate on a migrated database changes nothing and says so', async () => {
    const r = await cli(['migrate']);
    expect(r.code, r.err).toBe(0);
    expect(r.out).toMatch(/uppdaterad.*up to date/);
  }, 180_000);

  it('org add / org list build a tree; bad input is refused in both languages', async () => {
    const add = await cli(['org', 'add', 'forv', 'Förvaltningen', '--type', 'forvaltning', '--parent', 'stad']);
    expect(add.code, add.err).toBe(0);
    expect(add.out).toMatch(/forv.*under stad/);
    expect((await cli(['org', 'add', 'avd', 'Avdelningen', '--type', 'avdelning', '--parent', 'forv'])).code).toBe(0);
    const list = await cli(['org', 'list']);
    expect(list.out.split('\n').filter(Boolean)).toEqual(['stad  Staden [stad]', '  forv  Förvaltningen [forvaltning]', '    avd  Avdelningen [avdelning]']);

    // The personuppgiftsansvarig nämnd and organisationsnummer can be given; a wrong check digit is refused at its field.
    const withController = await cli(['org', 'add', 'forv2', 'Förvaltning två', '--type', 'forvaltning', '--parent', 'stad', '--controller', 'Nämnd två', '--org-number', '212000-0142', '--json']);
    expect(withController.code, withController.err).toBe(0);
    expect(JSON.parse(withController.out)).toMatchObject({ slug: 'forv2', controllerName: 'Nämnd två', controllerOrgNumber: '212000-0142' });
    const badNumber = await cli(['org', 'add', 'forv3', 'Förvaltning tre', '--type', 'forvaltning', '--parent', 'stad', '--org-number', '212000-0143']);
    expect(badNumber.code).toBe(2);
    expect(badNumber.err).toMatch(/fält\/field: controllerOrgNumber/);
    expect((await cli(['org', 'list'])).out).not.toContain('forv3');

    const dup = await cli(['org', 'add', 'forv', 'Igen', '--type', 'forvaltning', '--parent', 'stad']);
    expect(dup.code).toBe(4);
    expect(dup.err).toMatch(/fel: .*används redan/);
    expect(dup.err).toMatch(/error: .*already used/);
    const badType = await cli(['org', 'add', 'x1', 'X', '--type', 'planet']);
    expect(badType.code).toBe(2);
    expect(badType.err).toMatch(/fält\/field: type/);
    const unknownFlag = await cli(['org', 'add', 'x3', 'X', '--typ', 'stad']);
    expect(unknownFlag.code).toBe(2);
    expect(unknownFlag.err).toMatch(/fel: okänt alternativ --typ\.\nAnvändning:/);
    expect(unknownFlag.err).toMatch(/error: unknown option --typ\.\nUsage:/);
    const noType = await cli(['org', 'add', 'ab', 'AB']);
    expect(noType.code).toBe(2);
    expect(noType.err).toMatch(/^fel: --type saknas\. Användning: tillit org add/m);
    expect(noType.err).toMatch(/^error: --type is missing\. Usage: tillit org add/m);
    const noValue = await cli(['org', 'add', 'x4', 'X', '--type']);
    expect(noValue.err).toMatch(/fel: --type saknar värde\./);
    const badSlug = await cli(['org', 'add', 'X!', 'X', '--type', 'stad']);
    expect(badSlug.err.split('\n').filter(Boolean)).toEqual([
      'fel: Ogiltiga uppgifter (argument) – slug: Fel format: gemener a–z, siffror och bindestreck. (fält/field: slug)',
      'error: Invalid input (argument) – slug: Wrong format: lowercase a–z, digits and hyphens.',
    ]);
  }, 300_000);

  it('a file that cannot be written is named with the reason in both languages, no stack trace', async () => {
    for (const args of [['backup', join(dir, 'saknas', 'b.gz')], ['report', 'management-review', '--org', 'stad', '--year', '2025', '--format', 'json', '--out', join(dir, 'saknas', 'r.json')]]) {
      const r = await cli(args);
      expect(r.code, args.join(' ')).toBe(2);
      expect(r.err).toContain(`fel: filen ${join(dir, 'saknas')}`);
      expect(r.err).toMatch(/kunde inte användas: katalogen eller filen finns inte\.\nerror: the file .* could not be used: no such file or directory\./);
      expect(r.err).not.toMatch(/ at /);
    }
    // Backup: a directory, a full device, a place nobody may write (sysfs, also for root); restore: a directory and
    // a file that opens but cannot be read. Each named with its reason; nothing half-written is left.
    const folder = join(dir, 'en-katalog');
    mkdirSync(folder);
    const cases: [string[], string, string, string][] = [
      [['backup', folder], folder, 'det är en katalog', 'it is a directory'],
      [['restore', folder], folder, 'det är en katalog', 'it is a directory'],
      ...(existsSync('/dev/full') ? [[['backup', '/dev/full'], '/dev/full', 'disken är full', 'no space left on the device'] as [string[], string, string, string]] : []),
      ...(existsSync('/sys/kernel') ? [[['backup', '/sys/tillit.gz'], '/sys/tillit.gz', 'behörighet saknas', 'permission denied'] as [string[], string, string, string]] : []),
      ...(existsSync('/proc/self/mem') ? [[['restore', '/proc/self/mem'], '/proc/self/mem', 'läs- eller skrivfel på enheten', 'an input/output error on the device'] as [string[], string, string, string]] : []),
    ];
    for (const [args, file, sv, en] of cases) {
      const r = await cli(args);
      expect(r.code, args.join(' ')).toBe(2);
      expect(r.err.split('\n').filter(Boolean), args.join(' ')).toEqual([`fel: filen ${file} kunde inte användas: ${sv}.`, `error: the file ${file} could not be used: ${en}.`]);
    }
    expect(readdirSync(folder)).toEqual([]);
  }, 180_000);

  it('user add with a role prints a one-time password; a weak password is refused', async () => {
    const r = await cli(['user', 'add', 'isam@kommun.se', 'Ingrid ISAM', '--role', 'isam', '--org', 'forv']);
    expect(r.code, r.err).toBe(0);
    expect(r.out).toMatch(/isam@kommun\.se \(isam @ forv\)/);
    expect(r.out).toMatch(/Engångslösenord \/ one-time password: \S{12,}/);
    const weak = await cli(['user', 'add', 'svag@kommun.se', 'Svag', '--password', 'kort']);
    expect(weak.code).not.toBe(0);
    expect(weak.err).toMatch(/minst 12 tecken/);
    expect(weak.err).toMatch(/at least 12 characters/);
  }, 180_000);

  it('demo loads the Stockholm organisations and is idempotent', async () => {
    const first = await cli(['demo']);
    expect(first.code, first.err).toBe(0);
    const demoOrgs = Number(/\((\d+) organisationer/.exec(first.out)?.[1]);
    expect(demoOrgs).toBeGreaterThan(5);
    const second = await cli(['demo']);
    expect(second.code, second.err).toBe(0);
    const orgs = JSON.parse((await cli(['org', 'list', '--json'])).out) as { slug: string }[];
    expect(orgs.map((o) => o.slug)).toEqual(expect.arrayContaining(['stockholm', 'hasselby-vallingby', 'bromma', 'jarva']));
    expect(orgs).toHaveLength(4 + demoOrgs); // stad, forv, forv2, avd from above plus the demo's, once
  }, 300_000);

  it('backup and restore: refused into a non-empty database without --force; garbage gives a clear error', async () => {
    const file = join(dir, 'backup.tillit.gz');
    const b = await cli(['backup', file]);
    expect(b.code, b.err).toBe(0);
    expect(b.out).toMatch(/Säkerhetskopia skriven \/ backup written/);
    // Not encrypted: said, with how to encrypt it.
    expect(b.err).toContain('Varning: säkerhetskopian är inte krypterad. Den innehåller alla skyddade uppgifter och lösenordshashar');
    expect(b.err).toContain('Warning: the backup is not encrypted.');
    // The backup is in the audit log (it holds every protected text): by the command line, with the file.
    const database = await openDatabase({ dataDir: dbEnv.TILLIT_DATA_DIR });
    try {
      const [entry] = rows<{ actor_label: string; after: { file: string; rows: number } }>(
        await database.db.execute(sql`select actor_label, after from audit_log where action = 'system.backup' order by seq desc limit 1`));
      expect(entry.after).toMatchObject({ file, rows: expect.any(Number) });
      expect(entry.actor_label).toMatch(/^cli:/);
    } finally {
      await database.close();
    }
    const refused = await cli(['restore', file]);
    expect(refused.code).not.toBe(0);
    expect(refused.err).toMatch(/fel: .*--force/);
    const garbage = join(dir, 'skräp.gz');
    writeFileSync(garbage, 'inte en säkerhetskopia');
    const g = await cli(['restore', garbage]);
    expect(g.code).not.toBe(0);
    expect(g.err).toMatch(/fel: .*ingen Tillit-säkerhetskopia/);
    expect(g.err).toMatch(/error: .*not a Tillit backup/);
    const forced = await cli(['restore', file, '--force']);
    expect(forced.code, forced.err).toBe(0);
    expect(forced.out).toMatch(/Alla inloggningar har avslutats \(\d+ sessioner i säkerhetskopian\): alla måste logga in igen\. \/ All sign-ins have ended \(\d+ sessions in the backup\): everyone must sign in again\./);
    expect(forced.out).toMatch(/API-token: \d+ återställda, \d+ giltiga\. En administratör bör granska dem.* \/ API tokens: \d+ restored, \d+ valid\. An administrator should review them/);
    const ok = await cli(['audit', 'verify']);
    expect(ok.code, ok.err).toBe(0);
    expect(ok.out).toMatch(/^OK: \d+ poster/);
  }, 300_000);

  it('an encrypted backup: the passphrase from TILLIT_BACKUP_PASSPHRASE or a file, never an argument; short or missing ones refused', async () => {
    const file = join(dir, 'krypterad.tillit');
    const passFile = join(dir, 'lösenfras.txt');
    writeFileSync(passFile, 'en lång lösenfras för kopian\n');
    const short = await cli(['backup', file], { TILLIT_BACKUP_PASSPHRASE: 'för kort' });
    expect(short.code).toBe(2);
    expect(short.err).toContain('fel: Lösenfrasen för säkerhetskopian är för kort: minst 12 tecken.');
    expect(existsSync(file)).toBe(false);
    const b = await cli(['backup', file, '--passphrase-file', passFile]);
    expect(b.code, b.err).toBe(0);
    expect(b.out).toMatch(/backup written: .* rader\/rows, krypterad\/encrypted\)$/m);
    expect(b.err).not.toContain('inte krypterad');
    const database = await openDatabase({ dataDir: dbEnv.TILLIT_DATA_DIR });
    try {
      const [entry] = rows<{ after: { encrypted: boolean } }>(await database.db.execute(sql`select after from audit_log where action = 'system.backup' order by seq desc limit 1`));
      expect(entry.after.encrypted).toBe(true);
    } finally {
      await database.close();
    }
    const none = await cli(['restore', file, '--force']);
    expect(none.code).toBe(2);
    expect(none.err).toContain(`fel: Säkerhetskopian ${file} är krypterad: ange dess lösenfras (TILLIT_BACKUP_PASSPHRASE eller --passphrase-file).`);
    const missing = await cli(['restore', file, '--force', '--passphrase-file', join(dir, 'finns-inte.txt')]);
    expect(missing.code).toBe(2);
    expect(missing.err).toContain(`fel: Lösenfrasens filen ${join(dir, 'finns-inte.txt')} kunde inte användas: katalogen eller filen finns inte.`);
    const wrong = await cli(['restore', file, '--force'], { TILLIT_BACKUP_PASSPHRASE: 'en annan lång lösenfras' });
    expect(wrong.code).toBe(2);
    expect(wrong.err).toContain(`error: Wrong passphrase for the backup ${file}. Nothing was restored.`);
    const right = await cli(['restore', file, '--force'], { TILLIT_BACKUP_PASSPHRASE: 'en lång lösenfras för kopian' });
    expect(right.code, right.err).toBe(0);
    expect(right.out).toContain(`Återställd från / restored from ${file}`);
  }, 300_000);

  it('audit verify names the first tampered row and exits non-zero', async () => {
    const database = await openDatabase({ dataDir: dbEnv.TILLIT_DATA_DIR });
    let target: number;
    try {
      const all = rows<{ seq: number }>(await database.db.execute(sql`select seq from audit_log order by seq`));
      target = Number(all[Math.floor(all.length / 2)].seq);
      await database.db.execute(sql`alter table audit_log disable trigger audit_log_append_only`);
      await database.db.execute(sql`update audit_log set actor_label = 'någon annan' where seq = ${target}`);
      await database.db.execute(sql`alter table audit_log enable trigger audit_log_append_only`);
    } finally {
      await database.close();
    }
    const broken = await cli(['audit', 'verify']);
    expect(broken.code).toBe(5);
    expect(broken.err).toContain(`första brutna post är nr ${target}`);
    expect(broken.err).toContain(`first broken row is seq ${target}`);
  }, 180_000);

  it('a setting with a bad value is refused in both languages, without a stack trace, exit 2', async () => {
    const r = await tillit(['org', 'list'], { TILLIT_REMINDER_INTERVAL_MINUTES: 'ofta' });
    expect(r.code).toBe(2);
    expect(r.err).toContain('fel: TILLIT_REMINDER_INTERVAL_MINUTES måste vara ett heltal ≥ 0, fick "ofta"');
    expect(r.err).toContain('error: TILLIT_REMINDER_INTERVAL_MINUTES must be a non-negative integer, got "ofta"');
    expect(r.err).not.toMatch(/\n\s+at /);
    // A setting that is only checked once the database is open (the administrator's password) is refused alike.
    const weak = await tillit(['serve', '--port', '0'], { TILLIT_ADMIN_EMAIL: 'ny.admin@kommun.se', TILLIT_ADMIN_PASSWORD: 'kort' });
    expect(weak.code).toBe(2);
    expect(weak.err).toMatch(/fel: TILLIT_ADMIN_PASSWORD: .*minst 12 tecken/);
    expect(weak.err).toMatch(/error: TILLIT_ADMIN_PASSWORD: .*at least 12/);
    expect(weak.err).not.toMatch(/\n\s+at /);
    // So is a port another program holds; the process ends at once instead of waiting on its database.
    const taken = createServer();
    await new Promise<void>((res) => taken.listen(0, '127.0.0.1', () => res()));
    try {
      const busy = await tillit(['serve', '--port', String((taken.address() as { port: number }).port)], { HOST: '127.0.0.1' });
      expect(busy.code).toBe(2);
      expect(busy.err).toMatch(/fel: Porten \d+ används redan/);
      expect(busy.err).toMatch(/error: Port \d+ is already in use/);
      expect(busy.err).not.toMatch(/\n\s+at /);
    } finally {
      await new Promise((res) => taken.close(res));
    }
  }, 120_000);

  it('a bad port, log level, data directory or database address is named in both languages, no stack trace', async () => {
    const plain = (r: Run) => expect(r.err, r.err).not.toMatch(/Error:|\n\s+at /);
    for (const port of ['abc', '99999', '-1']) {
      const r = await tillit(['serve', `--port=${port}`]);
      expect(r.code, port).toBe(2);
      expect(r.err).toContain(`fel: --port måste vara ett portnummer 0–65535, fick "${port}"`);
      expect(r.err).toContain(`error: --port must be a port number 0–65535, got "${port}"`);
      plain(r);
    }
    const envPort = await tillit(['org', 'list'], { PORT: '70000' });
    expect(envPort.code).toBe(2);
    expect(envPort.err).toContain('error: PORT must be a port number 0–65535, got "70000"');
    const level = await tillit(['serve'], { LOG_LEVEL: 'verbose' });
    expect(level.code).toBe(2);
    expect(level.err).toContain('fel: LOG_LEVEL måste vara en av fatal, error, warn, info, debug, trace, silent, fick "verbose"');
    expect(level.err).toContain('error: LOG_LEVEL must be one of fatal, error, warn, info, debug, trace, silent, got "verbose"');
    plain(level);
    const file = join(dir, 'en-fil');
    writeFileSync(file, 'ingen katalog');
    for (const cmd of [['org', 'list'], ['serve', '--port', '0']]) {
      const r = await tillit(cmd, { TILLIT_DATA_DIR: file });
      expect(r.code, cmd.join(' ')).toBe(2);
      expect(r.err).toContain(`fel: Datakatalogen ${file} (TILLIT_DATA_DIR) kan inte användas: det är en fil, ingen katalog.`);
      expect(r.err).toContain(`error: The data directory ${file} (TILLIT_DATA_DIR) cannot be used: it is a file, not a directory.`);
      plain(r);
    }
    const notUrl = await tillit(['org', 'list'], { DATABASE_URL: 'inte en adress' });
    expect(notUrl.code).toBe(2);
    expect(notUrl.err).toMatch(/fel: DATABASE_URL är ingen giltig PostgreSQL-adress.*\nerror: DATABASE_URL is not a valid PostgreSQL URL/);
    // Nobody listens on a free port: connection refused, named with host, port and database but not the password.
    const closed = await freePort();
    for (const cmd of [['org', 'list'], ['serve', '--port', '0']]) {
      const r = await tillit(cmd, { DATABASE_URL: `postgres://tillit:hemligt-lösen@127.0.0.1:${closed}/tillit` });
      expect(r.code, cmd.join(' ')).toBe(3);
      expect(r.err).toContain(`fel: Databasen kan inte nås (DATABASE_URL: värd 127.0.0.1:${closed}, databas tillit): anslutningen nekades`);
      expect(r.err).toContain(`error: The database cannot be reached (DATABASE_URL: host 127.0.0.1:${closed}, database tillit): connection refused`);
      expect(r.err).not.toContain('hemligt');
      plain(r);
    }
    if (await postgresAvailable()) {
      const missing = new URL(TEST_PG_URL);
      missing.pathname = '/tillit_finns_inte_' + process.pid;
      const r = await tillit(['migrate'], { DATABASE_URL: missing.href });
      expect(r.code).toBe(3);
      expect(r.err).toContain(`databasen "tillit_finns_inte_${process.pid}" finns inte på servern`);
      expect(r.err).toContain(`the database "tillit_finns_inte_${process.pid}" does not exist on the server`);
      plain(r);
    }
  }, 180_000);

  it('SIGTERM stops `serve` within TILLIT_SHUTDOWN_SECONDS although a client never finishes its request', async () => {
    const s = await serve({ TILLIT_SHUTDOWN_SECONDS: '2' });
    const socket = connect(Number(new URL(s.url).port), '127.0.0.1');
    socket.on('error', () => {});
    await new Promise((r) => socket.once('connect', r));
    socket.write('GET /api/health HTTP/1.1\r\nHost: localhost\r\n'); // the headers never end
    await new Promise((r) => setTimeout(r, 300));
    const started = Date.now();
    const code = await s.stop();
    const took = Date.now() - started;
    socket.destroy();
    expect(code).toBe(0);
    expect(took).toBeGreaterThanOrEqual(1500);
    expect(took).toBeLessThan(2000 + 5000);
    expect(s.output()).toMatch(/closing connections still open/);
    expect(existsSync(join(dbEnv.TILLIT_DATA_DIR, 'tillit.lock'))).toBe(false); // the database was closed
  }, 180_000);

  it('an unknown command lists the commands and exits 2', async () => {
    const r = await tillit(['org', 'radera']);
    expect(r.code).toBe(2);
    expect(r.err).toMatch(/okänt kommando/);
    expect(r.err).toMatch(/unknown command/);
    expect(r.err).toMatch(/tillit org add/);
  }, 120_000);
});
