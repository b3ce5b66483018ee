/** RSA (two-year cycle) with critical activities, continuity plans and exercises. */
import { and, asc, desc, eq, gte, inArray, like, lte, max, ne, sql, type SQL } from 'drizzle-orm';
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
import type {
  CreateActivity, CreateExercise, CreatePlan, CreateRsa, ExerciseQuery, PlanQuery, UpdateActivity, UpdateExercise, UpdatePlan, UpdateRsa,
} from './contract-register';
import type { EXERCISE_TYPES } from './contract-register';
import { objectLinks } from '../objects/linked';
import { checkExercise, checkPlan, checkRsaCycle, exerciseOverdue, nextReviewOf, nextReviewSql } from './continuity-rules';
import { checkRecord, orgFor, type OrgRow } from './common';
import { continuityPlanObjects, continuityPlans, exercisePlans, exercises, rsaActivities, rsaActivityObjects, rsaAnalyses } from './table';
import { stockholmDate } from '../../server/platform/time';

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

/** Links beside a record's row, changed in the update's transaction: ids before and after, for the audit log. */
interface Extra { apply: (tx: Db, id: string, org: OrgRow) => Promise<{ before: Record<string, unknown>; after: Record<string, unknown> }> }
const noExtra: Extra = { apply: async () => ({ before: {}, after: {} }) };

/** The audit actions of archiving and restoring, by the update action of the kinds that are archived. */
const ARCHIVE_ACTIONS: Record<string, [archive: string, restore: string]> = {
  'risk.continuity.update': ['risk.continuity.archive', 'risk.continuity.restore'],
  'risk.exercise.update': ['risk.exercise.archive', 'risk.exercise.restore'],
};

/**
 * Generic optimistic update + audit for the four record kinds here; `archived` true/false audits as the kind's
 * archive / restore action (ARCHIVE_ACTIONS; never a delete).
 */
async function update<T extends Table>(
  ctx: Ctx, t: T, id: string, input: { version: number } & Record<string, unknown>, what: Kind, action: string,
  check?: (merged: T['$inferSelect'], org: OrgRow, tx: Db) => void | Promise<void>, extra: Extra = noExtra,
) {
  return inTx(ctx, async (tx) => {
    const { row: cur, org } = await load(ctx, tx, t, id, 'risk.manage', what);
    const c = cur as { version: number; archived?: boolean };
    if (c.version !== input.version) throw staleVersion(what, input.version, cur as never);
    const { version, ...rest } = input;
    const set = Object.fromEntries(Object.entries(rest).filter(([, v]) => v !== undefined));
    await check?.({ ...(cur as object), ...set } as T['$inferSelect'], org, tx);
    const links = await extra.apply(tx, id, org);
    const tt = t as typeof rsaAnalyses;
    const [row] = await tx.update(tt).set({ ...set, version: version + 1, updatedAt: new Date() }).where(and(eq(tt.id, id), eq(tt.version, version))).returning();
    if (!row) throw staleVersion(what, version, cur as never);
    const [archive, restore] = ARCHIVE_ACTIONS[action] ?? [action, action];
    const name = set.archived === true && !c.archived ? archive : set.archived === false && c.archived ? restore : action;
    await recordAudit(tx, ctx, { action: name, entityType: what, entityId: id, orgId: org.id, before: { ...cur, ...links.before }, after: { ...row, ...links.after } });
    return { row: row as unknown as T['$inferSelect'], org };
  });
}

/** Object links of critical processes and of continuity plans (objects/linked.ts). */
const activitySystems = objectLinks({ table: rsaActivityObjects, owner: rsaActivityObjects.activityId, object: rsaActivityObjects.objectId, row: (activityId, objectId) => ({ activityId, objectId }) });
const planSystems = objectLinks({ table: continuityPlanObjects, owner: continuityPlanObjects.planId, object: continuityPlanObjects.objectId, row: (planId, objectId) => ({ planId, objectId }) });

/** Links changed in an update when `ids` is given, with the ids before and after (under `key`) for the audit. */
const linksExtra = (ctx: Ctx, links: typeof planSystems, ids: string[] | undefined, key: string): Extra => ({
  async apply(tx, id) {
    const before = await links.idsOf(tx, id);
    if (ids) await links.set(ctx, tx, id, ids);
    return { before: { [key]: before }, after: { [key]: await links.idsOf(tx, id) } };
  },
});

// --- RSA -----------------------------------------------------------------------------------------------------

type PlanStatus = 'saknas' | 'under_arbete' | 'faststalld';
const RANK: Record<PlanStatus, number> = { saknas: 0, under_arbete: 1, faststalld: 2 };

/** Per critical process, the best status of its active continuity plans ('saknas' without any). */
export async function planStatusOf(db: Db, activityIds: string[]): Promise<Map<string, PlanStatus>> {
  const out = new Map<string, PlanStatus>();
  if (activityIds.length === 0) return out;
  const rows = await db.select({ a: continuityPlans.activityId, s: continuityPlans.status }).from(continuityPlans)
    .where(and(inArray(continuityPlans.activityId, activityIds), eq(continuityPlans.archived, false)));
  for (const r of rows) {
    const cur = out.get(r.a!) ?? 'saknas';
    if (RANK[r.s as PlanStatus] > RANK[cur]) out.set(r.a!, r.s as PlanStatus);
  }
  return out;
}

async function rsaDto(ctx: Ctx, db: Db, r: typeof rsaAnalyses.$inferSelect, org: OrgRow) {
  const acts = await db.select().from(rsaActivities).where(eq(rsaActivities.rsaId, r.id)).orderBy(asc(rsaActivities.sortOrder), asc(rsaActivities.createdAt));
  return {
    id: r.id, org: orgRef(org), cycleStartYear: r.cycleStartYear, cycleEndYear: r.cycleEndYear, cycle: cycleText(r), title: r.title,
    summary: r.summary, status: r.status as 'planerad' | 'pagar' | 'klar', version: r.version,
    activities: await activityDtos(ctx, db, acts),
  };
}

export const cycleText = (r: { cycleStartYear: number; cycleEndYear: number }) => (r.cycleEndYear === r.cycleStartYear ? `${r.cycleStartYear}` : `${r.cycleStartYear}–${r.cycleEndYear}`);

async function activityDtos(ctx: Ctx, db: Db, acts: (typeof rsaActivities.$inferSelect)[]) {
  const ids = acts.map((a) => a.id);
  const [actions, objects, status] = await Promise.all([actionsOf(db, 'rsa_activity', ids), activitySystems.linked(ctx, db, ids), planStatusOf(db, ids)]);
  const ownerIds = [...new Set(acts.map((a) => a.ownerOrgId).filter((x): x is string => !!x))];
  const owners = new Map((ownerIds.length ? await db.select().from(orgs).where(inArray(orgs.id, ownerIds)) : []).map((o) => [o.id, orgRef(o)]));
  return acts.map((a) => ({
    id: a.id, rsaId: a.rsaId, name: a.name, description: a.description, ownerOrg: a.ownerOrgId ? owners.get(a.ownerOrgId) ?? null : null,
    owner: a.owner, maxDowntimeHours: a.maxDowntimeHours, dependencies: a.dependencies, objects: objects.get(a.id) ?? [], threats: a.threats,
    capability: a.capability as 'god' | 'viss' | 'bristande' | null, capabilityNote: a.capabilityNote,
    planStatus: status.get(a.id) ?? ('saknas' as const), actions: actions.get(a.id) ?? [], version: a.version,
  }));
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
  for (const r of rows) out.push(await rsaDto(ctx, ctx.db, r.r, r.org));
  return out;
}

export async function getRsa(ctx: Ctx, id: string) {
  const { row, org } = await load(ctx, ctx.db, rsaAnalyses, id, 'risk.read', 'rsa');
  return rsaDto(ctx, ctx.db, row, org);
}

/** 422 at cycleStartYear when the cycle start..end overlaps another cycle of the förvaltning. */
async function refuseOverlap(tx: Db, orgId: string, start: number, end: number, except?: string) {
  const conds = [eq(rsaAnalyses.orgId, orgId), lte(rsaAnalyses.cycleStartYear, end), gte(rsaAnalyses.cycleEndYear, start)];
  if (except) conds.push(ne(rsaAnalyses.id, except));
  const [overlap] = await tx.select({ s: rsaAnalyses.cycleStartYear, e: rsaAnalyses.cycleEndYear }).from(rsaAnalyses).where(and(...conds));
  if (!overlap) return;
  const mine = cycleText({ cycleStartYear: start, cycleEndYear: end });
  const theirs = cycleText({ cycleStartYear: overlap.s, cycleEndYear: overlap.e });
  throw unprocessable('rsa_cycle_overlap', {
    sv: `RSA-cykeln ${mine} överlappar cykeln ${theirs}.`,
    en: `The RSA cycle ${mine} overlaps ${theirs}.`,
  }, except ? 'cycleEndYear' : 'cycleStartYear');
}

export async function createRsa(ctx: Ctx, input: z.infer<typeof CreateRsa>) {
  const end = input.cycleEndYear ?? input.cycleStartYear + 1;
  checkRsaCycle(input.cycleStartYear, end);
  return inTx(ctx, async (tx) => {
    const org = await orgFor(ctx, tx, input.org, 'risk.manage');
    const [dup] = await tx.select({ id: rsaAnalyses.id }).from(rsaAnalyses).where(and(eq(rsaAnalyses.orgId, org.id), eq(rsaAnalyses.cycleStartYear, input.cycleStartYear)));
    const cycle = cycleText({ cycleStartYear: input.cycleStartYear, cycleEndYear: end });
    if (dup) throw conflict('rsa_exists', { sv: `Det finns redan en RSA för cykeln ${cycle}.`, en: `An RSA for the ${cycle} cycle already exists.` }, 'cycleStartYear');
    await refuseOverlap(tx, org.id, input.cycleStartYear, end);
    const [row] = await tx.insert(rsaAnalyses).values({
      orgId: org.id, cycleStartYear: input.cycleStartYear, cycleEndYear: end, title: input.title ?? `Risk- och sårbarhetsanalys ${cycle}`,
      summary: input.summary ?? '', status: input.status ?? 'pagar',
    }).returning();
    await recordAudit(tx, ctx, { action: 'risk.rsa.create', entityType: 'rsa', entityId: row.id, orgId: org.id, after: row });
    return rsaDto(ctx, tx, row, org);
  });
}

export async function updateRsa(ctx: Ctx, id: string, input: z.infer<typeof UpdateRsa>) {
  const { row, org } = await update(ctx, rsaAnalyses, id, input, 'rsa', 'risk.rsa.update', async (m, o, tx) => {
    checkRsaCycle(m.cycleStartYear, m.cycleEndYear);
    if (input.cycleEndYear !== undefined) await refuseOverlap(tx, o.id, m.cycleStartYear, m.cycleEndYear, id);
  });
  return rsaDto(ctx, ctx.db, row, org);
}

/** The owner unit named by slug: the RSA's organisation or one below it (422 at ownerOrg otherwise). */
async function ownerOrgId(tx: Db, ref: string | null | undefined, rsaOrg: OrgRow): Promise<string | null | undefined> {
  if (ref === undefined || ref === null) return ref;
  const [o] = await tx.select().from(orgs).where(eq(orgs.slug, ref));
  if (!o || !o.path.startsWith(rsaOrg.path)) {
    throw unprocessable('owner_org_outside', {
      sv: `Enheten "${ref}" finns inte inom ${rsaOrg.name}.`, en: `The unit "${ref}" is not within ${rsaOrg.name}.`,
    }, 'ownerOrg');
  }
  return o.id;
}

export async function addActivity(ctx: Ctx, rsaId: string, input: z.infer<typeof CreateActivity>) {
  return inTx(ctx, async (tx) => {
    const { row: rsa, org } = await load(ctx, tx, rsaAnalyses, rsaId, 'risk.manage', 'rsa');
    const n = (await tx.select({ id: rsaActivities.id }).from(rsaActivities).where(eq(rsaActivities.rsaId, rsaId))).length;
    const [row] = await tx.insert(rsaActivities).values({
      rsaId: rsa.id, orgId: org.id, name: input.name, description: input.description ?? '', ownerOrgId: (await ownerOrgId(tx, input.ownerOrg, org)) ?? null,
      owner: input.owner ?? '', maxDowntimeHours: input.maxDowntimeHours ?? null, dependencies: input.dependencies ?? [],
      threats: input.threats ?? [], capability: input.capability ?? null, capabilityNote: input.capabilityNote ?? '', sortOrder: n,
    }).returning();
    if (input.objectIds) await activitySystems.set(ctx, tx, row.id, input.objectIds);
    await recordAudit(tx, ctx, { action: 'risk.rsa.activity.create', entityType: 'rsa_activity', entityId: row.id, orgId: org.id, after: { ...row, objectIds: await activitySystems.idsOf(tx, row.id) } });
    return (await activityDtos(ctx, tx, [row]))[0];
  });
}

export async function updateActivity(ctx: Ctx, id: string, input: z.infer<typeof UpdateActivity>) {
  const { objectIds, ownerOrg, ...rest } = input;
  const { row } = await update(ctx, rsaActivities, id, rest, 'rsa_activity', 'risk.rsa.activity.update', undefined, {
    async apply(tx, aid, org) {
      if (ownerOrg !== undefined) await tx.update(rsaActivities).set({ ownerOrgId: await ownerOrgId(tx, ownerOrg, org) }).where(eq(rsaActivities.id, aid));
      return linksExtra(ctx, activitySystems, objectIds, 'objectIds').apply(tx, aid, org);
    },
  });
  return (await activityDtos(ctx, ctx.db, [row]))[0];
}

// --- continuity plans ----------------------------------------------------------------------------------------

/** Per plan, the day of its latest held (genomförd, not archived) exercise. */
export async function lastExercisedOf(db: Db, planIds: string[]): Promise<Map<string, string>> {
  if (planIds.length === 0) return new Map();
  const rows = await db.select({ plan: exercisePlans.planId, last: max(exercises.date) }).from(exercisePlans)
    .innerJoin(exercises, eq(exercises.id, exercisePlans.exerciseId))
    .where(and(inArray(exercisePlans.planId, planIds), eq(exercises.status, 'genomford'), eq(exercises.archived, false)))
    .groupBy(exercisePlans.planId);
  return new Map(rows.filter((r) => r.last).map((r) => [r.plan, r.last!]));
}

async function planDtos(ctx: Ctx, db: Db, rows: { p: typeof continuityPlans.$inferSelect; org: OrgRow }[]) {
  const ids = rows.map((r) => r.p.id);
  const [actions, objects, last] = await Promise.all([actionsOf(db, 'continuity_plan', ids), planSystems.linked(ctx, db, ids), lastExercisedOf(db, ids)]);
  const actIds = [...new Set(rows.map((r) => r.p.activityId).filter((x): x is string => !!x))];
  const acts = new Map((actIds.length ? await db.select({ id: rsaActivities.id, name: rsaActivities.name }).from(rsaActivities).where(inArray(rsaActivities.id, actIds)) : []).map((a) => [a.id, a.name]));
  const today = stockholmDate();
  return rows.map(({ p, org }) => {
    const next = nextReviewOf(p);
    const lastExercised = last.get(p.id) ?? null;
    return {
      id: p.id, org: orgRef(org), title: p.title, activityId: p.activityId, activityName: p.activityId ? acts.get(p.activityId) ?? null : null,
      objectName: p.objectName, objects: objects.get(p.id) ?? [], owner: p.owner, fallback: p.fallback,
      status: p.status as PlanStatus, adoptedDate: p.adoptedDate, lastReviewed: p.lastReviewed, nextReview: next, lastExercised,
      reviewOverdue: next !== null && next < today, neverExercised: lastExercised === null, exerciseOverdue: exerciseOverdue(lastExercised, today),
      archived: p.archived, actions: actions.get(p.id) ?? [], version: p.version,
    };
  });
}

export async function listPlans(ctx: Ctx, q: z.infer<typeof PlanQuery>) {
  const org = q.org ? await orgFor(ctx, ctx.db, q.org) : null;
  const conds = subtree(ctx, org);
  if (q.archived !== 'all') conds.push(eq(continuityPlans.archived, q.archived === 'true'));
  if (q.status) conds.push(eq(continuityPlans.status, q.status));
  if (q.flag === 'reviewOverdue') conds.push(sql`${nextReviewSql()} < ${stockholmDate()}::date`);
  const rows = await ctx.db.select({ p: continuityPlans, org: orgs }).from(continuityPlans).innerJoin(orgs, eq(orgs.id, continuityPlans.orgId))
    .where(and(...conds)).orderBy(asc(orgs.path), asc(continuityPlans.title));
  const out = await planDtos(ctx, ctx.db, rows);
  if (q.flag === 'neverExercised') return out.filter((p) => p.neverExercised);
  if (q.flag === 'exerciseOverdue') return out.filter((p) => p.exerciseOverdue);
  return out;
}

export async function getPlan(ctx: Ctx, id: string) {
  const { row, org } = await load(ctx, ctx.db, continuityPlans, id, 'risk.read', 'continuity_plan');
  return (await planDtos(ctx, ctx.db, [{ p: row, org }]))[0];
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

export async function createPlan(ctx: Ctx, input: z.infer<typeof CreatePlan>) {
  checkPlan({ status: input.status ?? 'under_arbete', ...input });
  return inTx(ctx, async (tx) => {
    const org = await orgFor(ctx, tx, input.org, 'risk.manage');
    await checkActivity(ctx, tx, input.activityId, org);
    const { org: _o, objectIds, ...v } = input;
    const [row] = await tx.insert(continuityPlans).values({ ...v, orgId: org.id }).returning();
    if (objectIds) await planSystems.set(ctx, tx, row.id, objectIds);
    await recordAudit(tx, ctx, { action: 'risk.continuity.create', entityType: 'continuity_plan', entityId: row.id, orgId: org.id, after: { ...row, objectIds: await planSystems.idsOf(tx, row.id) } });
    return (await planDtos(ctx, tx, [{ p: row, org }]))[0];
  });
}

export async function updatePlan(ctx: Ctx, id: string, input: z.infer<typeof UpdatePlan>) {
  const { objectIds, ...rest } = input;
  const { row, org } = await update(ctx, continuityPlans, id, rest, 'continuity_plan', 'risk.continuity.update', async (m, o, tx) => {
    checkPlan(m);
    if (rest.activityId) await checkActivity(ctx, tx, rest.activityId, o);
  }, linksExtra(ctx, planSystems, objectIds, 'objectIds'));
  return (await planDtos(ctx, ctx.db, [{ p: row, org }]))[0];
}

// --- exercises -----------------------------------------------------------------------------------------------

async function exercisePlanIds(db: Db, ids: string[]): Promise<Map<string, string[]>> {
  const out = new Map<string, string[]>();
  if (ids.length === 0) return out;
  const rows = await db.select().from(exercisePlans).where(inArray(exercisePlans.exerciseId, ids)).orderBy(asc(exercisePlans.planId));
  for (const r of rows) out.set(r.exerciseId, [...(out.get(r.exerciseId) ?? []), r.planId]);
  return out;
}

type ExerciseType = (typeof EXERCISE_TYPES)[number];

async function exerciseDtos(db: Db, rows: { e: typeof exercises.$inferSelect; org: OrgRow }[]) {
  const ids = rows.map((r) => r.e.id);
  const [actions, plans] = await Promise.all([actionsOf(db, 'exercise', ids), exercisePlanIds(db, ids)]);
  return rows.map(({ e, org }) => ({
    id: e.id, org: orgRef(org), planIds: plans.get(e.id) ?? [], date: e.date, title: e.title,
    type: e.type as ExerciseType, status: e.status as 'planerad' | 'genomford' | 'installd',
    scenario: e.scenario, participants: e.participants, participantCount: e.participantCount,
    observations: e.observations, archived: e.archived, actions: actions.get(e.id) ?? [], version: e.version,
  }));
}

export async function listExercises(ctx: Ctx, q: z.infer<typeof ExerciseQuery> & { year?: number }) {
  const org = q.org ? await orgFor(ctx, ctx.db, q.org) : null;
  const conds = subtree(ctx, org);
  if (q.year) conds.push(gte(exercises.date, `${q.year}-01-01`), lte(exercises.date, `${q.year}-12-31`));
  if (q.status) conds.push(eq(exercises.status, q.status));
  if (q.archived !== 'all') conds.push(eq(exercises.archived, q.archived === 'true'));
  const rows = await ctx.db.select({ e: exercises, org: orgs }).from(exercises).innerJoin(orgs, eq(orgs.id, exercises.orgId))
    .where(and(...conds)).orderBy(desc(exercises.date));
  return exerciseDtos(ctx.db, rows);
}

export async function getExercise(ctx: Ctx, id: string) {
  const { row, org } = await load(ctx, ctx.db, exercises, id, 'risk.read', 'exercise');
  return (await exerciseDtos(ctx.db, [{ e: row, org }]))[0];
}

/** The plans exist and are readable by the caller (422 at planIds otherwise). */
async function checkPlans(ctx: Ctx, tx: Db, ids: string[] | undefined) {
  for (const id of ids ?? []) {
    await load(ctx, tx, continuityPlans, id, 'risk.read', 'continuity_plan').catch(() => {
      throw unprocessable('plan_missing', { sv: `Kontinuitetsplanen ${id} finns inte.`, en: `Continuity plan ${id} does not exist.` }, 'planIds');
    });
  }
}

async function setPlans(tx: Db, exerciseId: string, ids: string[]) {
  await tx.delete(exercisePlans).where(eq(exercisePlans.exerciseId, exerciseId));
  const unique = [...new Set(ids)];
  if (unique.length) await tx.insert(exercisePlans).values(unique.map((planId) => ({ exerciseId, planId })));
}

export async function createExercise(ctx: Ctx, input: z.infer<typeof CreateExercise>) {
  checkExercise(input);
  return inTx(ctx, async (tx) => {
    const org = await orgFor(ctx, tx, input.org, 'risk.manage');
    await checkPlans(ctx, tx, input.planIds);
    const { org: _o, planIds, ...v } = input;
    const [row] = await tx.insert(exercises).values({ ...v, orgId: org.id }).returning();
    await setPlans(tx, row.id, planIds ?? []);
    await recordAudit(tx, ctx, { action: 'risk.exercise.create', entityType: 'exercise', entityId: row.id, orgId: org.id, after: { ...row, planIds: [...new Set(planIds ?? [])] } });
    return (await exerciseDtos(tx, [{ e: row, org }]))[0];
  });
}

export async function updateExercise(ctx: Ctx, id: string, input: z.infer<typeof UpdateExercise>) {
  const { planIds, ...rest } = input;
  if (planIds) await checkPlans(ctx, ctx.db, planIds);
  const { row, org } = await update(ctx, exercises, id, rest, 'exercise', 'risk.exercise.update', (m) => checkExercise(m), {
    async apply(tx, eid) {
      const before = (await exercisePlanIds(tx, [eid])).get(eid) ?? [];
      if (planIds) await setPlans(tx, eid, planIds);
      return { before: { planIds: before }, after: { planIds: (await exercisePlanIds(tx, [eid])).get(eid) ?? [] } };
    },
  });
  return (await exerciseDtos(ctx.db, [{ e: row, org }]))[0];
}
