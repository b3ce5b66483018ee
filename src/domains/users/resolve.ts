/**
 * Who is calling: a session cookie or a bearer API token resolved into a principal and its grants, for the one
 * authorization gate (server/platform/session.ts). Sessions may be kept in memory by the session cache.
 */
import { createHash } from 'node:crypto';
import { eq, sql } from 'drizzle-orm';
import type { Config } from '../../server/platform/config';
import type { Principal } from '../../server/platform/context';
import type { Database, Db } from '../../server/platform/db';
import { Authz } from '../../server/platform/authz';
import { onAuthCommitted } from '../../server/platform/tx';
import { grantsSql, toGrants } from './grants';
import { SessionCache, startSessionCache } from './session-cache';
import { apiTokens, sessions, users } from './table';

export const sha256 = (s: string) => createHash('sha256').update(s).digest('hex');

export interface Resolved {
  principal: Principal;
  authz: Authz;
}

/**
 * The session, its person and their grants in one query. Every request asks it, so it is a named prepared
 * statement: built once per database, parsed and planned once per connection (planning was ~0.15 ms of its
 * 0.2 ms). Only the statement is kept, no data: each request reads the session, the person and the grants
 * afresh, so a revoked session or role ends at once, on every app node. (PostgreSQL refuses a prepared
 * statement whose result columns changed type; a migration that changes these columns' types needs the app
 * nodes restarted, as any such migration does.)
 */
function sessionQuery(db: Db) {
  return db
    .select({
      csrfToken: sessions.csrfToken, lastSeenAt: sessions.lastSeenAt, expiresAt: sessions.expiresAt, revokedAt: sessions.revokedAt, oidcIssuer: sessions.oidcIssuer,
      u: { id: users.id, email: users.email, name: users.name, locale: users.locale, active: users.active, mustChangePassword: users.mustChangePassword },
      grants: grantsSql(sessions.userId),
    })
    .from(sessions)
    .innerJoin(users, eq(users.id, sessions.userId))
    .where(eq(sessions.id, sql.placeholder('id')))
    .prepare('tillit_resolve_session');
}
const sessionQueries = new WeakMap<Db, ReturnType<typeof sessionQuery>>();

interface CachedSession {
  row: { csrfToken: string; lastSeenAt: Date; expiresAt: Date; revokedAt: Date | null; oidcIssuer: string | null; u: { id: string; email: string; name: string; locale: string; active: boolean; mustChangePassword: boolean } };
  authz: Authz;
}
const sessionCaches = new WeakMap<Db, SessionCache<CachedSession>>();

/**
 * Keeps resolved sessions of this database in memory for `seconds` (0: never), emptied on every change that
 * could alter one (see SessionCache). For the HTTP server; resolves to a function that turns it off again.
 */
export async function enableSessionCache(database: Database, seconds: number): Promise<() => Promise<void>> {
  if (seconds <= 0) return async () => {};
  const { cache, stop } = await startSessionCache<CachedSession>(database, seconds * 1000);
  sessionCaches.set(database.db, cache);
  onAuthCommitted(database.db, () => cache.onEvent('notify'));
  return async () => {
    sessionCaches.delete(database.db);
    onAuthCommitted(database.db, undefined);
    await stop();
  };
}

/**
 * Finds the live session for a cookie token; idle and absolute timeouts end it. One round trip: session, person
 * and grants, unless the session cache (enableSessionCache) holds it. A cached session that looks idle or
 * expired is read again: another node may have seen the person since.
 */
export async function resolveSession(db: Db, config: Config, sessionToken: string): Promise<Resolved | undefined> {
  const id = sha256(sessionToken);
  const now = Date.now();
  const cache = sessionCaches.get(db);
  const idleMs = config.sessionIdleMinutes * 60_000;
  const live = (r: CachedSession['row']) => !r.revokedAt && r.expiresAt.getTime() > now && r.lastSeenAt.getTime() + idleMs > now && r.u.active;
  let hit = cache?.get(id, now);
  if (hit && !live(hit.row)) hit = undefined;
  if (!hit) {
    const stamp = cache?.stamp ?? 0;
    let query = sessionQueries.get(db);
    if (!query) sessionQueries.set(db, (query = sessionQuery(db)));
    const [row] = await query.execute({ id });
    if (!row || !live(row)) {
      cache?.delete(id);
      return undefined;
    }
    hit = { row: { csrfToken: row.csrfToken, lastSeenAt: row.lastSeenAt, expiresAt: row.expiresAt, revokedAt: row.revokedAt, oidcIssuer: row.oidcIssuer, u: row.u }, authz: new Authz(toGrants(row.grants)) };
    cache?.set(id, hit, stamp, now);
  }
  const row = hit.row;
  if (now - row.lastSeenAt.getTime() > 30_000) {
    row.lastSeenAt = new Date(now);
    await db.update(sessions).set({ lastSeenAt: row.lastSeenAt }).where(eq(sessions.id, id));
  }
  return {
    principal: {
      userId: row.u.id, email: row.u.email, name: row.u.name, locale: row.u.locale, sessionId: id, csrfToken: row.csrfToken,
      // The one-time password an administrator set guards sessions started with it; one started through the
      // organisation's provider was not, and so is not held back by it.
      ...(row.u.mustChangePassword && !row.oidcIssuer ? { mustChangePassword: true } : {}),
      ...(row.oidcIssuer ? { oidcIssuer: row.oidcIssuer } : {}),
    },
    authz: hit.authz,
  };
}

/** API tokens: "tlt_<prefix>_<secret>", stored hashed, scoped to a set of permissions, expiring. */
export async function resolveApiToken(db: Db, bearer: string): Promise<Resolved | undefined> {
  if (!bearer.startsWith('tlt_')) return undefined;
  const [row] = await db
    .select({
      t: { id: apiTokens.id, scopes: apiTokens.scopes, expiresAt: apiTokens.expiresAt, revokedAt: apiTokens.revokedAt },
      u: { id: users.id, email: users.email, name: users.name, locale: users.locale, active: users.active, mustChangePassword: users.mustChangePassword },
      grants: grantsSql(apiTokens.userId),
    })
    .from(apiTokens)
    .innerJoin(users, eq(users.id, apiTokens.userId))
    .where(eq(apiTokens.tokenHash, sha256(bearer)));
  if (!row || row.t.revokedAt || row.t.expiresAt <= new Date() || !row.u.active) return undefined;
  await db.update(apiTokens).set({ lastUsedAt: new Date() }).where(eq(apiTokens.id, row.t.id));
  return {
    // A token acts for its owner: while the owner's password is a one-time one (reset by an administrator), the token
    // reads but changes nothing, like the owner's own session (http.ts gate).
    principal: {
      userId: row.u.id, email: row.u.email, name: row.u.name, locale: row.u.locale, apiTokenId: row.t.id,
      ...(row.u.mustChangePassword ? { mustChangePassword: true } : {}),
    },
    authz: new Authz(toGrants(row.grants), row.t.scopes),
  };
}
