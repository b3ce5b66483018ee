import { and, count, eq, gt, inArray, like, or } from 'drizzle-orm';
import { escapeLike } from '../../server/platform/authz';
import { countTitles, type AttentionProvider } from '../../server/platform/attention';
import { orgs } from '../org/table';
import { roleAssignments, users } from './table';

/** Foundation items on the start page: your own password, and locked-out accounts for those who can unlock them. */
export const attentionProviders: AttentionProvider[] = [
  {
    key: 'must-change-password',
    async items(ctx) {
      const id = ctx.principal?.userId;
      if (!id) return [];
      const [u] = await ctx.db.select({ must: users.mustChangePassword }).from(users).where(eq(users.id, id));
      if (!u?.must) return [];
      return [{
        key: 'users.must-change-password',
        severity: 'critical',
        title_sv: 'Byt ditt engångslösenord',
        title_en: 'Change your one-time password',
        count: 1,
        link: '/mitt-konto',
      }];
    },
  },
  {
    key: 'locked-accounts',
    async items(ctx) {
      if (!ctx.authz.hasAnywhere('user.manage')) return [];
      const scope = ctx.authz.scope('user.manage');
      const conds = [gt(users.lockedUntil, new Date())];
      if (scope !== 'all') {
        const inScope = ctx.db
          .select({ id: roleAssignments.userId })
          .from(roleAssignments)
          .innerJoin(orgs, eq(orgs.id, roleAssignments.orgId))
          .where(or(...scope.map((p) => like(orgs.path, escapeLike(p) + '%'))));
        conds.push(inArray(users.id, inScope));
      }
      const [{ n }] = await ctx.db.select({ n: count() }).from(users).where(and(...conds));
      return [{
        key: 'users.locked',
        severity: 'warning',
        ...countTitles(n, { one: 'Ett konto är tillfälligt låst', many: 'konton är tillfälligt låsta' }, { one: 'One account is temporarily locked', many: 'accounts are temporarily locked' }),
        count: n,
        link: '/anvandare',
      }];
    },
  },
];
