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
    env: { NODE_ENV: 'test' },
  },
});
