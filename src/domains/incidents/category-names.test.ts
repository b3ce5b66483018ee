import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { Client, INCIDENT_ORGS, makeOrgs, startTestServer, userWithRole, type TestServer } from '../../test/harness';
import { DEFAULT_CATEGORIES } from './categories';
import { csv, runImport } from './import/testkit';

// The statistics count every category an incident carries (an IA import's free text such as "Övrigt"); the list's
// category filter offered only the organisation's category list, so those rows could not be listed.
let t: TestServer;
let isam: Client;
let staff: Client;

beforeAll(async () => {
  t = await startTestServer();
  await makeOrgs(t.ctx, INCIDENT_ORGS);
  isam = await userWithRole(t, 'isam-names@test.se', 'isam', 'forv');
  staff = await userWithRole(t, 'staff-names@test.se', 'medarbetare', 'enh-a');
});
afterAll(() => t.close());

describe('GET /api/incidents/category-names', () => {
  it('lists the organisation\'s categories, then the others its incidents carry, each one the list can filter by', async () => {
    // A category not in the list comes only with an IA import (registration refuses it: category-rule.test.ts).
    for (const [org, id, category] of [['forv', 'IA-1', 'Övrigt'], ['annan-forv', 'IA-2', 'Annans kategori']] as const) {
      const r = await runImport(t, csv([['Ärende-ID', 'Rubrik', 'Rapporterad', 'Status', 'Kategori'], [id, `Importerad ${category}`, '2025-04-01 10:00', 'Klar', category]]), { org });
      expect(r.failed, JSON.stringify(r)).toBeFalsy();
    }
    const listed = await isam.post('/api/incidents', { org: 'avd-a', title: 'Importerad Fel mottagare', category: 'Fel mottagare', reportedAt: '2025-04-01T10:00' });
    expect(listed.status, JSON.stringify(listed.body)).toBe(201);
    const r = await isam.get('/api/incidents/category-names?org=forv');
    expect(r.status, JSON.stringify(r.body)).toBe(200);
    expect(r.body.names).toEqual([...DEFAULT_CATEGORIES.map((c) => c.name), 'Övrigt']);

    // Each name agrees with the statistics and the list.
    const stats = (await isam.get('/api/incidents/stats?org=forv&year=2025')).body;
    expect(stats.byCategory['Övrigt']).toBe(1);
    const list = (await isam.get(`/api/incidents?org=forv&category=${encodeURIComponent('Övrigt')}`)).body;
    expect(list.items.map((i: { title: string }) => i.title)).toEqual(['Importerad Övrigt']);
  });

  it('answers 404 for an organisation out of scope and 403 without incident.read', async () => {
    expect((await isam.get('/api/incidents/category-names?org=annan-forv')).status).toBe(404);
    expect((await staff.get('/api/incidents/category-names?org=enh-a')).status).toBe(403);
    const bad = await isam.get('/api/incidents/category-names');
    expect(bad.status).toBe(400);
    expect(bad.body.field).toBe('org');
  });
});
