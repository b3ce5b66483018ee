/** RSA (two-year cycle) with critical activities, continuity plans and exercises. */
import { and, asc, desc, eq, gte, like, lte, type SQL } from 'drizzle-orm';
import type { z } from '@hono/zod-openapi';
import { escapeLike } from '../../server/platform/authz';
import type { Ctx } from '../../server/platform/context';
import type { Db } from '../../server/platform/db';
import { conflict, notFound, unprocessable } from '../../server/platform/errors';
import { recordWords, staleVersion } from '../../server/platform/locking';
import { inTx } from '../../server/platform/tx';
import { recordAudit } from '../audit/chain';
import { orgs } from '../org/table';
import { actionsOf } from './actions';
import type { CreateActivity, CreateExercise, CreatePlan, CreateRsa, UpdateActivity, UpdateExercise, UpdatePlan, UpdateRsa } from './contract-register';
import { checkRecord, orgFor, type OrgRow } from './common';
import { continuityPlans, exercises, rsaActivities, rsaAnalyses } from './table';
import { refuseAfterToday, refuseNotAfter, stockholmDate } from '../../server/platform/time';

type Table = typeof rsaAnalyses | typeof rsaActivities | typeof continuityPlans | typeof exercises;
const orgRef = (o: OrgRow) => ({ id: o.id, slug: o.slug, name: o.name });

/** The record kinds here: their audit entity type, and their name in messages (platform/locking.ts). */
type Kind = 'rsa' | 'rsa_activity' | 'continuity_plan' | 'exercise';

async function load<T extends Table>(ctx: Ctx, db: Db, t: T, id: string, perm: 'risk.read' | 'risk.manage', what: Kind) {
  const [r] = await db.select({ row: t, org: orgs } as never).from(t as never).innerJoin(orgs, eq(orgs.id, (t as typeof rsaAnalyses).orgId)).where(eq((t as typeof rsaAnalyses).id, id));
  const [sv, en] = recordWords(what);
  const msg = { sv: `${sv} ${id} finns inte.`, en: `The ${en} ${id} does not exist.` };
  if (!r) throw notFound(msg);
  const { row, org } = r as unknown as { row: T['$inferSelect']; org: OrgRow };
  checkRecord(ctx, org.path, perm, msg);
  return { row, org };
}

/** Generic optimistic update + audit for the four record kinds here. */
async function update<T extends Table>(
  ctx: Ctx, t: T, id: string, input: { version: number } & Record<string, unknown>, what: Kind, action: string,
  check?: (merged: T['$inferSelect']) => void,
) {
  return inTx(ctx, async (tx) => {
    const { row: cur, org } = await load(ctx, tx, t, id, 'risk.manage', what);
    const c = cur as { version: number };
    if (c.version !== input.version) throw staleVersion(what, input.version, cur as never);
    const { version, ...rest } = input;
    const set = Object.fromEntries(Object.entries(rest).filter(([, v]) => v !== undefined));
    check?.({ ...(cur as object), ...set } as T['$inferSelect']);
    const tt = t as typeof rsaAnalyses;
    const [row] = await tx.update(tt).set({ ...set, version: version + 1, updatedAt: new Date() }).where(and(eq(tt.id, id), eq(tt.version, version))).returning();
    if (!row) throw staleVersion(what, version, cur as never);
    await recordAudit(tx, ctx, { action, entityType: what, entityId: id, orgId: org.id, before: cur, after: row });
    return { row: row as unknown as T['$inferSelect'], org };
  });
}

// --- RSA -----------------------------------------------------------------------------------------------------

async function rsaDto(db: Db, r: typeof rsaAnalyses.$inferSelect, org: OrgRow) {
  const acts = await db.select().from(rsaActivities).where(eq(rsaActivities.rsaId, r.id)).orderBy(asc(rsaActivities.sortOrder), asc(rsaActivities.createdAt));
  const actions = await actionsOf(db, 'rsa_activity', acts.map((a) => a.id));
  return {
    id: r.id, org: orgRef(org), cycleStartYear: r.cycleStartYear, cycle: `${r.cycleStartYear}–${r.cycleStartYear + 1}`, title: r.title,
    summary: r.summary, status: r.status as 'pagar' | 'klar', version: r.version,
    activities: acts.map((a) => activityDto(a, actions.get(a.id) ?? [])),
  };
}

function activityDto(a: typeof rsaActivities.$inferSelect, actions: Awaited<ReturnType<typeof actionsOf>> extends Map<string, infer V> ? V : never) {
  return {
    id: a.id, rsaId: a.rsaId, name: a.name, description: a.description, dependencies: a.dependencies, threats: a.threats,
    capability: a.capability as 'god' | 'viss' | 'bristande' | null, capabilityNote: a.capabilityNote, actions, version: a.version,
  };
}

function subtree(ctx: Ctx, org: OrgRow | null): SQL[] {
  const c = [ctx.authz.scopeSql('risk.read', orgs.path)];
  if (org) c.push(like(orgs.path, escapeLike(org.path) + '%'));
  return c;
}

export async function listRsa(ctx: Ctx, q: { org?: string }) {
  const org = q.org ? await orgFor(ctx, ctx.db, q.org) : null;
  const rows = await ctx.db.select({ r: rsaAnalyses, org: orgs }).from(rsaAnalyses).innerJoin(orgs, eq(orgs.id, rsaAnalyses.orgId))
    .where(and(...subtree(ctx, org))).orderBy(asc(orgs.path), desc(rsaAnalyses.cycleStartYear));
  const out = [];
  for (const r of rows) out.push(await rsaDto(ctx.db, r.r, r.org));
  return out;
}

export async function getRsa(ctx: Ctx, id: string) {
  const { row, org } = await load(ctx, ctx.db, rsaAnalyses, id, 'risk.read', 'rsa');
  return rsaDto(ctx.db, row, org);
}

export async function createRsa(ctx: Ctx, input: z.infer<typeof CreateRsa>) {
  return inTx(ctx, async (tx) => {
    const org = await orgFor(ctx, tx, input.org, 'risk.manage');
    const [dup] = await tx.select({ id: rsaAnalyses.id }).from(rsaAnalyses).where(and(eq(rsaAnalyses.orgId, org.id), eq(rsaAnalyses.cycleStartYear, input.cycleStartYear)));
    if (dup) throw conflict('rsa_exists', { sv: `Det finns redan en RSA för cykeln ${input.cycleStartYear}–${input.cycleStartYear + 1}.`, en: `An RSA for the ${input.cycleStartYear}–${input.cycleStartYear + 1} cycle already exists.` }, 'cycleStartYear');
    const [overlap] = await tx.select({ y: rsaAnalyses.cycleStartYear }).from(rsaAnalyses)
      .where(and(eq(rsaAnalyses.orgId, org.id), gte(rsaAnalyses.cycleStartYear, input.cycleStartYear - 1), lte(rsaAnalyses.cycleStartYear, input.cycleStartYear + 1)));
    if (overlap) {
      throw unprocessable('rsa_cycle_overlap', {
        sv: `RSA-cykeln ${input.cycleStartYear}–${input.cycleStartYear + 1} överlappar cykeln ${overlap.y}–${overlap.y + 1}. Cyklerna är tvååriga.`,
        en: `The RSA cycle ${input.cycleStartYear}–${input.cycleStartYear + 1} overlaps ${overlap.y}–${overlap.y + 1}. Cycles are two years long.`,
      }, 'cycleStartYear');
    }
    const [row] = await tx.insert(rsaAnalyses).values({
      orgId: org.id, cycleStartYear: input.cycleStartYear, title: input.title ?? `Risk- och sårbarhetsanalys ${input.cycleStartYear}–${input.cycleStartYear + 1}`, summary: input.summary ?? '',
    }).returning();
    await recordAudit(tx, ctx, { action: 'risk.rsa.create', entityType: 'rsa', entityId: row.id, orgId: org.id, after: row });
    return rsaDto(tx, row, org);
  });
}

export async function updateRsa(ctx: Ctx, id: string, input: z.infer<typeof UpdateRsa>) {
  const { row, org } = await update(ctx, rsaAnalyses, id, input, 'rsa', 'risk.rsa.update');
  return rsaDto(ctx.db, row, org);
}

export async function addActivity(ctx: Ctx, rsaId: string, input: z.infer<typeof CreateActivity>) {
  return inTx(ctx, async (tx) => {
    const { row: rsa, org } = await load(ctx, tx, rsaAnalyses, rsaId, 'risk.manage', 'rsa');
    const n = (await tx.select({ id: rsaActivities.id }).from(rsaActivities).where(eq(rsaActivities.rsaId, rsaId))).length;
    const [row] = await tx.insert(rsaActivities).values({
      rsaId: rsa.id, orgId: org.id, name: input.name, description: input.description ?? '', dependencies: input.dependencies ?? [],
      threats: input.threats ?? [], capability: input.capability ?? null, capabilityNote: input.capabilityNote ?? '', sortOrder: n,
    }).returning();
    await recordAudit(tx, ctx, { action: 'risk.rsa.activity.create', entityType: 'rsa_activity', entityId: row.id, orgId: org.id, after: row });
    return activityDto(row, []);
  });
}

export async function updateActivity(ctx: Ctx, id: string, input: z.infer<typeof UpdateActivity>) {
  const { row } = await update(ctx, rsaActivities, id, input, 'rsa_activity', 'risk.rsa.activity.update');
  return activityDto(row, (await actionsOf(ctx.db, 'rsa_activity', [id])).get(id) ?? []);
}

// --- continuity plans ----------------------------------------------------------------------------------------

async function planDtos(db: Db, rows: { p: typeof continuityPlans.$inferSelect; org: OrgRow }[]) {
  const actions = await actionsOf(db, 'continuity_plan', rows.map((r) => r.p.id));
  const today = stockholmDate();
  return rows.map(({ p, org }) => ({
    id: p.id, org: orgRef(org), title: p.title, activityId: p.activityId, objectName: p.objectName, owner: p.owner, fallback: p.fallback,
    status: p.status as 'utkast' | 'faststalld' | 'under_arbete', lastReviewed: p.lastReviewed, nextReview: p.nextReview,
    reviewOverdue: p.nextReview !== null && p.nextReview < today, actions: actions.get(p.id) ?? [], version: p.version,
  }));
}

export async function listPlans(ctx: Ctx, q: { org?: string }) {
  const org = q.org ? await orgFor(ctx, ctx.db, q.org) : null;
  const rows = await ctx.db.select({ p: continuityPlans, org: orgs }).from(continuityPlans).innerJoin(orgs, eq(orgs.id, continuityPlans.orgId))
    .where(and(...subtree(ctx, org))).orderBy(asc(orgs.path), asc(continuityPlans.title));
  return planDtos(ctx.db, rows);
}

async function checkActivity(ctx: Ctx, tx: Db, id: string | null | undefined, org: OrgRow) {
  if (!id) return;
  const { org: aOrg } = await load(ctx, tx, rsaActivities, id, 'risk.read', 'rsa_activity').catch(() => {
    throw unprocessable('activity_missing', { sv: `Aktiviteten ${id} finns inte.`, en: `Activity ${id} does not exist.` }, 'activityId');
  });
  if (!org.path.startsWith(aOrg.path) && !aOrg.path.startsWith(org.path)) {
    throw unprocessable('activity_other_org', { sv: 'Aktiviteten hör till en annan organisation.', en: 'The activity belongs to another organisation.' }, 'activityId');
  }
}

/**
 * A continuity plan's review dates: the last review has happened (not after today, Stockholm time) and the next one
 * comes after it. 422 on the date at fault.
 */
function checkPlanDates(p: { lastReviewed?: string | null; nextReview?: string | null }) {
  refuseAfterToday(p.lastReviewed, 'lastReviewed', 'last_review_in_future', { sv: 'Senast granskad', en: 'Last reviewed' },
    { sv: 'Ange när planen faktiskt granskades.', en: 'Give the date the plan was actually reviewed.' });
  refuseNotAfter(p.nextReview, p.lastReviewed, 'nextReview', 'next_review_not_after_last', { sv: 'Nästa granskning', en: 'next review' }, { sv: 'senaste granskningen', en: 'last review' });
}

export async function createPlan(ctx: Ctx, input: z.infer<typeof CreatePlan>) {
  checkPlanDates(input);
  return inTx(ctx, async (tx) => {
    const org = await orgFor(ctx, tx, input.org, 'risk.manage');
    await checkActivity(ctx, tx, input.activityId, org);
    const { org: _o, ...v } = input;
    const [row] = await tx.insert(continuityPlans).values({ ...v, orgId: org.id }).returning();
    await recordAudit(tx, ctx, { action: 'risk.continuity.create', entityType: 'continuity_plan', entityId: row.id, orgId: org.id, after: row });
    return (await planDtos(tx, [{ p: row, org }]))[0];
  });
}

export async function updatePlan(ctx: Ctx, id: string, input: z.infer<typeof UpdatePlan>) {
  const { row, org } = await update(ctx, continuityPlans, id, input, 'continuity_plan', 'risk.continuity.update', checkPlanDates);
  return (await planDtos(ctx.db, [{ p: row, org }]))[0];
}

// --- exercises -----------------------------------------------------------------------------------------------

async function exerciseDtos(db: Db, rows: { e: typeof exercises.$inferSelect; org: OrgRow }[]) {
  const actions = await actionsOf(db, 'exercise', rows.map((r) => r.e.id));
  return rows.map(({ e, org }) => ({
    id: e.id, org: orgRef(org), planId: e.planId, date: e.date, title: e.title, scenario: e.scenario, participants: e.participants,
    observations: e.observations, actions: actions.get(e.id) ?? [], version: e.version,
  }));
}

export async function listExercises(ctx: Ctx, q: { org?: string; year?: number }) {
  const org = q.org ? await orgFor(ctx, ctx.db, q.org) : null;
  const conds = subtree(ctx, org);
  if (q.year) conds.push(gte(exercises.date, `${q.year}-01-01`), lte(exercises.date, `${q.year}-12-31`));
  const rows = await ctx.db.select({ e: exercises, org: orgs }).from(exercises).innerJoin(orgs, eq(orgs.id, exercises.orgId))
    .where(and(...conds)).orderBy(desc(exercises.date));
  return exerciseDtos(ctx.db, rows);
}

async function checkPlan(ctx: Ctx, tx: Db, id: string | null | undefined) {
  if (!id) return;
  await load(ctx, tx, continuityPlans, id, 'risk.read', 'continuity_plan').catch(() => {
    throw unprocessable('plan_missing', { sv: `Kontinuitetsplanen ${id} finns inte.`, en: `Continuity plan ${id} does not exist.` }, 'planId');
  });
}

export async function createExercise(ctx: Ctx, input: z.infer<typeof CreateExercise>) {
  return inTx(ctx, async (tx) => {
    const org = await orgFor(ctx, tx, input.org, 'risk.manage');
    await checkPlan(ctx, tx, input.planId);
    const { org: _o, ...v } = input;
    const [row] = await tx.insert(exercises).values({ ...v, orgId: org.id }).returning();
    await recordAudit(tx, ctx, { action: 'risk.exercise.create', entityType: 'exercise', entityId: row.id, orgId: org.id, after: row });
    return (await exerciseDtos(tx, [{ e: row, org }]))[0];
  });
}

export async function updateExercise(ctx: Ctx, id: string, input: z.infer<typeof UpdateExercise>) {
  if (input.planId) await checkPlan(ctx, ctx.db, input.planId);
  const { row, org } = await update(ctx, exercises, id, input, 'exercise', 'risk.exercise.update');
  return (await exerciseDtos(ctx.db, [{ e: row, org }]))[0];
}
