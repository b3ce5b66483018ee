/**
 * Vitest's global setup, in the main process: names the run (TILLIT_TEST_RUN, inherited by the workers, which put it in
 * the names of the PostgreSQL test databases they keep between tests: harness.ts) and drops that run's databases when
 * it ends. Databases of other runs, of this checkout or another, are left alone.
 */
import { randomBytes } from 'node:crypto';
import pg from 'pg';

export function setup() {
  process.env.TILLIT_TEST_RUN ??= randomBytes(3).toString('hex');
}

/** Also after a PGlite run: its cross-database tests (backup to PostgreSQL and back) keep PostgreSQL databases too. */
export async function teardown() {
  const run = process.env.TILLIT_TEST_RUN;
  const admin = new pg.Client({ connectionString: process.env.TILLIT_TEST_PG_URL ?? 'postgres://postgres@127.0.0.1:5432/postgres', connectionTimeoutMillis: 3000 });
  try {
    await admin.connect();
    const { rows } = await admin.query<{ datname: string }>('select datname from pg_database where datname like $1', [`tillit_test_${run}_%`]);
    for (const { datname } of rows) await admin.query(`drop database if exists ${datname} with (force)`);
  } catch (err) {
    // No PostgreSQL here (a PGlite-only run): there is nothing to drop.
    if ((err as { code?: string }).code !== 'ECONNREFUSED') console.warn(`global-setup: could not drop this run's test databases: ${(err as Error).message}`);
  } finally {
    await admin.end().catch(() => {});
  }
}
