import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { Client, INCIDENT_ORGS, makeOrgs, startTestServer, userWithRole, type TestServer } from '../../test/harness';
import { listAudit } from '../audit/service';
import { breachDocumentationText } from '../reports/blocks';
import { PROTECTED_TEXT } from './access';
import { sectionProviders } from './report';
import { endOfDay } from '../../server/platform/time';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { BREACH_CAUSE_WORDS, BREACH_TYPE_WORDS, DATA_CATEGORY_WORDS, SUBJECT_CATEGORY_WORDS } from './breach-model';

let t: TestServer;
let dso: Client;
let reader: Client;
let security: Client;

beforeAll(async () => {
  t = await startTestServer();
  await makeOrgs(t.ctx, INCIDENT_ORGS);
  // The DSO on the city: incident.manage and incident.protected on both förvaltningar, and their contact.
  dso = await userWithRole(t, 'dso@test.se', 'dso', 'stad');
  reader = await userWithRole(t, 'las@test.se', 'lasare', 'forv');
  security = await userWithRole(t, 'sak@test.se', 'sakerhetsansvarig', 'forv');
});
afterAll(() => t.close());

const breach = async (body: Record<string, unknown> = {}) => {
  const r = await dso.post('/api/incidents', { org: 'enh-a', title: 'Utredning till fel mottagare', kind: 'Personuppgiftsincident', personalData: 'ja', riskAssessment: 'risk', ...body });
  expect(r.status, JSON.stringify(r.body)).toBe(201);
  return r.body as { id: string; version: number; number: string };
};
const patch = async (id: string, body: Record<string, unknown>) => {
  const cur = (await dso.get(`/api/incidents/${id}`)).body;
  const r = await dso.patch(`/api/incidents/${id}`, { version: cur.version, ...body });
  expect(r.status, JSON.stringify(r.body)).toBe(200);
  return r.body;
};
const EMPTY = {
  breachTypes: [], subjectCategories: [], subjectCategoriesOther: '', subjectCount: null, subjectCountUnknown: false,
  dataCategories: [], dataCategoriesOther: '', recordCount: null, recordCountUnknown: false, likelyConsequences: '', measuresTaken: '',
  cause: null, delayReason: '', notInformingReason: null, notInformingText: '',
};
const FULL = {
  ...EMPTY, breachTypes: ['konfidentialitet'], subjectCategories: ['brukare', 'vardnadshavare'], subjectCount: 3,
  dataCategories: ['identitet', 'socialtjanst', 'halsa'], recordCount: 1, likelyConsequences: 'Uppgifter om familjens situation kan spridas.',
  measuresTaken: 'Mottagaren har raderat handlingen och bekräftat det skriftligt.', cause: 'manskligt_misstag',
};
const put = (c: Client, id: string, body: Record<string, unknown>) => c.put(`/api/incidents/${id}/breach`, body);
const auditOf = async (id: string) => (await listAudit(t.ctx, { entityId: id, limit: 100 })).items;

describe('the personal data breach record', () => {
  it('is only for a personal data breach (409 naming why), and reads empty until saved', async () => {
    const other = await dso.post('/api/incidents', { org: 'avd-a', title: 'Trasig dörr', kind: 'Arbetsmiljö', personalData: 'nej' });
    const g = await dso.get(`/api/incidents/${other.body.id}/breach`);
    expect(g.status).toBe(409);
    expect(g.body.code).toBe('not_a_personal_data_breach');
    expect(g.body.detail_sv).toContain('inte en personuppgiftsincident');
    expect((await put(dso, other.body.id, { version: 0, ...FULL })).status).toBe(409);

    // Personal data "ja" makes a breach whatever the kind.
    const b = await breach({ kind: 'Informationssäkerhet' });
    const r = await dso.get(`/api/incidents/${b.id}/breach`);
    expect(r.status).toBe(200);
    expect(r.body).toMatchObject({ exists: false, version: 0, breachTypes: [], documentedAt: null, delayReasonRequired: false });
  });

  it('saves a draft, refuses a stale version with 409 and writes nothing, and audits the write', async () => {
    const b = await breach();
    const first = await put(dso, b.id, { ...EMPTY, version: 0, breachTypes: ['tillganglighet'] });
    expect(first.status, JSON.stringify(first.body)).toBe(200);
    expect(first.body).toMatchObject({ exists: true, version: 1, breachTypes: ['tillganglighet'], documentedAt: null });
    const stale = await put(dso, b.id, { ...EMPTY, version: 0, breachTypes: ['riktighet'] });
    expect(stale.status).toBe(409);
    expect(stale.body.code).toBe('stale_version');
    expect(stale.body.currentVersion).toBe(1);
    expect((await dso.get(`/api/incidents/${b.id}/breach`)).body.breachTypes).toEqual(['tillganglighet']);
    expect((await auditOf(b.id)).filter((a) => a.action === 'incident.breach.create')).toHaveLength(1);
  });

  it('completes only with types, categories, consequences and measures (422 at each), then stays complete and audits edits', async () => {
    const b = await breach();
    const bad = await put(dso, b.id, { ...EMPTY, version: 0, markDocumented: true });
    expect(bad.status).toBe(422);
    expect(bad.body.errors.map((e: { field: string }) => e.field)).toEqual(['breachTypes', 'subjectCategories', 'dataCategories', 'likelyConsequences', 'measuresTaken']);
    expect(bad.body.errors[0].message_en).toContain('type of breach');
    expect((await dso.get(`/api/incidents/${b.id}/breach`)).body.exists).toBe(false);

    const done = await put(dso, b.id, { ...FULL, version: 0, markDocumented: true });
    expect(done.status, JSON.stringify(done.body)).toBe(200);
    expect(done.body.documentedAt).not.toBeNull();
    expect(done.body.documentedBy.name).toBe('dso@test.se');
    // Derived, not asked: health is art. 9.
    expect(done.body.specialCategories).toEqual(['halsa']);
    expect(done.body.criminalData).toBe(false);

    // Another category of data subjects only as free text still counts.
    const edited = await put(dso, b.id, { ...FULL, version: 1, subjectCategories: [], subjectCategoriesOther: 'Familjehem' });
    expect(edited.status, JSON.stringify(edited.body)).toBe(200);
    expect(edited.body.documentedAt).toBe(done.body.documentedAt);
    // Completion's requirements hold for a complete record's later edits.
    const emptied = await put(dso, b.id, { ...FULL, version: 2, measuresTaken: ' ' });
    expect(emptied.status).toBe(422);
    expect(emptied.body.field).toBe('measuresTaken');
    const actions = (await auditOf(b.id)).map((a) => a.action);
    expect(actions).toContain('incident.breach.document');
    expect(actions).toContain('incident.breach.update_documented');
  });

  it('asks the reasons for a delay when IMY was notified after 72 real hours (across the DST change)', async () => {
    // Discovered Friday 28 March 10:00; the clocks went forward on Sunday, so 72 hours end Monday at 11:00 local.
    const inTime = await breach({ discoveredAt: '2025-03-28T10:00' });
    await patch(inTime.id, { imyReportedAt: '2025-03-31T10:30' });
    const ok = await put(dso, inTime.id, { ...FULL, version: 0 });
    expect(ok.status, JSON.stringify(ok.body)).toBe(200);
    expect(ok.body.delayReasonRequired).toBe(false);

    const late = await breach({ discoveredAt: '2025-03-28T10:00' });
    await patch(late.id, { imyReportedAt: '2025-03-31T11:30' });
    const r = await put(dso, late.id, { ...FULL, version: 0 });
    expect(r.status).toBe(422);
    expect(r.body.field).toBe('delayReason');
    expect(r.body.detail_sv).toContain('72 timmar');
    const withReason = await put(dso, late.id, { ...FULL, version: 0, delayReason: 'Omfattningen var oklar under helgen.' });
    expect(withReason.status).toBe(200);
    expect(withReason.body.delayReasonRequired).toBe(true);
  });

  it('asks the art. 34.3 reason on completion when the risk is high and nobody was informed', async () => {
    const b = await breach({ riskAssessment: 'hog_risk' });
    expect((await put(dso, b.id, { ...FULL, version: 0 })).status).toBe(200); // a draft may wait
    const r = await put(dso, b.id, { ...FULL, version: 1, markDocumented: true });
    expect(r.status).toBe(422);
    expect(r.body.field).toBe('notInformingReason');
    const ok = await put(dso, b.id, { ...FULL, version: 1, markDocumented: true, notInformingReason: 'c', notInformingText: 'Offentligt meddelande på webben.' });
    expect(ok.status, JSON.stringify(ok.body)).toBe(200);
    // Once the subjects are informed, no reason is needed.
    const informed = await breach({ riskAssessment: 'hog_risk', discoveredAt: '2025-05-01T10:00' });
    await patch(informed.id, { subjectsInformedAt: '2025-05-02T10:00' });
    expect((await put(dso, informed.id, { ...FULL, version: 0, markDocumented: true })).status).toBe(200);
  });

  it('refuses a reader writing (403) and keeps a protected record\'s texts from those who may not read them, auditing the reads', async () => {
    const b = await breach({ protectedIdentity: true });
    expect((await put(reader, b.id, { ...FULL, version: 0 })).status).toBe(403);
    expect((await put(dso, b.id, { ...FULL, version: 0 })).status).toBe(200);
    // A handler without incident.protected reads the lists but not the texts, and may not overwrite them.
    const hidden = await security.get(`/api/incidents/${b.id}/breach`);
    expect(hidden.status).toBe(200);
    expect(hidden.body).toMatchObject({ protected: true, likelyConsequences: null, measuresTaken: null, breachTypes: ['konfidentialitet'] });
    expect((await put(security, b.id, { ...FULL, version: 1 })).status).toBe(403);
    const basisHidden = await security.get(`/api/incidents/${b.id}/breach/imy-basis`);
    expect(basisHidden.body).toMatchObject({ protected: true, description: null, measuresTaken: null });

    const before = (await auditOf(b.id)).filter((a) => a.action === 'incident.breach.read_protected').length;
    const shown = await dso.get(`/api/incidents/${b.id}/breach`);
    expect(shown.body.measuresTaken).toBe(FULL.measuresTaken);
    const audit = await auditOf(b.id);
    expect(audit.filter((a) => a.action === 'incident.breach.read_protected')).toHaveLength(before + 1);
    // The audit log never holds the protected texts.
    const write = audit.find((a) => a.action === 'incident.breach.create')!;
    expect((write.after as Record<string, unknown>).measuresTaken).toBe(PROTECTED_TEXT);
    expect(JSON.stringify(audit)).not.toContain(FULL.likelyConsequences);
  });

  it('gives the underlag för anmälan till IMY in the form\'s order, audited as an export', async () => {
    const b = await breach({ discoveredAt: '2025-03-28T10:00', occurredAt: '2025-03-28T08:00', description: 'En utredning skickades till fel familjehem.' });
    await patch(b.id, { imyReportedAt: '2025-03-31T12:00', imyReference: 'IMY-2025-1' });
    await dso.post(`/api/incidents/${b.id}/actions`, { title: 'Påminna om rutinen för utskick' });
    expect((await put(dso, b.id, { ...FULL, version: 0, delayReason: 'Helg.', markDocumented: true })).status).toBe(200);
    const r = await dso.get(`/api/incidents/${b.id}/breach/imy-basis`);
    expect(r.status, JSON.stringify(r.body)).toBe(200);
    expect(Object.keys(r.body).slice(0, 4)).toEqual(['incident', 'organisation', 'contact', 'occurredAt']);
    expect(r.body).toMatchObject({
      organisation: { name: 'ENH-A', register: 'FORV', controller: null, orgNumber: null },
      contact: { name: 'dso@test.se', email: 'dso@test.se' },
      discoveredAt: '2025-03-28T09:00:00.000Z',
      imyReference: 'IMY-2025-1',
      description: 'En utredning skickades till fel familjehem.',
      breachTypes: [{ key: 'konfidentialitet', sv: 'Konfidentialitetsincident', en: 'Confidentiality breach' }],
      subjectCount: 3, recordCount: 1,
      lateNotification: true, delayReason: 'Helg.',
      actions: [{ title: 'Påminna om rutinen för utskick', status: 'planerad', dueDate: null }],
      subjectsInformedAt: null,
    });
    expect(r.body.dataCategories.find((d: { key: string }) => d.key === 'halsa').special).toBe(true);
    expect((await auditOf(b.id)).some((a) => a.action === 'incident.breach.imy_basis')).toBe(true);
  });

  it('names the personuppgiftsansvarig: the nearest nämnd recorded on the incident\'s path and the nearest organisationsnummer', async () => {
    const admin = await userWithRole(t, 'admin-pua@test.se', 'systemadministrator');
    const set = async (slug: string, body: Record<string, unknown>) => {
      const cur = (await admin.get(`/api/orgs/${slug}`)).body;
      const r = await admin.patch(`/api/orgs/${slug}`, { version: cur.version, ...body });
      expect(r.status, JSON.stringify(r.body)).toBe(200);
    };
    const b = await breach();
    const organisation = async () => (await dso.get(`/api/incidents/${b.id}/breach/imy-basis`)).body.organisation;
    // The city is one legal person: the number on the stad, the nämnd on the förvaltning.
    await set('stad', { controllerOrgNumber: '212000-0142' });
    expect(await organisation()).toEqual({ name: 'ENH-A', register: 'FORV', controller: null, orgNumber: '212000-0142' });
    await set('forv', { controllerName: 'Förvaltningens nämnd' });
    expect(await organisation()).toEqual({ name: 'ENH-A', register: 'FORV', controller: 'Förvaltningens nämnd', orgNumber: '212000-0142' });
    // A nearer one wins, each field on its own.
    await set('avd-a', { controllerName: 'Avdelningens nämnd' });
    expect(await organisation()).toMatchObject({ controller: 'Avdelningens nämnd', orgNumber: '212000-0142' });
    await set('avd-a', { controllerName: null });
    await set('forv', { controllerName: null });
    await set('stad', { controllerOrgNumber: null });
    expect(await organisation()).toMatchObject({ controller: null, orgNumber: null });
  });
});

describe('the DSO\'s overview and the report', () => {
  it('counts this year\'s and last year\'s undocumented breaches on the start page, as the list filtered the same way', async () => {
    const item = async (c: Client) => ((await c.get('/api/attention')).body.items as { key: string; count: number; link: string; title_sv: string }[])
      .find((i) => i.key === 'incidents.breach.undocumented');
    const year = Number(new Intl.DateTimeFormat('sv-SE', { timeZone: 'Europe/Stockholm', year: 'numeric' }).format(new Date()));
    const list = async () => (await dso.get(`/api/incidents?breachDocumented=false&sinceYear=${year - 1}&limit=200`)).body.items.length;
    const before = (await item(dso))?.count ?? 0;
    expect(before).toBe(await list());
    const fresh = await breach();
    await breach({ reportedAt: `${year - 2}-06-01T10:00` }); // older than last year: not counted
    const after = await item(dso);
    expect(after!.count).toBe(before + 1);
    expect(after!.link).toBe(`/incidenter?dokumentation=saknas&fran=${year - 1}&alla=1`);
    expect(after!.title_sv).toContain('saknar dokumentation (art. 33.5)');
    expect(await list()).toBe(before + 1);
    expect((await put(dso, fresh.id, { ...FULL, version: 0, markDocumented: true })).status).toBe(200);
    expect((await item(dso))?.count ?? 0).toBe(before);
    // Readers do not handle breaches: no item.
    expect(await item(reader)).toBeUndefined();
  });

  it('adds breachDocumentation to the report\'s incidents, keeping every existing key, with one sentence in the section', async () => {
    const mk = (body: Record<string, unknown>) => dso.post('/api/incidents', { org: 'annan-forv', title: 'X', kind: 'Personuppgiftsincident', personalData: 'ja', riskAssessment: 'risk', ...body });
    const a = (await mk({ reportedAt: '2025-04-02T10:00', discoveredAt: '2025-04-01T08:00' })).body;
    await mk({ reportedAt: '2025-05-02T10:00' });
    await mk({ reportedAt: '2024-05-02T10:00' }); // the year before: not counted
    await dso.post('/api/incidents', { org: 'annan-forv', title: 'Ej personuppgifter', personalData: 'nej', reportedAt: '2025-05-03T10:00' });
    await patch(a.id, { imyReportedAt: '2025-04-05T09:00' }); // 97 hours
    expect((await put(dso, a.id, { ...FULL, version: 0, delayReason: 'Oklart läge.', markDocumented: true })).status).toBe(200);
    const org = (await dso.get('/api/orgs/annan-forv')).body;
    const [provider] = sectionProviders;
    // As of today: the record was marked documented today (the figures judge the documentation as of the report's day).
    const section = await provider.figures({ ctx: t.ctx, org, year: 2025, asOf: new Date() });
    expect(Object.keys(section)).toEqual(expect.arrayContaining(['total', 'personalData', 'reportedToIMY', 'byStatus', 'asOf']));
    expect(section.breachDocumentation).toEqual({ breaches: 2, documented: 1, lateNotifications: 1, withSpecialCategories: 1 });
    expect(section.personalData).toBe(2);
    // As of a day before the notification and the documentation: neither counts yet, nor the later breach.
    const early = await provider.figures({ ctx: t.ctx, org, year: 2025, asOf: new Date(endOfDay('2025-04-03').getTime() - 1) });
    expect(early.breachDocumentation).toEqual({ breaches: 1, documented: 0, lateNotifications: 0, withSpecialCategories: 1 });
    expect(breachDocumentationText(section.breachDocumentation, 2025)).toBe(
      'Av 2025 års 2 personuppgiftsincidenter är 1 dokumenterad enligt artikel 33.5 i dataskyddsförordningen; en anmäldes till IMY senare än 72 timmar efter upptäckten och en rörde särskilda kategorier av personuppgifter (artikel 9).');
    // One breach is one in the singular; none documented is in the plural.
    expect(breachDocumentationText(early.breachDocumentation, 2025)).toMatch(/^Av 2025 års 1 personuppgiftsincident är 0 dokumenterade enligt/);
  });
});

describe('the breach record\'s words', () => {
  it('are the same in the web app as in the IMY basis, in both languages', () => {
    for (const lang of ['sv', 'en'] as const) {
      const words = JSON.parse(readFileSync(join(import.meta.dirname, '..', '..', 'web', 'i18n', lang, 'incidents.json'), 'utf8')).breach;
      const of = (w: Record<string, { sv: string; en: string }>) => Object.fromEntries(Object.entries(w).map(([k, v]) => [k, v[lang]]));
      expect(words.type, lang).toEqual(of(BREACH_TYPE_WORDS));
      expect(words.subject, lang).toEqual(of(SUBJECT_CATEGORY_WORDS));
      expect(words.dataCategory, lang).toEqual(of(DATA_CATEGORY_WORDS));
      expect(words.causes, lang).toEqual(of(BREACH_CAUSE_WORDS));
    }
  });
});
