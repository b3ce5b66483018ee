import { and, asc, between, eq, like, ne, or, sql, type SQL } from 'drizzle-orm';
import { escapeLike } from '../../server/platform/authz';
import type { Ctx } from '../../server/platform/context';
import type { Db } from '../../server/platform/db';
import { badRequest, conflict, notFound } from '../../server/platform/errors';
import { staleVersion } from '../../server/platform/locking';
import { refuseAfterToday } from '../../server/platform/time';
import { inTx } from '../../server/platform/tx';
import { recordAudit } from '../audit/chain';
import { orgs } from '../org/table';
import { orgFor, orgSlugs, recordOrg, type OrgRow } from '../plans/scope';
import {
  completionPercent, courseOrder, type CreateTrainingCompletion, type CreateTrainingSession, type TrainingCompletion, type TrainingKind,
  type TrainingQuery, type TrainingSession, type UpdateTrainingCompletion, type UpdateTrainingSession,
} from './contract';
import { trainingCompletions, trainingSessions } from './table';

type SessionRow = typeof trainingSessions.$inferSelect;
type CompletionRow = typeof trainingCompletions.$inferSelect;
const sessionWhat = (id: string) => ({ sv: `Utbildningen ${id} finns inte.`, en: `Training ${id} does not exist.` });
const completionWhat = (id: string) => ({ sv: `Genomförandet ${id} finns inte.`, en: `Course completion ${id} does not exist.` });
const bySv = (a: string, b: string) => a.localeCompare(b, 'sv');

/** The list's organisations: the named one and (unless `subtree=false`) those below it, within the caller's scope. */
async function listScope(ctx: Ctx, q: TrainingQuery, orgId: typeof trainingSessions.orgId | typeof trainingCompletions.orgId): Promise<SQL> {
  const org = await orgFor(ctx, ctx.db, q.org, 'plan.read');
  return and(
    ctx.authz.scopeSql('plan.read', orgs.path),
    q.subtree === 'false' ? eq(orgId, org.id) : like(orgs.path, escapeLike(org.path) + '%'),
  )!;
}

// ---------------------------------------------------------------------------------------------------------------
// Trainings held (genomförda utbildningar)

async function sessionDtos(db: Db, rows: SessionRow[]): Promise<TrainingSession[]> {
  const names = await orgSlugs(db, rows.map((r) => r.orgId));
  return rows.map((r) => ({
    id: r.id, org: { id: r.orgId, ...names.get(r.orgId)! }, heldOn: r.heldOn, title: r.title, kind: r.kind as TrainingKind,
    audience: r.audience, givenBy: r.givenBy, participants: r.participants, comment: r.comment, version: r.version,
  }));
}

/** The trainings held in the organisation (and below it), in date order; with `year` only that year's. */
export async function listSessions(ctx: Ctx, q: TrainingQuery): Promise<TrainingSession[]> {
  const scope = await listScope(ctx, q, trainingSessions.orgId);
  const rows = await ctx.db.select({ s: trainingSessions }).from(trainingSessions)
    .innerJoin(orgs, eq(orgs.id, trainingSessions.orgId))
    .where(and(scope, q.year === undefined ? undefined : between(trainingSessions.heldOn, `${q.year}-01-01`, `${q.year}-12-31`)))
    .orderBy(asc(trainingSessions.heldOn), asc(trainingSessions.title));
  return sessionDtos(ctx.db, rows.map((r) => r.s));
}

async function loadSession(ctx: Ctx, db: Db, id: string, write: boolean) {
  const [s] = await db.select().from(trainingSessions).where(eq(trainingSessions.id, id));
  if (!s) throw notFound(sessionWhat(id), 'id');
  const org = await recordOrg(ctx, db, s.orgId, 'plan.read', write ? 'plan.manage' : undefined, sessionWhat(id));
  return { s, org };
}

export async function getSession(ctx: Ctx, id: string): Promise<TrainingSession> {
  const { s } = await loadSession(ctx, ctx.db, id, false);
  return (await sessionDtos(ctx.db, [s]))[0];
}

/** A session is registered once held ("Genomförda utbildningar"): its date is not after today (422 at `heldOn`). */
function checkHeld(heldOn: string | undefined) {
  refuseAfterToday(heldOn, 'heldOn', 'held_in_future', { sv: 'Datumet', en: 'The date' },
    { sv: 'Registrera utbildningen när den har hållits.', en: 'Register the training once it has been held.' });
}

export async function createSession(ctx: Ctx, input: CreateTrainingSession): Promise<TrainingSession> {
  return inTx(ctx, async (tx) => {
    const org = await orgFor(ctx, tx, input.org, 'plan.read', 'plan.manage');
    checkHeld(input.heldOn);
    const [s] = await tx.insert(trainingSessions).values({
      orgId: org.id, heldOn: input.heldOn, title: input.title, kind: input.kind, audience: input.audience ?? '',
      givenBy: input.givenBy ?? '', participants: input.participants ?? null, comment: input.comment ?? '',
    }).returning();
    await recordAudit(tx, ctx, { action: 'training.session.create', entityType: 'training_session', entityId: s.id, orgId: org.id, after: s });
    return (await sessionDtos(tx, [s]))[0];
  });
}

export async function updateSession(ctx: Ctx, id: string, input: UpdateTrainingSession): Promise<TrainingSession> {
  return inTx(ctx, async (tx) => {
    const { s, org } = await loadSession(ctx, tx, id, true);
    const { version, ...changes } = input;
    if (s.version !== version) throw staleVersion('training', version, s);
    checkHeld(changes.heldOn);
    const [row] = await tx.update(trainingSessions)
      .set({ ...changes, version: sql`${trainingSessions.version} + 1`, updatedAt: new Date() })
      .where(and(eq(trainingSessions.id, id), eq(trainingSessions.version, version))).returning();
    if (!row) throw staleVersion('training', version, s);
    await recordAudit(tx, ctx, { action: 'training.session.update', entityType: 'training_session', entityId: id, orgId: org.id, before: s, after: row });
    return (await sessionDtos(tx, [row]))[0];
  });
}

export async function deleteSession(ctx: Ctx, id: string, version: number): Promise<void> {
  await inTx(ctx, async (tx) => {
    const { s, org } = await loadSession(ctx, tx, id, true);
    if (s.version !== version) throw staleVersion('training', version, s);
    await tx.delete(trainingSessions).where(eq(trainingSessions.id, id));
    await recordAudit(tx, ctx, { action: 'training.session.delete', entityType: 'training_session', entityId: id, orgId: org.id, before: s });
  });
}

// ---------------------------------------------------------------------------------------------------------------
// E-course completion per unit and year (genomförandegrad)

async function completionDtos(db: Db, rows: CompletionRow[]): Promise<TrainingCompletion[]> {
  const names = await orgSlugs(db, rows.map((r) => r.orgId));
  return rows.map((r) => ({
    id: r.id, org: { id: r.orgId, ...names.get(r.orgId)! }, year: r.year, course: r.course, employees: r.employees,
    completed: r.completed, percent: completionPercent(r.completed, r.employees) ?? 0, comment: r.comment, version: r.version,
  }));
}

/** 400 at `completed` when more have completed the course than there are employees to complete it. */
export function checkCompleted(completed: number, employees: number) {
  if (completed > employees) {
    throw badRequest('completed_exceeds_employees', {
      sv: `Antalet som genomfört kursen (${completed}) kan inte vara fler än antalet anställda (${employees}).`,
      en: `The number who completed the course (${completed}) cannot exceed the number of employees (${employees}).`,
    }, 'completed');
  }
}

/**
 * 409 at `course` when the organisation already has the course for the year (compared without regard to case), or
 * an organisation above or below it has: the report adds the units' figures up, so the same employees would count twice.
 */
async function checkUnique(tx: Db, org: OrgRow, year: number, course: string, except?: string) {
  const [dup] = await tx.select({ id: trainingCompletions.id, orgId: orgs.id, name: orgs.name }).from(trainingCompletions)
    .innerJoin(orgs, eq(orgs.id, trainingCompletions.orgId))
    .where(and(
      or(like(orgs.path, escapeLike(org.path) + '%'), sql`left(${org.path}, length(${orgs.path})) = ${orgs.path}`),
      eq(trainingCompletions.year, year),
      sql`lower(${trainingCompletions.course}) = lower(${course})`,
      except ? ne(trainingCompletions.id, except) : undefined,
    ))
    // Its own first, then the others by name: the same one is named every time.
    .orderBy(sql`${orgs.id} <> ${org.id}`, asc(orgs.name)).limit(1);
  if (dup && dup.orgId === org.id) {
    throw conflict('duplicate_course', {
      sv: `${org.name} har redan ett genomförande av ${course} för ${year}; ändra det i stället.`,
      en: `${org.name} already has a completion of ${course} for ${year}; edit that one instead.`,
    }, 'course', { id: dup.id });
  }
  if (dup) {
    throw conflict('overlapping_course', {
      sv: `${dup.name} har redan ett genomförande av ${course} för ${year} som omfattar ${org.name} eller delar av den; samma anställda skulle räknas två gånger. Ändra det i stället, eller registrera per enhet.`,
      en: `${dup.name} already has a completion of ${course} for ${year} covering ${org.name} or part of it; the same employees would count twice. Edit that one, or record per unit.`,
    }, 'course', { id: dup.id });
  }
}

/** Completion per organisation and course, newest year first, then by organisation name, the city's courses first. */
export async function listCompletions(ctx: Ctx, q: TrainingQuery): Promise<TrainingCompletion[]> {
  const scope = await listScope(ctx, q, trainingCompletions.orgId);
  const rows = await ctx.db.select({ c: trainingCompletions }).from(trainingCompletions)
    .innerJoin(orgs, eq(orgs.id, trainingCompletions.orgId))
    .where(and(scope, q.year === undefined ? undefined : eq(trainingCompletions.year, q.year)));
  const list = await completionDtos(ctx.db, rows.map((r) => r.c));
  return list.sort((a, b) => b.year - a.year || bySv(a.org.name, b.org.name) || courseOrder(a.course, b.course));
}

async function loadCompletion(ctx: Ctx, db: Db, id: string, write: boolean) {
  const [c] = await db.select().from(trainingCompletions).where(eq(trainingCompletions.id, id));
  if (!c) throw notFound(completionWhat(id), 'id');
  const org = await recordOrg(ctx, db, c.orgId, 'plan.read', write ? 'plan.manage' : undefined, completionWhat(id));
  return { c, org };
}

export async function getCompletion(ctx: Ctx, id: string): Promise<TrainingCompletion> {
  const { c } = await loadCompletion(ctx, ctx.db, id, false);
  return (await completionDtos(ctx.db, [c]))[0];
}

export async function createCompletion(ctx: Ctx, input: CreateTrainingCompletion): Promise<TrainingCompletion> {
  return inTx(ctx, async (tx) => {
    const org = await orgFor(ctx, tx, input.org, 'plan.read', 'plan.manage');
    checkCompleted(input.completed, input.employees);
    await checkUnique(tx, org, input.year, input.course);
    const [c] = await tx.insert(trainingCompletions).values({
      orgId: org.id, year: input.year, course: input.course, employees: input.employees, completed: input.completed, comment: input.comment ?? '',
    }).returning();
    await recordAudit(tx, ctx, { action: 'training.completion.create', entityType: 'training_completion', entityId: c.id, orgId: org.id, after: c });
    return (await completionDtos(tx, [c]))[0];
  });
}

export async function updateCompletion(ctx: Ctx, id: string, input: UpdateTrainingCompletion): Promise<TrainingCompletion> {
  return inTx(ctx, async (tx) => {
    const { c, org } = await loadCompletion(ctx, tx, id, true);
    const { version, ...changes } = input;
    if (c.version !== version) throw staleVersion('course completion', version, c);
    checkCompleted(changes.completed ?? c.completed, changes.employees ?? c.employees);
    if (changes.course !== undefined) await checkUnique(tx, org, c.year, changes.course, id);
    const [row] = await tx.update(trainingCompletions)
      .set({ ...changes, version: sql`${trainingCompletions.version} + 1`, updatedAt: new Date() })
      .where(and(eq(trainingCompletions.id, id), eq(trainingCompletions.version, version))).returning();
    if (!row) throw staleVersion('course completion', version, c);
    await recordAudit(tx, ctx, { action: 'training.completion.update', entityType: 'training_completion', entityId: id, orgId: org.id, before: c, after: row });
    return (await completionDtos(tx, [row]))[0];
  });
}

export async function deleteCompletion(ctx: Ctx, id: string, version: number): Promise<void> {
  await inTx(ctx, async (tx) => {
    const { c, org } = await loadCompletion(ctx, tx, id, true);
    if (c.version !== version) throw staleVersion('course completion', version, c);
    await tx.delete(trainingCompletions).where(eq(trainingCompletions.id, id));
    await recordAudit(tx, ctx, { action: 'training.completion.delete', entityType: 'training_completion', entityId: id, orgId: org.id, before: c });
  });
}
