/**
 * Test harness: a real database (in-memory PGlite, or a fresh PostgreSQL database per call when
 * TILLIT_TEST_DB=pg) and the real app on a real HTTP port. Nothing is mocked.
 */
import { createHash, randomBytes } from 'node:crypto';
import { cpSync, mkdtempSync, readdirSync, readFileSync, rmSync, statSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { AddressInfo } from 'node:net';
import { serve } from '@hono/node-server';
import pg from 'pg';
import { PGlite } from '@electric-sql/pglite';
import pino from 'pino';
import { sql } from 'drizzle-orm';
import { loadConfig, type Config } from '../server/platform/config';
import { MIGRATIONS_DIR, openDatabase, type Database } from '../server/platform/db';
import { systemCtx, type Ctx } from '../server/platform/context';
import { createApp, type TillitApp } from '../server/app';
import { createUser, assignRole } from '../domains/users/service';
import { createOrg } from '../domains/org/service';
import type { Role } from '../server/platform/permissions';
import type { OrgType } from '../domains/org/contract';
import { keepConnectionsAlive } from '../server/platform/keepalive';

export const TEST_DB = (process.env.TILLIT_TEST_DB ?? 'pglite') as 'pglite' | 'pg';
/**
 * Whether this run is the one for tests whose outcome the database does not change (the authorization gate; bodies
 * built from the OpenAPI schema, whose SQLSTATEs PGlite shares with PostgreSQL): the PostgreSQL run, or the PGlite run
 * when no PostgreSQL run follows it. scripts/test.mjs says that one follows (TILLIT_TEST_PG_FOLLOWS=1), so npm test
 * runs such a file once, and a PGlite-only run (`npx vitest run`, or no PostgreSQL) still runs it.
 */
export const DATABASE_NEUTRAL_RUN = TEST_DB === 'pg' || process.env.TILLIT_TEST_PG_FOLLOWS !== '1';
export const TEST_PG_URL = process.env.TILLIT_TEST_PG_URL ?? 'postgres://postgres@127.0.0.1:5432/postgres';
export const TEST_PASSWORD = 'Korrekt-Häst-Batteri-Häftstift';

/** A fresh, migrated database of the kind under test. */
export async function testDatabase(): Promise<Database & { url?: string }> {
  return testDatabaseOf(TEST_DB);
}

/**
 * For a data migration's test: an empty database of the kind under test with the migrations before `tag` applied, so
 * rows can be written as they were before it. `migrate(n)` applies `tag` and the n − 1 after it; `run` executes raw SQL;
 * `close` closes the database (and drops it on PostgreSQL).
 */
export async function databaseBefore(tag: string): Promise<{ run(text: string): Promise<Record<string, unknown>[]>; migrate(count?: number): Promise<void>; close(): Promise<void> }> {
  const journal = JSON.parse(readFileSync(join(MIGRATIONS_DIR, 'meta', '_journal.json'), 'utf8')) as { entries: { tag: string }[] };
  const tags = journal.entries.map((e) => e.tag);
  const at = tags.indexOf(tag);
  if (at <= 0) throw new Error(`databaseBefore: ${tag} is not a migration after the first`);
  const statements = (t: string) => readFileSync(join(MIGRATIONS_DIR, `${t}.sql`), 'utf8').split('--> statement-breakpoint').map((x) => x.trim()).filter(Boolean);
  const empty = TEST_DB === 'pg' ? await emptyPgDatabase() : null;
  const database = empty ? await openDatabase({ databaseUrl: empty.url, poolSize: 1 }) : await openDatabase({ memory: true });
  const run = async (text: string) => rows<Record<string, unknown>>(await database.db.execute(sql.raw(text)));
  const apply = async (list: string[]) => {
    for (const t of list) for (const statement of statements(t)) await run(statement);
  };
  try {
    await apply(tags.slice(0, at));
  } catch (err) {
    await database.close();
    await empty?.drop();
    throw err;
  }
  return {
    run,
    migrate: (count = 1) => apply(tags.slice(at, at + count)),
    async close() {
      await database.close();
      await empty?.drop();
    },
  };
}

/** A fresh, empty PostgreSQL database (not migrated); dropped by the returned drop(). */
export const emptyPgDatabase = () => newPgDatabase(false);

/** A fresh, migrated PostgreSQL database (a copy of the template); dropped by the returned drop(). */
export const migratedPgDatabase = () => newPgDatabase(true);

async function newPgDatabase(migrated: boolean): Promise<{ url: string; drop(): Promise<void> }> {
  const name = `tillit_test_${randomBytes(6).toString('hex')}`;
  await adminQuery(`create database ${name}${migrated ? ` template ${await pgTemplate()}` : ''}`);
  return { url: pgUrlOf(name), drop: () => adminQuery(`drop database if exists ${name} with (force)`) };
}

const pgUrlOf = (name: string) => TEST_PG_URL.replace(/\/[^/]*$/, `/${name}`);

async function adminQuery(text: string): Promise<void> {
  const admin = new pg.Client({ connectionString: TEST_PG_URL });
  await admin.connect();
  try {
    await admin.query(text);
  } finally {
    await admin.end();
  }
}

/**
 * The migrated template the PostgreSQL test databases are copied from: creating a database and running every migration
 * took 1–2 s on a 2-core machine, a copy of a migrated one about a third of that. Named by a hash of the migrations, so
 * a changed migration makes a new one; made once by whichever test worker comes first (under an advisory lock), then
 * renamed into place, so no worker copies a half-migrated template. Templates of other migrations are dropped.
 */
let templateName: Promise<string> | undefined;
function pgTemplate(): Promise<string> {
  return (templateName ??= (async () => {
    const hash = createHash('sha256');
    for (const f of readdirSync(MIGRATIONS_DIR, { recursive: true }).map(String).sort()) {
      const file = join(MIGRATIONS_DIR, f);
      if (statSync(file).isFile()) hash.update(f).update(readFileSync(file));
    }
    const name = `tillit_template_${hash.digest('hex').slice(0, 16)}`;
    const admin = new pg.Client({ connectionString: TEST_PG_URL });
    await admin.connect();
    try {
      await admin.query('select pg_advisory_lock(7461736)');
      const { rows: have } = await admin.query<{ datname: string }>(`select datname from pg_database where datname like 'tillit_template_%'`);
      // Another checkout's run may be copying one: it is left alone (no force), and dropped by a later run.
      for (const { datname } of have) if (datname !== name) await admin.query(`drop database if exists ${datname}`).catch(() => {});
      if (!have.some((d) => d.datname === name)) {
        const building = `${name}_wip`;
        await admin.query(`drop database if exists ${building} with (force)`);
        await admin.query(`create database ${building}`);
        const db = await openDatabase({ databaseUrl: pgUrlOf(building), poolSize: 1 });
        try {
          await db.migrate();
        } finally {
          await db.close();
        }
        await admin.query(`alter database ${building} rename to ${name}`);
      }
    } finally {
      await admin.query('select pg_advisory_unlock(7461736)').catch(() => {});
      await admin.end();
    }
    return name;
  })());
}

async function testDatabaseOf(kind: 'pglite' | 'pg'): Promise<Database & { url?: string }> {
  return kind === 'pg' ? keptPgDatabase() : keptPgliteDatabase();
}

/*
 * A test database is used once and then kept by its worker for the next test, emptied: opening a PGlite copy of the
 * migrated image took 0.7–1.5 s on a busy 2-core machine and a PostgreSQL copy of the template with its drop about
 * 0.6 s, 99 of each in a Vitest run; emptying takes 0.1–0.25 s (a subset of the domain tests: 69–77 s → 63–66 s). A
 * kept database is as a new one: its tables emptied and sequences restarted (emptied), and on PGlite, whose one session
 * every test shares, the session's settings, prepared statements, advisory locks and temporary tables discarded. One
 * whose schema a test changed (its fingerprint differs from the migrated one's) is closed instead.
 */
/** The application's tables that hold or held a row (a page on disk), and its sequences. */
const USED_TABLES_SQL = `select string_agg(format('%I.%I', schemaname, tablename), ', ') as list from pg_tables
  where schemaname = 'public' and pg_relation_size(format('%I.%I', schemaname, tablename)::regclass) > 0`;
const SEQUENCES_SQL = "select format('%I.%I', schemaname, sequencename) as name from pg_sequences where schemaname = 'public'";
const FINGERPRINT_SQL = `select md5(string_agg(x, ',' order by x)) as fp from (
  select 'rel:' || n.nspname || '.' || c.relname || ':' || c.relkind::text || ':' || c.relnatts as x from pg_class c join pg_namespace n on n.oid = c.relnamespace where n.nspname in ('public', 'drizzle')
  union all select 'col:' || c.relname || '.' || a.attname || ':' || a.atttypid::text || ':' || a.attnotnull || ':' || coalesce(pg_get_expr(d.adbin, d.adrelid), '') from pg_attribute a join pg_class c on c.oid = a.attrelid left join pg_attrdef d on d.adrelid = a.attrelid and d.adnum = a.attnum where c.relnamespace = 'public'::regnamespace and a.attnum > 0 and not a.attisdropped
  union all select 'con:' || conname || ':' || contype::text || ':' || convalidated from pg_constraint where connamespace = 'public'::regnamespace
  union all select 'trg:' || t.tgname || ':' || t.tgenabled::text from pg_trigger t join pg_class c on c.oid = t.tgrelid where c.relnamespace = 'public'::regnamespace
  union all select 'fn:' || p.proname || ':' || md5(p.prosrc) from pg_proc p where p.pronamespace = 'public'::regnamespace
  union all select 'pol:' || polname from pg_policy
  union all select 'ns:' || nspname from pg_namespace
  union all select 'ext:' || extname || ':' || extversion from pg_extension
  union all select 'mig:' || count(*) || ':' || coalesce(max(id), 0) from drizzle.__drizzle_migrations
) s`;

/** What a migrated, empty database holds: its schema's fingerprint and its sequences (read once per worker). */
interface Migrated { fingerprint: string; sequences: string[] }
type Query = (text: string) => Promise<Record<string, unknown>[]>;
async function migratedShape(query: Query): Promise<Migrated> {
  const [f] = await query(FINGERPRINT_SQL);
  return { fingerprint: String(f.fp), sequences: (await query(SEQUENCES_SQL)).map((r) => String(r.name)) };
}

/**
 * Empties a used test database as a new one is: the tables that were written to truncated (an untouched table has no
 * page on disk), every sequence restarted, the planner's statistics of the tables gone. False when it cannot be kept:
 * its schema changed, or emptying failed. Triggers stay off meanwhile (session_replication_role), so audit_log's
 * refusal of TRUNCATE does not fire and no auth-change notice is sent.
 */
async function emptied(query: Query, migrated: Migrated): Promise<boolean> {
  try {
    const [f] = await query(FINGERPRINT_SQL);
    if (f.fp !== migrated.fingerprint) return false;
    const [used] = await query(USED_TABLES_SQL);
    await query('set session_replication_role = replica');
    if (used.list) await query(`truncate table ${String(used.list)} cascade`);
    for (const seq of migrated.sequences) await query(`alter sequence ${seq} restart`);
    await query("delete from pg_statistic where starelid in (select oid from pg_class where relnamespace = 'public'::regnamespace)");
    await query("delete from pg_statistic_ext_data where stxoid in (select oid from pg_statistic_ext where stxnamespace = 'public'::regnamespace)");
    await query('reset session_replication_role');
    return true;
  } catch {
    return false;
  }
}

const keptPglite: PGlite[] = [];
let pgliteShape: Promise<Migrated> | undefined;

async function keptPgliteDatabase(): Promise<Database> {
  const client = keptPglite.pop() ?? (await PGlite.create({ loadDataDir: await migratedPgliteImage() }));
  const pgliteQuery: Query = async (text) => (await client.query<Record<string, unknown>>(text)).rows;
  // Read from the first database before any test has used it.
  const shape = await (pgliteShape ??= migratedShape(pgliteQuery));
  // Work a test left running after it closed its database (a request still answering) fails as on a closed one,
  // instead of writing into the next test's.
  let closed = false;
  const guarded = new Proxy(client, {
    get(target, prop) {
      const value: unknown = Reflect.get(target, prop, target);
      if (typeof value !== 'function') return value;
      return (...args: unknown[]) => {
        if (closed) return Promise.reject(new Error('PGlite is closed (the test closed its database)'));
        return (value as (...a: unknown[]) => unknown).apply(target, args);
      };
    },
  });
  const db = await openDatabase({ pgliteClient: guarded });
  await db.migrate(); // a no-op on the image: every migration is recorded in it
  const close = db.close.bind(db);
  return Object.assign(db, {
    async close() {
      if (closed) return;
      await close();
      closed = true;
      // Whatever the test left open on the one session: a transaction, settings, locks, prepared statements.
      const clean = await client.query('rollback').then(() => client.query('discard all')).then(() => true, () => false);
      if (clean && (await emptied(pgliteQuery, shape))) keptPglite.push(client);
      else await client.close();
    },
  });
}

/** A PostgreSQL test database kept between tests, with a connection held to it (so no other run's clean-up drops it). */
interface KeptPg { name: string; url: string; conn: pg.Client }
const keptPg: KeptPg[] = [];
let pgShape: Promise<Migrated> | undefined;

async function keptPgDatabase(): Promise<Database & { url: string }> {
  let kept = keptPg.pop();
  if (!kept) {
    const name = `tillit_test_${testRunId()}_${randomBytes(4).toString('hex')}`;
    await adminQuery(`create database ${name} template ${await pgTemplate()}`);
    const conn = new pg.Client({ connectionString: pgUrlOf(name) });
    await conn.connect();
    kept = { name, url: pgUrlOf(name), conn };
  }
  const { name, url, conn } = kept;
  const pgQuery: Query = async (text) => (await conn.query(text)).rows;
  const shape = await (pgShape ??= migratedShape(pgQuery));
  const db = await openDatabase({ databaseUrl: url, poolSize: 4 });
  await db.migrate(); // a no-op on the template's copy: every migration is recorded in it
  const close = db.close.bind(db);
  let closed = false;
  return Object.assign(db, {
    url,
    async close() {
      if (closed) return;
      closed = true;
      await close();
      // Sessions a test opened itself (a \`tillit\` process, a second pool) hold no lock over the emptying.
      await conn.query('select pg_terminate_backend(pid) from pg_stat_activity where datname = $1 and pid <> pg_backend_pid()', [name]).catch(() => {});
      if (await emptied(pgQuery, shape)) keptPg.push({ name, url, conn });
      else {
        await conn.end().catch(() => {});
        await adminQuery(`drop database if exists ${name} with (force)`);
      }
    },
  });
}

/**
 * The run's id in the names of its PostgreSQL test databases: global-setup.ts sets it before the workers start
 * and drops that run's databases when it ends (each worker keeps one or two to the end).
 */
function testRunId(): string {
  return (process.env.TILLIT_TEST_RUN ??= randomBytes(3).toString('hex'));
}

/**
 * A new in-memory PGlite runs initdb and all migrations (~2.5 s on a slow machine); a copy of one migrated image opens
 * in a third of that. One image per test worker, made on first use.
 */
function migratedPgliteImage(): Promise<Blob> {
  return (pgliteImage ??= (async () => {
    const first = await openDatabase({ memory: true });
    await first.migrate();
    const image = await first.image!();
    await first.close();
    return image;
  })());
}
let pgliteImage: Promise<Blob> | undefined;

/**
 * A fresh PGlite data directory (in a new temp folder) holding a migrated, empty database, for tests that run `tillit`
 * as a process: a copy of one this worker made with initdb and every migration (5–8 s on a 2-core machine; the copy
 * takes a fraction of a second). The first start of an empty directory is tested on its own (src/cli/cli.test.ts).
 */
export async function migratedDataDir(prefix = 'tillit-cli-'): Promise<string> {
  dataDirTemplate ??= (async () => {
    const dir = mkdtempSync(join(tmpdir(), 'tillit-template-'));
    process.once('exit', () => rmSync(dir, { recursive: true, force: true }));
    // Written from the worker's migrated image (no initdb, no migrations), then closed as a server leaves it.
    const db = await openDatabase({ dataDir: dir, pgliteImage: await migratedPgliteImage() });
    try {
      await db.migrate(); // a no-op: every migration is recorded in the image
    } finally {
      await db.close();
    }
    return dir;
  })();
  const template = await dataDirTemplate;
  const dir = mkdtempSync(join(tmpdir(), prefix));
  cpSync(template, dir, { recursive: true });
  return dir;
}
let dataDirTemplate: Promise<string> | undefined;

export interface TestServer {
  database: Database;
  config: Config;
  app: TillitApp;
  url: string;
  /** A system context (acts as global systemadministratör) for arranging data through the services. */
  ctx: Ctx;
  close(): Promise<void>;
}

export async function startTestServer(overrides: Partial<Config> = {}): Promise<TestServer> {
  const database = await testDatabase();
  // Every test client signs in from 127.0.0.1: the per-IP limit is lifted unless a test sets it.
  // On PostgreSQL the config names it, as a deployment's does, so the code takes its PostgreSQL paths (import
  // batches in flight, a second connection) rather than PGlite's.
  const config: Config = {
    ...loadConfig({ NODE_ENV: 'test' }), logLevel: 'silent', loginIpLimitPerMinute: 100_000,
    ...(database.kind === 'pg' ? { databaseUrl: database.url } : {}), ...overrides,
  };
  const log = pino({ level: 'silent' });
  const app = await createApp({ database, config, log });
  const server = serve({ fetch: app.app.fetch, port: 0, hostname: '127.0.0.1' });
  keepConnectionsAlive(server);
  await new Promise<void>((r) => server.once('listening', () => r()));
  const { port } = server.address() as AddressInfo;
  return {
    database,
    config,
    app,
    url: `http://127.0.0.1:${port}`,
    ctx: systemCtx({ db: database.db, config, log }, 'test'),
    async close() {
      await new Promise<void>((r) => server.close(() => r()));
      await database.close();
    },
  };
}

export interface Reply<T = any> {
  status: number;
  body: T;
  headers: Headers;
}

/** A browser-like HTTP client: keeps the session cookie and sends the CSRF token on mutations. */
export class Client {
  cookie?: string;
  csrf?: string;
  constructor(public readonly base: string) {}

  async request<T = any>(method: string, path: string, body?: unknown, headers: Record<string, string> = {}): Promise<Reply<T>> {
    const h: Record<string, string> = { ...headers };
    if (this.cookie) h.cookie = this.cookie;
    if (this.csrf && method !== 'GET' && !('x-csrf-token' in h)) h['x-csrf-token'] = this.csrf;
    let payload: BodyInit | undefined;
    if (typeof body === 'string') payload = body;
    else if (body !== undefined) {
      payload = JSON.stringify(body);
      h['content-type'] ??= 'application/json';
    }
    const res = await fetch(this.base + path, { method, headers: h, body: payload, redirect: 'manual' });
    const set = res.headers.get('set-cookie');
    if (set) {
      const m = /((?:__Host-)?tillit_session)=([^;]*)/.exec(set);
      if (m) this.cookie = m[2] ? `${m[1]}=${m[2]}` : undefined;
    }
    const text = await res.text();
    let parsed: unknown = text;
    try {
      parsed = text ? JSON.parse(text) : undefined;
    } catch {
      /* not JSON */
    }
    return { status: res.status, body: parsed as T, headers: res.headers };
  }
  get<T = any>(path: string) {
    return this.request<T>('GET', path);
  }
  post<T = any>(path: string, body?: unknown) {
    return this.request<T>('POST', path, body ?? {});
  }
  put<T = any>(path: string, body: unknown) {
    return this.request<T>('PUT', path, body);
  }
  patch<T = any>(path: string, body: unknown) {
    return this.request<T>('PATCH', path, body);
  }
  delete<T = any>(path: string) {
    return this.request<T>('DELETE', path);
  }
  async login(email: string, password = TEST_PASSWORD): Promise<Reply> {
    const r = await this.post('/api/auth/login', { email, password });
    if (r.status === 200) this.csrf = r.body.csrfToken;
    return r;
  }
}

/** Creates an org chain through the services; returns slug → id. */
export async function makeOrgs(ctx: Ctx, specs: [slug: string, type: OrgType, parent?: string][]) {
  const ids: Record<string, string> = {};
  for (const [slug, type, parent] of specs) ids[slug] = (await createOrg(ctx, { slug, name: slug.toUpperCase(), type, parent })).id;
  return ids;
}

/**
 * The demo's organisations with the units its registers (objects, the registerförteckning, suppliers) place records on:
 * Hässelby-Vällingby's and Servicenämnden's avdelningar and enheter, for the registers' demo tests.
 */
export const DEMO_UNIT_ORGS: [slug: string, type: OrgType, parent?: string][] = [
  ['stockholm', 'stad'],
  ['hasselby-vallingby', 'forvaltning', 'stockholm'], ['hv-aldre', 'avdelning', 'hasselby-vallingby'], ['hv-hemtjanst', 'enhet', 'hv-aldre'],
  ['hv-ifo', 'avdelning', 'hasselby-vallingby'], ['hv-socialtjanst-barn', 'enhet', 'hv-ifo'], ['hv-administration', 'avdelning', 'hasselby-vallingby'],
  ['hv-it', 'enhet', 'hv-administration'],
  ['servicenamnden', 'forvaltning', 'stockholm'], ['sf-kontaktcenter', 'avdelning', 'servicenamnden'], ['sf-upphandling', 'avdelning', 'servicenamnden'],
  ['sf-ekonomi', 'avdelning', 'servicenamnden'], ['sf-bestallarenheten', 'enhet', 'sf-upphandling'],
];

/** The org tree of the incident tests: stad › forv › avd-a › enh-a, and annan-forv beside forv. */
export const INCIDENT_ORGS: [slug: string, type: OrgType, parent?: string][] = [
  ['stad', 'stad'],
  ['forv', 'forvaltning', 'stad'],
  ['avd-a', 'avdelning', 'forv'],
  ['enh-a', 'enhet', 'avd-a'],
  ['annan-forv', 'forvaltning', 'stad'],
];

/** Creates a user holding `role` on `org` (global when org is omitted) and returns a signed-in client. */
export async function userWithRole(t: TestServer, email: string, role: Role, org?: string): Promise<Client> {
  return (await userWithRoles(t, email, [{ role, org }])).client;
}

export interface Grant {
  role: Role;
  org?: string;
  group?: string;
}

/** Creates a user holding every grant (an empty list: no role at all) and signs them in. */
export async function userWithRoles(t: TestServer, email: string, grants: Grant[]): Promise<{ client: Client; userId: string; assignmentIds: string[] }> {
  const { user } = await createUser(t.ctx, { email, name: email, password: TEST_PASSWORD, locale: 'sv' });
  const assignmentIds: string[] = [];
  for (const g of grants) {
    const u = await assignRole(t.ctx, user.id, g);
    assignmentIds.push(u.roles[u.roles.length - 1].id);
  }
  const client = new Client(t.url);
  const r = await client.login(email);
  if (r.status !== 200) throw new Error(`login failed for ${email}: ${r.status} ${JSON.stringify(r.body)}`);
  return { client, userId: user.id, assignmentIds };
}

/**
 * Asks again until a request answers `status` or `ms` pass, and returns the last status. For what another process
 * changes: a running node's session cache forgets on PostgreSQL's notification, which arrives after the commit.
 */
export async function untilStatus(request: () => Promise<{ status: number }>, status: number, ms = 3000): Promise<number> {
  const until = Date.now() + ms;
  let last = (await request()).status;
  while (last !== status && Date.now() < until) {
    await new Promise((r) => setTimeout(r, 20));
    last = (await request()).status;
  }
  return last;
}

/** Rows of a query, whichever driver (PGlite or node-postgres) answered it. */
export function rows<T = Record<string, unknown>>(result: unknown): T[] {
  return ((result as { rows?: T[] }).rows ?? (result as T[])) as T[];
}

/** Runs raw SQL (as a DBA would) and returns the rows. */
export async function rawSql<T = Record<string, unknown>>(t: Pick<TestServer, 'database'>, text: string): Promise<T[]> {
  return rows<T>(await t.database.db.execute(sql.raw(text)));
}

/** How many audit entries of one action there are (every mutation is audited: tests count them). */
export async function auditCount(t: Pick<TestServer, 'database'>, action: string): Promise<number> {
  const [r] = rows<{ n: number }>(await t.database.db.execute(sql`select count(*)::int as n from audit_log where action = ${action}`));
  return Number(r.n);
}

/** Row counts of every public table: proves "nothing was written". */
export async function tableCounts(t: Pick<TestServer, 'database'>): Promise<Record<string, number>> {
  const tables = await rawSql<{ tablename: string }>(t, "select tablename from pg_tables where schemaname = 'public' order by tablename");
  const out: Record<string, number> = {};
  for (const { tablename } of tables) {
    const [r] = await rawSql<{ n: number }>(t, `select count(*)::int as n from "${tablename}"`);
    out[tablename] = Number(r.n);
  }
  return out;
}

/** Is a PostgreSQL server answering at TILLIT_TEST_PG_URL? (Cross-database tests run only then.) */
export async function postgresAvailable(): Promise<boolean> {
  const c = new pg.Client({ connectionString: TEST_PG_URL, connectionTimeoutMillis: 2000 });
  try {
    await c.connect();
    await c.query('select 1');
    return true;
  } catch {
    return false;
  } finally {
    await c.end().catch(() => {});
  }
}

/** A fresh, migrated database of the other kind than `kind` would be: used for cross-database restore. */
export async function freshDatabase(kind: 'pglite' | 'pg'): Promise<Database & { url?: string }> {
  return testDatabaseOf(kind);
}

/** Uploads an import file as the raw body (as the browser's import does); the JSON answer, or the text when it is none. */
export async function uploadFile(c: Client, path: string, body: string | Buffer, type = 'text/csv'): Promise<{ status: number; body: any }> {
  const res = await fetch(`${c.base}${path}`, {
    method: 'POST',
    headers: { cookie: c.cookie ?? '', 'x-csrf-token': c.csrf ?? '', 'content-type': type },
    body: typeof body === 'string' ? body : new Uint8Array(body),
  });
  const text = await res.text();
  try {
    return { status: res.status, body: JSON.parse(text) };
  } catch {
    return { status: res.status, body: text };
  }
}

/** A CSV as Swedish Excel writes it: semicolons, CRLF, quoted where needed. */
export const semicolonCsv = (rows: string[][]) => rows.map((r) => r.map((c) => (/[;"\n]/.test(c) ? `"${c.replace(/"/g, '""')}"` : c)).join(';')).join('\r\n') + '\r\n';
