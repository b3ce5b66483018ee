import { expect, test } from '@playwright/test';
import { chooseOrg, expectNoAxeViolations, login, logout, openModule, seedOrgsAndPeople, unique, watchErrors } from './helpers';

// The registerförteckning through the browser: an ISAM registers a processing activity, ticks two threshold criteria
// and sees "DPIA trolig", sends it to the DSO; the DSO finds it on the start page, approves it, and axe finds nothing.
// No date is typed, so the test does not depend on today's date.
test.describe.configure({ mode: 'serial' });

const u = unique();
const stad = { slug: `pub-stad-${u}`, name: `Dataskyddsstad ${u}`, type: 'stad' };
const forv = { slug: `pub-forv-${u}`, name: `Dataskyddsförvaltningen ${u}`, type: 'forvaltning', parent: stad.slug };
const isam = { name: `Isam Dataskydd ${u}`, email: `isam-pub-${u}@e2e.test`, password: `Blå-val-simmar-${u}-djupt` };
const dso = { name: `Dso Granskare ${u}`, email: `dso-pub-${u}@e2e.test`, password: `Grön-älg-springer-${u}-fort` };
const activity = `Hemtjänstens dokumentation ${u}`;

test.beforeAll(async () => {
  await seedOrgsAndPeople([stad, forv], [[isam, 'isam', forv.slug], [dso, 'dso', forv.slug]]);
});

test('an ISAM registers an activity, the threshold analysis says DPIA trolig, the DSO approves it; axe finds nothing', async ({ page }) => {
  const seen = watchErrors(page);
  await login(page, isam.email, isam.password);
  await chooseOrg(page, forv.slug);
  await openModule(page, 'Registerförteckning');
  await expectNoAxeViolations(page, 'Registerförteckning (tom lista)');

  await page.getByRole('button', { name: 'Ny behandling' }).click();
  const dialog = page.getByRole('dialog', { name: `Ny behandling i ${forv.name}` });
  await dialog.getByRole('textbox', { name: 'Behandling', exact: true }).fill(activity);
  await dialog.getByLabel('Ändamål').fill('Dokumentera beviljade insatser i hemtjänsten.');
  await dialog.getByRole('combobox', { name: 'Rättslig grund (artikel 6.1)' }).selectOption('c');
  await dialog.getByLabel('Kategorier av registrerade').fill('Brukare\nAnhöriga');
  await dialog.getByLabel('Känsliga personuppgifter (artikel 9)').check();
  // Third-country transfer without a transfer tool: the server's 422 is shown at the field.
  await dialog.getByLabel('Överföring till tredjeland').check();
  const criteria = dialog.getByRole('group', { name: 'Kriterier enligt EDPB (WP248)' });
  await criteria.getByLabel('Känsliga uppgifter eller uppgifter av mycket personlig karaktär').check();
  await expect(dialog.getByRole('status').filter({ hasText: '1 kriterium' })).toBeVisible();
  await criteria.getByLabel('Uppgifter om sårbara registrerade (t.ex. barn, brukare, patienter)').check();
  await expect(dialog.getByRole('status').filter({ hasText: 'DPIA trolig' })).toBeVisible();
  await dialog.getByRole('combobox', { name: 'Status' }).selectOption('granskas');
  await expectNoAxeViolations(page, 'Ny behandling');
  await dialog.getByRole('button', { name: 'Lägg till', exact: true }).click();
  const tool = dialog.getByRole('combobox', { name: 'Överföringsverktyg' });
  await expect(tool).toHaveAttribute('aria-invalid', 'true');
  await expect(dialog).toContainText('Överföring till tredjeland kräver ett överföringsverktyg');
  await expectNoAxeViolations(page, 'Ny behandling med fel');
  await dialog.getByLabel('Överföring till tredjeland').uncheck();
  await dialog.getByRole('button', { name: 'Lägg till', exact: true }).click();
  await expect(dialog).toHaveCount(0);

  const table = page.getByRole('table', { name: `Behandlingar för ${forv.name}` });
  const row = table.getByRole('row').filter({ hasText: activity });
  await expect(row).toHaveCount(1);
  await expect(row).toContainText('DPIA trolig');
  await expect(row).toContainText('Granskas av DSO');
  await expect(row.getByRole('button', { name: `Ändra ${activity}` })).toBeFocused();
  await logout(page, isam.name);

  // The DSO: the start page counts the activity waiting for review; its link opens the list filtered so.
  await login(page, dso.email, dso.password);
  await chooseOrg(page, forv.slug);
  await page.goto('/');
  await page.getByRole('link', { name: /En behandling väntar på dataskyddsombudets granskning/ }).click();
  await expect(page.getByRole('heading', { level: 1, name: 'Registerförteckning' })).toBeVisible();
  await expect(page.getByRole('combobox', { name: 'Status' })).toHaveValue('granskas');
  const edit = row.getByRole('button', { name: `Ändra ${activity}` });
  await edit.click();
  const review = page.getByRole('dialog', { name: `Ändra ${activity}` });
  await expectNoAxeViolations(page, 'Granska behandling');
  await review.getByRole('button', { name: 'Godkänn' }).click();
  await expect(review).toHaveCount(0);
  await expect(page.getByRole('status').filter({ hasText: `${activity} godkänd.` })).toBeVisible();
  // The list is still filtered to Granskas: the approved activity leaves it; all statuses show it Godkänd.
  await page.getByRole('combobox', { name: 'Status' }).selectOption('');
  await expect(row).toContainText('Godkänd');
  await row.getByRole('button', { name: `Ändra ${activity}` }).click();
  await expect(page.getByRole('dialog', { name: `Ändra ${activity}` })).toContainText(`Godkänd av ${dso.name}`);
  await expect(page.getByRole('dialog', { name: `Ändra ${activity}` })).toContainText('går behandlingen tillbaka till utkast');
  await expectNoAxeViolations(page, 'Godkänd behandling');
  expect(seen.errors.filter((e) => !/status of 422/.test(e))).toEqual([]);
  expect(seen.csp).toEqual([]);
});
