import { and, count, eq, type SQL } from 'drizzle-orm';
import { countTitles, type AttentionProvider } from '../../server/platform/attention';
import type { Ctx } from '../../server/platform/context';
import { stockholmDate } from '../../server/platform/time';
import { orgs } from '../org/table';
import { followUpOverdueSql, pubMissingSql } from './rules';
import { suppliers } from './table';

async function countWhere(ctx: Ctx, cond: SQL): Promise<number> {
  const [{ n }] = await ctx.db.select({ n: count() }).from(suppliers).innerJoin(orgs, eq(orgs.id, suppliers.orgId))
    .where(and(ctx.authz.scopeSql('object.manage', orgs.path), eq(suppliers.archived, false), cond));
  return n;
}

/** Suppliers processing personal data without a PUB-avtal, and those not assessed for a year, for those who manage them. */
export const attentionProviders: AttentionProvider[] = [
  {
    key: 'suppliers',
    async items(ctx) {
      if (!ctx.authz.hasAnywhere('object.manage')) return [];
      const pub = await countWhere(ctx, pubMissingSql());
      const overdue = await countWhere(ctx, followUpOverdueSql(stockholmDate()));
      return [
        {
          key: 'suppliers.pub-missing',
          severity: 'warning' as const,
          ...countTitles(pub, { one: 'En leverantör saknar PUB-avtal', many: 'leverantörer saknar PUB-avtal' }, { one: 'One supplier lacks a data processing agreement', many: 'suppliers lack a data processing agreement' }),
          count: pub,
          link: '/leverantorer?pubMissing=true',
        },
        {
          key: 'suppliers.follow-up-overdue',
          severity: 'info' as const,
          ...countTitles(overdue, { one: 'En leverantör har inte följts upp på ett år', many: 'leverantörer har inte följts upp på ett år' }, { one: 'One supplier has not been followed up for a year', many: 'suppliers have not been followed up for a year' }),
          count: overdue,
          link: '/leverantorer?followUpOverdue=true',
        },
      ];
    },
  },
];
