import { and, asc, desc, eq, like, lt } from 'drizzle-orm';
import { escapeLike } from '../../server/platform/authz';
import type { Ctx } from '../../server/platform/context';
import type { Db } from '../../server/platform/db';
import { badRequest, conflict, forbidden, notFound, unprocessable } from '../../server/platform/errors';
import { staleVersion } from '../../server/platform/locking';
import { stockholmDate } from '../../server/platform/time';
import { inTx } from '../../server/platform/tx';
import { recordAudit } from '../audit/chain';
import { orgs } from '../org/table';
import { userNames } from '../users/names';
import { insertActivity, removeActivityRow } from '../plans/service';
import { planActivities } from '../plans/table';
import { orgFor, orgSlugs, type OrgRow } from '../plans/scope';
import { INPUT_KEYS, type AddDecision, type CreateReview, type DecisionKind, type Iso93Status, type Review, type UpdateReview } from './contract';
import { reviewSections } from './coverage';
import { assertComplete, coverage } from './iso93';
import { reviewDecisions, reviews, type InputMark } from './table';

type Row = typeof reviews.$inferSelect;
const what = (id: string) => ({ sv: `Ledningens genomgång ${id} finns inte.`, en: `Management review ${id} does not exist.` });

async function assemble(db: Db, r: Row, org?: { slug: string; name: string }): Promise<Review> {
  const ds = await db.select().from(reviewDecisions).where(eq(reviewDecisions.reviewId, r.id)).orderBy(asc(reviewDecisions.position), asc(reviewDecisions.createdAt));
  const o = org ?? (await orgSlugs(db, [r.orgId])).get(r.orgId)!;
  const signer = r.signedBy ? (await userNames(db, [r.signedBy])).get(r.signedBy) : undefined;
  return {
    id: r.id,
    org: { id: r.orgId, slug: o.slug, name: o.name },
    year: r.year,
    meetingDate: r.meetingDate,
    chair: r.chair,
    attendees: r.attendees,
    inputs: r.inputs,
    ismsChanges: r.ismsChanges,
    conclusion: r.conclusion ?? null,
    decisions: ds.map((d) => ({
      id: d.id, kind: d.kind as DecisionKind, text: d.text, owner: d.owner, dueDate: d.dueDate, activityId: d.activityId, version: d.version,
    })),
    signed: r.signedAt !== null,
    signedAt: r.signedAt?.toISOString() ?? null,
    signedBy: r.signedBy,
    signedByName: signer ?? null,
    version: r.version,
  };
}

/**
 * The review and its organisation, checked for reading, or for `write`. Inside a change's transaction the review's
 * row is locked until it commits, so that changes to one review follow each other: a decision added while the review
 * is being signed waits, and then finds it signed (409), instead of slipping into minutes signed without it.
 */
async function load(ctx: Ctx, db: Db, id: string, write?: 'report.edit' | 'report.approve') {
  const q = db.select().from(reviews).where(eq(reviews.id, id));
  const [r] = write && db !== ctx.db ? await q.for('update') : await q;
  if (!r) throw notFound(what(id), 'id');
  const [org] = await db.select().from(orgs).where(eq(orgs.id, r.orgId));
  if (!ctx.authz.can('report.read', org.path) && !(write && ctx.authz.can(write, org.path))) throw notFound(what(id), 'id');
  if (write && !ctx.authz.can(write, org.path)) throw forbidden();
  return { r, org };
}

const signedConflict = () =>
  conflict('signed', { sv: 'Ledningens genomgång är signerad och kan inte ändras.', en: 'The management review is signed and cannot be changed.' }, 'version');

export async function listReviews(ctx: Ctx, orgSlug: string): Promise<Review[]> {
  const org = await orgFor(ctx, ctx.db, orgSlug, 'report.read');
  const rows = await ctx.db.select({ r: reviews }).from(reviews).innerJoin(orgs, eq(orgs.id, reviews.orgId))
    .where(and(ctx.authz.scopeSql('report.read', orgs.path), like(orgs.path, escapeLike(org.path) + '%'))).orderBy(desc(reviews.year));
  return Promise.all(rows.map((x) => assemble(ctx.db, x.r)));
}

export async function getReview(ctx: Ctx, id: string): Promise<Review> {
  const { r, org } = await load(ctx, ctx.db, id);
  return assemble(ctx.db, r, org);
}

/** The meeting reviews the year: it is not held before the year begins (422 at `meetingDate`). */
function checkMeetingDate(year: number, meetingDate: string | null | undefined) {
  if (meetingDate && meetingDate < `${year}-01-01`) {
    throw unprocessable('meeting_before_year', {
      sv: `Mötesdatumet ${meetingDate} ligger före det granskade året ${year}.`,
      en: `The meeting date ${meetingDate} is before the year reviewed, ${year}.`,
    }, 'meetingDate');
  }
}

export async function createReview(ctx: Ctx, input: CreateReview): Promise<Review> {
  return inTx(ctx, async (tx) => {
    const org = await orgFor(ctx, tx, input.org, 'report.read', 'report.edit');
    checkMeetingDate(input.year, input.meetingDate);
    const [dup] = await tx.select({ id: reviews.id }).from(reviews).where(and(eq(reviews.orgId, org.id), eq(reviews.year, input.year)));
    if (dup) {
      throw conflict('duplicate_review', {
        sv: `Det finns redan en ledningens genomgång för ${org.name} ${input.year}.`, en: `A management review for ${org.name} ${input.year} already exists.`,
      }, 'year', { existingId: dup.id });
    }
    const [row] = await tx.insert(reviews).values({
      orgId: org.id, year: input.year, meetingDate: input.meetingDate ?? null, chair: input.chair ?? '', attendees: input.attendees ?? [],
    }).returning();
    await recordAudit(tx, ctx, { action: 'review.create', entityType: 'management_review', entityId: row.id, orgId: org.id, after: row });
    return assemble(tx, row, org);
  });
}

function checkMarks(inputs: Partial<Record<string, InputMark | undefined>>) {
  for (const k of INPUT_KEYS) {
    const m = inputs[k];
    if (m?.notApplicable && !m.reason?.trim()) {
      throw badRequest('reason_required', {
        sv: `Underlag (${k}) markeras som ej tillämpligt: ange en motivering.`, en: `Input (${k}) is marked not applicable: give a reason.`,
      }, `inputs.${k}.reason`);
    }
  }
}

export async function updateReview(ctx: Ctx, id: string, input: UpdateReview): Promise<Review> {
  return inTx(ctx, async (tx) => {
    const { r, org } = await load(ctx, tx, id, 'report.edit');
    if (r.version !== input.version) throw staleVersion('management review', input.version, await assemble(tx, r, org));
    if (r.signedAt) throw signedConflict();
    const { version, inputs, ...changes } = input;
    if (changes.meetingDate) {
      checkMeetingDate(r.year, changes.meetingDate);
      const [early] = await tx.select({ dueDate: reviewDecisions.dueDate }).from(reviewDecisions)
        .where(and(eq(reviewDecisions.reviewId, id), lt(reviewDecisions.dueDate, changes.meetingDate))).orderBy(asc(reviewDecisions.dueDate)).limit(1);
      if (early) {
        throw unprocessable('meeting_after_due', {
          sv: `Mötesdatumet ${changes.meetingDate} ligger efter slutdatumet ${early.dueDate} för ett av genomgångens beslut.`,
          en: `The meeting date ${changes.meetingDate} is after the due date ${early.dueDate} of one of the review's decisions.`,
        }, 'meetingDate');
      }
    }
    let merged = r.inputs;
    if (inputs) {
      checkMarks(inputs);
      merged = { ...r.inputs };
      for (const k of INPUT_KEYS) if (inputs[k] !== undefined) merged[k] = inputs[k]!;
    }
    const [row] = await tx.update(reviews).set({ ...changes, inputs: merged, version: r.version + 1, updatedAt: new Date() })
      .where(and(eq(reviews.id, id), eq(reviews.version, version))).returning();
    if (!row) throw staleVersion('management review', version, await assemble(tx, r, org));
    await recordAudit(tx, ctx, { action: 'review.update', entityType: 'management_review', entityId: id, orgId: org.id, before: r, after: row });
    return assemble(tx, row, org);
  });
}

/**
 * Records a decision (9.3.3). An improvement needs an owner and a due date and becomes a plan activity of the
 * review's organisation in the same transaction; a change to the ISMS is recorded as it is.
 */
/** What signing needs, as the review's form calls it (Swedish, English); conclusions by their key under `conclusion.`. */
const CONCLUSION_WORDS: Record<string, [string, string]> = {
  lampligt: ['slutsats om lämpligt', 'conclusion on suitability'],
  tillrackligt: ['slutsats om tillräckligt', 'conclusion on adequacy'],
  verkningsfullt: ['slutsats om verkningsfullt', 'conclusion on effectiveness'],
};
const SIGN_FIELDS: Record<string, [string, string]> = {
  meetingDate: ['mötesdatum', 'meeting date'], chair: ['ordförande', 'chair'],
  ...Object.fromEntries(Object.entries(CONCLUSION_WORDS).map(([k, w]) => [`conclusion.${k}`, w])),
};

export async function addDecision(ctx: Ctx, id: string, input: AddDecision): Promise<Review> {
  return inTx(ctx, async (tx) => {
    const { r, org } = await load(ctx, tx, id, 'report.edit');
    if (r.signedAt) throw signedConflict();
    if (input.kind === 'improvement') {
      if (!input.owner) throw badRequest('owner_required', { sv: 'Ett förbättringsbeslut behöver en ansvarig.', en: 'An improvement decision needs an owner.' }, 'owner');
      if (!input.dueDate) throw badRequest('due_required', { sv: 'Ett förbättringsbeslut behöver ett slutdatum.', en: 'An improvement decision needs a due date.' }, 'dueDate');
    }
    // A decision looks ahead: due no earlier than the meeting, planned no earlier than the year reviewed.
    if (input.dueDate && r.meetingDate && input.dueDate < r.meetingDate) {
      throw unprocessable('due_before_meeting', {
        sv: `Slutdatumet ${input.dueDate} ligger före mötet ${r.meetingDate}.`, en: `The due date ${input.dueDate} is before the meeting on ${r.meetingDate}.`,
      }, 'dueDate');
    }
    const planYear = input.year ?? (input.dueDate ? Number(input.dueDate.slice(0, 4)) : undefined);
    if (input.kind === 'improvement' && planYear !== undefined && planYear < r.year) {
      throw unprocessable('year_before_review', {
        sv: `Planåret ${planYear} ligger före det granskade året ${r.year}.`, en: `The plan year ${planYear} is before the year reviewed, ${r.year}.`,
      }, input.year !== undefined ? 'year' : 'dueDate');
    }
    const [{ n }] = await tx.select({ n: reviewDecisions.position }).from(reviewDecisions).where(eq(reviewDecisions.reviewId, id))
      .orderBy(desc(reviewDecisions.position)).limit(1).then((x) => (x.length ? x : [{ n: -1 }]));
    const [d] = await tx.insert(reviewDecisions).values({
      reviewId: id, kind: input.kind, text: input.text, owner: input.owner ?? '', dueDate: input.dueDate ?? null, position: n + 1,
    }).returning();
    let activityId: string | null = null;
    if (input.kind === 'improvement') {
      const activity = await insertActivity(tx, ctx, org as OrgRow, {
        year: input.year ?? Number(input.dueDate!.slice(0, 4)),
        area: input.area ?? 'Övergripande',
        description: input.text,
        responsible: input.owner,
        dueDate: input.dueDate,
        reviewDecisionId: d.id,
      }, 'plan.activity.from-review');
      activityId = activity.id;
      await tx.update(reviewDecisions).set({ activityId }).where(eq(reviewDecisions.id, d.id));
    }
    await tx.update(reviews).set({ version: r.version + 1, updatedAt: new Date() }).where(eq(reviews.id, id));
    await recordAudit(tx, ctx, { action: 'review.decision.add', entityType: 'management_review', entityId: id, orgId: org.id, after: { ...d, activityId } });
    const [fresh] = await tx.select().from(reviews).where(eq(reviews.id, id));
    return assemble(tx, fresh, org);
  });
}

/**
 * Removes a decision from a review not yet signed (a decision entered by mistake, or worded wrongly: remove it and
 * add it again). An improvement's plan activity goes with it, unless it has been carried into a later year (409).
 * `version` is the review's.
 */
export async function removeDecision(ctx: Ctx, id: string, decisionId: string, version: number): Promise<Review> {
  return inTx(ctx, async (tx) => {
    const { r, org } = await load(ctx, tx, id, 'report.edit');
    if (r.version !== version) throw staleVersion('management review', version, await assemble(tx, r, org));
    if (r.signedAt) throw signedConflict();
    const [d] = await tx.select().from(reviewDecisions).where(and(eq(reviewDecisions.id, decisionId), eq(reviewDecisions.reviewId, id)));
    if (!d) throw notFound({ sv: `Beslutet ${decisionId} finns inte i genomgången.`, en: `Decision ${decisionId} is not in the review.` }, 'decisionId');
    const [activity] = await tx.select().from(planActivities).where(eq(planActivities.reviewDecisionId, d.id));
    if (activity) await removeActivityRow(tx, ctx, activity, org as OrgRow, 'plan.activity.delete');
    await tx.delete(reviewDecisions).where(eq(reviewDecisions.id, d.id));
    const [row] = await tx.update(reviews).set({ version: r.version + 1, updatedAt: new Date() }).where(and(eq(reviews.id, id), eq(reviews.version, version))).returning();
    if (!row) throw staleVersion('management review', version, await assemble(tx, r, org));
    await recordAudit(tx, ctx, { action: 'review.decision.remove', entityType: 'management_review', entityId: id, orgId: org.id, before: { ...d, activityId: activity?.id ?? null } });
    return assemble(tx, row, org);
  });
}

export async function reviewIso93(ctx: Ctx, id: string): Promise<Iso93Status> {
  const { r, org } = await load(ctx, ctx.db, id);
  return coverage(r.inputs, (await reviewSections(ctx, org, r.year)).sections, r.id);
}

/**
 * Signs the review: refused (409, naming them) while a 9.3.2 input is neither covered (by the year's report when
 * there is one, as its approval counts it; else by the providers' figures) nor marked not applicable,
 * and while the meeting (date, chair) or the conclusion is incomplete. Signing freezes the attendees and all else.
 */
export async function signReview(ctx: Ctx, id: string, version: number): Promise<Review> {
  const { r: pre, org: preOrg } = await load(ctx, ctx.db, id, 'report.approve');
  const { sections, report } = await reviewSections(ctx, preOrg, pre.year);
  return inTx(ctx, async (tx) => {
    const { r, org } = await load(ctx, tx, id, 'report.approve');
    if (r.version !== version) throw staleVersion('management review', version, await assemble(tx, r, org));
    if (r.signedAt) throw signedConflict();
    assertComplete(coverage(r.inputs, sections, r.id));
    const missing = [
      !r.meetingDate && 'meetingDate',
      !r.chair.trim() && 'chair',
      ...(['lampligt', 'tillrackligt', 'verkningsfullt'] as const).filter((k) => r.conclusion?.[k]?.value == null).map((k) => `conclusion.${k}`),
    ].filter(Boolean) as string[];
    if (missing.length) {
      // Named as the form names them (the field keys stay in `missing` and `field` for the form to mark).
      const words = (lang: 0 | 1) => missing.map((k) => SIGN_FIELDS[k][lang]).join(', ');
      throw conflict('review_incomplete', {
        sv: `Genomgången saknar uppgifter: ${words(0)}.`, en: `The review lacks: ${words(1)}.`,
      }, missing[0], { missing });
    }
    // Signing records what the meeting concluded: a meeting that has not yet been held cannot be signed.
    const today = stockholmDate();
    if (r.meetingDate! > today) {
      throw conflict('meeting_not_held', {
        sv: `Mötet ${r.meetingDate} har inte hållits ännu (i dag är det ${today}); signera efter mötet.`,
        en: `The meeting on ${r.meetingDate} has not been held yet (today is ${today}); sign after the meeting.`,
      }, 'meetingDate');
    }
    const [row] = await tx.update(reviews).set({ signedAt: new Date(), signedBy: ctx.principal?.userId ?? null, version: r.version + 1, updatedAt: new Date() })
      .where(and(eq(reviews.id, id), eq(reviews.version, version))).returning();
    if (!row) throw staleVersion('management review', version, await assemble(tx, r, org));
    await recordAudit(tx, ctx, {
      action: 'review.sign', entityType: 'management_review', entityId: id, orgId: org.id,
      after: { signedAt: row.signedAt, attendees: row.attendees, chair: row.chair, meetingDate: row.meetingDate, sections, coverageReport: report },
    });
    return assemble(tx, row, org);
  });
}
