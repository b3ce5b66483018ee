/**
 * Test harness: a real database (in-memory PGlite, or a fresh PostgreSQL database per call when
 * TILLIT_TEST_DB=pg) and the real app on a real HTTP port. Nothing is mocked.
 */
import { randomBytes } from 'node:crypto';
import type { AddressInfo } from 'node:net';
import { serve } from '@hono/node-server';
import pg from 'pg';
import pino from 'pino';
import { loadConfig, type Config } from '../server/platform/config';
import { openDatabase, type Database } from '../server/platform/db';
import { systemCtx, type Ctx } from '../server/platform/context';
import { createApp, type TillitApp } from '../server/app';
import { createUser, assignRole } from '../domains/users/service';
import { createOrg } from '../domains/org/service';
import type { Role } from '../server/platform/permissions';
import type { OrgType } from '../domains/org/contract';

export const TEST_DB = (process.env.TILLIT_TEST_DB ?? 'pglite') as 'pglite' | 'pg';
export const TEST_PG_URL = process.env.TILLIT_TEST_PG_URL ?? 'postgres://postgres@127.0.0.1:5432/postgres';
export const TEST_PASSWORD = 'Korrekt-Häst-Batteri-Häftstift';

/** A fresh, migrated database of the kind under test. */
export async function testDatabase(): Promise<Database & { url?: string }> {
  if (TEST_DB === 'pg') {
    const name = `tillit_test_${randomBytes(6).toString('hex')}`;
    const admin = new pg.Client({ connectionString: TEST_PG_URL });
    await admin.connect();
    await admin.query(`create database ${name}`);
    await admin.end();
    const url = TEST_PG_URL.replace(/\/[^/]*$/, `/${name}`);
    const db = await openDatabase({ databaseUrl: url, poolSize: 4 });
    await db.migrate();
    const close = db.close.bind(db);
    return Object.assign(db, {
      url,
      async close() {
        await close();
        const a = new pg.Client({ connectionString: TEST_PG_URL });
        await a.connect();
        await a.query(`drop database if exists ${name} with (force)`);
        await a.end();
      },
    });
  }
  const db = await openDatabase({ memory: true });
  await db.migrate();
  return db;
}

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
  const config: Config = { ...loadConfig({ NODE_ENV: 'test' }), logLevel: 'silent', ...overrides };
  const log = pino({ level: 'silent' });
  const app = await createApp({ database, config, log });
  const server = serve({ fetch: app.app.fetch, port: 0, hostname: '127.0.0.1' });
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

/** Creates a user holding `role` on `org` (global when org is omitted) and returns a signed-in client. */
export async function userWithRole(t: TestServer, email: string, role: Role, org?: string): Promise<Client> {
  const { user } = await createUser(t.ctx, { email, name: email, password: TEST_PASSWORD, locale: 'sv' });
  await assignRole(t.ctx, user.id, { role, org });
  const c = new Client(t.url);
  const r = await c.login(email);
  if (r.status !== 200) throw new Error(`login failed for ${email}: ${r.status} ${JSON.stringify(r.body)}`);
  return c;
}
