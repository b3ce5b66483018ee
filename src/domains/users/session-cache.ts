import type { Database, ListenEvent } from '../../server/platform/db';

/** The PostgreSQL channel migration 0012's triggers notify when a session, person, role, org path or group changes. */
export const AUTH_CHANNEL = 'tillit_auth';

interface Entry<T> {
  value: T;
  cachedAt: number;
}

/**
 * Resolved sessions kept in memory for a few seconds, so a request need not ask the database who is calling.
 *
 * - Only while this node listens on AUTH_CHANNEL: any change to what a session resolves to (revocation, a role,
 *   a person made inactive, an org moved, a group changed) empties the cache of every node as soon as the change
 *   commits, whichever node or CLI made it. Without a listening connection nothing is cached.
 * - Entries live `ttlMs` at most, a bound even for a notification that never arrives.
 * - A value read before a change is never stored after it (the generation check), so a request racing a
 *   revocation cannot put the old grants back.
 */
export class SessionCache<T> {
  private readonly entries = new Map<string, Entry<T>>();
  private live = false;
  private generation = 0;

  constructor(private readonly ttlMs: number, private readonly max = 10_000) {}

  /** Feed of the listener's events. */
  onEvent = (event: ListenEvent): void => {
    this.generation++;
    this.entries.clear();
    if (event === 'ready') this.live = true;
    if (event === 'lost') this.live = false;
  };

  /** Take before reading the database; pass to set. */
  get stamp(): number {
    return this.generation;
  }

  get(key: string, now = Date.now()): T | undefined {
    if (!this.live) return undefined;
    const e = this.entries.get(key);
    if (!e) return undefined;
    if (now - e.cachedAt >= this.ttlMs) {
      this.entries.delete(key);
      return undefined;
    }
    return e.value;
  }

  set(key: string, value: T, stamp: number, now = Date.now()): void {
    if (!this.live || stamp !== this.generation) return;
    if (!this.entries.has(key) && this.entries.size >= this.max) {
      const oldest = this.entries.keys().next().value;
      if (oldest !== undefined) this.entries.delete(oldest);
    }
    this.entries.set(key, { value, cachedAt: now });
  }

  delete(key: string): void {
    this.entries.delete(key);
  }

  get size(): number {
    return this.entries.size;
  }
}

/** Starts a cache fed by the database's AUTH_CHANNEL; resolves to the cache and a stop function. */
export async function startSessionCache<T>(database: Database, ttlMs: number): Promise<{ cache: SessionCache<T>; stop: () => Promise<void> }> {
  const cache = new SessionCache<T>(ttlMs);
  const unlisten = await database.listen(AUTH_CHANNEL, cache.onEvent);
  return {
    cache,
    stop: async () => {
      cache.onEvent('lost');
      await unlisten();
    },
  };
}
