import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { Client, makeOrgs, rawSql, startTestServer, userWithRole, type TestServer } from '../../test/harness';
import { MANDATORY_ARBETSSATT } from './contract';

let t: TestServer;
let admin: Client;
let isam: Client;
let chef: Client;
let otherIsam: Client;

beforeAll(async () => {
  t = await startTestServer();
  await makeOrgs(t.ctx, [
    ['stad', 'stad'],
    ['forv-a', 'forvaltning', 'stad'],
    ['avd-a1', 'avdelning', 'forv-a'],
    ['forv-b', 'forvaltning', 'stad'],
  ]);
  admin = await userWithRole(t, 'admin@test.se', 'systemadministrator');
  isam = await userWithRole(t, 'isam@test.se', 'isam', 'forv-a');
  chef = await userWithRole(t, 'chef@test.se', 'forvaltningschef', 'forv-a');
  otherIsam = await userWithRole(t, 'isam-b@test.se', 'isam', 'forv-b');
});
afterAll(() => t.close());

type Vor = { id: string; version: number; threshold: number; processes: { name: string; mandatory: boolean; arbetssatt: { id: string; key: string | null; name: string; events: any[] }[] }[] };
const arb = (v: Vor, key: string) => v.processes[0].arbetssatt.find((a) => a.key === key)!.id;

async function newVor(org: string, year: number, as = isam): Promise<Vor> {
  const r = await as.post('/api/risks/vor', { org, year });
  expect(r.status).toBe(201);
  return r.body;
}

describe('VoR', () => {
  it('creates a VoR with the mandatory process and its five arbetssätt preset', async () => {
    const v = await newVor('forv-a', 2024);
    expect(v.processes).toHaveLength(1);
    expect(v.processes[0]).toMatchObject({ name: 'Systematiskt informationssäkerhetsarbete', mandatory: true });
    expect(v.processes[0].arbetssatt.map((a) => a.key)).toEqual(MANDATORY_ARBETSSATT.map((a) => a.key));
    expect((await isam.post('/api/risks/vor', { org: 'forv-a', year: 2024 })).status).toBe(409);
  });

  it('computes riskvärde and refuses a riskvarde in the input', async () => {
    const v = await newVor('forv-a', 2025);
    const input = { arbetssattId: arb(v, 'behorighetshantering'), title: 'Behörigheter avslutas inte i tid', sannolikhet: 4, konsekvens: 3 };
    const r = await isam.post(`/api/risks/vor/${v.id}/events`, input);
    expect(r.status).toBe(201);
    expect(r.body.riskvarde).toBe(input.sannolikhet * input.konsekvens);
    expect(r.body.sannolikhetLabel).toBe('Sannolik');
    expect(r.body.konsekvensLabel).toBe('Kännbar');
    const typed = await isam.post(`/api/risks/vor/${v.id}/events`, { ...input, riskvarde: 1 });
    expect(typed.status).toBe(400);
    expect(typed.body.field).toBe('riskvarde');
    const got = await isam.get(`/api/risks/vor/${v.id}`);
    expect(got.body.processes[0].arbetssatt[0].events).toHaveLength(1);
  });

  it('rejects a value outside the scale with 400 naming the field, the scale and its allowed values, and writes nothing', async () => {
    const v = await newVor('forv-a', 2026);
    const before = await rawSql(t, 'select count(*)::int as n from vor_events');
    const r = await isam.post(`/api/risks/vor/${v.id}/events`, { arbetssattId: arb(v, 'incidenthantering'), title: 'X', sannolikhet: 5, konsekvens: 2 });
    expect(r.status).toBe(400);
    expect(r.body.field).toBe('sannolikhet');
    expect(r.body.detail_sv).toContain('1 Osannolik, 2 Mindre sannolik, 3 Möjlig, 4 Sannolik');
    expect(r.body.allowed).toHaveLength(4);
    const k0 = await isam.post(`/api/risks/vor/${v.id}/events`, { arbetssattId: arb(v, 'incidenthantering'), title: 'X', sannolikhet: 1, konsekvens: 0 });
    expect(k0.status).toBe(400);
    expect(k0.body.field).toBe('konsekvens');
    expect(await rawSql(t, 'select count(*)::int as n from vor_events')).toEqual(before);
  });

  it('proposes IKP at or above the threshold, inherited down the tree and overridable per org', async () => {
    const a = await newVor('forv-a', 2027);
    const sub = await newVor('avd-a1', 2027);
    const mk = async (v: Vor, s: number, k: number) => (await isam.post(`/api/risks/vor/${v.id}/events`, { arbetssattId: arb(v, 'upphandling'), title: `${s}x${k}`, sannolikhet: s, konsekvens: k })).body;
    const high = await mk(a, 3, 4);
    const low = await mk(a, 3, 3);
    expect(a.threshold).toBe(12);
    expect([high.ikpProposed, low.ikpProposed]).toEqual([high.riskvarde >= 12, low.riskvarde >= 12]);

    const set = await isam.request('PUT', '/api/risks/thresholds/forv-a', { threshold: low.riskvarde });
    expect(set.status).toBe(200);
    expect(set.body).toMatchObject({ threshold: low.riskvarde, inherited: false });
    const inherited = await isam.get('/api/risks/thresholds/avd-a1');
    expect(inherited.body).toMatchObject({ threshold: low.riskvarde, inherited: true });
    const subEvent = await mk(sub, 3, 3);
    expect(subEvent.ikpProposed).toBe(true);
    const lowNow = (await isam.get(`/api/risks/vor/${a.id}`)).body.processes[0].arbetssatt.find((x: { key: string }) => x.key === 'upphandling').events.find((e: { id: string }) => e.id === low.id);
    expect(lowNow.ikpProposed).toBe(true);

    // The sub-org overrides; the threshold may not exceed the scale's maximum.
    expect((await isam.request('PUT', '/api/risks/thresholds/avd-a1', { threshold: 17 })).status).toBe(422);
    expect((await isam.request('PUT', '/api/risks/thresholds/avd-a1', { threshold: 16 })).body.threshold).toBe(16);
    expect((await isam.get(`/api/risks/vor/${sub.id}`)).body.processes[0].arbetssatt.flatMap((x: { events: unknown[] }) => x.events)[0].ikpProposed).toBe(false);
    expect((await isam.request('PUT', '/api/risks/thresholds/forv-a', { threshold: null })).body).toMatchObject({ threshold: 12, inherited: true, sourceOrgId: null });
    expect((await chef.request('PUT', '/api/risks/thresholds/forv-a', { threshold: 9 })).status).toBe(403);
  });

  it('records the IKP decision apart from the proposal, only with risk.decide', async () => {
    const v = await newVor('forv-a', 2028);
    const e = (await isam.post(`/api/risks/vor/${v.id}/events`, { arbetssattId: arb(v, 'incidenthantering'), title: 'Risker kvarstår', sannolikhet: 3, konsekvens: 4 })).body;
    const denied = await isam.post(`/api/risks/vor-events/${e.id}/ikp-decision`, { version: e.version, inIkp: false });
    expect(denied.status).toBe(403);
    const d = await chef.post(`/api/risks/vor-events/${e.id}/ikp-decision`, { version: e.version, inIkp: false, comment: 'Hanteras i verksamhetsplanen' });
    expect(d.status).toBe(200);
    expect(d.body.ikpProposed).toBe(true);
    expect(d.body.ikpDecision).toMatchObject({ inIkp: false, decidedBy: 'chef@test.se', comment: 'Hanteras i verksamhetsplanen', riskvardeAtDecision: e.riskvarde });
    // The page names who decided by their name (the decision keeps the address): as the person is called now.
    await rawSql(t, `update users set name = 'Eva Strand' where email = 'chef@test.se'`);
    const shown = (await isam.get(`/api/risks/vor/${v.id}`)).body.processes.flatMap((p: any) => p.arbetssatt).flatMap((a: any) => a.events).find((x: any) => x.id === e.id);
    expect(shown.ikpDecision).toMatchObject({ decidedBy: 'chef@test.se', decidedByName: 'Eva Strand' });
    await rawSql(t, `update users set name = 'chef@test.se' where email = 'chef@test.se'`);
    const audit = await rawSql<{ n: number }>(t, `select count(*)::int as n from audit_log where action = 'risk.ikp.decide' and entity_id = '${e.id}'`);
    expect(audit[0].n).toBe(1);
    // Stale version → 409 with both versions.
    const stale = await isam.patch(`/api/risks/vor-events/${e.id}`, { version: e.version, followUp: 'x' });
    expect(stale.status).toBe(409);
    expect(stale.body).toMatchObject({ code: 'stale_version', yourVersion: e.version, currentVersion: e.version + 1 });
  });

  it('hides another förvaltning’s VoR (404) and refuses writes from readers', async () => {
    const v = await newVor('forv-a', 2029);
    const e = (await isam.post(`/api/risks/vor/${v.id}/events`, { arbetssattId: arb(v, 'informationsklassning'), title: 'E', sannolikhet: 1, konsekvens: 1 })).body;
    expect((await otherIsam.get(`/api/risks/vor/${v.id}`)).status).toBe(404);
    expect((await otherIsam.patch(`/api/risks/vor-events/${e.id}`, { version: 1, title: 'Kapat' })).status).toBe(404);
    expect((await otherIsam.post('/api/risks/vor', { org: 'avd-a1', year: 2029 })).status).toBe(404);
    expect((await otherIsam.get('/api/risks/vor?org=forv-a')).status).toBe(404);
    expect((await otherIsam.get('/api/risks/vor')).body.some((x: { id: string }) => x.id === v.id)).toBe(false);
    expect((await chef.patch(`/api/risks/vor-events/${e.id}`, { version: 1, title: 'Chef' })).status).toBe(403);
    expect((await admin.get(`/api/risks/vor/${v.id}`)).status).toBe(200);
  });

  it('locks an approved VoR’s assessment (409) but keeps follow-up open; reopening is audited', async () => {
    const v = await newVor('forv-a', 2030);
    // Nothing assessed yet: nothing to approve.
    const empty = await chef.post(`/api/risks/vor/${v.id}/approve`, { version: v.version });
    expect([empty.status, empty.body.code]).toEqual([409, 'vor_empty']);
    expect(empty.body.detail_sv).toContain('VoR 2030 har inga oönskade händelser');
    const e = (await isam.post(`/api/risks/vor/${v.id}/events`, { arbetssattId: arb(v, 'lokal_anvisning'), title: 'Anvisningen okänd', sannolikhet: 2, konsekvens: 2 })).body;
    expect((await isam.post(`/api/risks/vor/${v.id}/approve`, { version: v.version })).status).toBe(403);
    const prior: number = (await isam.get('/api/risks/thresholds/forv-a')).body.threshold;
    expect((await isam.request('PUT', '/api/risks/thresholds/forv-a', { threshold: e.riskvarde + 1 })).status).toBe(200);
    const ok = await chef.post(`/api/risks/vor/${v.id}/approve`, { version: v.version });
    expect(ok.status).toBe(200);
    expect(ok.body.status).toBe('godkand');
    const locked = await isam.patch(`/api/risks/vor-events/${e.id}`, { version: e.version, sannolikhet: 3 });
    expect(locked.status).toBe(409);
    expect(locked.body.code).toBe('vor_approved');
    expect((await isam.post(`/api/risks/vor/${v.id}/events`, { arbetssattId: arb(v, 'lokal_anvisning'), title: 'Ny', sannolikhet: 1, konsekvens: 1 })).status).toBe(409);
    const follow = await isam.patch(`/api/risks/vor-events/${e.id}`, { version: e.version, followUp: 'Anvisningen presenterad på chefsforum.' });
    expect(follow.status).toBe(200);
    // A threshold changed after the approval leaves the approved VoR's proposals as approved; reopened, it counts.
    const approvedWith: number = ok.body.threshold;
    expect(approvedWith).toBe(e.riskvarde + 1);
    const event = (x: Vor) => x.processes.flatMap((p) => p.arbetssatt.flatMap((a) => a.events)).find((y) => y.id === e.id);
    expect(event(ok.body).ikpProposed).toBe(false);
    expect((await isam.request('PUT', '/api/risks/thresholds/forv-a', { threshold: e.riskvarde })).status).toBe(200);
    const after = (await isam.get(`/api/risks/vor/${v.id}`)).body as Vor;
    expect(after.threshold).toBe(approvedWith);
    expect(event(after).ikpProposed).toBe(false);
    const listed = (await isam.get('/api/risks/vor?org=forv-a')).body.find((x: { id: string }) => x.id === v.id);
    expect(listed.ikpProposed).toBe(0);
    // So do the answers to a follow-up and to an IKP decision on it: the approved threshold, not the live one.
    const again = await isam.patch(`/api/risks/vor-events/${e.id}`, { version: follow.body.version, followUp: 'Presenterad igen.' });
    expect([again.status, again.body.ikpProposed]).toEqual([200, false]);
    const decided = await chef.post(`/api/risks/vor-events/${e.id}/ikp-decision`, { version: again.body.version, inIkp: false });
    expect([decided.status, decided.body.ikpProposed]).toEqual([200, false]);
    const re = await chef.post(`/api/risks/vor/${v.id}/reopen`, { version: ok.body.version, comment: 'Ny bedömning efter omorganisation' });
    expect(re.status).toBe(200);
    expect(re.body.threshold).toBe(e.riskvarde);
    expect(event(re.body).ikpProposed).toBe(true);
    expect((await isam.request('PUT', '/api/risks/thresholds/forv-a', { threshold: prior })).status).toBe(200);
    const changed = await isam.patch(`/api/risks/vor-events/${e.id}`, { version: decided.body.version, sannolikhet: 3 });
    expect(changed.status).toBe(200);
    expect(changed.body.riskvarde).toBe(3 * e.konsekvens);
    const audit = await rawSql<{ action: string }>(t, `select action from audit_log where entity_id = '${v.id}' order by seq`);
    expect(audit.map((a) => a.action)).toEqual(['risk.vor.create', 'risk.vor.approve', 'risk.vor.reopen']);
  });

  it('starts next year: copies events, carries open actions only, and marks what changed', async () => {
    const v = await newVor('forv-b', 2025, otherIsam);
    const own = await otherIsam.post(`/api/risks/vor/${v.id}/processes`, { name: 'Ekonomiadministration', arbetssatt: ['Attest'] });
    expect(own.status).toBe(201);
    const attest = own.body.processes[1].arbetssatt[0].id;
    const e1 = (await otherIsam.post(`/api/risks/vor/${v.id}/events`, { arbetssattId: arb(v, 'behorighetshantering'), title: 'Behörigheter avslutas inte', sannolikhet: 4, konsekvens: 4 })).body;
    const e2 = (await otherIsam.post(`/api/risks/vor/${v.id}/events`, { arbetssattId: attest, title: 'Felaktig attest', sannolikhet: 2, konsekvens: 3 })).body;
    const open = (await otherIsam.post('/api/risks/actions', { parentType: 'vor_event', parentId: e1.id, title: 'Följ upp behörigheter', owner: 'ISAM', dueDate: '2025-06-30', status: 'pagar' })).body;
    const done = (await otherIsam.post('/api/risks/actions', { parentType: 'vor_event', parentId: e1.id, title: 'Informera chefer', status: 'klar' })).body;
    await otherIsam.post('/api/risks/actions', { parentType: 'vor_event', parentId: e2.id, title: 'Inför dubbelattest' });

    const next = await otherIsam.post(`/api/risks/vor/${v.id}/next-year`);
    expect(next.status).toBe(201);
    expect(next.body).toMatchObject({ eventsCopied: 2, actionsCarried: 2, actionsLeftBehind: 1 });
    expect(next.body.vor.year).toBe(2026);
    expect((await otherIsam.post(`/api/risks/vor/${v.id}/next-year`)).status).toBe(409);

    const n = (await otherIsam.get(`/api/risks/vor/${next.body.vor.id}`)).body as Vor;
    expect(n.processes.map((p) => p.name)).toEqual(['Systematiskt informationssäkerhetsarbete', 'Ekonomiadministration']);
    const events = n.processes.flatMap((p) => p.arbetssatt.flatMap((a) => a.events));
    const c1 = events.find((e) => e.carry.fromEventId === e1.id);
    expect(c1).toMatchObject({ title: e1.title, riskvarde: e1.riskvarde, followUp: '', ikpDecision: null });
    expect(c1.carry.changed).toEqual([]);
    expect(c1.actions.map((a: { title: string; carriedFromId: string }) => [a.title, a.carriedFromId])).toEqual([[open.title, open.id]]);
    expect(c1.actions.some((a: { title: string }) => a.title === done.title)).toBe(false);
    expect(n.processes[1].arbetssatt[0].events[0].carry.fromEventId).toBe(e2.id);

    // Change a probability in the new year: riskvärde and proposal follow, the change is marked.
    const ch = await otherIsam.patch(`/api/risks/vor-events/${c1.id}`, { version: c1.version, sannolikhet: 2 });
    expect(ch.body.riskvarde).toBe(2 * e1.konsekvens);
    expect(ch.body.ikpProposed).toBe(2 * e1.konsekvens >= 12);
    expect(ch.body.carry.changed).toEqual(['sannolikhet', 'riskvarde']);
    expect(ch.body.carry.previous).toMatchObject({ sannolikhet: e1.sannolikhet, riskvarde: e1.riskvarde });
    // The previous year is untouched.
    const old = (await otherIsam.get(`/api/risks/vor/${v.id}`)).body.processes[0].arbetssatt[0].events[0];
    expect(old.riskvarde).toBe(e1.riskvarde);
  });
});
