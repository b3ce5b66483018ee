import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { stockholmDate } from '../../server/platform/time';
import { auditCount, Client, makeOrgs, rawSql, startTestServer, userWithRole, type TestServer } from '../../test/harness';
import { findOrg } from '../org/service';
import { followUpBlocks } from '../reports/blocks-registers';
import type { Cell } from '../reports/blocks';
import { followUpDue } from './followup-rules';
import { sectionProviders } from './report';

let t: TestServer;
let isam: Client;
let owner: Client;
let otherOwner: Client;
let reader: Client;
let employee: Client;
let otherIsam: Client;
let objectId: string;
let otherObjectId: string;

const today = stockholmDate();
const thisYear = Number(today.slice(0, 4));

/** A follow-up of 2025 with a done access review; `extra` changes it. */
const body = (extra: Record<string, unknown> = {}) => ({
  year: 2025, heldOn: '2025-05-20', heldBy: 'Anna Ek', accessReview: 'ja', accessResult: 'avvikelser_atgardade', accountsChanged: 3,
  accessReviewComment: 'Tre konton för medarbetare som slutat togs bort.', managementPlan: 'ja', classification: 'nej', classificationComment: 'Omklassning försenad',
  ...extra,
});

beforeAll(async () => {
  t = await startTestServer();
  await makeOrgs(t.ctx, [
    ['stad', 'stad'],
    ['forv-a', 'forvaltning', 'stad'],
    ['avd-a1', 'avdelning', 'forv-a'],
    ['avd-a2', 'avdelning', 'forv-a'],
    ['forv-b', 'forvaltning', 'stad'],
  ]);
  isam = await userWithRole(t, 'isam@test.se', 'isam', 'forv-a');
  owner = await userWithRole(t, 'objektagare@test.se', 'objektagare', 'avd-a1');
  otherOwner = await userWithRole(t, 'objektagare2@test.se', 'objektagare', 'avd-a2');
  reader = await userWithRole(t, 'lasare@test.se', 'lasare', 'forv-a');
  employee = await userWithRole(t, 'medarbetare@test.se', 'medarbetare', 'forv-a');
  otherIsam = await userWithRole(t, 'isam-b@test.se', 'isam', 'forv-b');
  objectId = (await isam.post('/api/objects', { org: 'avd-a1', name: 'Treserva', lokalStatus: 'klar', lokalDate: '2024-09-12' })).body.id;
  otherObjectId = (await isam.post('/api/objects', { org: 'avd-a2', name: 'Zoom' })).body.id;
});
afterAll(() => t.close());

describe('the yearly object follow-up', () => {
  let followUpId: string;
  let version: number;

  it('is recorded by the objektägare with its access review, listed newest first, and audited', async () => {
    const before = await auditCount(t, 'object.follow_up_create');
    const r = await owner.post(`/api/objects/${objectId}/follow-ups`, body());
    expect(r.status).toBe(201);
    expect(r.body).toMatchObject({
      objectId, year: 2025, heldOn: '2025-05-20', heldBy: 'Anna Ek', heldByRole: 'objektagare', accessReview: 'ja', accessResult: 'avvikelser_atgardade',
      accountsChanged: 3, managementPlan: 'ja', classification: 'nej', actionPlan: 'nej', continuityPlan: 'nej', pubSupplier: 'nej', version: 1,
    });
    ({ id: followUpId, version } = r.body);
    expect(await auditCount(t, 'object.follow_up_create')).toBe(before + 1);
    const now = await owner.post(`/api/objects/${objectId}/follow-ups`, body({ year: thisYear, heldOn: today, accessReview: 'nej', accessResult: null }));
    expect(now.status).toBe(201);
    const list = await reader.get(`/api/objects/${objectId}/follow-ups`);
    expect(list.status).toBe(200);
    expect(list.body.map((f: { year: number }) => f.year)).toEqual([thisYear, 2025]);
  });

  it("flags the object's follow-up of this year in the objektlista and filters on it", async () => {
    const objects = (await isam.get('/api/objects?org=forv-a')).body as { name: string; followUp: { year: number; done: boolean; deviationsRemaining: boolean } }[];
    expect(objects.find((o) => o.name === 'Treserva')!.followUp).toEqual({ year: thisYear, done: true, deviationsRemaining: false });
    expect(objects.find((o) => o.name === 'Zoom')!.followUp).toEqual({ year: thisYear, done: false, deviationsRemaining: false });
    const names = async (q: string) => (await isam.get(`/api/objects?org=forv-a&${q}`)).body.map((o: { name: string }) => o.name);
    expect(await names('followUp=missing')).toEqual(['Zoom']);
    expect(await names('followUp=done')).toEqual(['Treserva']);
    expect(await names('followUp=deviations')).toEqual([]);
    expect((await isam.get(`/api/objects/${objectId}`)).body.followUp.done).toBe(true);
  });

  it('refuses a second follow-up of the same year with 409 naming the object and the existing one', async () => {
    const dup = await owner.post(`/api/objects/${objectId}/follow-ups`, body({ heldOn: '2025-06-01' }));
    expect(dup.status).toBe(409);
    expect(dup.body).toMatchObject({ code: 'duplicate_year', field: 'year', existingId: followUpId });
    expect(dup.body.detail_sv).toBe('Treserva har redan en objektuppföljning för 2025. Ändra den i stället.');
  });

  it('refuses each rule with 422 at the field, writing nothing', async () => {
    const post = (extra: Record<string, unknown>) => isam.post(`/api/objects/${otherObjectId}/follow-ups`, body(extra));
    const cases: [Record<string, unknown>, string, string][] = [
      [{ year: thisYear + 1, heldOn: `${thisYear + 1}-06-01` }, 'follow_up_date_future', 'heldOn'],
      [{ heldOn: '2024-12-31' }, 'follow_up_date_outside_year', 'heldOn'],
      [{ accessResult: null }, 'access_result_missing', 'accessResult'],
      [{ accessReview: 'nej' }, 'access_result_without_review', 'accessResult'],
      [{ accessResult: 'avvikelser_kvarstar', accessReviewComment: '  ' }, 'deviation_comment_missing', 'accessReviewComment'],
    ];
    for (const [extra, code, field] of cases) {
      const r = await post(extra);
      expect(r.status, code).toBe(422);
      expect(r.body).toMatchObject({ code, field });
      expect(r.body.detail_sv).toBeTruthy();
    }
    const bad = await post({ accessReview: 'kanske' });
    expect(bad.status).toBe(400);
    expect(bad.body.field).toBe('accessReview');
    expect((await post({ heldBy: '' })).body.field).toBe('heldBy');
    expect((await isam.get(`/api/objects/${otherObjectId}/follow-ups`)).body).toEqual([]);
    expect(await rawSql(t, `select 1 from object_follow_ups where object_id = '${otherObjectId}'`)).toEqual([]);
  });

  it('is changed with optimistic locking, the rules holding for the whole, each change audited', async () => {
    const noComment = await owner.patch(`/api/object-follow-ups/${followUpId}`, { version, accessResult: 'avvikelser_kvarstar', accessReviewComment: '' });
    expect(noComment.status).toBe(422);
    expect(noComment.body.field).toBe('accessReviewComment');
    const outside = await owner.patch(`/api/object-follow-ups/${followUpId}`, { version, heldOn: '2026-01-02' });
    expect(outside.body.code).toBe('follow_up_date_outside_year');
    const u = await owner.patch(`/api/object-follow-ups/${followUpId}`, { version, accessResult: 'avvikelser_kvarstar', accessReviewComment: 'Två konton kvar', actions: 'Ny genomgång i februari' });
    expect(u.status).toBe(200);
    expect(u.body).toMatchObject({ accessResult: 'avvikelser_kvarstar', actions: 'Ny genomgång i februari', year: 2025, version: version + 1 });
    const stale = await isam.patch(`/api/object-follow-ups/${followUpId}`, { version, notes: 'x' });
    expect(stale.status).toBe(409);
    expect(stale.body.code).toBe('stale_version');
    expect(stale.body.detail_sv).toMatch(/^Objektuppföljningen har ändrats av någon annan/);
    const audits = await rawSql<{ action: string; entity_type: string }>(t, `select action, entity_type from audit_log where entity_id = '${followUpId}' order by seq`);
    expect(audits).toEqual([
      { action: 'object.follow_up_create', entity_type: 'object_follow_up' },
      { action: 'object.follow_up_update', entity_type: 'object_follow_up' },
    ]);
  });

  it("counts the latest follow-up's remaining deviations, not an older year's", async () => {
    // The object's latest follow-up is this year's (no deviations); 2025's deviations are history.
    const names = async (q: string) => (await isam.get(`/api/objects?org=forv-a&${q}`)).body.map((o: { name: string }) => o.name);
    expect(await names('followUp=deviations')).toEqual([]);
    const zoom = await isam.post(`/api/objects/${otherObjectId}/follow-ups`, body({ accessResult: 'avvikelser_kvarstar', accessReviewComment: 'Konton kvar' }));
    expect(zoom.status).toBe(201);
    expect(await names('followUp=deviations')).toEqual(['Zoom']);
  });

  it('lets an objektägare record only for the objects of their part of the organisation; a reader reads; others see nothing', async () => {
    const fresh = (await isam.post('/api/objects', { org: 'avd-a1', name: 'Procedo' })).body.id as string;
    // The objektägare of another avdelning's objects: 404 for this object and its follow-ups.
    expect((await otherOwner.post(`/api/objects/${fresh}/follow-ups`, body())).status).toBe(404);
    expect((await otherOwner.get(`/api/objects/${objectId}/follow-ups`)).status).toBe(404);
    expect((await otherOwner.patch(`/api/object-follow-ups/${followUpId}`, { version: 2, notes: 'x' })).status).toBe(404);
    expect((await otherIsam.get(`/api/objects/${objectId}/follow-ups`)).status).toBe(404);
    expect((await otherIsam.patch(`/api/object-follow-ups/${followUpId}`, { version: 2, notes: 'x' })).status).toBe(404);
    // Readers read but may not record; medarbetare have no access to objects.
    expect((await reader.get(`/api/objects/${objectId}/follow-ups`)).status).toBe(200);
    expect((await reader.post(`/api/objects/${fresh}/follow-ups`, body())).status).toBe(403);
    expect((await reader.patch(`/api/object-follow-ups/${followUpId}`, { version: 2, notes: 'x' })).status).toBe(403);
    expect((await employee.get(`/api/objects/${objectId}/follow-ups`)).status).toBe(403);
    expect((await employee.post(`/api/objects/${fresh}/follow-ups`, body())).status).toBe(403);
    expect((await isam.get('/api/objects/00000000-0000-7000-8000-000000000000/follow-ups')).status).toBe(404);
    expect((await isam.patch('/api/object-follow-ups/00000000-0000-7000-8000-000000000000', { version: 1 })).status).toBe(404);
    // Nothing was written by the refused calls; the objektägare of the object may record.
    expect(await rawSql(t, `select 1 from object_follow_ups where object_id = '${fresh}'`)).toEqual([]);
    expect((await owner.post(`/api/objects/${fresh}/follow-ups`, body({ heldByRole: 'objektledare', heldBy: 'Maria Lund' }))).status).toBe(201);
  });
});

describe('the report', () => {
  it("gives the classification section the year's follow-ups, access reviews, deviations and the objects without, from the data", async () => {
    await makeOrgs(t.ctx, [['forv-r', 'forvaltning', 'stad'], ['avd-r', 'avdelning', 'forv-r']]);
    const rIsam = await userWithRole(t, 'isam-r@test.se', 'isam', 'forv-r');
    const ids: Record<string, string> = {};
    for (const name of ['Alfa', 'Beta', 'Gamma', 'Delta', 'Epsilon', 'Arkiverad']) ids[name] = (await rIsam.post('/api/objects', { org: 'avd-r', name })).body.id;
    const record = async (name: string, extra: Record<string, unknown>) => expect((await rIsam.post(`/api/objects/${ids[name]}/follow-ups`, body(extra))).status).toBe(201);
    await record('Alfa', { accountsChanged: 4 });
    await record('Beta', { accessResult: 'avvikelser_kvarstar', accessReviewComment: 'Kvar', accountsChanged: 1 });
    await record('Gamma', { accessReview: 'ej_aktuellt', accessResult: null, accountsChanged: null, heldOn: '2025-11-20' });
    await record('Delta', { year: 2024, heldOn: '2024-10-10' }); // another year: Delta lacks 2025's
    await record('Arkiverad', {});
    const gone = (await rIsam.get(`/api/objects/${ids.Arkiverad}`)).body;
    await rIsam.patch(`/api/objects/${ids.Arkiverad}`, { version: gone.version, archived: true });

    const org = await findOrg(t.database.db, 'forv-r');
    const fig = await sectionProviders[0].figures({ ctx: t.ctx, org, year: 2025, asOf: new Date('2025-12-31T12:00:00Z') });
    const f = fig.followUp;
    expect({ inScope: f.inScope, held: f.held, accessReviewsDone: f.accessReviewsDone, accountsChanged: f.accountsChanged }).toEqual({ inScope: 5, held: 3, accessReviewsDone: 2, accountsChanged: 5 });
    expect(f.deviationsRemaining.map((o) => o.name)).toEqual(['Beta']);
    expect(f.missing.map((o) => o.name)).toEqual(['Delta', 'Epsilon']);
    expect(f.followUps.map((o) => [o.name, o.heldOn, o.accessResult])).toEqual([['Alfa', '2025-05-20', 'avvikelser_atgardade'], ['Beta', '2025-05-20', 'avvikelser_kvarstar'], ['Gamma', '2025-11-20', null]]);
    // As of a day in the year, only the follow-ups held by then count.
    const early = await sectionProviders[0].figures({ ctx: t.ctx, org, year: 2025, asOf: new Date('2025-06-30T12:00:00Z') });
    expect(early.followUp.held).toBe(2);
    expect(early.followUp.missing.map((o) => o.name)).toEqual(['Delta', 'Epsilon', 'Gamma']);

    const cell = (v: unknown, path?: string): Cell => ({ text: String(v), ...(path ? { path } : {}) }) as Cell;
    const blocks = followUpBlocks(f as unknown as Record<string, unknown>, cell);
    expect(blocks[0]).toEqual({
      kind: 'text',
      text: `Årlig objektuppföljning har genomförts för ${f.held} av ${f.inScope} objekt; behörighetsgenomgång har gjorts för ${f.accessReviewsDone}. `
        + 'Uppföljning saknas för Delta och Epsilon. Efter behörighetsgenomgången kvarstår avvikelser för Beta. 5 konton har tagits bort eller ändrats vid behörighetsgenomgångarna.',
    });
    const tables = blocks.flatMap((b) => (b.kind === 'table' ? [b] : []));
    expect(tables[0].rows.map((r) => r.map((c) => c.text))).toContainEqual(['Behörighetsgenomgång gjord', String(f.accessReviewsDone)]);
    expect(tables[1].columns).toEqual(['Objekt', 'Organisation', 'Hölls', 'Av', 'Behörighetsgenomgång', 'Resultat', 'Konton']);
    expect(tables[1].rows[1].map((c) => c.text)).toEqual(['Beta', 'AVD-R', '2025-05-20', 'Anna Ek', 'Ja', 'Avvikelser kvarstår', '1']);
    expect(followUpBlocks({ inScope: 0 }, cell)).toEqual([]);
  });
});

describe('the start page', () => {
  it('tells those who manage objects about remaining deviations, and from 1 September about missing follow-ups', async () => {
    const items = async (c: Client) => ((await c.get('/api/attention')).body.items as { key: string; count: number; link: string }[]).filter((i) => i.key.startsWith('objects.follow-up'));
    const mine = await items(isam);
    // forv-a: Zoom's follow-up (2025, its latest) has deviations remaining; Treserva's latest (this year) has none.
    expect(mine.find((i) => i.key === 'objects.follow-up-deviations')).toMatchObject({ count: 1, link: '/objekt?followUp=deviations' });
    const missing = mine.find((i) => i.key === 'objects.follow-up-missing');
    // Zoom and Procedo lack this year's follow-up (Procedo's is 2025's).
    if (followUpDue(today)) expect(missing).toMatchObject({ count: 2, link: '/objekt?followUp=missing' });
    else expect(missing).toBeUndefined();
    expect(await items(reader)).toEqual([]);
  });

  it('asks for the follow-up from September', () => {
    expect(followUpDue('2026-08-31')).toBe(false);
    expect(followUpDue('2026-09-01')).toBe(true);
    expect(followUpDue('2026-12-31')).toBe(true);
  });
});
