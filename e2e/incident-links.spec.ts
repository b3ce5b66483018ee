import { expect, test } from '@playwright/test';
import { adminApi, expectNoAxeViolations, login, unique, watchErrors } from './helpers';

// Issue 4, items 1 and 2 through the browser: an ISAM links an incident to another incident on the detail page's
// "Kopplingar" panel (and removes the link), and gives the förvaltning its own category list and renames a category,
// whose incidents follow the new name. axe on each page and dialog.
test.describe.configure({ mode: 'serial' });

const u = unique();
const orgs = {
  stad: { slug: `kop-stad-${u}`, name: `Kopplingsstad ${u}`, type: 'stad' },
  forv: { slug: `kop-forv-${u}`, name: `Kopplingsförvaltningen ${u}`, type: 'forvaltning', parent: `kop-stad-${u}` },
  enhet: { slug: `kop-enhet-${u}`, name: `Ekonomienheten ${u}`, type: 'enhet', parent: `kop-forv-${u}` },
};
const isam = { name: `Isam Kopplare ${u}`, email: `isam-kop-${u}@e2e.test`, password: `Blå-häger-fiskar-${u}-lugnt` };
let first: { id: string; number: string; title: string };
let second: { id: string; number: string; title: string };

test.beforeAll(async () => {
  const { api, headers } = await adminApi();
  for (const o of Object.values(orgs)) {
    const r = await api.post('/api/orgs', { headers, data: o });
    expect(r.status(), await r.text()).toBe(201);
  }
  const r = await api.post('/api/users', { headers, data: { name: isam.name, email: isam.email, password: isam.password } });
  expect(r.status(), await r.text()).toBe(201);
  const { user: { id } } = (await r.json()) as { user: { id: string } };
  const g = await api.post(`/api/users/${id}/roles`, { headers, data: { role: 'isam', org: orgs.forv.slug } });
  expect(g.status(), await g.text()).toBe(201);
  const incident = async (title: string) => {
    const c = await api.post('/api/incidents', { headers, data: { org: orgs.enhet.slug, title, category: 'Nätfiske' } });
    expect(c.status(), await c.text()).toBe(201);
    const body = (await c.json()) as { id: string; number: string };
    return { ...body, title };
  };
  first = await incident(`Nätfiske mot ekonomi ${u}`);
  second = await incident(`Samma nätfiskevåg ${u}`);
  await api.dispose();
});

test('links an incident to another incident on the Kopplingar panel, follows the link and removes it', async ({ page }) => {
  const watch = watchErrors(page);
  await login(page, isam.email, isam.password);
  await page.goto(`/incidenter/${first.id}`);
  await expect(page.getByRole('heading', { level: 1, name: first.title })).toBeVisible();
  const panel = page.getByRole('region', { name: 'Kopplingar' });
  await expect(panel).toContainText('Inga kopplingar ännu.');

  await panel.getByLabel('Typ av post').selectOption('incident');
  await panel.getByLabel('Sök post').fill(`nätfiskevåg ${u}`);
  const pick = panel.getByRole('button', { name: `Koppla till ${second.number} ${second.title}` });
  await expect(pick).toBeVisible();
  await expect(panel.getByText('1 träff')).toBeVisible();
  await expectNoAxeViolations(page, 'links panel with search results');
  await panel.getByLabel('Anteckning (valfri)').fill('Samma avsändare');
  await pick.click();

  const row = panel.getByRole('row').filter({ hasText: second.title });
  await expect(row).toContainText('Incident');
  await expect(row).toContainText('Samma avsändare');
  const link = row.getByRole('link', { name: `${second.number} ${second.title}` });
  await expect(link).toHaveAttribute('href', `/incidenter/${second.id}`);
  await expect(panel.getByRole('button', { name: `Koppla till ${second.number} ${second.title}` })).toBeDisabled();
  await expectNoAxeViolations(page, 'incident detail with a link');

  await link.click();
  await expect(page.getByRole('heading', { level: 1, name: second.title })).toBeVisible();
  await page.goBack();
  await expect(page.getByRole('heading', { level: 1, name: first.title })).toBeVisible();

  await panel.getByRole('button', { name: `Ta bort kopplingen till ${second.number} ${second.title}` }).click();
  await expect(panel).toContainText('Inga kopplingar ännu.');
  expect(watch.errors).toEqual([]);
  expect(watch.csp).toEqual([]);
});

test('gives the förvaltning its own category list and renames a category; its incidents follow', async ({ page }) => {
  const watch = watchErrors(page);
  await login(page, isam.email, isam.password);
  await page.getByLabel('Vald organisation').selectOption(orgs.forv.slug);
  await page.goto('/incidenter');
  await page.getByRole('navigation', { name: 'Incidenter – undersidor' }).getByRole('link', { name: 'Kategorier' }).click();
  await expect(page.getByRole('heading', { level: 1, name: 'Kategorier' })).toBeVisible();
  await expect(page.getByText('De inbyggda standardkategorierna gäller')).toBeVisible();
  const table = page.getByRole('table', { name: `Kategorier för ${orgs.forv.name}` });
  await expect(table.getByRole('row').filter({ hasText: 'Nätfiske' })).toBeVisible();
  // An inherited list is read-only here until the förvaltning has its own.
  await expect(table.getByRole('button', { name: 'Ändra kategorin Nätfiske' })).toHaveCount(0);
  await expectNoAxeViolations(page, 'categories (defaults)');

  await page.getByRole('button', { name: `Skapa egen lista för ${orgs.forv.name}` }).click();
  await expect(page.getByText(`Egen lista för ${orgs.forv.name}`, { exact: true })).toBeVisible();
  await table.getByRole('button', { name: 'Ändra kategorin Nätfiske' }).click();
  const dialog = page.getByRole('dialog', { name: 'Ändra kategorin Nätfiske' });
  await expect(dialog).toBeVisible();
  await expectNoAxeViolations(page, 'category dialog');
  await dialog.getByLabel('Namn').fill(`Nätfiske och bedrägeri ${u}`);
  await dialog.getByLabel('Första åtgärder').fill('Rapportera till it-supporten\nByt lösenord');
  await dialog.getByRole('button', { name: 'Spara' }).click();
  await expect(dialog).toHaveCount(0);
  await expect(page.getByRole('status')).toHaveText(`Kategorin Nätfiske och bedrägeri ${u} är sparad. 2 incidenter fick det nya namnet.`);
  const renamed = table.getByRole('row').filter({ hasText: `Nätfiske och bedrägeri ${u}` });
  await expect(renamed).toContainText('Rapportera till it-supporten; Byt lösenord');

  await renamed.getByRole('button', { name: `Inaktivera kategorin Nätfiske och bedrägeri ${u}` }).click();
  await expect(renamed).toContainText('Inaktiv');
  await expectNoAxeViolations(page, 'categories (own list)');

  await page.goto(`/incidenter/${first.id}`);
  await expect(page.getByRole('heading', { level: 1, name: first.title })).toBeVisible();
  await expect(page.getByRole('region', { name: 'Uppgifter' })).toContainText(`Nätfiske och bedrägeri ${u}`);
  expect(watch.errors).toEqual([]);
  expect(watch.csp).toEqual([]);
});
