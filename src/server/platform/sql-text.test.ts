import { describe, expect, it } from 'vitest';
import { and, eq, inArray, sql, type SQL } from 'drizzle-orm';
import { alias, PgDialect, QueryBuilder } from 'drizzle-orm/pg-core';
import { incidents } from '../../domains/incidents/table';
import { orgs } from '../../domains/org/table';
import { sqlText } from './sql-text';

const drizzleText = (q: SQL) => new PgDialect().sqlToQuery(q);

describe('sqlText', () => {
  it('builds the same text and parameters as drizzle for columns, tables, encoded parameters, lists, names and nesting', () => {
    const at = new Date('2025-10-26T01:30:00Z');
    const cases: SQL[] = [
      sql`select ${incidents.id}, ${orgs.slug} from ${incidents} join ${orgs} on ${orgs.id} = ${incidents.orgId} where ${incidents.reportedAt} < ${at}`,
      and(eq(incidents.status, 'Klar'), eq(incidents.reportedAt, at), inArray(incidents.kind, ['IT-säkerhet', 'Arbetsmiljö']))!,
      sql`select ${sql.identifier('a"b')} from ${sql.raw('x')} where y in ${[1, 'två', null]} and z = ${sql`${3} + ${sql`${4}`}`} and w = ${undefined}`,
      sql`select ${alias(orgs, 'parent').slug} from ${alias(orgs, 'parent')}`,
      sql`select ${{ a: 1 }}::jsonb, ${Buffer.from('x')}`,
    ];
    for (const q of cases) {
      const fast = sqlText(q);
      expect(fast).toBeDefined();
      const slow = drizzleText(q);
      expect(fast!.sql).toBe(slow.sql);
      expect(fast!.params).toStrictEqual(slow.params);
    }
    // The encoder of the column compared with: a Date parameter goes to the driver as drizzle's text for it.
    expect(sqlText(eq(incidents.reportedAt, at))!.params).toStrictEqual([at.toISOString()]);
  });

  it('leaves to drizzle what it does not build itself: placeholders, inlined parameters, subqueries', () => {
    expect(sqlText(sql`select 1 where x = ${sql.placeholder('id')}`)).toBeUndefined();
    expect(sqlText(sql`select ${1}`.inlineParams())).toBeUndefined();
    const sub = sql`select 1`.as('one');
    expect(sqlText(sql`select ${sub}`)).toBeUndefined();
    // A select builder's subquery (from(q.as('m'))) was taken for a parameter: the count of the incident list.
    const matched = new QueryBuilder().select({ one: sql`1` }).from(incidents).limit(3).as('matched');
    expect(sqlText(sql`select count(*) from ${matched}`)).toBeUndefined();
  });
});
