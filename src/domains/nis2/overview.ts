import { sql } from 'drizzle-orm';
import type { Ctx } from '../../server/platform/context';
import { escapeLike } from '../../server/platform/authz';
import { resultRows } from '../../server/platform/db';
import { stockholmDate } from '../../server/platform/time';
import { orgs } from '../org/table';
import { orgFor } from '../plans/scope';
import { AREA_STATUSES, type AreaStatus, type Nis2OverviewQuery, type Nis2OverviewRow } from './contract';
import { nis2Areas, nis2Assessments, nis2Scopes } from './table';

interface Row {
  id: string; slug: string; name: string; in_scope: boolean | null; entity_type: string | null; registered_on: string | null;
  assessment_id: string | null; approved_at: Date | string | null; counts: Record<string, number> | null; blocking: number | null;
}

/**
 * The organisations under the one asked for, as the city's staff follows cybersäkerhetslagen across the förvaltningar:
 * its direct children (in scope or not, so a förvaltning not yet marked shows too) and any deeper organisation marked
 * in scope, each with its anmälan and the year's assessment in brief (counts per status, areas stopping the approval,
 * the day of the management's approval). Only organisations the caller reads (risk.read); by name.
 */
export async function nis2Overview(ctx: Ctx, q: Nis2OverviewQuery): Promise<Nis2OverviewRow[]> {
  const org = await orgFor(ctx, ctx.db, q.org, 'risk.read');
  const rows = resultRows(await ctx.db.execute(sql`
    select o.id, o.slug, o.name, s.in_scope, s.entity_type, s.registered_on::text as registered_on,
      a.id as assessment_id, a.approved_at,
      (select json_object_agg(x.status, x.n) from (select ${nis2Areas.status} as status, count(*)::int as n from ${nis2Areas}
        where ${nis2Areas.assessmentId} = a.id group by ${nis2Areas.status}) x) as counts,
      (select count(*)::int from ${nis2Areas} where ${nis2Areas.assessmentId} = a.id and ${nis2Areas.status} = 'ej_paborjad'
        and btrim(${nis2Areas.reason}) = '') as blocking
    from ${orgs} o
    left join ${nis2Scopes} s on s.org_id = o.id
    left join ${nis2Assessments} a on a.org_id = o.id and a.year = ${q.year}
    where o.path like ${escapeLike(org.path) + '%'} and o.id <> ${org.id} and o.archived_at is null
      and (o.parent_id = ${org.id} or s.in_scope)
      and ${ctx.authz.scopeSql('risk.read', sql.raw('o.path'))}
`)) as unknown as Row[];
  rows.sort((x, y) => x.name.localeCompare(y.name, 'sv'));
  return rows.map((r) => {
    const counts = Object.fromEntries(AREA_STATUSES.map((k) => [k, Number(r.counts?.[k] ?? 0)])) as Record<AreaStatus, number>;
    return {
      org: { id: r.id, slug: r.slug, name: r.name },
      inScope: r.in_scope === true,
      entityType: (r.entity_type ?? null) as Nis2OverviewRow['entityType'],
      registeredOn: r.in_scope ? r.registered_on : null,
      assessment: r.assessment_id
        ? { id: r.assessment_id, counts, blocking: Number(r.blocking ?? 0), approvedOn: r.approved_at ? stockholmDate(new Date(r.approved_at)) : null }
        : null,
    };
  });
}
