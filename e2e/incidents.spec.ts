import { expect, test } from '@playwright/test';
import { adminApi, chooseOrg, expectNoAxeViolations, login, logout, openModule, seedOrgsAndPeople, unique, watchErrors } from './helpers';

// Issue 4 through the browser: an employee reports in under a minute (by keyboard only) and gets a receipt;
// an ISAM finds it, opens it and moves it on; triage of two at once (and the all-or-nothing 409); an IA
// import whose bad row is shown before anything is written; statistics; axe on every incident page.
test.describe.configure({ mode: 'serial' });

const u = unique();
const orgs = {
  stad: { slug: `inc-stad-${u}`, name: `Incidentstad ${u}`, type: 'stad' },
  forv: { slug: `inc-forv-${u}`, name: `Servicenämnden ${u}`, type: 'forvaltning', parent: `inc-stad-${u}` },
  enhet: { slug: `inc-enhet-${u}`, name: `Beställarenheten ${u}`, type: 'enhet', parent: `inc-forv-${u}` },
};
const employee = { name: `Medarbetare ${u}`, email: `med-${u}@e2e.test`, password: `Grön-björk-vandrar-${u}-tyst` };
const isam = { name: `Isam Samordnare ${u}`, email: `isam-${u}@e2e.test`, password: `Röd-räv-hoppar-${u}-högt` };
const reader = { name: `Läsare ${u}`, email: `las-${u}@e2e.test`, password: `Gul-uggla-läser-${u}-sakta` };
const dso = { name: `Dataskyddsombud ${u}`, email: `dso-${u}@e2e.test`, password: `Blå-val-simmar-${u}-djupt` };
const reportTitle = `E-post till fel mottagare ${u}`;
let receiptNumber = '';

/** An API session as the admin (its own cookie jar), for building the organisation and the people. */
async function quickViaApi(title: string, extra: Record<string, unknown> = {}): Promise<{ id: string; number: string }> {
  const { api, headers } = await adminApi();
  const res = await api.post('/api/incidents/quick', { headers, data: { title, org: orgs.enhet.slug, personalData: 'nej', ...extra } });
  expect(res.status(), await res.text()).toBe(201);
  const r = (await res.json()) as { id: string; number: string };
  await api.dispose();
  return r;
}

test.beforeAll(async () => {
  await seedOrgsAndPeople(Object.values(orgs), [
    [employee, 'medarbetare', orgs.enhet.slug],
    [isam, 'isam', orgs.forv.slug],
    [reader, 'lasare', orgs.forv.slug],
    [dso, 'dso', orgs.forv.slug],
  ]);
});

test('an employee reports an incident with the keyboard only and gets a receipt number', async ({ page }) => {
  const watch = watchErrors(page);
  await login(page, employee.email, employee.password);
  const nav = page.getByRole('navigation', { name: 'Moduler' });
  // An employee reports; the register is for handlers.
  await expect(nav.getByRole('link', { name: 'Incidenter' })).toHaveCount(0);
  await openModule(page, 'Rapportera incident');
  await expect(page.getByLabel('Vilken enhet?')).toHaveValue(orgs.enhet.slug);
  await expectNoAxeViolations(page, 'report form');

  // Keyboard only: focus the first field, type, Tab through the form, Space picks "Ja", Enter submits.
  const started = Date.now();
  await page.getByLabel('Vad har hänt?').focus();
  await page.keyboard.type(reportTitle);
  await page.keyboard.press('Tab');
  await page.keyboard.type('Ett mejl med en kallelse skickades till en annan vårdnadshavare.');
  const focused = () => page.evaluate(() => {
    const el = document.activeElement as HTMLInputElement | null;
    return el ? `${el.tagName}:${el.type ?? ''}:${el.value ?? ''}:${el.textContent ?? ''}` : '';
  });
  for (let i = 0; i < 30 && !(await focused()).startsWith('INPUT:radio'); i++) await page.keyboard.press('Tab');
  expect(await focused()).toContain('INPUT:radio:ja');
  await page.keyboard.press('Space');
  await expect(page.getByRole('radio', { name: 'Ja' })).toBeChecked();
  for (let i = 0; i < 30 && !(await focused()).includes('Skicka rapport'); i++) await page.keyboard.press('Tab');
  await page.keyboard.press('Enter');

  await expect(page.getByRole('heading', { level: 1, name: 'Tack – incidenten är rapporterad' })).toBeVisible();
  receiptNumber = (await page.getByTestId('receipt-number').textContent())?.trim() ?? '';
  expect(receiptNumber).toMatch(/^AV-\d{4}-\d{4}$/);
  expect(Date.now() - started).toBeLessThan(60_000);
  await expect(page.getByText('Vad händer nu?')).toBeVisible();
  // Without incident.read the way back from the own report leads to one's own reports, not to the closed register.
  await page.getByRole('link', { name: 'Visa ärendet' }).click();
  await expect(page.getByRole('heading', { level: 1, name: reportTitle })).toBeVisible();
  await expect(page.getByRole('link', { name: '← Tillbaka till Mina rapporter' })).toHaveAttribute('href', '/mina-rapporter');
  expect(watch.errors).toEqual([]);
  expect(watch.csp).toEqual([]);
  await logout(page, employee.name);
});

test('a report with errors shows them next to the fields', async ({ page }) => {
  await login(page, employee.email, employee.password);
  await openModule(page, 'Rapportera incident');
  await page.getByRole('button', { name: 'Skicka rapport' }).click();
  // Every missing answer at once, each at its field.
  await expect(page.getByText('Svara Ja, Nej eller Vet ej.')).toBeVisible();
  await expect(page.getByText('Beskriv kort vad som har hänt.')).toBeVisible();
  await page.getByRole('radio', { name: 'Nej' }).check();
  await page.getByRole('button', { name: 'Skicka rapport' }).click();
  // The server names the field (title is required); the message is shown at the field, described by it.
  await expect(page.getByLabel('Vad har hänt?')).toHaveAttribute('aria-invalid', 'true');
  await expect(page.getByRole('heading', { name: 'Tack – incidenten är rapporterad' })).toHaveCount(0);
  // On a phone the field focused for its error shows with its label, below the fixed header (WCAG 2.4.11).
  await page.setViewportSize({ width: 390, height: 844 });
  await page.reload();
  await page.getByRole('button', { name: 'Skicka rapport' }).click();
  const field = page.getByLabel('Vad har hänt?');
  await expect(field).toBeFocused();
  const header = (await page.locator('header').first().boundingBox())!;
  const label = (await page.locator('label', { hasText: 'Vad har hänt?' }).first().boundingBox())!;
  expect(label.y).toBeGreaterThanOrEqual(header.y + header.height);
});

test('the ISAM sees the report in the list, opens it and moves it to Under registrering', async ({ page }) => {
  const watch = watchErrors(page);
  await login(page, isam.email, isam.password);
  await chooseOrg(page, orgs.forv.slug);
  await openModule(page, 'Incidenter');
  const table = page.getByRole('table', { name: 'Incidenter' });
  const row = table.getByRole('row').filter({ hasText: receiptNumber });
  await expect(row).toContainText(reportTitle);
  await expect(row).toContainText('Rapporterad');
  // A personal-data report has the IMY clock running: a countdown with words, not colour alone.
  await expect(row).toContainText(/IMY: \d+\sd \d+\sh kvar/);
  await expectNoAxeViolations(page, 'incident list');
  await page.getByRole('button', { name: 'Exportera' }).click();
  await expect(page.getByRole('menuitem', { name: 'CSV: alla som matchar filtret', exact: true })).toBeVisible();
  // An ISAM may read protected text: exporting it is a separate, logged choice.
  await expect(page.getByRole('menuitem', { name: 'CSV med skyddade uppgifter (loggas)' })).toBeVisible();
  await expectNoAxeViolations(page, 'incident list export menu');
  await page.keyboard.press('Escape');
  // The select column is not one the user can hide (it is how triage selects).
  await page.getByRole('button', { name: 'Kolumner' }).click();
  await expect(page.getByRole('group', { name: 'Visa kolumner' }).getByRole('checkbox', { name: 'Välj' })).toHaveCount(0);
  await page.keyboard.press('Escape');

  await row.getByRole('link', { name: receiptNumber }).click();
  await expect(page.getByRole('heading', { level: 1, name: reportTitle })).toBeVisible();
  await expect(page.getByRole('table', { name: /GDPR art\. 33\/34/ })).toContainText('Anmälan till IMY (art. 33, 72 h)');
  // Only the allowed transitions are offered.
  const statusSection = page.getByRole('region', { name: 'Ändra status' });
  await expect(statusSection.getByRole('button')).toHaveText(['Flytta till Under registrering', 'Flytta till Förfallen']);
  await expectNoAxeViolations(page, 'incident detail');

  await statusSection.getByRole('button', { name: 'Flytta till Under registrering' }).click();
  await expect(statusSection.getByRole('button')).toHaveText(['Flytta till Under utredning', 'Flytta till Förfallen']);
  await expect(page.getByRole('region', { name: 'Statushistorik' })).toContainText('Rapporterad → Under registrering');
  // Förfallen ends the case unhandled: it asks first, and cancelling changes nothing.
  await statusSection.getByRole('button', { name: 'Flytta till Förfallen' }).click();
  await expect(statusSection).toContainText('Flytta till Förfallen? Ärendet räknas då som avslutat');
  await expect(statusSection.getByRole('button', { name: 'Ja, flytta till Förfallen' })).toBeVisible();
  await expectNoAxeViolations(page, 'incident detail asking before Förfallen');
  await statusSection.getByRole('button', { name: 'Avbryt' }).click();
  await expect(statusSection.getByRole('button')).toHaveText(['Flytta till Under utredning', 'Flytta till Förfallen']);
  // Focus returns to the button that asked; Escape answers no as well.
  await expect(statusSection.getByRole('button', { name: 'Flytta till Förfallen' })).toBeFocused();
  await page.keyboard.press('Enter');
  await expect(statusSection.getByRole('button', { name: 'Ja, flytta till Förfallen' })).toBeVisible();
  await page.keyboard.press('Escape');
  await expect(statusSection.getByRole('button', { name: 'Flytta till Förfallen' })).toBeFocused();
  await expect(page.getByRole('region', { name: 'Statushistorik' })).not.toContainText('Förfallen');

  // An åtgärd and a comment.
  await page.getByLabel('Ny åtgärd').fill('Be mottagaren radera mejlet');
  await page.getByRole('button', { name: 'Lägg till åtgärd' }).click();
  const actions = page.getByRole('region', { name: 'Åtgärder' });
  await expect(actions.getByRole('row').filter({ hasText: 'Be mottagaren radera mejlet' })).toContainText('Planerad');
  await actions.getByRole('button', { name: 'Markera åtgärden "Be mottagaren radera mejlet" som klar' }).click();
  await expect(actions.getByRole('row').filter({ hasText: 'Be mottagaren radera mejlet' })).toContainText('Klar');
  await page.getByLabel('Ny kommentar').fill('Mottagaren har bekräftat att mejlet är raderat.');
  await page.getByRole('button', { name: 'Kommentera' }).click();
  await expect(page.getByRole('region', { name: 'Kommentarer' })).toContainText('Mottagaren har bekräftat');
  await expectNoAxeViolations(page, 'incident detail with action and comment');
  // Yes moves it, and the only way on is to reopen it.
  await statusSection.getByRole('button', { name: 'Flytta till Förfallen' }).click();
  await statusSection.getByRole('button', { name: 'Ja, flytta till Förfallen' }).click();
  await expect(statusSection.getByRole('status')).toHaveText('Status ändrad till Förfallen.');
  await expect(statusSection.getByRole('button')).toHaveText(['Flytta till Under utredning']);
  await expect(page.getByRole('region', { name: 'Statushistorik' })).toContainText('Under registrering → Förfallen');
  expect(watch.errors).toEqual([]);
});

test('a stale edit asks to reload; attachments upload and download', async ({ page }) => {
  const c = await quickViaApi(`Dokument kvarlämnade ${u}`);
  await login(page, isam.email, isam.password);
  await page.goto(`/incidenter/${c.id}`);
  await expect(page.getByRole('heading', { level: 1, name: `Dokument kvarlämnade ${u}` })).toBeVisible();
  await page.getByRole('button', { name: 'Ändra uppgifter' }).click();
  // A unit's incident may be handed to anyone who may read it: the förvaltning's DSO and ISAM, not the employee.
  await expect(page.getByLabel('Handläggare').locator('option')).toHaveText(['Ingen', dso.name, isam.name, reader.name]);
  await page.getByLabel('Rubrik').fill(`Dokument kvar i skrivaren ${u}`);
  await expectNoAxeViolations(page, 'incident edit form');

  // Someone else saves first.
  const { api, headers } = await adminApi();
  const other = await api.patch(`/api/incidents/${c.id}`, { headers, data: { version: 1, imyReference: 'DI-2026-0001' } });
  expect(other.status(), await other.text()).toBe(200);
  await api.dispose();

  await page.getByRole('button', { name: 'Spara' }).click();
  const stale = page.getByRole('alert').filter({ hasText: 'Någon annan har ändrat detta' });
  await expect(stale).toBeVisible();
  // The message is above the form, out of sight from Spara: focus goes to it (and so it is scrolled into view).
  await expect(page.locator(':focus')).toContainText('Någon annan har ändrat detta');
  await expect(stale).toBeInViewport();
  await stale.getByRole('button', { name: 'Ladda om' }).click();
  await expect(stale).toHaveCount(0);
  await expect(page.getByLabel('IMY:s diarienummer')).toHaveValue('DI-2026-0001');
  await page.getByLabel('Rubrik').fill(`Dokument kvar i skrivaren ${u}`);
  await page.getByRole('button', { name: 'Spara' }).click();
  await expect(page.getByRole('heading', { level: 1, name: `Dokument kvar i skrivaren ${u}` })).toBeVisible();

  const attachments = page.getByRole('region', { name: 'Bilagor' });
  await attachments.getByLabel('Fil att bifoga').setInputFiles({ name: 'anteckning.txt', mimeType: 'text/plain', buffer: Buffer.from('Handlingarna hämtades kl. 10.15.\n', 'utf8') });
  await attachments.getByRole('button', { name: 'Ladda upp' }).click();
  const link = attachments.getByRole('link', { name: 'anteckning.txt' });
  await expect(link).toBeVisible();
  const download = page.waitForEvent('download');
  await link.click();
  expect((await download).suggestedFilename()).toBe('anteckning.txt');
  // A file that is not what its name says is refused with the server's reason.
  await attachments.getByLabel('Fil att bifoga').setInputFiles({ name: 'bild.png', mimeType: 'image/png', buffer: Buffer.from('inte en bild', 'utf8') });
  await attachments.getByRole('button', { name: 'Ladda upp' }).click();
  await expect(attachments.getByRole('alert')).toBeVisible();
  // Too large: said before anything is sent, in megabytes.
  await attachments.getByLabel('Fil att bifoga').setInputFiles({ name: 'stor.txt', mimeType: 'text/plain', buffer: Buffer.alloc(10 * 1024 * 1024 + 1, 'a') });
  await expect(attachments.getByRole('alert')).toHaveText('Filen är större än 10 MB. Välj en mindre fil.');
  await expect(attachments.getByRole('button', { name: 'Ladda upp' })).toBeDisabled();
});

test('a protected record shows a notice instead of its content to those not permitted', async ({ page }) => {
  const secret = `Adressen till den skyddade personen ${u}`;
  // The employee marks it protected in the report form itself: protected from the first moment.
  await login(page, employee.email, employee.password);
  await openModule(page, 'Rapportera incident');
  await page.getByLabel('Vad har hänt?').fill(`Brev till skyddad adress ${u}`);
  await page.getByLabel('Beskrivning (frivillig)').fill(secret);
  await page.getByRole('radio', { name: 'Ja' }).check();
  await page.getByRole('checkbox', { name: 'Det rör någon med skyddade personuppgifter (skyddad identitet)' }).check();
  await page.getByRole('button', { name: 'Skicka rapport' }).click();
  await page.getByRole('link', { name: 'Visa ärendet' }).click();
  await expect(page.getByRole('heading', { level: 1, name: `Brev till skyddad adress ${u}` })).toBeVisible();
  const c = { id: page.url().split('/').pop()! };
  await logout(page, employee.name);
  await login(page, reader.email, reader.password);
  await page.goto(`/incidenter/${c.id}`);
  await expect(page.getByRole('heading', { level: 1, name: `Brev till skyddad adress ${u}` })).toBeVisible();
  await expect(page.getByRole('note')).toContainText('Innehållet visas bara för behöriga: beskrivningen, bedömningen, kommentarerna och bilagorna');
  await expect(page.getByRole('note')).not.toContainText('Skyddade personuppgifter – ');
  await expect(page.getByText(secret)).toHaveCount(0);
  await expect(page.getByRole('region', { name: 'Kommentarer' })).toHaveCount(0);
  await expect(page.getByRole('region', { name: 'Bilagor' })).toHaveCount(0);
  await expectNoAxeViolations(page, 'protected incident (not permitted)');
  await logout(page, reader.name);

  await login(page, isam.email, isam.password);
  await page.goto(`/incidenter/${c.id}`);
  await expect(page.getByText(secret)).toBeVisible();
  await expect(page.getByRole('note')).toHaveCount(0);
});

test('an address with no incident behind it says so in words, not with its id, and leads back to the list', async ({ page }) => {
  const missing = '0190a3c4-1111-7222-8333-444455556666';
  await login(page, reader.email, reader.password);
  await page.goto(`/incidenter/${missing}`);
  await expect(page.getByRole('heading', { level: 1, name: 'Incidenten kunde inte visas' })).toBeVisible();
  const alert = page.getByRole('alert');
  await expect(alert).toContainText('Det finns ingen incident med den här adressen, eller så får du inte se den.');
  await expect(alert).not.toContainText(missing);
  await page.getByRole('link', { name: '← Tillbaka till incidenterna' }).click();
  await expect(page).toHaveURL(/\/incidenter(\?.*)?$/);
  await logout(page, reader.name);
});

test('triage: two incidents change status in one step; an illegal change names the refused ones', async ({ page }) => {
  const a = await quickViaApi(`Nätfiske A ${u}`);
  const b = await quickViaApi(`Nätfiske B ${u}`);
  const c = await quickViaApi(`Nätfiske C ${u}`);
  await login(page, isam.email, isam.password);
  await chooseOrg(page, orgs.forv.slug);
  await openModule(page, 'Incidenter');
  const table = page.getByRole('table', { name: 'Incidenter' });
  const triage = page.getByRole('region', { name: /Ändra markerade/ });
  // With nothing selected it only says how; the lists appear with the first selection.
  await expect(triage).toContainText('Markera incidenter i listan med kryssrutorna');
  await expect(triage.getByLabel('Ny status')).toHaveCount(0);
  await page.getByRole('checkbox', { name: `Markera ${a.number}` }).check();
  await page.getByRole('checkbox', { name: `Markera ${b.number}` }).check();
  await expect(triage.getByRole('heading')).toHaveText('Ändra markerade (2 st)');
  await triage.getByLabel('Ny status').selectOption('Under registrering');
  await triage.getByRole('button', { name: 'Ändra markerade' }).click();
  await expect(triage.getByRole('status')).toHaveText('2 incidenter ändrades.');
  for (const n of [a.number, b.number]) await expect(table.getByRole('row').filter({ hasText: n })).toContainText('Under registrering');

  // Only statuses one of the selected may move to are offered (Under registrering and Rapporterad: no Klar).
  await page.getByRole('checkbox', { name: `Markera ${a.number}` }).check();
  await page.getByRole('checkbox', { name: `Markera ${c.number}` }).check();
  await expect(triage.getByLabel('Ny status').locator('option')).toHaveText(['Oförändrad', 'Under registrering', 'Under utredning', 'Förfallen']);
  // Rapporterad → Under utredning is not allowed: nothing changes and the refused one is listed.
  await triage.getByLabel('Ny status').selectOption('Under utredning');
  await triage.getByRole('button', { name: 'Ändra markerade' }).click();
  const alert = page.getByRole('alert').filter({ hasText: 'Inget ändrades' });
  await expect(alert).toContainText(c.number);
  await expect(alert).not.toContainText(a.number);
  await expect(alert).toContainText('Tillåtet härifrån');
  await expect(table.getByRole('row').filter({ hasText: a.number })).toContainText('Under registrering');
  // In English the server's reason names the statuses in English too.
  await page.getByRole('button', { name: 'English' }).click();
  const alertEn = page.getByRole('alert').filter({ hasText: 'Nothing changed' });
  await expect(alertEn).toContainText('Status cannot change from "Reported" to "Under investigation"');
  await expect(alertEn.getByRole('button', { name: 'Unselect the one that cannot be changed' })).toBeVisible();
  await page.getByRole('button', { name: 'Svenska' }).click();
  // One button unticks exactly the refused ones (with 40 selected, not by hand); the rest can then be changed.
  await expect(alert).toContainText('Ändringen görs för alla eller ingen');
  await expectNoAxeViolations(page, 'triage refusal with its unselect button');
  await alert.getByRole('button', { name: 'Avmarkera den som inte kan ändras' }).click();
  await expect(triage.getByRole('status')).toHaveText('1 incident som inte kunde ändras är avmarkerad.');
  await expect(triage.locator('.triage-result')).toBeFocused();
  await expect(page.getByRole('checkbox', { name: `Markera ${c.number}` })).not.toBeChecked();
  await expect(page.getByRole('checkbox', { name: `Markera ${a.number}` })).toBeChecked();
  await expect(triage.getByRole('heading')).toHaveText('Ändra markerade (1 st)');
  await triage.getByRole('button', { name: 'Ändra markerade' }).click();
  await expect(triage.getByRole('status')).toHaveText('1 incident ändrades.');
  await expect(table.getByRole('row').filter({ hasText: a.number })).toContainText('Under utredning');
  await expect(table.getByRole('row').filter({ hasText: c.number })).toContainText('Rapporterad');
});

test('triage: a kind that would give a closed case a legal duty is refused as a change, not as a status', async ({ page }) => {
  const a = await quickViaApi(`Stängd skrivare ${u}`);
  const { api, headers } = await adminApi();
  let version = 1;
  for (const status of ['Under registrering', 'Under utredning', 'Klar']) {
    const r = await api.patch(`/api/incidents/${a.id}`, { headers, data: { version, status } });
    expect(r.status(), await r.text()).toBe(200);
    version = ((await r.json()) as { version: number }).version;
  }
  await api.dispose();
  await login(page, isam.email, isam.password);
  await chooseOrg(page, orgs.forv.slug);
  await openModule(page, 'Incidenter');
  const triage = page.getByRole('region', { name: /Ändra markerade/ });
  await page.getByRole('checkbox', { name: `Markera ${a.number}` }).check();
  await triage.getByLabel('Ny typ').selectOption('Personuppgiftsincident');
  await triage.getByRole('button', { name: 'Ändra markerade' }).click();
  const alert = page.getByRole('alert').filter({ hasText: 'Inget ändrades' });
  await expect(alert).toContainText('1 incident kan inte ändras så');
  await expect(alert).toContainText('öppna ärendena igen först');
  await expect(alert).not.toContainText('kan inte få den statusen');
  await expect(alert).toContainText(a.number);
});

test('triage: an incident someone else changed since the list was loaded is not overwritten; reload and change again', async ({ page }) => {
  const a = await quickViaApi(`Låst skrivare A ${u}`);
  const b = await quickViaApi(`Låst skrivare B ${u}`);
  await login(page, isam.email, isam.password);
  await chooseOrg(page, orgs.forv.slug);
  await openModule(page, 'Incidenter');
  const triage = page.getByRole('region', { name: /Ändra markerade/ });
  await page.getByRole('checkbox', { name: `Markera ${a.number}` }).check();
  await page.getByRole('checkbox', { name: `Markera ${b.number}` }).check();
  await triage.getByLabel('Ny typ').selectOption('IT-säkerhet');

  // Someone else saves b after the list was loaded.
  const { api, headers } = await adminApi();
  const other = await api.patch(`/api/incidents/${b.id}`, { headers, data: { version: 1, kind: 'Arbetsmiljö' } });
  expect(other.status(), await other.text()).toBe(200);
  const kindOf = async (id: string) => ((await (await api.get(`/api/incidents/${id}`, { headers })).json()) as { kind: string | null }).kind;

  await triage.getByRole('button', { name: 'Ändra markerade' }).click();
  const stale = triage.getByRole('alert').filter({ hasText: 'Någon annan har ändrat detta' });
  await expect(stale).toContainText(`1 av 2 incidenter har ändrats av någon annan sedan de lästes in: ${b.number}. Inget har ändrats.`);
  await expect(triage.locator('.triage-result')).toBeFocused();
  expect([await kindOf(a.id), await kindOf(b.id)]).toEqual([null, 'Arbetsmiljö']);
  await expectNoAxeViolations(page, 'triage refused for a stale version');

  // Reloaded: the selection stays, with the rows as they are now, and the same change goes through.
  await stale.getByRole('button', { name: 'Ladda om' }).click();
  await expect(triage.getByRole('status')).toHaveText('Listan är omladdad. 2 incidenter är markerade, som de ser ut nu. Välj Ändra markerade igen.');
  await expect(triage.locator('.triage-result')).toBeFocused();
  await triage.getByRole('button', { name: 'Ändra markerade' }).click();
  await expect(triage.getByRole('status')).toHaveText('2 incidenter ändrades.');
  expect([await kindOf(a.id), await kindOf(b.id)]).toEqual(['IT-säkerhet', 'IT-säkerhet']);
  await api.dispose();
});

test('the category dialog names errors by field and gives focus back to its button', async ({ page }) => {
  await login(page, isam.email, isam.password);
  await chooseOrg(page, orgs.forv.slug);
  await openModule(page, 'Incidenter');
  await page.getByRole('navigation', { name: 'Incidenter – undersidor' }).getByRole('link', { name: 'Kategorier' }).click();
  const open = page.getByRole('button', { name: 'Ny kategori' });
  await open.click();
  const dialog = page.getByRole('dialog');
  await dialog.getByRole('button', { name: 'Spara' }).click();
  await expect(dialog.getByLabel('Namn')).toHaveAttribute('aria-invalid', 'true');
  await expect(dialog).toContainText('Fyll i fältet: det får inte vara tomt.');
  await expect(dialog).not.toContainText('name:');
  await page.keyboard.press('Escape');
  await expect(dialog).toHaveCount(0);
  await expect(open).toBeFocused();
  await open.click();
  await page.getByRole('dialog').getByRole('button', { name: 'Avbryt' }).click();
  await expect(open).toBeFocused();
});

test('import: the dry run shows the bad line and nothing is written until confirmed with skip', async ({ page }) => {
  await login(page, isam.email, isam.password);
  await chooseOrg(page, orgs.forv.slug);
  await openModule(page, 'Incidenter');
  await page.getByRole('navigation', { name: 'Incidenter – undersidor' }).getByRole('link', { name: 'Import från IA' }).click();
  await expect(page.getByRole('heading', { level: 1, name: 'Import från IA' })).toBeVisible();
  await expectNoAxeViolations(page, 'import page');

  const ids = [`IA-${u}-1`, `IA-${u}-2`, `IA-${u}-3`];
  // A title line above the header, as some exports have: skipped with a warning, line numbers stay the file's.
  const csv = [
    'Avvikelser från IA',
    'Ärende-ID;Rubrik;Rapporterad;Status;Typ;Kategori;Personuppgiftsincident',
    `${ids[0]};Importerad ett ${u};2025-02-03 09:14;Klar;Personuppgiftsincident;Fel mottagare;Ja`,
    `${ids[1]};Importerad två ${u};2025-02-04;Påhittad status;IT-säkerhet;Nätfiske;Nej`,
    `${ids[2]};Importerad tre ${u};2025-02-05 10:00;Under utredning;IT-säkerhet;Nätfiske;Nej`,
  ].join('\r\n');
  await page.getByLabel('Fil att importera').setInputFiles({ name: 'ia-export.csv', mimeType: 'text/csv', buffer: Buffer.from(csv, 'utf8') });
  await page.getByRole('button', { name: 'Provkör (inget sparas)' }).click();

  const preview = page.getByRole('region', { name: 'Provkörning – inget har sparats' });
  await expect(preview).toBeVisible();
  const counts = preview;
  await expect(counts.locator('dt', { hasText: 'Nya' }).locator('xpath=following-sibling::dd')).toHaveText('2');
  await expect(counts.locator('dt', { hasText: 'Ogiltiga rader' }).locator('xpath=following-sibling::dd')).toHaveText('1');
  const bad = preview.getByRole('table', { name: /Ogiltiga rader/ }).getByRole('row').nth(1);
  await expect(bad.getByRole('cell').nth(0)).toHaveText('4');
  await expect(preview.getByRole('alert').filter({ hasText: 'Varningar' }).getByRole('listitem')).toHaveText(['Rad 1 före rubrikraden (rad 2) hoppades över.']);
  await expect(bad.getByRole('cell').nth(1)).toHaveText('Status');
  await expect(bad.getByRole('cell').nth(2)).toContainText('Påhittad status');
  await expectNoAxeViolations(page, 'import preview');

  // Nothing is written by the dry run; the import needs the skip option while a row is bad.
  const imported = async () => {
    const r = await page.request.get(`/api/incidents?org=${orgs.forv.slug}&limit=200`);
    const body = (await r.json()) as { items: { externalId: string | null }[] };
    return body.items.filter((i) => i.externalId && ids.includes(i.externalId)).length;
  };
  expect(await imported()).toBe(0);
  const confirm = preview.getByRole('button', { name: 'Importera' });
  await expect(confirm).toBeDisabled();
  await preview.getByLabel('Hoppa över ogiltiga rader').check();
  await confirm.click();

  const done = page.getByRole('region', { name: 'Importen är klar' });
  await expect(done).toBeVisible();
  await expect(done.locator('dt', { hasText: 'Nya' }).first().locator('xpath=following-sibling::dd')).toHaveText('2');
  // The warnings still hold after the import, and stay in sight with its result.
  await expect(done.getByRole('alert').filter({ hasText: 'Varningar' }).getByRole('listitem')).toHaveText(['Rad 1 före rubrikraden (rad 2) hoppades över.']);
  expect(await imported()).toBe(2);
  // The result leads to the list.
  await expect(done.getByRole('link', { name: 'Visa incidenterna' })).toHaveAttribute('href', '/incidenter');
  // The same file again: its new preview takes the result's place and says the import would now change nothing.
  await page.getByRole('button', { name: 'Provkör (inget sparas)' }).click();
  await expect(page.getByRole('heading', { name: 'Provkörning – inget har sparats' })).toBeFocused();
  await expect(done).toHaveCount(0);
  await expect(preview.locator('dt', { hasText: 'Oförändrade' }).locator('xpath=following-sibling::dd')).toHaveText('2');

  // The next export from IA: one case closed, one recategorised. The preview says what the updates change, by column.
  const next = [
    'Ärende-ID;Rubrik;Rapporterad;Status;Typ;Kategori;Personuppgiftsincident',
    `${ids[0]};Importerad ett ${u};2025-02-03 09:14;Klar;Personuppgiftsincident;Fel mottagare;Ja`,
    `${ids[2]};Importerad tre ${u};2025-02-05 10:00;Klar;IT-säkerhet;Obehörig åtkomst;Nej`,
  ].join('\r\n');
  await page.getByLabel('Fil att importera').setInputFiles({ name: 'ia-export-2.csv', mimeType: 'text/csv', buffer: Buffer.from(next, 'utf8') });
  await page.getByRole('button', { name: 'Provkör (inget sparas)' }).click();
  await expect(preview.locator('dt', { hasText: 'Uppdaterade' }).locator('xpath=following-sibling::dd')).toHaveText('1');
  await expect(preview.getByRole('list', { name: 'Vad uppdateringarna ändrar' }).getByRole('listitem')).toHaveText([`Status: 1 rad (t.ex. ${ids[2]})`, `Kategori: 1 rad (t.ex. ${ids[2]})`]);
  await expectNoAxeViolations(page, 'import preview with changes');

  // A file without a required column: nothing can be imported, and no button or option pretends otherwise.
  await page.getByLabel('Fil att importera').setInputFiles({ name: 'utan-datum.csv', mimeType: 'text/csv', buffer: Buffer.from('Ärende-ID;Rubrik;Status\r\nX-1;Utan datum;Klar\r\n', 'utf8') });
  await page.getByRole('button', { name: 'Provkör (inget sparas)' }).click();
  await expect(preview.getByText('Inget i filen kan importeras. Rätta felen ovan i filen och välj den igen.')).toBeVisible();
  await expect(preview.getByRole('table', { name: /Ogiltiga rader/ })).toContainText('Rapporterad');
  await expect(preview.getByRole('button', { name: 'Importera' })).toHaveCount(0);
  await expect(preview.getByLabel('Hoppa över ogiltiga rader')).toHaveCount(0);
  await expectNoAxeViolations(page, 'import preview, nothing importable');
});

test('deadlines and statistics show the figures as tables and charts', async ({ page }) => {
  await login(page, isam.email, isam.password);
  await chooseOrg(page, orgs.forv.slug);
  await page.goto('/incidenter/tidsfrister');
  await expect(page.getByRole('heading', { level: 1, name: 'Tidsfrister' })).toBeVisible();
  await expect(page.getByRole('table', { name: /Löpande tidsfrister/ }).getByRole('row').filter({ hasText: receiptNumber })).toContainText('Anmälan till IMY');
  await expectNoAxeViolations(page, 'deadlines');
  // The start page's warnings count every organisation the person may read; their link shows all of them.
  await page.goto('/incidenter/tidsfrister?alla=1');
  await expect(page.getByText('Alla löpande lagstadgade tidsfrister i de organisationer du har behörighet till')).toBeVisible();
  await expect(page.getByRole('table', { name: /Löpande tidsfrister/ }).getByRole('row').filter({ hasText: receiptNumber })).toBeVisible();

  await page.getByRole('navigation', { name: 'Incidenter – undersidor' }).getByRole('link', { name: 'Statistik' }).click();
  await expect(page.getByRole('heading', { level: 1, name: 'Incidentstatistik' })).toBeVisible();
  // Reported this year: the employee's two reports and the seven from the API (+ the two imported rows if it is 2025).
  const year = new Intl.DateTimeFormat('sv-SE', { timeZone: 'Europe/Stockholm', year: 'numeric' }).format(new Date());
  const expected = 9 + (year === '2025' ? 2 : 0);
  await expect(page.getByLabel('År')).toHaveValue(year);
  const summary = page.getByRole('table', { name: /^Sammanfattning/ });
  await expect(summary.getByRole('row', { name: /Antal incidenter/ }).getByRole('cell').first()).toHaveText(String(expected));
  await expect(page.getByRole('img', { name: /Diagram: incidenter per status: Rapporterad \d+/ })).toBeVisible();
  await expect(page.locator('figure canvas').first()).toBeVisible();
  // Kind and category year on year: the year before has a column, and a category of last year only a row.
  const byCategory = page.getByRole('table', { name: 'Per kategori' });
  await expect(byCategory.getByRole('columnheader', { name: String(Number(year) - 1) })).toBeVisible();
  if (year === '2026') await expect(byCategory.getByRole('row', { name: /Fel mottagare/ }).getByRole('cell').last()).toHaveText('1');
  // The month table names its years (not "this year and last year", wrong for any year but the current one).
  await expect(page.getByRole('table', { name: `Per månad, ${year} och ${Number(year) - 1}`, exact: true })).toBeVisible();
  await expectNoAxeViolations(page, 'statistics');

  // The imported 2025 rows count in 2025.
  if (year !== '2025') {
    await page.getByLabel('År').selectOption('2025');
    await expect(page.getByRole('table', { name: /^Sammanfattning/ }).getByRole('row', { name: /Antal incidenter/ }).getByRole('cell').first()).toHaveText('2');
    await expect(page.getByRole('table', { name: 'Per kategori' }).getByRole('row', { name: /Fel mottagare/ })).toContainText('1');
    await expect(page.getByRole('table', { name: 'Per månad, 2025 och 2024', exact: true })).toBeVisible();
    // A past year is counted as of its last day, as in the management review; a later day is the user's to choose.
    const asOf = page.getByLabel('Läget den');
    await expect(asOf).toHaveValue('2025-12-31');
    await expect(page.getByRole('table', { name: 'Sammanfattning (anmälningar gjorda senast den 2025-12-31)', exact: true })).toBeVisible();
    await asOf.fill('2026-01-15');
    await expect(page.getByRole('table', { name: 'Per status den 2026-01-15', exact: true })).toBeVisible();
    await expect(page.getByRole('table', { name: 'Sammanfattning (anmälningar gjorda senast den 2026-01-15)', exact: true })).toBeVisible();
    // A day outside the year's first day and today is said at the field, not silently replaced; the figures stay at the default day.
    await asOf.fill('2024-06-01');
    await expect(asOf).toHaveValue('2024-06-01');
    await expect(asOf).toHaveAccessibleDescription(/Välj en dag från 2025-01-01 till i dag/);
    await expect(page.getByRole('table', { name: 'Sammanfattning (anmälningar gjorda senast den 2025-12-31)', exact: true })).toBeVisible();
  }
});
