import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { rawSql, type Client, type TestServer } from '../../test/harness';
import { coverageServer, input, inputs, type Input } from './coverage-testkit';
import { findOrg } from '../org/service';
import { loadSectionProviders } from '../reports/provider';
import { providerSections } from './coverage';

/**
 * The review's ISO 27001 9.3.2 coverage (GET /api/reviews/{id}/iso93, sign-off) follows the year's report by the
 * rule report approval uses; without a report, every provider's figures count.
 */

let t: TestServer;
let isam: Client;
let chef: Client;

beforeAll(async () => {
  ({ t, isam, chef } = await coverageServer());
}, 120_000);
afterAll(() => t?.close());

const conclusion = {
  lampligt: { value: true, comment: '' }, tillrackligt: { value: true, comment: '' }, verkningsfullt: { value: true, comment: '' },
};

async function newReview(year: number) {
  const r = await isam.post('/api/reviews', { org: 'forv-a', year, meetingDate: `${year}-11-20`, chair: 'Förvaltningschef', attendees: ['ISAM'] });
  expect(r.status).toBe(201);
  const u = await isam.patch(`/api/reviews/${r.body.id}`, { version: r.body.version, conclusion });
  expect(u.status).toBe(200);
  return r.body.id as string;
}
const version = async (path: string) => (await isam.get(path)).body.version as number;

describe('review coverage without a report', () => {
  it("counts every provider's figures, as before", async () => {
    const id = await newReview(2024);
    expect((await isam.post('/api/plan/activities', { org: 'forv-a', year: 2024, area: 'Kompetens', description: 'Utbilda chefer', status: 'klar' })).status).toBe(201);
    const s = (await chef.get(`/api/reviews/${id}/iso93`)).body;
    expect(input(s, 'a')).toMatchObject({ covered: true, coveredBy: ['planFollowUp'] });
    // Omvärld (b) and budget (c) have no provider: without a report's text nothing covers them.
    expect(s.uncovered).toEqual(expect.arrayContaining(['b', 'c']));
    const org = await findOrg(t.database.db, 'forv-a');
    const sections = await providerSections(t.ctx, org, 2024);
    expect(s.inputs.flatMap((i: Input) => i.coveredBy).every((k: string) => sections.includes(k))).toBe(true);
    const sign = await chef.post(`/api/reviews/${id}/sign`, { version: await version(`/api/reviews/${id}`) });
    expect(sign.status).toBe(409);
    expect(sign.body.code).toBe('iso93_uncovered');
    expect(sign.body.uncovered).toEqual(s.uncovered);
  });
});

describe('review coverage with a report: the report approval rule', () => {
  let id: string;
  let reportId: string;

  it('counts an input covered only by the report narrative, as approval does', async () => {
    id = await newReview(2025);
    const before = (await chef.get(`/api/reviews/${id}/iso93`)).body;
    expect(before.uncovered).toContain('b');
    const rep = await isam.post('/api/reports', { org: 'forv-a', year: 2025 });
    expect(rep.status).toBe(201);
    reportId = rep.body.id;
    const txt = await isam.patch(`/api/reports/${reportId}/sections/omvarld`, { version: rep.body.version, narrativeHtml: '<p>Cybersäkerhetslagen träder i kraft.</p>' });
    expect(txt.status).toBe(200);
    const review = (await chef.get(`/api/reviews/${id}/iso93`)).body;
    const report = (await chef.get(`/api/reports/${reportId}/iso93`)).body;
    expect(input(review, 'b')).toMatchObject({ covered: true, coveredBy: ['omvarld'] });
    expect(inputs(review)).toEqual(inputs(report));
    expect(review.uncovered).toEqual(report.uncovered);
  });

  it('ignores figures of a hidden section, as approval does: sign-off and approval refuse the same inputs', async () => {
    expect((await isam.post('/api/plan/activities', { org: 'forv-a', year: 2025, area: 'Kompetens', description: 'Utbilda chefer', status: 'pågår' })).status).toBe(201);
    const org = await findOrg(t.database.db, 'forv-a');
    // The old rule would count planFollowUp: the provider has figures for 2025.
    expect(await providerSections(t.ctx, org, 2025)).toContain('planFollowUp');
    expect(input((await chef.get(`/api/reviews/${id}/iso93`)).body, 'a')).toMatchObject({ covered: true, coveredBy: ['planFollowUp'] });
    const hide = await isam.patch(`/api/reports/${reportId}/sections/p-planfollowup`, { version: await version(`/api/reports/${reportId}`), hidden: true });
    expect(hide.status).toBe(200);
    const review = (await chef.get(`/api/reviews/${id}/iso93`)).body;
    const report = (await chef.get(`/api/reports/${reportId}/iso93`)).body;
    expect(input(review, 'a')).toMatchObject({ covered: false, coveredBy: [] });
    expect(inputs(review)).toEqual(inputs(report));
    // Mark the rest not applicable: (a) alone is missing, for the sign-off and for approval alike.
    const rest = review.uncovered.filter((k: string) => k !== 'a');
    const marks = Object.fromEntries(rest.map((k: string) => [k, { notApplicable: true, reason: 'Inget att rapportera i år' }]));
    expect((await isam.patch(`/api/reviews/${id}`, { version: await version(`/api/reviews/${id}`), inputs: marks })).status).toBe(200);
    const sign = await chef.post(`/api/reviews/${id}/sign`, { version: await version(`/api/reviews/${id}`) });
    expect(sign.status).toBe(409);
    expect(sign.body).toMatchObject({ code: 'iso93_uncovered', uncovered: ['a'] });
    expect(sign.body.detail_sv).toContain('(a) Status för åtgärder från tidigare ledningens genomgångar');
    expect(sign.body.detail_en).toContain('(a) Status of actions from previous management reviews');
    const sub = await isam.post(`/api/reports/${reportId}/submit`, { version: await version(`/api/reports/${reportId}`) });
    const approve = await chef.post(`/api/reports/${reportId}/approve`, { version: sub.body.version });
    expect(approve.status).toBe(409);
    expect(approve.body).toMatchObject({ code: 'iso93_uncovered', uncovered: ['a'] });
    // The iso93 section asked alone follows the same rule.
    const iso = (await loadSectionProviders()).find((p) => p.key === 'iso93')!;
    const f = (await iso.figures({ ctx: t.ctx, org, year: 2025 })) as { uncovered: string[] };
    expect(f.uncovered).toEqual(['a']);
    expect((await isam.post(`/api/reports/${reportId}/return`, { version: sub.body.version })).status).toBe(200);
  });

  it('signs once the report covers the rest; after approval it follows the approved version', async () => {
    const show = await isam.patch(`/api/reports/${reportId}/sections/p-planfollowup`, { version: await version(`/api/reports/${reportId}`), hidden: false });
    expect(show.status).toBe(200);
    const review = (await chef.get(`/api/reviews/${id}/iso93`)).body;
    expect(review).toMatchObject({ uncovered: [], complete: true });
    // (b) is covered by the report's narrative alone: it was never marked not applicable.
    expect(input(review, 'b')).toMatchObject({ covered: true, coveredBy: ['omvarld'], notApplicable: false });
    const sub = await isam.post(`/api/reports/${reportId}/submit`, { version: show.body.version });
    const approve = await chef.post(`/api/reports/${reportId}/approve`, { version: sub.body.version });
    expect(approve.status).toBe(200);
    expect(inputs((await chef.get(`/api/reviews/${id}/iso93`)).body)).toEqual(inputs(review));
    const sign = await chef.post(`/api/reviews/${id}/sign`, { version: await version(`/api/reviews/${id}`) });
    expect(sign.status).toBe(200);
    expect(sign.body.signed).toBe(true);
    const [audit] = await rawSql<{ after: { coverageReport: unknown; sections: string[] } | string }>(t, `select after from audit_log where action = 'review.sign' and entity_id = '${id}'`);
    const after = typeof audit.after === 'string' ? JSON.parse(audit.after) : audit.after;
    expect(after.coverageReport).toEqual({ id: reportId, revision: 1, status: 'godkand', frozen: true });
    expect(after.sections).toEqual(expect.arrayContaining(['omvarld', 'planFollowUp']));
  });
});
