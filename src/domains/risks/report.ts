/**
 * Figures for the management review (section 4, follow-up): the year's VoR per arbetssätt with riskvärde,
 * IKP proposal and decision, actions and follow-up; the register by level and treatment. Continuity (RSA, plans,
 * exercises) is a section of its own: report-continuity.ts.
 */
import { and, asc, eq, inArray, like } from 'drizzle-orm';
import { escapeLike } from '../../server/platform/authz';
import type { SectionProvider, SectionScope } from '../reports/provider';
import { orgs } from '../org/table';
import { actionsOf } from './actions';
import { cityIdOf, peekCurrentScale, scalesByIds, thresholdFor, thresholdsFor } from './common';
import { approvedThreshold } from './vor-read';
import { PRESETS, bandFor, defaultBands, maxValue } from './scale';
import { continuitySection } from './report-continuity';
import { risks, vorArbetssatt, vorAssessments, vorEvents, vorProcesses } from './table';
import { stockholmDate } from '../../server/platform/time';

export interface RiskFigures {
  vor: {
    org: string; process: string; arbetssatt: string; handelse: string; motivation: string;
    sannolikhet: number; sannolikhetLabel: string; konsekvens: number; konsekvensLabel: string; riskvarde: number;
    ikp: boolean; ikpDecided: boolean | null; atgarder: { title: string; owner: string; dueDate: string | null; status: string; carried: boolean }[];
    status: string; carried: boolean;
  }[];
  vorTotals: { events: number; ikpProposed: number; ikpDecidedIn: number; approved: boolean };
  scale: { name: string; version: number; likelihood: string[]; consequence: string[]; bands: { min: number; max: number; label: string; color: string }[]; threshold: number };
  register: { byLevel: Record<string, number>; byTreatment: Record<string, number>; total: number; reviewOverdue: number };
}

async function figures({ ctx, org, year, asOf }: SectionScope): Promise<RiskFigures> {
  const db = ctx.db;
  const under = and(like(orgs.path, escapeLike(org.path) + '%'), ctx.authz.scopeSql('risk.read', orgs.path))!;
  // Overdue as of the report's day, not the day it is run (a 2025 review must read the same in 2026).
  const today = stockholmDate(asOf);

  // VoR of the year in the subtree, in process / arbetssätt / event order.
  const vors = await db.select({ v: vorAssessments, org: orgs }).from(vorAssessments).innerJoin(orgs, eq(orgs.id, vorAssessments.orgId))
    .where(and(under, eq(vorAssessments.year, year))).orderBy(asc(orgs.path));
  const vorIds = vors.map((v) => v.v.id);
  // Sequential: the caller's ctx.db may be a transaction (one connection).
  const procs = vorIds.length ? await db.select().from(vorProcesses).where(inArray(vorProcesses.vorId, vorIds)).orderBy(asc(vorProcesses.sortOrder), asc(vorProcesses.createdAt)) : [];
  const arbs = vorIds.length ? await db.select().from(vorArbetssatt).where(inArray(vorArbetssatt.vorId, vorIds)).orderBy(asc(vorArbetssatt.sortOrder), asc(vorArbetssatt.createdAt)) : [];
  const events = vorIds.length ? await db.select().from(vorEvents).where(inArray(vorEvents.vorId, vorIds)).orderBy(asc(vorEvents.sortOrder), asc(vorEvents.createdAt)) : [];
  const scales = await scalesByIds(db, events.map((e) => e.scaleId));
  const thresholds = await thresholdsFor(db, vors.map((v) => v.org.path));
  const actions = await actionsOf(db, 'vor_event', events.map((e) => e.id));
  const vor: RiskFigures['vor'] = [];
  for (const { v, org: o } of vors) {
    const t = approvedThreshold(v) ?? thresholds.get(o.path) ?? 12;
    for (const p of procs.filter((x) => x.vorId === v.id)) {
      for (const a of arbs.filter((x) => x.processId === p.id)) {
        for (const e of events.filter((x) => x.arbetssattId === a.id)) {
          const s = scales.get(e.scaleId)!;
          vor.push({
            org: o.name, process: p.name, arbetssatt: a.name, handelse: e.title, motivation: e.motivation,
            sannolikhet: e.sannolikhet, sannolikhetLabel: s.likelihood[e.sannolikhet - 1], konsekvens: e.konsekvens, konsekvensLabel: s.consequence[e.konsekvens - 1],
            riskvarde: e.riskvarde, ikp: e.riskvarde >= t, ikpDecided: e.ikpDecision,
            atgarder: (actions.get(e.id) ?? []).map((x) => ({ title: x.title, owner: x.owner, dueDate: x.dueDate, status: x.status, carried: x.carriedFromId !== null })),
            status: e.followUp, carried: e.carriedFromId !== null,
          });
        }
      }
    }
  }

  // The scale the year's events were assessed on when they share one (an approved VoR keeps its version after the city
  // moves on): the matrix and the labels then fit the values; else the city's current scale.
  const own = [...new Set(events.map((e) => e.scaleId))];
  const cur = own.length === 1 ? scales.get(own[0])! : await peekCurrentScale(db, cityIdOf(org.path));
  const p = PRESETS['4x4'];
  const scaleRow = cur ?? { name: p.name, scaleVersion: 1, likelihood: [...p.likelihood], consequence: [...p.consequence], bands: defaultBands(maxValue(p)) };
  // A förvaltning's own approved VoR states the threshold it was approved with; a city's many keep the live one.
  const threshold = (vors.length === 1 ? approvedThreshold(vors[0].v) : undefined) ?? (await thresholdFor(db, org.path)).threshold;

  // Register: open risks by level (band of the residual value, else inherent) and by treatment.
  const regs = await db.select({ r: risks }).from(risks).innerJoin(orgs, eq(orgs.id, risks.orgId)).where(and(under, eq(risks.status, 'oppen')));
  const regScales = await scalesByIds(db, regs.map((x) => x.r.scaleId));
  // Every level of the scale, a level without risks as 0 (as the treatments are), in the scale's order.
  const byLevel: Record<string, number> = Object.fromEntries(scaleRow.bands.map((b) => [b.label, 0]));
  const byTreatment: Record<string, number> = { reducera: 0, acceptera: 0, overfora: 0, undvika: 0, ingen: 0 };
  let reviewOverdue = 0;
  for (const { r } of regs) {
    const label = bandFor(regScales.get(r.scaleId)!.bands, r.residualRiskvarde ?? r.inherentRiskvarde)?.label ?? 'Okänd';
    byLevel[label] = (byLevel[label] ?? 0) + 1;
    byTreatment[r.treatment ?? 'ingen'] += 1;
    if (r.reviewDate && r.reviewDate < today) reviewOverdue++;
  }

  return {
    vor,
    vorTotals: {
      events: vor.length,
      ikpProposed: vor.filter((x) => x.ikp).length,
      ikpDecidedIn: vor.filter((x) => x.ikpDecided === true).length,
      approved: vors.length > 0 && vors.every((v) => v.v.status === 'godkand'),
    },
    scale: {
      name: scaleRow.name, version: scaleRow.scaleVersion, likelihood: scaleRow.likelihood, consequence: scaleRow.consequence,
      bands: scaleRow.bands.map((b) => ({ min: b.min, max: b.max, label: b.label, color: b.color })), threshold,
    },
    register: { byLevel, byTreatment, total: regs.length, reviewOverdue },
  };
}

export const sectionProviders: SectionProvider<RiskFigures>[] = [
  {
    key: 'risks',
    title: { sv: 'Väsentlighets- och riskanalys, internkontrollplan och riskregister', en: 'Risk and materiality analysis, internal control plan and risk register' },
    order: 42,
    figures,
  },
  continuitySection as SectionProvider<never>,
];
