import type { Ctx } from './context';
import type { Db } from './db';
import { fromDatabaseError } from './errors';

/** Runs fn in one transaction; constraint violations become 4xx problems, nothing is half-written. */
export async function inTx<T>(ctx: Pick<Ctx, 'db'>, fn: (tx: Db) => Promise<T>): Promise<T> {
  try {
    return await ctx.db.transaction(async (tx) => fn(tx as unknown as Db));
  } catch (err) {
    throw fromDatabaseError(err) ?? err;
  }
}

const authCommitted = new WeakMap<Db, () => void>();

/**
 * Lets this node act at once on its own commits that change what a session resolves to (a session revoked, a person,
 * role, org path or group changed): the session cache (domains/users/resolve.ts) forgets here, while the other nodes
 * hear PostgreSQL's notification (migration 0012), which reaches this node too, but possibly after its next request.
 */
export function onAuthCommitted(db: Db, forget: (() => void) | undefined): void {
  if (forget) authCommitted.set(db, forget);
  else authCommitted.delete(db);
}

/** inTx for a write that changes who may do what: after it ends, this node's cached sessions are forgotten. */
export async function inAuthTx<T>(ctx: Pick<Ctx, 'db'>, fn: (tx: Db) => Promise<T>): Promise<T> {
  try {
    return await inTx(ctx, fn);
  } finally {
    authCommitted.get(ctx.db)?.();
  }
}
