import { describe, expect, it } from 'vitest';
import { TEST_DB, databaseBefore } from '../../test/harness';

/**
 * 0033_continuity and 0034_exercise_plans on a database with continuity data recorded before them: a cycle gets
 * its end year (two-year), an 'utkast' plan becomes 'under_arbete', an exercise's single plan moves to
 * exercise_plans and the exercise counts as held.
 */
describe(`continuity migrations on ${TEST_DB}`, () => {
  it('keep the cycles, plans and exercises recorded before them', async () => {
    const db = await databaseBefore('0033_continuity');
    const { run } = db;
    try {
      const [org] = await run(`insert into orgs (slug, name, type, path) values ('forv', 'Förvaltningen', 'forvaltning', '/x/') returning id`);
      const [rsa] = await run(`insert into rsa_analyses (org_id, cycle_start_year, title) values ('${org.id}', 2024, 'RSA') returning id`);
      const [plan] = await run(`insert into continuity_plans (org_id, title, status) values ('${org.id}', 'Plan', 'utkast') returning id`);
      const [adopted] = await run(`insert into continuity_plans (org_id, title, status) values ('${org.id}', 'Fastställd', 'faststalld') returning id`);
      const [ex] = await run(`insert into risk_exercises (org_id, plan_id, date, title) values ('${org.id}', '${plan.id}', '2025-05-12', 'Övning') returning id`);
      await run(`insert into risk_exercises (org_id, date, title) values ('${org.id}', '2025-06-01', 'Utan plan')`);
      await db.migrate(2);
      expect(await run(`select cycle_start_year as s, cycle_end_year as e, status from rsa_analyses where id = '${rsa.id}'`)).toEqual([{ s: 2024, e: 2025, status: 'pagar' }]);
      expect(await run(`select title, status, archived from continuity_plans order by title`)).toEqual([
        { title: 'Fastställd', status: 'faststalld', archived: false },
        { title: 'Plan', status: 'under_arbete', archived: false },
      ]);
      expect(await run(`select exercise_id as e, plan_id as p from exercise_plans`)).toEqual([{ e: ex.id, p: plan.id }]);
      expect(await run(`select title, status, type from risk_exercises order by title`)).toEqual([
        { title: 'Utan plan', status: 'genomford', type: 'diskussionsovning' },
        { title: 'Övning', status: 'genomford', type: 'diskussionsovning' },
      ]);
      expect(adopted.id).toBeTruthy();
    } finally {
      await db.close();
    }
  });
});
