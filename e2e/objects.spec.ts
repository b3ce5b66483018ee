import { expect, test } from '@playwright/test';
import { chooseOrg, expectNoAxeViolations, importSkippingBadRow, login, openModule, seedOrgsAndPeople, unique, watchErrors } from './helpers';

// The objektlista through the browser: an ISAM registers a digital object, classifies it (the server's 422 for klar
// without a date is shown at the date field; level 4 warns of säkerhetsskydd), finds it in the list with its next
// reclassification marked Försenad, and axe finds nothing. The classification date is far in the past, so the test
// does not depend on today's date.
test.describe.configure({ mode: 'serial' });

const u = unique();
const stad = { slug: `obj-stad-${u}`, name: `Objektstad ${u}`, type: 'stad' };
const forv = { slug: `obj-forv-${u}`, name: `Objektförvaltningen ${u}`, type: 'forvaltning', parent: stad.slug };
const isam = { name: `Isam Objekt ${u}`, email: `isam-obj-${u}@e2e.test`, password: `Blå-val-simmar-${u}-djupt` };
const objectName = `Life Care SP ${u}`;

test.beforeAll(async () => {
  await seedOrgsAndPeople([stad, forv], [[isam, 'isam', forv.slug]]);
});

test('an ISAM adds an object, classifies it and sees it in the list; axe finds nothing', async ({ page }) => {
  const seen = watchErrors(page);
  await login(page, isam.email, isam.password);
  await chooseOrg(page, forv.slug);
  await openModule(page, 'Objekt');
  await expectNoAxeViolations(page, 'Objekt (tom lista)');

  await page.getByRole('button', { name: 'Nytt objekt' }).click();
  let dialog = page.getByRole('dialog', { name: `Nytt objekt i ${forv.name}` });
  await dialog.getByRole('textbox', { name: 'Namn', exact: true }).fill(objectName);
  await dialog.getByLabel('Objektägare').fill('Lena Nord');
  await dialog.getByLabel('Omfattas av cybersäkerhetslagen (NIS)').check();
  await dialog.getByRole('combobox', { name: 'PUB-avtal (personuppgiftsbiträdesavtal)' }).selectOption('ja');
  await expectNoAxeViolations(page, 'Nytt objekt');
  await dialog.getByRole('button', { name: 'Lägg till', exact: true }).click();
  await expect(dialog).toHaveCount(0);

  const table = page.getByRole('table', { name: `Digitala objekt för ${forv.name}` });
  const row = table.getByRole('row').filter({ hasText: objectName });
  await expect(row).toHaveCount(1);
  const edit = row.getByRole('button', { name: `Ändra ${objectName}` });
  await expect(edit).toBeFocused();

  // Classify: klar without a date is refused by the server, shown at the date field.
  await edit.click();
  dialog = page.getByRole('dialog', { name: `Ändra ${objectName}` });
  await dialog.getByRole('combobox', { name: 'Normerande klassning', exact: true }).selectOption('klar');
  await dialog.getByLabel('Normerande klassning klar').fill('2000-11-15');
  await dialog.getByRole('combobox', { name: 'Lokal klassning', exact: true }).selectOption('klar');
  await dialog.getByRole('button', { name: 'Spara' }).click();
  const date = dialog.getByLabel('Lokal klassning klar');
  await expect(date).toHaveAttribute('aria-invalid', 'true');
  await expect(date).toBeFocused();
  await expect(dialog).toContainText('Lokal klassning är markerad som klar men saknar datum');
  await expectNoAxeViolations(page, 'Ändra objekt med fel');

  await date.fill('2001-03-01');
  await dialog.getByRole('combobox', { name: 'Konfidentialitet' }).selectOption('3');
  await dialog.getByRole('combobox', { name: 'Riktighet' }).selectOption('2');
  await dialog.getByRole('combobox', { name: 'Tillgänglighet' }).selectOption('4');
  await expect(dialog.getByRole('status').filter({ hasText: 'säkerhetsskyddsanalys' })).toBeVisible();
  await expectNoAxeViolations(page, 'Ändra objekt, nivå 4');
  await dialog.getByRole('button', { name: 'Spara' }).click();
  await expect(dialog).toHaveCount(0);
  await expect(edit).toBeFocused();

  await expect(row).toContainText('2002-03-01');
  await expect(row).toContainText('Försenad');
  await expect(row).toContainText('Säkerhetsskydd');
  await expect(row.getByRole('cell').nth(5)).toHaveText('Ja'); // NIS
  // The classification date is one of the columns shown on request.
  await page.getByRole('button', { name: 'Kolumner' }).click();
  await page.getByRole('group', { name: 'Visa kolumner' }).getByRole('checkbox', { name: 'Klassad', exact: true }).check();
  await page.keyboard.press('Escape');
  await expect(row).toContainText('2001-03-01');

  // Only overdue reclassifications: it stays; only lokal "Saknas": it goes.
  await page.getByRole('combobox', { name: 'Omklassning' }).selectOption('true');
  await expect(row).toHaveCount(1);
  await page.getByRole('combobox', { name: 'Lokal klassning' }).selectOption('saknas');
  await expect(table.getByRole('row').filter({ hasText: objectName })).toHaveCount(0);
  await expectNoAxeViolations(page, 'Objekt (filtrerad lista)');
  // The one refused save (422) is the browser's only error line.

  // The start page says one object is past its yearly reclassification; its link opens the list filtered so.
  await page.goto('/');
  await page.getByRole('link', { name: /Ett objekt har passerat sin årliga omklassning/ }).click();
  await expect(page.getByRole('heading', { level: 1, name: 'Objekt' })).toBeVisible();
  await expect(page.getByRole('combobox', { name: 'Omklassning' })).toHaveValue('true');
  await expect(table.getByRole('row').filter({ hasText: objectName })).toHaveCount(1);
  expect(seen.errors.filter((e) => !/status of 422/.test(e))).toEqual([]);
  expect(seen.csp).toEqual([]);
});

test('an ISAM imports an objektlista from Excel: the preview lists the bad row, the import adds the good one; axe finds nothing', async ({ page }) => {
  const seen = watchErrors(page);
  await login(page, isam.email, isam.password);
  await chooseOrg(page, forv.slug);
  await openModule(page, 'Objekt');
  await page.getByRole('button', { name: 'Importera från Excel' }).click();
  const dialog = page.getByRole('dialog', { name: `Importera objektlistan till ${forv.name}` });
  const imported = `Procapita ${u}`;
  const csv = ['System;Objektägare;Lokal klassning;Lokal klassning datum;K;R;T;S', `${imported};Socialchef;Klar;2024-05-02;3;2;2;1`, `Fel nivå ${u};;;;9;;;`].join('\r\n');
  await importSkippingBadRow(page, dialog, { fileLabel: 'Objektlista att importera', name: 'objektlista.csv', csv, line: 3, column: 'K', what: 'Objektimport (provkörning)' });
  const row = page.getByRole('table', { name: `Digitala objekt för ${forv.name}` }).getByRole('row').filter({ hasText: imported });
  await expect(row).toHaveCount(1);
  await expect(row).toContainText('2025-05-02'); // next reclassification: a year after the local one
  expect(seen.errors.filter((e) => !/status of 422/.test(e))).toEqual([]);
  expect(seen.csp).toEqual([]);
});
