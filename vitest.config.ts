import { defineConfig } from 'vitest/config';
import { BaseSequencer, type TestSpecification } from 'vitest/node';

/**
 * The longest files (measured in CI, on either database), started first: two workers take files from one queue, and a
 * long file started last runs alone while the other worker idles (schema-probe.test.ts, small and so queued last
 * without a cache of earlier runs, made the PostgreSQL run 22 s longer than its work). Everything else in Vitest's order.
 */
const LONGEST_FIRST = [
  'src/cli/cli.test.ts',
  'src/server/schema-probe.test.ts',
  'src/server/authz.matrix.test.ts',
  'src/server/platform/backup.test.ts',
  'src/server/bad-input.test.ts',
  'src/cli/register-imports.test.ts',
  'src/domains/users/cli.test.ts',
  'src/domains/reports/reports.test.ts',
  'src/domains/reports/formats.test.ts',
  'src/domains/incidents/incidents.test.ts',
  'src/domains/incidents/demo.test.ts',
  'src/domains/incidents/reminder-schedule.test.ts',
  'src/server/platform/db-lock.test.ts',
  'src/server/platform/years.test.ts',
  'src/domains/incidents/import/xlsx.test.ts',
  'src/server/platform/migrations.test.ts',
];

class LongestFirst extends BaseSequencer {
  override async sort(files: TestSpecification[]): Promise<TestSpecification[]> {
    const sorted = await super.sort(files);
    const rank = (f: TestSpecification) => {
      const i = LONGEST_FIRST.findIndex((p) => f.moduleId.endsWith(`/${p}`));
      return i < 0 ? LONGEST_FIRST.length : i;
    };
    return sorted.map((f, i) => ({ f, i, r: rank(f) })).sort((a, b) => a.r - b.r || a.i - b.i).map((x) => x.f);
  }
}

// Unit and integration tests beside the code. TILLIT_TEST_DB=pglite|pg picks the database
// (npm test, scripts/test.mjs: the whole suite on PostgreSQL, and on PGlite the files where its own code paths are).
export default defineConfig({
  test: {
    include: ['src/**/*.test.ts', 'src/**/*.test.tsx', 'bench/**/*.test.ts'],
    environment: 'node',
    testTimeout: 90_000,
    hookTimeout: 180_000,
    pool: 'forks',
    maxWorkers: 2,
    // Each worker process runs file after file: modules, PGlite's compiled wasm and the migrated test-database
    // image (harness.ts) are made once per worker, not once per file. On a 2-core machine the PGlite run went
    // from 403 s to 191 s and the PostgreSQL run from 159 s to 102 s. Tests keep their own databases and servers.
    isolate: false,
    sequence: { sequencer: LongestFirst },
    globalSetup: ['src/test/global-setup.ts'],
    env: { NODE_ENV: 'test' },
  },
});
