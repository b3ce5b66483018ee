import { integer, timestamp, uuid } from 'drizzle-orm/pg-core';

/** Columns every editable record has: a random id, an optimistic-locking version and timestamps. */
export const idColumn = () => uuid('id').primaryKey().defaultRandom();
export const versioned = () => ({
  version: integer('version').notNull().default(1),
  createdAt: timestamp('created_at', { withTimezone: true, mode: 'date' }).notNull().defaultNow(),
  updatedAt: timestamp('updated_at', { withTimezone: true, mode: 'date' }).notNull().defaultNow(),
});
export const ts = (name: string) => timestamp(name, { withTimezone: true, mode: 'date' });
