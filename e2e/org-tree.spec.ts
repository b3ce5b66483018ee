import { expect, test, type Page } from '@playwright/test';
import { login, logout, openModule, unique } from './helpers';

// The "Done when" path, through the UI: build stad → förvaltning → avdelning → enhet (and a second
// förvaltning), add a user with a role on the avdelning, sign in as that user and see only that subtree;
// then the audit log shows what was done.
test.describe.configure({ mode: 'serial' });

const u = unique();
const names = {
  stad: `Teststad ${u}`,
  forvaltning: `Socialförvaltningen ${u}`,
  avdelning: `Avdelning för äldreomsorg ${u}`,
  enhet: `Hemtjänst Norr ${u}`,
  forvaltning2: `Utbildningsförvaltningen ${u}`,
};
const slug = (name: string) =>
  name.toLowerCase().normalize('NFD').replace(/[\u0300-\u036f]/g, '').replace(/[^a-z0-9]+/g, '-').replace(/^-+|-+$/g, '');
const user = { name: `Chef Testsson ${u}`, email: `chef-${u}@e2e.test`, password: `Blå-vals-sjunger-${u}-länge` };

async function createOrg(page: Page, button: string, name: string, typeLabel?: string, controller?: string) {
  await page.getByRole('button', { name: button }).click();
  const dialog = page.getByRole('dialog');
  await dialog.getByRole('textbox', { name: 'Namn', exact: true }).fill(name);
  await expect(dialog.getByLabel('Kortnamn')).toHaveValue(slug(name));
  if (typeLabel) await dialog.getByLabel('Typ').selectOption({ label: typeLabel });
  if (controller) await dialog.getByLabel('Personuppgiftsansvarig nämnd', { exact: true }).fill(controller);
  await dialog.getByRole('button', { name: 'Skapa' }).click();
  await expect(dialog).toHaveCount(0);
  // The new organisation is in the tree and selected.
  await expect(page.getByRole('treeitem', { name })).toHaveAttribute('aria-selected', 'true');
  if (controller) await expect(page.getByText(`Personuppgiftsansvarig: ${controller}`)).toBeVisible();
}

const tree = (page: Page) => page.getByRole('tree', { name: 'Organisationsträd' });

test('admin builds the organisation tree and gives a user a role on one avdelning', async ({ page }) => {
  await login(page);
  await openModule(page, 'Organisationer');

  await createOrg(page, 'Ny organisation på toppnivå', names.stad, 'Stad');
  await createOrg(page, 'Ny underorganisation', names.forvaltning, 'Förvaltning');
  await createOrg(page, 'Ny underorganisation', names.avdelning, 'Avdelning');
  // A child of an avdelning may only be an avdelning or an enhet.
  await page.getByRole('button', { name: 'Ny underorganisation' }).click();
  const typeOptions = await page.getByRole('dialog').getByLabel('Typ').locator('option').allTextContents();
  expect(typeOptions).toEqual(['Avdelning', 'Enhet']);
  await page.getByRole('dialog').getByRole('button', { name: 'Avbryt' }).click();
  await createOrg(page, 'Ny underorganisation', names.enhet, 'Enhet');

  await tree(page).getByText(names.stad, { exact: true }).click();
  // The personuppgiftsansvarig nämnd can be given when the organisation is created.
  await createOrg(page, 'Ny underorganisation', names.forvaltning2, 'Förvaltning', `Kulturnämnden ${u}`);

  // Tree semantics: levels follow the hierarchy.
  await expect(page.getByRole('treeitem', { name: names.stad })).toHaveAttribute('aria-level', '1');
  await expect(page.getByRole('treeitem', { name: names.forvaltning })).toHaveAttribute('aria-level', '2');
  await expect(page.getByRole('treeitem', { name: names.avdelning })).toHaveAttribute('aria-level', '3');
  await expect(page.getByRole('treeitem', { name: names.enhet })).toHaveAttribute('aria-level', '4');
  await expect(page.getByRole('treeitem', { name: names.forvaltning2 })).toHaveAttribute('aria-level', '2');

  // The förvaltning's personuppgiftsansvarig: a wrong check digit is refused at the field, a right one saved and shown.
  await tree(page).getByText(names.forvaltning, { exact: true }).click();
  await page.getByRole('button', { name: 'Ändra uppgifter' }).click();
  const edit = page.getByRole('dialog');
  await edit.getByLabel('Personuppgiftsansvarig nämnd', { exact: true }).fill(`Socialnämnden ${u}`);
  const number = edit.getByLabel('Organisationsnummer', { exact: true });
  await number.fill('212000-0143');
  await edit.getByRole('button', { name: 'Spara' }).click();
  await expect(number).toHaveAttribute('aria-invalid', 'true');
  await expect(edit.getByText(/rätt kontrollsiffra/).first()).toBeVisible();
  await number.fill('212000-0142');
  await edit.getByRole('button', { name: 'Spara' }).click();
  await expect(edit).toHaveCount(0);
  await expect(page.getByText(`Personuppgiftsansvarig: Socialnämnden ${u}, org.nr 212000-0142`)).toBeVisible();

  // Add the user and give the role.
  await openModule(page, 'Användare och roller');
  await page.getByRole('button', { name: 'Ny användare' }).click();
  let dialog = page.getByRole('dialog');
  await dialog.getByRole('textbox', { name: 'Namn', exact: true }).fill(user.name);
  await dialog.getByLabel('E-post').fill(user.email);
  await dialog.getByLabel('Lösenord').fill(user.password);
  await dialog.getByRole('button', { name: 'Skapa användare' }).click();
  await expect(dialog.getByText(`${user.name} är skapad.`)).toBeVisible();
  await dialog.getByRole('button', { name: 'Ge roller' }).click();

  dialog = page.getByRole('dialog', { name: user.name });
  await expect(dialog.getByText('Användaren har inga roller.')).toBeVisible();
  await dialog.getByLabel('Roll', { exact: true }).selectOption({ label: 'Chef' });
  await dialog.getByLabel('Organisation', { exact: true }).selectOption(slug(names.avdelning));
  await dialog.getByRole('button', { name: 'Lägg till roll' }).click();
  await expect(dialog.getByText(`Chef – ${names.avdelning}`)).toBeVisible();
  await dialog.getByRole('button', { name: 'Stäng' }).last().click();
  await expect(page.getByRole('row', { name: new RegExp(user.email) })).toContainText(`Chef (${names.avdelning})`);

  await logout(page, 'Administratör');
});

test('the user sees only their avdelning and its enhet', async ({ page }) => {
  await login(page, user.email, user.password);
  const nav = page.getByRole('navigation', { name: 'Moduler' });
  // A chef neither manages users nor reads the audit log.
  await expect(nav.getByRole('link', { name: 'Användare och roller' })).toHaveCount(0);
  await expect(nav.getByRole('link', { name: 'Granskningslogg' })).toHaveCount(0);

  await openModule(page, 'Organisationer');
  const items = tree(page).getByRole('treeitem');
  await expect(items).toHaveCount(2);
  await expect(page.getByRole('treeitem', { name: names.avdelning })).toHaveAttribute('aria-level', '1');
  await expect(page.getByRole('treeitem', { name: names.enhet })).toHaveAttribute('aria-level', '2');
  for (const other of [names.stad, names.forvaltning, names.forvaltning2]) {
    await expect(page.getByText(other)).toHaveCount(0);
  }
  // No management actions without org.manage.
  await tree(page).getByText(names.avdelning, { exact: true }).click();
  await expect(page.getByRole('heading', { name: names.avdelning })).toBeVisible();
  await expect(page.getByRole('button', { name: 'Ny underorganisation' })).toHaveCount(0);
  // The org switcher offers the same two.
  const options = await page.getByLabel('Vald organisation').locator('option').allTextContents();
  expect(options.map((o) => o.trim())).toEqual([names.avdelning, names.enhet]);
});

test('the audit log lists what the admin did', async ({ page }) => {
  await login(page);
  await openModule(page, 'Granskningslogg');
  const table = page.getByRole('table', { name: 'Granskningslogg' });
  for (const name of Object.values(names)) {
    // The event in words beside its code, and the organisation by name.
    await expect(table.getByRole('row').filter({ hasText: 'Organisation skapad org.create' }).filter({ hasText: name })).toHaveCount(1);
  }
  await expect(table.getByRole('row').filter({ hasText: 'user.create' }).first()).toBeVisible();
  await expect(table.getByRole('row').filter({ hasText: 'role.assign' }).first()).toBeVisible();

  // Filtering by organisation (with its subtree) and action narrows the list to exactly those events.
  await page.getByLabel('Organisation', { exact: true }).selectOption(slug(names.stad));
  await page.getByLabel('Händelse', { exact: true }).fill('org.create');
  await page.getByRole('button', { name: 'Filtrera', exact: true }).click();
  await expect(table.getByRole('row').filter({ hasText: 'role.assign' })).toHaveCount(0);
  await expect(table.getByRole('row').filter({ hasText: 'org.create' })).toHaveCount(Object.keys(names).length);

  // The export is the server's, with the same filter.
  await page.getByRole('button', { name: 'Exportera' }).click();
  const csv = page.getByRole('menuitem', { name: 'CSV' });
  await expect(csv).toHaveAttribute('href', new RegExp(`/api/audit\\?org=${slug(names.stad)}&action=org.create.*format=csv`));
  const download = page.waitForEvent('download');
  await csv.click();
  const file = await download;
  expect(file.suggestedFilename()).toMatch(/\.csv$/);

  // The kind of record is named in words, and chosen from them: users only.
  await page.getByRole('button', { name: 'Rensa' }).click();
  await page.getByLabel('Typ', { exact: true }).selectOption({ label: 'Användare' });
  await page.getByRole('button', { name: 'Filtrera', exact: true }).click();
  await expect(table.getByRole('row').filter({ hasText: 'user.create' }).first()).toBeVisible();
  await expect(table.getByRole('row').filter({ hasText: 'org.create' })).toHaveCount(0);
  await expect(table.getByRole('row').filter({ hasText: 'user.create' }).first()).toContainText('Användare');
});
