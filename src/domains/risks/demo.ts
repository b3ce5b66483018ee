/**
 * `tillit demo`: VoR 2025 of Hässelby-Vällingby (seed 002), register risks, RSA, continuity plans and exercises.
 * Idempotent. Runs after the objektlistor (order 38), so processes and plans link to their systems.
 */
import { and, eq, inArray, like } from 'drizzle-orm';
import { escapeLike } from '../../server/platform/authz';
import { digitalObjects } from '../objects/table';
import type { Ctx } from '../../server/platform/context';
import { orgs } from '../org/table';
import { createAction } from './actions';
import { createRisk } from './register';
import { addActivity, createExercise, createPlan, createRsa } from './rsa';
import { ACTION_DUE, RISKS, VOR_2025 } from './demo-data';
import { EXERCISES, PLANS, RSAS } from './demo-data-continuity';
import { continuityPlans, exercises, risks, rsaActivities, rsaAnalyses, vorAssessments, vorEvents } from './table';
import { approveVor, createEvent, createVor, decideIkp, updateEvent } from './vor';
import { getVor } from './vor-read';

async function orgId(ctx: Ctx, slug: string): Promise<string | undefined> {
  const [o] = await ctx.db.select({ id: orgs.id }).from(orgs).where(eq(orgs.slug, slug));
  return o?.id;
}

async function loadVor(ctx: Ctx): Promise<string> {
  const hv = await orgId(ctx, 'hasselby-vallingby');
  if (!hv) return 'risks: hasselby-vallingby saknas / missing – VoR hoppas över / skipped';
  const [exists] = await ctx.db.select({ id: vorAssessments.id }).from(vorAssessments).where(and(eq(vorAssessments.orgId, hv), eq(vorAssessments.year, 2025)));
  if (exists) return 'risks: VoR 2025 finns redan / already loaded';
  const vor = await createVor(ctx, { org: 'hasselby-vallingby', year: 2025 });
  const arbs = vor.processes[0].arbetssatt;
  // The IKP decision is förvaltningsledningen's; in the seed it follows the marking (till IKP / endast VoR).
  const chef: Ctx = { ...ctx, actorLabel: 'chef.hv@demo.stockholm' };
  for (const group of VOR_2025) {
    const arbetssattId = arbs.find((a) => a.key === group.key)!.id;
    for (const e of group.events) {
      const ev = await createEvent(ctx, vor.id, { arbetssattId, title: e.title, sannolikhet: e.s, konsekvens: e.k });
      for (const a of e.actions) {
        await createAction(ctx, { parentType: 'vor_event', parentId: ev.id, title: a.title, owner: a.owner, status: a.status, dueDate: ACTION_DUE });
      }
      const decided = await decideIkp(chef, ev.id, { version: ev.version, inIkp: ev.ikpProposed, comment: ev.ikpProposed ? 'Till IKP' : 'Endast VoR' });
      await updateEvent(ctx, ev.id, { version: decided.version, followUp: e.followUp });
    }
  }
  const full = await getVor(ctx, vor.id);
  await approveVor(chef, vor.id, { version: full.version, comment: 'Beslutad i förvaltningsledningen' });
  const values = full.processes.flatMap((p) => p.arbetssatt.flatMap((a) => a.events.map((e) => e.riskvarde)));
  return `risks: VoR 2025 Hässelby-Vällingby – riskvärden ${values.join(', ')}; ${values.filter((v) => v >= full.threshold).length} till IKP`;
}

async function loadRegister(ctx: Ctx): Promise<string> {
  let made = 0;
  for (const r of RISKS) {
    const id = await orgId(ctx, r.org);
    if (!id) continue;
    const [exists] = await ctx.db.select({ id: risks.id }).from(risks).where(and(eq(risks.orgId, id), eq(risks.title, r.title)));
    if (exists) continue;
    let sourceId: string | null = null;
    if (r.vorEvent) {
      const [ev] = await ctx.db.select({ id: vorEvents.id }).from(vorEvents).where(and(eq(vorEvents.orgId, id), eq(vorEvents.title, r.vorEvent)));
      sourceId = ev?.id ?? null;
    }
    const risk = await createRisk(ctx, {
      org: r.org, title: r.title, description: r.description, sourceType: r.sourceType, sourceId, sourceLabel: r.sourceLabel, owner: r.owner,
      inherent: { sannolikhet: r.inherent[0], konsekvens: r.inherent[1] },
      residual: r.residual ? { sannolikhet: r.residual[0], konsekvens: r.residual[1] } : null,
      treatment: r.treatment, treatmentDecision: r.decision, reviewDate: r.reviewDate,
    });
    if (r.treatment === 'reducera') {
      await createAction(ctx, { parentType: 'risk', parentId: risk.id, title: `Åtgärdsplan: ${r.title.toLowerCase()}`, owner: r.owner, dueDate: r.reviewDate, status: 'pagar' });
    }
    made++;
  }
  return `risks: ${made} nya risker i riskregistret / new register risks`;
}

/** The förvaltning (or the city) above an org: the first ancestor of type forvaltning, else the org itself. */
async function forvaltningOf(ctx: Ctx, slug: string): Promise<{ id: string; path: string } | undefined> {
  const [o] = await ctx.db.select().from(orgs).where(eq(orgs.slug, slug));
  if (!o) return undefined;
  const ids = o.path.split('/').filter(Boolean);
  const up = ids.length ? await ctx.db.select().from(orgs).where(inArray(orgs.id, ids)) : [];
  const f = up.find((x) => x.type === 'forvaltning') ?? o;
  return { id: f.id, path: f.path };
}

/** Ids of the objects of these names in the förvaltning's subtree (those missing are left out). */
async function objectIds(ctx: Ctx, top: { path: string }, names: string[] | undefined): Promise<string[]> {
  if (!names?.length) return [];
  return (await ctx.db.select({ id: digitalObjects.id }).from(digitalObjects).innerJoin(orgs, eq(orgs.id, digitalObjects.orgId))
    .where(and(inArray(digitalObjects.name, names), like(orgs.path, escapeLike(top.path) + '%')))).map((r) => r.id);
}

async function loadContinuity(ctx: Ctx): Promise<string> {
  let rsas = 0;
  let plans = 0;
  let held = 0;
  for (const r of RSAS) {
    const id = await orgId(ctx, r.org);
    const top = await forvaltningOf(ctx, r.org);
    if (!id || !top) continue;
    const [exists] = await ctx.db.select({ id: rsaAnalyses.id }).from(rsaAnalyses).where(and(eq(rsaAnalyses.orgId, id), eq(rsaAnalyses.cycleStartYear, r.cycleStartYear)));
    if (exists) continue;
    const made = await createRsa(ctx, { org: r.org, cycleStartYear: r.cycleStartYear, cycleEndYear: r.cycleEndYear, summary: r.summary, status: r.status });
    for (const { objects, ownerOrg, ...a } of r.activities) {
      const owner = ownerOrg && (await orgId(ctx, ownerOrg)) ? ownerOrg : null;
      await addActivity(ctx, made.id, { ...a, ownerOrg: owner, objectIds: await objectIds(ctx, top, objects) });
    }
    rsas++;
  }
  for (const { activity, objects, ...p } of PLANS) {
    const id = await orgId(ctx, p.org);
    const top = await forvaltningOf(ctx, p.org);
    if (!id || !top) continue;
    const [exists] = await ctx.db.select({ id: continuityPlans.id }).from(continuityPlans).where(and(eq(continuityPlans.orgId, id), eq(continuityPlans.title, p.title)));
    if (exists) continue;
    const [act] = activity
      ? await ctx.db.select({ id: rsaActivities.id }).from(rsaActivities).innerJoin(orgs, eq(orgs.id, rsaActivities.orgId))
          .where(and(like(orgs.path, escapeLike(top.path) + '%'), eq(rsaActivities.name, activity)))
      : [];
    await createPlan(ctx, { ...p, activityId: act?.id ?? null, objectIds: await objectIds(ctx, top, objects) });
    plans++;
  }
  for (const { plans: titles, actions, ...e } of EXERCISES) {
    const id = await orgId(ctx, e.org);
    const top = await forvaltningOf(ctx, e.org);
    if (!id || !top) continue;
    const [exists] = await ctx.db.select({ id: exercises.id }).from(exercises).where(and(eq(exercises.orgId, id), eq(exercises.title, e.title)));
    if (exists) continue;
    const planIds = titles.length
      ? (await ctx.db.select({ id: continuityPlans.id }).from(continuityPlans).innerJoin(orgs, eq(orgs.id, continuityPlans.orgId))
          .where(and(like(orgs.path, escapeLike(top.path) + '%'), inArray(continuityPlans.title, titles)))).map((x) => x.id)
      : [];
    const made = await createExercise(ctx, { ...e, planIds });
    for (const a of actions) await createAction(ctx, { parentType: 'exercise', parentId: made.id, ...a });
    held++;
  }
  return `risks: ${rsas} RSA, ${plans} kontinuitetsplaner, ${held} övningar / RSA cycles, continuity plans, exercises`;
}

export const demo = {
  order: 39.7,
  async run(ctx: Ctx): Promise<string[]> {
    return [await loadVor(ctx), await loadRegister(ctx), await loadContinuity(ctx)];
  },
};
