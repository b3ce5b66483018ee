import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { sql } from 'drizzle-orm';
import pg from 'pg';
import { Client, makeOrgs, startTestServer, TEST_DB, userWithRole, type TestServer } from '../../test/harness';
import { findOrg } from '../org/service';
import { loadSectionProviders } from '../reports/provider';
import { INPUT_KEYS } from './contract';
import { iso93Status } from './iso93';

let t: TestServer;
let isam: Client;
let chef: Client;
let outsider: Client;

beforeAll(async () => {
  t = await startTestServer();
  await makeOrgs(t.ctx, [['stad', 'stad'], ['forv-a', 'forvaltning', 'stad'], ['forv-b', 'forvaltning', 'stad']]);
  isam = await userWithRole(t, 'isam@test.se', 'isam', 'forv-a');
  chef = await userWithRole(t, 'chef@test.se', 'forvaltningschef', 'forv-a');
  outsider = await userWithRole(t, 'chef-b@test.se', 'forvaltningschef', 'forv-b');
});
afterAll(() => t.close());

const conclusion = {
  lampligt: { value: true, comment: 'Passar verksamheten' },
  tillrackligt: { value: false, comment: 'Resurser saknas' },
  verkningsfullt: { value: true, comment: '' },
};

describe('ISO 27001 9.3 management review', () => {
  let id: string;

  it('records the meeting; only report.edit may create, only the org sees it', async () => {
    expect((await chef.post('/api/reviews', { org: 'forv-a', year: 2025 })).status).toBe(403);
    const r = await isam.post('/api/reviews', { org: 'forv-a', year: 2025, meetingDate: '2025-11-20', chair: 'Förvaltningschef', attendees: ['ISAM', 'DSO'] });
    expect(r.status).toBe(201);
    id = r.body.id;
    expect((await isam.post('/api/reviews', { org: 'forv-a', year: 2025 })).status).toBe(409);
    expect((await outsider.get(`/api/reviews/${id}`)).status).toBe(404);
  });

  it('lists every input as uncovered while there is no data, and refuses sign-off naming them', async () => {
    const s = await chef.get(`/api/reviews/${id}/iso93`);
    expect(s.status).toBe(200);
    // With no plan activities, (a) and (g) have nothing; other domains' sections may already have figures.
    expect(s.body.uncovered).toEqual(expect.arrayContaining(['a', 'g']));
    const cur = (await isam.patch(`/api/reviews/${id}`, { version: (await isam.get(`/api/reviews/${id}`)).body.version, conclusion })).body;
    const sign = await chef.post(`/api/reviews/${id}/sign`, { version: cur.version });
    expect(sign.status).toBe(409);
    expect(sign.body.code).toBe('iso93_uncovered');
    expect(sign.body.uncovered).toEqual(s.body.uncovered);
    expect(sign.body.detail_sv).toContain('(a)');
    expect(sign.body.detail_sv).toContain('(g)');
    expect((await chef.get(`/api/reviews/${id}`)).body.signed).toBe(false);
  });

  it('needs a reason to mark an input not applicable', async () => {
    const cur = (await isam.get(`/api/reviews/${id}`)).body;
    const r = await isam.patch(`/api/reviews/${id}`, { version: cur.version, inputs: { c: { notApplicable: true } } });
    expect(r.status).toBe(400);
    expect(r.body.field).toBe('inputs.c.reason');
  });

  it('turns an improvement decision into a plan activity with owner and due date', async () => {
    const r = await isam.post(`/api/reviews/${id}/decisions`, { kind: 'improvement', text: 'Inför systematisk uppföljning av incidentåtgärder', owner: 'ISAM', dueDate: '2026-09-30', area: 'Övergripande' });
    expect(r.status).toBe(201);
    const d = r.body.decisions[0];
    expect(d.activityId).toBeTruthy();
    const a = await isam.get(`/api/plan/activities/${d.activityId}`);
    expect(a.body).toMatchObject({ year: 2026, area: 'Övergripande', description: 'Inför systematisk uppföljning av incidentåtgärder', responsible: 'ISAM', dueDate: '2026-09-30', reviewDecisionId: d.id });
    const noOwner = await isam.post(`/api/reviews/${id}/decisions`, { kind: 'improvement', text: 'x', dueDate: '2026-01-01' });
    expect(noOwner.status).toBe(400);
    expect(noOwner.body.field).toBe('owner');
    // A decision looks ahead: not due before the meeting (2025-11-20), not planned before the year reviewed.
    const early = await isam.post(`/api/reviews/${id}/decisions`, { kind: 'improvement', text: 'x', owner: 'ISAM', dueDate: '2025-06-30' });
    expect([early.status, early.body.code, early.body.field]).toEqual([422, 'due_before_meeting', 'dueDate']);
    const past = await isam.post(`/api/reviews/${id}/decisions`, { kind: 'improvement', text: 'x', owner: 'ISAM', dueDate: '2026-01-31', year: 2024 });
    expect([past.status, past.body.code, past.body.field]).toEqual([422, 'year_before_review', 'year']);
    expect((await isam.get(`/api/reviews/${id}`)).body.decisions).toHaveLength(1);
    const isms = await isam.post(`/api/reviews/${id}/decisions`, { kind: 'isms_change', text: 'Revidera lokal anvisning' });
    expect(isms.status).toBe(201);
    expect(isms.body.decisions[1].activityId).toBeNull();
    // A stance (nothing changes: an instruction stands) is recorded as it is, with no plan activity, and removed again.
    const stance = await isam.post(`/api/reviews/${id}/decisions`, { kind: 'stance', text: 'PUB-instruktionen gäller vidare' });
    expect(stance.status, JSON.stringify(stance.body)).toBe(201);
    const kept = stance.body.decisions[2];
    expect([kept.kind, kept.activityId]).toEqual(['stance', null]);
    expect((await isam.delete(`/api/reviews/${id}/decisions/${kept.id}?version=${stance.body.version}`)).status).toBe(200);
    expect((await isam.post(`/api/reviews/${id}/decisions`, { kind: 'beslut', text: 'x' })).body.field).toBe('kind');
  });

  it('removes a decision before signing, and its plan activity with it', async () => {
    const added = await isam.post(`/api/reviews/${id}/decisions`, { kind: 'improvement', text: 'Fel inmatat beslut', owner: 'ISAM', dueDate: '2026-05-31' });
    expect(added.status).toBe(201);
    const d = added.body.decisions[2];
    const act = (await isam.get(`/api/plan/activities/${d.activityId}`)).body;
    // The plan does not delete what the review decided: the decision is removed in the review.
    const viaPlan = await isam.delete(`/api/plan/activities/${d.activityId}?version=${act.version}`);
    expect([viaPlan.status, viaPlan.body.code, viaPlan.body.reviewId]).toEqual([409, 'from_review_decision', id]);
    const stale = await isam.delete(`/api/reviews/${id}/decisions/${d.id}?version=${added.body.version - 1}`);
    expect([stale.status, stale.body.code]).toEqual([409, 'stale_version']);
    expect(stale.body.detail_sv).toMatch(/^Ledningens genomgång har ändrats av någon annan: du ändrade version \d+, nu gäller version \d+\./);
    const unknown = await isam.delete(`/api/reviews/${id}/decisions/${act.id}?version=${added.body.version}`);
    expect([unknown.status, unknown.body.field]).toEqual([404, 'decisionId']);
    expect((await chef.delete(`/api/reviews/${id}/decisions/${d.id}?version=${added.body.version}`)).status).toBe(403);
    const removed = await isam.delete(`/api/reviews/${id}/decisions/${d.id}?version=${added.body.version}`);
    expect(removed.status).toBe(200);
    expect(removed.body.decisions.map((x: { text: string }) => x.text)).toEqual(['Inför systematisk uppföljning av incidentåtgärder', 'Revidera lokal anvisning']);
    expect(removed.body.version).toBe(added.body.version + 1);
    expect((await isam.get(`/api/plan/activities/${d.activityId}`)).status).toBe(404);
    const audit = await t.database.db.execute(sql`select action from audit_log where entity_id in (${id}, ${d.activityId}) order by seq desc limit 2`);
    expect(((audit as { rows?: { action: string }[] }).rows ?? (audit as unknown as { action: string }[])).map((x) => x.action).sort()).toEqual(['plan.activity.delete', 'review.decision.remove']);
  });

  it('counts the plan section as covering (g), and signs once the rest are covered or not applicable', async () => {
    // The decision created a 2026 activity: the plan section (2026–2028) now has content, so (g) is covered.
    let s = (await chef.get(`/api/reviews/${id}/iso93`)).body;
    expect(s.uncovered).not.toContain('g');
    expect(s.inputs.find((i: { key: string }) => i.key === 'g').coveredBy).toContain('plan');
    // (a): an activity in the report year itself.
    await isam.post('/api/plan/activities', { org: 'forv-a', year: 2025, area: 'Kompetens', description: 'Utbilda chefer', status: 'klar' });
    s = (await chef.get(`/api/reviews/${id}/iso93`)).body;
    expect(s.uncovered).not.toContain('a');
    const remaining: string[] = s.uncovered;
    const cur = (await isam.get(`/api/reviews/${id}`)).body;
    const [first, ...rest] = remaining;
    const inputs: Record<string, unknown> = { [first]: { text: 'Genomgånget på mötet.' } };
    for (const k of rest.slice(0, -1)) inputs[k] = { notApplicable: true, reason: 'Inget att rapportera i år' };
    const u = await isam.patch(`/api/reviews/${id}`, { version: cur.version, inputs });
    expect(u.status).toBe(200);
    const last = rest[rest.length - 1];
    const still = await chef.post(`/api/reviews/${id}/sign`, { version: u.body.version });
    expect(still.status).toBe(409);
    expect(still.body.uncovered).toEqual([last]);
    const u2 = await isam.patch(`/api/reviews/${id}`, { version: u.body.version, inputs: { [last]: { notApplicable: true, reason: 'Ej aktuellt' } } });
    expect((await isam.post(`/api/reviews/${id}/sign`, { version: u2.body.version })).status).toBe(403);
    const signed = await chef.post(`/api/reviews/${id}/sign`, { version: u2.body.version });
    expect(signed.body).toMatchObject({ signed: true, signedByName: 'chef@test.se' });
    expect((await chef.get(`/api/reviews/${id}`)).body.signedByName).toBe('chef@test.se');
    expect(signed.status).toBe(200);
    expect(signed.body.signed).toBe(true);
    const frozen = await isam.patch(`/api/reviews/${id}`, { version: signed.body.version, attendees: ['Någon annan'] });
    expect(frozen.status).toBe(409);
    expect(frozen.body.code).toBe('signed');
    expect((await chef.get(`/api/reviews/${id}`)).body.attendees).toEqual(['ISAM', 'DSO']);
    // The activity the signed review decided: its status moves on, what was decided stays, and it is not deleted.
    const activityId = (await chef.get(`/api/reviews/${id}`)).body.decisions[0].activityId as string;
    let act = (await isam.get(`/api/plan/activities/${activityId}`)).body;
    const rewrite = await isam.patch(`/api/plan/activities/${activityId}`, { version: act.version, description: 'Helt annat beslut' });
    expect([rewrite.status, rewrite.body.code, rewrite.body.field]).toEqual([409, 'decided_in_review', 'description']);
    const moved = await isam.patch(`/api/plan/activities/${activityId}`, { version: act.version, status: 'pågår', description: act.description });
    expect(moved.status).toBe(200);
    act = moved.body;
    const removed = await isam.delete(`/api/plan/activities/${activityId}?version=${act.version}`);
    expect([removed.status, removed.body.code]).toEqual([409, 'decided_in_review']);
    const decision = (await chef.get(`/api/reviews/${id}`)).body;
    const late = await isam.delete(`/api/reviews/${id}/decisions/${decision.decisions[0].id}?version=${decision.version}`);
    expect([late.status, late.body.code]).toEqual([409, 'signed']);
    expect((await isam.get(`/api/plan/activities/${activityId}`)).body).toMatchObject({ description: 'Inför systematisk uppföljning av incidentåtgärder', status: 'pågår' });
    const audit = await t.database.db.execute(sql`select count(*)::int as n from audit_log where action = 'review.sign' and entity_id = ${id}`);
    expect(Number(((audit as { rows?: { n: number }[] }).rows ?? (audit as unknown as { n: number }[]))[0].n)).toBe(1);
  });

  it('names what signing still needs in words, not field keys', async () => {
    const r = await isam.post('/api/reviews', { org: 'forv-a', year: 2024 });
    expect(r.status).toBe(201);
    const keys = ['a', 'b', 'c', 'd', 'e', 'f', 'g'];
    const marked = await isam.patch(`/api/reviews/${r.body.id}`, { version: r.body.version, inputs: Object.fromEntries(keys.map((k) => [k, { notApplicable: true, reason: 'Prov' }])) });
    expect(marked.status).toBe(200);
    const sign = await chef.post(`/api/reviews/${r.body.id}/sign`, { version: marked.body.version });
    expect([sign.status, sign.body.code, sign.body.field]).toEqual([409, 'review_incomplete', 'meetingDate']);
    expect(sign.body.missing).toEqual(['meetingDate', 'chair', 'conclusion.lampligt', 'conclusion.tillrackligt', 'conclusion.verkningsfullt']);
    expect(sign.body.detail_sv).toBe('Genomgången saknar uppgifter: mötesdatum, ordförande, slutsats om lämpligt, slutsats om tillräckligt, slutsats om verkningsfullt.');
    expect(sign.body.detail_en).not.toContain('conclusion.');
  });

  it('refuses a meeting before the year reviewed or after a decision is due, and signing a meeting not yet held', async () => {
    const before = await isam.post('/api/reviews', { org: 'forv-a', year: 2023, meetingDate: '2022-12-31' });
    expect([before.status, before.body.code, before.body.field]).toEqual([422, 'meeting_before_year', 'meetingDate']);
    expect((await isam.get('/api/reviews?org=forv-a')).body.some((x: { year: number }) => x.year === 2023)).toBe(false);
    const r = await isam.post('/api/reviews', { org: 'forv-a', year: 2023, meetingDate: '2023-11-01', chair: 'Förvaltningschef' });
    expect(r.status).toBe(201);
    const d = await isam.post(`/api/reviews/${r.body.id}/decisions`, { kind: 'isms_change', text: 'Ny roll', dueDate: '2023-12-01' });
    expect(d.status).toBe(201);
    const late = await isam.patch(`/api/reviews/${r.body.id}`, { version: d.body.version, meetingDate: '2023-12-15' });
    expect([late.status, late.body.code, late.body.field]).toEqual([422, 'meeting_after_due', 'meetingDate']);
    const early = await isam.patch(`/api/reviews/${r.body.id}`, { version: d.body.version, meetingDate: '2022-06-01' });
    expect([early.status, early.body.code]).toEqual([422, 'meeting_before_year']);
    // A meeting set for next year: everything else is in place, but it has not been held, so it cannot be signed.
    const next = `${new Date().getFullYear() + 1}-06-01`;
    const f = await isam.post('/api/reviews', { org: 'forv-a', year: 2022, meetingDate: next, chair: 'Förvaltningschef' });
    const u = await isam.patch(`/api/reviews/${f.body.id}`, {
      version: f.body.version, conclusion, inputs: Object.fromEntries(INPUT_KEYS.map((k) => [k, { notApplicable: true, reason: 'Prov' }])),
    });
    expect(u.status).toBe(200);
    const sign = await chef.post(`/api/reviews/${f.body.id}/sign`, { version: u.body.version });
    expect([sign.status, sign.body.code, sign.body.field]).toEqual([409, 'meeting_not_held', 'meetingDate']);
    expect(sign.body.detail_sv).toContain(`Mötet ${next} har inte hållits ännu`);
    expect((await chef.get(`/api/reviews/${f.body.id}`)).body.signed).toBe(false);
    const held = await isam.patch(`/api/reviews/${f.body.id}`, { version: u.body.version, meetingDate: '2022-11-01' });
    expect((await chef.post(`/api/reviews/${f.body.id}/sign`, { version: held.body.version })).status).toBe(200);
  });

  it('offers iso93Status to the reports domain, taking its sections with content', async () => {
    const org = await findOrg(t.database.db, 'forv-b');
    const none = await iso93Status(t.ctx, org.id, 2025, []);
    expect(none.reviewId).toBeNull();
    expect(none.uncovered).toEqual([...INPUT_KEYS]);
    const some = await iso93Status(t.ctx, org.id, 2025, ['planFollowUp', 'omvarld', 'risks', 'plan']);
    expect(some.uncovered).toEqual(['c', 'd', 'e']);
    // The objects' information classification (KLASSA) is a result of risk assessment: it covers (f) too.
    expect((await iso93Status(t.ctx, org.id, 2025, ['classification'])).uncovered).not.toContain('f');
    // The registerförteckning's threshold analyses and DPIAs assess the risks of processing personal data: (f) too.
    expect((await iso93Status(t.ctx, org.id, 2025, ['privacy'])).uncovered).not.toContain('f');
    // The leverantörsbedömningar assess the supply chain's risks (ISO 27001 5.19–5.22): (f) too.
    expect((await iso93Status(t.ctx, org.id, 2025, ['suppliers'])).uncovered).not.toContain('f');
    // The security measures under cybersäkerhetslagen (NIS2) answer a change in external issues: they cover (b).
    expect((await iso93Status(t.ctx, org.id, 2025, ['nis2'])).uncovered).not.toContain('b');
  });

  it('the iso93 report section shows the meeting, inputs and outputs', async () => {
    const providers = await loadSectionProviders();
    const iso = providers.find((p) => p.key === 'iso93')!;
    const org = await findOrg(t.database.db, 'forv-a');
    const f = (await iso.figures({ ctx: t.ctx, org, year: 2025 })) as { meeting: { attendees: string[]; signed: boolean }; inputs: Record<string, { covered: boolean; notApplicable?: boolean }>; outputs: { decisions: { kind: string }[]; conclusion: unknown } };
    expect(f.meeting).toMatchObject({ attendees: ['ISAM', 'DSO'], signed: true });
    expect(Object.keys(f.inputs)).toEqual([...INPUT_KEYS]);
    expect(Object.values(f.inputs).every((i) => i.covered || i.notApplicable)).toBe(true);
    expect(f.outputs.decisions.map((d) => d.kind)).toEqual(['improvement', 'isms_change']);
    expect(f.outputs.conclusion).toEqual(conclusion);
  });
});

describe('changes to one review follow each other (PostgreSQL)', () => {
  it.skipIf(TEST_DB !== 'pg')('a decision added while the review is being signed waits, and then finds it signed', async () => {
    await makeOrgs(t.ctx, [['forv-lock', 'forvaltning', 'stad']]);
    const editor = await userWithRole(t, 'isam-lock@test.se', 'isam', 'forv-lock');
    const r = await editor.post('/api/reviews', { org: 'forv-lock', year: 2024, meetingDate: '2024-11-20', chair: 'Förvaltningschef' });
    expect(r.status).toBe(201);
    // Another node signing it: the review's row held by its transaction, not yet committed.
    const signer = new pg.Client({ connectionString: (t.database as { url?: string }).url });
    await signer.connect();
    try {
      await signer.query('begin');
      await signer.query('select 1 from management_reviews where id = $1 for update', [r.body.id]);
      let answered = false;
      const adding = editor.post(`/api/reviews/${r.body.id}/decisions`, { kind: 'isms_change', text: 'Revidera lokal anvisning' }).finally(() => (answered = true));
      await new Promise((done) => setTimeout(done, 300));
      // Before, the decision went in at once, and the signature committed next held minutes without it.
      expect(answered).toBe(false);
      await signer.query("update management_reviews set signed_at = now(), version = version + 1 where id = $1", [r.body.id]);
      await signer.query('commit');
      const added = await adding;
      expect([added.status, added.body.code]).toEqual([409, 'signed']);
      expect((await editor.get(`/api/reviews/${r.body.id}`)).body.decisions).toEqual([]);
    } finally {
      await signer.end();
    }
  });
});
