import type { Logger } from 'pino';
import { sql } from 'drizzle-orm';
import { resultRows, type Database, type Db } from '../../server/platform/db';
import { startJob, type Job } from '../../server/platform/scheduler';

/** Advisory-lock key of an indexing round (727170001 migrations, 727170002 audit chain, 727170003 reminders). */
export const SEARCH_INDEX_LOCK_KEY = 727170004;
/** Pending rows taken per transaction: one per writing statement, so up to 10 import batches (≤ 50,000 incidents). */
const PENDING_PER_ROUND = 10;

/**
 * Brings incident_search up to date (table.ts): takes the oldest pending statements' incidents and indexes their
 * current text, a transaction per PENDING_PER_ROUND statements, until none is pending or `signal` aborts. Several
 * nodes may run it at once (SKIP LOCKED); an incident changed meanwhile is pending again and indexed next round.
 * Returns how many incidents were indexed.
 */
export async function indexPendingSearch(db: Db, signal?: AbortSignal): Promise<number> {
  let total = 0;
  while (!signal?.aborted) {
    const [row] = resultRows<{ taken: number; indexed: number }>(await db.execute(sql`
      with taken as (
        delete from incident_search_pending where id in (
          select id from incident_search_pending order by id limit ${PENDING_PER_ROUND} for update skip locked)
        returning ids
      ), ids as (select distinct unnest(ids) as id from taken),
      indexed as (
        insert into incident_search (incident_id, doc)
        select i.id, to_tsvector('swedish', i.title || ' ' || i.description) from ids join incidents i on i.id = ids.id
        on conflict (incident_id) do update set doc = excluded.doc
        returning 1
      )
      select (select count(*) from taken)::int as taken, (select count(*) from indexed)::int as indexed`));
    if (!row || row.taken === 0) break;
    total += row.indexed;
  }
  return total;
}

/**
 * The server's search indexer: every 2 s it indexes what is
 * pending. With several app nodes one indexes per round (advisory lock). Searches never wait for it (list.ts).
 */
export function startSearchIndexer(base: { database: Database; log: Logger }, opts: { intervalMs?: number; firstDelayMs?: number } = {}): Job<number> {
  const { database, log } = base;
  return startJob({
    name: 'search-index',
    database,
    log,
    lockKey: SEARCH_INDEX_LOCK_KEY,
    firstDelayMs: opts.firstDelayMs ?? 500,
    intervalMs: opts.intervalMs ?? 2000,
    run: (signal) => indexPendingSearch(database.db, signal),
    describe: (n) => ({ notable: n > 0, fields: { indexed: n } }),
  });
}
