import { and, count, eq } from 'drizzle-orm';
import { countTitles, type AttentionProvider } from '../../server/platform/attention';
import { stockholmDate } from '../../server/platform/time';
import { orgs } from '../org/table';
import { overdueSql } from './service';
import { digitalObjects } from './table';

/** Objects whose yearly reclassification has passed, for those who manage the objektlista. */
export const attentionProviders: AttentionProvider[] = [
  {
    key: 'reclassification-overdue',
    async items(ctx) {
      if (!ctx.authz.hasAnywhere('object.manage')) return [];
      const [{ n }] = await ctx.db
        .select({ n: count() })
        .from(digitalObjects)
        .innerJoin(orgs, eq(orgs.id, digitalObjects.orgId))
        .where(and(ctx.authz.scopeSql('object.manage', orgs.path), eq(digitalObjects.archived, false), overdueSql(stockholmDate())));
      return [{
        key: 'objects.reclassification-overdue',
        severity: 'warning',
        ...countTitles(n, { one: 'Ett objekt har passerat sin årliga omklassning', many: 'objekt har passerat sin årliga omklassning' }, { one: 'One object is past its yearly reclassification', many: 'objects are past their yearly reclassification' }),
        count: n,
        link: '/objekt?overdue=true',
      }];
    },
  },
];
