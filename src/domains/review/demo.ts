import { and, eq } from 'drizzle-orm';
import type { DemoStep } from '../../cli/demo';
import { findOrg } from '../org/service';
import { DEMO_REVIEWS } from './demo-data';
import { addDecision, createReview, updateReview } from './service';
import { reviews } from './table';

/**
 * The 2025 management reviews of Hässelby-Vällingby and Servicenämnden: the meeting, the decisions, the needs for
 * change and the conclusions the seeds state (demo-data.ts), through the services the app uses, so each is audited.
 * Before the reports (order 90), whose approval freezes them into the report. Skips an org whose review exists.
 */
export const demo: DemoStep = {
  order: 85,
  async run(ctx) {
    const out: string[] = [];
    for (const d of DEMO_REVIEWS) {
      const org = await findOrg(ctx.db, d.org).catch(() => undefined);
      if (!org) continue;
      const [exists] = await ctx.db.select({ id: reviews.id }).from(reviews).where(and(eq(reviews.orgId, org.id), eq(reviews.year, d.year)));
      if (exists) {
        out.push(`Ledningens genomgång ${org.name} ${d.year}: finns redan / exists.`);
        continue;
      }
      let r = await createReview(ctx, { org: d.org, year: d.year, meetingDate: d.meetingDate, chair: d.chair, attendees: d.attendees });
      r = await updateReview(ctx, r.id, { version: r.version, ismsChanges: d.ismsChanges, conclusion: d.conclusion });
      for (const x of d.decisions) r = await addDecision(ctx, r.id, { kind: x.stance ? 'stance' : 'isms_change', text: x.text, owner: x.owner, dueDate: x.dueDate });
      out.push(`Ledningens genomgång ${org.name} ${d.year}: möte${d.meetingDate ? ` ${d.meetingDate}` : ''}, ${r.decisions.length} beslut / decisions.`);
    }
    return out;
  },
};
