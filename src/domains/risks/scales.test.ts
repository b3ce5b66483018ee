import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { Client, makeOrgs, rawSql, startTestServer, tableCounts, userWithRole, type TestServer } from '../../test/harness';
import { AA_NORMAL_TEXT, PRESETS, contrastRatio, defaultBands, defaultMapping } from './scale';
import { findOrg } from '../org/service';
import { riskMatrixCells } from '../reports/chart-options';
import { sectionProviders, type RiskFigures } from './report';

describe('scale data', () => {
  it('default bands cover 1..max without gaps and every text colour meets WCAG AA', () => {
    for (const max of [4, 9, 16, 25, 36]) {
      const bands = defaultBands(max);
      expect(bands[0].min).toBe(1);
      expect(bands[bands.length - 1].max).toBe(max);
      bands.slice(1).forEach((b, i) => expect(b.min).toBe(bands[i].max + 1));
      for (const b of bands) expect(contrastRatio(b.color, b.textColor)).toBeGreaterThanOrEqual(AA_NORMAL_TEXT);
    }
  });
  it('maps values proportionally between scales of different size, within range', () => {
    for (const [from, to] of [[4, 5], [5, 4], [4, 4], [3, 10]]) {
      const m = defaultMapping(from, to);
      expect(m).toHaveLength(from);
      expect(m[0]).toBe(1);
      expect(m[from - 1]).toBe(to);
      m.slice(1).forEach((v, i) => expect(v).toBeGreaterThanOrEqual(m[i]));
    }
  });
});

let t: TestServer;
let admin: Client;
let isam: Client;

beforeAll(async () => {
  t = await startTestServer();
  await makeOrgs(t.ctx, [['stad', 'stad'], ['forv-a', 'forvaltning', 'stad'], ['avd-a1', 'avdelning', 'forv-a']]);
  admin = await userWithRole(t, 'admin@test.se', 'systemadministrator');
  isam = await userWithRole(t, 'isam@test.se', 'isam', 'forv-a');
});
afterAll(() => t.close());

async function event(vorId: string, arbetssattId: string, s: number, k: number, as = isam) {
  const r = await as.post(`/api/risks/vor/${vorId}/events`, { arbetssattId, title: `${s}×${k}`, sannolikhet: s, konsekvens: k });
  expect(r.status).toBe(201);
  return r.body;
}

describe('scales and versions', () => {
  it('starts with the 4×4 default for the city', async () => {
    const r = await isam.get('/api/risks/scales?org=avd-a1');
    expect(r.status).toBe(200);
    expect(r.body.current).toMatchObject({ scaleVersion: 1, likelihood: PRESETS['4x4'].likelihood, consequence: PRESETS['4x4'].consequence, max: 16 });
  });

  it('only city-level risk.manage changes the scale; bad bands are 422 with the field', async () => {
    // A förvaltning's ISAM manages its risks but not the city's scale: not offered, and refused in words without the permission's code.
    expect((await isam.get('/api/risks/scales?org=forv-a')).body.canCreateVersion).toBe(false);
    expect((await admin.get('/api/risks/scales?org=forv-a')).body.canCreateVersion).toBe(true);
    const refused = await isam.post('/api/risks/scales', { org: 'forv-a', preset: '5x5' });
    expect(refused.status).toBe(403);
    expect(refused.body.detail_sv).toContain('hanterar risker för hela staden');
    expect(refused.body.detail_en).toContain('manage risks for the whole city');
    expect(JSON.stringify(refused.body)).not.toMatch(/risk\.manage/);
    const counts = await tableCounts(t);
    const low = await admin.post('/api/risks/scales', {
      org: 'stad', likelihood: ['L', 'H'], consequence: ['L', 'H'],
      bands: [{ min: 1, max: 2, color: '#ffff00', textColor: '#ffffff', label: 'Låg' }, { min: 3, max: 4, color: '#000000', label: 'Hög' }],
    });
    expect(low.status).toBe(422);
    expect(low.body.field).toBe('bands.0.textColor');
    const gap = await admin.post('/api/risks/scales', {
      org: 'stad', likelihood: ['L', 'H'], consequence: ['L', 'H'],
      bands: [{ min: 1, max: 1, color: '#ffffff', label: 'Låg' }, { min: 3, max: 4, color: '#000000', label: 'Hög' }],
    });
    expect(gap.status).toBe(422);
    expect(gap.body.field).toBe('bands.1.min');
    expect(await tableCounts(t)).toEqual(counts);
  });

  it('keeps old assessments on their version, previews then applies a migration, audited', async () => {
    const v = (await isam.post('/api/risks/vor', { org: 'forv-a', year: 2025 })).body;
    const arb = v.processes[0].arbetssatt[0].id;
    const inputs: [number, number][] = [[4, 4], [3, 3], [2, 4]];
    const old: any[] = [];
    for (const [s, k] of inputs) old.push(await event(v.id, arb, s, k));
    const v1 = old[0].scaleId;

    const five = await admin.post('/api/risks/scales', { org: 'forv-a', preset: '5x5' });
    expect(five.status).toBe(201);
    expect(five.body).toMatchObject({ scaleVersion: 2, max: 25 });
    const list = (await isam.get('/api/risks/scales?org=forv-a')).body;
    expect(list.versions.map((s: { scaleVersion: number; current: boolean }) => [s.scaleVersion, s.current])).toEqual([[2, true], [1, false]]);

    // Old events keep version 1 and are edited within its range; new events use 5×5.
    const got = (await isam.get(`/api/risks/vor/${v.id}`)).body.processes[0].arbetssatt[0].events;
    expect(got.map((e: { scaleVersion: number }) => e.scaleVersion)).toEqual([1, 1, 1]);
    expect((await isam.patch(`/api/risks/vor-events/${old[1].id}`, { version: old[1].version, sannolikhet: 5 })).status).toBe(400);
    const fresh = await event(v.id, arb, 5, 5);
    expect(fresh).toMatchObject({ scaleVersion: 2, riskvarde: 25, sannolikhetLabel: 'Mycket sannolik' });

    const body = { org: 'forv-a', fromScaleId: v1, toScaleId: five.body.id };
    const before = await rawSql(t, 'select id, sannolikhet, konsekvens, riskvarde, scale_id from vor_events order by id');
    const preview = await isam.post('/api/risks/scales/migrations/preview', body);
    expect(preview.status).toBe(200);
    expect(await rawSql(t, 'select id, sannolikhet, konsekvens, riskvarde, scale_id from vor_events order by id')).toEqual(before);
    const m = preview.body.mapping;
    expect(m.sannolikhet).toHaveLength(4);
    expect(preview.body.counts.total).toBe(inputs.length);
    for (const [i, [s, k]] of inputs.entries()) {
      const item = preview.body.items.find((x: { id: string }) => x.id === old[i].id);
      const ns = m.sannolikhet[s - 1];
      const nk = m.konsekvens[k - 1];
      expect(item.before).toMatchObject({ sannolikhet: s, konsekvens: k, riskvarde: s * k, ikp: s * k >= 12 });
      expect(item.after).toMatchObject({ sannolikhet: ns, konsekvens: nk, riskvarde: ns * nk, ikp: ns * nk >= 12 });
      expect(item.ikpChanged).toBe(s * k >= 12 !== ns * nk >= 12);
    }

    // An explicit mapping outside the new scale → 422 with the index.
    const bad = await isam.post('/api/risks/scales/migrations/preview', { ...body, mapping: { sannolikhet: [1, 2, 3, 6] } });
    expect(bad.status).toBe(422);
    expect(bad.body.field).toBe('mapping.sannolikhet.3');
    // Data changed since preview → 409, nothing written.
    const changed = await isam.post('/api/risks/scales/migrations/apply', { ...body, expectedTotal: preview.body.counts.total + 1 });
    expect(changed.status).toBe(409);
    expect(await rawSql(t, 'select id, sannolikhet, konsekvens, riskvarde, scale_id from vor_events order by id')).toEqual(before);

    const applied = await isam.post('/api/risks/scales/migrations/apply', { ...body, expectedTotal: preview.body.counts.total });
    expect(applied.status).toBe(200);
    expect(applied.body.applied).toBe(true);
    const after = (await isam.get(`/api/risks/vor/${v.id}`)).body.processes[0].arbetssatt[0].events;
    for (const [i, [s, k]] of inputs.entries()) {
      const e = after.find((x: { id: string }) => x.id === old[i].id);
      expect(e).toMatchObject({ scaleVersion: 2, sannolikhet: m.sannolikhet[s - 1], konsekvens: m.konsekvens[k - 1], version: old[i].version + 1 });
    }
    const audit = await rawSql<{ after: { counts: { total: number } } }>(t, "select after from audit_log where action = 'risk.scale.migrate'");
    expect(audit).toHaveLength(1);
    expect(audit[0].after.counts.total).toBe(inputs.length);
    // Nothing left on version 1.
    expect((await isam.post('/api/risks/scales/migrations/preview', body)).body.counts.total).toBe(0);
  });

  it('leaves an approved VoR on the scale it was approved on: a migration neither lists nor changes its events', async () => {
    const chef = await userWithRole(t, 'chef@test.se', 'forvaltningschef', 'forv-a');
    const v = (await isam.post('/api/risks/vor', { org: 'forv-a', year: 2024 })).body;
    const locked = await event(v.id, v.processes[0].arbetssatt[0].id, 5, 4);
    const w = (await isam.post('/api/risks/vor', { org: 'forv-a', year: 2026 })).body;
    const open = await event(w.id, w.processes[0].arbetssatt[0].id, 5, 4);
    expect((await chef.post(`/api/risks/vor/${v.id}/approve`, { version: v.version })).status).toBe(200);
    const four = await admin.post('/api/risks/scales', { org: 'forv-a', preset: '4x4' });
    const body = { org: 'forv-a', fromScaleId: locked.scaleId, toScaleId: four.body.id };
    const preview = (await isam.post('/api/risks/scales/migrations/preview', body)).body;
    const ids = preview.items.map((i: { id: string }) => i.id);
    expect(ids).toContain(open.id);
    expect(ids).not.toContain(locked.id);
    expect((await isam.post('/api/risks/scales/migrations/apply', { ...body, expectedTotal: preview.counts.total })).status).toBe(200);
    const kept = (await isam.get(`/api/risks/vor/${v.id}`)).body.processes[0].arbetssatt[0].events.find((e: { id: string }) => e.id === locked.id);
    expect(kept).toMatchObject({ sannolikhet: 5, konsekvens: 4, riskvarde: 20, scaleVersion: locked.scaleVersion, version: locked.version });
  });

  it('refuses a new scale on which an IKP threshold in force could never be reached, naming it', async () => {
    const three = { org: 'stad', likelihood: ['Låg', 'Medel', 'Hög'], consequence: ['Liten', 'Måttlig', 'Stor'] };
    const own = await isam.request('PUT', '/api/risks/thresholds/forv-a', { threshold: 16 });
    expect(own.status).toBe(200);
    const versions = (await isam.get('/api/risks/scales?org=forv-a')).body.versions.length;
    const high = await admin.post('/api/risks/scales', three);
    expect([high.status, high.body.code, high.body.field]).toEqual([422, 'threshold_outside_scale', 'likelihood']);
    expect(high.body.detail_sv).toContain('IKP-tröskeln 16 för FORV-A');
    expect((await isam.request('PUT', '/api/risks/thresholds/forv-a', { threshold: null, version: own.body.own.version })).status).toBe(200);
    // The default 12 where the city has set no threshold of its own, on a scale whose highest value is 9.
    const byDefault = await admin.post('/api/risks/scales', three);
    expect([byDefault.status, byDefault.body.code]).toEqual([422, 'threshold_outside_scale']);
    expect(byDefault.body.detail_sv).toContain('Sätt en IKP-tröskel för staden först');
    expect((await isam.get('/api/risks/scales?org=forv-a')).body.versions).toHaveLength(versions);
    expect((await admin.request('PUT', '/api/risks/thresholds/stad', { threshold: 6 })).status).toBe(200);
    expect((await admin.post('/api/risks/scales', three)).status).toBe(201);
  });

  it('gives a year\'s report the scale its VoR was assessed on, so that the matrix holds every event', async () => {
    // forv-a's 2024 VoR was approved on the 5×5 version; the city has since moved to a 3×3 scale.
    const org = await findOrg(t.database.db, 'forv-a');
    const f = (await sectionProviders.find((p) => p.key === 'risks')!.figures({ ctx: t.ctx, org, year: 2024 })) as RiskFigures;
    expect(f.vor.map((e) => [e.sannolikhet, e.konsekvens])).toEqual([[5, 4]]);
    expect(f.scale.likelihood).toEqual(PRESETS['5x5'].likelihood);
    const { cells } = riskMatrixCells(f as unknown as Record<string, unknown>);
    expect(cells.reduce((n, [, , c]) => n + c, 0)).toBe(1);
  });
});
