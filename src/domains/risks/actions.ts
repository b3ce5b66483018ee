/** Åtgärder: one table for actions of VoR events, register risks, exercises, RSA activities and continuity plans. */
import { and, asc, eq, inArray } from 'drizzle-orm';
import type { Ctx } from '../../server/platform/context';
import type { Db } from '../../server/platform/db';
import { notFound } from '../../server/platform/errors';
import { recordWords, staleVersion } from '../../server/platform/locking';
import { inTx } from '../../server/platform/tx';
import { recordAudit } from '../audit/chain';
import { orgs } from '../org/table';
import type { Action, CreateAction, UpdateAction } from './contract';
import { checkRecord } from './common';
import { continuityPlans, exercises, riskActions, risks, rsaActivities, vorEvents } from './table';
import { stockholmDate } from '../../server/platform/time';

type ActionRow = typeof riskActions.$inferSelect;

export function actionDto(r: ActionRow, today = stockholmDate()): Action {
  return {
    id: r.id,
    orgId: r.orgId,
    parentType: r.parentType,
    parentId: r.parentId,
    title: r.title,
    owner: r.owner,
    dueDate: r.dueDate,
    status: r.status as Action['status'],
    note: r.note,
    carriedFromId: r.carriedFromId,
    overdue: (r.status === 'planerad' || r.status === 'pagar') && r.dueDate !== null && r.dueDate < today,
    version: r.version,
  };
}

/** Actions of many parents, grouped by parent id, in creation order. */
export async function actionsOf(db: Db, parentType: string, parentIds: string[]): Promise<Map<string, Action[]>> {
  const out = new Map<string, Action[]>();
  if (parentIds.length === 0) return out;
  const rows = await db
    .select()
    .from(riskActions)
    .where(and(eq(riskActions.parentType, parentType), inArray(riskActions.parentId, parentIds)))
    .orderBy(asc(riskActions.createdAt), asc(riskActions.id));
  const today = stockholmDate();
  for (const r of rows) out.set(r.parentId, [...(out.get(r.parentId) ?? []), actionDto(r, today)]);
  return out;
}

const PARENT_TABLES = {
  vor_event: vorEvents,
  risk: risks,
  exercise: exercises,
  rsa_activity: rsaActivities,
  continuity_plan: continuityPlans,
} as const;

const parentMissingText = (type: keyof typeof PARENT_TABLES, id: string) => {
  const [sv, en] = recordWords(type);
  return { sv: `${sv} ${id} finns inte.`, en: `The ${en} ${id} does not exist.` };
};
const parentMissing = (type: keyof typeof PARENT_TABLES, id: string) => notFound(parentMissingText(type, id), 'parentId');

/** The parent record's org (id and path), or 404 when it is missing or out of the caller's scope. */
async function parentOrg(ctx: Ctx, tx: Db, type: CreateAction['parentType'], id: string): Promise<{ orgId: string; path: string }> {
  const t = PARENT_TABLES[type];
  const [row] = await tx.select({ orgId: t.orgId, path: orgs.path }).from(t).innerJoin(orgs, eq(orgs.id, t.orgId)).where(eq(t.id, id));
  if (!row) throw parentMissing(type, id);
  checkRecord(ctx, row.path, 'risk.manage', parentMissingText(type, id));
  return row;
}

export async function createAction(ctx: Ctx, input: CreateAction): Promise<Action> {
  return inTx(ctx, async (tx) => {
    const p = await parentOrg(ctx, tx, input.parentType, input.parentId);
    const [row] = await tx
      .insert(riskActions)
      .values({
        orgId: p.orgId,
        parentType: input.parentType,
        parentId: input.parentId,
        title: input.title,
        owner: input.owner ?? '',
        dueDate: input.dueDate ?? null,
        status: input.status ?? 'planerad',
        note: input.note ?? '',
      })
      .returning();
    await recordAudit(tx, ctx, { action: 'risk.action.create', entityType: 'risk_action', entityId: row.id, orgId: p.orgId, after: row });
    return actionDto(row);
  });
}

export async function updateAction(ctx: Ctx, id: string, input: UpdateAction): Promise<Action> {
  return inTx(ctx, async (tx) => {
    const [cur] = await tx.select({ a: riskActions, path: orgs.path }).from(riskActions).innerJoin(orgs, eq(orgs.id, riskActions.orgId)).where(eq(riskActions.id, id));
    const what = { sv: `Åtgärden ${id} finns inte.`, en: `Action ${id} does not exist.` };
    if (!cur) throw notFound(what);
    checkRecord(ctx, cur.path, 'risk.manage', what);
    if (cur.a.version !== input.version) throw staleVersion('åtgärd', input.version, actionDto(cur.a));
    const { version, ...changes } = input;
    const [row] = await tx
      .update(riskActions)
      .set({ ...changes, version: version + 1, updatedAt: new Date() })
      .where(and(eq(riskActions.id, id), eq(riskActions.version, version)))
      .returning();
    if (!row) throw staleVersion('åtgärd', version, cur.a);
    await recordAudit(tx, ctx, { action: 'risk.action.update', entityType: 'risk_action', entityId: id, orgId: row.orgId, before: cur.a, after: row });
    return actionDto(row);
  });
}
