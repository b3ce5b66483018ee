/**
 * VoR writes. An approved VoR locks its assessment (events, their values, processes); the follow-up text,
 * åtgärder and IKP decisions stay open, because they are what the year's follow-up is about.
 */
import { userNamesByEmail } from '../users/names';
import { and, eq, max } from 'drizzle-orm';
import type { z } from '@hono/zod-openapi';
import type { Ctx } from '../../server/platform/context';
import type { Db } from '../../server/platform/db';
import { conflict, notFound } from '../../server/platform/errors';
import { staleVersion } from '../../server/platform/locking';
import { inTx } from '../../server/platform/tx';
import { recordAudit } from '../audit/chain';
import { MANDATORY_ARBETSSATT, MANDATORY_PROCESS, type CreateArbetssatt, type CreateEvent, type CreateProcess, type IkpDecision, type UpdateEvent, type Vor, type VorEvent } from './contract';
import { actor, cityIdOf, currentScale, orgFor, scaleById, thresholdFor } from './common';
import { checkValue, riskvarde } from './scale';
import { vorArbetssatt, vorAssessments, vorEvents, vorProcesses } from './table';
import { approvedThreshold, buildVor, eventDto, loadEvent, loadVor, type VorRow } from './vor-read';
import { actionsOf } from './actions';

function assertOpen(vor: VorRow, field?: string) {
  if (vor.status === 'godkand') {
    throw conflict('vor_approved', {
      sv: `VoR ${vor.year} är godkänd och låst. Öppna den igen (återöppna) för att ändra bedömningen.`,
      en: `The ${vor.year} VoR is approved and locked. Reopen it to change the assessment.`,
    }, field);
  }
}

/** Creates the year's VoR with the city's mandatory process and its five arbetssätt preset. */
export async function insertVor(tx: Db, ctx: Ctx, orgId: string, year: number, previousId: string | null): Promise<VorRow> {
  const [dup] = await tx.select({ id: vorAssessments.id }).from(vorAssessments).where(and(eq(vorAssessments.orgId, orgId), eq(vorAssessments.year, year)));
  if (dup) {
    throw conflict('vor_exists', { sv: `Det finns redan en VoR för ${year}.`, en: `A VoR for ${year} already exists.` }, 'year', { existingId: dup.id });
  }
  const [vor] = await tx.insert(vorAssessments).values({ orgId, year, previousId }).returning();
  const [proc] = await tx.insert(vorProcesses).values({ vorId: vor.id, name: MANDATORY_PROCESS, mandatory: true, sortOrder: 0 }).returning();
  await tx.insert(vorArbetssatt).values(MANDATORY_ARBETSSATT.map((a, i) => ({ vorId: vor.id, processId: proc.id, key: a.key, name: a.name, sortOrder: i })));
  await recordAudit(tx, ctx, { action: 'risk.vor.create', entityType: 'vor', entityId: vor.id, orgId, after: vor });
  return vor;
}

export async function createVor(ctx: Ctx, input: { org: string; year: number }): Promise<Vor> {
  return inTx(ctx, async (tx) => {
    const org = await orgFor(ctx, tx, input.org, 'risk.manage');
    await currentScale(tx, ctx, cityIdOf(org.path));
    const vor = await insertVor(tx, ctx, org.id, input.year, null);
    return buildVor(ctx, tx, vor, org);
  });
}

async function setVorStatus(ctx: Ctx, id: string, input: { version: number; comment?: string }, to: 'godkand' | 'utkast'): Promise<Vor> {
  return inTx(ctx, async (tx) => {
    const { vor, org } = await loadVor(ctx, tx, id, 'risk.decide');
    if (vor.version !== input.version) throw staleVersion('VoR', input.version, vor);
    if (vor.status === to) {
      throw conflict('vor_status', {
        sv: to === 'godkand' ? `VoR ${vor.year} är redan godkänd.` : `VoR ${vor.year} är inte godkänd.`,
        en: to === 'godkand' ? `The ${vor.year} VoR is already approved.` : `The ${vor.year} VoR is not approved.`,
      }, 'status');
    }
    // An analysis without a single oönskad händelse has assessed nothing: there is nothing to approve.
    const [any] = to === 'godkand' ? await tx.select({ id: vorEvents.id }).from(vorEvents).where(eq(vorEvents.vorId, id)).limit(1) : [{ id }];
    if (!any) {
      throw conflict('vor_empty', {
        sv: `VoR ${vor.year} har inga oönskade händelser. Bedöm händelserna under arbetssätten innan den godkänns.`,
        en: `The ${vor.year} VoR has no undesired events. Assess the events under its arbetssätt before approving it.`,
      }, 'status');
    }
    const [row] = await tx
      .update(vorAssessments)
      .set({
        status: to,
        approvedAt: to === 'godkand' ? new Date() : null,
        approvedBy: to === 'godkand' ? actor(ctx) : null,
        ikpThreshold: to === 'godkand' ? (await thresholdFor(tx, org.path)).threshold : null,
        version: vor.version + 1,
        updatedAt: new Date(),
      })
      .where(and(eq(vorAssessments.id, id), eq(vorAssessments.version, input.version)))
      .returning();
    if (!row) throw staleVersion('VoR', input.version, vor);
    await recordAudit(tx, ctx, {
      action: to === 'godkand' ? 'risk.vor.approve' : 'risk.vor.reopen', entityType: 'vor', entityId: id, orgId: org.id,
      before: vor, after: { ...row, comment: input.comment ?? null },
    });
    return buildVor(ctx, tx, row, org);
  });
}

export const approveVor = (ctx: Ctx, id: string, input: { version: number; comment?: string }) => setVorStatus(ctx, id, input, 'godkand');
export const reopenVor = (ctx: Ctx, id: string, input: { version: number; comment?: string }) => setVorStatus(ctx, id, input, 'utkast');

/** The förvaltning's own process, optionally with its arbetssätt. */
export async function addProcess(ctx: Ctx, vorId: string, input: z.infer<typeof CreateProcess>): Promise<Vor> {
  return inTx(ctx, async (tx) => {
    const { vor, org } = await loadVor(ctx, tx, vorId, 'risk.manage');
    assertOpen(vor);
    const [{ n }] = await tx.select({ n: max(vorProcesses.sortOrder) }).from(vorProcesses).where(eq(vorProcesses.vorId, vorId));
    const [proc] = await tx.insert(vorProcesses).values({ vorId, name: input.name, mandatory: false, sortOrder: (n ?? 0) + 1 }).returning();
    if (input.arbetssatt.length) {
      await tx.insert(vorArbetssatt).values(input.arbetssatt.map((name, i) => ({ vorId, processId: proc.id, name, sortOrder: i })));
    }
    await recordAudit(tx, ctx, { action: 'risk.vor.process.create', entityType: 'vor_process', entityId: proc.id, orgId: org.id, after: { ...proc, arbetssatt: input.arbetssatt } });
    return buildVor(ctx, tx, vor, org);
  });
}

export async function addArbetssatt(ctx: Ctx, processId: string, input: z.infer<typeof CreateArbetssatt>): Promise<Vor> {
  return inTx(ctx, async (tx) => {
    const [proc] = await tx.select().from(vorProcesses).where(eq(vorProcesses.id, processId));
    if (!proc) throw notFound({ sv: `Processen ${processId} finns inte.`, en: `Process ${processId} does not exist.` });
    const { vor, org } = await loadVor(ctx, tx, proc.vorId, 'risk.manage');
    assertOpen(vor);
    const [{ n }] = await tx.select({ n: max(vorArbetssatt.sortOrder) }).from(vorArbetssatt).where(eq(vorArbetssatt.processId, processId));
    const [row] = await tx.insert(vorArbetssatt).values({ vorId: vor.id, processId, name: input.name, sortOrder: (n ?? -1) + 1 }).returning();
    await recordAudit(tx, ctx, { action: 'risk.vor.arbetssatt.create', entityType: 'vor_arbetssatt', entityId: row.id, orgId: org.id, after: row });
    return buildVor(ctx, tx, vor, org);
  });
}

async function checkArbetssatt(tx: Db, vorId: string, id: string) {
  const [a] = await tx.select().from(vorArbetssatt).where(and(eq(vorArbetssatt.id, id), eq(vorArbetssatt.vorId, vorId)));
  if (!a) throw notFound({ sv: `Arbetssättet ${id} finns inte i denna VoR.`, en: `Arbetssätt ${id} is not part of this VoR.` }, 'arbetssattId');
  return a;
}

/** The event as the VoR shows it: proposed for IKP by the threshold the VoR was approved with, else the live one. */
async function eventResult(ctx: Ctx, tx: Db, row: typeof vorEvents.$inferSelect, path: string, vor: VorRow): Promise<VorEvent> {
  const scale = await scaleById(tx, row.scaleId);
  const threshold = approvedThreshold(vor) ?? (await thresholdFor(tx, path)).threshold;
  const actions = await actionsOf(tx, 'vor_event', [row.id]);
  return eventDto(row, scale, threshold, actions.get(row.id) ?? [], await userNamesByEmail(tx, [row.ikpDecidedBy]));
}

/** A new oönskad händelse on the city's current scale; riskvärde is computed here. */
export async function createEvent(ctx: Ctx, vorId: string, input: CreateEvent): Promise<VorEvent> {
  return inTx(ctx, async (tx) => {
    const { vor, org } = await loadVor(ctx, tx, vorId, 'risk.manage');
    assertOpen(vor);
    await checkArbetssatt(tx, vorId, input.arbetssattId);
    const scale = await currentScale(tx, ctx, cityIdOf(org.path));
    checkValue(scale, 'sannolikhet', input.sannolikhet);
    checkValue(scale, 'konsekvens', input.konsekvens);
    const [{ n }] = await tx.select({ n: max(vorEvents.sortOrder) }).from(vorEvents).where(eq(vorEvents.vorId, vorId));
    const [row] = await tx
      .insert(vorEvents)
      .values({
        vorId,
        arbetssattId: input.arbetssattId,
        orgId: org.id,
        title: input.title,
        motivation: input.motivation ?? '',
        scaleId: scale.id,
        sannolikhet: input.sannolikhet,
        konsekvens: input.konsekvens,
        riskvarde: riskvarde(input.sannolikhet, input.konsekvens),
        followUp: input.followUp ?? '',
        sortOrder: (n ?? 0) + 1,
      })
      .returning();
    await recordAudit(tx, ctx, { action: 'risk.vor.event.create', entityType: 'vor_event', entityId: row.id, orgId: org.id, after: row });
    return eventResult(ctx, tx, row, org.path, vor);
  });
}

/** Edits an event on its own scale version; only the follow-up text may change once the VoR is approved. */
export async function updateEvent(ctx: Ctx, id: string, input: UpdateEvent): Promise<VorEvent> {
  return inTx(ctx, async (tx) => {
    const { event, vor, org } = await loadEvent(ctx, tx, id, 'risk.manage');
    if (event.version !== input.version) throw staleVersion('händelse', input.version, event);
    const { version, followUp, ...assessment } = input;
    const touched = Object.keys(assessment).filter((k) => assessment[k as keyof typeof assessment] !== undefined);
    if (touched.length) assertOpen(vor, touched[0]);
    if (input.arbetssattId) await checkArbetssatt(tx, vor.id, input.arbetssattId);
    const scale = await scaleById(tx, event.scaleId);
    const s = input.sannolikhet !== undefined ? checkValue(scale, 'sannolikhet', input.sannolikhet) : event.sannolikhet;
    const k = input.konsekvens !== undefined ? checkValue(scale, 'konsekvens', input.konsekvens) : event.konsekvens;
    const [row] = await tx
      .update(vorEvents)
      .set({
        ...(input.title !== undefined ? { title: input.title } : {}),
        ...(input.motivation !== undefined ? { motivation: input.motivation } : {}),
        ...(input.arbetssattId !== undefined ? { arbetssattId: input.arbetssattId } : {}),
        ...(followUp !== undefined ? { followUp } : {}),
        sannolikhet: s,
        konsekvens: k,
        riskvarde: riskvarde(s, k),
        version: version + 1,
        updatedAt: new Date(),
      })
      .where(and(eq(vorEvents.id, id), eq(vorEvents.version, version)))
      .returning();
    if (!row) throw staleVersion('händelse', version, event);
    await recordAudit(tx, ctx, { action: 'risk.vor.event.update', entityType: 'vor_event', entityId: id, orgId: org.id, before: event, after: row });
    return eventResult(ctx, tx, row, org.path, vor);
  });
}

/** Management's IKP decision (risk.decide), stored apart from the threshold's proposal. */
export async function decideIkp(ctx: Ctx, id: string, input: z.infer<typeof IkpDecision>): Promise<VorEvent> {
  return inTx(ctx, async (tx) => {
    const { event, vor, org } = await loadEvent(ctx, tx, id, 'risk.decide');
    if (event.version !== input.version) throw staleVersion('händelse', input.version, event);
    const [row] = await tx
      .update(vorEvents)
      .set({
        ikpDecision: input.inIkp,
        ikpDecidedBy: actor(ctx),
        ikpDecidedAt: new Date(),
        ikpComment: input.comment ?? '',
        ikpDecidedRiskvarde: event.riskvarde,
        version: event.version + 1,
        updatedAt: new Date(),
      })
      .where(and(eq(vorEvents.id, id), eq(vorEvents.version, input.version)))
      .returning();
    if (!row) throw staleVersion('händelse', input.version, event);
    await recordAudit(tx, ctx, { action: 'risk.ikp.decide', entityType: 'vor_event', entityId: id, orgId: org.id, before: event, after: row });
    return eventResult(ctx, tx, row, org.path, vor);
  });
}
