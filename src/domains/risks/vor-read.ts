/** Reading VoRs: access checks and the full VoR shape (processes → arbetssätt → events → åtgärder). */
import { userNamesByEmail } from '../users/names';
import { and, asc, count, eq, inArray, like } from 'drizzle-orm';
import { escapeLike } from '../../server/platform/authz';
import type { Ctx } from '../../server/platform/context';
import type { Db } from '../../server/platform/db';
import { notFound } from '../../server/platform/errors';
import type { Permission } from '../../server/platform/permissions';
import { orgs } from '../org/table';
import { actionsOf } from './actions';
import type { Action, Vor, VorEvent } from './contract';
import { checkRecord, cityIdOf, orgFor, peekCurrentScale, scaleDto, scalesByIds, thresholdFor, thresholdsFor, type OrgRow, type ScaleRow } from './common';
import { PRESETS, bandFor, defaultBands, maxValue } from './scale';
import { vorArbetssatt, vorAssessments, vorEvents, vorProcesses } from './table';

export type VorRow = typeof vorAssessments.$inferSelect;
export type EventRow = typeof vorEvents.$inferSelect;

export const vorMissing = (id: string) => notFound({ sv: `VoR ${id} finns inte.`, en: `VoR ${id} does not exist.` });
export const eventMissing = (id: string) => notFound({ sv: `Händelsen ${id} finns inte.`, en: `Event ${id} does not exist.` });

export async function loadVor(ctx: Ctx, db: Db, id: string, perm: Permission): Promise<{ vor: VorRow; org: OrgRow }> {
  const [r] = await db.select({ vor: vorAssessments, org: orgs }).from(vorAssessments).innerJoin(orgs, eq(orgs.id, vorAssessments.orgId)).where(eq(vorAssessments.id, id));
  if (!r) throw vorMissing(id);
  checkRecord(ctx, r.org.path, perm, { sv: `VoR ${id} finns inte.`, en: `VoR ${id} does not exist.` });
  return r;
}

export async function loadEvent(ctx: Ctx, db: Db, id: string, perm: Permission): Promise<{ event: EventRow; vor: VorRow; org: OrgRow }> {
  const [r] = await db
    .select({ event: vorEvents, vor: vorAssessments, org: orgs })
    .from(vorEvents)
    .innerJoin(vorAssessments, eq(vorAssessments.id, vorEvents.vorId))
    .innerJoin(orgs, eq(orgs.id, vorAssessments.orgId))
    .where(eq(vorEvents.id, id));
  if (!r) throw eventMissing(id);
  checkRecord(ctx, r.org.path, perm, { sv: `Händelsen ${id} finns inte.`, en: `Event ${id} does not exist.` });
  return r;
}

export const fallbackScale = (cityId: string): ScaleRow => {
  const p = PRESETS['4x4'];
  return {
    id: '00000000-0000-0000-0000-000000000000', cityOrgId: cityId, scaleVersion: 0, name: p.name,
    likelihood: [...p.likelihood], consequence: [...p.consequence], bands: defaultBands(maxValue(p)), createdAt: new Date(0), createdBy: 'system',
  };
};

/** `names`: people's names by e-mail address (userNamesByEmail), for who made the IKP decision. */
export function eventDto(e: EventRow, scale: ScaleRow, threshold: number, actions: Action[], names: Map<string, string> = new Map()): VorEvent {
  const changed: string[] = [];
  if (e.previous) {
    if (e.previous.title !== e.title) changed.push('title');
    if (e.previous.sannolikhet !== e.sannolikhet) changed.push('sannolikhet');
    if (e.previous.konsekvens !== e.konsekvens) changed.push('konsekvens');
    if (e.previous.riskvarde !== e.riskvarde) changed.push('riskvarde');
  }
  return {
    id: e.id,
    vorId: e.vorId,
    arbetssattId: e.arbetssattId,
    title: e.title,
    motivation: e.motivation,
    scaleId: e.scaleId,
    scaleVersion: scale.scaleVersion,
    sannolikhet: e.sannolikhet,
    sannolikhetLabel: scale.likelihood[e.sannolikhet - 1] ?? String(e.sannolikhet),
    konsekvens: e.konsekvens,
    konsekvensLabel: scale.consequence[e.konsekvens - 1] ?? String(e.konsekvens),
    riskvarde: e.riskvarde,
    band: bandFor(scale.bands, e.riskvarde) ?? null,
    ikpProposed: e.riskvarde >= threshold,
    ikpDecision:
      e.ikpDecision === null
        ? null
        : {
            inIkp: e.ikpDecision,
            decidedBy: e.ikpDecidedBy ?? '',
            decidedByName: names.get(e.ikpDecidedBy ?? '') ?? e.ikpDecidedBy ?? '',
            decidedAt: e.ikpDecidedAt?.toISOString() ?? '',
            comment: e.ikpComment ?? '',
            riskvardeAtDecision: e.ikpDecidedRiskvarde ?? e.riskvarde,
          },
    followUp: e.followUp,
    carry: e.carriedFromId && e.previous ? { fromEventId: e.carriedFromId, changed, previous: e.previous } : null,
    actions,
    version: e.version,
  };
}

/** The threshold an approved VoR was approved with (what it proposed for IKP then stands), else undefined: the live one. */
export const approvedThreshold = (vor: Pick<VorRow, 'status' | 'ikpThreshold'>) => (vor.status === 'godkand' && vor.ikpThreshold !== null ? vor.ikpThreshold : undefined);

/** The whole VoR as the editor and the report see it. */
export async function buildVor(ctx: Ctx, db: Db, vor: VorRow, org: OrgRow): Promise<Vor> {
  // Sequential on purpose: `db` may be a transaction (one connection).
  const procs = await db.select().from(vorProcesses).where(eq(vorProcesses.vorId, vor.id)).orderBy(asc(vorProcesses.sortOrder), asc(vorProcesses.createdAt));
  const arbs = await db.select().from(vorArbetssatt).where(eq(vorArbetssatt.vorId, vor.id)).orderBy(asc(vorArbetssatt.sortOrder), asc(vorArbetssatt.createdAt));
  const events = await db.select().from(vorEvents).where(eq(vorEvents.vorId, vor.id)).orderBy(asc(vorEvents.sortOrder), asc(vorEvents.createdAt));
  const threshold = { threshold: approvedThreshold(vor) ?? (await thresholdFor(db, org.path)).threshold };
  const cur = await peekCurrentScale(db, cityIdOf(org.path));
  const scales = await scalesByIds(db, events.map((e) => e.scaleId));
  const actions = await actionsOf(db, 'vor_event', events.map((e) => e.id));
  const names = await userNamesByEmail(db, events.map((e) => e.ikpDecidedBy));
  const current = cur ?? fallbackScale(cityIdOf(org.path));
  return {
    id: vor.id,
    org: { id: org.id, slug: org.slug, name: org.name },
    year: vor.year,
    status: vor.status as Vor['status'],
    approvedAt: vor.approvedAt?.toISOString() ?? null,
    approvedBy: vor.approvedBy,
    previousId: vor.previousId,
    threshold: threshold.threshold,
    scale: scaleDto(current, current.scaleVersion),
    processes: procs.map((p) => ({
      id: p.id,
      name: p.name,
      mandatory: p.mandatory,
      arbetssatt: arbs
        .filter((a) => a.processId === p.id)
        .map((a) => ({
          id: a.id,
          key: a.key,
          name: a.name,
          events: events
            .filter((e) => e.arbetssattId === a.id)
            .map((e) => eventDto(e, scales.get(e.scaleId) ?? current, threshold.threshold, actions.get(e.id) ?? [], names)),
        })),
    })),
    version: vor.version,
  };
}

export async function getVor(ctx: Ctx, id: string): Promise<Vor> {
  const { vor, org } = await loadVor(ctx, ctx.db, id, 'risk.read');
  return buildVor(ctx, ctx.db, vor, org);
}

/** VoRs the caller may read, optionally for one org's subtree and/or one year. */
export async function listVors(ctx: Ctx, q: { org?: string; year?: number }) {
  const conds = [ctx.authz.scopeSql('risk.read', orgs.path)];
  if (q.org) {
    const org = await orgFor(ctx, ctx.db, q.org, 'risk.read');
    conds.push(like(orgs.path, escapeLike(org.path) + '%'));
  }
  if (q.year !== undefined) conds.push(eq(vorAssessments.year, q.year));
  const rows = await ctx.db
    .select({ vor: vorAssessments, org: orgs })
    .from(vorAssessments)
    .innerJoin(orgs, eq(orgs.id, vorAssessments.orgId))
    .where(and(...conds))
    .orderBy(asc(orgs.path), asc(vorAssessments.year));
  const ids = rows.map((r) => r.vor.id);
  const counts = ids.length
    ? await ctx.db
        .select({ vorId: vorEvents.vorId, riskvarde: vorEvents.riskvarde, n: count() })
        .from(vorEvents)
        .where(inArray(vorEvents.vorId, ids))
        .groupBy(vorEvents.vorId, vorEvents.riskvarde)
    : [];
  const thresholds = await thresholdsFor(ctx.db, rows.map((r) => r.org.path));
  return rows.map((r) => {
    const t = approvedThreshold(r.vor) ?? thresholds.get(r.org.path) ?? 12;
    const mine = counts.filter((c) => c.vorId === r.vor.id);
    return {
      id: r.vor.id,
      orgId: r.org.id,
      orgSlug: r.org.slug,
      orgName: r.org.name,
      year: r.vor.year,
      status: r.vor.status,
      events: mine.reduce((s, c) => s + Number(c.n), 0),
      ikpProposed: mine.filter((c) => c.riskvarde >= t).reduce((s, c) => s + Number(c.n), 0),
      version: r.vor.version,
    };
  });
}
