import { and, asc, eq, like } from 'drizzle-orm';
import type { DemoStep } from '../../cli/demo';
import { escapeLike } from '../../server/platform/authz';
import type { Ctx } from '../../server/platform/context';
import { findOrg } from '../org/service';
import { orgs } from '../org/table';
import type { CreateTrainingSession } from './contract';
import { DEFAULT_COURSES } from './courses';
import { createCompletion, createSession } from './service';
import { trainingCompletions, trainingSessions } from './table';

type Session = Omit<CreateTrainingSession, 'org'> & { org: string };

/**
 * Servicenämnden 2025 (seed 000 1.1.5): the trainings the förvaltning held to lay the ground for NIS2 and the
 * management's responsibility under it, written anew. Dates and participant counts are this demo's.
 */
const SN: Session[] = [
  { org: 'servicenamnden', heldOn: '2025-02-11', kind: 'riktad', title: 'Riskbaserat arbetssätt och AI-relaterade risker', audience: 'Förvaltningsledningen', givenBy: 'ISAM', participants: 11 },
  { org: 'servicenamnden', heldOn: '2025-03-18', kind: 'riktad', title: 'Genomgång av ISAM:s analys efter mognadsdialogen (MSB:s arbetssätt) om incident- och riskhantering', audience: 'Förvaltningsledningen', givenBy: 'ISAM', participants: 10 },
  { org: 'servicenamnden', heldOn: '2025-04-23', kind: 'riktad', title: 'Riskbaserat arbetssätt och AI-relaterade risker för chefer', audience: 'Chefsforum och lokalplaneringen', givenBy: 'ISAM', participants: 42 },
  { org: 'servicenamnden', heldOn: '2025-05-27', kind: 'workshop', title: 'Workshop: mognadsdialogen om riskhantering', audience: 'Förvaltningsledningen', givenBy: 'ISAM', participants: 9 },
  { org: 'sf-kontaktcenter', heldOn: '2025-09-09', kind: 'riktad', title: 'Genomgång av NIS2 och cybersäkerhetslagen', audience: 'Kontaktcenter Stockholms ledningsgrupp', givenBy: 'ISAM', participants: 7 },
  { org: 'servicenamnden', heldOn: '2025-10-14', kind: 'riktad', title: 'Genomgång av NIS2: krav och ansvar', audience: 'Funktionen för informationssäkerhet', givenBy: 'ISAM', participants: 5 },
  { org: 'sf-ekonomi', heldOn: '2025-11-20', kind: 'riktad', title: 'Vikten av korrekt behörighetshantering', audience: 'Ekonomiavdelningens processledare', givenBy: 'ISAM', participants: 8 },
];

/**
 * Hässelby-Vällingby 2025 (seed 002 4.1): no general trainings for managers and employees this year, but targeted ones
 * by ISAM and DSO for units and functions, and the city's e-courses. Titles, dates and counts are this demo's.
 */
const HV: Session[] = [
  { org: 'hasselby-vallingby', heldOn: '2025-03-12', kind: 'riktad', title: 'Informationsklassning i praktiken', audience: 'Objektägare, objektledare och objektspecialister', givenBy: 'ISAM och Pm3-ansvarig', participants: 14 },
  { org: 'hv-socialtjanst-barn', heldOn: '2025-04-08', kind: 'riktad', title: 'Personuppgiftsincidenter: känna igen och rapportera', audience: 'Handläggare i Barn och unga', givenBy: 'DSO', participants: 26 },
  { org: 'hv-hemtjanst', heldOn: '2025-05-20', kind: 'riktad', title: 'Informationssäkerhet i vardagen utan egen dator', audience: 'Timvikarier i hemtjänsten', givenBy: 'ISAM', participants: 18 },
  { org: 'hv-ifo', heldOn: '2025-09-16', kind: 'riktad', title: 'Rätt uppgift i rätt ärende: dataskydd i sociala system', audience: 'Handläggare inom individ- och familjeomsorgen', givenBy: 'DSO', participants: 22 },
];

/**
 * Completion of the two e-courses per enhet: [employees, Informationssäkerhet, Dataskydd]. Hemtjänsten, with many
 * employees without a computer of their own, lags; an enhet not named here gets the last figures.
 */
const HV_COMPLETION: Record<string, [number, number, number]> = {
  'hv-hemtjanst': [64, 51, 47],
  'hv-socialtjanst-barn': [38, 33, 31],
  'hv-it': [22, 20, 19],
};
const OTHER: [number, number, number] = [30, 26, 24];

async function sessions(ctx: Ctx, list: Session[]): Promise<number> {
  let added = 0;
  for (const s of list) {
    const org = await findOrg(ctx.db, s.org).catch(() => undefined);
    if (!org) continue;
    const [exists] = await ctx.db.select({ id: trainingSessions.id }).from(trainingSessions)
      .where(and(eq(trainingSessions.orgId, org.id), eq(trainingSessions.heldOn, s.heldOn), eq(trainingSessions.title, s.title)));
    if (exists) continue;
    await createSession(ctx, s);
    added++;
  }
  return added;
}

/** The e-course completion of Hässelby-Vällingby's enheter, looked up in the org tree. */
async function hvCompletion(ctx: Ctx, path: string): Promise<number> {
  const units = await ctx.db.select({ id: orgs.id, slug: orgs.slug }).from(orgs)
    .where(and(like(orgs.path, escapeLike(path) + '%'), eq(orgs.type, 'enhet'))).orderBy(asc(orgs.slug));
  let added = 0;
  for (const u of units) {
    const [employees, ...done] = HV_COMPLETION[u.slug] ?? OTHER;
    for (const [i, course] of DEFAULT_COURSES.entries()) {
      const [exists] = await ctx.db.select({ id: trainingCompletions.id }).from(trainingCompletions)
        .where(and(eq(trainingCompletions.orgId, u.id), eq(trainingCompletions.year, 2025), eq(trainingCompletions.course, course)));
      if (exists) continue;
      await createCompletion(ctx, { org: u.slug, year: 2025, course, employees, completed: done[i] });
      added++;
    }
  }
  return added;
}

export const demo: DemoStep = {
  order: 37,
  async run(ctx) {
    const out: string[] = [];
    const sn = await findOrg(ctx.db, 'servicenamnden').catch(() => undefined);
    if (sn) out.push(`Utbildning Servicenämnden 2025: ${await sessions(ctx, SN)} nya utbildningar / new trainings.`);
    const hv = await findOrg(ctx.db, 'hasselby-vallingby').catch(() => undefined);
    if (hv) {
      const added = await sessions(ctx, HV);
      out.push(`Utbildning Hässelby-Vällingby 2025: ${added} nya utbildningar, ${await hvCompletion(ctx, hv.path)} nya genomföranden / new trainings and completions.`);
    }
    return out;
  },
};
