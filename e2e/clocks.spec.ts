import { expect, test, type Page } from '@playwright/test';
import { adminApi, expectNoAxeViolations, login, seedOrgsAndPeople, unique, watchErrors } from './helpers';

// The incident page's legal clocks say what the law says: art. 34's 72 h is an internal target, an art. 34.3
// exemption meets it, NIS2 applies from 2026-01-15, and a clock counted from the report time says so.
test.describe.configure({ mode: 'serial' });

const u = unique();
const orgs = {
  stad: { slug: `klo-stad-${u}`, name: `Klockstad ${u}`, type: 'stad' },
  forv: { slug: `klo-forv-${u}`, name: `Klockförvaltningen ${u}`, type: 'forvaltning', parent: `klo-stad-${u}` },
};
const isam = { name: `Isam Klocka ${u}`, email: `isam-klo-${u}@e2e.test`, password: `Blå-klocka-tickar-${u}-tyst` };

test.beforeAll(async () => {
  await seedOrgsAndPeople(Object.values(orgs), [[isam, 'isam', orgs.forv.slug]]);
});

async function incident(data: Record<string, unknown>, breach?: Record<string, unknown>): Promise<string> {
  const { api, headers } = await adminApi();
  const res = await api.post('/api/incidents', { headers, data: { org: orgs.forv.slug, ...data } });
  expect(res.status(), await res.text()).toBe(201);
  const { id } = (await res.json()) as { id: string };
  if (breach) {
    const b = await api.put(`/api/incidents/${id}/breach`, { headers, data: breach });
    expect(b.status(), await b.text()).toBe(200);
  }
  await api.dispose();
  return id;
}

const row = (page: Page, text: string) => page.getByRole('table', { name: 'GDPR art. 33/34 och NIS2 (24 h, 72 h, en månad)' }).getByRole('row').filter({ hasText: text });

test('art. 34 is an internal target, passed rather than overdue; a clock without a discovery time says it counts from the report', async ({ page }) => {
  const watch = watchErrors(page);
  const id = await incident({ title: `Hög risk ${u}`, kind: 'Personuppgiftsincident', personalData: 'ja', riskAssessment: 'hog_risk', reportedAt: '2026-03-02T10:00' });
  await login(page, isam.email, isam.password);
  await page.goto(`/incidenter/${id}`);
  const art34 = row(page, 'Information till de registrerade utan onödigt dröjsmål (art. 34, internt mål 72 h)');
  await expect(art34).toContainText('Internt mål passerat');
  await expect(art34).not.toContainText('Försenad');
  await expect(art34).toContainText('Räknat från rapporttiden – upptäcktstid saknas');
  await expect(row(page, 'Anmälan till IMY (art. 33, 72 h)')).toContainText('Försenad');
  await expect(page.getByText('72 h är Tillits interna mål, inte en lagstadgad tidsfrist')).toBeVisible();
  await expectNoAxeViolations(page, 'clocks with an internal target');
  expect(watch.errors).toEqual([]);
});

test('an art. 34.3 exemption meets art. 34, with the reason shown', async ({ page }) => {
  const id = await incident(
    { title: `Krypterat ${u}`, kind: 'Personuppgiftsincident', personalData: 'ja', riskAssessment: 'hog_risk', discoveredAt: '2026-03-02T10:00' },
    {
      version: 0, breachTypes: ['konfidentialitet'], subjectCategories: [], subjectCategoriesOther: '', subjectCount: null, subjectCountUnknown: true,
      dataCategories: [], dataCategoriesOther: '', recordCount: null, recordCountUnknown: true, likelyConsequences: '', measuresTaken: '', cause: null,
      delayReason: '', notInformingReason: 'a', notInformingText: '',
    },
  );
  await login(page, isam.email, isam.password);
  await page.goto(`/incidenter/${id}`);
  const art34 = row(page, 'art. 34, internt mål 72 h');
  await expect(art34).toContainText('Uppfylld');
  await expect(art34).toContainText('Undantag enligt art. 34.3: a) Uppgifterna var skyddade, t.ex. krypterade');
  await expect(art34).not.toContainText('Räknat från rapporttiden');
});

test('a clock met after its deadline says "Uppfylld för sent" and by how much, never the plain green "Uppfylld"', async ({ page }) => {
  // Discovered 2026-03-28 10:00: art. 33's deadline 2026-03-31 11:00 (72 h across the change to summer time), IMY
  // notified 2026-04-02 10:00; the CSIRT's 24 h deadline 2026-03-29 11:00, the early warning sent at 12:00.
  const id = await incident({ title: `Sen anmälan ${u}`, kind: 'Personuppgiftsincident', personalData: 'ja', riskAssessment: 'risk', nis2Significant: true, discoveredAt: '2026-03-28T10:00' });
  const { api, headers } = await adminApi();
  const r = await api.patch(`/api/incidents/${id}`, { headers, data: { version: 1, imyReportedAt: '2026-04-02T10:00', csirtEarlyWarningAt: '2026-03-29T12:00', csirtNotificationAt: '2026-03-30T10:00' } });
  expect(r.status(), await r.text()).toBe(200);
  await api.dispose();
  await login(page, isam.email, isam.password);
  await page.goto(`/incidenter/${id}`);
  const imy = row(page, 'Anmälan till IMY (art. 33, 72 h)');
  await expect(imy).toContainText('Uppfylld för sent');
  await expect(imy).toContainText('1\u00a0d 23\u00a0h efter tidsfristen');
  await expect(row(page, 'Tidig varning till CSIRT (24 h)')).toContainText('Uppfylld för sent');
  await expect(row(page, 'Incidentanmälan till CSIRT (72 h)')).toContainText('Uppfylld');
  await expect(row(page, 'Incidentanmälan till CSIRT (72 h)')).not.toContainText('för sent');
  await expectNoAxeViolations(page, 'clocks met late');
});

test('a significant incident from before cybersäkerhetslagen has no CSIRT clocks, and the page says why', async ({ page }) => {
  const id = await incident({ title: `NIS2 2025 ${u}`, kind: 'IT-säkerhet', personalData: 'nej', nis2Significant: true, discoveredAt: '2025-11-03T10:00' });
  await login(page, isam.email, isam.password);
  await page.goto(`/incidenter/${id}`);
  await expect(page.getByText('Cybersäkerhetslagen gäller från 15 januari 2026.')).toBeVisible();
  await expect(page.getByText('Inga lagstadgade tidsfrister gäller för den här incidenten.')).toBeVisible();
});
