import { expect, test } from '@playwright/test';
import { adminApi, chooseOrg, expectNoAxeViolations, login, openModule, seedOrgsAndPeople, unique, watchErrors } from './helpers';

// The yearly object follow-up with access review through the browser: an objektägare opens "Årlig uppföljning" for
// an object whose follow-up of this year is missing, records it with an access review (the server's 422s for a done
// review without result, and for remaining deviations without a comment, are shown at their fields), sees the list's
// flag change from Saknas to Gjord with "Avvikelser kvarstår", filters on it, and follows the start page's link.
// axe finds nothing in the dialog, the errors or the list.
test.describe.configure({ mode: 'serial' });

const u = unique();
const stad = { slug: `fu-stad-${u}`, name: `Uppföljningsstad ${u}`, type: 'stad' };
const forv = { slug: `fu-forv-${u}`, name: `Uppföljningsförvaltningen ${u}`, type: 'forvaltning', parent: stad.slug };
const owner = { name: `Objektägare ${u}`, email: `objektagare-fu-${u}@e2e.test`, password: `Grön-uggla-flyger-${u}-högt` };
const objectName = `Treserva ${u}`;
const year = Number(new Intl.DateTimeFormat('sv-SE', { timeZone: 'Europe/Stockholm', year: 'numeric' }).format(new Date()));

test.beforeAll(async () => {
  await seedOrgsAndPeople([stad, forv], [[owner, 'objektagare', forv.slug]]);
  const { api, headers } = await adminApi();
  const r = await api.post('/api/objects', { headers, data: { org: forv.slug, name: objectName, owner: 'Karl Vik', lokalStatus: 'klar', lokalDate: '2001-09-12' } });
  expect(r.status(), await r.text()).toBe(201);
  await api.dispose();
});

test('an objektägare records the yearly follow-up with an access review and sees the flag change; axe finds nothing', async ({ page }) => {
  const seen = watchErrors(page);
  await login(page, owner.email, owner.password);
  await chooseOrg(page, forv.slug);
  await openModule(page, 'Objekt');
  const table = page.getByRole('table', { name: `Digitala objekt för ${forv.name}` });
  const row = table.getByRole('row').filter({ hasText: objectName });
  await expect(table.getByRole('columnheader', { name: `Uppföljning ${year}` })).toBeVisible();
  await expect(row).toContainText('Saknas');

  const open = row.getByRole('button', { name: `Årlig uppföljning för ${objectName}` });
  await open.click();
  const dialog = page.getByRole('dialog', { name: `Årlig uppföljning – ${objectName}` });
  // This year's is missing: the dialog opens on the form, the objektägare's name and today filled in.
  await expect(dialog.getByLabel('Genomförd av')).toHaveValue('Karl Vik');
  const access = dialog.getByRole('group', { name: 'Behörighetsgenomgång' });
  const classification = dialog.getByRole('group', { name: 'Klassning aktuell' });
  await expect(classification).toContainText('Lokal klassning: Klar 2001-09-12');
  await expect(classification).toContainText('försenad');
  await expectNoAxeViolations(page, 'Årlig uppföljning (ny)');

  await access.getByRole('combobox', { name: 'Genomförd' }).selectOption('ja');
  await dialog.getByRole('button', { name: 'Registrera', exact: true }).click();
  const result = access.getByRole('combobox', { name: 'Resultat' });
  await expect(result).toHaveAttribute('aria-invalid', 'true');
  await expect(dialog).toContainText('Behörighetsgenomgången är markerad som genomförd men saknar resultat');
  await expectNoAxeViolations(page, 'Årlig uppföljning, resultat saknas');

  await result.selectOption('avvikelser_kvarstar');
  await access.getByRole('spinbutton', { name: 'Konton borttagna eller ändrade' }).fill('3');
  await dialog.getByRole('button', { name: 'Registrera', exact: true }).click();
  const comment = access.getByRole('textbox', { name: 'Kommentar' });
  await expect(comment).toHaveAttribute('aria-invalid', 'true');
  await expect(comment).toBeFocused();
  await comment.fill('Två konton för medarbetare som bytt enhet finns kvar.');
  await dialog.getByRole('group', { name: 'Förvaltningsplan uppdaterad' }).getByRole('combobox', { name: 'Svar' }).selectOption('ja');
  await dialog.getByRole('button', { name: 'Registrera', exact: true }).click();
  await expect(dialog).toHaveCount(0);
  await expect(page.getByRole('status').filter({ hasText: `Uppföljningen ${year} av ${objectName} är sparad.` })).toBeVisible();
  await expect(open).toBeFocused();

  // The flag has changed; the filters find it.
  await expect(row).toContainText('Gjord');
  await expect(row).toContainText('Avvikelser kvarstår');
  const filter = page.getByRole('combobox', { name: `Uppföljning ${year}` });
  await filter.selectOption('missing');
  await expect(table.getByRole('row').filter({ hasText: objectName })).toHaveCount(0);
  await filter.selectOption('deviations');
  await expect(row).toHaveCount(1);
  await expectNoAxeViolations(page, 'Objekt, filtrerad på uppföljning');

  // Opened again, the dialog lists the year's follow-up with its access review.
  await open.click();
  const held = dialog.getByRole('table', { name: `Årliga uppföljningar av ${objectName}, senaste året först` });
  await expect(held.getByRole('row').filter({ hasText: String(year) })).toContainText('Avvikelser kvarstår');
  await expect(dialog.getByRole('button', { name: `Registrera uppföljning ${year - 1}` })).toBeVisible();
  await expectNoAxeViolations(page, 'Årlig uppföljning (lista)');
  await page.keyboard.press('Escape');
  await expect(dialog).toHaveCount(0);

  // The start page tells of the remaining deviations; its link opens the list filtered so.
  await page.goto('/');
  await page.getByRole('link', { name: /Ett objekts behörighetsgenomgång har avvikelser som kvarstår/ }).click();
  await expect(page.getByRole('heading', { level: 1, name: 'Objekt' })).toBeVisible();
  await expect(page.getByRole('combobox', { name: `Uppföljning ${year}` })).toHaveValue('deviations');
  await expect(table.getByRole('row').filter({ hasText: objectName })).toHaveCount(1);
  expect(seen.errors.filter((e) => !/status of 422/.test(e))).toEqual([]);
  expect(seen.csp).toEqual([]);
});
