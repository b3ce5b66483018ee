import { and, desc, eq, sql } from 'drizzle-orm';
import type { Ctx } from '../../server/platform/context';
import type { Db } from '../../server/platform/db';
import { conflict, notFound, type Msg } from '../../server/platform/errors';
import { staleVersion } from '../../server/platform/locking';
import { inTx } from '../../server/platform/tx';
import { recordAudit } from '../audit/chain';
import type { AccessResult, CheckAnswer, CreateObjectFollowUp, ObjectFollowUp, UpdateObjectFollowUp } from './followup-contract';
import { checkFollowUp } from './followup-rules';
import { loadObject } from './service';
import { objectFollowUps } from './table';

type FollowUpRow = typeof objectFollowUps.$inferSelect;

const missing = (id: string): Msg => ({ sv: `Objektuppföljningen ${id} finns inte.`, en: `Object follow-up ${id} does not exist.` });

export function toFollowUp(r: FollowUpRow): ObjectFollowUp {
  const a = (v: string) => v as CheckAnswer;
  return {
    id: r.id, objectId: r.objectId, year: r.year, heldOn: r.heldOn, heldBy: r.heldBy, heldByRole: r.heldByRole as ObjectFollowUp['heldByRole'],
    accessReview: a(r.accessReview), accessResult: r.accessResult as AccessResult | null, accountsChanged: r.accountsChanged, accessReviewComment: r.accessReviewComment,
    managementPlan: a(r.managementPlan), managementPlanComment: r.managementPlanComment,
    classification: a(r.classification), classificationComment: r.classificationComment,
    actionPlan: a(r.actionPlan), actionPlanComment: r.actionPlanComment,
    continuityPlan: a(r.continuityPlan), continuityPlanComment: r.continuityPlanComment,
    pubSupplier: a(r.pubSupplier), pubSupplierComment: r.pubSupplierComment,
    notes: r.notes, actions: r.actions, version: r.version, createdAt: r.createdAt.toISOString(), updatedAt: r.updatedAt.toISOString(),
  };
}

/** The object's follow-ups, newest year first (object.read on its organisation; 404 outside the caller's scope). */
export async function listFollowUps(ctx: Ctx, objectId: string): Promise<ObjectFollowUp[]> {
  await loadObject(ctx, ctx.db, objectId, false);
  const rows = await ctx.db.select().from(objectFollowUps).where(eq(objectFollowUps.objectId, objectId)).orderBy(desc(objectFollowUps.year));
  return rows.map(toFollowUp);
}

/**
 * Records the year's follow-up of an object (object.manage on its organisation: an objektägare for the objects of
 * their part of the organisation). 409 duplicate_year when the year has one: it is edited instead.
 */
export async function createFollowUp(ctx: Ctx, objectId: string, input: CreateObjectFollowUp): Promise<ObjectFollowUp> {
  return inTx(ctx, async (tx) => {
    const { cur: object, org } = await loadObject(ctx, tx, objectId, true);
    checkFollowUp({
      year: input.year, heldOn: input.heldOn, accessReview: input.accessReview ?? 'nej', accessResult: input.accessResult ?? null,
      accessReviewComment: input.accessReviewComment ?? '',
    });
    const [dup] = await tx.select({ id: objectFollowUps.id }).from(objectFollowUps)
      .where(and(eq(objectFollowUps.objectId, objectId), eq(objectFollowUps.year, input.year)));
    if (dup) {
      throw conflict('duplicate_year', {
        sv: `${object.name} har redan en objektuppföljning för ${input.year}. Ändra den i stället.`,
        en: `${object.name} already has an object follow-up for ${input.year}. Edit it instead.`,
      }, 'year', { existingId: dup.id });
    }
    const [row] = await tx.insert(objectFollowUps).values({ ...input, objectId }).returning();
    await recordAudit(tx, ctx, { action: 'object.follow_up_create', entityType: 'object_follow_up', entityId: row.id, orgId: org.id, after: row });
    return toFollowUp(row);
  });
}

async function loadFollowUp(ctx: Ctx, db: Db, id: string): Promise<FollowUpRow> {
  const [cur] = await db.select().from(objectFollowUps).where(eq(objectFollowUps.id, id)).for('update');
  if (!cur) throw notFound(missing(id), 'id');
  return cur;
}

/** Changes a follow-up with optimistic locking (409 stale_version); the rules hold for the result as a whole. */
export async function updateFollowUp(ctx: Ctx, id: string, input: UpdateObjectFollowUp): Promise<ObjectFollowUp> {
  return inTx(ctx, async (tx) => {
    const cur = await loadFollowUp(ctx, tx, id);
    // The object's organisation decides: 404 outside the caller's scope (the follow-up's id says nothing then), 403 without object.manage.
    const { org } = await loadObject(ctx, tx, cur.objectId, true).catch((e: { status?: number }) => {
      throw e.status === 404 ? notFound(missing(id), 'id') : e;
    });
    if (cur.version !== input.version) throw staleVersion('object follow-up', input.version, toFollowUp(cur));
    const { version, ...changes } = input;
    checkFollowUp({
      year: cur.year, heldOn: changes.heldOn ?? cur.heldOn, accessReview: changes.accessReview ?? cur.accessReview,
      accessResult: changes.accessResult === undefined ? cur.accessResult : changes.accessResult,
      accessReviewComment: changes.accessReviewComment ?? cur.accessReviewComment,
    });
    const [row] = await tx.update(objectFollowUps)
      .set({ ...changes, version: sql`${objectFollowUps.version} + 1`, updatedAt: new Date() })
      .where(and(eq(objectFollowUps.id, id), eq(objectFollowUps.version, version)))
      .returning();
    await recordAudit(tx, ctx, { action: 'object.follow_up_update', entityType: 'object_follow_up', entityId: id, orgId: org.id, before: cur, after: row });
    return toFollowUp(row);
  });
}
