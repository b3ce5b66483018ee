import { and, count, eq } from 'drizzle-orm';
import { countTitles, withOrg, type AttentionProvider } from '../../server/platform/attention';
import { orgs } from '../org/table';
import { processingActivities } from './table';

/** Processing activities sent for review (granskas), for the DSO who approves them. */
export const attentionProviders: AttentionProvider[] = [
  {
    key: 'privacy-review',
    async items(ctx) {
      if (!ctx.authz.hasAnywhere('dso.approve')) return [];
      const byOrg = await ctx.db
        .select({ slug: orgs.slug, n: count() })
        .from(processingActivities)
        .innerJoin(orgs, eq(orgs.id, processingActivities.orgId))
        .where(and(ctx.authz.scopeSql('dso.approve', orgs.path), eq(processingActivities.archived, false), eq(processingActivities.status, 'granskas')))
        .groupBy(orgs.slug);
      const n = byOrg.reduce((sum, o) => sum + o.n, 0);
      return [{
        key: 'privacy.review',
        severity: 'info',
        ...countTitles(n, { one: 'En behandling väntar på dataskyddsombudets granskning', many: 'behandlingar väntar på dataskyddsombudets granskning' }, { one: 'One processing activity awaits the DSO\'s review', many: 'processing activities await the DSO\'s review' }),
        count: n,
        link: withOrg('/registerforteckning?status=granskas', byOrg.map((o) => o.slug)),
      }];
    },
  },
];
