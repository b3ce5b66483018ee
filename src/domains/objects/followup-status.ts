import { getTableName, sql, type SQL } from 'drizzle-orm';
import { digitalObjects, objectFollowUps } from './table';

/**
 * Each object's follow-up status in SQL, for the objektlista, its filter and the start page (subqueries on the outer
 * digital_objects row): whether it has the year's follow-up, and whether its latest follow-up reports deviations
 * remaining after the access review (they remain until a later follow-up says otherwise).
 */
// Qualified by hand: drizzle writes a column of a single-table query unqualified, which inside the subquery would be f's own.
const outerId = sql`${sql.identifier(getTableName(digitalObjects))}.${sql.identifier('id')}`;

export const followUpDoneSql = (year: number): SQL<boolean> =>
  sql<boolean>`exists (select 1 from ${objectFollowUps} f where f.object_id = ${outerId} and f.year = ${year})`;

export const deviationsRemainingSql = (): SQL<boolean> =>
  sql<boolean>`coalesce((select f.access_result = 'avvikelser_kvarstar' from ${objectFollowUps} f where f.object_id = ${outerId} order by f.year desc limit 1), false)`;

/** The follow-up fields of an object as the API shows them (`followUp` of DigitalObject). */
export interface FollowUpStatus { year: number; done: boolean; deviationsRemaining: boolean }
