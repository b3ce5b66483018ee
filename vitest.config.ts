import { defineConfig } from 'vitest/config';

// Unit and integration tests beside the code. TILLIT_TEST_DB=pglite|pg picks the database
// (scripts/test.mjs runs the whole suite once on each).
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
    env: { NODE_ENV: 'test' },
  },
});
