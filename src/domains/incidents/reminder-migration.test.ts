import { describe, expect, it } from 'vitest';
import { TEST_DB, databaseBefore } from '../../test/harness';
import { clocksFor } from './clocks';

/**
 * 0038_reminder_deadline on a database with reminders already sent: each gets the deadline its clock has (clocks.ts),
 * so that upgrading sends none of them again.
 */
describe(`reminder deadline migration on ${TEST_DB}`, () => {
  it('gives every reminder already sent the deadline its clock has now', async () => {
    const db = await databaseBefore('0038_reminder_deadline');
    const { run } = db;
    try {
      const [org] = await run(`insert into orgs (slug, name, type, path) values ('forv', 'Förvaltningen', 'forvaltning', '/x/') returning id`);
      const incident = async (cols: Record<string, string | boolean>) => {
        const all = { org_id: org.id as string, register_org_id: org.id as string, title: 'Incident', reported_at: '2026-03-02T09:00:00Z', personal_data: 'ja', ...cols };
        const values = Object.values(all).map((v) => (typeof v === 'boolean' ? String(v) : `'${v}'`));
        const [row] = await run(`insert into incidents (${Object.keys(all).join(', ')}) values (${values.join(', ')}) returning id`);
        return row.id as string;
      };
      const discovered = await incident({ discovered_at: '2026-03-01T22:15:00Z', risk_assessment: 'hog_risk' });
      const reported = await incident({});
      // Notification 2026-09-25 02:30 CEST: the final report is due 2026-10-25 02:30, the first of the two (00:30Z).
      const nis2 = await incident({ personal_data: 'nej', nis2_significant: true, discovered_at: '2026-09-24T08:00:00Z', csirt_notification_at: '2026-09-25T00:30:00Z' });
      const nis2NotSent = await incident({ personal_data: 'nej', nis2_significant: true, discovered_at: '2026-03-01T08:00:00Z' });
      const sent: [string, string, string][] = [
        [discovered, 'gdpr33', '24h'], [discovered, 'gdpr34', 'overdue'], [reported, 'gdpr33', '6h'],
        [nis2, 'nis2_early', 'overdue'], [nis2, 'nis2_final', '24h'], [nis2NotSent, 'nis2_notification', '24h'], [nis2NotSent, 'nis2_final', '6h'],
      ];
      for (const [id, clock, threshold] of sent) {
        await run(`insert into incident_reminders_sent (incident_id, clock, threshold, recipients) values ('${id}', '${clock}', '${threshold}', 'isam@test.se')`);
      }
      await db.migrate();

      const got = await run(`select r.clock, r.threshold, r.deadline, i.discovered_at, i.reported_at, i.nis2_significant, i.personal_data, i.risk_assessment, i.csirt_notification_at
        from incident_reminders_sent r join incidents i on i.id = r.incident_id`);
      expect(got).toHaveLength(sent.length);
      const date = (v: unknown) => (v === null ? null : new Date(v as string));
      for (const g of got) {
        const clocks = clocksFor({
          status: 'Under utredning', kind: null, personalData: g.personal_data as string, riskAssessment: g.risk_assessment as string | null,
          discoveredAt: date(g.discovered_at), reportedAt: date(g.reported_at)!, reportedToImy: false, imyReportedAt: null, subjectsInformedAt: null,
          nis2Significant: g.nis2_significant as boolean, csirtEarlyWarningAt: null, csirtNotificationAt: date(g.csirt_notification_at), csirtFinalReportAt: null, art34Exemption: null,
        }, new Date('2026-03-01T00:00:00Z'));
        const want = clocks.find((c) => c.key === g.clock)!;
        expect(date(g.deadline)!.toISOString(), `${g.clock} ${g.threshold}`).toBe(want.deadline.toISOString());
      }
      expect(date(got.find((g) => g.clock === 'nis2_final' && g.threshold === '24h')!.deadline)!.toISOString()).toBe('2026-10-25T00:30:00.000Z');
      // The key now holds the deadline: the same threshold for another deadline is a row of its own.
      await run(`insert into incident_reminders_sent (incident_id, clock, threshold, deadline, recipients) values ('${reported}', 'gdpr33', '6h', '2026-03-05T08:00:00Z', 'isam@test.se')`);
      expect(await run(`select count(*)::int as n from incident_reminders_sent where incident_id = '${reported}'`)).toEqual([{ n: 2 }]);
    } finally {
      await db.close();
    }
  });
});
