import { expect, test } from '@playwright/test';
import { chooseOrg, expectNoAxeViolations, login, openModule, seedOrgsAndPeople, unique, watchErrors } from './helpers';

// Kamerabevakning through the browser, on the Registerförteckning page: an ISAM registers a site started in May 2025,
// is told at the field that the intresseavvägning is missing, completes it and sees the site running; axe finds
// nothing. The dates typed lie in 2025, before any day this runs, so the test does not depend on today's date.
test.describe.configure({ mode: 'serial' });

const u = unique();
const stad = { slug: `cam-stad-${u}`, name: `Kamerastad ${u}`, type: 'stad' };
const forv = { slug: `cam-forv-${u}`, name: `Kameraförvaltningen ${u}`, type: 'forvaltning', parent: stad.slug };
const isam = { name: `Isam Kamera ${u}`, email: `isam-cam-${u}@e2e.test`, password: `Röd-lo-smyger-${u}-tyst` };
const site = `Entrén till boendet ${u}`;

test.beforeAll(async () => {
  await seedOrgsAndPeople([stad, forv], [[isam, 'isam', forv.slug]]);
});

test('an ISAM registers camera surveillance, gets the 422 for a missing intresseavvägning, completes it; axe finds nothing', async ({ page }) => {
  const seen = watchErrors(page);
  await login(page, isam.email, isam.password);
  await chooseOrg(page, forv.slug);
  await openModule(page, 'Registerförteckning');
  await expect(page.getByRole('heading', { level: 2, name: 'Kamerabevakning' })).toBeVisible();
  await expect(page.getByRole('table', { name: `Kamerabevakning för ${forv.name}` })).toBeVisible();

  await page.getByRole('button', { name: 'Ny kamerabevakning' }).click();
  const dialog = page.getByRole('dialog', { name: `Ny kamerabevakning i ${forv.name}` });
  await dialog.getByRole('textbox', { name: 'Plats', exact: true }).fill(site);
  await dialog.getByLabel('Ändamål').fill('Förebygga inbrott i varumottagningen nattetid.');
  await dialog.getByRole('textbox', { name: 'Lagringstid i dagar' }).fill('3');
  await dialog.getByLabel('Skyltning om kamerabevakning finns på platsen').check();
  await dialog.getByLabel('Startdatum').fill('2025-05-19');
  await expect(dialog.getByText('Bevakningen startar från och med 2025-04-01')).toBeVisible();
  await expectNoAxeViolations(page, 'Ny kamerabevakning');
  await dialog.getByRole('button', { name: 'Lägg till', exact: true }).click();
  const balancing = dialog.getByRole('textbox', { name: 'Intresseavvägningen', exact: true });
  await expect(balancing).toHaveAttribute('aria-invalid', 'true');
  await expect(dialog.getByText(/kräver en dokumenterad intresseavvägning/).first()).toBeVisible();
  await expectNoAxeViolations(page, 'Intresseavvägning saknas (422)');

  await balancing.fill('Inbrotten i varumottagningen väger tyngre än intrånget nattetid; kamerorna riktas bort från boendes fönster.');
  await dialog.getByLabel('Datum för intresseavvägningen').fill('2025-05-12');
  await dialog.getByLabel('Gjord av').fill('Enhetschefen med dataskyddsombudet');
  await dialog.getByRole('button', { name: 'Lägg till', exact: true }).click();
  await expect(dialog).toBeHidden();
  await expect(page.getByRole('status').filter({ hasText: `${site} sparad.` })).toBeVisible();
  const row = page.getByRole('table', { name: `Kamerabevakning för ${forv.name}` }).getByRole('row').filter({ hasText: site });
  await expect(row).toContainText('Pågår');
  await expect(row).toContainText('2025-05-12');
  await expect(row.getByRole('button', { name: `Ändra ${site}` })).toBeFocused();
  await expectNoAxeViolations(page, 'Kamerabevakning registrerad');
  expect(seen.errors.filter((e) => !/status of 422/.test(e))).toEqual([]);
  expect(seen.csp).toEqual([]);
});
