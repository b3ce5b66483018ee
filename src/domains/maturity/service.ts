import { and, asc, eq, inArray, like, sql } from 'drizzle-orm';
import { escapeLike } from '../../server/platform/authz';
import type { Ctx } from '../../server/platform/context';
import type { Db } from '../../server/platform/db';
import { conflict, notFound, unprocessable } from '../../server/platform/errors';
import { staleVersion } from '../../server/platform/locking';
import { refuseAfterToday } from '../../server/platform/time';
import { inTx } from '../../server/platform/tx';
import { recordAudit } from '../audit/chain';
import { orgs } from '../org/table';
import { orgFor, orgSlugs, recordOrg } from '../plans/scope';
import type { CreateMaturityAssessment, MaturityAssessment, MaturityQuery, UpdateMaturityAssessment } from './contract';
import { maturityAssessments, maturityScores } from './table';

type Row = typeof maturityAssessments.$inferSelect;
type ScoreInput = CreateMaturityAssessment['scores'][number];
const what = (id: string) => ({ sv: `Mognadsmätningen ${id} finns inte.`, en: `Maturity measurement ${id} does not exist.` });

/** Mean of the levels, one decimal (null without areas). */
export const averageLevel = (levels: number[]) => (levels.length ? Math.round((levels.reduce((a, b) => a + b, 0) / levels.length) * 10) / 10 : null);

async function assemble(db: Db, rows: Row[]): Promise<MaturityAssessment[]> {
  if (rows.length === 0) return [];
  const scores = await db.select().from(maturityScores)
    .where(inArray(maturityScores.assessmentId, rows.map((r) => r.id))).orderBy(asc(maturityScores.position));
  const names = await orgSlugs(db, rows.map((r) => r.orgId));
  return rows.map((r) => {
    const own = scores.filter((s) => s.assessmentId === r.id);
    return {
      id: r.id,
      org: { id: r.orgId, ...names.get(r.orgId)! },
      year: r.year,
      assessedOn: r.assessedOn,
      method: r.method,
      assessor: r.assessor,
      summary: r.summary,
      version: r.version,
      scores: own.map((s) => ({ area: s.area, level: s.level, targetLevel: s.targetLevel, comment: s.comment })),
      average: averageLevel(own.map((s) => s.level)),
    };
  });
}

const scoreRows = (assessmentId: string, scores: ScoreInput[]) =>
  scores.map((s, position) => ({ assessmentId, area: s.area, position, level: s.level, targetLevel: s.targetLevel ?? null, comment: s.comment ?? '' }));

/** The organisation's measurements (with `subtree=true` also those below it), newest year first. */
export async function listAssessments(ctx: Ctx, q: MaturityQuery): Promise<MaturityAssessment[]> {
  const org = await orgFor(ctx, ctx.db, q.org, 'plan.read');
  const rows = await ctx.db.select({ a: maturityAssessments }).from(maturityAssessments)
    .innerJoin(orgs, eq(orgs.id, maturityAssessments.orgId))
    .where(and(
      ctx.authz.scopeSql('plan.read', orgs.path),
      q.subtree === 'true' ? like(orgs.path, escapeLike(org.path) + '%') : eq(maturityAssessments.orgId, org.id),
    ))
    .orderBy(asc(orgs.path), sql`${maturityAssessments.year} desc`);
  return assemble(ctx.db, rows.map((r) => r.a));
}

async function load(ctx: Ctx, db: Db, id: string, write: boolean) {
  const [a] = await db.select().from(maturityAssessments).where(eq(maturityAssessments.id, id));
  if (!a) throw notFound(what(id), 'id');
  const org = await recordOrg(ctx, db, a.orgId, 'plan.read', write ? 'plan.manage' : undefined, what(id));
  return { a, org };
}

export async function getAssessment(ctx: Ctx, id: string): Promise<MaturityAssessment> {
  const { a } = await load(ctx, ctx.db, id, false);
  return (await assemble(ctx.db, [a]))[0];
}

/** The day of the measurement has come and lies in or after the year it measures (422 at `assessedOn`). */
function checkAssessedOn(year: number, assessedOn: string | null | undefined) {
  refuseAfterToday(assessedOn, 'assessedOn', 'assessed_in_future', { sv: 'Mätdatumet', en: 'The measurement date' },
    { sv: 'Ange när mätningen gjordes.', en: 'Give the day the measurement was made.' });
  if (assessedOn && assessedOn < `${year}-01-01`) {
    throw unprocessable('assessed_before_year', {
      sv: `Mätdatumet ${assessedOn} ligger före året ${year} som mätningen gäller.`,
      en: `The measurement date ${assessedOn} is before the year measured, ${year}.`,
    }, 'assessedOn');
  }
}

export async function createAssessment(ctx: Ctx, input: CreateMaturityAssessment): Promise<MaturityAssessment> {
  return inTx(ctx, async (tx) => {
    const org = await orgFor(ctx, tx, input.org, 'plan.read', 'plan.manage');
    checkAssessedOn(input.year, input.assessedOn);
    const [dup] = await tx.select({ id: maturityAssessments.id }).from(maturityAssessments)
      .where(and(eq(maturityAssessments.orgId, org.id), eq(maturityAssessments.year, input.year)));
    if (dup) {
      throw conflict('duplicate_year', {
        sv: `${org.name} har redan en mognadsmätning för ${input.year}; ändra den i stället.`,
        en: `${org.name} already has a maturity measurement for ${input.year}; edit that one instead.`,
      }, 'year');
    }
    const [a] = await tx.insert(maturityAssessments).values({
      orgId: org.id, year: input.year, assessedOn: input.assessedOn ?? null,
      method: input.method ?? '', assessor: input.assessor ?? '', summary: input.summary ?? '',
    }).returning();
    const scores = await tx.insert(maturityScores).values(scoreRows(a.id, input.scores)).returning();
    await recordAudit(tx, ctx, { action: 'maturity.create', entityType: 'maturity_assessment', entityId: a.id, orgId: org.id, after: { ...a, scores } });
    return (await assemble(tx, [a]))[0];
  });
}

export async function updateAssessment(ctx: Ctx, id: string, input: UpdateMaturityAssessment): Promise<MaturityAssessment> {
  return inTx(ctx, async (tx) => {
    const { a, org } = await load(ctx, tx, id, true);
    const { version, scores, ...changes } = input;
    if (a.version !== version) throw staleVersion('maturity measurement', version, a);
    checkAssessedOn(a.year, changes.assessedOn);
    const before = { ...a, scores: await tx.select().from(maturityScores).where(eq(maturityScores.assessmentId, id)).orderBy(asc(maturityScores.position)) };
    const [row] = await tx.update(maturityAssessments)
      .set({ ...changes, version: sql`${maturityAssessments.version} + 1`, updatedAt: new Date() })
      .where(and(eq(maturityAssessments.id, id), eq(maturityAssessments.version, version))).returning();
    if (!row) throw staleVersion('maturity measurement', version, a);
    let after = before.scores;
    if (scores) {
      await tx.delete(maturityScores).where(eq(maturityScores.assessmentId, id));
      after = await tx.insert(maturityScores).values(scoreRows(id, scores)).returning();
    }
    await recordAudit(tx, ctx, { action: 'maturity.update', entityType: 'maturity_assessment', entityId: id, orgId: org.id, before, after: { ...row, scores: after } });
    return (await assemble(tx, [row]))[0];
  });
}

export async function deleteAssessment(ctx: Ctx, id: string, version: number): Promise<void> {
  await inTx(ctx, async (tx) => {
    const { a, org } = await load(ctx, tx, id, true);
    if (a.version !== version) throw staleVersion('maturity measurement', version, a);
    const scores = await tx.select().from(maturityScores).where(eq(maturityScores.assessmentId, id));
    await tx.delete(maturityAssessments).where(eq(maturityAssessments.id, id));
    await recordAudit(tx, ctx, { action: 'maturity.delete', entityType: 'maturity_assessment', entityId: id, orgId: org.id, before: { ...a, scores } });
  });
}
