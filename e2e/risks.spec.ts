import { expect, test, type Locator, type Page } from '@playwright/test';
import { adminApi, expectNoAxeViolations, importSkippingBadRow, login, openModule, unique, watchErrors } from './helpers';

// Issue 5 through the browser: the VoR editor with the keyboard-driven matrix picker (riskvärde computed, IKP
// proposal shown), management's IKP decision, a register risk found through its heat-map cell, and axe on every
// risk page (VoR, IKP, register/heat map, continuity with RSA, scales).
test.describe.configure({ mode: 'serial' });

const u = unique();
const orgs = {
  stad: { slug: `risk-stad-${u}`, name: `Riskstad ${u}`, type: 'stad' },
  forv: { slug: `risk-forv-${u}`, name: `Hässelby-Vällingby ${u}`, type: 'forvaltning', parent: `risk-stad-${u}` },
};
const eventTitle = `Behörigheter tas inte bort när anställda slutar ${u}`;
const riskTitle = `Kontaktcenterplattformen saknar reservrutin ${u}`;
const otherRiskTitle = `Låg risk i annan cell ${u}`;

async function post(path: string, data: unknown): Promise<Record<string, unknown>> {
  const { api, headers } = await adminApi();
  const r = await api.post(path, { headers, data });
  expect(r.status(), await r.text()).toBe(201);
  const body = (await r.json()) as Record<string, unknown>;
  await api.dispose();
  return body;
}

async function chooseOrg(page: Page) {
  await page.getByLabel('Vald organisation').selectOption(orgs.forv.slug);
}

async function subNav(page: Page, link: string, heading: string) {
  await page.getByRole('navigation', { name: 'Riskarbete' }).getByRole('link', { name: link, exact: true }).click();
  await expect(page.getByRole('heading', { level: 1, name: heading })).toBeVisible();
}

test.beforeAll(async () => {
  for (const o of [orgs.stad, orgs.forv]) await post('/api/orgs', o);
  // Data for the RSA and continuity pages (their editing is covered by the API tests).
  const rsa = (await post('/api/risks/rsa', { org: orgs.forv.slug, cycleStartYear: 2025 })) as { id: string };
  const activity = (await post(`/api/risks/rsa/${rsa.id}/activities`, {
    name: 'Kontaktcenter',
    dependencies: [{ type: 'system', name: 'Artvise' }, { type: 'el', name: 'Reservkraft' }],
    threats: [{ title: 'Leverantörens driftavbrott' }],
    capability: 'viss',
  })) as { id: string };
  await post('/api/risks/continuity-plans', { org: orgs.forv.slug, title: 'Kontinuitetsplan Artvise', activityId: activity.id, objectName: 'Artvise', owner: 'Enhetschef', nextReview: '2020-01-31' });
  await post('/api/risks/exercises', { org: orgs.forv.slug, date: '2025-05-12', title: 'Övning: Artvise ligger nere', participants: ['Kontaktcenter', 'IT'] });
});

test('VoR: an event assessed with the keyboard in the matrix picker gets riskvärde 16 and "Till IKP"', async ({ page }) => {
  const watch = watchErrors(page);
  await login(page);
  await chooseOrg(page);
  await openModule(page, 'Risker', 'Väsentlighets- och riskanalys (VoR)');
  await page.getByRole('button', { name: 'Skapa VoR' }).click();
  const create = page.getByRole('dialog');
  const year = await create.getByLabel('År').inputValue();
  await create.getByRole('button', { name: 'Skapa VoR' }).click();
  await expect(page.getByRole('heading', { name: `VoR ${year} – ${orgs.forv.name}` })).toBeVisible();
  // The mandatory process with its five arbetssätt is preset.
  for (const a of ['Behörighetshantering', 'Implementering av lokal anvisning', 'Incidenthantering', 'Informationsklassning', 'Informationssäkerhet inom upphandlingsförfarandet']) {
    await expect(page.getByRole('heading', { name: a, exact: true })).toBeVisible();
  }
  await expectNoAxeViolations(page, 'VoR editor');

  await page.getByRole('button', { name: 'Ny händelse i Behörighetshantering' }).click();
  const dialog = page.getByRole('dialog', { name: 'Ny oönskad händelse' });
  await dialog.getByRole('textbox', { name: 'Oönskad händelse' }).fill(eventTitle);
  await dialog.getByLabel('Motivering').fill('Rutinen för avslut följs inte alltid.');
  // Keyboard only in the matrix: one tab stop, ↑ raises sannolikhet, → raises konsekvens.
  const matrix = dialog.getByRole('radiogroup', { name: 'Bedömning (sannolikhet × konsekvens)' });
  await matrix.getByRole('radio', { name: 'Osannolik × Försumbar = 1' }).focus();
  for (let i = 0; i < 3; i++) await page.keyboard.press('ArrowUp');
  for (let i = 0; i < 3; i++) await page.keyboard.press('ArrowRight');
  const chosen = matrix.getByRole('radio', { name: 'Sannolik × Allvarlig = 16' });
  await expect(chosen).toHaveAttribute('aria-checked', 'true');
  await expect(chosen).toBeFocused();
  await expect(dialog.getByTestId('event-riskvarde')).toHaveText('16');
  await expect(dialog.getByText('Till IKP')).toBeVisible();
  await expectNoAxeViolations(page, 'VoR event dialog');
  // The server's problem names the field; its message shows at that field (without the API's field key) and nothing is written.
  const titleBox = dialog.getByRole('textbox', { name: 'Oönskad händelse' });
  await titleBox.fill('   ');
  await dialog.getByRole('button', { name: 'Lägg till händelse' }).click();
  await expect(titleBox).toHaveAttribute('aria-invalid', 'true');
  await expect(titleBox).toHaveAccessibleDescription('Fyll i fältet: det får inte vara tomt.');
  await titleBox.fill(eventTitle);
  await dialog.getByRole('button', { name: 'Lägg till händelse' }).click();
  await expect(dialog).toHaveCount(0);

  const row = page.getByRole('row').filter({ hasText: eventTitle });
  await expect(row.getByRole('cell').nth(3)).toHaveText(/^16/);
  await expect(row.getByText('Till IKP')).toBeVisible();
  await expect(row.getByText('Ej beslutat')).toBeVisible();
  // The one 400 is the deliberate empty title above.
  expect(watch.errors.filter((e) => !/status of 400/.test(e))).toEqual([]);
  expect(watch.csp).toEqual([]);
});

test('IKP: management records the decision apart from the proposal', async ({ page }) => {
  await login(page);
  await chooseOrg(page);
  await openModule(page, 'Risker', 'Väsentlighets- och riskanalys (VoR)');
  await subNav(page, 'IKP-beslut', 'IKP-beslut');
  const row = page.getByRole('row').filter({ hasText: eventTitle });
  await expect(row.getByText('Till IKP')).toBeVisible();
  await expectNoAxeViolations(page, 'IKP decisions');
  // Approving now would leave the proposal without a decision: the dialog says so (and is cancelled here).
  await page.getByRole('button', { name: 'Godkänn VoR' }).click();
  const approve = page.getByRole('dialog');
  await expect(approve.getByText(/som föreslås till IKP har inget beslut än/)).toBeVisible();
  await approve.getByRole('button', { name: 'Avbryt' }).click();
  await expect(approve).toHaveCount(0);
  await row.getByRole('button', { name: `Besluta om IKP för ${eventTitle}` }).click();
  const dialog = page.getByRole('dialog', { name: 'Beslut om internkontrollplanen' });
  await dialog.getByRole('radio', { name: 'Med i internkontrollplanen', exact: true }).check();
  await dialog.getByLabel('Kommentar').fill('Tas in i IKP enligt förslaget.');
  await dialog.getByRole('button', { name: 'Spara beslut' }).click();
  await expect(dialog).toHaveCount(0);
  await expect(row.getByText('Med i IKP')).toBeVisible();
  await expect(row.getByText(/Tas in i IKP enligt förslaget/)).toBeVisible();

  // The VoR editor shows the decision next to the proposal.
  await subNav(page, 'VoR', 'Väsentlighets- och riskanalys (VoR)');
  const vorRow = page.getByRole('row').filter({ hasText: eventTitle });
  await expect(vorRow.getByText('Till IKP')).toBeVisible();
  await expect(vorRow.getByText('Med i IKP')).toBeVisible();
});

test('next year: open actions are carried, and a changed probability moves riskvärde and the proposal', async ({ page }) => {
  await login(page);
  await chooseOrg(page);
  await openModule(page, 'Risker', 'Väsentlighets- och riskanalys (VoR)');
  const heading = page.getByRole('heading', { level: 2, name: /^VoR \d{4} – / });
  const year = Number(/VoR (\d{4})/.exec((await heading.textContent()) ?? '')![1]);

  // An åtgärd with owner, due date and status on the event.
  await page.getByRole('button', { name: `Ändra ${eventTitle}` }).click();
  const dialog = page.getByRole('dialog', { name: 'Oönskad händelse' });
  await dialog.getByRole('button', { name: 'Ny åtgärd' }).click();
  // The form opens in place with focus in it, and focus comes back to Ny åtgärd when it is saved.
  await expect(dialog.getByRole('textbox', { name: 'Åtgärd', exact: true })).toBeFocused();
  await dialog.getByRole('textbox', { name: 'Åtgärd', exact: true }).fill('Inför kvartalsvis behörighetsgenomgång');
  await dialog.getByLabel('Ansvarig', { exact: true }).fill('Systemförvaltare');
  await dialog.getByLabel('Klart senast').fill(`${year}-12-31`);
  await dialog.getByLabel('Status', { exact: true }).selectOption('pagar');
  await dialog.getByRole('button', { name: 'Spara åtgärd' }).click();
  const actionRow = dialog.getByRole('row').filter({ hasText: 'Inför kvartalsvis behörighetsgenomgång' });
  await expect(actionRow).toContainText('Systemförvaltare');
  await expect(actionRow).toContainText('Pågår');
  await expect(dialog.getByRole('button', { name: 'Ny åtgärd' })).toBeFocused();
  await expectNoAxeViolations(page, 'VoR event dialog with actions');
  await page.keyboard.press('Escape');
  await expect(dialog).toHaveCount(0);

  await page.getByRole('button', { name: 'Starta nästa års VoR' }).click();
  const next = page.getByRole('dialog', { name: `Starta VoR ${year + 1}` });
  await expect(next).toContainText('1 händelser kopieras och 1 öppna åtgärder förs över');
  await next.getByRole('button', { name: `Starta VoR ${year + 1}` }).click();
  await expect(next.getByRole('button', { name: `Öppna VoR ${year + 1}` })).toBeFocused();
  await expect(next.getByText('1 händelse kopierad')).toBeVisible();
  await expect(next.getByText('1 öppen åtgärd överförd')).toBeVisible();
  await next.getByRole('button', { name: `Öppna VoR ${year + 1}` }).click();
  await expect(page.getByRole('heading', { name: `VoR ${year + 1} – ${orgs.forv.name}` })).toBeVisible();
  const row = page.getByRole('row').filter({ hasText: eventTitle });
  await expect(row.getByText('Överförd')).toBeVisible();

  // One step down in likelihood: 12 is still at the threshold, 8 is below it.
  await row.getByRole('button', { name: `Ändra ${eventTitle}` }).click();
  const edit = page.getByRole('dialog', { name: 'Oönskad händelse' });
  await expect(edit.getByRole('row').filter({ hasText: 'Inför kvartalsvis behörighetsgenomgång' })).toContainText('Överförd');
  await edit.getByRole('radio', { name: 'Sannolik × Allvarlig = 16' }).focus();
  await page.keyboard.press('ArrowDown');
  await expect(edit.getByTestId('event-riskvarde')).toHaveText('12');
  await expect(edit.getByText('Till IKP')).toBeVisible();
  await page.keyboard.press('ArrowDown');
  await expect(edit.getByRole('radio', { name: 'Mindre sannolik × Allvarlig = 8' })).toHaveAttribute('aria-checked', 'true');
  await expect(edit.getByTestId('event-riskvarde')).toHaveText('8');
  await expect(edit.getByText('Endast VoR')).toBeVisible();
  await edit.getByRole('button', { name: 'Spara', exact: true }).click();
  await expect(edit).toHaveCount(0);
  await expect(row.getByRole('cell').nth(3)).toHaveText(/^8/);
  await expect(row.getByText('Endast VoR')).toBeVisible();
  await expect(row).toContainText('tidigare riskvärde 16');
});

/**
 * Types 31 February 2027 into a native date field as a person would. The field's order of day, month and year is the
 * browser's own (not the page's language): each order is tried until the browser holds a date it cannot read.
 */
async function typeImpossibleDate(page: Page, field: Locator) {
  for (const keys of ['02312027', '31022027']) {
    await field.fill('');
    await field.focus();
    await page.keyboard.type(keys);
    if (await field.evaluate((i: HTMLInputElement) => i.validity.badInput)) return;
  }
  throw new Error('could not type an impossible date into the date field');
}

test('register: a new risk is found by clicking its heat-map cell', async ({ page }) => {
  await post('/api/risks/register', { org: orgs.forv.slug, title: otherRiskTitle, inherent: { sannolikhet: 1, konsekvens: 1 } });
  await login(page);
  await chooseOrg(page);
  await openModule(page, 'Risker', 'Väsentlighets- och riskanalys (VoR)');
  await subNav(page, 'Riskregister', 'Riskregister');
  await page.getByRole('button', { name: 'Ny risk' }).click();
  const dialog = page.getByRole('dialog');
  await dialog.getByRole('textbox', { name: 'Risk', exact: true }).fill(riskTitle);
  await dialog.getByLabel('Riskägare').fill('Kontaktcenterchef');
  const inherent = dialog.getByRole('radiogroup', { name: 'Inneboende risk (före åtgärder)' });
  await inherent.getByRole('radio', { name: 'Osannolik × Försumbar = 1' }).focus();
  for (let i = 0; i < 2; i++) await page.keyboard.press('ArrowUp');
  for (let i = 0; i < 2; i++) await page.keyboard.press('ArrowRight');
  await expect(inherent.getByRole('radio', { name: 'Möjlig × Kännbar = 9' })).toHaveAttribute('aria-checked', 'true');
  await dialog.getByLabel('Hantering', { exact: true }).selectOption('reducera');
  // A day the month does not have is not saved as no date: the form is not sent, and the field says why.
  const review = dialog.getByLabel('Nästa översyn');
  await typeImpossibleDate(page, review);
  await dialog.getByRole('button', { name: 'Lägg till risk' }).click();
  await expect(review).toBeFocused();
  expect(await review.evaluate((i: HTMLInputElement) => i.validationMessage)).toBe('Datumet finns inte. Ange ett datum som finns i kalendern, eller töm fältet.');
  await expect(dialog).toBeVisible();
  await review.fill('2027-02-28');
  await dialog.getByRole('button', { name: 'Lägg till risk' }).click();
  await expect(dialog).toHaveCount(0);

  const cell = page.getByRole('button', { name: /^Möjlig × Kännbar = 9 .*: 1 risk$/ });
  await expect(cell).toBeVisible();
  await expectNoAxeViolations(page, 'risk register with heat map');
  await cell.click();
  await expect(cell).toHaveAttribute('aria-pressed', 'true');
  await expect(page.getByRole('heading', { name: 'Risker i Möjlig × Kännbar = 9' })).toBeVisible();
  await expect(page.getByRole('row').filter({ hasText: riskTitle })).toBeVisible();
  await expect(page.getByRole('row').filter({ hasText: otherRiskTitle })).toHaveCount(0);
  await page.getByRole('button', { name: 'Visa alla risker' }).click();
  await expect(page.getByRole('row').filter({ hasText: otherRiskTitle })).toBeVisible();
});

test('RSA, continuity, actions and scales pages pass axe', async ({ page }) => {
  await login(page);
  await chooseOrg(page);
  await openModule(page, 'Risker', 'Väsentlighets- och riskanalys (VoR)');
  // RSA is a tab of Kontinuitet; the old page's address (bookmarks, links in e-mail) opens it there. The start page's
  // "processes without a fastställd plan" opens the latest cycle that has such processes, not a next one still empty.
  await post('/api/risks/rsa', { org: orgs.forv.slug, cycleStartYear: 2027 });
  await page.goto('/risker/rsa?utanPlan=1');
  await expect(page).toHaveURL(/\/risker\/kontinuitet\?utanPlan=1&flik=rsa$/);
  await expect(page.getByLabel('Cykel')).toHaveValue(/.+/);
  await expect(page.getByLabel('Cykel').locator('option:checked')).toHaveText(/^2025–2026/);
  await expect(page.getByRole('checkbox', { name: 'Bara processer utan fastställd kontinuitetsplan' })).toBeChecked();
  await expect(page.getByRole('heading', { level: 1, name: 'Kontinuitet och övningar' })).toBeVisible();
  await expect(page.getByRole('tab', { name: 'RSA och processer' })).toHaveAttribute('aria-selected', 'true');
  await expect(page.getByRole('row').filter({ hasText: 'Kontaktcenter' })).toContainText('System: Artvise');
  await expectNoAxeViolations(page, 'RSA');
  await subNav(page, 'Kontinuitet och övningar', 'Kontinuitet och övningar');
  await page.getByRole('tab', { name: 'Kontinuitetsplaner' }).click();
  await expect(page.getByRole('row').filter({ hasText: 'Kontinuitetsplan Artvise' })).toContainText('Försenad');
  await expectNoAxeViolations(page, 'continuity plans');
  await page.getByRole('tab', { name: 'Övningar' }).click();
  await expect(page.getByRole('row').filter({ hasText: 'Övning: Artvise ligger nere' })).toBeVisible();
  await expectNoAxeViolations(page, 'exercises');
  await page.getByRole('tab', { name: 'Kontinuitetsplaner' }).click();
  // A refused save shows field errors in the dialog: their red must read too.
  await page.getByRole('button', { name: 'Ny kontinuitetsplan' }).click();
  const dialog = page.getByRole('dialog', { name: /Ny kontinuitetsplan/ });
  await dialog.getByRole('button', { name: 'Spara' }).click();
  await expect(dialog.getByRole('textbox', { name: /^Plan/ })).toHaveAttribute('aria-invalid', 'true');
  await expectNoAxeViolations(page, 'continuity plan dialog with a field error');
  await dialog.getByRole('button', { name: 'Avbryt' }).click();
  await subNav(page, 'Åtgärder', 'Riskåtgärder');
  // One query gathers them: the carried åtgärd appears once, in the VoR year it was carried into.
  // (The test's administrator reads every test's city, so the list holds all of them: this förvaltning's rows are asked for.)
  const carried = page.getByRole('row').filter({ hasText: 'Inför kvartalsvis behörighetsgenomgång' }).filter({ hasText: orgs.forv.name });
  await expect(carried).toHaveCount(1);
  await expect(carried).toContainText(`– ${orgs.forv.name}`);
  await expect(carried).toContainText('Pågår');
  await expectNoAxeViolations(page, 'risk actions');
  await subNav(page, 'Skalor', 'Skalor');
  await expect(page.getByRole('heading', { name: /Gällande skala: Stadens skala 4×4 \(version 1\)/ })).toBeVisible();
  await expectNoAxeViolations(page, 'scales');
});

test('scales: own IKP threshold, a new 5×5 version, and moving assessments after a preview', async ({ page }) => {
  await login(page);
  await chooseOrg(page);
  await openModule(page, 'Risker', 'Väsentlighets- och riskanalys (VoR)');
  await subNav(page, 'Skalor', 'Skalor');
  await page.getByLabel(`Egen tröskel för ${orgs.forv.name}`).fill('9');
  await page.getByRole('button', { name: 'Spara tröskel' }).click();
  await expect(page.getByText(`${orgs.forv.name} har en egen tröskel: riskvärde ≥ 9 föreslås till IKP.`)).toBeVisible();

  await page.getByRole('radio', { name: '5×5' }).check();
  await page.getByRole('button', { name: 'Skapa ny version' }).click();
  await expect(page.getByRole('status').filter({ hasText: 'Version 2 (Skala 5×5) är skapad och gäller nu.' })).toBeVisible();
  await expect(page.getByRole('heading', { name: 'Gällande skala: Skala 5×5 (version 2)' })).toBeVisible();

  const migration = page.getByRole('region', { name: 'Flytta bedömningar till en annan skalversion' });
  await migration.getByLabel('Från version').selectOption({ label: 'Version 1: Stadens skala 4×4 (4×4)' });
  await migration.getByLabel('Till version').selectOption({ label: 'Version 2: Skala 5×5 (5×5)' });
  await migration.getByRole('button', { name: 'Förhandsgranska' }).click();
  const preview = migration.getByRole('status');
  await expect(preview).toContainText('Förhandsgranskning');
  const moved = /(\d+) bedömning(ar)? i (\d+) poster/.exec((await preview.textContent()) ?? '');
  expect(moved, 'the preview counts the assessments').not.toBeNull();
  expect(Number(moved![1])).toBeGreaterThan(0);
  await expect(migration.getByRole('row').filter({ hasText: eventTitle }).first()).toBeVisible();
  await expectNoAxeViolations(page, 'scales with migration preview');
  await migration.getByRole('button', { name: new RegExp(`^Flytta ${moved![1]} bedömning`) }).click();
  await expect(migration.getByRole('status')).toContainText('Flytten är genomförd');
});

test('scales: a new version with own colour bands; an overlapping band is refused at its field', async ({ page }) => {
  await login(page);
  await chooseOrg(page);
  await openModule(page, 'Risker', 'Väsentlighets- och riskanalys (VoR)');
  await subNav(page, 'Skalor', 'Skalor');
  const form = page.getByRole('form', { name: 'Ny skalversion' });
  await form.getByRole('radio', { name: '4×4 (stadens standard)' }).check();
  const bandsBox = form.getByRole('group', { name: 'Färgband' });
  await expect(bandsBox).toContainText('Standardbanden för riskvärde 1–16');
  const band = (n: number) => bandsBox.getByRole('group', { name: `Band ${n}`, exact: true });
  await expect(band(4).getByLabel('Etikett')).toHaveValue('Mycket hög');
  await expect(band(4).getByLabel('Från')).toHaveValue('12');

  // Changed: a purple top band named Kritisk, previewed with white text; band 2 overlaps band 1.
  await band(4).getByLabel('Färg').fill('#6a1b9a');
  await band(4).getByLabel('Etikett').fill('Kritisk');
  await expect(band(4).getByText('Kritisk 12–16')).toHaveCSS('color', 'rgb(255, 255, 255)');
  await band(2).getByLabel('Från').fill('3');
  await form.getByRole('button', { name: 'Skapa ny version' }).click();
  const from2 = band(2).getByLabel('Från');
  await expect(from2).toHaveAttribute('aria-invalid', 'true');
  await expect(band(2)).toContainText('Färgbanden måste täcka riskvärdena 1–16 utan luckor eller överlapp; band "Medel" börjar på 3 men 4 väntades.');
  await expect(form.getByRole('alert')).toHaveCount(0);
  await expectNoAxeViolations(page, 'new scale form with a refused band');

  await from2.fill('4');
  await form.getByRole('button', { name: 'Skapa ny version' }).click();
  await expect(page.getByRole('status').filter({ hasText: 'Version 3 (Stadens skala 4×4) är skapad och gäller nu.' })).toBeVisible();
  const current = page.getByRole('region', { name: 'Gällande skala: Stadens skala 4×4 (version 3)' });
  await expect(current.getByRole('list', { name: 'Nivåer' }).getByText('Kritisk')).toHaveCSS('background-color', 'rgb(106, 27, 154)');
  const top = current.getByRole('table', { name: 'Riskvärden och nivåer i den gällande skalan' }).getByRole('cell', { name: '16', exact: true });
  await expect(top).toHaveCSS('background-color', 'rgb(106, 27, 154)');
  await expect(top).toHaveCSS('color', 'rgb(255, 255, 255)');
  // The editor is back at the defaults for the next version.
  await expect(band(4).getByLabel('Etikett')).toHaveValue('Mycket hög');
});

test('VoR import: a sheet is previewed with its bad row, imported, and its event shows on the page', async ({ page }) => {
  const watch = watchErrors(page);
  await login(page);
  await chooseOrg(page);
  await openModule(page, 'Risker', 'Väsentlighets- och riskanalys (VoR)');
  await page.getByRole('button', { name: 'Importera från Excel' }).click();
  const dialog = page.getByRole('dialog', { name: `Importera VoR från Excel till ${orgs.forv.name}` });
  await dialog.getByLabel('VoR-år').fill('2023');
  const title = `Personuppgiftsincidenter anmäls inte ${u}`;
  const csv = ['Arbetssätt;Händelse;Sannolikhet;Konsekvens;Riskvärde', `Incidenthantering;${title};Möjlig;Allvarlig;12`, `Incidenthantering;Felaktig rad ${u};Ganska troligt;2;`].join('\r\n');
  await importSkippingBadRow(page, dialog, { fileLabel: 'Riskblad att importera', name: 'vor.csv', csv, line: 3, column: 'Sannolikhet', what: 'VoR import preview' });
  await expect(page.getByRole('heading', { name: `VoR 2023 – ${orgs.forv.name}` })).toBeVisible();
  const row = page.getByRole('row', { name: new RegExp(title) });
  await expect(row).toContainText('12');
  await expect(row).toContainText('Till IKP');
  await expectNoAxeViolations(page, 'VoR after import');
  expect(watch.errors).toEqual([]);
  expect(watch.csp).toEqual([]);
});

// The city's scale is changed only by those who manage risks for the whole city: a förvaltning's ISAM (an outside
// test) was offered the form, and its save answered with the permission's code. The form is not offered to them, the
// page says who can, and the server's refusal names the right in words.
test("scales: a förvaltning's ISAM is not offered a new version, and the refusal names no permission code", async ({ page }) => {
  const isam = { name: `Förvaltnings-ISAM ${u}`, email: `risk-isam-${u}@e2e.test`, password: `Skalan-gäller-staden-${u}-ok` };
  const { api, headers } = await adminApi();
  const r = await api.post('/api/users', { headers, data: isam });
  expect(r.status(), await r.text()).toBe(201);
  const { user } = (await r.json()) as { user: { id: string } };
  expect((await api.post(`/api/users/${user.id}/roles`, { headers, data: { role: 'isam', org: orgs.forv.slug } })).status()).toBe(201);
  await api.dispose();

  await login(page, isam.email, isam.password);
  await chooseOrg(page);
  await openModule(page, 'Risker', 'Väsentlighets- och riskanalys (VoR)');
  await subNav(page, 'Skalor', 'Skalor');
  const section = page.getByRole('region', { name: 'Ny skalversion' });
  await expect(section).toContainText('En ny version läggs till av den som hanterar risker för hela staden: ISAM eller säkerhetsansvarig på stadens nivå.');
  await expect(page.getByRole('form', { name: 'Ny skalversion' })).toHaveCount(0);
  await expect(page.getByRole('button', { name: 'Skapa ny version' })).toHaveCount(0);
  await expect(page.getByRole('button', { name: 'Lägg till band' })).toHaveCount(0);
  // Its own threshold is still its to set.
  await expect(page.getByLabel(`Egen tröskel för ${orgs.forv.name}`)).toBeVisible();
  await expectNoAxeViolations(page, "scales for a förvaltning's ISAM");

  const csrf = await page.evaluate(async () => ((await (await fetch('/api/me')).json()) as { csrfToken: string }).csrfToken);
  const refused = await page.request.post('/api/risks/scales', { headers: { 'X-CSRF-Token': csrf }, data: { org: orgs.forv.slug, preset: '5x5' } });
  expect(refused.status()).toBe(403);
  const body = (await refused.json()) as { detail_sv: string; detail_en: string };
  expect(body.detail_sv).toContain('kräver att du hanterar risker för hela staden');
  expect(body.detail_en).toContain('manage risks for the whole city');
  expect(JSON.stringify(body)).not.toMatch(/risk\.manage/);
});
