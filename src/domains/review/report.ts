import { and, asc, eq } from 'drizzle-orm';
import type { SectionProvider } from '../reports/provider';
import { INPUT_KEYS } from './contract';
import { coverage } from './iso93';
import { reviewSections } from './coverage';
import { reviewDecisions, reviews, type Conclusion } from './table';

export interface Iso93Figures {
  meeting: { date: string | null; chair: string; attendees: string[]; signed: boolean; signedAt: string | null } | null;
  inputs: Record<string, { covered: boolean; sections: string[]; notApplicable?: boolean; reason?: string }>;
  uncovered: string[];
  outputs: {
    decisions: { kind: string; text: string; owner: string; dueDate: string | null; activityId: string | null }[];
    ismsChanges: string;
    conclusion: Conclusion | null;
  };
}

/** `iso93`: the review meeting, the coverage of inputs 9.3.2 (a)–(g) and the outputs 9.3.3. */
export const sectionProviders: SectionProvider<Iso93Figures>[] = [
  {
    key: 'iso93',
    title: { sv: 'Ledningens genomgång enligt ISO 27001 9.3', en: 'Management review per ISO 27001 9.3' },
    order: 90,
    async figures({ ctx, org, year, coverageByReport }) {
      ctx.authz.require('report.read', org.path);
      const [r] = await ctx.db.select().from(reviews).where(and(eq(reviews.orgId, org.id), eq(reviews.year, year)));
      // In a report build the report puts its own coverage here; asked alone, the review's rule (coverage.ts).
      const sections = coverageByReport ? [] : (await reviewSections(ctx, org, year)).sections;
      const status = coverage(r?.inputs ?? {}, sections, r?.id ?? null);
      const ds = r ? await ctx.db.select().from(reviewDecisions).where(eq(reviewDecisions.reviewId, r.id)).orderBy(asc(reviewDecisions.position)) : [];
      return {
        meeting: r ? { date: r.meetingDate, chair: r.chair, attendees: r.attendees, signed: r.signedAt !== null, signedAt: r.signedAt?.toISOString() ?? null } : null,
        inputs: Object.fromEntries(INPUT_KEYS.map((k) => {
          const i = status.inputs.find((x) => x.key === k)!;
          return [k, { covered: i.covered, sections: i.coveredBy, ...(i.notApplicable ? { notApplicable: true, reason: i.reason } : {}) }];
        })),
        uncovered: status.uncovered,
        outputs: {
          decisions: ds.map((d) => ({ kind: d.kind, text: d.text, owner: d.owner, dueDate: d.dueDate, activityId: d.activityId })),
          ismsChanges: r?.ismsChanges ?? '',
          conclusion: r?.conclusion ?? null,
        },
      };
    },
  },
];
