import { defineConfig } from 'drizzle-kit';

// One migrations folder for PGlite and PostgreSQL; every domain's table.ts is part of the schema.
export default defineConfig({
  dialect: 'postgresql',
  schema: './src/domains/*/table.ts',
  out: './migrations',
});
