import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { Client, makeOrgs, rawSql, startTestServer, userWithRole, type TestServer } from '../../test/harness';

let t: TestServer;
let isam: Client;
let reader: Client;
let other: Client;

type Spec = { title: string; org: string; sourceType: string; treatment: string | null; inherent: [number, number]; residual: [number, number] | null };
const SPECS: Spec[] = [
  { title: 'Artvise otillgängligt', org: 'forv-a', sourceType: 'rsa', treatment: 'reducera', inherent: [3, 4], residual: [2, 4] },
  { title: 'Leverantör brister i avtal', org: 'forv-a', sourceType: 'supplier', treatment: 'overfora', inherent: [4, 4], residual: [3, 3] },
  { title: 'Fel mottagare av e-post', org: 'avd-a1', sourceType: 'incident', treatment: 'reducera', inherent: [4, 2], residual: null },
  { title: 'Tredjelandsöverföring', org: 'avd-a1', sourceType: 'dso', treatment: null, inherent: [2, 4], residual: null },
  { title: 'Gammalt klassningsarbete', org: 'forv-a', sourceType: 'classification', treatment: 'acceptera', inherent: [2, 2], residual: [2, 2] },
  { title: 'Annan förvaltnings risk', org: 'forv-b', sourceType: 'manual', treatment: 'undvika', inherent: [4, 4], residual: null },
];
const ids: Record<string, string> = {};

beforeAll(async () => {
  t = await startTestServer();
  await makeOrgs(t.ctx, [['stad', 'stad'], ['forv-a', 'forvaltning', 'stad'], ['avd-a1', 'avdelning', 'forv-a'], ['forv-b', 'forvaltning', 'stad']]);
  const admin = await userWithRole(t, 'admin@test.se', 'systemadministrator');
  isam = await userWithRole(t, 'isam@test.se', 'isam', 'forv-a');
  reader = await userWithRole(t, 'lasare@test.se', 'lasare', 'avd-a1');
  other = await userWithRole(t, 'isam-b@test.se', 'isam', 'forv-b');
  for (const s of SPECS) {
    const r = await admin.post('/api/risks/register', {
      org: s.org, title: s.title, sourceType: s.sourceType, treatment: s.treatment, owner: 'Ägare',
      inherent: { sannolikhet: s.inherent[0], konsekvens: s.inherent[1] },
      residual: s.residual ? { sannolikhet: s.residual[0], konsekvens: s.residual[1] } : null,
    });
    expect(r.status).toBe(201);
    ids[s.title] = r.body.id;
  }
});
afterAll(() => t.close());

const inA = SPECS.filter((s) => s.org !== 'forv-b');
const basisOf = (s: Spec) => s.residual ?? s.inherent;

describe('risk register', () => {
  it('computes riskvärden and rejects values outside the scale with the nested field', async () => {
    const r = await isam.get(`/api/risks/register/${ids[SPECS[0].title]}`);
    expect(r.body.inherent.riskvarde).toBe(SPECS[0].inherent[0] * SPECS[0].inherent[1]);
    expect(r.body.residual.riskvarde).toBe(SPECS[0].residual![0] * SPECS[0].residual![1]);
    const bad = await isam.post('/api/risks/register', { org: 'forv-a', title: 'X', inherent: { sannolikhet: 2, konsekvens: 9 } });
    expect(bad.status).toBe(400);
    expect(bad.body.field).toBe('inherent.konsekvens');
    const typed = await isam.post('/api/risks/register', { org: 'forv-a', title: 'X', inherent: { sannolikhet: 2, konsekvens: 2, riskvarde: 4 } });
    expect(typed.status).toBe(400);
    expect(typed.body.field).toBe('inherent.riskvarde');
    const src = await isam.post('/api/risks/register', { org: 'forv-a', title: 'X', sourceType: 'vor', sourceId: '00000000-0000-4000-8000-000000000000', inherent: { sannolikhet: 2, konsekvens: 2 } });
    expect(src.status).toBe(422);
    expect(src.body.field).toBe('sourceId');
    // Treatment lowers a risk: a residual above the inherent is refused, at creation and by a later change of either.
    const count = async () => (await isam.get('/api/risks/register?org=forv-a')).body.items.length as number;
    const before = await count();
    const above = await isam.post('/api/risks/register', { org: 'forv-a', title: 'X', inherent: { sannolikhet: 2, konsekvens: 2 }, residual: { sannolikhet: 3, konsekvens: 2 } });
    expect([above.status, above.body.code, above.body.field]).toEqual([422, 'residual_above_inherent', 'residual.sannolikhet']);
    expect(above.body.detail_sv).toContain('riskvärde 6');
    expect(await count()).toBe(before);
    const cur = r.body;
    const lowered = await isam.patch(`/api/risks/register/${cur.id}`, { version: cur.version, inherent: { sannolikhet: 1, konsekvens: 1 } });
    expect([lowered.status, lowered.body.field]).toEqual([422, 'inherent.sannolikhet']);
    const raised = await isam.patch(`/api/risks/register/${cur.id}`, { version: cur.version, residual: { sannolikhet: 4, konsekvens: 4 } });
    expect([raised.status, raised.body.field]).toEqual([422, 'residual.sannolikhet']);
    expect((await isam.get(`/api/risks/register/${cur.id}`)).body.version).toBe(cur.version);
  });

  it('lists with filters, limited to the caller’s subtree', async () => {
    const all = await isam.get('/api/risks/register?org=forv-a');
    expect(all.body.total).toBe(inA.length);
    const bySource = await isam.get('/api/risks/register?org=forv-a&sourceType=rsa,dso');
    expect(bySource.body.items.map((r: { title: string }) => r.title).sort()).toEqual(inA.filter((s) => ['rsa', 'dso'].includes(s.sourceType)).map((s) => s.title).sort());
    const byTreatment = await isam.get('/api/risks/register?treatment=reducera,ingen');
    expect(byTreatment.body.total).toBe(inA.filter((s) => s.treatment === 'reducera' || s.treatment === null).length);
    // A value the filter does not know (a typo, a word instead of the key) is a 400 naming the field, not an empty list.
    for (const [query, field] of [['treatment=reducera,minska', 'treatment'], ['sourceType=vor,klassning', 'sourceType']]) {
      const bad = await isam.get(`/api/risks/register?org=forv-a&${query}`);
      expect([bad.status, bad.body.field]).toEqual([400, field]);
      expect(JSON.stringify(bad.body)).toMatch(/Okänt värde \\"(minska|klassning)\\"/);
    }
    const sub = await reader.get('/api/risks/register');
    expect(sub.body.items.map((r: { title: string }) => r.title).sort()).toEqual(SPECS.filter((s) => s.org === 'avd-a1').map((s) => s.title).sort());
    expect((await reader.get('/api/risks/register?org=forv-b')).status).toBe(404);
    expect((await other.get(`/api/risks/register/${ids[SPECS[0].title]}`)).status).toBe(404);
    expect((await reader.patch(`/api/risks/register/${ids[SPECS[2].title]}`, { version: 1, owner: 'x' })).status).toBe(403);
    const high = await isam.get('/api/risks/register?org=forv-a&level=Mycket hög&basis=inherent');
    expect(high.body.total).toBe(inA.filter((s) => s.inherent[0] * s.inherent[1] >= 12).length);
  });

  it('heat map counts and ids per cell come from the data', async () => {
    for (const basis of ['inherent', 'residual'] as const) {
      const r = await isam.get(`/api/risks/register/heatmap?org=forv-a&basis=${basis}`);
      expect(r.status).toBe(200);
      expect(r.body.cells).toHaveLength(16);
      const expected = new Map<string, string[]>();
      for (const s of inA) {
        const [p, k] = basis === 'inherent' ? s.inherent : basisOf(s);
        expected.set(`${p}:${k}`, [...(expected.get(`${p}:${k}`) ?? []), ids[s.title]].sort());
      }
      for (const c of r.body.cells) {
        const want = expected.get(`${c.sannolikhet}:${c.konsekvens}`) ?? [];
        expect(c.count).toBe(want.length);
        expect([...c.ids].sort()).toEqual(want);
      }
      expect(r.body.total).toBe(inA.length);
    }
    const cell = await isam.get('/api/risks/register?org=forv-a&basis=inherent&sannolikhet=4&konsekvens=4');
    expect(cell.body.items.map((x: { id: string }) => x.id)).toEqual(inA.filter((s) => s.inherent[0] === 4 && s.inherent[1] === 4).map((s) => ids[s.title]));
  });

  it('updates with optimistic locking and records who decided the treatment', async () => {
    const cur = (await isam.get(`/api/risks/register/${ids[SPECS[3].title]}`)).body;
    const r = await isam.patch(`/api/risks/register/${cur.id}`, { version: cur.version, treatment: 'reducera', treatmentDecision: 'Beslut i ledningsgruppen', residual: { sannolikhet: 1, konsekvens: 4 }, reviewDate: '2026-03-31' });
    expect(r.status).toBe(200);
    expect(r.body).toMatchObject({ treatment: 'reducera', treatmentDecidedBy: 'isam@test.se', residual: { riskvarde: 4 }, version: cur.version + 1 });
    await rawSql(t, `update users set name = 'Ingrid Samuelsson' where email = 'isam@test.se'`);
    expect((await isam.get(`/api/risks/register/${cur.id}`)).body).toMatchObject({ treatmentDecidedBy: 'isam@test.se', treatmentDecidedByName: 'Ingrid Samuelsson' });
    await rawSql(t, `update users set name = 'isam@test.se' where email = 'isam@test.se'`);
    expect((await isam.patch(`/api/risks/register/${cur.id}`, { version: cur.version, owner: 'x' })).status).toBe(409);
    await isam.patch(`/api/risks/register/${cur.id}`, { version: r.body.version, residual: null, treatment: null });
  });

  it('exports the filtered register as CSV and XLSX', async () => {
    const csv = await isam.get('/api/risks/register/export?org=forv-a&format=csv&sourceType=rsa');
    expect(csv.status).toBe(200);
    expect(csv.headers.get('content-type')).toContain('text/csv');
    const text = String(csv.body);
    expect(text).toContain(SPECS[0].title);
    expect(text).not.toContain(SPECS[1].title);
    const xlsx = await fetch(`${t.url}/api/risks/register/export?org=forv-a&format=xlsx`, { headers: { cookie: isam.cookie! } });
    expect(xlsx.status).toBe(200);
    expect(Buffer.from(await xlsx.arrayBuffer()).subarray(0, 2).toString()).toBe('PK');
  });
});
