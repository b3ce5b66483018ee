/** Scales (per city, versioned, never rewritten) and IKP thresholds (per org, inherited down the tree). */
import { and, asc, desc, eq, gt, like } from 'drizzle-orm';
import type { Db } from '../../server/platform/db';
import { orgs } from '../org/table';
import type { Ctx } from '../../server/platform/context';
import { forbidden, notFound, unprocessable } from '../../server/platform/errors';
import { staleVersion } from '../../server/platform/locking';
import { inTx } from '../../server/platform/tx';
import { recordAudit } from '../audit/chain';
import type { CreateScale, Scale } from './contract';
import { actor, cityIdOf, currentScale, orgFor, scaleDto, thresholdFor } from './common';
import { DEFAULT_THRESHOLD, PRESETS, checkBands, defaultBands, maxValue } from './scale';
import { riskScales, riskThresholds } from './table';
import { z } from '@hono/zod-openapi';
import type { SetThreshold, Threshold } from './contract';

/** Who may add a version of the city's scale: risk.manage on the city itself (not only on one of its orgs). */
const managesCityScale = (ctx: Ctx, cityId: string) => ctx.authz.can('risk.manage', `/${cityId}/`);

/**
 * The current scale of the org's city and every earlier version (newest first), and whether the caller may add a
 * version (the page offers the form only then).
 */
export async function listScales(ctx: Ctx, orgRef: string): Promise<{ current: Scale; versions: Scale[]; canCreateVersion: boolean }> {
  return inTx(ctx, async (tx) => {
    const org = await orgFor(ctx, tx, orgRef, 'risk.read');
    const cityId = cityIdOf(org.path);
    const cur = await currentScale(tx, ctx, cityId);
    const rows = await tx.select().from(riskScales).where(eq(riskScales.cityOrgId, cur.cityOrgId)).orderBy(asc(riskScales.scaleVersion));
    return {
      current: scaleDto(cur, cur.scaleVersion),
      versions: rows.reverse().map((r) => scaleDto(r, cur.scaleVersion)),
      canCreateVersion: managesCityScale(ctx, cityId),
    };
  });
}

export async function getScale(ctx: Ctx, id: string): Promise<Scale> {
  const [r] = await ctx.db.select().from(riskScales).where(eq(riskScales.id, id));
  const nf = notFound({ sv: `Skalan ${id} finns inte.`, en: `Scale ${id} does not exist.` });
  if (!r) throw nf;
  const prefix = `/${r.cityOrgId}/`;
  // Anyone who may read risks somewhere in the city may read its scale.
  const scope = ctx.authz.scope('risk.read');
  if (scope !== 'all' && !scope.some((p) => p.startsWith(prefix))) throw nf;
  const cur = await ctx.db.select({ v: riskScales.scaleVersion }).from(riskScales).where(eq(riskScales.cityOrgId, r.cityOrgId));
  return scaleDto(r, Math.max(...cur.map((c) => c.v)));
}

/**
 * The IKP thresholds in force in the city must stay reachable on a new scale: a threshold above its highest riskvärde
 * (an org's own, or the default 12 where the city has set none) would silently propose nothing for IKP. 422 naming it.
 */
async function checkThresholdsFit(tx: Db, cityId: string, max: number, field: string) {
  const [high] = await tx.select({ threshold: riskThresholds.threshold, name: orgs.name }).from(riskThresholds)
    .innerJoin(orgs, eq(orgs.id, riskThresholds.orgId))
    .where(and(like(orgs.path, `/${cityId}/%`), gt(riskThresholds.threshold, max))).orderBy(desc(riskThresholds.threshold)).limit(1);
  if (high) {
    throw unprocessable('threshold_outside_scale', {
      sv: `IKP-tröskeln ${high.threshold} för ${high.name} är högre än den nya skalans högsta riskvärde ${max}. Sänk tröskeln först.`,
      en: `The IKP threshold ${high.threshold} of ${high.name} is above the new scale's highest risk value ${max}. Lower the threshold first.`,
    }, field);
  }
  const [own] = await tx.select({ t: riskThresholds.threshold }).from(riskThresholds).where(eq(riskThresholds.orgId, cityId));
  if (!own && max < DEFAULT_THRESHOLD) {
    throw unprocessable('threshold_outside_scale', {
      sv: `Standardtröskeln för IKP (${DEFAULT_THRESHOLD}) är högre än den nya skalans högsta riskvärde ${max}. Sätt en IKP-tröskel för staden först.`,
      en: `The default IKP threshold (${DEFAULT_THRESHOLD}) is above the new scale's highest risk value ${max}. Set an IKP threshold for the city first.`,
    }, field);
  }
}

/** A new version of the city's scale. Needs risk.manage on the city itself. Existing assessments keep theirs. */
export async function createScaleVersion(ctx: Ctx, input: CreateScale): Promise<Scale> {
  return inTx(ctx, async (tx) => {
    const org = await orgFor(ctx, tx, input.org, 'risk.read');
    const cityId = cityIdOf(org.path);
    if (!managesCityScale(ctx, cityId)) {
      // Named in words, as the roles that have it: the permission's code means nothing to the reader.
      throw forbidden({
        sv: 'Skalan gäller hela staden: en ny version kräver att du hanterar risker för hela staden (ISAM eller säkerhetsansvarig på stadens nivå, eller systemadministratör).',
        en: 'The scale applies to the whole city: a new version needs you to manage risks for the whole city (ISAM or security officer at city level, or system administrator).',
      });
    }
    const preset = input.preset ? PRESETS[input.preset] : undefined;
    const likelihood = input.likelihood ?? preset?.likelihood;
    const consequence = input.consequence ?? preset?.consequence;
    if (!likelihood) throw unprocessable('scale_labels', { sv: 'Ange likelihood (etiketter för sannolikhet) eller preset.', en: 'Give likelihood labels or a preset.' }, 'likelihood');
    if (!consequence) throw unprocessable('scale_labels', { sv: 'Ange consequence (etiketter för konsekvens) eller preset.', en: 'Give consequence labels or a preset.' }, 'consequence');
    const max = maxValue({ likelihood, consequence });
    const bands = input.bands ? checkBands(input.bands, max) : defaultBands(max);
    await checkThresholdsFit(tx, cityId, max, input.likelihood ? 'likelihood' : 'preset');
    const prev = await currentScale(tx, ctx, cityId);
    const [row] = await tx
      .insert(riskScales)
      .values({
        cityOrgId: cityId,
        scaleVersion: prev.scaleVersion + 1,
        name: input.name ?? preset?.name ?? `Skala ${likelihood.length}×${consequence.length}`,
        likelihood: [...likelihood],
        consequence: [...consequence],
        bands,
        createdBy: actor(ctx),
      })
      .returning();
    await recordAudit(tx, ctx, { action: 'risk.scale.version', entityType: 'risk_scale', entityId: row.id, orgId: cityId, before: prev, after: row });
    return scaleDto(row, row.scaleVersion);
  });
}

type ThresholdDto = z.infer<typeof Threshold>;

async function thresholdDto(ctx: Ctx, orgId: string, path: string): Promise<ThresholdDto> {
  const eff = await thresholdFor(ctx.db, path);
  const [own] = await ctx.db.select().from(riskThresholds).where(eq(riskThresholds.orgId, orgId));
  return {
    orgId,
    threshold: eff.threshold,
    inherited: eff.sourceOrgId !== orgId,
    sourceOrgId: eff.sourceOrgId,
    own: own ? { threshold: own.threshold, version: own.version } : null,
  };
}

export async function getThreshold(ctx: Ctx, orgRef: string): Promise<ThresholdDto> {
  const org = await orgFor(ctx, ctx.db, orgRef, 'risk.read');
  return thresholdDto(ctx, org.id, org.path);
}

/** Sets (or with null clears) the org's own IKP threshold; bounded by the city's current scale. */
export async function setThreshold(ctx: Ctx, orgRef: string, input: z.infer<typeof SetThreshold>): Promise<ThresholdDto> {
  const org = await inTx(ctx, async (tx) => {
    const org = await orgFor(ctx, tx, orgRef, 'risk.manage');
    const [own] = await tx.select().from(riskThresholds).where(eq(riskThresholds.orgId, org.id));
    if (own && input.version !== undefined && input.version !== own.version) throw staleVersion('ikp-tröskel', input.version, own);
    if (input.threshold === null) {
      if (own) {
        await tx.delete(riskThresholds).where(eq(riskThresholds.orgId, org.id));
        await recordAudit(tx, ctx, { action: 'risk.threshold.clear', entityType: 'risk_threshold', entityId: org.id, orgId: org.id, before: own });
      }
      return org;
    }
    const scale = await currentScale(tx, ctx, cityIdOf(org.path));
    const max = maxValue(scale);
    if (input.threshold > max) {
      throw unprocessable('threshold_outside_scale', {
        sv: `Tröskeln ${input.threshold} är högre än skalans högsta riskvärde ${max} ("${scale.name}", version ${scale.scaleVersion}).`,
        en: `Threshold ${input.threshold} is above the scale's highest risk value ${max} ("${scale.name}", version ${scale.scaleVersion}).`,
      }, 'threshold');
    }
    const [row] = own
      ? await tx.update(riskThresholds).set({ threshold: input.threshold, version: own.version + 1, updatedAt: new Date() }).where(eq(riskThresholds.orgId, org.id)).returning()
      : await tx.insert(riskThresholds).values({ orgId: org.id, threshold: input.threshold }).returning();
    await recordAudit(tx, ctx, { action: 'risk.threshold.set', entityType: 'risk_threshold', entityId: org.id, orgId: org.id, before: own ?? null, after: row });
    return org;
  });
  return thresholdDto(ctx, org.id, org.path);
}
