import { expect, test } from '@playwright/test';
import { createOrgViaApi, expectNoAxeViolations, login, openModule, unique, watchErrors } from './helpers';

// Utbildning through the UI: a targeted training held, recorded for the förvaltning; then an enhet's completion of
// the information security e-course, first with more completed than employees (the server's field error shown at
// the field), then right, and its share in the table. axe on the empty page, the dialog with an error, and the result.
const u = unique();
const stad = { slug: `utb-stad-${u}`, name: `Utbildningsstad ${u}`, type: 'stad' };
const forv = { slug: `utb-forv-${u}`, name: `Utbildningsförvaltningen ${u}`, type: 'forvaltning', parent: stad.slug };
const avd = { slug: `utb-avd-${u}`, name: `Avdelningen ${u}`, type: 'avdelning', parent: forv.slug };
const enhet = { slug: `utb-enh-${u}`, name: `Enheten ${u}`, type: 'enhet', parent: avd.slug };

test('ISAM records a training held and an enhet\'s e-course completion, and sees the share', async ({ page }) => {
  const seen = watchErrors(page);
  await login(page);
  for (const o of [stad, forv, avd, enhet]) await createOrgViaApi(page, o);
  await page.reload();
  await page.getByLabel('Vald organisation').selectOption(forv.slug);
  await openModule(page, 'Utbildning');
  await page.getByRole('combobox', { name: 'År', exact: true }).selectOption('2025');
  await expect(page.getByText('Inga utbildningar är registrerade för 2025.')).toBeVisible();
  await expect(page.getByText('Inget genomförande är registrerat för 2025.')).toBeVisible();
  await expectNoAxeViolations(page, 'Utbildning (tom)');

  await page.getByRole('button', { name: 'Ny utbildning' }).click();
  const dialog = page.getByRole('dialog');
  await dialog.getByRole('textbox', { name: 'Datum', exact: true }).fill('2025-03-12');
  await dialog.getByRole('textbox', { name: 'Utbildning', exact: true }).fill('Riskbaserat arbetssätt och AI-risker');
  await dialog.getByRole('combobox', { name: 'Typ', exact: true }).selectOption('riktad');
  await dialog.getByRole('textbox', { name: 'Målgrupp', exact: true }).fill('Förvaltningsledningen');
  await dialog.getByRole('textbox', { name: 'Hålls av', exact: true }).fill('ISAM');
  await dialog.getByRole('spinbutton', { name: 'Deltagare', exact: true }).fill('11');
  await expectNoAxeViolations(page, 'Ny utbildning');
  await dialog.getByRole('button', { name: 'Spara utbildningen' }).click();
  await expect(dialog).toHaveCount(0);
  const held = page.getByRole('table', { name: /Utbildningar som hållits 2025/ });
  await expect(held.getByRole('row', { name: /Riskbaserat arbetssätt/ })).toHaveText(
    /2025-03-12\s*Riskbaserat arbetssätt och AI-risker\s*Riktad utbildning eller genomgång\s*Förvaltningsledningen\s*ISAM\s*11/,
  );

  await page.getByRole('button', { name: 'Registrera genomförande' }).click();
  await dialog.getByRole('combobox', { name: 'Enhet', exact: true }).selectOption(enhet.slug);
  await expect(dialog.getByRole('combobox', { name: 'Kurs', exact: true })).toHaveValue('Informationssäkerhet (e-utbildning)');
  await dialog.getByRole('spinbutton', { name: 'Anställda', exact: true }).fill('40');
  await dialog.getByRole('spinbutton', { name: 'Genomfört', exact: true }).fill('41');
  await dialog.getByRole('button', { name: 'Spara genomförandet' }).click();
  // More completed than employees: the server names the field and nothing is saved.
  await expect(dialog.getByRole('spinbutton', { name: 'Genomfört', exact: true })).toHaveAttribute('aria-invalid', 'true');
  await expect(dialog.getByText('kan inte vara fler än antalet anställda (40)')).toBeVisible();
  await expectNoAxeViolations(page, 'Registrera genomförande med fel');
  await dialog.getByRole('spinbutton', { name: 'Genomfört', exact: true }).fill('35');
  await expect(dialog.getByText('Andel genomförda: 87,5 %')).toBeVisible();
  await dialog.getByRole('button', { name: 'Spara genomförandet' }).click();
  await expect(dialog).toHaveCount(0);

  const done = page.getByRole('table', { name: /Genomförandegrad per enhet och kurs 2025/ });
  await expect(done.getByRole('row', { name: new RegExp(`Enheten ${u}`) })).toHaveText(new RegExp(`Enheten ${u}\\s*Informationssäkerhet \\(e-utbildning\\)\\s*40\\s*35\\s*87,5\\s%`));
  await expect(done.getByRole('progressbar', { name: `Andel genomförda, Enheten ${u} – Informationssäkerhet (e-utbildning)` })).toHaveAttribute('aria-valuenow', '87.5');
  await expect(done.getByRole('row', { name: /Totalt/ })).toHaveText(/Totalt\s*Informationssäkerhet \(e-utbildning\)\s*40\s*35\s*87,5\s%/);
  await expectNoAxeViolations(page, 'Utbildning med en utbildning och ett genomförande');
  // The one 400 is the answer to the completion with more completed than employees, shown at the field above.
  expect(seen.errors).toEqual(['Failed to load resource: the server responded with a status of 400 (Bad Request)']);
  expect(seen.csp).toEqual([]);
});
