import { and, count, eq, isNotNull, lt } from 'drizzle-orm';
import { countTitles, type AttentionProvider } from '../../server/platform/attention';
import { orgs } from '../org/table';
import { documents } from './table';
import { stockholmDate } from '../../server/platform/time';

/** Styrdokument whose next review date has passed, for those who maintain them. */
export const attentionProviders: AttentionProvider[] = [
  {
    key: 'review-overdue',
    async items(ctx) {
      if (!ctx.authz.hasAnywhere('document.manage')) return [];
      const [{ n }] = await ctx.db
        .select({ n: count() })
        .from(documents)
        .innerJoin(orgs, eq(orgs.id, documents.orgId))
        .where(and(ctx.authz.scopeSql('document.manage', orgs.path), isNotNull(documents.nextReviewOn), lt(documents.nextReviewOn, stockholmDate())));
      return [{
        key: 'documents.review-overdue',
        severity: 'warning',
        ...countTitles(n, { one: 'Ett styrdokument har passerat sitt översynsdatum', many: 'styrdokument har passerat sitt översynsdatum' }, { one: 'One governing document is past its review date', many: 'governing documents are past their review date' }),
        count: n,
        link: '/styrdokument?overdue=true',
      }];
    },
  },
];
