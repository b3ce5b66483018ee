import { expect, test } from '@playwright/test';
import { chooseOrg, expectNoAxeViolations, login, openModule, seedOrgsAndPeople, unique, watchErrors } from './helpers';

// The leverantörsregister through the browser: an ISAM registers a supplier with a sub-supplier that has no contract
// with the förvaltning, marks the PUB-avtal signed without a date (the server's 422 is shown at the date field),
// gives the date and saves, and finds the supplier in the list with the sub-supplier counted and its follow-up
// marked overdue (never assessed); the start page's link opens the list filtered. Dates are far in the past, so the
// test does not depend on today's date. axe finds nothing.
test.describe.configure({ mode: 'serial' });

const u = unique();
const stad = { slug: `lev-stad-${u}`, name: `Leverantörsstad ${u}`, type: 'stad' };
const forv = { slug: `lev-forv-${u}`, name: `Leverantörsförvaltningen ${u}`, type: 'forvaltning', parent: stad.slug };
const isam = { name: `Isam Leverantör ${u}`, email: `isam-lev-${u}@e2e.test`, password: `Grön-gädda-simmar-${u}-långt` };
const supplierName = `Procedo AB ${u}`;

test.beforeAll(async () => {
  await seedOrgsAndPeople([stad, forv], [[isam, 'isam', forv.slug]]);
});

test('an ISAM adds a supplier with a sub-supplier without contract, sees the 422 at the date, saves and finds it; axe finds nothing', async ({ page }) => {
  const seen = watchErrors(page);
  await login(page, isam.email, isam.password);
  await chooseOrg(page, forv.slug);
  await openModule(page, 'Leverantörer');
  await expectNoAxeViolations(page, 'Leverantörer (tom lista)');

  await page.getByRole('button', { name: 'Ny leverantör' }).click();
  const dialog = page.getByRole('dialog', { name: `Ny leverantör i ${forv.name}` });
  await dialog.getByRole('textbox', { name: 'Namn', exact: true }).fill(supplierName);
  await dialog.getByLabel('Organisationsnummer').fill('556677-8899');
  await dialog.getByLabel('Tjänster som levereras').fill('Journalsystem för äldreomsorgens hälso- och sjukvård');
  await dialog.getByLabel('Behandlar personuppgifter för förvaltningens räkning').check();
  await dialog.getByRole('combobox', { name: 'PUB-avtal (personuppgiftsbiträdesavtal)' }).selectOption('ja');

  const add = dialog.getByRole('button', { name: 'Lägg till underleverantör' });
  await add.click();
  const sub = dialog.getByRole('group', { name: 'Underleverantör 1' });
  const subName = sub.getByRole('textbox', { name: 'Namn' });
  await expect(subName).toBeFocused();
  await subName.fill('Molnlagring AB');
  await sub.getByLabel('Tjänst').fill('Lagring och säkerhetskopior');
  await sub.getByLabel('Land').fill('Sverige');
  await sub.getByLabel('Utan avtal med förvaltningen').check();
  await expectNoAxeViolations(page, 'Ny leverantör');

  // PUB-avtal ja without the day it was signed: refused by the server, shown at the date field.
  await dialog.getByRole('button', { name: 'Registrera' }).click();
  const signed = dialog.getByLabel('Undertecknat');
  await expect(signed).toHaveAttribute('aria-invalid', 'true');
  await expect(signed).toBeFocused();
  await expect(dialog).toContainText('Ett tecknat PUB-avtal har ett datum');
  await expectNoAxeViolations(page, 'Ny leverantör med fel');

  await signed.fill('2001-03-01');
  await dialog.getByLabel('Nästa översyn av avtalet').fill('2002-03-01');
  await dialog.getByRole('button', { name: 'Registrera' }).click();
  await expect(dialog).toHaveCount(0);

  const table = page.getByRole('table', { name: `Leverantörer för ${forv.name}` });
  const row = table.getByRole('row').filter({ hasText: supplierName });
  await expect(row).toHaveCount(1);
  await expect(row.getByRole('button', { name: `Ändra ${supplierName}` })).toBeFocused();
  await expect(row).toContainText('Journalsystem');
  await expect(row).toContainText('Aldrig');
  await expect(row).toContainText('Uppföljning försenad');
  await expect(row.getByRole('cell').nth(6)).toHaveText('1'); // Underleverantörer utan avtal
  await expectNoAxeViolations(page, 'Leverantörer (en leverantör)');

  // The start page says one supplier has not been followed up for a year; its link opens the list filtered so.
  await page.goto('/');
  await page.getByRole('link', { name: /En leverantör har inte följts upp på ett år/ }).click();
  await expect(page.getByRole('heading', { level: 1, name: 'Leverantörer' })).toBeVisible();
  await expect(page.getByRole('combobox', { name: 'Uppföljning' })).toHaveValue('true');
  await expect(table.getByRole('row').filter({ hasText: supplierName })).toHaveCount(1);
  expect(seen.errors.filter((e) => !/status of 422/.test(e))).toEqual([]);
  expect(seen.csp).toEqual([]);
});
