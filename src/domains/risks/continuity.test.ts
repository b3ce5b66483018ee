import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { Client, makeOrgs, rawSql, startTestServer, userWithRole, type TestServer } from '../../test/harness';
import { stockholmDate } from '../../server/platform/time';
import { findOrg } from '../org/service';
import { sectionBlocks, type FigureBlock } from '../reports/blocks';
import type { ReportJson } from '../reports/build';
import type { Section } from '../reports/outline';
import { exerciseOverdue, nextReviewOf, yearsAfter } from './continuity-rules';
import { sectionProviders } from './report';
import type { ContinuityFigures } from './report-continuity';

/**
 * Continuity (RSA cycles, critical processes, kontinuitetsplaner, övningar): the rules at the field, optimistic
 * locking, archive-not-delete with audit, "last exercised" derived from held exercises, the flags, the roles, the
 * subtree and the report section computed from the data.
 */
let t: TestServer;
let isam: Client;
let security: Client;
let reader: Client;
let chef: Client;
let employee: Client;
let otherIsam: Client;
let cityIsam: Client;

const FUTURE = '2999-01-01';
const shift = (days: number) => {
  const d = new Date(`${stockholmDate()}T12:00:00Z`);
  d.setUTCDate(d.getUTCDate() + days);
  return d.toISOString().slice(0, 10);
};
const PLANS = '/api/risks/continuity-plans';
const EXERCISES = '/api/risks/exercises';
type Attention = { key: string; count: number }[];
const count = (items: Attention, key: string) => items.find((i) => i.key === key)?.count ?? 0;

beforeAll(async () => {
  t = await startTestServer();
  await makeOrgs(t.ctx, [['stad', 'stad'], ['forv-a', 'forvaltning', 'stad'], ['avd-a1', 'avdelning', 'forv-a'], ['avd-a2', 'avdelning', 'forv-a'], ['forv-b', 'forvaltning', 'stad']]);
  isam = await userWithRole(t, 'isam@test.se', 'isam', 'forv-a');
  security = await userWithRole(t, 'sak@test.se', 'sakerhetsansvarig', 'forv-a');
  reader = await userWithRole(t, 'lasare@test.se', 'lasare', 'forv-a');
  chef = await userWithRole(t, 'chef@test.se', 'chef', 'avd-a1');
  employee = await userWithRole(t, 'medarbetare@test.se', 'medarbetare', 'forv-a');
  otherIsam = await userWithRole(t, 'isam-b@test.se', 'isam', 'forv-b');
  cityIsam = await userWithRole(t, 'isam-stad@test.se', 'isam', 'stad');
});
afterAll(() => t.close());

describe('rules', () => {
  it('derives the next review (a year after the last review or the adoption) and the exercise flags', () => {
    expect(yearsAfter('2024-02-29', 1)).toBe('2025-02-28');
    expect(nextReviewOf({ nextReview: null, lastReviewed: '2025-03-01', adoptedDate: '2024-01-01' })).toBe('2026-03-01');
    expect(nextReviewOf({ nextReview: null, lastReviewed: null, adoptedDate: '2024-01-10' })).toBe('2025-01-10');
    expect(nextReviewOf({ nextReview: '2025-06-01', lastReviewed: '2025-03-01', adoptedDate: null })).toBe('2025-06-01');
    expect(nextReviewOf({ nextReview: null, lastReviewed: null, adoptedDate: null })).toBeNull();
    expect(exerciseOverdue('2023-05-01', '2025-05-01')).toBe(false);
    expect(exerciseOverdue('2023-05-01', '2025-05-02')).toBe(true);
    expect(exerciseOverdue(null, '2025-05-02')).toBe(false);
  });
});

describe('RSA cycles and critical processes', () => {
  it('keeps an editable end year (two years by default), refuses an end before the start and overlapping cycles', async () => {
    const r = await isam.post('/api/risks/rsa', { org: 'forv-a', cycleStartYear: 2030, status: 'planerad' });
    expect([r.status, r.body.cycle, r.body.cycleEndYear, r.body.status]).toEqual([201, '2030–2031', 2031, 'planerad']);
    const backwards = await isam.post('/api/risks/rsa', { org: 'forv-a', cycleStartYear: 2034, cycleEndYear: 2033 });
    expect([backwards.status, backwards.body.code, backwards.body.field]).toEqual([422, 'rsa_cycle_end_before_start', 'cycleEndYear']);
    expect(backwards.body.detail ?? backwards.body.message ?? JSON.stringify(backwards.body)).toMatch(/före/);
    const three = await isam.post('/api/risks/rsa', { org: 'forv-a', cycleStartYear: 2032, cycleEndYear: 2034 });
    expect([three.status, three.body.cycle]).toEqual([201, '2032–2034']);
    // Lengthening 2030–2031 into 2032 would overlap 2032–2034.
    const longer = await isam.patch(`/api/risks/rsa/${r.body.id}`, { version: r.body.version, cycleEndYear: 2032 });
    expect([longer.status, longer.body.code, longer.body.field]).toEqual([422, 'rsa_cycle_overlap', 'cycleEndYear']);
    const shorter = await isam.patch(`/api/risks/rsa/${r.body.id}`, { version: r.body.version, cycleEndYear: 2029 });
    expect([shorter.status, shorter.body.field]).toEqual([422, 'cycleEndYear']);
    const started = await isam.patch(`/api/risks/rsa/${r.body.id}`, { version: r.body.version, status: 'pagar' });
    expect([started.status, started.body.status, started.body.version]).toEqual([200, 'pagar', 2]);
    const stale = await isam.patch(`/api/risks/rsa/${r.body.id}`, { version: r.body.version, status: 'klar' });
    expect([stale.status, stale.body.code]).toEqual([409, 'stale_version']);
  });

  it('gives a process its owner unit, maximal tolerable downtime, systems and the status of its best plan', async () => {
    const rsa = (await isam.post('/api/risks/rsa', { org: 'forv-a', cycleStartYear: 2036 })).body;
    const sys = (await isam.post('/api/objects', { org: 'avd-a1', name: 'Ärendesystemet' })).body;
    const p = await isam.post(`/api/risks/rsa/${rsa.id}/activities`, {
      name: 'Kundmottagning', ownerOrg: 'avd-a1', owner: 'Avdelningschef', maxDowntimeHours: 4, objectIds: [sys.id],
      dependencies: [{ type: 'system', name: 'Ärendesystemet' }, { type: 'el', name: 'El' }, { type: 'personal', name: 'Handläggare' }, { type: 'lokal', name: 'Kontoret' }, { type: 'leverantor', name: 'Leverantören' }],
    });
    expect(p.status).toBe(201);
    expect(p.body).toMatchObject({ ownerOrg: { slug: 'avd-a1' }, owner: 'Avdelningschef', maxDowntimeHours: 4, planStatus: 'saknas' });
    expect(p.body.objects.map((o: { name: string }) => o.name)).toEqual(['Ärendesystemet']);
    const outside = await isam.post(`/api/risks/rsa/${rsa.id}/activities`, { name: 'X', ownerOrg: 'forv-b' });
    expect([outside.status, outside.body.field]).toEqual([422, 'ownerOrg']);
    const negative = await isam.post(`/api/risks/rsa/${rsa.id}/activities`, { name: 'X', maxDowntimeHours: -1 });
    expect([negative.status, negative.body.field]).toEqual([400, 'maxDowntimeHours']);
    await isam.post(PLANS, { org: 'avd-a1', title: 'Plan under arbete', activityId: p.body.id, status: 'under_arbete' });
    const draft = (await isam.get(`/api/risks/rsa/${rsa.id}`)).body.activities[0];
    expect(draft.planStatus).toBe('under_arbete');
    await isam.post(PLANS, { org: 'avd-a1', title: 'Fastställd plan', activityId: p.body.id, status: 'faststalld', adoptedDate: shift(-10) });
    expect((await isam.get(`/api/risks/rsa/${rsa.id}`)).body.activities[0].planStatus).toBe('faststalld');
  });
});

describe('continuity plans and exercises', () => {
  it('refuses each rule at the field with a Swedish message, writing nothing', async () => {
    const before = await rawSql<{ n: number }>(t, 'select count(*)::int as n from continuity_plans');
    const cases: [Record<string, unknown>, string, string][] = [
      [{ status: 'faststalld' }, 'adopted_date_missing', 'adoptedDate'],
      [{ status: 'faststalld', adoptedDate: FUTURE }, 'adopted_date_in_future', 'adoptedDate'],
      [{ adoptedDate: FUTURE }, 'adopted_date_in_future', 'adoptedDate'],
      [{ lastReviewed: FUTURE }, 'last_review_in_future', 'lastReviewed'],
      [{ lastReviewed: '2025-01-01', nextReview: '2024-01-01' }, 'next_review_not_after_last', 'nextReview'],
      [{ status: 'faststalld', adoptedDate: '2025-06-01', nextReview: '2025-01-01' }, 'next_review_not_after_adopted', 'nextReview'],
    ];
    for (const [body, code, field] of cases) {
      const r = await isam.post(PLANS, { org: 'forv-a', title: 'Regel', ...body });
      expect([r.status, r.body.code, r.body.field]).toEqual([422, code, field]);
      expect(JSON.stringify(r.body)).toMatch(/[åäö]/);
    }
    expect(await rawSql<{ n: number }>(t, 'select count(*)::int as n from continuity_plans')).toEqual(before);
    const held = await isam.post(EXERCISES, { org: 'forv-a', title: 'Framtida', date: FUTURE, status: 'genomford' });
    expect([held.status, held.body.code, held.body.field]).toEqual([422, 'held_exercise_in_future', 'date']);
    const planned = await isam.post(EXERCISES, { org: 'forv-a', title: 'Framtida', date: FUTURE, status: 'planerad', type: 'fullskaleovning' });
    expect([planned.status, planned.body.status, planned.body.type]).toEqual([201, 'planerad', 'fullskaleovning']);
    // Marking the planned exercise held while its day is still to come is refused too.
    const early = await isam.patch(`${EXERCISES}/${planned.body.id}`, { version: planned.body.version, status: 'genomford' });
    expect([early.status, early.body.field]).toEqual([422, 'date']);
    const badType = await isam.post(EXERCISES, { org: 'forv-a', title: 'X', date: shift(-1), type: 'brandövning' });
    expect([badType.status, badType.body.field]).toEqual([400, 'type']);
  });

  it('sets a plan\'s "last exercised" from its held exercises, with the never/too-long-ago flags, and archives instead of deleting', async () => {
    const sys = (await isam.post('/api/objects', { org: 'avd-a2', name: 'Lönesystemet' })).body;
    const plan = (await isam.post(PLANS, { org: 'avd-a2', title: 'Plan lön', objectIds: [sys.id], status: 'faststalld', adoptedDate: shift(-900), lastReviewed: shift(-400) })).body;
    expect(plan).toMatchObject({ lastExercised: null, neverExercised: true, exerciseOverdue: false, reviewOverdue: true, nextReview: yearsAfter(shift(-400), 1) });
    expect(plan.objects.map((o: { name: string }) => o.name)).toEqual(['Lönesystemet']);
    const old = (await isam.post(EXERCISES, { org: 'avd-a2', title: 'Gammal övning', date: shift(-800), type: 'diskussionsovning', planIds: [plan.id], participantCount: 5 })).body;
    let p = (await isam.get(`${PLANS}/${plan.id}`)).body;
    expect(p).toMatchObject({ lastExercised: shift(-800), neverExercised: false, exerciseOverdue: true });
    expect((await isam.get(`${PLANS}?org=forv-a&flag=exerciseOverdue`)).body.map((x: { id: string }) => x.id)).toContain(plan.id);
    // A planned exercise does not count; held, it does.
    const next = (await isam.post(EXERCISES, { org: 'avd-a2', title: 'Ny övning', date: shift(-2), status: 'planerad', type: 'funktionsovning', planIds: [plan.id] })).body;
    expect((await isam.get(`${PLANS}/${plan.id}`)).body.lastExercised).toBe(shift(-800));
    const done = await isam.patch(`${EXERCISES}/${next.id}`, { version: next.version, status: 'genomford', observations: 'Reservrutinen höll.' });
    expect(done.status).toBe(200);
    p = (await isam.get(`${PLANS}/${plan.id}`)).body;
    expect(p).toMatchObject({ lastExercised: shift(-2), neverExercised: false, exerciseOverdue: false });
    // Archiving the exercise takes it out of "last exercised"; it is kept and can be restored.
    const archived = await isam.patch(`${EXERCISES}/${done.body.id}`, { version: done.body.version, archived: true });
    expect(archived.body.archived).toBe(true);
    expect((await isam.get(`${PLANS}/${plan.id}`)).body.lastExercised).toBe(shift(-800));
    expect((await isam.get(`${EXERCISES}?org=avd-a2`)).body.map((e: { title: string }) => e.title)).toEqual(['Gammal övning']);
    expect((await isam.get(`${EXERCISES}?org=avd-a2&archived=all`)).body.map((e: { title: string }) => e.title)).toEqual(['Ny övning', 'Gammal övning']);
    expect((await isam.request('DELETE', `${PLANS}/${plan.id}`)).status).toBe(404);
    // Archive and restore a plan, each audited.
    const a = (await isam.patch(`${PLANS}/${plan.id}`, { version: p.version, archived: true })).body;
    expect((await isam.get(`${PLANS}?org=forv-a`)).body.map((x: { id: string }) => x.id)).not.toContain(plan.id);
    expect((await isam.get(`${PLANS}?org=forv-a&archived=true`)).body.map((x: { id: string }) => x.id)).toEqual([plan.id]);
    await isam.patch(`${PLANS}/${plan.id}`, { version: a.version, archived: false });
    const stale = await isam.patch(`${PLANS}/${plan.id}`, { version: a.version, owner: 'Någon' });
    expect([stale.status, stale.body.code]).toEqual([409, 'stale_version']);
    const audits = await rawSql<{ action: string }>(t, `select action from audit_log where entity_id = '${plan.id}' order by seq`);
    expect(audits.map((x) => x.action)).toEqual(['risk.continuity.create', 'risk.continuity.archive', 'risk.continuity.restore']);
    const exAudits = await rawSql<{ action: string; after: { planIds?: string[] } }>(t, `select action, after from audit_log where entity_id = '${old.id}' order by seq`);
    expect(exAudits.map((x) => [x.action, x.after.planIds])).toEqual([['risk.exercise.create', [plan.id]]]);
  });

  it('lets ISAM and säkerhetsansvarig manage, readers and chefer read, others nothing; scoped to the subtree, the city sees all', async () => {
    const plan = await security.post(PLANS, { org: 'forv-a', title: 'Säkerhetsansvarigs plan' });
    expect(plan.status).toBe(201);
    expect((await reader.get(`${PLANS}/${plan.body.id}`)).status).toBe(200);
    expect((await reader.post(PLANS, { org: 'forv-a', title: 'Nej' })).status).toBe(403);
    expect((await reader.patch(`${PLANS}/${plan.body.id}`, { version: 1, title: 'Nej' })).status).toBe(403);
    expect((await chef.get(`${PLANS}?org=avd-a1`)).status).toBe(200);
    expect((await chef.post(EXERCISES, { org: 'avd-a1', title: 'Nej', date: shift(-1) })).status).toBe(403);
    expect((await employee.get(`${PLANS}?org=forv-a`)).status).toBe(403);
    expect((await employee.get(`${PLANS}/${plan.body.id}`)).status).toBe(403);
    expect((await otherIsam.get(`${PLANS}/${plan.body.id}`)).status).toBe(404);
    expect((await otherIsam.get(`${PLANS}?org=forv-a`)).status).toBe(404);
    expect((await otherIsam.get(PLANS)).body.map((x: { title: string }) => x.title)).not.toContain('Säkerhetsansvarigs plan');
    const b = (await otherIsam.post(PLANS, { org: 'forv-b', title: 'B-plan' })).body;
    const city = (await cityIsam.get(`${PLANS}?org=stad`)).body.map((x: { id: string }) => x.id);
    expect(city).toEqual(expect.arrayContaining([plan.body.id, b.id]));
  });

  it('tells those who manage continuity of plans past review, exercises within 30 days and processes without a fastställd plan', async () => {
    const before = (await otherIsam.get('/api/attention')).body.items as Attention;
    const rsa = (await otherIsam.post('/api/risks/rsa', { org: 'forv-b', cycleStartYear: 2040 })).body;
    await otherIsam.post(`/api/risks/rsa/${rsa.id}/activities`, { name: 'Utan plan' });
    const withPlan = (await otherIsam.post(`/api/risks/rsa/${rsa.id}/activities`, { name: 'Med plan' })).body;
    await otherIsam.post(PLANS, { org: 'forv-b', title: 'Fastställd', activityId: withPlan.id, status: 'faststalld', adoptedDate: shift(-30) });
    await otherIsam.post(PLANS, { org: 'forv-b', title: 'Försenad', adoptedDate: shift(-500) });
    await otherIsam.post(EXERCISES, { org: 'forv-b', title: 'Snart', date: shift(10), status: 'planerad' });
    await otherIsam.post(EXERCISES, { org: 'forv-b', title: 'Senare', date: shift(60), status: 'planerad' });
    // Planned for two days ago and never registered as held or cancelled; one of yesterday that was held does not count.
    await otherIsam.post(EXERCISES, { org: 'forv-b', title: 'Passerad', date: shift(-2), status: 'planerad' });
    await otherIsam.post(EXERCISES, { org: 'forv-b', title: 'Hölls', date: shift(-1), status: 'genomford' });
    const after = (await otherIsam.get('/api/attention')).body.items as Attention;
    expect(count(after, 'risks.exercises-past-date') - count(before, 'risks.exercises-past-date')).toBe(1);
    expect(count(after, 'risks.overdue-continuity-reviews') - count(before, 'risks.overdue-continuity-reviews')).toBe(1);
    expect(count(after, 'risks.exercises-soon') - count(before, 'risks.exercises-soon')).toBe(1);
    expect(count(after, 'risks.processes-without-plan')).toBe(1);
    // An earlier cycle's processes no longer count once a later cycle has processes.
    const later = (await otherIsam.post('/api/risks/rsa', { org: 'forv-b', cycleStartYear: 2042 })).body;
    await otherIsam.post(`/api/risks/rsa/${later.id}/activities`, { name: 'Ny process A' });
    await otherIsam.post(`/api/risks/rsa/${later.id}/activities`, { name: 'Ny process B' });
    expect(count((await otherIsam.get('/api/attention')).body.items, 'risks.processes-without-plan')).toBe(2);
    // Readers do not get the continuity items.
    const readerItems = (await reader.get('/api/attention')).body.items as Attention;
    expect(readerItems.map((i) => i.key)).not.toContain('risks.exercises-soon');
  });
});

describe('the report section', () => {
  it('computes the RSA cycle, processes with a plan, plans by status, overdue and unexercised plans and the year\'s exercises from the data', async () => {
    await makeOrgs(t.ctx, [['forv-r', 'forvaltning', 'stad'], ['avd-r1', 'avdelning', 'forv-r']]);
    const r = await userWithRole(t, 'isam-r@test.se', 'isam', 'forv-r');
    const rsa = (await r.post('/api/risks/rsa', { org: 'forv-r', cycleStartYear: 2024 })).body;
    await r.patch(`/api/risks/rsa/${rsa.id}`, { version: rsa.version, status: 'klar' });
    const p1 = (await r.post(`/api/risks/rsa/${rsa.id}/activities`, { name: 'Process 1', maxDowntimeHours: 8 })).body;
    await r.post(`/api/risks/rsa/${rsa.id}/activities`, { name: 'Process 2' });
    const adopted = (await r.post(PLANS, { org: 'avd-r1', title: 'A-plan', activityId: p1.id, status: 'faststalld', adoptedDate: '2023-01-10', lastReviewed: '2024-03-01' })).body;
    await r.post(PLANS, { org: 'forv-r', title: 'B-plan', status: 'under_arbete' });
    await r.post(PLANS, { org: 'forv-r', title: 'C-plan', status: 'saknas' });
    await r.post(EXERCISES, { org: 'avd-r1', title: 'Hållen', date: '2025-04-02', type: 'krisledningsovning', status: 'genomford', planIds: [adopted.id], participantCount: 12, scenario: 'Elavbrott' });
    await r.post(EXERCISES, { org: 'forv-r', title: 'Inställd', date: '2025-05-02', status: 'installd' });
    await r.post(EXERCISES, { org: 'forv-r', title: 'Planerad', date: '2025-11-20', status: 'planerad', type: 'aterstallningstest' });
    await r.post(EXERCISES, { org: 'forv-r', title: 'Förra året', date: '2024-11-20', status: 'genomford' });
    const org = await findOrg(t.ctx.db, 'forv-r');
    const provider = sectionProviders.find((s) => s.key === 'continuity')!;
    const f = (await provider.figures({ ctx: t.ctx, org, year: 2025, asOf: new Date('2025-12-31T12:00:00Z') })) as unknown as ContinuityFigures;
    expect(f.asOf).toBe('2025-12-31');
    expect(f.rsa).toEqual([{ org: org.name, cycle: '2024–2025', status: 'klar', processes: 2, withPlan: 1 }]);
    // Saknas: C-plan (registered as missing) and Process 2, which has no plan at all (the process table's Saknas).
    expect(f.counts).toEqual({ processes: 2, processesWithPlan: 1, faststalld: 1, underArbete: 1, saknas: 2, reviewOverdue: 1, notExercised: 2, exercisesHeld: 1, exercisesPlanned: 1, exercisesPastDate: 1 });
    expect(f.plans.find((p) => p.title === 'A-plan')).toMatchObject({ nextReview: '2025-03-01', reviewOverdue: true, lastExercised: '2025-04-02', notExercised: false });
    expect(f.exercisesHeld.map((e) => [e.date, e.type, e.title, e.participantCount])).toEqual([['2025-04-02', 'krisledningsovning', 'Hållen', 12]]);
    // Still planned on the report's day, its day (20 November) passed: registered neither as held nor as cancelled.
    expect(f.exercisesPlanned.map((e) => [e.title, e.pastDate])).toEqual([['Planerad', true]]);
    // As of 1 March 2025 the exercise of April had not been held and the review was not yet due.
    const march = (await provider.figures({ ctx: t.ctx, org, year: 2025, asOf: new Date('2025-03-01T12:00:00Z') })) as unknown as ContinuityFigures;
    expect([march.counts.exercisesHeld, march.counts.reviewOverdue, march.counts.exercisesPastDate]).toEqual([0, 0, 0]);
    expect(march.exercisesPlanned.map((e) => [e.title, e.pastDate])).toEqual([['Planerad', false]]);
    // A year outside the cycle has none; the 2026 section does not list 2025's exercises.
    const next = (await provider.figures({ ctx: t.ctx, org, year: 2026, asOf: new Date('2026-12-31T12:00:00Z') })) as unknown as ContinuityFigures;
    expect([next.rsa, next.counts.exercisesHeld]).toEqual([[], 0]);

    // The city's report rolls the förvaltningar up: each record named by its förvaltning, the unit beside it.
    const stad = await findOrg(t.ctx.db, 'stad');
    const city = (await provider.figures({ ctx: t.ctx, org: stad, year: 2025, asOf: new Date('2025-12-31T12:00:00Z') })) as unknown as ContinuityFigures;
    const aPlan = city.plans.find((p) => p.title === 'A-plan')!;
    expect([aPlan.org, aPlan.unit]).toEqual([org.name, (await findOrg(t.ctx.db, 'avd-r1')).name]);
    expect(new Set(city.plans.map((p) => p.org))).toEqual(new Set([org.name, (await findOrg(t.ctx.db, 'forv-a')).name, (await findOrg(t.ctx.db, 'forv-b')).name]));
    expect(city.counts.exercisesHeld).toBeGreaterThanOrEqual(f.counts.exercisesHeld);

    const section = { id: 'kontinuitet', level: 2, title: 'Kontinuitet', provider: 'continuity', hidden: false, tables: [] } as unknown as Section;
    const blocks = sectionBlocks(section, { year: 2025, asOf: '2025-12-31', outline: [], continuity: f } as unknown as ReportJson);
    const text = blocks.find((b) => b.kind === 'text') as Extract<FigureBlock, { kind: 'text' }>;
    expect(text.text).toContain('cykeln 2024–2025 är klar');
    expect(text.text).toContain('Av 2 kritiska processer har 1 en fastställd kontinuitetsplan.');
    expect(text.text).toContain('Under året genomfördes 1 övning; 1 är planerad, och dess datum har passerat utan att den registrerats som genomförd eller inställd.');
    // The held exercise's scenario is told in running text below its table, not in a column of its own.
    const texts = blocks.filter((b) => b.kind === 'text').map((b) => (b as Extract<FigureBlock, { kind: 'text' }>).text);
    expect(texts).toContain(`Hållen, 2025-04-02, ${(await findOrg(t.ctx.db, 'avd-r1')).name}. Scenario: Elavbrott.`);
    const table = (caption: string) => blocks.find((b) => b.kind === 'table' && b.caption === caption) as Extract<FigureBlock, { kind: 'table' }>;
    const figures = table('Kontinuitet i siffror');
    expect(figures.rows.map((row) => [row[0].text, row[1].text])).toContainEqual(['Översyn försenad', String(f.counts.reviewOverdue)]);
    expect(figures.rows.map((row) => [row[0].text, row[1].text])).toContainEqual(['Inte övade på två år', String(f.counts.notExercised)]);
    const plans = table('Kontinuitetsplaner');
    expect(plans.rows.find((row) => row.some((c) => c.text === 'A-plan'))!.map((c) => c.text)).toContain('2025-03-01 (försenad)');
    expect(plans.rows.find((row) => row.some((c) => c.text === 'C-plan'))!.map((c) => c.text)).toContain('Aldrig');
    expect(table('Genomförda övningar').columns).toEqual(['Datum', 'Typ', 'Övning', 'Enhet', 'Deltagare', 'Åtgärder']);
    expect(table('Genomförda övningar').rows[0].map((c) => c.text)).toContain('Krisledningsövning');
    expect(table('Planerade övningar').rows[0].map((c) => c.text)).toContain('2025-11-20 (datum passerat)');
    expect(figures.rows.map((row) => [row[0].text, row[1].text])).toContainEqual(['Planerade, datum passerat', '1']);
  });
});
