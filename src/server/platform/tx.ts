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
