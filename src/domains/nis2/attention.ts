import { and, eq, isNull, sql } from 'drizzle-orm';
import type { AttentionProvider } from '../../server/platform/attention';
import { stockholmDate } from '../../server/platform/time';
import { orgs } from '../org/table';
import { nis2Areas, nis2Assessments, nis2Scopes } from './table';

const NUMBER = new Intl.NumberFormat('sv-SE');

/** This year's assessments (Stockholm) in the caller's scope with, per assessment, its areas not started and those blocking approval. */
async function thisYear(ctx: Parameters<AttentionProvider['items']>[0], permission: 'risk.manage' | 'risk.decide') {
  const year = Number(stockholmDate().slice(0, 4));
  const rows = await ctx.db
    .select({
      id: nis2Assessments.id,
      approved: sql<boolean>`${nis2Assessments.approvedAt} is not null`,
      notStarted: sql<number>`count(*) filter (where ${nis2Areas.status} = 'ej_paborjad')::int`,
      blocking: sql<number>`count(*) filter (where ${nis2Areas.status} = 'ej_paborjad' and btrim(${nis2Areas.reason}) = '')::int`,
    })
    .from(nis2Assessments)
    .innerJoin(orgs, eq(orgs.id, nis2Assessments.orgId))
    .innerJoin(nis2Areas, eq(nis2Areas.assessmentId, nis2Assessments.id))
    .where(and(ctx.authz.scopeSql(permission, orgs.path), eq(nis2Assessments.year, year)))
    .groupBy(nis2Assessments.id);
  return { year, rows: rows.map((r) => ({ ...r, notStarted: Number(r.notStarted), blocking: Number(r.blocking) })) };
}

/**
 * Cybersäkerhetslagen on the start page: for those who keep the measures (risk.manage) the areas of this year's
 * assessment not yet started and the organisations in scope of the law without their anmälan to the supervisory
 * authority's register; for the förvaltningschef (risk.decide) an assessment complete but not yet approved.
 */
export const attentionProviders: AttentionProvider[] = [
  {
    key: 'not-started',
    async items(ctx) {
      if (!ctx.authz.hasAnywhere('risk.manage')) return [];
      const { year, rows } = await thisYear(ctx, 'risk.manage');
      const n = rows.filter((r) => !r.approved).reduce((s, r) => s + r.notStarted, 0);
      const area = n === 1 ? ['område ej påbörjat', 'area not started'] : ['områden ej påbörjade', 'areas not started'];
      return [{
        key: 'nis2.not-started', severity: 'warning', count: n, link: `/nis2?year=${year}`,
        title_sv: `NIS2-åtgärder för ${year}: ${NUMBER.format(n)} ${area[0]}`,
        title_en: `NIS2 measures for ${year}: ${NUMBER.format(n)} ${area[1]}`,
      }];
    },
  },
  {
    key: 'unregistered',
    async items(ctx) {
      if (!ctx.authz.hasAnywhere('risk.manage')) return [];
      const [r] = await ctx.db
        .select({ n: sql<number>`count(*)::int` })
        .from(nis2Scopes)
        .innerJoin(orgs, eq(orgs.id, nis2Scopes.orgId))
        .where(and(ctx.authz.scopeSql('risk.manage', orgs.path), eq(nis2Scopes.inScope, true), isNull(nis2Scopes.registeredOn)));
      const n = Number(r?.n ?? 0);
      const orgWords = n === 1 ? ['organisation', 'organisation'] : ['organisationer', 'organisations'];
      return [{
        key: 'nis2.unregistered', severity: 'warning', count: n, link: '/nis2',
        title_sv: `Anmälan enligt cybersäkerhetslagen saknas för ${NUMBER.format(n)} ${orgWords[0]} som omfattas av lagen`,
        title_en: `Registration under the Cybersecurity Act is missing for ${NUMBER.format(n)} ${orgWords[1]} in scope of the Act`,
      }];
    },
  },
  {
    key: 'awaiting-approval',
    async items(ctx) {
      if (!ctx.authz.hasAnywhere('risk.decide')) return [];
      const { year, rows } = await thisYear(ctx, 'risk.decide');
      const n = rows.filter((r) => !r.approved && r.blocking === 0).length;
      return [{
        key: 'nis2.awaiting-approval', severity: 'info', count: n, link: `/nis2?year=${year}`,
        title_sv: `NIS2-åtgärderna för ${year} väntar på ledningens godkännande`,
        title_en: `The NIS2 measures for ${year} await management's approval`,
      }];
    },
  },
];
