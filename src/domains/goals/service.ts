import { and, asc, eq, inArray, isNull, like, sql, type SQL } from 'drizzle-orm';
import { escapeLike } from '../../server/platform/authz';
import type { Ctx } from '../../server/platform/context';
import type { Db } from '../../server/platform/db';
import { badRequest, conflict, notFound, unprocessable } from '../../server/platform/errors';
import { staleVersion } from '../../server/platform/locking';
import { stockholmYear } from '../../server/platform/time';
import { inTx } from '../../server/platform/tx';
import { recordAudit } from '../audit/chain';
import { orgs } from '../org/table';
import { orgFor, orgSlugs, recordOrg } from '../plans/scope';
import { compareGoalCodes, type CreateGoal, type Goal, type GoalQuery, type GoalStatusValue, type SetGoalStatus, type UpdateGoal } from './contract';
import { goalIndicators, goalStatuses, goals } from './table';

type GoalRow = typeof goals.$inferSelect;
const what = (id: string) => ({ sv: `Målet ${id} finns inte.`, en: `Goal ${id} does not exist.` });

async function assemble(db: Db, rows: GoalRow[], year?: number): Promise<Goal[]> {
  if (rows.length === 0) return [];
  const ids = rows.map((r) => r.id);
  const inds = await db.select().from(goalIndicators).where(inArray(goalIndicators.goalId, ids)).orderBy(asc(goalIndicators.position), asc(goalIndicators.createdAt));
  const stConds: SQL[] = [inArray(goalStatuses.goalId, ids)];
  if (year !== undefined) stConds.push(eq(goalStatuses.year, year));
  const sts = await db.select().from(goalStatuses).where(and(...stConds)).orderBy(asc(goalStatuses.year));
  const names = await orgSlugs(db, rows.map((r) => r.orgId));
  const st = (s: typeof goalStatuses.$inferSelect) => ({
    id: s.id, year: s.year, indicatorId: s.indicatorId, status: s.status as GoalStatusValue, comment: s.comment, version: s.version,
  });
  return rows.map((g) => ({
    id: g.id,
    org: { id: g.orgId, ...names.get(g.orgId)! },
    code: g.code,
    title: g.title,
    description: g.description,
    version: g.version,
    indicators: inds.filter((i) => i.goalId === g.id).map((i) => ({
      id: i.id, text: i.text, position: i.position, version: i.version,
      statuses: sts.filter((s) => s.indicatorId === i.id).map(st),
    })),
    statuses: sts.filter((s) => s.goalId === g.id && s.indicatorId === null).map(st),
  }));
}

export async function listGoals(ctx: Ctx, q: GoalQuery): Promise<Goal[]> {
  const org = await orgFor(ctx, ctx.db, q.org, 'plan.read');
  const rows = await ctx.db
    .select({ g: goals })
    .from(goals)
    .innerJoin(orgs, eq(orgs.id, goals.orgId))
    .where(and(
      ctx.authz.scopeSql('plan.read', orgs.path),
      q.subtree === 'false' ? eq(goals.orgId, org.id) : like(orgs.path, escapeLike(org.path) + '%'),
    ))
    .orderBy(asc(goals.code));
  return assemble(ctx.db, rows.map((r) => r.g).sort((a, b) => compareGoalCodes(a.code, b.code)), q.year);
}

async function load(ctx: Ctx, db: Db, id: string, write: boolean) {
  const [g] = await db.select().from(goals).where(eq(goals.id, id));
  if (!g) throw notFound(what(id), 'id');
  const org = await recordOrg(ctx, db, g.orgId, 'plan.read', write ? 'plan.manage' : undefined, what(id));
  return { g, org };
}

export async function getGoal(ctx: Ctx, id: string): Promise<Goal> {
  const { g } = await load(ctx, ctx.db, id, false);
  return (await assemble(ctx.db, [g]))[0];
}

export async function createGoal(ctx: Ctx, input: CreateGoal): Promise<Goal> {
  return inTx(ctx, async (tx) => {
    const org = await orgFor(ctx, tx, input.org, 'plan.read', 'plan.manage');
    const [dup] = await tx.select({ id: goals.id }).from(goals).where(and(eq(goals.orgId, org.id), eq(goals.code, input.code)));
    if (dup) throw conflict('duplicate_code', { sv: `Mål ${input.code} finns redan.`, en: `Goal ${input.code} already exists.` }, 'code');
    const [g] = await tx.insert(goals).values({ orgId: org.id, code: input.code, title: input.title, description: input.description ?? '' }).returning();
    const inds = input.indicators?.length
      ? await tx.insert(goalIndicators).values(input.indicators.map((text, position) => ({ goalId: g.id, text, position }))).returning()
      : [];
    await recordAudit(tx, ctx, { action: 'goal.create', entityType: 'goal', entityId: g.id, orgId: org.id, after: { ...g, indicators: inds } });
    return (await assemble(tx, [g]))[0];
  });
}

export async function updateGoal(ctx: Ctx, id: string, input: UpdateGoal): Promise<Goal> {
  return inTx(ctx, async (tx) => {
    const { g, org } = await load(ctx, tx, id, true);
    const { version, ...changes } = input;
    if (g.version !== version) throw staleVersion('goal', version, g);
    const [row] = await tx.update(goals).set({ ...changes, version: sql`${goals.version} + 1`, updatedAt: new Date() })
      .where(and(eq(goals.id, id), eq(goals.version, version))).returning();
    if (!row) throw staleVersion('goal', version, g);
    await recordAudit(tx, ctx, { action: 'goal.update', entityType: 'goal', entityId: id, orgId: org.id, before: g, after: row });
    return (await assemble(tx, [row]))[0];
  });
}

export async function addIndicator(ctx: Ctx, goalId: string, input: { text: string; position?: number }): Promise<Goal> {
  return inTx(ctx, async (tx) => {
    const { g, org } = await load(ctx, tx, goalId, true);
    // Without a position it goes last (at 0 it landed second, beside the first indicator of the same position).
    const [{ next }] = await tx.select({ next: sql<number>`coalesce(max(${goalIndicators.position}) + 1, 0)::int` }).from(goalIndicators).where(eq(goalIndicators.goalId, goalId));
    const [row] = await tx.insert(goalIndicators).values({ goalId, text: input.text, position: input.position ?? Number(next) }).returning();
    await recordAudit(tx, ctx, { action: 'goal.indicator.create', entityType: 'goal_indicator', entityId: row.id, orgId: org.id, after: row });
    return (await assemble(tx, [g]))[0];
  });
}

export async function updateIndicator(ctx: Ctx, id: string, input: { version: number; text?: string; position?: number }): Promise<Goal> {
  return inTx(ctx, async (tx) => {
    const [cur] = await tx.select().from(goalIndicators).where(eq(goalIndicators.id, id));
    if (!cur) throw notFound({ sv: `Indikatorn ${id} finns inte.`, en: `Indicator ${id} does not exist.` }, 'id');
    const { g, org } = await load(ctx, tx, cur.goalId, true);
    const { version, ...changes } = input;
    const [row] = await tx.update(goalIndicators).set({ ...changes, version: sql`${goalIndicators.version} + 1`, updatedAt: new Date() })
      .where(and(eq(goalIndicators.id, id), eq(goalIndicators.version, version))).returning();
    if (!row) throw staleVersion('goal indicator', version, cur);
    await recordAudit(tx, ctx, { action: 'goal.indicator.update', entityType: 'goal_indicator', entityId: id, orgId: org.id, before: cur, after: row });
    return (await assemble(tx, [g]))[0];
  });
}

/** Sets the yearly status (and comment) of a goal or one of its indicators; an existing one needs its version. */
export async function setGoalStatus(ctx: Ctx, goalId: string, input: SetGoalStatus): Promise<Goal> {
  return inTx(ctx, async (tx) => {
    const { g, org } = await load(ctx, tx, goalId, true);
    // An outcome (uppfyllt, delvis, ej) is followed up in or after its year; a year not yet begun can only be 'pågår'.
    const thisYear = stockholmYear(new Date());
    if (input.status !== 'pågår' && input.year > thisYear) {
      throw unprocessable('outcome_in_future', {
        sv: `Status "${input.status}" kan inte anges för ${input.year}, ett år som inte har börjat (i år är ${thisYear}). Använd "pågår" eller ange det år som följs upp.`,
        en: `Status "${input.status}" cannot be given for ${input.year}, a year not yet begun (this year is ${thisYear}). Use "pågår" or give the year followed up.`,
      }, 'status');
    }
    const indicatorId = input.indicatorId ?? null;
    if (indicatorId) {
      const [ind] = await tx.select({ id: goalIndicators.id }).from(goalIndicators).where(and(eq(goalIndicators.id, indicatorId), eq(goalIndicators.goalId, goalId)));
      if (!ind) throw badRequest('unknown_indicator', { sv: 'Indikatorn hör inte till målet.', en: 'The indicator does not belong to the goal.' }, 'indicatorId');
    }
    const [cur] = await tx.select().from(goalStatuses).where(and(
      eq(goalStatuses.goalId, goalId), eq(goalStatuses.year, input.year),
      indicatorId ? eq(goalStatuses.indicatorId, indicatorId) : isNull(goalStatuses.indicatorId),
    ));
    let row;
    if (cur) {
      if (input.version !== cur.version) throw staleVersion('goal status', input.version ?? 0, cur);
      [row] = await tx.update(goalStatuses)
        .set({ status: input.status, comment: input.comment ?? cur.comment, version: cur.version + 1, updatedAt: new Date() })
        .where(and(eq(goalStatuses.id, cur.id), eq(goalStatuses.version, cur.version))).returning();
      if (!row) throw staleVersion('goal status', input.version ?? 0, cur);
    } else {
      [row] = await tx.insert(goalStatuses).values({ goalId, indicatorId, year: input.year, status: input.status, comment: input.comment ?? '' }).returning();
    }
    await recordAudit(tx, ctx, { action: 'goal.status', entityType: 'goal', entityId: goalId, orgId: org.id, before: cur ?? null, after: row });
    return (await assemble(tx, [g]))[0];
  });
}
