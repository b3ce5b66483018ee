import { and, asc, eq, inArray, like, sql } from 'drizzle-orm';
import { escapeLike } from '../../server/platform/authz';
import type { Ctx } from '../../server/platform/context';
import type { Db } from '../../server/platform/db';
import { badRequest, conflict, forbidden, notFound, unprocessable } from '../../server/platform/errors';
import { staleVersion } from '../../server/platform/locking';
import { stockholmYear } from '../../server/platform/time';
import { inTx } from '../../server/platform/tx';
import { recordAudit } from '../audit/chain';
import { orgs } from '../org/table';
import { userNames } from '../users/names';
import { orgFor, orgSlugs, recordOrg, type OrgRow } from '../plans/scope';
import type { CreateDsoRecommendation, DsoQuery, DsoRecommendation, SetFollowUp, UpdateDsoRecommendation } from './contract';
import { dsoFollowUps, dsoRecommendations } from './table';

type Row = typeof dsoRecommendations.$inferSelect;
const what = (id: string) => ({ sv: `DSO-rekommendationen ${id} finns inte.`, en: `DSO recommendation ${id} does not exist.` });

async function assemble(db: Db, rows: Row[]): Promise<DsoRecommendation[]> {
  if (rows.length === 0) return [];
  const fus = await db.select().from(dsoFollowUps).where(inArray(dsoFollowUps.recommendationId, rows.map((r) => r.id))).orderBy(asc(dsoFollowUps.year));
  const names = await orgSlugs(db, rows.map((r) => r.orgId));
  const approvers = await userNames(db, rows.map((r) => r.approvedBy));
  return rows.map((r) => ({
    id: r.id,
    org: { id: r.orgId, ...names.get(r.orgId)! },
    reportYear: r.reportYear,
    area: r.area,
    recommendation: r.recommendation,
    riskLevel: r.riskLevel as DsoRecommendation['riskLevel'],
    response: r.response,
    responsible: r.responsible,
    status: r.status as DsoRecommendation['status'],
    approved: r.approvedAt !== null,
    approvedAt: r.approvedAt?.toISOString() ?? null,
    approvedBy: r.approvedBy,
    approvedByName: r.approvedBy ? (approvers.get(r.approvedBy) ?? null) : null,
    position: r.position,
    version: r.version,
    followUps: fus.filter((f) => f.recommendationId === r.id).map((f) => ({ id: f.id, year: f.year, text: f.text, version: f.version })),
  }));
}

export async function listRecommendations(ctx: Ctx, q: DsoQuery): Promise<DsoRecommendation[]> {
  const org = await orgFor(ctx, ctx.db, q.org, 'plan.read');
  const conds = [
    ctx.authz.scopeSql('plan.read', orgs.path),
    q.subtree === 'false' ? eq(dsoRecommendations.orgId, org.id) : like(orgs.path, escapeLike(org.path) + '%'),
  ];
  if (q.reportYear !== undefined) conds.push(eq(dsoRecommendations.reportYear, q.reportYear));
  const rows = await ctx.db.select({ r: dsoRecommendations }).from(dsoRecommendations).innerJoin(orgs, eq(orgs.id, dsoRecommendations.orgId))
    .where(and(...conds)).orderBy(asc(dsoRecommendations.reportYear), asc(dsoRecommendations.position), asc(dsoRecommendations.createdAt));
  return assemble(ctx.db, rows.map((r) => r.r));
}

/** Writers: the förvaltning (plan.manage) and the DSO (dso.approve) on the record's org. */
function canWrite(ctx: Ctx, org: OrgRow) {
  return ctx.authz.can('plan.manage', org.path) || ctx.authz.can('dso.approve', org.path);
}

async function load(ctx: Ctx, db: Db, id: string) {
  const [r] = await db.select().from(dsoRecommendations).where(eq(dsoRecommendations.id, id));
  if (!r) throw notFound(what(id), 'id');
  const org = await recordOrg(ctx, db, r.orgId, 'plan.read', undefined, what(id));
  return { r, org };
}

export async function getRecommendation(ctx: Ctx, id: string): Promise<DsoRecommendation> {
  const { r } = await load(ctx, ctx.db, id);
  return (await assemble(ctx.db, [r]))[0];
}

export async function createRecommendation(ctx: Ctx, input: CreateDsoRecommendation): Promise<DsoRecommendation> {
  return inTx(ctx, async (tx) => {
    const org = await orgFor(ctx, tx, input.org, 'plan.read');
    if (!canWrite(ctx, org)) throw forbidden();
    // The DSO's annual report for a year is written during or after it: not for a year that has not begun.
    const thisYear = stockholmYear(new Date());
    if (input.reportYear > thisYear) {
      throw unprocessable('report_year_in_future', {
        sv: `Dataskyddsombudets årsrapport ${input.reportYear} kan inte finnas ännu (i år är ${thisYear}).`,
        en: `The data protection officer's annual report ${input.reportYear} cannot exist yet (this year is ${thisYear}).`,
      }, 'reportYear');
    }
    const { org: _o, ...values } = input;
    const [row] = await tx.insert(dsoRecommendations).values({ ...values, orgId: org.id }).returning();
    await recordAudit(tx, ctx, { action: 'dso.recommendation.create', entityType: 'dso_recommendation', entityId: row.id, orgId: org.id, after: row });
    return (await assemble(tx, [row]))[0];
  });
}

const approvedConflict = () =>
  conflict('approved', {
    sv: 'Svaret är godkänt av dataskyddsombudet. Det måste återöppnas innan det ändras.',
    en: 'The response is approved by the data protection officer. It must be reopened before it is changed.',
  }, 'version');

export async function updateRecommendation(ctx: Ctx, id: string, input: UpdateDsoRecommendation): Promise<DsoRecommendation> {
  return inTx(ctx, async (tx) => {
    const { r, org } = await load(ctx, tx, id);
    if (!canWrite(ctx, org)) throw forbidden();
    const { version, ...changes } = input;
    if (r.version !== version) throw staleVersion('DSO recommendation', version, r);
    if (r.approvedAt) throw approvedConflict();
    const [row] = await tx.update(dsoRecommendations).set({ ...changes, version: sql`${dsoRecommendations.version} + 1`, updatedAt: new Date() })
      .where(and(eq(dsoRecommendations.id, id), eq(dsoRecommendations.version, version))).returning();
    if (!row) throw staleVersion('DSO recommendation', version, r);
    await recordAudit(tx, ctx, { action: 'dso.recommendation.update', entityType: 'dso_recommendation', entityId: id, orgId: org.id, before: r, after: row });
    return (await assemble(tx, [row]))[0];
  });
}

/** The DSO approves the förvaltning's response (approve) or reopens it (reopen). Audited either way. */
export async function decideResponse(ctx: Ctx, id: string, decision: 'approve' | 'reopen', input: { version: number; comment?: string }) {
  return inTx(ctx, async (tx) => {
    const { r, org } = await load(ctx, tx, id);
    if (!ctx.authz.can('dso.approve', org.path)) throw forbidden();
    if (r.version !== input.version) throw staleVersion('DSO recommendation', input.version, r);
    if (decision === 'approve' && r.approvedAt) {
      throw conflict('already_approved', { sv: 'Svaret är redan godkänt.', en: 'The response is already approved.' }, 'version');
    }
    // What the DSO approves is the förvaltning's response: there must be one.
    if (decision === 'approve' && !r.response.trim()) {
      throw conflict('response_missing', {
        sv: 'Förvaltningen har inte svarat på rekommendationen ännu: det finns inget svar att godkänna.',
        en: 'The administration has not yet responded to the recommendation: there is no response to approve.',
      }, 'response');
    }
    if (decision === 'reopen' && !r.approvedAt) {
      throw conflict('not_approved', { sv: 'Svaret är inte godkänt och behöver inte återöppnas.', en: 'The response is not approved; nothing to reopen.' }, 'version');
    }
    const [row] = await tx.update(dsoRecommendations)
      .set({
        approvedAt: decision === 'approve' ? new Date() : null,
        approvedBy: decision === 'approve' ? (ctx.principal?.userId ?? null) : null,
        version: sql`${dsoRecommendations.version} + 1`,
        updatedAt: new Date(),
      })
      .where(and(eq(dsoRecommendations.id, id), eq(dsoRecommendations.version, input.version))).returning();
    if (!row) throw staleVersion('DSO recommendation', input.version, r);
    await recordAudit(tx, ctx, {
      action: decision === 'approve' ? 'dso.response.approve' : 'dso.response.reopen',
      entityType: 'dso_recommendation', entityId: id, orgId: org.id,
      before: { approvedAt: r.approvedAt, approvedBy: r.approvedBy }, after: { approvedAt: row.approvedAt, approvedBy: row.approvedBy, comment: input.comment ?? '' },
    });
    return (await assemble(tx, [row]))[0];
  });
}

/** Writes the follow-up text of one year (an existing one needs its version). */
export async function setFollowUp(ctx: Ctx, id: string, input: SetFollowUp): Promise<DsoRecommendation> {
  return inTx(ctx, async (tx) => {
    const { r, org } = await load(ctx, tx, id);
    if (!ctx.authz.can('plan.manage', org.path)) throw forbidden();
    // A recommendation of the DSO's report for a year is followed up that year or later, never before it was given.
    if (input.year < r.reportYear) {
      throw unprocessable('follow_up_before_report', {
        sv: `Uppföljningsåret ${input.year} ligger före dataskyddsombudets årsrapport ${r.reportYear}, som rekommendationen kommer från.`,
        en: `The follow-up year ${input.year} is before the data protection officer's annual report ${r.reportYear} the recommendation comes from.`,
      }, 'year');
    }
    // A follow-up that exists is changed with its version: without one it is a 400 saying so, not a stale version 0.
    const [cur] = await tx.select().from(dsoFollowUps).where(and(eq(dsoFollowUps.recommendationId, id), eq(dsoFollowUps.year, input.year)));
    let row;
    if (cur) {
      if (input.version === undefined) {
        throw badRequest('version_required', {
          sv: `Uppföljningen för ${input.year} finns redan: ange dess version för att ändra den.`,
          en: `The follow-up for ${input.year} exists already: give its version to change it.`,
        }, 'version');
      }
      if (input.version !== cur.version) throw staleVersion('DSO follow-up', input.version, cur);
      [row] = await tx.update(dsoFollowUps).set({ text: input.text, version: cur.version + 1, updatedAt: new Date() })
        .where(and(eq(dsoFollowUps.id, cur.id), eq(dsoFollowUps.version, cur.version))).returning();
      if (!row) throw staleVersion('DSO follow-up', input.version, cur);
    } else {
      [row] = await tx.insert(dsoFollowUps).values({ recommendationId: id, year: input.year, text: input.text }).returning();
    }
    await recordAudit(tx, ctx, { action: 'dso.followup.set', entityType: 'dso_recommendation', entityId: id, orgId: org.id, before: cur ?? null, after: row });
    return (await assemble(tx, [r]))[0];
  });
}
