import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { linkTargetProviders } from '../../server/platform/link-targets';
import { Client, INCIDENT_ORGS, makeOrgs, rawSql, startTestServer, userWithRole, type TestServer } from '../../test/harness';
import { INTERNAL_LINK_TYPES } from './contract';

// Kopplingar: an incident's links to risks, documents, plan activities, other incidents and web addresses.
let t: TestServer;
let admin: Client;
let isam: Client; // incident.manage on forv
let isamB: Client; // incident.manage on annan-forv only
let reader: Client; // lasare on forv: incident.read, no incident.manage
let staff: Client; // medarbetare on enh-a: reports, reads own reports
let sak: Client; // sakerhetsansvarig on forv: manages, but not incident.protected
const ids: Record<string, string> = {};

async function post(c: Client, path: string, body: unknown, status = 201) {
  const r = await c.post(path, body);
  expect(r.status, JSON.stringify(r.body)).toBe(status);
  return r.body;
}

/** Link and audit rows: "nothing was written" is both staying put. */
async function counts() {
  const [r] = await rawSql<{ links: number; audit: number }>(t, 'select (select count(*)::int from incident_links) as links, (select count(*)::int from audit_log) as audit');
  return { links: Number(r.links), audit: Number(r.audit) };
}
const auditOf = (action: string, entityId: string) =>
  rawSql<{ action: string; before: unknown; after: unknown }>(t, `select action, before, after from audit_log where action = '${action}' and entity_id = '${entityId}'`);

beforeAll(async () => {
  t = await startTestServer();
  await makeOrgs(t.ctx, INCIDENT_ORGS);
  admin = await userWithRole(t, 'admin@test.se', 'systemadministrator');
  isam = await userWithRole(t, 'isam@test.se', 'isam', 'forv');
  isamB = await userWithRole(t, 'isam-b@test.se', 'isam', 'annan-forv');
  reader = await userWithRole(t, 'las@test.se', 'lasare', 'forv');
  staff = await userWithRole(t, 'staff@test.se', 'medarbetare', 'enh-a');
  sak = await userWithRole(t, 'sak@test.se', 'sakerhetsansvarig', 'forv');
  ids.incident = (await post(isam, '/api/incidents', { org: 'avd-a', title: 'Nätfiske mot ekonomi' })).id;
  ids.other = (await post(isam, '/api/incidents', { org: 'enh-a', title: 'Samma nätfiskevåg' })).id;
  ids.own = (await post(staff, '/api/incidents/quick', { org: 'enh-a', title: 'Mitt eget', personalData: 'nej' })).id;
  ids.incidentB = (await post(isamB, '/api/incidents', { org: 'annan-forv', title: 'Annan förvaltning' })).id;
  const risk = (org: string, title: string) => post(admin, '/api/risks/register', { org, title, inherent: { sannolikhet: 3, konsekvens: 3 } });
  ids.risk = (await risk('forv', 'Nätfiske leder till intrång')).id;
  ids.riskB = (await risk('annan-forv', 'Nätfiske i annan förvaltning')).id;
  ids.document = (await post(admin, '/api/documents', { org: 'forv', type: 'rutin', title: 'Rutin för incidenthantering' })).id;
  ids.plan = (await post(admin, '/api/plan/activities', { org: 'forv', year: 2026, area: 'Kompetens', description: 'Nätfiskeövning för alla' })).id;
}, 60_000);
afterAll(() => t.close());

describe('adding and listing links', () => {
  it('every internal type of the contract has exactly one provider', async () => {
    expect([...(await linkTargetProviders()).keys()].sort()).toEqual([...INTERNAL_LINK_TYPES].sort());
  });


  it('links every known type, shows each target by title with its page, and audits each', async () => {
    const base = `/api/incidents/${ids.incident}/links`;
    const risk = await post(isam, base, { targetType: 'risk', targetId: ids.risk, note: 'Samma angreppsväg' });
    expect(risk).toMatchObject({ targetType: 'risk', targetId: ids.risk, note: 'Samma angreppsväg', title: 'Nätfiske leder till intrång', href: '/risker/register', org: { slug: 'forv' } });
    await post(isam, base, { targetType: 'document', targetId: ids.document });
    await post(isam, base, { targetType: 'plan_activity', targetId: ids.plan });
    const inc = await post(isam, base, { targetType: 'incident', targetId: ids.other.toUpperCase() });
    expect(inc.targetId).toBe(ids.other);
    expect(inc.title).toMatch(/^AV-\d{4}-\d{4} Samma nätfiskevåg$/);
    expect(inc.href).toBe(`/incidenter/${ids.other}`);
    const url = await post(isam, base, { targetType: 'url', targetId: 'https://www.cert.se/2025/nätfiske' });
    expect(url).toMatchObject({ title: 'https://www.cert.se/2025/nätfiske', href: 'https://www.cert.se/2025/nätfiske', org: null });

    const list = await isam.get(base);
    expect(list.status).toBe(200);
    expect(list.body.items.map((l: { targetType: string }) => l.targetType)).toEqual(['risk', 'document', 'plan_activity', 'incident', 'url']);
    expect(list.body.items[1].title).toBe('Rutin för incidenthantering');
    expect(list.body.items[2].title).toBe('2026 · Kompetens: Nätfiskeövning för alla');
    const detail = (await isam.get(`/api/incidents/${ids.incident}`)).body;
    expect(detail.links).toEqual(list.body.items);
    const audit = await auditOf('incident.link.create', risk.id);
    expect(audit).toHaveLength(1);
    expect(audit[0].after).toMatchObject({ incidentId: ids.incident, targetType: 'risk', targetId: ids.risk });
  });

  it('a reader sees the links; a target hidden from the caller shows without title or href', async () => {
    const r = await reader.get(`/api/incidents/${ids.incident}/links`);
    expect(r.status).toBe(200);
    expect(r.body.items.every((l: { title: string | null }) => l.title !== null)).toBe(true);
    // A target the caller may not see: the link without its title or page. (The reporter's own report shows no links:
    // they are the handlers' work, as on the incident's page.)
    await post(isam, `/api/incidents/${ids.own}/links`, { targetType: 'risk', targetId: ids.risk });
    const own = await staff.get(`/api/incidents/${ids.own}/links`);
    expect(own.status).toBe(200);
    expect(own.body.items).toEqual([]);
    await post(isam, `/api/incidents/${ids.incident}/links`, { targetType: 'risk', targetId: ids.riskB }, 404);
    await post(admin, `/api/incidents/${ids.other}/links`, { targetType: 'risk', targetId: ids.riskB });
    const hidden = await reader.get(`/api/incidents/${ids.other}/links`);
    expect(hidden.body.items).toEqual([expect.objectContaining({ targetType: 'risk', targetId: ids.riskB, title: null, href: null, org: null })]);
  });

  it('the protected-identity rules are unchanged: a handler without incident.protected may link a protected incident', async () => {
    const prot = await post(isam, '/api/incidents', { org: 'avd-a', title: 'Skyddad', protectedIdentity: true });
    const l = await post(sak, `/api/incidents/${prot.id}/links`, { targetType: 'document', targetId: ids.document });
    expect(l.title).toBe('Rutin för incidenthantering');
  });

  it('on a protected record, a note and a web address are hidden like its description from those who may not read it, also in the audit log', async () => {
    const prot = await post(isam, '/api/incidents', { org: 'enh-a', title: 'Skyddad med länkar', protectedIdentity: true });
    const base = `/api/incidents/${prot.id}/links`;
    const doc = await post(isam, base, { targetType: 'document', targetId: ids.document, note: 'Adressen Hemligvägen 3' });
    const url = await post(isam, base, { targetType: 'url', targetId: 'https://example.org/hemligvagen-3', note: 'Karta' });
    expect(doc.note).toBe('Adressen Hemligvägen 3');
    for (const c of [reader, sak]) {
      const detail = (await c.get(`/api/incidents/${prot.id}`)).body;
      const listed = (await c.get(base)).body.items;
      for (const links of [detail.links, listed]) {
        expect(links).toEqual([
          expect.objectContaining({ id: doc.id, targetType: 'document', note: null, title: 'Rutin för incidenthantering' }),
          expect.objectContaining({ id: url.id, targetType: 'url', targetId: null, note: null, title: null, href: null }),
        ]);
      }
      expect(JSON.stringify(listed)).not.toMatch(/Hemligv|hemligvagen|Karta/);
    }
    // A handler without incident.protected may neither add nor remove a protected record's address or note: a 409
    // for an address already there would confirm a guess. Linking a record without a note stays theirs (above).
    const before = await counts();
    for (const body of [
      { targetType: 'url', targetId: 'https://example.org/hemligvagen-3' },
      { targetType: 'url', targetId: 'https://example.org/annan' },
      { targetType: 'incident', targetId: ids.incident, note: 'Gissning' },
    ]) {
      const res = await sak.post(base, body);
      expect(res.status).toBe(403);
      expect(res.body.linkId).toBeUndefined();
    }
    expect((await sak.delete(`${base}/${url.id}`)).status).toBe(403);
    expect((await sak.delete(`${base}/${doc.id}`)).status).toBe(403);
    expect(await counts()).toEqual(before);
    // Those who read protected records see it all, and that read is audited; the audit log keeps neither note nor address.
    const reads = (await auditOf('incident.read_protected', prot.id)).length;
    expect((await isam.get(base)).body.items.map((l: { note: string }) => l.note)).toEqual(['Adressen Hemligvägen 3', 'Karta']);
    expect(await auditOf('incident.read_protected', prot.id)).toHaveLength(reads + 1);
    await isam.delete(`${base}/${url.id}`);
    const audit = [...await auditOf('incident.link.create', doc.id), ...await auditOf('incident.link.create', url.id), ...await auditOf('incident.link.delete', url.id)];
    expect(audit).toHaveLength(3);
    expect(JSON.stringify(audit)).not.toMatch(/Hemligv|hemligvagen|Karta/);
    // The reporter of a protected record sees no links at all (the handlers' work), as on its page.
    const own = await post(staff, '/api/incidents/quick', { org: 'enh-a', title: 'Skyddat eget', personalData: 'nej', protectedIdentity: true });
    await post(isam, `/api/incidents/${own.id}/links`, { targetType: 'document', targetId: ids.document, note: 'Handläggarens not' });
    expect((await staff.get(`/api/incidents/${own.id}/links`)).body.items).toEqual([]);
  });
});

describe('bad links', () => {
  it('answers 400 with the field for unknown types, malformed ids, unsafe addresses, unknown fields and self links; nothing written', async () => {
    const base = `/api/incidents/${ids.incident}/links`;
    const before = await counts();
    const cases: [unknown, string][] = [
      [{ targetType: 'leverantor', targetId: ids.risk }, 'targetType'],
      [{ targetType: 'risk', targetId: 'miljodata' }, 'targetId'],
      [{ targetType: 'url', targetId: 'javascript:alert(1)' }, 'targetId'],
      [{ targetType: 'url', targetId: 'www.imy.se' }, 'targetId'],
      [{ targetType: 'risk', targetId: ids.risk, extra: 1 }, 'extra'],
      [{ targetType: 'risk', targetId: ids.risk, note: 'x'.repeat(501) }, 'note'],
      [{ targetType: 'incident', targetId: ids.incident }, 'targetId'],
    ];
    for (const [body, field] of cases) {
      const r = await isam.post(base, body);
      expect(r.status, JSON.stringify(body)).toBe(400);
      expect(r.body.field, JSON.stringify(r.body)).toBe(field);
      expect(r.body.detail_sv).toBeTruthy();
      expect(r.body.detail_en).toBeTruthy();
    }
    expect(await counts()).toEqual(before);
  });

  it('answers 404 for a target that does not exist or that the caller may not see; nothing written', async () => {
    const base = `/api/incidents/${ids.incident}/links`;
    const before = await counts();
    for (const body of [
      { targetType: 'risk', targetId: '00000000-0000-4000-8000-000000000000' },
      { targetType: 'risk', targetId: ids.riskB }, // another förvaltning's risk
      { targetType: 'incident', targetId: ids.incidentB },
      { targetType: 'document', targetId: ids.risk }, // an id of another type
    ]) {
      const r = await isam.post(base, body);
      expect(r.status, JSON.stringify(body)).toBe(404);
      expect(r.body.field).toBe('targetId');
    }
    expect(await counts()).toEqual(before);
  });

  it('answers 409 for the same target twice (ids compared case-insensitively); nothing written', async () => {
    const base = `/api/incidents/${ids.incident}/links`;
    const before = await counts();
    const again = await isam.post(base, { targetType: 'risk', targetId: ids.risk.toUpperCase() });
    expect(again.status).toBe(409);
    expect(again.body.code).toBe('link_exists');
    expect((await isam.post(base, { targetType: 'url', targetId: 'https://www.cert.se/2025/nätfiske' })).status).toBe(409);
    expect(await counts()).toEqual(before);
  });
});

describe('who may link', () => {
  it('needs incident.manage on the incident: a reader gets 403, a handler elsewhere 404, and nothing is written', async () => {
    const before = await counts();
    const body = { targetType: 'document', targetId: ids.document, note: 'x' };
    expect((await reader.post(`/api/incidents/${ids.other}/links`, body)).status).toBe(403);
    expect((await staff.post(`/api/incidents/${ids.own}/links`, body)).status).toBe(403);
    expect((await isamB.post(`/api/incidents/${ids.other}/links`, body)).status).toBe(404);
    expect((await isamB.get(`/api/incidents/${ids.other}/links`)).status).toBe(404);
    expect((await staff.get(`/api/incidents/${ids.other}/links`)).status).toBe(404);
    const l = (await isam.get(`/api/incidents/${ids.incident}/links`)).body.items[0];
    expect((await reader.delete(`/api/incidents/${ids.incident}/links/${l.id}`)).status).toBe(403);
    expect((await isamB.delete(`/api/incidents/${ids.incident}/links/${l.id}`)).status).toBe(404);
    expect(await counts()).toEqual(before);
  });
});

describe('removing links', () => {
  it('removes a link (audited), then 404 for it again and for a link of another incident', async () => {
    const [first, second] = (await isam.get(`/api/incidents/${ids.incident}/links`)).body.items;
    expect((await isam.delete(`/api/incidents/${ids.other}/links/${first.id}`)).status).toBe(404);
    expect((await isam.delete(`/api/incidents/${ids.incident}/links/${first.id}`)).status).toBe(204);
    expect((await isam.delete(`/api/incidents/${ids.incident}/links/${first.id}`)).status).toBe(404);
    const audit = await auditOf('incident.link.delete', first.id);
    expect(audit).toHaveLength(1);
    expect(audit[0].before).toMatchObject({ targetType: first.targetType, targetId: first.targetId });
    const left = (await isam.get(`/api/incidents/${ids.incident}/links`)).body.items;
    expect(left[0].id).toBe(second.id);
    expect(left.some((l: { id: string }) => l.id === first.id)).toBe(false);
  });
});

describe('searching link targets', () => {
  const search = (c: Client, q: string) => c.get(`/api/incidents/link-targets?${q}`);

  it('finds records of one type by title, number or id, only within what the caller may see', async () => {
    const risks = await search(isam, 'type=risk&q=n%C3%A4tfiske');
    expect(risks.status).toBe(200);
    expect(risks.body.items.map((r: { id: string }) => r.id)).toEqual([ids.risk]);
    const byB = await search(isamB, 'type=risk&q=n%C3%A4tfiske');
    expect(byB.body.items.map((r: { id: string }) => r.id)).toEqual([ids.riskB]);
    expect((await search(isam, `type=risk&q=${ids.riskB}`)).body.items).toEqual([]);
    expect((await search(isam, `type=risk&q=${ids.risk}`)).body.items[0].title).toBe('Nätfiske leder till intrång');
    const other = (await isam.get(`/api/incidents/${ids.other}`)).body;
    const byNumber = await search(isam, `type=incident&q=${other.number}`);
    expect(byNumber.body.items.map((r: { id: string }) => r.id)).toContain(ids.other);
    const plans = await search(isam, 'type=plan_activity&q=kompetens');
    expect(plans.body.items.map((r: { id: string }) => r.id)).toEqual([ids.plan]);
    const docs = await search(isam, 'type=document&q=rutin');
    expect(docs.body.items[0]).toMatchObject({ id: ids.document, href: '/styrdokument', org: { slug: 'forv', name: 'FORV' } });
    // "%" and "_" are text, not patterns.
    expect((await search(isam, 'type=risk&q=%25')).body.items).toEqual([]);
  });

  it('finds and links objects of the objektlista (the system an incident happened in) within what the caller may see', async () => {
    const procedo = (await post(admin, '/api/objects', { org: 'forv', name: 'Procedo', lokalStatus: 'klar', lokalDate: '2025-05-12' })).id;
    const procedoB = (await post(admin, '/api/objects', { org: 'annan-forv', name: 'Procedo' })).id;
    const old = await post(admin, '/api/objects', { org: 'forv', name: 'Procapita' });
    await admin.patch(`/api/objects/${old.id}`, { version: old.version, archived: true });
    const found = await search(isam, 'type=object&q=proc');
    expect(found.body.items).toEqual([expect.objectContaining({ id: procedo, title: 'Procedo', href: '/objekt', org: { slug: 'forv', name: 'FORV' } })]);
    expect((await search(isamB, 'type=object&q=proc')).body.items.map((r: { id: string }) => r.id)).toEqual([procedoB]);
    const linked = await post(isam, `/api/incidents/${ids.incident}/links`, { targetType: 'object', targetId: procedo, note: 'Leverantörens incident' });
    expect(linked).toMatchObject({ targetType: 'object', title: 'Procedo', href: '/objekt' });
    // An object archived since stays named by the link; another förvaltning's object is not there to link.
    const archived = await post(isam, `/api/incidents/${ids.incident}/links`, { targetType: 'object', targetId: old.id });
    expect(archived.title).toBe('Procapita (arkiverat)');
    expect((await isam.post(`/api/incidents/${ids.incident}/links`, { targetType: 'object', targetId: procedoB })).status).toBe(404);
  });

  it('finds and links processing activities of the registerförteckning (the behandling a breach concerns) within what the caller may see', async () => {
    const pay = (await post(admin, '/api/privacy/activities', { org: 'forv', name: 'Löneutbetalning' })).id;
    const payB = (await post(admin, '/api/privacy/activities', { org: 'annan-forv', name: 'Löneutbetalning' })).id;
    const old = await post(admin, '/api/privacy/activities', { org: 'forv', name: 'Lönebidrag (gammal)' });
    await admin.patch(`/api/privacy/activities/${old.id}`, { version: old.version, archived: true });
    const found = await search(isam, 'type=processing_activity&q=löne');
    expect(found.body.items).toEqual([expect.objectContaining({ id: pay, title: 'Löneutbetalning', href: '/registerforteckning', org: { slug: 'forv', name: 'FORV' } })]);
    expect((await search(isamB, 'type=processing_activity&q=löne')).body.items.map((r: { id: string }) => r.id)).toEqual([payB]);
    const linked = await post(isam, `/api/incidents/${ids.incident}/links`, { targetType: 'processing_activity', targetId: pay, note: 'Lönebesked till fel mottagare' });
    expect(linked).toMatchObject({ targetType: 'processing_activity', title: 'Löneutbetalning', href: '/registerforteckning' });
    // An activity archived since stays named by the link; another förvaltning's activity is not there to link.
    const archived = await post(isam, `/api/incidents/${ids.incident}/links`, { targetType: 'processing_activity', targetId: old.id });
    expect(archived.title).toBe('Lönebidrag (gammal) (arkiverad)');
    expect((await isam.post(`/api/incidents/${ids.incident}/links`, { targetType: 'processing_activity', targetId: payB })).status).toBe(404);
  });

  it('finds and links suppliers of the leverantörsregister (a supplier breach, as with Miljödata) within what the caller may see', async () => {
    const miljodata = (await post(admin, '/api/suppliers', { org: 'forv', name: 'Miljödata', services: 'Systemstöd för arbetsmiljö och rehabilitering' })).id;
    const miljodataB = (await post(admin, '/api/suppliers', { org: 'annan-forv', name: 'Miljödata' })).id;
    const old = await post(admin, '/api/suppliers', { org: 'forv', name: 'Miljökonsult AB' });
    await admin.patch(`/api/suppliers/${old.id}`, { version: old.version, archived: true });
    const found = await search(isam, 'type=supplier&q=milj');
    expect(found.body.items).toEqual([expect.objectContaining({ id: miljodata, title: 'Miljödata', href: '/leverantorer', org: { slug: 'forv', name: 'FORV' } })]);
    expect((await search(isamB, 'type=supplier&q=milj')).body.items.map((r: { id: string }) => r.id)).toEqual([miljodataB]);
    const linked = await post(isam, `/api/incidents/${ids.incident}/links`, { targetType: 'supplier', targetId: miljodata, note: 'Leverantörens dataintrång, anmält till IMY' });
    expect(linked).toMatchObject({ targetType: 'supplier', title: 'Miljödata', href: '/leverantorer' });
    const archived = await post(isam, `/api/incidents/${ids.incident}/links`, { targetType: 'supplier', targetId: old.id });
    expect(archived.title).toBe('Miljökonsult AB (arkiverad)');
    expect((await isam.post(`/api/incidents/${ids.incident}/links`, { targetType: 'supplier', targetId: miljodataB })).status).toBe(404);
  });

  it('answers 400 for an unknown type and 403 to those who may not link', async () => {
    expect((await search(isam, 'type=leverantor&q=x')).status).toBe(400);
    expect((await search(isam, 'type=url')).status).toBe(400);
    expect((await search(reader, 'type=risk')).status).toBe(403);
  });
});

describe('the audit log of a record protected later', () => {
  it('hides the free texts written before the record was marked protected from a reader who may not read protected records', async () => {
    const made = await post(isam, '/api/incidents', { org: 'enh-a', title: 'Skyddas senare', description: 'Bor på Dolda gatan 7' });
    await post(isam, `/api/incidents/${made.id}/comments`, { body: 'Dolda gatan 7, port B' });
    await post(isam, `/api/incidents/${made.id}/actions`, { title: 'Ring Dolda gatan 7' });
    await post(isam, `/api/incidents/${made.id}/links`, { targetType: 'url', targetId: 'https://example.org/dolda-gatan-7', note: 'Karta Dolda' });
    expect((await isam.patch(`/api/incidents/${made.id}`, { version: made.version, protectedIdentity: true })).status).toBe(200);
    // An integration's token that reads the audit log but not protected records (a log collector, say).
    const token = (await isam.post('/api/me/tokens', { name: 'Logginsamling', scopes: ['audit.read'], expiresInDays: 1 })).body.token as string;
    const read = async (auth: Record<string, string>) => {
      const r = await fetch(`${t.url}/api/audit?limit=1000`, { headers: auth });
      expect(r.status).toBe(200);
      const items = ((await r.json()) as { items: { entityId: string | null; before: unknown; after: unknown }[] }).items;
      return JSON.stringify(items.filter((e) => JSON.stringify(e).includes(made.id) || e.entityId === made.id));
    };
    const hidden = await read({ authorization: `Bearer ${token}` });
    expect(hidden).toContain('[skyddad / protected]');
    expect(hidden).not.toMatch(/Dolda|dolda-gatan/);
    // The entries themselves are as written (the hash chain), and the ISAM, who reads protected records, sees them.
    expect(await read({ cookie: isam.cookie! })).toContain('Bor på Dolda gatan 7');
    const [raw] = await rawSql<{ n: number }>(t, `select count(*)::int as n from audit_log where after::text like '%Dolda gatan 7, port B%'`);
    expect(Number(raw.n)).toBe(1);
  });
});
