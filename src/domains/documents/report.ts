import { and, asc, eq, sql } from 'drizzle-orm';
import type { SectionProvider } from '../reports/provider';
import { orgs } from '../org/table';
import { readableSql } from './service';
import { documents } from './table';
import { stockholmDate } from '../../server/platform/time';

export interface DocumentFigure {
  type: string;
  title: string;
  owner: string;
  docVersion: string;
  adoptedOn: string | null;
  decisionRef: string;
  nextReviewOn: string | null;
  reviewOverdue: boolean;
  org: string;
}

/** `documents`: the styrdokument that apply to the organisation (its own, its units' and those above it). */
export const sectionProviders: SectionProvider<DocumentFigure[]>[] = [
  {
    key: 'documents',
    title: { sv: 'Styrdokument', en: 'Governing documents' },
    order: 12,
    async figures({ ctx, org, asOf }) {
      const today = stockholmDate(asOf);
      const rows = await ctx.db
        .select({ d: { type: documents.type, title: documents.title, owner: documents.owner, docVersion: documents.docVersion, adoptedOn: documents.adoptedOn, decisionRef: documents.decisionRef, nextReviewOn: documents.nextReviewOn }, org: orgs.name })
        .from(documents)
        .innerJoin(orgs, eq(orgs.id, documents.orgId))
        .where(and(readableSql(ctx), sql`(${orgs.path} like ${org.path + '%'} or left(${org.path}, length(${orgs.path})) = ${orgs.path})`))
        .orderBy(asc(orgs.depth), asc(documents.type), asc(documents.title));
      return rows.map((r) => ({ ...r.d, org: r.org, reviewOverdue: r.d.nextReviewOn !== null && r.d.nextReviewOn < today }));
    },
  },
];
