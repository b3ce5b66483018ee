import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { is, sql } from 'drizzle-orm';
import { PgTable, getTableConfig } from 'drizzle-orm/pg-core';
import { describe, expect, it } from 'vitest';
import { TEST_DB, emptyPgDatabase, rows } from '../../test/harness';
import { MIGRATIONS_DIR, openDatabase, type Database } from './db';
import { loadDomainFiles } from './modules';

async function emptyDatabase(): Promise<{ database: Database; cleanup(): Promise<void> }> {
  if (TEST_DB === 'pg') {
    const empty = await emptyPgDatabase();
    const database = await openDatabase({ databaseUrl: empty.url, poolSize: 2 });
    return { database, cleanup: async () => { await database.close(); await empty.drop(); } };
  }
  const database = await openDatabase({ memory: true });
  return { database, cleanup: () => database.close() };
}

const journal = JSON.parse(readFileSync(join(MIGRATIONS_DIR, 'meta', '_journal.json'), 'utf8')) as { entries: { tag: string }[] };

describe(`migrations on ${TEST_DB}`, () => {
  it('apply from empty, record every migration, and a second run changes nothing', async () => {
    const { database, cleanup } = await emptyDatabase();
    try {
      const tablesBefore = rows(await database.db.execute(sql`select tablename from pg_tables where schemaname = 'public'`));
      expect(tablesBefore).toEqual([]);
      await database.migrate();
      const applied = rows<{ n: number }>(await database.db.execute(sql`select count(*)::int as n from drizzle.__drizzle_migrations`));
      expect(Number(applied[0].n)).toBe(journal.entries.length);
      const schema = async () =>
        rows<{ t: string; c: string; d: string }>(
          await database.db.execute(sql`select table_name as t, column_name as c, data_type as d from information_schema.columns
            where table_schema = 'public' order by table_name, column_name`),
        );
      const once = await schema();
      await database.migrate();
      expect(await schema()).toEqual(once);
      const again = rows<{ n: number }>(await database.db.execute(sql`select count(*)::int as n from drizzle.__drizzle_migrations`));
      expect(Number(again[0].n)).toBe(journal.entries.length);
    } finally {
      await cleanup();
    }
  });

  it('create every table and column that the domains\' table.ts files declare (no schema change without a migration)', async () => {
    const { database, cleanup } = await emptyDatabase();
    try {
      await database.migrate();
      const cols = rows<{ t: string; c: string }>(
        await database.db.execute(sql`select table_name as t, column_name as c from information_schema.columns where table_schema = 'public'`),
      );
      const have = new Set(cols.map((r) => `${r.t}.${r.c}`));
      const files = await loadDomainFiles<Record<string, unknown>>('table');
      let declared = 0;
      for (const { domain, mod } of files) {
        for (const value of Object.values(mod)) {
          if (!is(value, PgTable)) continue;
          const cfg = getTableConfig(value);
          for (const col of cfg.columns) {
            declared++;
            expect(have.has(`${cfg.name}.${col.name}`), `${domain}: ${cfg.name}.${col.name} has no migration`).toBe(true);
          }
        }
      }
      expect(declared).toBeGreaterThan(30);
      const triggers = rows<{ n: string }>(await database.db.execute(sql`select tgname as n from pg_trigger where not tgisinternal order by tgname`)).map((r) => r.n);
      expect(triggers).toEqual(expect.arrayContaining(['audit_log_append_only', 'audit_log_no_truncate']));
    } finally {
      await cleanup();
    }
  });

  it.skipIf(TEST_DB !== 'pg')('PostgreSQL connections run without JIT compilation (it cost a second per yearly-figures query)', async () => {
    const { database, cleanup } = await emptyDatabase();
    try {
      // Every pool connection, not only the first: several at once.
      const settings = await Promise.all([1, 2, 3].map(async () => rows<{ jit: string }>(await database.db.execute(sql`select current_setting('jit') as jit, pg_sleep(0.05)`))[0].jit));
      expect(settings).toEqual(['off', 'off', 'off']);
    } finally {
      await cleanup();
    }
  });
});
