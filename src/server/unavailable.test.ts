/** A database that does not answer is a 503 "try again", not a 500: the errors it is recognised by, as pg raises them. */
import pg from 'pg';
import { describe, expect, it } from 'vitest';
import { postgresAvailable, TEST_PG_URL } from '../test/harness';
import { AppError } from './platform/errors';
import { databaseUnavailable } from './app';

const caught = (p: Promise<unknown>) => p.then(() => undefined, (e: unknown) => e);

describe('database unavailable', () => {
  it('recognises a refused connection, also wrapped as a cause, and not an ordinary error', async () => {
    const refused = await caught(new pg.Client({ host: '127.0.0.1', port: 1, connectionTimeoutMillis: 2000 }).connect());
    expect(databaseUnavailable(refused)).toBe(true);
    expect(databaseUnavailable(new Error('Failed query: select 1', { cause: refused }))).toBe(true);
    expect(databaseUnavailable(new Error('Cannot read properties of undefined'))).toBe(false);
    expect(databaseUnavailable(new AppError(409, 'conflict', { sv: 'x', en: 'x' }))).toBe(false);
  });

  it('recognises a server that ends the connection (administrator command, shutdown)', async (ctx) => {
    if (!(await postgresAvailable())) {
      if (process.env.TILLIT_REQUIRE_PG) throw new Error('PostgreSQL is required (TILLIT_REQUIRE_PG)');
      ctx.skip();
    }
    const victim = new pg.Client({ connectionString: TEST_PG_URL });
    await victim.connect();
    victim.on('error', () => {});
    const pid = (await victim.query('select pg_backend_pid() as pid')).rows[0].pid as number;
    const admin = new pg.Client({ connectionString: TEST_PG_URL });
    await admin.connect();
    try {
      const sleeping = caught(victim.query('select pg_sleep(5)'));
      await new Promise((r) => setTimeout(r, 200));
      await admin.query('select pg_terminate_backend($1)', [pid]);
      const err = await sleeping;
      expect((err as { code?: string }).code).toBe('57P01');
      expect(databaseUnavailable(err)).toBe(true);
    } finally {
      await admin.end();
      await victim.end().catch(() => {});
    }
  });
});
