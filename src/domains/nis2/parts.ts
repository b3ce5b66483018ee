import { and, eq, sql } from 'drizzle-orm';
import type { Ctx } from '../../server/platform/context';
import type { Db } from '../../server/platform/db';
import { notFound, unprocessable } from '../../server/platform/errors';
import { staleVersion } from '../../server/platform/locking';
import { refuseAfterToday } from '../../server/platform/time';
import { inTx } from '../../server/platform/tx';
import { recordAudit } from '../audit/chain';
import type { AreaKey, CreateNis2Supplier, CreateNis2Training, Nis2Assessment, UpdateNis2Area, UpdateNis2Supplier } from './contract';
import { loadAssessment, refuseApproved, toArea, toAssessment, touch } from './service';
import { nis2Areas, nis2Suppliers, nis2Training } from './table';

/**
 * The parts of a year's assessment: the ten areas, the suppliers of the supply chain (d) and the management's
 * training (article 20). Each change needs risk.manage, is refused while the assessment is approved (409 approved),
 * counts in the assessment's version and is audited; each answers the whole assessment.
 */

/** The assessment for a change of its parts: readable, risk.manage, not approved; locked for the transaction. */
async function forChange(ctx: Ctx, tx: Db, id: string) {
  const { cur, org } = await loadAssessment(ctx, tx, id, 'risk.manage');
  refuseApproved(cur);
  return { cur, org };
}

/** Changes one area. Ej tillämplig needs a reason; a due date lies in the assessment's year or later (422). */
export async function updateArea(ctx: Ctx, id: string, area: AreaKey, input: UpdateNis2Area): Promise<Nis2Assessment> {
  return inTx(ctx, async (tx) => {
    const { cur: a, org } = await forChange(ctx, tx, id);
    const [cur] = await tx.select().from(nis2Areas).where(and(eq(nis2Areas.assessmentId, id), eq(nis2Areas.area, area)));
    if (!cur) throw notFound({ sv: `Området (${area}) finns inte i bedömningen.`, en: `Area (${area}) is not in the assessment.` }, 'area');
    if (cur.version !== input.version) throw staleVersion('nis2 area', input.version, toArea(cur));
    const { version, ...changes } = input;
    const status = changes.status ?? cur.status;
    const reason = changes.reason ?? cur.reason;
    if (status === 'ej_tillamplig' && reason.trim() === '') {
      throw unprocessable('reason_required', {
        sv: 'Ange skälet till att området inte är tillämpligt.',
        en: 'Give the reason why the area is not applicable.',
      }, 'reason');
    }
    const due = changes.dueDate === undefined ? cur.dueDate : changes.dueDate;
    if (due && due < `${a.year}-01-01`) {
      throw unprocessable('due_before_year', {
        sv: `Klart senast (${due}) ligger före bedömningsåret ${a.year}. Ange ett datum ${a.year} eller senare.`,
        en: `The due date (${due}) is before the assessment year ${a.year}. Give a date in ${a.year} or later.`,
      }, 'dueDate');
    }
    const [row] = await tx.update(nis2Areas).set({ ...changes, version: sql`${nis2Areas.version} + 1`, updatedAt: new Date() })
      .where(and(eq(nis2Areas.id, cur.id), eq(nis2Areas.version, version))).returning();
    await recordAudit(tx, ctx, { action: 'nis2.area_update', entityType: 'nis2_area', entityId: cur.id, orgId: org.id, before: cur, after: row });
    return toAssessment(tx, await touch(tx, id), org);
  });
}

export async function createSupplier(ctx: Ctx, id: string, input: CreateNis2Supplier): Promise<Nis2Assessment> {
  return inTx(ctx, async (tx) => {
    const { org } = await forChange(ctx, tx, id);
    const [row] = await tx.insert(nis2Suppliers).values({ ...input, assessmentId: id }).returning();
    await recordAudit(tx, ctx, { action: 'nis2.supplier_create', entityType: 'nis2_supplier', entityId: row.id, orgId: org.id, after: row });
    return toAssessment(tx, await touch(tx, id), org);
  });
}

const noSupplier = (id: string) => notFound({ sv: `Leverantören ${id} finns inte.`, en: `Supplier ${id} does not exist.` }, 'id');

/** The supplier row and its assessment, checked as a change of the assessment (404 for a supplier out of scope). */
async function supplierForChange(ctx: Ctx, tx: Db, supplierId: string) {
  const [cur] = await tx.select().from(nis2Suppliers).where(eq(nis2Suppliers.id, supplierId));
  if (!cur) throw noSupplier(supplierId);
  const { org } = await forChange(ctx, tx, cur.assessmentId).catch((e: unknown) => {
    throw (e as { status?: number }).status === 404 ? noSupplier(supplierId) : e;
  });
  return { cur, org };
}

export async function updateSupplier(ctx: Ctx, supplierId: string, input: UpdateNis2Supplier): Promise<Nis2Assessment> {
  return inTx(ctx, async (tx) => {
    const { cur, org } = await supplierForChange(ctx, tx, supplierId);
    if (cur.version !== input.version) throw staleVersion('nis2 supplier', input.version, { ...cur });
    const { version, ...changes } = input;
    const [row] = await tx.update(nis2Suppliers).set({ ...changes, version: sql`${nis2Suppliers.version} + 1`, updatedAt: new Date() })
      .where(and(eq(nis2Suppliers.id, supplierId), eq(nis2Suppliers.version, version))).returning();
    await recordAudit(tx, ctx, { action: 'nis2.supplier_update', entityType: 'nis2_supplier', entityId: supplierId, orgId: org.id, before: cur, after: row });
    return toAssessment(tx, await touch(tx, cur.assessmentId), org);
  });
}

export async function deleteSupplier(ctx: Ctx, supplierId: string, version: number): Promise<Nis2Assessment> {
  return inTx(ctx, async (tx) => {
    const { cur, org } = await supplierForChange(ctx, tx, supplierId);
    if (cur.version !== version) throw staleVersion('nis2 supplier', version, { ...cur });
    await tx.delete(nis2Suppliers).where(eq(nis2Suppliers.id, supplierId));
    await recordAudit(tx, ctx, { action: 'nis2.supplier_delete', entityType: 'nis2_supplier', entityId: supplierId, orgId: org.id, before: cur });
    return toAssessment(tx, await touch(tx, cur.assessmentId), org);
  });
}

/** A member of the förvaltningsledning has done the training (article 20(2)); the day cannot lie ahead (422). */
export async function createTraining(ctx: Ctx, id: string, input: CreateNis2Training): Promise<Nis2Assessment> {
  refuseAfterToday(input.date, 'date', 'training_date_future',
    { sv: 'Utbildningsdagen', en: 'The training date' },
    { sv: 'Registrera utbildningen när den är genomförd.', en: 'Record the training once it has been done.' });
  return inTx(ctx, async (tx) => {
    const { org } = await forChange(ctx, tx, id);
    const [row] = await tx.insert(nis2Training).values({ ...input, assessmentId: id }).returning();
    await recordAudit(tx, ctx, { action: 'nis2.training_create', entityType: 'nis2_training', entityId: row.id, orgId: org.id, after: row });
    return toAssessment(tx, await touch(tx, id), org);
  });
}

export async function deleteTraining(ctx: Ctx, trainingId: string): Promise<Nis2Assessment> {
  return inTx(ctx, async (tx) => {
    const none = () => notFound({ sv: `Utbildningsraden ${trainingId} finns inte.`, en: `Training record ${trainingId} does not exist.` }, 'id');
    const [cur] = await tx.select().from(nis2Training).where(eq(nis2Training.id, trainingId));
    if (!cur) throw none();
    const { org } = await forChange(ctx, tx, cur.assessmentId).catch((e: unknown) => {
      throw (e as { status?: number }).status === 404 ? none() : e;
    });
    await tx.delete(nis2Training).where(eq(nis2Training.id, trainingId));
    await recordAudit(tx, ctx, { action: 'nis2.training_delete', entityType: 'nis2_training', entityId: trainingId, orgId: org.id, before: cur });
    return toAssessment(tx, await touch(tx, cur.assessmentId), org);
  });
}
