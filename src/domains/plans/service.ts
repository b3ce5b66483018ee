import { and, asc, eq, gte, inArray, like, lte, sql, type SQL } from 'drizzle-orm';
import { escapeLike } from '../../server/platform/authz';
import type { Ctx } from '../../server/platform/context';
import type { Db } from '../../server/platform/db';
import { badRequest, conflict, notFound } from '../../server/platform/errors';
import { staleVersion } from '../../server/platform/locking';
import { inTx } from '../../server/platform/tx';
import { recordAudit } from '../audit/chain';
import { orgs } from '../org/table';
import { assertArea } from './areas';
import type { CreatePlanActivity, PlanActivity, PlanQuery, PlanStatus, UpdatePlanActivity } from './contract';
import { orgFor, orgSlugs, recordOrg, type OrgRow } from './scope';
import { planActivities } from './table';
import { reviewDecisions, reviews } from '../review/table';

export type ActivityRow = typeof planActivities.$inferSelect;

const notFoundActivity = (id: string) =>
  notFound({ sv: `Aktiviteten ${id} finns inte.`, en: `Activity ${id} does not exist.` }, 'id');

export function toActivity(r: ActivityRow, org: { slug: string; name: string }): PlanActivity {
  return {
    id: r.id,
    org: { id: r.orgId, slug: org.slug, name: org.name },
    year: r.year,
    area: r.area,
    description: r.description,
    responsible: r.responsible,
    partners: r.partners,
    status: r.status as PlanStatus,
    dueDate: r.dueDate,
    links: r.links,
    carried: r.carriedFromId !== null,
    carriedFromId: r.carriedFromId,
    reviewDecisionId: r.reviewDecisionId,
    position: r.position,
    version: r.version,
    createdAt: r.createdAt.toISOString(),
    updatedAt: r.updatedAt.toISOString(),
  };
}

export async function toActivities(db: Db, rows: ActivityRow[]): Promise<PlanActivity[]> {
  const names = await orgSlugs(db, rows.map((r) => r.orgId));
  return rows.map((r) => toActivity(r, names.get(r.orgId)!));
}

/** Conditions for a plan query within the caller's plan.read scope. */
export async function planConditions(ctx: Ctx, db: Db, q: PlanQuery): Promise<{ org: OrgRow; where: SQL }> {
  const org = await orgFor(ctx, db, q.org, 'plan.read');
  if (q.fromYear !== undefined && q.toYear !== undefined && q.toYear < q.fromYear) {
    throw badRequest('year_range', {
      sv: `Till och med år ${q.toYear} ligger före från och med år ${q.fromYear}.`, en: `To year ${q.toYear} is before from year ${q.fromYear}.`,
    }, 'toYear');
  }
  const conds: SQL[] = [ctx.authz.scopeSql('plan.read', orgs.path)];
  if (q.subtree === 'false') conds.push(eq(planActivities.orgId, org.id));
  else conds.push(like(orgs.path, escapeLike(org.path) + '%'));
  if (q.year !== undefined) conds.push(eq(planActivities.year, q.year));
  if (q.fromYear !== undefined) conds.push(gte(planActivities.year, q.fromYear));
  if (q.toYear !== undefined) conds.push(lte(planActivities.year, q.toYear));
  if (q.area) conds.push(eq(planActivities.area, q.area));
  if (q.status) conds.push(eq(planActivities.status, q.status));
  return { org, where: and(...conds)! };
}

export async function listActivities(ctx: Ctx, q: PlanQuery): Promise<PlanActivity[]> {
  const { where } = await planConditions(ctx, ctx.db, q);
  const rows = await ctx.db
    .select({ a: planActivities })
    .from(planActivities)
    .innerJoin(orgs, eq(orgs.id, planActivities.orgId))
    .where(where)
    .orderBy(asc(planActivities.year), asc(planActivities.area), asc(planActivities.position), asc(planActivities.createdAt));
  return toActivities(ctx.db, rows.map((r) => r.a));
}

async function loadForWrite(ctx: Ctx, tx: Db, id: string, write: boolean) {
  const [cur] = await tx.select().from(planActivities).where(eq(planActivities.id, id));
  if (!cur) throw notFoundActivity(id);
  const org = await recordOrg(ctx, tx, cur.orgId, 'plan.read', write ? 'plan.manage' : undefined, {
    sv: `Aktiviteten ${id} finns inte.`, en: `Activity ${id} does not exist.`,
  });
  return { cur, org };
}

export async function getActivity(ctx: Ctx, id: string): Promise<PlanActivity> {
  const { cur, org } = await loadForWrite(ctx, ctx.db, id, false);
  return toActivity(cur, org);
}

function checkDue(year: number, dueDate: string | null | undefined) {
  if (dueDate && Number(dueDate.slice(0, 4)) < year - 1) {
    throw badRequest('due_before_year', {
      sv: `Slutdatumet ${dueDate} ligger långt före planåret ${year}.`,
      en: `The due date ${dueDate} is well before the plan year ${year}.`,
    }, 'dueDate');
  }
}

/**
 * Inserts an activity for an org already checked by the caller (used by createActivity, carry-forward and the
 * management review's decisions) and audits it in the caller's transaction.
 */
export async function insertActivity(
  tx: Db, ctx: Ctx, org: OrgRow,
  input: Omit<CreatePlanActivity, 'org'> & { carriedFromId?: string | null; reviewDecisionId?: string | null },
  action = 'plan.activity.create',
): Promise<ActivityRow> {
  await assertArea(tx, org, input.area);
  checkDue(input.year, input.dueDate);
  const [row] = await tx
    .insert(planActivities)
    .values({
      orgId: org.id,
      year: input.year,
      area: input.area,
      description: input.description,
      responsible: input.responsible ?? '',
      partners: input.partners ?? '',
      status: input.status ?? 'planerad',
      dueDate: input.dueDate ?? null,
      links: input.links ?? [],
      position: input.position ?? 0,
      carriedFromId: input.carriedFromId ?? null,
      reviewDecisionId: input.reviewDecisionId ?? null,
    })
    .returning();
  await recordAudit(tx, ctx, { action, entityType: 'plan_activity', entityId: row.id, orgId: org.id, after: row });
  return row;
}

export async function createActivity(ctx: Ctx, input: CreatePlanActivity): Promise<PlanActivity> {
  return inTx(ctx, async (tx) => {
    const org = await orgFor(ctx, tx, input.org, 'plan.read', 'plan.manage');
    const row = await insertActivity(tx, ctx, org, input);
    return toActivity(row, org);
  });
}

/**
 * The year of the signed management review that decided this activity, if one did: what was decided stands as the
 * review's minutes say (9.3.3). Its status, progress and links move on; its text, area and year do not, and it is
 * not deleted (set avbruten instead), or next year's follow-up of input (a) would report something never decided.
 */
async function signedDecisionYear(tx: Db, cur: typeof planActivities.$inferSelect): Promise<number | undefined> {
  if (!cur.reviewDecisionId) return undefined;
  const [r] = await tx.select({ year: reviews.year }).from(reviewDecisions).innerJoin(reviews, eq(reviews.id, reviewDecisions.reviewId))
    .where(and(eq(reviewDecisions.id, cur.reviewDecisionId), sql`${reviews.signedAt} is not null`));
  return r?.year;
}

/**
 * 409 decided_in_review when the activity was decided in a signed management review: what was decided (description,
 * area, year) stands, and the activity stays; its status still changes. `field` names what the refused change touched.
 */
async function refuseIfDecided(tx: Db, cur: typeof planActivities.$inferSelect, change: 'edit' | 'delete', field: string): Promise<void> {
  const year = await signedDecisionYear(tx, cur);
  if (year === undefined) return;
  throw conflict('decided_in_review', change === 'edit'
    ? {
        sv: `Aktiviteten beslutades i ledningens genomgång ${year}, som är signerad: dess beskrivning, område och år står som beslutet. Ändra status eller lägg till en ny aktivitet.`,
        en: `The activity was decided in the management review ${year}, which is signed: its description, area and year stand as decided. Change its status or add a new activity.`,
      }
    : {
        sv: `Aktiviteten beslutades i ledningens genomgång ${year}, som är signerad, och kan inte tas bort. Sätt status avbruten i stället.`,
        en: `The activity was decided in the management review ${year}, which is signed, and cannot be deleted. Set its status to avbruten instead.`,
      }, field);
}

const DECIDED: (keyof UpdatePlanActivity)[] = ['description', 'area', 'year'];

export async function updateActivity(ctx: Ctx, id: string, input: UpdatePlanActivity): Promise<PlanActivity> {
  return inTx(ctx, async (tx) => {
    const { cur, org } = await loadForWrite(ctx, tx, id, true);
    if (cur.version !== input.version) throw staleVersion('plan activity', input.version, toActivity(cur, org));
    const decided = DECIDED.filter((k) => input[k] !== undefined && input[k] !== cur[k as keyof typeof cur]);
    if (decided.length) await refuseIfDecided(tx, cur, 'edit', decided[0]);
    const { version, ...changes } = input;
    if (changes.area !== undefined && changes.area !== cur.area) await assertArea(tx, org, changes.area);
    checkDue(changes.year ?? cur.year, changes.dueDate === undefined ? cur.dueDate : changes.dueDate);
    const [row] = await tx
      .update(planActivities)
      .set({ ...changes, version: sql`${planActivities.version} + 1`, updatedAt: new Date() })
      .where(and(eq(planActivities.id, id), eq(planActivities.version, version)))
      .returning();
    if (!row) throw staleVersion('plan activity', version, toActivity((await loadForWrite(ctx, tx, id, true)).cur, org));
    await recordAudit(tx, ctx, { action: 'plan.activity.update', entityType: 'plan_activity', entityId: id, orgId: org.id, before: cur, after: row });
    return toActivity(row, org);
  });
}

export async function deleteActivity(ctx: Ctx, id: string, version: number): Promise<void> {
  await inTx(ctx, async (tx) => {
    const { cur, org } = await loadForWrite(ctx, tx, id, true);
    if (cur.version !== version) throw staleVersion('plan activity', version, toActivity(cur, org));
    await refuseIfDecided(tx, cur, 'delete', 'id');
    // A decision of a review not yet signed owns its activity: removing the decision removes the activity with it.
    if (cur.reviewDecisionId) {
      const [r] = await tx.select({ year: reviews.year, id: reviews.id }).from(reviewDecisions).innerJoin(reviews, eq(reviews.id, reviewDecisions.reviewId))
        .where(eq(reviewDecisions.id, cur.reviewDecisionId));
      if (r) {
        throw conflict('from_review_decision', {
          sv: `Aktiviteten är ett beslut i ledningens genomgång ${r.year}. Ta bort beslutet i genomgången, så tas aktiviteten bort med det.`,
          en: `The activity is a decision of the management review ${r.year}. Remove the decision in the review and the activity goes with it.`,
        }, 'id', { reviewId: r.id });
      }
    }
    await removeActivityRow(tx, ctx, cur, org, 'plan.activity.delete');
  });
}

/**
 * Deletes an activity already loaded for writing, unless it was carried into a later year (409 carried: set it
 * avbruten instead), and audits it as `action`. Used by deleteActivity and by removing a review's decision.
 */
export async function removeActivityRow(tx: Db, ctx: Ctx, cur: ActivityRow, org: OrgRow, action: string): Promise<void> {
  const [carried] = await tx.select({ id: planActivities.id, year: planActivities.year }).from(planActivities).where(eq(planActivities.carriedFromId, cur.id)).limit(1);
  if (carried) {
    throw conflict('carried', {
      sv: `Aktiviteten är överförd till ${carried.year} och kan inte tas bort. Sätt status avbruten i stället.`,
      en: `The activity has been carried into ${carried.year} and cannot be deleted. Set its status to avbruten instead.`,
    }, 'id', { carriedTo: carried.id });
  }
  await tx.delete(planActivities).where(eq(planActivities.id, cur.id));
  await recordAudit(tx, ctx, { action, entityType: 'plan_activity', entityId: cur.id, orgId: org.id, before: cur });
}

/** Activities linked to a risk, incident, object or NIS2 measure, within the caller's plan.read scope. */
export async function activitiesLinkedTo(ctx: Ctx, linkType: string, linkId: string): Promise<PlanActivity[]> {
  const rows = await ctx.db
    .select({ a: planActivities })
    .from(planActivities)
    .innerJoin(orgs, eq(orgs.id, planActivities.orgId))
    .where(and(ctx.authz.scopeSql('plan.read', orgs.path), sql`${planActivities.links} @> ${JSON.stringify([{ linkType, linkId }])}::jsonb`))
    .orderBy(asc(planActivities.year));
  return toActivities(ctx.db, rows.map((r) => r.a));
}

export async function activitiesByIds(db: Db, ids: string[]): Promise<ActivityRow[]> {
  return ids.length ? db.select().from(planActivities).where(inArray(planActivities.id, ids)) : [];
}
