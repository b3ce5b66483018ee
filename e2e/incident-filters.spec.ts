import { expect, test } from '@playwright/test';
import { adminApi, chooseOrg, expectNoAxeViolations, login, openModule, seedOrgsAndPeople, unique } from './helpers';


// The list shows the rows behind a figure: every category the statistics count (an IA import's "Övrigt" too), and
// the start page's "new reports waiting" over every organisation it counts, not the one selected in the header.
const u = unique();
const orgs = {
  stad: { slug: `fil-stad-${u}`, name: `Filterstad ${u}`, type: 'stad' },
  forv: { slug: `fil-forv-${u}`, name: `Filterförvaltning ${u}`, type: 'forvaltning', parent: `fil-stad-${u}` },
  forv2: { slug: `fil-forv2-${u}`, name: `Andra förvaltningen ${u}`, type: 'forvaltning', parent: `fil-stad-${u}` },
};
const isam = { name: `Isam Filter ${u}`, email: `fil-isam-${u}@e2e.test`, password: `Grå-sparv-sjunger-${u}-glatt` };

test.describe.configure({ mode: 'serial' });
let isamId = '';

test.beforeAll(async () => {
  await seedOrgsAndPeople(Object.values(orgs), []);
  // Roles in two förvaltningar, as a DSO serving several: the header selects one of them.
  const { api, headers } = await adminApi();
  const r = await api.post('/api/users', { headers, data: { name: isam.name, email: isam.email, password: isam.password } });
  expect(r.status(), await r.text()).toBe(201);
  isamId = ((await r.json()) as { user: { id: string } }).user.id;
  for (const org of [orgs.forv.slug, orgs.forv2.slug]) {
    const g = await api.post(`/api/users/${isamId}/roles`, { headers, data: { role: 'isam', org } });
    expect(g.status(), await g.text()).toBe(201);
  }
  await api.dispose();
});

test('the category filter offers a category only the incidents carry, and lists its rows', async ({ page }) => {
  const { api, headers } = await adminApi();
  // A category outside the list comes with an IA import only (registration refuses it).
  const csv = `Ärende-ID;Rubrik;Rapporterad;Status;Kategori\nIA-${u};Utpressningsprogram ${u};2025-03-01 10:00;Rapporterad;Övrigt\n`;
  const imported = await api.post(`/api/incidents/import?org=${orgs.forv.slug}`, { headers: { ...headers, 'content-type': 'text/csv' }, data: Buffer.from(csv, 'utf8') });
  expect(imported.status(), await imported.text()).toBe(200);
  const r = await api.post('/api/incidents', { headers, data: { org: orgs.forv.slug, title: `Mejl till fel mottagare ${u}`, category: 'Fel mottagare' } });
  expect(r.status(), await r.text()).toBe(201);
  await api.dispose();

  await login(page, isam.email, isam.password);
  await chooseOrg(page, orgs.forv.slug);
  await openModule(page, 'Incidenter');
  const category = page.getByRole('combobox', { name: 'Kategori' });
  await expect(category.getByRole('option', { name: 'Övrigt' })).toHaveCount(1);
  await category.selectOption('Övrigt');
  await page.getByRole('button', { name: 'Filtrera', exact: true }).click();
  const table = page.getByRole('table', { name: 'Incidenter' });
  await expect(table.getByRole('row')).toHaveCount(2);
  await expect(table.getByRole('row').nth(1)).toContainText(`Utpressningsprogram ${u}`);
  await expectNoAxeViolations(page, 'incident list filtered by an imported category');
  // The filter is in the address: opening an incident and going back shows the same list, with the form as it was.
  await expect(page).toHaveURL(/category=%C3%96vrigt|category=Övrigt/);
  await table.getByRole('link').first().click();
  await expect(page.getByRole('heading', { level: 1, name: new RegExp(`Utpressningsprogram ${u}`) })).toBeVisible();
  await page.goBack();
  await expect(page.getByRole('combobox', { name: 'Kategori' })).toHaveValue('Övrigt');
  await expect(table.getByRole('row')).toHaveCount(2);
  await expect(table.getByRole('row').nth(1)).toContainText(`Utpressningsprogram ${u}`);
});

test('"new reports waiting" on the start page opens the list as it counts: every organisation, only those without a handler', async ({ page }) => {
  const { api, headers } = await adminApi();
  const quick = async (org: string, title: string) => {
    const r = await api.post('/api/incidents/quick', { headers, data: { org, title, personalData: 'nej' } });
    expect(r.status(), await r.text()).toBe(201);
    return ((await r.json()) as { id: string }).id;
  };
  await quick(orgs.forv.slug, `Väntar i första ${u}`);
  await quick(orgs.forv2.slug, `Väntar i andra ${u}`);
  const taken = await quick(orgs.forv2.slug, `Redan tagen ${u}`);
  const h = await api.patch(`/api/incidents/${taken}`, { headers, data: { version: 1, handlerId: isamId } });
  expect(h.status(), await h.text()).toBe(200);
  await api.dispose();

  await login(page, isam.email, isam.password);
  await chooseOrg(page, orgs.forv.slug);
  // Two from the test before (in the first förvaltning) and the two here without a handler.
  await page.getByRole('link', { name: '4 nya incidentrapporter väntar på registrering' }).click();
  await expect(page.getByRole('heading', { level: 1, name: 'Incidenter' })).toBeVisible();
  // The address as the link wrote it, values not JSON-quoted (?alla=%221%22 before).
  await expect(page).toHaveURL(/\/incidenter\?status=Rapporterad&handlaggare=ingen&alla=1$/);
  await expect(page.getByText('Visar alla organisationer du har behörighet till. Bara rapporter som ingen handläggare har tagit.')).toBeVisible();
  const table = page.getByRole('table', { name: 'Incidenter' });
  await expect(table.getByRole('row')).toHaveCount(5);
  await expect(table).toContainText(`Väntar i första ${u}`);
  await expect(table).toContainText(`Väntar i andra ${u}`);
  await expect(table).not.toContainText(`Redan tagen ${u}`);
  await expectNoAxeViolations(page, 'incident list from the start page');
});

test('the form shows the filter the list uses when the address changes', async ({ page }) => {
  const { api, headers } = await adminApi();
  const csv = `Ärende-ID;Rubrik;Rapporterad;Status\nIA-gammal-${u};Gammal händelse ${u};2024-05-02 10:00;Rapporterad\n`;
  const imported = await api.post(`/api/incidents/import?org=${orgs.forv.slug}`, { headers: { ...headers, 'content-type': 'text/csv' }, data: Buffer.from(csv, 'utf8') });
  expect(imported.status(), await imported.text()).toBe(200);
  await api.dispose();

  await login(page, isam.email, isam.password);
  await chooseOrg(page, orgs.forv.slug);
  await page.goto('/incidenter?status=Rapporterad&year=2024');
  const table = page.getByRole('table', { name: 'Incidenter' });
  const form = page.getByRole('form', { name: 'Filter för incidenter' });
  await expect(table.getByRole('row')).toHaveCount(2);
  await expect(table).toContainText(`Gammal händelse ${u}`);
  await expect(form.getByRole('combobox', { name: 'Status' })).toHaveValue('Rapporterad');
  await expect(form.getByRole('combobox', { name: 'År' })).toHaveValue('2024');
  // Typed but not applied: kept while the address stays as it is.
  await form.getByLabel('Sök').fill('skrivet men inte filtrerat');
  await table.getByRole('link').first().focus();
  await expect(form.getByLabel('Sök')).toHaveValue('skrivet men inte filtrerat');

  // The menu's Incidenter opens the list without a filter: the form follows the address (it kept Rapporterad, 2024
  // and the typed text before while the list, the export and "select all" used no filter).
  await page.getByRole('navigation', { name: 'Moduler' }).getByRole('link', { name: 'Incidenter' }).click();
  await expect(page).toHaveURL(/\/incidenter$/);
  await expect(table).toContainText(`Mejl till fel mottagare ${u}`);
  await expect(form.getByRole('combobox', { name: 'Status' })).toHaveValue('');
  await expect(form.getByRole('combobox', { name: 'År' })).toHaveValue('');
  await expect(form.getByLabel('Sök')).toHaveValue('');
  // Back to the filtered address: the form shows that filter again.
  await page.goBack();
  await expect(page).toHaveURL(/status=Rapporterad&year=2024/);
  await expect(form.getByRole('combobox', { name: 'År' })).toHaveValue('2024');
  await expect(table.getByRole('row')).toHaveCount(2);
  // The years offered are those with incidents (the imported 2024 among them), and a year from the address is never blank.
  await expect(form.getByRole('combobox', { name: 'År' }).getByRole('option', { name: '2024', exact: true })).toHaveCount(1);
  await page.goto('/incidenter?year=2012');
  await expect(form.getByRole('combobox', { name: 'År' })).toHaveValue('2012');
});

test('a new filter clears the selection: triage never changes rows out of sight', async ({ page }) => {
  await login(page, isam.email, isam.password);
  await chooseOrg(page, orgs.forv.slug);
  await page.goto('/incidenter?status=Rapporterad&year=2024');
  const table = page.getByRole('table', { name: 'Incidenter' });
  const form = page.getByRole('form', { name: 'Filter för incidenter' });
  const triage = page.getByRole('region', { name: /Ändra markerade/ });
  await expect(table.getByRole('row')).toHaveCount(2);
  await table.getByRole('checkbox').first().check();
  await expect(triage.getByRole('heading')).toHaveText('Ändra markerade (1 st)');
  // Another filter from the address (the menu's Incidenter)…
  await page.getByRole('navigation', { name: 'Moduler' }).getByRole('link', { name: 'Incidenter' }).click();
  await expect(table).toContainText(`Mejl till fel mottagare ${u}`);
  await expect(triage.getByRole('heading')).toHaveText('Ändra markerade (0 st)');
  await expect(triage).toContainText('Markera incidenter i listan med kryssrutorna');
  // …or from the form.
  await table.getByRole('checkbox').first().check();
  await expect(triage.getByRole('heading')).toHaveText('Ändra markerade (1 st)');
  await form.getByRole('combobox', { name: 'År' }).selectOption('2024');
  await form.getByRole('button', { name: 'Filtrera', exact: true }).click();
  await expect(page).toHaveURL(/year=2024/);
  await expect(table.getByRole('row')).toHaveCount(2);
  await expect(triage.getByRole('heading')).toHaveText('Ändra markerade (0 st)');
});

test('a filter the list cannot take is said in words at the list, never as "no incidents match"', async ({ page }) => {
  await login(page, isam.email, isam.password);
  await chooseOrg(page, orgs.forv.slug);
  await openModule(page, 'Incidenter');
  const form = page.getByRole('form', { name: 'Filter för incidenter' });
  // The search field takes what the API takes (200 characters).
  await expect(form.getByLabel('Sök')).toHaveAttribute('maxlength', '200');

  // Longer from an address (a link, a bookmark): the list says which filter and why, in words.
  await page.goto(`/incidenter?q=${'a'.repeat(201)}`);
  const refused = page.getByRole('alert').filter({ hasText: 'Listan kunde inte visas med det här filtret' });
  await expect(refused).toContainText('Sök: För lång text: högst 200 tecken.');
  await expect(refused).toContainText('Ändra filtret och försök igen.');
  await expect(refused).not.toContainText('Ogiltiga uppgifter (query)');
  await expect(page.getByText('Inga incidenter matchar filtret.')).toHaveCount(0);
  await expect(page.getByRole('button', { name: /^Markera alla/ })).toHaveCount(0);
  await expectNoAxeViolations(page, 'incident list with a refused filter');

  // The same for a kind, a year and a personal data choice the API does not know.
  await page.goto('/incidenter?kind=P%C3%A5hittad&year=1999&personalData=kanske');
  await expect(refused.getByRole('listitem')).toHaveText([
    /^Typ: Otillåtet värde\. Tillåtna: Informationssäkerhet, IT-säkerhet/,
    /^År: Ogiltigt värde: år 1999 ligger utanför de tillåtna åren 2000–/,
    /^Personuppgifter: Otillåtet värde\./,
  ]);
  await expect(page.getByText('Inga incidenter matchar filtret.')).toHaveCount(0);
  // Cleared, the list is back.
  await form.getByRole('button', { name: 'Rensa' }).click();
  await expect(refused).toHaveCount(0);
  await expect(page.getByRole('table', { name: 'Incidenter' })).toContainText(`Mejl till fel mottagare ${u}`);
});
