import { expect, test, type Page } from '@playwright/test';
import { adminApi, chooseOrg, expectNoAxeViolations, login, seedOrgsAndPeople, unique } from './helpers';

// Focus never falls to the page when the control used goes away or is disabled while busy (WCAG 2.4.3): on the
// incident page (edit, cancel, save, status move, åtgärd added, changed and marked done, comment, attachment) and on
// the IA import page.
test.describe.configure({ mode: 'serial' });

const u = unique();
const orgs = {
  stad: { slug: `fok-stad-${u}`, name: `Fokusstad ${u}`, type: 'stad' },
  forv: { slug: `fok-forv-${u}`, name: `Fokusförvaltning ${u}`, type: 'forvaltning', parent: `fok-stad-${u}` },
};
const isam = { name: `Isam Fokus ${u}`, email: `fok-isam-${u}@e2e.test`, password: `Blå-val-simmar-${u}-lugnt` };

test.beforeAll(async () => {
  await seedOrgsAndPeople(Object.values(orgs), [[isam, 'isam', orgs.forv.slug]]);
});

const focused = (page: Page) => page.evaluate(() => {
  const a = document.activeElement as HTMLElement | null;
  return a ? `${a.tagName.toLowerCase()}:${(a.getAttribute('aria-label') ?? a.textContent ?? '').trim().slice(0, 80)}` : '';
});

test('on the incident page focus goes to what answered, not to the page', async ({ page }) => {
  const { api, headers } = await adminApi();
  const res = await api.post('/api/incidents/quick', { headers, data: { title: `Dokument i skrivaren ${u}`, org: orgs.forv.slug, personalData: 'nej' } });
  expect(res.status(), await res.text()).toBe(201);
  const { id } = (await res.json()) as { id: string };
  await api.dispose();
  await login(page, isam.email, isam.password);
  await page.goto(`/incidenter/${id}`);
  await expect(page.getByRole('heading', { level: 1, name: `Dokument i skrivaren ${u}` })).toBeVisible();

  // "Ändra uppgifter" gives way to the form: focus to its first field; Avbryt and Spara give it back to the button.
  const edit = page.getByRole('button', { name: 'Ändra uppgifter' });
  await edit.click();
  await expect(page.getByLabel('Rubrik')).toBeFocused();
  await expectNoAxeViolations(page, 'incident edit form');
  await page.getByRole('button', { name: 'Avbryt' }).click();
  await expect(edit).toBeFocused();
  await page.keyboard.press('Enter');
  await page.getByLabel('Rubrik').fill(`Dokument kvar i skrivaren ${u}`);
  await page.getByRole('button', { name: 'Spara' }).click();
  await expect(page.getByRole('heading', { level: 1, name: `Dokument kvar i skrivaren ${u}` })).toBeVisible();
  await expect(edit).toBeFocused();

  // A status move removes the button pressed: focus to the section, and the new status is said.
  const statusSection = page.getByRole('region', { name: 'Ändra status' });
  await statusSection.getByRole('button', { name: 'Flytta till Under registrering' }).click();
  await expect(statusSection.getByRole('status')).toHaveText('Status ändrad till Under registrering.');
  await expect(page.getByRole('heading', { level: 2, name: 'Ändra status' })).toBeFocused();

  // Åtgärd: after adding, back to the field for the next; after marking it done (its button gone), to the section.
  const actions = page.getByRole('region', { name: 'Åtgärder' });
  // Empty: the app's own message at the field (not the browser's bubble), marked invalid, and focus on it.
  await page.getByRole('button', { name: 'Lägg till åtgärd' }).click();
  await expect(page.getByLabel('Ny åtgärd')).toHaveAttribute('aria-invalid', 'true');
  await expect(actions.getByText('Fyll i fältet: det får inte vara tomt.').first()).toBeVisible();
  await expect(page.getByLabel('Ny åtgärd')).toBeFocused();
  await page.getByLabel('Ny åtgärd').fill('Hämta handlingarna');
  await page.getByRole('button', { name: 'Lägg till åtgärd' }).click();
  await expect(actions.getByRole('row').filter({ hasText: 'Hämta handlingarna' })).toContainText('Planerad');
  await expect(page.getByLabel('Ny åtgärd')).toBeFocused();
  await actions.getByRole('button', { name: 'Markera åtgärden "Hämta handlingarna" som klar' }).click();
  await expect(actions.getByRole('row').filter({ hasText: 'Hämta handlingarna' })).toContainText('Klar');
  await expect(page.getByRole('heading', { level: 2, name: 'Åtgärder' })).toBeFocused();

  // A comment: the button is disabled once the box is empty again, so focus goes back to the box.
  await page.getByLabel('Ny kommentar').fill('Handlingarna är hämtade.');
  await page.getByRole('button', { name: 'Kommentera' }).click();
  await expect(page.getByRole('region', { name: 'Kommentarer' })).toContainText('Handlingarna är hämtade.');
  await expect(page.getByLabel('Ny kommentar')).toBeFocused();

  // An attachment: the upload button is disabled until a new file is chosen, so focus goes back to the file field.
  const attachments = page.getByRole('region', { name: 'Bilagor' });
  await attachments.getByLabel('Fil att bifoga').setInputFiles({ name: 'kvitto.txt', mimeType: 'text/plain', buffer: Buffer.from('Hämtat kl. 10.15.\n', 'utf8') });
  await attachments.getByRole('button', { name: 'Ladda upp' }).click();
  await expect(attachments.getByRole('link', { name: 'kvitto.txt' })).toBeVisible();
  await expect(attachments.getByLabel('Fil att bifoga')).toBeFocused();

  // Kopplingar: a refused address keeps focus on the address; a link made, or removed (its button gone), goes to the section.
  const links = page.getByRole('region', { name: 'Kopplingar' });
  await links.getByLabel('Typ av post').selectOption('url');
  await links.getByRole('textbox', { name: 'Webbadress' }).fill('ftp://imy.se/arende');
  await links.getByRole('button', { name: 'Lägg till webbadress' }).click();
  await expect(links.getByRole('textbox', { name: 'Webbadress' })).toBeFocused();
  await links.getByRole('textbox', { name: 'Webbadress' }).fill('https://www.imy.se/');
  await links.getByRole('button', { name: 'Lägg till webbadress' }).click();
  await expect(links.getByRole('link', { name: /www\.imy\.se/ })).toBeVisible();
  await expect(page.getByRole('heading', { level: 2, name: 'Kopplingar' })).toBeFocused();
  await links.getByRole('button', { name: /^Ta bort kopplingen till/ }).click();
  await expect(links.getByText('Inga kopplingar ännu.')).toBeVisible();
  await expect(page.getByRole('heading', { level: 2, name: 'Kopplingar' })).toBeFocused();
  await expectNoAxeViolations(page, 'incident page after the changes');
  expect(await focused(page)).not.toBe('body:');
});

test('on the import page focus goes to the preview, the result, and back to the file field on Avbryt', async ({ page }) => {
  await login(page, isam.email, isam.password);
  await chooseOrg(page, orgs.forv.slug);
  await page.goto('/incidenter/import');
  await expect(page.getByRole('heading', { level: 1, name: 'Import från IA' })).toBeVisible();
  const csv = ['Ärende-ID;Rubrik;Rapporterad;Status', `IA-F-${u}-1;Nätfiske ${u};2026-02-04 09:00;Klar`].join('\r\n');
  const file = page.getByLabel('Fil att importera');
  await file.setInputFiles({ name: 'ia.csv', mimeType: 'text/csv', buffer: Buffer.from(csv, 'utf8') });
  await page.getByRole('button', { name: 'Provkör (inget sparas)' }).click();
  await expect(page.getByRole('heading', { level: 2, name: 'Provkörning – inget har sparats' })).toBeFocused();
  await expectNoAxeViolations(page, 'import preview');
  await page.getByRole('button', { name: 'Avbryt' }).click();
  await expect(file).toBeFocused();

  await file.setInputFiles({ name: 'ia.csv', mimeType: 'text/csv', buffer: Buffer.from(csv, 'utf8') });
  await page.getByRole('button', { name: 'Provkör (inget sparas)' }).click();
  await page.getByRole('button', { name: 'Importera', exact: true }).click();
  await expect(page.getByRole('heading', { level: 2, name: 'Importen är klar' })).toBeFocused();
  await expectNoAxeViolations(page, 'import result');
});

test('unticking Anmäld till IMY while its time is set is refused at the checkbox, which gets focus', async ({ page }) => {
  const { api, headers } = await adminApi();
  const c = await api.post('/api/incidents/quick', { headers, data: { title: `Fel mottagare ${u}`, org: orgs.forv.slug, personalData: 'ja' } });
  expect(c.status(), await c.text()).toBe(201);
  const { id } = (await c.json()) as { id: string };
  const r = await api.patch(`/api/incidents/${id}`, { headers, data: { version: 1, imyReportedAt: new Date().toISOString() } });
  expect(r.status(), await r.text()).toBe(200);
  await api.dispose();
  await login(page, isam.email, isam.password);
  await page.goto(`/incidenter/${id}`);
  await page.getByRole('button', { name: 'Ändra uppgifter' }).click();
  const box = page.getByRole('checkbox', { name: 'Anmäld till IMY', exact: true });
  await box.uncheck();
  await page.getByRole('button', { name: 'Spara' }).click();
  await expect(box).toBeFocused();
  await expect(box).toHaveAttribute('aria-invalid', 'true');
  await expect(page.getByText(/Anmäld till IMY kan inte vara Nej när tiden för anmälan/)).toBeVisible();
  await expectNoAxeViolations(page, 'edit form with the IMY refusal');

  // The breach record (art. 33.5): completing it empty is refused at the first missing field, which gets focus; once
  // filled it is marked documented, focus back to its button; the underlag för anmälan till IMY shows what was entered.
  await page.goto(`/incidenter/${id}`);
  const breach = page.getByRole('region', { name: 'Personuppgiftsincident – dokumentation' });
  await breach.getByRole('button', { name: 'Dokumentera' }).click();
  const confidentiality = breach.getByRole('checkbox', { name: 'Konfidentialitetsincident' });
  await expect(confidentiality).toBeFocused();
  await breach.getByRole('button', { name: 'Spara och markera som dokumenterad' }).click();
  await expect(breach.getByText('Välj minst en typ av incident.')).toBeVisible();
  await expect(confidentiality).toBeFocused();
  await expectNoAxeViolations(page, 'breach record form with its refusals');
  await confidentiality.check();
  await breach.getByRole('checkbox', { name: 'Vårdnadshavare' }).check();
  await breach.getByRole('textbox', { name: 'Ungefärligt antal registrerade' }).fill('2');
  await breach.getByRole('checkbox', { name: /^Uppgifter om hälsa/ }).check();
  await breach.getByRole('textbox', { name: 'Sannolika följder för de registrerade' }).fill('Uppgifter om ett barns hälsa kan ha lästs av obehöriga.');
  await breach.getByRole('textbox', { name: 'Vidtagna eller föreslagna åtgärder' }).fill('Mottagaren har raderat brevet.');
  await breach.getByRole('button', { name: 'Spara och markera som dokumenterad' }).click();
  await expect(breach.getByText('Incidenten är markerad som dokumenterad.')).toBeVisible();
  await expect(breach.getByRole('button', { name: 'Ändra dokumentation' })).toBeFocused();
  await breach.getByRole('button', { name: 'Visa underlag för anmälan till IMY' }).click();
  const basis = page.getByRole('region', { name: /Underlag för anmälan till IMY/ });
  await expect(basis.getByRole('row', { name: /Typ av incident/ })).toContainText('Konfidentialitetsincident');
  await expect(basis.getByRole('row', { name: /ungefärligt antal registrerade/ })).toContainText('Vårdnadshavare; 2 registrerade');
  await expect(basis.getByRole('button', { name: 'Kopiera Sannolika följder' })).toBeVisible();
  // No nämnd recorded for the test's organisations: the förvaltning as before, and where to record the nämnd.
  await expect(basis.getByRole('row', { name: /Personuppgiftsansvarig organisation/ })).toContainText('Den kan anges under Organisationer');
  await expectNoAxeViolations(page, 'breach record and the IMY underlag');
});

test('an åtgärd is changed in its row: due date moved, owner set, reopened; a stale save says so; focus back to "Ändra"', async ({ page }) => {
  // Fixed dates, none of them near today: the test reads what was entered, not whether it is overdue.
  const { api, headers } = await adminApi();
  const c = await api.post('/api/incidents/quick', { headers, data: { title: `Brev till fel adress ${u}`, org: orgs.forv.slug, personalData: 'nej' } });
  expect(c.status(), await c.text()).toBe(201);
  const { id } = (await c.json()) as { id: string };
  const a = await api.post(`/api/incidents/${id}/actions`, { headers, data: { title: 'Ring mottagaren', dueDate: '2020-03-16', status: 'klar' } });
  expect(a.status(), await a.text()).toBe(201);
  const action = (await a.json()) as { id: string; version: number };

  await login(page, isam.email, isam.password);
  await page.goto(`/incidenter/${id}`);
  const actions = page.getByRole('region', { name: 'Åtgärder' });
  const row = actions.getByRole('row').filter({ hasText: 'Ring mottagaren' });
  await expect(row).toContainText('2020-03-16');
  await expect(row).toContainText('Klar');

  // "Ändra" opens the form in place, focus on its first field; Avbryt gives focus back to "Ändra".
  const change = actions.getByRole('button', { name: 'Ändra åtgärden "Ring mottagaren"' });
  await change.click();
  const form = actions.getByRole('form', { name: 'Ändra åtgärden "Ring mottagaren"' });
  await expect(form.getByLabel('Åtgärd')).toBeFocused();
  await expect(form.getByLabel('Åtgärd')).toHaveValue('Ring mottagaren');
  await expect(form.getByLabel('Klart senast')).toHaveValue('2020-03-16');
  await expect(form.getByLabel('Status')).toHaveValue('klar');
  await expectNoAxeViolations(page, 'action change form');
  // A due date moved into the past is allowed, and said; the date it already had is not remarked on.
  await expect(form.getByLabel('Klart senast')).not.toHaveAccessibleDescription(/passerat/);
  await form.getByLabel('Klart senast').fill('2020-03-17');
  await expect(form.getByLabel('Klart senast')).toHaveAccessibleDescription('Datumet har redan passerat: åtgärden blir försenad direkt.');
  await form.getByRole('button', { name: 'Avbryt' }).click();
  await expect(form).toHaveCount(0);
  await expect(change).toBeFocused();

  // By keyboard: an empty title is refused at the field, which gets focus.
  await page.keyboard.press('Enter');
  await expect(form.getByLabel('Åtgärd')).toBeFocused();
  await form.getByLabel('Åtgärd').fill('  ');
  await form.getByRole('button', { name: 'Spara' }).click();
  await expect(form.getByText('Ange vad som ska göras.')).toBeVisible();
  await expect(form.getByLabel('Åtgärd')).toBeFocused();
  await expect(form.getByLabel('Åtgärd')).toHaveAttribute('aria-invalid', 'true');

  // Title corrected, due date moved, owner set, reopened (marked klar by mistake).
  await form.getByLabel('Åtgärd').fill('Ring mottagaren och be om radering');
  await form.getByLabel('Klart senast').fill('2031-06-30');
  await form.getByLabel('Ansvarig').selectOption({ label: isam.name });
  await form.getByLabel('Status').selectOption({ label: 'Planerad' });
  await form.getByRole('button', { name: 'Spara' }).click();
  await expect(form).toHaveCount(0);
  const changed = actions.getByRole('row').filter({ hasText: 'Ring mottagaren och be om radering' });
  await expect(changed).toContainText('2031-06-30');
  await expect(changed).toContainText('Planerad');
  await expect(changed).toContainText(isam.name);
  await expect(actions.getByRole('status')).toHaveText('Åtgärden "Ring mottagaren och be om radering" är ändrad.');
  const changeAgain = actions.getByRole('button', { name: 'Ändra åtgärden "Ring mottagaren och be om radering"' });
  await expect(changeAgain).toBeFocused();
  // Reopened: it can be marked done again.
  await expect(actions.getByRole('button', { name: 'Markera åtgärden "Ring mottagaren och be om radering" som klar' })).toBeVisible();

  // Someone else changes the action while the form is open: the save is refused with the server's message.
  await changeAgain.click();
  const form2 = actions.getByRole('form', { name: 'Ändra åtgärden "Ring mottagaren och be om radering"' });
  const other = await api.patch(`/api/incidents/${id}/actions/${action.id}`, { headers, data: { version: action.version + 1, status: 'pagar' } });
  expect(other.status(), await other.text()).toBe(200);
  await form2.getByLabel('Klart senast').fill('2031-07-15');
  await form2.getByRole('button', { name: 'Spara' }).click();
  const alert = form2.getByRole('alert');
  await expect(alert).toContainText('Någon annan har ändrat detta');
  await expect(alert).toContainText(`Åtgärden har ändrats av någon annan: du ändrade version ${action.version + 1}, nu gäller version ${action.version + 2}. Ladda om och försök igen.`);
  await expectNoAxeViolations(page, 'action change form with a stale version');
  await alert.getByRole('button', { name: 'Ladda om' }).click();
  await expect(form2).toHaveCount(0);
  await expect(changed).toContainText('Pågår');
  await expect(changed).toContainText('2031-06-30');
  await expect(changeAgain).toBeFocused();
  await api.dispose();
});
