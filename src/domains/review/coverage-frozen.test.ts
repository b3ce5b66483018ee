import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Client, TestServer } from '../../test/harness';
import { coverageServer, input, inputs, type Status } from './coverage-testkit';
import { findOrg } from '../org/service';
import { providerSections } from './coverage';

/**
 * An approved report's ISO 27001 9.3.2 coverage comes from its frozen JSON, for GET /api/reports/{id}/iso93 and
 * GET /api/reviews/{id}/iso93 alike, whatever figures changed after approval; a draft's from figures as of now.
 */

let t: TestServer;
let isam: Client;
let chef: Client;

beforeAll(async () => {
  ({ t, isam, chef } = await coverageServer());
}, 120_000);
afterAll(() => t?.close());

const version = async (path: string) => (await isam.get(path)).body.version as number;
const YEAR = 2026;

describe('coverage of an approved report after its figures changed', () => {
  let reviewId: string;
  let reportId: string;
  let activity: { id: string; version: number };

  /** Both endpoints, asserted to agree. */
  async function both(): Promise<Status> {
    const review = (await chef.get(`/api/reviews/${reviewId}/iso93`)).body as Status;
    const report = (await chef.get(`/api/reports/${reportId}/iso93`)).body as Status;
    expect(inputs(report)).toEqual(inputs(review));
    expect(report.uncovered).toEqual(review.uncovered);
    return report;
  }

  it('approves with (a) covered by this year\'s activities and (g) by no figures (marked not applicable)', async () => {
    const r = await isam.post('/api/reviews', { org: 'forv-a', year: YEAR, meetingDate: `${YEAR}-11-20`, chair: 'Förvaltningschef', attendees: ['ISAM'] });
    expect(r.status).toBe(201);
    reviewId = r.body.id;
    const a = await isam.post('/api/plan/activities', { org: 'forv-a', year: YEAR, area: 'Kompetens', description: 'Utbilda chefer', status: 'klar' });
    expect(a.status).toBe(201);
    activity = { id: a.body.id, version: a.body.version };
    const rep = await isam.post('/api/reports', { org: 'forv-a', year: YEAR });
    expect(rep.status).toBe(201);
    reportId = rep.body.id;
    const before = await both();
    expect(input(before, 'a')).toMatchObject({ covered: true, coveredBy: ['planFollowUp'] });
    expect(input(before, 'g')).toMatchObject({ covered: false, coveredBy: [] });
    const marks = Object.fromEntries(before.uncovered.map((k) => [k, { notApplicable: true, reason: 'Inget att rapportera i år' }]));
    expect((await isam.patch(`/api/reviews/${reviewId}`, { version: await version(`/api/reviews/${reviewId}`), inputs: marks })).status).toBe(200);
    const sub = await isam.post(`/api/reports/${reportId}/submit`, { version: await version(`/api/reports/${reportId}`) });
    expect(sub.status).toBe(200);
    const approve = await chef.post(`/api/reports/${reportId}/approve`, { version: sub.body.version });
    expect(approve.status).toBe(200);
    expect(await both()).toMatchObject({ uncovered: [] });
  });

  it('keeps the frozen state on both endpoints when (a) loses its figures and (g) gains some', async () => {
    const del = await isam.delete(`/api/plan/activities/${activity.id}?version=${activity.version}`);
    expect(del.status).toBe(204);
    const next = await isam.post('/api/plan/activities', { org: 'forv-a', year: YEAR + 1, area: 'Kompetens', description: 'Phishingövning', status: 'planerad' });
    expect(next.status).toBe(201);
    // Figures as of now have flipped both inputs.
    const now = await providerSections(t.ctx, await findOrg(t.database.db, 'forv-a'), YEAR);
    expect(now).not.toContain('planFollowUp');
    expect(now).toContain('plan');
    const frozen = await both();
    expect(input(frozen, 'a')).toMatchObject({ covered: true, coveredBy: ['planFollowUp'] });
    expect(input(frozen, 'g')).toMatchObject({ covered: false, coveredBy: [] });
    expect(frozen.uncovered).toEqual([]);
  });

  it('a new draft follows figures as of now, on both endpoints', async () => {
    const draft = await isam.post(`/api/reports/${reportId}/new-draft`, { version: await version(`/api/reports/${reportId}`) });
    expect(draft.status).toBe(200);
    expect(draft.body).toMatchObject({ status: 'utkast', revision: 2 });
    const current = await both();
    expect(input(current, 'a')).toMatchObject({ covered: false, coveredBy: [] });
    expect(input(current, 'g')).toMatchObject({ covered: true, coveredBy: ['plan'] });
    expect(current.uncovered).toEqual(['a']);
  });
});
