/** Shared pieces of the risks domain: org access, scales by id / current, threshold resolution. */
import { desc, eq, inArray } from 'drizzle-orm';
import type { Ctx } from '../../server/platform/context';
import type { Db } from '../../server/platform/db';
import { forbidden, notFound, type Msg } from '../../server/platform/errors';
import type { Permission } from '../../server/platform/permissions';
import { recordAudit } from '../audit/chain';
import { findOrg, orgNotFound } from '../org/service';
import { orgs } from '../org/table';
import type { Scale } from './contract';
import { DEFAULT_THRESHOLD, PRESETS, defaultBands, maxValue } from './scale';
import { riskScales, riskThresholds } from './table';

export type OrgRow = typeof orgs.$inferSelect;
export type ScaleRow = typeof riskScales.$inferSelect;


/** The org named by slug or id, if the caller may read risks there (404 otherwise); `perm` must hold too (403). */
export async function orgFor(ctx: Ctx, db: Db, ref: string, perm: Permission = 'risk.read'): Promise<OrgRow> {
  let org: OrgRow;
  try {
    org = await findOrg(db, ref);
  } catch {
    throw orgNotFound(ref);
  }
  if (!ctx.authz.can('risk.read', org.path) && !ctx.authz.can(perm, org.path)) throw orgNotFound(ref);
  if (!ctx.authz.can(perm, org.path)) throw forbidden();
  return org;
}

/** A record's org check: invisible → 404 with `what`; visible without `perm` → 403. */
export function checkRecord(ctx: Ctx, path: string, perm: Permission, what: Msg): void {
  if (!ctx.authz.can('risk.read', path) && !ctx.authz.can(perm, path)) throw notFound(what);
  if (!ctx.authz.can(perm, path)) throw forbidden();
}

export async function orgById(db: Db, id: string): Promise<OrgRow> {
  const [o] = await db.select().from(orgs).where(eq(orgs.id, id));
  return o;
}

export const cityIdOf = (path: string) => path.split('/')[1];
export const ancestorIds = (path: string) => path.split('/').filter(Boolean);

export function scaleDto(r: ScaleRow, currentVersion?: number): Scale {
  return {
    id: r.id,
    cityOrgId: r.cityOrgId,
    scaleVersion: r.scaleVersion,
    name: r.name,
    likelihood: r.likelihood,
    consequence: r.consequence,
    bands: r.bands,
    max: maxValue(r),
    current: currentVersion === undefined ? true : r.scaleVersion === currentVersion,
    createdAt: r.createdAt.toISOString(),
    createdBy: r.createdBy,
  };
}

/** The city's current scale; the 4×4 default is created (version 1, audited) the first time it is needed. */
export async function currentScale(tx: Db, ctx: Ctx, cityId: string): Promise<ScaleRow> {
  const [cur] = await tx.select().from(riskScales).where(eq(riskScales.cityOrgId, cityId)).orderBy(desc(riskScales.scaleVersion)).limit(1);
  if (cur) return cur;
  const p = PRESETS['4x4'];
  const [row] = await tx
    .insert(riskScales)
    .values({
      cityOrgId: cityId, scaleVersion: 1, name: p.name, likelihood: [...p.likelihood], consequence: [...p.consequence],
      bands: defaultBands(maxValue(p)), createdBy: ctx.principal?.email ?? ctx.actorLabel ?? 'system',
    })
    .onConflictDoNothing()
    .returning();
  if (!row) return currentScale(tx, ctx, cityId);
  await recordAudit(tx, ctx, { action: 'risk.scale.create', entityType: 'risk_scale', entityId: row.id, orgId: cityId, after: row });
  return row;
}

/** The current scale without creating one (reads): the stored one, or the default as it would be created. */
export async function peekCurrentScale(db: Db, cityId: string): Promise<ScaleRow | null> {
  const [cur] = await db.select().from(riskScales).where(eq(riskScales.cityOrgId, cityId)).orderBy(desc(riskScales.scaleVersion)).limit(1);
  return cur ?? null;
}

export async function scalesByIds(db: Db, ids: string[]): Promise<Map<string, ScaleRow>> {
  const uniq = [...new Set(ids)];
  if (uniq.length === 0) return new Map();
  const rows = await db.select().from(riskScales).where(inArray(riskScales.id, uniq));
  return new Map(rows.map((r) => [r.id, r]));
}

export async function scaleById(db: Db, id: string, field = 'scaleId'): Promise<ScaleRow> {
  const [r] = await db.select().from(riskScales).where(eq(riskScales.id, id));
  if (!r) throw notFound({ sv: `Skalan ${id} finns inte.`, en: `Scale ${id} does not exist.` }, field);
  return r;
}

export interface EffectiveThreshold {
  threshold: number;
  sourceOrgId: string | null;
}

/** The IKP threshold of an org: its own setting, else the nearest ancestor's, else the default 12. */
export async function thresholdFor(db: Db, path: string): Promise<EffectiveThreshold> {
  const ids = ancestorIds(path);
  const rows = await db
    .select({ orgId: riskThresholds.orgId, threshold: riskThresholds.threshold })
    .from(riskThresholds)
    .where(inArray(riskThresholds.orgId, ids));
  const byId = new Map(rows.map((r) => [r.orgId, r.threshold]));
  for (let i = ids.length - 1; i >= 0; i--) {
    const t = byId.get(ids[i]);
    if (t !== undefined) return { threshold: t, sourceOrgId: ids[i] };
  }
  return { threshold: DEFAULT_THRESHOLD, sourceOrgId: null };
}

/** Thresholds for many org paths at once (report, lists). */
export async function thresholdsFor(db: Db, paths: string[]): Promise<Map<string, number>> {
  const all = [...new Set(paths.flatMap(ancestorIds))];
  const rows = all.length
    ? await db.select({ orgId: riskThresholds.orgId, threshold: riskThresholds.threshold }).from(riskThresholds).where(inArray(riskThresholds.orgId, all))
    : [];
  const byId = new Map(rows.map((r) => [r.orgId, r.threshold]));
  const out = new Map<string, number>();
  for (const p of paths) {
    const ids = ancestorIds(p);
    let t = DEFAULT_THRESHOLD;
    for (let i = ids.length - 1; i >= 0; i--) {
      const v = byId.get(ids[i]);
      if (v !== undefined) {
        t = v;
        break;
      }
    }
    out.set(p, t);
  }
  return out;
}

export const actor = (ctx: Ctx) => ctx.principal?.email ?? ctx.actorLabel ?? 'system';

