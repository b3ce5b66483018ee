import { and, asc, eq, inArray, isNotNull } from 'drizzle-orm';
import type { Ctx } from '../../server/platform/context';
import { badRequest } from '../../server/platform/errors';
import { download, toCsv, toXlsx, type ExportColumn } from '../../server/platform/export';
import { inTx } from '../../server/platform/tx';
import { PLAN_STATUSES, UNFINISHED, type CarryForward, type PlanActivity, type PlanQuery, type Progress } from './contract';
import { listActivities, insertActivity, toActivity } from './service';
import { orgFor } from './scope';
import { planActivities } from './table';
import { recordAudit } from '../audit/chain';

/**
 * Carries the org's unfinished activities (planerad, pågår) of `fromYear` into `toYear`: each gets a copy marked as
 * carried from it. Finished and cancelled ones stay; an activity already carried is not carried again.
 */
export async function carryForward(ctx: Ctx, input: CarryForward): Promise<{ carried: PlanActivity[]; skipped: number }> {
  const toYear = input.toYear ?? input.fromYear + 1;
  if (toYear <= input.fromYear) {
    throw badRequest('to_year', { sv: 'Målåret måste ligga efter ursprungsåret.', en: 'The target year must come after the source year.' }, 'toYear');
  }
  return inTx(ctx, async (tx) => {
    const org = await orgFor(ctx, tx, input.org, 'plan.read', 'plan.manage');
    const conds = [eq(planActivities.orgId, org.id), eq(planActivities.year, input.fromYear), inArray(planActivities.status, [...UNFINISHED])];
    if (input.ids) conds.push(inArray(planActivities.id, input.ids));
    const candidates = await tx.select().from(planActivities).where(and(...conds)).orderBy(asc(planActivities.area), asc(planActivities.position));
    const ids = candidates.map((c) => c.id);
    const already = ids.length
      ? new Set((await tx.select({ from: planActivities.carriedFromId }).from(planActivities)
        .where(and(inArray(planActivities.carriedFromId, ids), isNotNull(planActivities.carriedFromId)))).map((r) => r.from!))
      : new Set<string>();
    const out: PlanActivity[] = [];
    for (const c of candidates) {
      if (already.has(c.id)) continue;
      const row = await insertActivity(tx, ctx, org, {
        year: toYear,
        area: c.area,
        description: c.description,
        responsible: c.responsible,
        partners: c.partners,
        status: c.status as 'planerad' | 'pågår',
        dueDate: null,
        links: c.links,
        position: c.position,
        carriedFromId: c.id,
      }, 'plan.activity.carry');
      out.push(toActivity(row, org));
    }
    await recordAudit(tx, ctx, {
      action: 'plan.carry', entityType: 'org', entityId: org.id, orgId: org.id,
      after: { fromYear: input.fromYear, toYear, carried: out.map((a) => a.carriedFromId) },
    });
    return { carried: out, skipped: candidates.length - out.length };
  });
}

/** Counts per year and area by status; percentDone is klar of the activities not avbrutna. */
export function progressOf(list: Pick<PlanActivity, 'year' | 'area' | 'status'>[]): Progress[] {
  const by = new Map<string, Progress>();
  for (const a of list) {
    const k = `${a.year}\u0000${a.area}`;
    const p = by.get(k) ?? { year: a.year, area: a.area, total: 0, planerad: 0, pågår: 0, klar: 0, avbruten: 0, percentDone: 0 };
    p.total++;
    p[a.status]++;
    by.set(k, p);
  }
  return [...by.values()]
    .map((p) => ({ ...p, percentDone: p.total - p.avbruten > 0 ? Math.round((p.klar / (p.total - p.avbruten)) * 1000) / 10 : 0 }))
    .sort((a, b) => a.year - b.year || a.area.localeCompare(b.area, 'sv'));
}

export async function planProgress(ctx: Ctx, q: PlanQuery): Promise<Progress[]> {
  return progressOf(await listActivities(ctx, q));
}

const COLUMNS: ExportColumn<PlanActivity>[] = [
  { key: 'org', header: 'Organisation', value: (a) => a.org.name },
  { key: 'year', header: 'År', value: (a) => a.year },
  { key: 'area', header: 'Område', value: (a) => a.area },
  { key: 'description', header: 'Aktivitet', value: (a) => a.description },
  { key: 'responsible', header: 'Ansvarig', value: (a) => a.responsible },
  { key: 'partners', header: 'I samarbete med', value: (a) => a.partners },
  { key: 'status', header: 'Status', value: (a) => a.status },
  { key: 'dueDate', header: 'Klart senast', value: (a) => a.dueDate },
  { key: 'carried', header: 'Överförd från tidigare år', value: (a) => (a.carried ? 'ja' : 'nej') },
  { key: 'links', header: 'Kopplingar', value: (a) => a.links.map((l) => `${l.linkType}:${l.linkId}`).join(', ') },
];

export async function exportPlan(ctx: Ctx, q: PlanQuery, format: 'csv' | 'xlsx'): Promise<Response> {
  const list = await listActivities(ctx, q);
  const name = `forbattringsplan-${q.org}${q.year ? `-${q.year}` : ''}`;
  return format === 'csv' ? download(toCsv(list, COLUMNS), name, 'csv') : download(await toXlsx(list, COLUMNS, 'Förbättringsplan'), name, 'xlsx');
}

export { PLAN_STATUSES };
