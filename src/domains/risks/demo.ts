/** `tillit demo`: VoR 2025 of Hässelby-Vällingby (seed 002), register risks, RSA, continuity plans and an exercise. Idempotent. */
import { and, eq } from 'drizzle-orm';
import type { Ctx } from '../../server/platform/context';
import { orgs } from '../org/table';
import { createAction } from './actions';
import { createRisk } from './register';
import { addActivity, createExercise, createPlan, createRsa } from './rsa';
import { ACTION_DUE, EXERCISE, PLANS, RISKS, RSA_2024, VOR_2025 } from './demo-data';
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

async function loadContinuity(ctx: Ctx): Promise<string> {
  const out: string[] = [];
  const sf = await orgId(ctx, RSA_2024.org);
  if (sf) {
    const [rsa] = await ctx.db.select({ id: rsaAnalyses.id }).from(rsaAnalyses).where(and(eq(rsaAnalyses.orgId, sf), eq(rsaAnalyses.cycleStartYear, RSA_2024.cycleStartYear)));
    if (!rsa) {
      const made = await createRsa(ctx, { org: RSA_2024.org, cycleStartYear: RSA_2024.cycleStartYear, summary: RSA_2024.summary });
      for (const a of RSA_2024.activities) await addActivity(ctx, made.id, a);
      await createRsa(ctx, { org: RSA_2024.org, cycleStartYear: 2026, summary: 'Ny cykel enligt stadens instruktioner; riskinventeringen för NIS2 tas med.' });
      out.push('RSA 2024–2025 och 2026–2027');
    }
  }
  let plans = 0;
  for (const p of PLANS) {
    const id = await orgId(ctx, p.org);
    if (!id) continue;
    const [exists] = await ctx.db.select({ id: continuityPlans.id }).from(continuityPlans).where(and(eq(continuityPlans.orgId, id), eq(continuityPlans.title, p.title)));
    if (exists) continue;
    const [act] = p.activity ? await ctx.db.select({ id: rsaActivities.id }).from(rsaActivities).where(and(eq(rsaActivities.orgId, id), eq(rsaActivities.name, p.activity))) : [];
    const { activity: _a, ...rest } = p;
    await createPlan(ctx, { ...rest, activityId: act?.id ?? null });
    plans++;
  }
  out.push(`${plans} kontinuitetsplaner`);
  const exOrg = await orgId(ctx, EXERCISE.org);
  if (exOrg) {
    const [exists] = await ctx.db.select({ id: exercises.id }).from(exercises).where(and(eq(exercises.orgId, exOrg), eq(exercises.title, EXERCISE.title)));
    if (!exists) {
      const [plan] = await ctx.db.select({ id: continuityPlans.id }).from(continuityPlans).where(and(eq(continuityPlans.orgId, exOrg), eq(continuityPlans.title, EXERCISE.plan)));
      const { actions, plan: _p, ...ex } = EXERCISE;
      const made = await createExercise(ctx, { ...ex, planId: plan?.id ?? null });
      for (const a of actions) await createAction(ctx, { parentType: 'exercise', parentId: made.id, ...a });
      out.push('1 övning');
    }
  }
  return `risks: ${out.join(', ')}`;
}

export const demo = {
  order: 20,
  async run(ctx: Ctx): Promise<string[]> {
    return [await loadVor(ctx), await loadRegister(ctx), await loadContinuity(ctx)];
  },
};
