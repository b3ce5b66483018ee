/**
 * Moving assessments from one scale version to another: an explicit step with a preview (old → new values,
 * changed riskvärden and IKP proposals), then apply (one transaction, one audit row with every change). Events of an
 * approved VoR are not moved: its assessment is locked until it is reopened.
 */
import { and, eq, like, ne, sql } from 'drizzle-orm';
import type { z } from '@hono/zod-openapi';
import { escapeLike } from '../../server/platform/authz';
import type { Ctx } from '../../server/platform/context';
import type { Db } from '../../server/platform/db';
import { conflict, unprocessable } from '../../server/platform/errors';
import { inTx } from '../../server/platform/tx';
import { recordAudit } from '../audit/chain';
import { orgs } from '../org/table';
import type { MigrationInput, MigrationPreview } from './contract';
import { cityIdOf, orgFor, scaleById, scaleDto, thresholdsFor, type OrgRow, type ScaleRow } from './common';
import { defaultMapping, riskvarde } from './scale';
import { risks, riskScales, vorAssessments, vorEvents } from './table';

type Preview = z.infer<typeof MigrationPreview>;

function checkMapping(given: number[] | undefined, from: readonly string[], to: readonly string[], field: string): number[] {
  if (!given) return defaultMapping(from.length, to.length);
  if (given.length !== from.length) {
    throw unprocessable('mapping_length', {
      sv: `Mappningen måste ge ett nytt värde för vart och ett av de ${from.length} gamla värdena (nu ${given.length}).`,
      en: `The mapping must give a new value for each of the ${from.length} old values (now ${given.length}).`,
    }, field);
  }
  given.forEach((v, i) => {
    if (v < 1 || v > to.length) {
      throw unprocessable('mapping_outside_scale', {
        sv: `Gammalt värde ${i + 1} mappas till ${v}, som inte finns på den nya skalan (1–${to.length}).`,
        en: `Old value ${i + 1} maps to ${v}, which is not on the new scale (1–${to.length}).`,
      }, `${field}.${i}`);
    }
  });
  return given;
}

async function plan(ctx: Ctx, tx: Db, input: MigrationInput): Promise<{ org: OrgRow; from: ScaleRow; to: ScaleRow; preview: Preview }> {
  const org = await orgFor(ctx, tx, input.org, 'risk.manage');
  const from = await scaleById(tx, input.fromScaleId, 'fromScaleId');
  const to = await scaleById(tx, input.toScaleId, 'toScaleId');
  const city = cityIdOf(org.path);
  if (from.cityOrgId !== city) throw unprocessable('scale_city', { sv: 'Skalan hör till en annan stad.', en: 'The scale belongs to another city.' }, 'fromScaleId');
  if (to.cityOrgId !== city) throw unprocessable('scale_city', { sv: 'Skalan hör till en annan stad.', en: 'The scale belongs to another city.' }, 'toScaleId');
  if (from.id === to.id) throw unprocessable('same_scale', { sv: 'Från- och till-skalan är samma version.', en: 'From and to are the same scale version.' }, 'toScaleId');
  const ms = checkMapping(input.mapping?.sannolikhet, from.likelihood, to.likelihood, 'mapping.sannolikhet');
  const mk = checkMapping(input.mapping?.konsekvens, from.consequence, to.consequence, 'mapping.konsekvens');
  const under = like(orgs.path, escapeLike(org.path) + '%');

  const events = await tx
    .select({ e: vorEvents, path: orgs.path, year: vorAssessments.year })
    .from(vorEvents)
    .innerJoin(vorAssessments, eq(vorAssessments.id, vorEvents.vorId))
    .innerJoin(orgs, eq(orgs.id, vorEvents.orgId))
    // An approved VoR's assessment is locked (vor.ts): its events stay on the scale version they were approved on.
    .where(and(eq(vorEvents.scaleId, from.id), under, ne(vorAssessments.status, 'godkand')))
    .orderBy(vorAssessments.year, vorEvents.sortOrder);
  const regs = await tx
    .select({ r: risks })
    .from(risks)
    .innerJoin(orgs, eq(orgs.id, risks.orgId))
    .where(and(eq(risks.scaleId, from.id), under))
    .orderBy(risks.createdAt);
  const thresholds = await thresholdsFor(tx, events.map((e) => e.path));
  const items: Preview['items'] = [];
  const move = (s: number, k: number) => ({ s: ms[s - 1], k: mk[k - 1] });
  for (const { e, path, year } of events) {
    const t = thresholds.get(path) ?? 12;
    const n = move(e.sannolikhet, e.konsekvens);
    const before = { sannolikhet: e.sannolikhet, konsekvens: e.konsekvens, riskvarde: e.riskvarde, ikp: e.riskvarde >= t };
    const after = { sannolikhet: n.s, konsekvens: n.k, riskvarde: riskvarde(n.s, n.k), ikp: riskvarde(n.s, n.k) >= t };
    items.push({
      kind: 'vor_event', id: e.id, orgId: e.orgId, title: e.title, year, before, after,
      riskvardeChanged: before.riskvarde !== after.riskvarde, ikpChanged: before.ikp !== after.ikp,
    });
  }
  for (const { r } of regs) {
    const pairs: ['risk_inherent' | 'risk_residual', number | null, number | null][] = [
      ['risk_inherent', r.inherentSannolikhet, r.inherentKonsekvens],
      ['risk_residual', r.residualSannolikhet, r.residualKonsekvens],
    ];
    for (const [kind, s, k] of pairs) {
      if (s === null || k === null) continue;
      const n = move(s, k);
      const before = { sannolikhet: s, konsekvens: k, riskvarde: riskvarde(s, k), ikp: null };
      const after = { sannolikhet: n.s, konsekvens: n.k, riskvarde: riskvarde(n.s, n.k), ikp: null };
      items.push({ kind, id: r.id, orgId: r.orgId, title: r.title, year: null, before, after, riskvardeChanged: before.riskvarde !== after.riskvarde, ikpChanged: false });
    }
  }
  const current = await tx.select({ v: sql<number>`max(${riskScales.scaleVersion})` }).from(riskScales).where(eq(riskScales.cityOrgId, city));
  const cv = Number(current[0]?.v ?? to.scaleVersion);
  const preview: Preview = {
    from: scaleDto(from, cv),
    to: scaleDto(to, cv),
    mapping: { sannolikhet: ms, konsekvens: mk },
    items,
    counts: {
      total: items.length,
      records: events.length + regs.length,
      riskvardeChanged: items.filter((i) => i.riskvardeChanged).length,
      ikpChanged: items.filter((i) => i.ikpChanged).length,
    },
    applied: false,
  };
  return { org, from, to, preview };
}

/** What a migration would change; writes nothing. */
export async function previewMigration(ctx: Ctx, input: MigrationInput): Promise<Preview> {
  return inTx(ctx, async (tx) => (await plan(ctx, tx, input)).preview);
}

/** Applies the migration exactly as previewed; `expectedTotal` guards against data that changed since. */
export async function applyMigration(ctx: Ctx, input: MigrationInput): Promise<Preview> {
  return inTx(ctx, async (tx) => {
    const { org, from, to, preview } = await plan(ctx, tx, input);
    if (input.expectedTotal !== undefined && input.expectedTotal !== preview.counts.total) {
      throw conflict('migration_changed', {
        sv: `Underlaget har ändrats sedan förhandsvisningen: ${preview.counts.total} bedömningar nu, ${input.expectedTotal} i förhandsvisningen. Förhandsvisa igen.`,
        en: `The data changed since the preview: ${preview.counts.total} assessments now, ${input.expectedTotal} in the preview. Preview again.`,
      }, 'expectedTotal');
    }
    const now = new Date();
    for (const i of preview.items) {
      if (i.kind === 'vor_event') {
        await tx
          .update(vorEvents)
          .set({ scaleId: to.id, sannolikhet: i.after.sannolikhet, konsekvens: i.after.konsekvens, riskvarde: i.after.riskvarde, version: sql`${vorEvents.version} + 1`, updatedAt: now })
          .where(eq(vorEvents.id, i.id));
      } else {
        const cols = i.kind === 'risk_inherent'
          ? { inherentSannolikhet: i.after.sannolikhet, inherentKonsekvens: i.after.konsekvens, inherentRiskvarde: i.after.riskvarde }
          : { residualSannolikhet: i.after.sannolikhet, residualKonsekvens: i.after.konsekvens, residualRiskvarde: i.after.riskvarde };
        await tx.update(risks).set({ ...cols, scaleId: to.id, updatedAt: now }).where(eq(risks.id, i.id));
      }
    }
    const riskIds = [...new Set(preview.items.filter((i) => i.kind !== 'vor_event').map((i) => i.id))];
    for (const id of riskIds) await tx.update(risks).set({ version: sql`${risks.version} + 1` }).where(eq(risks.id, id));
    await recordAudit(tx, ctx, {
      action: 'risk.scale.migrate',
      entityType: 'risk_scale',
      entityId: to.id,
      orgId: org.id,
      before: { scaleId: from.id, scaleVersion: from.scaleVersion, items: preview.items.map((i) => ({ kind: i.kind, id: i.id, ...i.before })) },
      after: { scaleId: to.id, scaleVersion: to.scaleVersion, mapping: preview.mapping, counts: preview.counts, items: preview.items.map((i) => ({ kind: i.kind, id: i.id, ...i.after })) },
    });
    return { ...preview, applied: true };
  });
}
