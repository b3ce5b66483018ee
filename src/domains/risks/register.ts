/** The förvaltning's risk register: create/update, filtered list, heat map and export share one filter. */
import { userNamesByEmail } from '../users/names';
import { and, asc, count, eq, ilike, inArray, isNull, like, lt, or, sql, type SQL } from 'drizzle-orm';
import { escapeLike } from '../../server/platform/authz';
import type { Ctx } from '../../server/platform/context';
import type { Db } from '../../server/platform/db';
import { badRequest, notFound, unprocessable } from '../../server/platform/errors';
import { staleVersion } from '../../server/platform/locking';
import { inTx } from '../../server/platform/tx';
import { recordAudit } from '../audit/chain';
import { orgs } from '../org/table';
import { actionsOf } from './actions';
import type { CreateRisk, RegisterRisk, RiskQuery, UpdateRisk } from './contract-register';
import { actor, checkRecord, cityIdOf, currentScale, orgFor, peekCurrentScale, scaleById, scalesByIds, type OrgRow, type ScaleRow } from './common';
import { bandFor, checkValue, riskvarde } from './scale';
import { risks, riskScales, rsaActivities, vorEvents } from './table';
import { stockholmDate } from '../../server/platform/time';

type RiskRow = typeof risks.$inferSelect;
const missing = (id: string) => ({ sv: `Risken ${id} finns inte.`, en: `Risk ${id} does not exist.` });

export function riskDto(r: RiskRow, org: Pick<OrgRow, 'id' | 'slug' | 'name'>, scale: ScaleRow, actions: RegisterRisk['actions'], today = stockholmDate(), names: Map<string, string> = new Map()): RegisterRisk {
  const res = r.residualRiskvarde !== null ? { sannolikhet: r.residualSannolikhet!, konsekvens: r.residualKonsekvens!, riskvarde: r.residualRiskvarde, band: bandFor(scale.bands, r.residualRiskvarde) ?? null } : null;
  const inh = { sannolikhet: r.inherentSannolikhet, konsekvens: r.inherentKonsekvens, riskvarde: r.inherentRiskvarde, band: bandFor(scale.bands, r.inherentRiskvarde) ?? null };
  return {
    id: r.id,
    org: { id: org.id, slug: org.slug, name: org.name },
    title: r.title,
    description: r.description,
    sourceType: r.sourceType as RegisterRisk['sourceType'],
    sourceId: r.sourceId,
    sourceLabel: r.sourceLabel,
    owner: r.owner,
    scaleId: r.scaleId,
    scaleVersion: scale.scaleVersion,
    inherent: inh,
    residual: res,
    level: (res ?? inh).band?.label ?? null,
    treatment: r.treatment as RegisterRisk['treatment'],
    treatmentDecision: r.treatmentDecision,
    treatmentDecidedBy: r.treatmentDecidedBy,
    treatmentDecidedByName: r.treatmentDecidedBy ? names.get(r.treatmentDecidedBy) ?? r.treatmentDecidedBy : null,
    treatmentDecidedAt: r.treatmentDecidedAt?.toISOString() ?? null,
    reviewDate: r.reviewDate,
    reviewOverdue: r.status === 'oppen' && r.reviewDate !== null && r.reviewDate < today,
    status: r.status as RegisterRisk['status'],
    actions,
    version: r.version,
  };
}

async function checkSource(ctx: Ctx, tx: Db, type: string, id: string | null | undefined) {
  if (!id || (type !== 'vor' && type !== 'rsa')) return;
  const t = type === 'vor' ? vorEvents : rsaActivities;
  const [row] = /^[0-9a-f-]{36}$/i.test(id)
    ? await tx.select({ path: orgs.path }).from(t).innerJoin(orgs, eq(orgs.id, t.orgId)).where(eq(t.id, id))
    : [];
  if (!row || !ctx.authz.can('risk.read', row.path)) {
    throw unprocessable('source_missing', {
      sv: `Källposten (${type}) ${id} finns inte.`, en: `The source record (${type}) ${id} does not exist.`,
    }, 'sourceId');
  }
}

function values(scale: ScaleRow, a: { sannolikhet: number; konsekvens: number }, prefix: string) {
  const s = checkValue(scale, 'sannolikhet', a.sannolikhet, `${prefix}.sannolikhet`);
  const k = checkValue(scale, 'konsekvens', a.konsekvens, `${prefix}.konsekvens`);
  return { s, k, v: riskvarde(s, k) };
}

/**
 * Treatment lowers a risk: the residual risk value (kvarvarande risk) may not be higher than the inherent one. A
 * higher one is a mistake of entry (the two rows swapped, a value picked on the wrong axis): 422 on the residual.
 */
function checkResidual(inherent: number, residual: number | null, changed: 'residual' | 'inherent') {
  if (residual === null || residual <= inherent) return;
  throw unprocessable('residual_above_inherent', {
    sv: `Kvarvarande risk (riskvärde ${residual}) kan inte vara högre än inneboende risk (riskvärde ${inherent}): åtgärder sänker risken. Kontrollera värdena.`,
    en: `The residual risk (risk value ${residual}) cannot be higher than the inherent risk (risk value ${inherent}): treatment lowers a risk. Check the values.`,
  }, `${changed}.sannolikhet`);
}

export async function createRisk(ctx: Ctx, input: CreateRisk): Promise<RegisterRisk> {
  return inTx(ctx, async (tx) => {
    const org = await orgFor(ctx, tx, input.org, 'risk.manage');
    const scale = await currentScale(tx, ctx, cityIdOf(org.path));
    const inh = values(scale, input.inherent, 'inherent');
    const res = input.residual ? values(scale, input.residual, 'residual') : null;
    checkResidual(inh.v, res?.v ?? null, 'residual');
    await checkSource(ctx, tx, input.sourceType, input.sourceId);
    const decided = input.treatment != null || !!input.treatmentDecision;
    const [row] = await tx
      .insert(risks)
      .values({
        orgId: org.id, title: input.title, description: input.description ?? '', sourceType: input.sourceType,
        sourceId: input.sourceId ?? null, sourceLabel: input.sourceLabel ?? '', owner: input.owner ?? '', scaleId: scale.id,
        inherentSannolikhet: inh.s, inherentKonsekvens: inh.k, inherentRiskvarde: inh.v,
        residualSannolikhet: res?.s ?? null, residualKonsekvens: res?.k ?? null, residualRiskvarde: res?.v ?? null,
        treatment: input.treatment ?? null, treatmentDecision: input.treatmentDecision ?? '',
        treatmentDecidedBy: decided ? actor(ctx) : null, treatmentDecidedAt: decided ? new Date() : null,
        reviewDate: input.reviewDate ?? null,
      })
      .returning();
    await recordAudit(tx, ctx, { action: 'risk.register.create', entityType: 'risk', entityId: row.id, orgId: org.id, after: row });
    return riskDto(row, org, scale, [], undefined, await userNamesByEmail(tx, [row.treatmentDecidedBy]));
  });
}

async function loadRisk(ctx: Ctx, db: Db, id: string, perm: 'risk.read' | 'risk.manage') {
  const [r] = await db.select({ risk: risks, org: orgs }).from(risks).innerJoin(orgs, eq(orgs.id, risks.orgId)).where(eq(risks.id, id));
  if (!r) throw notFound(missing(id));
  checkRecord(ctx, r.org.path, perm, missing(id));
  return r;
}

export async function getRisk(ctx: Ctx, id: string): Promise<RegisterRisk> {
  const { risk, org } = await loadRisk(ctx, ctx.db, id, 'risk.read');
  const scale = await scaleById(ctx.db, risk.scaleId);
  return riskDto(risk, org, scale, (await actionsOf(ctx.db, 'risk', [id])).get(id) ?? [], undefined, await userNamesByEmail(ctx.db, [risk.treatmentDecidedBy]));
}

export async function updateRisk(ctx: Ctx, id: string, input: UpdateRisk): Promise<RegisterRisk> {
  return inTx(ctx, async (tx) => {
    const { risk: cur, org } = await loadRisk(ctx, tx, id, 'risk.manage');
    if (cur.version !== input.version) throw staleVersion('risk', input.version, cur);
    const scale = await scaleById(tx, cur.scaleId);
    const set: Partial<RiskRow> = {};
    for (const k of ['title', 'description', 'sourceLabel', 'owner', 'treatmentDecision', 'reviewDate', 'status', 'treatment'] as const) {
      if (input[k] !== undefined) (set as Record<string, unknown>)[k] = input[k];
    }
    if (input.inherent) {
      const v = values(scale, input.inherent, 'inherent');
      Object.assign(set, { inherentSannolikhet: v.s, inherentKonsekvens: v.k, inherentRiskvarde: v.v });
    }
    if (input.residual !== undefined) {
      const v = input.residual ? values(scale, input.residual, 'residual') : null;
      Object.assign(set, { residualSannolikhet: v?.s ?? null, residualKonsekvens: v?.k ?? null, residualRiskvarde: v?.v ?? null });
    }
    checkResidual(set.inherentRiskvarde ?? cur.inherentRiskvarde, set.residualRiskvarde !== undefined ? set.residualRiskvarde : cur.residualRiskvarde,
      input.residual ? 'residual' : 'inherent');
    if ((input.treatment !== undefined && input.treatment !== cur.treatment) || (input.treatmentDecision !== undefined && input.treatmentDecision !== cur.treatmentDecision)) {
      Object.assign(set, { treatmentDecidedBy: actor(ctx), treatmentDecidedAt: new Date() });
    }
    const [row] = await tx
      .update(risks)
      .set({ ...set, version: cur.version + 1, updatedAt: new Date() })
      .where(and(eq(risks.id, id), eq(risks.version, input.version)))
      .returning();
    if (!row) throw staleVersion('risk', input.version, cur);
    await recordAudit(tx, ctx, { action: 'risk.register.update', entityType: 'risk', entityId: id, orgId: org.id, before: cur, after: row });
    return riskDto(row, org, scale, (await actionsOf(tx, 'risk', [id])).get(id) ?? [], undefined, await userNamesByEmail(tx, [row.treatmentDecidedBy]));
  });
}

// --- list, heat map, export ----------------------------------------------------------------------------------

const list = (v?: string) => (v ? v.split(',').map((s) => s.trim()).filter(Boolean) : []);

/** The shared WHERE of list, heat map and export; also returns the org (if given) and the basis columns. */
export async function riskFilter(ctx: Ctx, q: RiskQuery) {
  const conds: SQL[] = [ctx.authz.scopeSql('risk.read', orgs.path)];
  const org = q.org ? await orgFor(ctx, ctx.db, q.org, 'risk.read') : null;
  if (org) conds.push(like(orgs.path, escapeLike(org.path) + '%'));
  const basis = q.basis ?? 'residual';
  const cols = basis === 'inherent'
    ? { s: sql<number>`${risks.inherentSannolikhet}`, k: sql<number>`${risks.inherentKonsekvens}`, v: sql<number>`${risks.inherentRiskvarde}` }
    : {
        s: sql<number>`coalesce(${risks.residualSannolikhet}, ${risks.inherentSannolikhet})`,
        k: sql<number>`coalesce(${risks.residualKonsekvens}, ${risks.inherentKonsekvens})`,
        v: sql<number>`coalesce(${risks.residualRiskvarde}, ${risks.inherentRiskvarde})`,
      };
  const sources = list(q.sourceType);
  if (sources.length) conds.push(inArray(risks.sourceType, sources));
  const treatments = list(q.treatment);
  if (treatments.length) {
    const named = treatments.filter((t) => t !== 'ingen');
    conds.push(or(...(named.length ? [inArray(risks.treatment, named)] : []), ...(treatments.includes('ingen') ? [isNull(risks.treatment)] : []))!);
  }
  if (q.status !== 'alla') conds.push(eq(risks.status, q.status ?? 'oppen'));
  if (q.owner) conds.push(ilike(risks.owner, `%${escapeLike(q.owner)}%`));
  if (q.q) conds.push(or(ilike(risks.title, `%${escapeLike(q.q)}%`), ilike(risks.description, `%${escapeLike(q.q)}%`))!);
  if (q.sannolikhet) conds.push(sql`${cols.s} = ${q.sannolikhet}`);
  if (q.konsekvens) conds.push(sql`${cols.k} = ${q.konsekvens}`);
  if (q.reviewOverdue === 'true') conds.push(lt(risks.reviewDate, stockholmDate()));
  if (q.level) {
    const scales = await ctx.db.select().from(riskScales);
    const ranges = scales.flatMap((s) => s.bands.filter((b) => b.label.toLowerCase() === q.level!.toLowerCase()).map((b) => ({ id: s.id, min: b.min, max: b.max })));
    if (ranges.length === 0) {
      throw badRequest('unknown_level', { sv: `Nivån "${q.level}" finns inte på någon skala.`, en: `Level "${q.level}" is on no scale.` }, 'level');
    }
    conds.push(or(...ranges.map((r) => sql`(${risks.scaleId} = ${r.id} and ${cols.v} between ${r.min} and ${r.max})`))!);
  }
  return { where: and(...conds)!, org, basis, cols };
}

export async function listRisks(ctx: Ctx, q: RiskQuery): Promise<{ total: number; items: RegisterRisk[] }> {
  const { where } = await riskFilter(ctx, q);
  const [{ n }] = await ctx.db.select({ n: count() }).from(risks).innerJoin(orgs, eq(orgs.id, risks.orgId)).where(where);
  const rows = await ctx.db
    .select({ risk: risks, org: { id: orgs.id, slug: orgs.slug, name: orgs.name } })
    .from(risks)
    .innerJoin(orgs, eq(orgs.id, risks.orgId))
    .where(where)
    .orderBy(sql`coalesce(${risks.residualRiskvarde}, ${risks.inherentRiskvarde}) desc`, asc(risks.title), asc(risks.id))
    .limit(q.limit ?? 200)
    .offset(q.offset ?? 0);
  return { total: Number(n), items: await toDtos(ctx.db, rows) };
}

async function toDtos(db: Db, rows: { risk: RiskRow; org: Pick<OrgRow, 'id' | 'slug' | 'name'> }[]) {
  const scales = await scalesByIds(db, rows.map((r) => r.risk.scaleId));
  const actions = await actionsOf(db, 'risk', rows.map((r) => r.risk.id));
  const today = stockholmDate();
  const names = await userNamesByEmail(db, rows.map((r) => r.risk.treatmentDecidedBy));
  return rows.map((r) => riskDto(r.risk, r.org, scales.get(r.risk.scaleId)!, actions.get(r.risk.id) ?? [], today, names));
}

/** Ids listed per heat-map cell; a cell with more sets idsTruncated (the list with sannolikhet/konsekvens gives all). */
export const HEATMAP_IDS = 200;

/** Counts (and ids) per cell of the city's current scale; risks on other versions are counted apart. */
export async function heatmap(ctx: Ctx, q: RiskQuery) {
  if (!q.org) throw badRequest('missing_org', { sv: 'Ange organisation (org) för värmekartan.', en: 'Give an organisation (org) for the heat map.' }, 'org');
  const { where, org, basis, cols } = await riskFilter(ctx, q);
  const scale = (await peekCurrentScale(ctx.db, cityIdOf(org!.path))) ?? (await inTx(ctx, (tx) => currentScale(tx, ctx, cityIdOf(org!.path))));
  const rows = await ctx.db
    .select({ scaleId: risks.scaleId, s: cols.s, k: cols.k, n: count(), ids: sql<string[]>`(array_agg(${risks.id}::text order by ${risks.id}))[1:${sql.raw(String(HEATMAP_IDS))}]` })
    .from(risks)
    .innerJoin(orgs, eq(orgs.id, risks.orgId))
    .where(where)
    .groupBy(risks.scaleId, cols.s, cols.k);
  const cells = [];
  for (let s = scale.likelihood.length; s >= 1; s--) {
    for (let k = 1; k <= scale.consequence.length; k++) {
      const hit = rows.find((r) => r.scaleId === scale.id && Number(r.s) === s && Number(r.k) === k);
      cells.push({ sannolikhet: s, konsekvens: k, riskvarde: s * k, band: bandFor(scale.bands, s * k) ?? null, count: Number(hit?.n ?? 0), ids: hit ? pgArray(hit.ids) : [], idsTruncated: Number(hit?.n ?? 0) > HEATMAP_IDS });
    }
  }
  const total = cells.reduce((a, c) => a + c.count, 0);
  const other = rows.filter((r) => r.scaleId !== scale.id).reduce((a, r) => a + Number(r.n), 0);
  return {
    scale: { id: scale.id, scaleVersion: scale.scaleVersion, name: scale.name, likelihood: scale.likelihood, consequence: scale.consequence, bands: scale.bands },
    basis, cells, total, otherScaleVersions: other,
  };
}

/** array_agg arrives as a JS array (PGlite, pg) or, in some drivers, as a "{a,b}" literal. */
function pgArray(v: string[] | string): string[] {
  if (Array.isArray(v)) return v;
  return v.replace(/^\{|\}$/g, '').split(',').filter(Boolean);
}

export async function exportRows(ctx: Ctx, q: RiskQuery): Promise<RegisterRisk[]> {
  const { where } = await riskFilter(ctx, q);
  const rows = await ctx.db
    .select({ risk: risks, org: { id: orgs.id, slug: orgs.slug, name: orgs.name } })
    .from(risks)
    .innerJoin(orgs, eq(orgs.id, risks.orgId))
    .where(where)
    .orderBy(asc(orgs.name), asc(risks.title))
    .limit(50_000);
  return toDtos(ctx.db, rows);
}
