import { createHash } from 'node:crypto';
import { existsSync, mkdirSync } from 'node:fs';
import { join } from 'node:path';
import type { PGlite } from '@electric-sql/pglite';
import { sql, type SQL } from 'drizzle-orm';
import type { PgDatabase } from 'drizzle-orm/pg-core';
import { useFastSqlText } from './sql-text';
import { PROJECT_ROOT } from './paths';
import { DatabaseUnavailableError, dataDirProblem, lockDataDir } from './db-lock';

export { DatabaseUnavailableError, DataDirInUseError, LOCK_REFRESH_MS, LOCK_STALE_MS } from './db-lock';
// Each process needs one driver: PGlite or pg, and each is imported only when used (faster start).

// eslint-disable-next-line @typescript-eslint/no-explicit-any
export type Db = PgDatabase<any, any>;

export interface Database {
  db: Db;
  kind: 'pglite' | 'pg';
  /** Human-readable location, without credentials. */
  where: string;
  close(): Promise<void>;
  migrate(): Promise<void>;
  ping(): Promise<void>;
  /**
   * Runs fn only if no other process holds advisory lock `key`, else resolves { ran: false } at once. On
   * PostgreSQL the lock is session-level on a dedicated pooled connection, held while fn runs (fn uses `db` as
   * usual) and dropped by the server if this process dies. PGlite is single-process: fn always runs.
   */
  tryExclusive<T>(key: number, fn: () => Promise<T>): Promise<{ ran: true; value: T } | { ran: false }>;
  /**
   * Listens for notifications on `channel` (pg_notify, delivered after the sender's commit, from any process on
   * this database). `onEvent('ready')` once listening, 'notify' on each notification, 'lost' when the listening
   * connection is gone: notifications may then have been missed until the next 'ready' (PostgreSQL reconnects
   * by itself every second). Resolves to a function that stops listening.
   */
  listen(channel: string, onEvent: (event: ListenEvent) => void): Promise<() => Promise<void>>;
  /** PGlite only: the whole database as one image (PGlite's dumpDataDir), to open copies with `pgliteImage`. */
  image?(): Promise<Blob>;
}

export type ListenEvent = 'ready' | 'notify' | 'lost';

/** A LISTEN statement for a channel name made of letters, digits and underscores only. */
function listenSql(channel: string): string {
  if (!/^[a-z_][a-z0-9_]*$/.test(channel)) throw new Error(`invalid channel name ${channel}`);
  return `listen ${channel}`;
}

export const MIGRATIONS_DIR = join(PROJECT_ROOT, 'migrations');

export interface OpenOptions {
  dataDir?: string;
  databaseUrl?: string;
  /** In-memory PGlite (tests). */
  memory?: boolean;
  poolSize?: number;
  /**
   * PGlite's buffer cache inside its wasm memory (PostgreSQL's default 128 MB when unset). A one-shot command
   * gains nothing from a large cache: a 100,000-row import on 16 MB peaked at 372 MB RSS instead of 475 MB and
   * ran no slower.
   */
  pgliteSharedBuffers?: string;
  /**
   * PGlite started from an image (Database.image) instead of an empty cluster: no initdb (tests). In memory, or into a
   * new data directory (PGlite refuses to load one over an existing database).
   */
  pgliteImage?: Blob;
  /**
   * An in-memory PGlite already running, to open as a Database: close() then leaves it running for its owner (the test
   * harness keeps one per worker and resets it between tests instead of starting one per test).
   */
  pgliteClient?: PGlite;
}

export async function openDatabase(opts: OpenOptions): Promise<Database> {
  if (opts.databaseUrl) return openPostgres(opts.databaseUrl, opts.poolSize ?? 10);
  return openPglite(opts.memory || opts.pgliteClient ? undefined : opts.dataDir, opts.pgliteSharedBuffers, opts.pgliteImage, opts.pgliteClient);
}

async function openPglite(dataDir: string | undefined, sharedBuffers?: string, image?: Blob, given?: PGlite): Promise<Database> {
  let release = () => {};
  if (dataDir) {
    try {
      mkdirSync(dataDir, { recursive: true });
    } catch (err) {
      throw dataDirProblem(dataDir, err);
    }
    release = lockDataDir(dataDir);
  }
  const [{ PGlite }, { drizzle: drizzlePglite }, { migrate: migratePglite }] = await Promise.all([
    import('@electric-sql/pglite'),
    import('drizzle-orm/pglite'),
    import('drizzle-orm/pglite/migrator'),
  ]);
  let client: PGlite;
  if (given) client = given;
  else try {
    const defaults = (PGlite as unknown as { defaultStartParams?: string[] }).defaultStartParams;
    const startParams = sharedBuffers && defaults ? [...defaults, '-c', `shared_buffers=${sharedBuffers}`] : undefined;
    const load = image ? { loadDataDir: image } : {};
    client = dataDir ? await PGlite.create({ dataDir: join(dataDir, 'pglite'), ...load, ...(startParams ? { startParams } : {}) }) : await PGlite.create(load);
  } catch (err) {
    release();
    throw err;
  }
  const db = drizzlePglite({ client }) as unknown as Db;
  useFastSqlText(db);
  let closed = false;
  const running = new Set<number>();
  return {
    db,
    kind: 'pglite',
    where: dataDir ? `PGlite ${dataDir}` : 'PGlite (minne/memory)',
    async close() {
      if (closed) return;
      closed = true;
      try {
        if (!given) await client.close();
      } finally {
        release();
      }
    },
    async migrate() {
      await migratePglite(drizzlePglite({ client }), { migrationsFolder: MIGRATIONS_DIR });
    },
    async ping() {
      await client.query('select 1');
    },
    async image() {
      return client.dumpDataDir('none');
    },
    // One process holds a PGlite directory: "exclusive" is within this process, one run per key at a time.
    async tryExclusive(key, fn) {
      if (running.has(key)) return { ran: false };
      running.add(key);
      try {
        return { ran: true, value: await fn() };
      } finally {
        running.delete(key);
      }
    },
    async listen(channel, onEvent) {
      listenSql(channel);
      // One process holds a PGlite directory, so every change comes through this instance.
      const unlisten = await client.listen(channel, () => onEvent('notify'));
      onEvent('ready');
      return async () => {
        if (!client.closed) await unlisten();
      };
    },
  };
}

async function openPostgres(url: string, max: number): Promise<Database> {
  const [{ default: pg }, { drizzle: drizzlePg }, { migrate: migratePg }] = await Promise.all([
    import('pg'),
    import('drizzle-orm/node-postgres'),
    import('drizzle-orm/node-postgres/migrator'),
  ]);
  // No JIT compilation: Tillit's queries are short, and on the yearly figures (10,000–200,000 incidents, with
  // correlated history look-ups that inflate the planner's cost) PostgreSQL 15 spent a second compiling a query
  // that runs in 0.14 s (incident statistics of one förvaltning: 606 → 137 ms).
  await probePostgres(pg, url);
  const pool = new pg.Pool({ connectionString: url, max, application_name: 'tillit', options: '-c jit=off' });
  pool.on('error', () => {
    /* idle client errors are reported on next use */
  });
  const db = drizzlePg({ client: pool }) as unknown as Db;
  useFastSqlText(db);
  let closed = false;
  const safeUrl = url.replace(/\/\/[^@/]*@/, '//***@');
  return {
    db,
    kind: 'pg',
    where: `PostgreSQL ${safeUrl}`,
    async close() {
      if (closed) return;
      closed = true;
      await pool.end();
    },
    async migrate() {
      // One migrator at a time across all app nodes and CLI processes.
      const conn = await pool.connect();
      try {
        await conn.query('select pg_advisory_lock(727170001)');
        try {
          await migratePg(drizzlePg({ client: conn }), { migrationsFolder: MIGRATIONS_DIR });
        } finally {
          await conn.query('select pg_advisory_unlock(727170001)');
        }
      } finally {
        conn.release();
      }
    },
    async ping() {
      await db.execute(sql`select 1`);
    },
    async tryExclusive(key, fn) {
      const conn = await pool.connect();
      let discard: Error | undefined; // a connection in doubt (it may still hold the lock) is closed, not pooled
      try {
        const got = await conn.query<{ ok: boolean }>('select pg_try_advisory_lock($1::bigint) as ok', [key]).catch((err: Error) => {
          discard = err;
          throw err;
        });
        if (!got.rows[0]?.ok) return { ran: false };
        try {
          return { ran: true, value: await fn() };
        } finally {
          await conn.query('select pg_advisory_unlock($1::bigint)', [key]).catch((err: Error) => {
            discard = err;
          });
        }
      } finally {
        conn.release(discard);
      }
    },
    async listen(channel, onEvent) {
      const statement = listenSql(channel);
      let stopped = false;
      let current: InstanceType<typeof pg.Client> | undefined;
      let retry: NodeJS.Timeout | undefined;
      const again = () => {
        if (!stopped) (retry = setTimeout(() => void connect(), 1000)).unref();
      };
      // Its own connection, outside the pool: LISTEN belongs to a session.
      const connect = async () => {
        const c = new pg.Client({ connectionString: url, application_name: 'tillit-listen' });
        const lost = () => {
          if (current !== c) return;
          current = undefined;
          onEvent('lost');
          c.end().catch(() => {});
          again();
        };
        c.on('notification', (m) => {
          if (m.channel === channel) onEvent('notify');
        });
        c.on('error', lost);
        c.on('end', lost);
        try {
          await c.connect();
          await c.query(statement);
          if (stopped) throw new Error('stopped');
          current = c;
          onEvent('ready');
        } catch {
          c.end().catch(() => {});
          again();
        }
      };
      await connect();
      return async () => {
        stopped = true;
        clearTimeout(retry);
        const c = current;
        current = undefined;
        await c?.end().catch(() => {});
      };
    },
  };
}

/** Seconds to wait for a PostgreSQL server to answer the first connection before saying it does not. */
const CONNECT_TIMEOUT_MS = 15_000;

/**
 * Connects once before anything else, so that a wrong DATABASE_URL is named clearly (where, which database, why;
 * never the password) instead of failing somewhere in the first query. The pool's own connections wait as long
 * as they need to: only this first one has a time limit.
 */
async function probePostgres(pg: typeof import('pg').default, url: string): Promise<void> {
  const client = new pg.Client({ connectionString: url, connectionTimeoutMillis: CONNECT_TIMEOUT_MS, application_name: 'tillit' });
  client.on('error', () => {
    /* reported by connect() */
  });
  try {
    await client.connect();
  } catch (err) {
    throw postgresUnavailable(err, { host: client.host, port: client.port, database: client.database, user: client.user });
  } finally {
    await client.end().catch(() => {});
  }
}

function postgresUnavailable(err: unknown, p: { host?: string; port?: number; database?: string; user?: string }): DatabaseUnavailableError {
  const e = err as { code?: string; message?: string };
  const message = String(e?.message ?? err);
  const [sv, en] = ((): [string, string] => {
    switch (e?.code) {
      case '3D000':
        return [`databasen "${p.database}" finns inte på servern (skapa den med createdb)`, `the database "${p.database}" does not exist on the server (create it with createdb)`];
      case 'ECONNREFUSED':
        return ['anslutningen nekades: ingen PostgreSQL-server lyssnar där', 'connection refused: no PostgreSQL server listens there'];
      case '28P01':
      case '28000':
        return [`inloggningen som "${p.user}" nekades (${message})`, `authentication as "${p.user}" failed (${message})`];
      case 'ENOTFOUND':
      case 'EAI_AGAIN':
        return [`värddatorn "${p.host}" är okänd`, `the host "${p.host}" is unknown`];
      case 'ETIMEDOUT':
      case 'EHOSTUNREACH':
      case 'ENETUNREACH':
        return ['servern går inte att nå', 'the server cannot be reached'];
      case '57P03':
        return ['servern startar eller stängs just nu', 'the server is starting up or shutting down'];
      default:
        return /timeout/i.test(message)
          ? [`servern svarade inte inom ${CONNECT_TIMEOUT_MS / 1000} s`, `the server did not answer within ${CONNECT_TIMEOUT_MS / 1000} s`]
          : [`oväntat fel: ${message}`, `unexpected error: ${message}`];
    }
  })();
  return new DatabaseUnavailableError(
    `Databasen kan inte nås (DATABASE_URL: värd ${p.host}:${p.port}, databas ${p.database}): ${sv}.`,
    `The database cannot be reached (DATABASE_URL: host ${p.host}:${p.port}, database ${p.database}): ${en}.`,
  );
}

export function migrationsPresent(): boolean {
  return existsSync(join(MIGRATIONS_DIR, 'meta', '_journal.json'));
}

/** The rows of a db.execute result, whichever driver answered (an object with rows, or the rows themselves). */
export function resultRows<T = Record<string, unknown>>(res: unknown): T[] {
  return (res as { rows?: T[] }).rows ?? (res as T[]);
}

interface DrizzleInternals {
  dialect: { sqlToQuery(query: SQL): { sql: string; params: unknown[] } };
  session: { prepareQuery(query: { sql: string; params: unknown[] }, fields: undefined, name: string | undefined, arrayMode: boolean): { execute(): Promise<unknown> } };
}

/**
 * Runs a hot read as a named prepared statement: PostgreSQL parses it once per connection and, after a few
 * runs, may keep one generic plan (the incident list: 4.0 → 2.9 ms a page at 1,000,000 incidents). The name
 * comes from the text, so each distinct text is its own statement; use it only for queries whose text takes
 * a bounded number of shapes (values go in parameters). Same rows as db.execute.
 */
export async function executePrepared(db: Db, query: SQL): Promise<Record<string, unknown>[]> {
  const d = db as unknown as DrizzleInternals;
  const q = d.dialect.sqlToQuery(query);
  const name = `tillit_${createHash('sha1').update(q.sql).digest('hex').slice(0, 32)}`;
  const res = await d.session.prepareQuery(q, undefined, name, false).execute();
  return resultRows(res);
}
