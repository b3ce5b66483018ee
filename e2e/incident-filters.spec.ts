import { expect, test } from '@playwright/test';
import { adminApi, chooseOrg, expectNoAxeViolations, login, openModule, seedOrgsAndPeople, unique } from './helpers';

// The statistics count every category the incidents carry, an IA import's "Övrigt" too: the list's Kategori
// filter offers each of them, so the rows behind a figure can be listed.
const u = unique();
const orgs = {
  stad: { slug: `fil-stad-${u}`, name: `Filterstad ${u}`, type: 'stad' },
  forv: { slug: `fil-forv-${u}`, name: `Filterförvaltning ${u}`, type: 'forvaltning', parent: `fil-stad-${u}` },
};
const isam = { name: `Isam Filter ${u}`, email: `fil-isam-${u}@e2e.test`, password: `Grå-sparv-sjunger-${u}-glatt` };

test('the category filter offers a category only the incidents carry, and lists its rows', async ({ page }) => {
  await seedOrgsAndPeople(Object.values(orgs), [[isam, 'isam', orgs.forv.slug]]);
  const { api, headers } = await adminApi();
  for (const [title, category] of [[`Utpressningsprogram ${u}`, 'Övrigt'], [`Mejl till fel mottagare ${u}`, 'Fel mottagare']]) {
    const r = await api.post('/api/incidents', { headers, data: { org: orgs.forv.slug, title, category } });
    expect(r.status(), await r.text()).toBe(201);
  }
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
});
