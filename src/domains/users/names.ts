import { inArray } from 'drizzle-orm';
import type { Db } from '../../server/platform/db';
import { users } from './table';

/**
 * People's names by id, for records that keep who did something by id (a signed review, an approved DSO answer):
 * the name, or the e-mail address where no name is given. Ids of nobody are left out.
 */
export async function userNames(db: Db, ids: (string | null | undefined)[]): Promise<Map<string, string>> {
  const wanted = [...new Set(ids.filter((x): x is string => !!x))];
  if (wanted.length === 0) return new Map();
  const rows = await db.select({ id: users.id, name: users.name, email: users.email }).from(users).where(inArray(users.id, wanted));
  return new Map(rows.map((u) => [u.id, u.name || u.email]));
}
