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

/**
 * People's names by e-mail address, for records that keep who did something as the address (the risk area's IKP
 * and treatment decisions): the name where the person has one. Addresses of nobody (a CLI's label) are left out.
 */
export async function userNamesByEmail(db: Db, emails: (string | null | undefined)[]): Promise<Map<string, string>> {
  const wanted = [...new Set(emails.filter((x): x is string => !!x && x.includes('@')))];
  if (wanted.length === 0) return new Map();
  const rows = await db.select({ name: users.name, email: users.email }).from(users).where(inArray(users.email, wanted));
  return new Map(rows.filter((u) => u.name).map((u) => [u.email, u.name]));
}
