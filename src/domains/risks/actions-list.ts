/**
 * Åtgärder across the risk area of one organisation's subtree, in one query: the parents (VoR events of every year,
 * register risks, RSA activities, continuity plans, exercises) are one UNION ALL, each branch found through its
 * organisation, and their actions joined on (parent_type, parent_id), which is indexed. An åtgärd carried into the
 * next year's VoR stands there alone (its copy); one left open in an earlier year stays until it is done, also after
 * next year's VoR exists. The start page counts overdue ones through the same parents and conditions (attention.ts).
 * Keyset paging on (due date nulls last, title, id).
 */
import { and, asc, eq, inArray, isNotNull, like, lt, not, sql, type SQL } from 'drizzle-orm';
import { unionAll } from 'drizzle-orm/pg-core';
import { escapeLike } from '../../server/platform/authz';
import type { Ctx } from '../../server/platform/context';
import { badRequest } from '../../server/platform/errors';
import { orgs } from '../org/table';
import { actionDto } from './actions';
import { OPEN_ACTION, type ActionList, type ActionListItem, type ActionListQuery } from './contract';
import { orgFor } from './common';
import { continuityPlans, exercises, riskActions, risks, rsaActivities, rsaAnalyses, vorArbetssatt, vorAssessments, vorEvents } from './table';
import { stockholmDate } from '../../server/platform/time';
import { UUID_RE } from '../../server/platform/uuid7';

type Kind = ActionListItem['source']['kind'];
const MAX = 500;
const DATE = /^\d{4}-\d{2}-\d{2}$/;

const LINKS: Record<Kind, string> = {
  vor: '/risker', register: '/risker/register', rsa: '/risker/kontinuitet?flik=rsa', continuity_plan: '/risker/kontinuitet', exercise: '/risker/kontinuitet',
};

function label(kind: Kind, year: number | null, orgName: string): string {
  if (kind === 'vor') return `VoR ${year} – ${orgName}`;
  if (kind === 'rsa') return `RSA ${year}–${(year ?? 0) + 1}`;
  return { register: 'Riskregister', continuity_plan: 'Kontinuitetsplaner', exercise: 'Övningar' }[kind];
}

interface Cursor { due: string | null; title: string; id: string }
const encodeCursor = (c: Cursor) => Buffer.from(JSON.stringify([c.due, c.title, c.id])).toString('base64url');
function decodeCursor(s: string): Cursor {
  try {
    const [due, title, id] = JSON.parse(Buffer.from(s, 'base64url').toString('utf8')) as unknown[];
    if ((due !== null && (typeof due !== 'string' || !DATE.test(due))) || typeof title !== 'string' || typeof id !== 'string' || !UUID_RE.test(id)) throw new Error('shape');
    return { due, title, id };
  } catch {
    throw badRequest('invalid_cursor', { sv: 'Ogiltig cursor: använd nextCursor från förra svaret.', en: 'Invalid cursor: use nextCursor from the previous answer.' }, 'cursor');
  }
}

/** Rows after the cursor in the order due date (nulls last), title, id. */
function after(c: Cursor): SQL {
  const rest = sql`(${riskActions.title}, ${riskActions.id}) > (${c.title}, ${c.id}::uuid)`;
  if (c.due === null) return sql`(${riskActions.dueDate} is null and ${rest})`;
  return sql`(${riskActions.dueDate} is null or ${riskActions.dueDate} > ${c.due}::date or (${riskActions.dueDate} = ${c.due}::date and ${rest}))`;
}

/** Open and past due (never NULL: `is not null` makes a missing due date false, so `not(...)` keeps those rows). */
export const overdueSql = (today: string) => and(inArray(riskActions.status, [...OPEN_ACTION]), isNotNull(riskActions.dueDate), lt(riskActions.dueDate, today))!;

/**
 * An åtgärd where it stands now: not one carried into the next year's VoR, whose copy stands there in its place (the
 * carried one keeps its status in the earlier year, so it would otherwise be listed and counted twice).
 */
export const currentActionSql = sql`not exists (select 1 from ${riskActions} carried where carried.carried_from_id = ${riskActions.id})`;

/** The parents of actions under `inScope` (a condition on orgs), one row per parent with its source and organisation. */
export function actionParents(ctx: Ctx, inScope: SQL) {
  const lit = (s: string) => sql<string>`${s}::text`;
  const org = {
    orgId: sql<string>`${orgs.id}`.as('p_org_id'), orgSlug: sql<string>`${orgs.slug}`.as('p_org_slug'), orgName: sql<string>`${orgs.name}`.as('p_org_name'),
    orgPath: sql<string>`${orgs.path}`.as('p_org_path'),
  };
  const vor = ctx.db
    .select({
      ptype: lit('vor_event').as('p_type'), pid: sql<string>`${vorEvents.id}`.as('p_id'),
      ptitle: sql<string>`${vorArbetssatt.name} || ': ' || ${vorEvents.title}`.as('p_title'),
      kind: lit('vor').as('p_kind'), year: sql<number | null>`${vorAssessments.year}`.as('p_year'), ...org,
    })
    .from(vorAssessments)
    .innerJoin(orgs, eq(orgs.id, vorAssessments.orgId))
    .innerJoin(vorEvents, eq(vorEvents.vorId, vorAssessments.id))
    .innerJoin(vorArbetssatt, eq(vorArbetssatt.id, vorEvents.arbetssattId))
    .where(inScope);
  const simple = (type: string, kind: Kind, t: typeof risks | typeof continuityPlans | typeof exercises) =>
    ctx.db
      .select({
        ptype: lit(type).as('p_type'), pid: sql<string>`${t.id}`.as('p_id'), ptitle: sql<string>`${t.title}`.as('p_title'),
        kind: lit(kind).as('p_kind'), year: sql<number | null>`null::int`.as('p_year'), ...org,
      })
      .from(t)
      .innerJoin(orgs, eq(orgs.id, t.orgId))
      .where(inScope);
  const rsa = ctx.db
    .select({
      ptype: lit('rsa_activity').as('p_type'), pid: sql<string>`${rsaActivities.id}`.as('p_id'), ptitle: sql<string>`${rsaActivities.name}`.as('p_title'),
      kind: lit('rsa').as('p_kind'), year: sql<number | null>`${rsaAnalyses.cycleStartYear}`.as('p_year'), ...org,
    })
    .from(rsaAnalyses)
    .innerJoin(orgs, eq(orgs.id, rsaAnalyses.orgId))
    .innerJoin(rsaActivities, eq(rsaActivities.rsaId, rsaAnalyses.id))
    .where(inScope);
  return unionAll(vor, simple('risk', 'register', risks), rsa, simple('continuity_plan', 'continuity_plan', continuityPlans), simple('exercise', 'exercise', exercises)).as('p');
}

/** The join of risk_actions to their parents from actionParents. */
export const onParent = (p: ReturnType<typeof actionParents>) => and(eq(riskActions.parentType, p.ptype), eq(riskActions.parentId, p.pid));

/**
 * GET /api/risks/actions: the subtree's åtgärder (without an org, those of every organisation the caller reads), soonest
 * due first; 404 for an org outside the caller's read scope.
 */
export async function listAllActions(ctx: Ctx, q: ActionListQuery): Promise<ActionList> {
  // Without an org: every organisation the person may read (the start page's count when no one organisation covers them).
  const org = q.org === undefined ? undefined : await orgFor(ctx, ctx.db, q.org, 'risk.read');
  const readable = ctx.authz.scopeSql('risk.read', orgs.path);
  const inScope = org ? and(like(orgs.path, escapeLike(org.path) + '%'), readable)! : readable;
  const p = actionParents(ctx, inScope);
  const today = stockholmDate();
  const limit = q.limit ?? MAX;
  const conds: SQL[] = [currentActionSql];
  if (q.status === 'open') conds.push(inArray(riskActions.status, [...OPEN_ACTION]));
  if (q.overdue === 'true') conds.push(overdueSql(today));
  if (q.overdue === 'false') conds.push(not(overdueSql(today)));
  if (q.cursor) conds.push(after(decodeCursor(q.cursor)));
  const rows = await ctx.db
    .select({ a: riskActions, p: { id: p.pid, title: p.ptitle, kind: p.kind, year: p.year, orgId: p.orgId, orgSlug: p.orgSlug, orgName: p.orgName } })
    .from(riskActions)
    .innerJoin(p, onParent(p))
    .where(and(...conds))
    .orderBy(sql`${riskActions.dueDate} asc nulls last`, asc(riskActions.title), asc(riskActions.id))
    .limit(limit + 1);
  const page = rows.slice(0, limit);
  const last = page[page.length - 1];
  return {
    items: page.map(({ a, p: parent }) => {
      const kind = parent.kind as Kind;
      return {
        ...actionDto(a, today),
        source: { kind, label: label(kind, parent.year === null ? null : Number(parent.year), parent.orgName), org: { id: parent.orgId, slug: parent.orgSlug, name: parent.orgName } },
        parent: { id: parent.id, title: parent.title },
        link: LINKS[kind],
      };
    }),
    nextCursor: rows.length > limit && last ? encodeCursor({ due: last.a.dueDate, title: last.a.title, id: last.a.id }) : null,
  };
}

