import { expect, test, type Page } from '@playwright/test';
import { chooseOrg, expectNoAxeViolations, login, logout, openModule, seedOrgsAndPeople, unique, watchErrors } from './helpers';

// NIS2-åtgärder through the browser: an ISAM marks the förvaltning as in scope of cybersäkerhetslagen, starts the
// assessment of a year far in the past (so nothing depends on today's date), fills in areas (the server's 422 for ej
// tillämplig without a reason is shown at the reason field), a supplier and a training; the förvaltningschef's first
// approval is refused naming the areas not started; once the ISAM has given every area a status, the approval goes
// through and the year is locked. Axe finds nothing along the way.
test.describe.configure({ mode: 'serial' });

const u = unique();
const YEAR = 2001;
const stad = { slug: `nis-stad-${u}`, name: `Nisstad ${u}`, type: 'stad' };
const forv = { slug: `nis-forv-${u}`, name: `Nisförvaltningen ${u}`, type: 'forvaltning', parent: stad.slug };
const isam = { name: `Isam Nis ${u}`, email: `isam-nis-${u}@e2e.test`, password: `Grön-räv-springer-${u}-fort` };
const chef = { name: `Chef Nis ${u}`, email: `chef-nis-${u}@e2e.test`, password: `Röd-uggla-flyger-${u}-tyst` };
const slk = { name: `Slk Nis ${u}`, email: `slk-nis-${u}@e2e.test`, password: `Blå-säl-dyker-${u}-djupt` };

test.beforeAll(async () => {
  await seedOrgsAndPeople([stad, forv], [[isam, 'isam', forv.slug], [chef, 'forvaltningschef', forv.slug], [slk, 'isam', stad.slug]]);
});

async function openYear(page: Page, who: { email: string; password: string }) {
  await login(page, who.email, who.password);
  await chooseOrg(page, forv.slug);
  await openYear2001(page);
}

/** The year far in the past is not among the years offered; the address (as the start page's link) opens it. */
async function openYear2001(page: Page) {
  await page.goto(`/nis2?year=${YEAR}`);
  await expect(page.getByRole('heading', { level: 1, name: 'NIS2-åtgärder' })).toBeVisible();
  await expect(page.getByRole('combobox', { name: 'År' })).toHaveValue(String(YEAR));
}

async function setArea(page: Page, key: string, name: string, status: string, reason?: string) {
  const edit = page.getByRole('button', { name: `Ändra (${key}) ${name}` });
  await edit.click();
  const dialog = page.getByRole('dialog', { name: `Ändra (${key}) ${name}` });
  await dialog.getByRole('combobox', { name: 'Status' }).selectOption(status);
  if (reason) await dialog.getByRole('textbox', { name: 'Skäl' }).fill(reason);
  await dialog.getByRole('button', { name: 'Spara' }).click();
  await expect(dialog).toHaveCount(0);
  await expect(edit).toBeFocused();
}

const AREAS: [string, string][] = [
  ['b', 'Incidenthantering'], ['c', 'Kontinuitet: säkerhetskopiering, återställning efter katastrof och krishantering'], ['d', 'Säkerhet i leveranskedjan'],
  ['e', 'Säkerhet vid anskaffning, utveckling och underhåll av system, inklusive sårbarhetshantering'], ['f', 'Bedömning av säkerhetsåtgärdernas effektivitet'],
  ['g', 'Grundläggande cyberhygien och utbildning i cybersäkerhet'], ['i', 'Personalsäkerhet, åtkomstkontroll och hantering av tillgångar'],
  ['j', 'Multifaktorautentisering och säkrad kommunikation'],
];

test('an ISAM fills in the areas, the förvaltningschef approves; axe finds nothing', async ({ page }) => {
  const seen = watchErrors(page);
  await login(page, isam.email, isam.password);
  await chooseOrg(page, forv.slug);
  await openModule(page, 'NIS2-åtgärder');
  await page.getByRole('checkbox', { name: 'Omfattas av cybersäkerhetslagen' }).check();
  await page.getByRole('combobox', { name: 'Entitetstyp' }).selectOption('vasentlig');
  await page.getByRole('textbox', { name: 'Sektor' }).fill('Hälso- och sjukvård');
  await page.getByRole('button', { name: 'Spara omfattning' }).click();
  await expect(page.getByText('Omfattningen är sparad.')).toBeVisible();
  await expect(page.getByText('Ja: Väsentlig entitet, sektor Hälso- och sjukvård.')).toBeVisible();
  // In scope without an anmälan: the card says so (the law applies from 2026-01-15); then the anmälan is recorded.
  await expect(page.getByText(/^Anmälan till tillsynsmyndighetens register är inte registrerad\./)).toBeVisible();
  await page.getByLabel('Anmäld till tillsynsmyndighetens register').fill('2026-02-16');
  await page.getByRole('textbox', { name: 'Anmälans referens eller diarienummer' }).fill('MCF dnr 2026-1');
  await page.getByRole('button', { name: 'Spara omfattning' }).click();
  await expect(page.getByText('Anmäld till tillsynsmyndighetens register 2026-02-16 (MCF dnr 2026-1).')).toBeVisible();

  await openYear2001(page);
  await page.getByRole('button', { name: `Påbörja bedömning för ${YEAR}` }).click();
  const table = page.getByRole('table', { name: `Lagens tio åtgärdsområden (artikel 21.2 a–j) ${YEAR}` });
  await expect(table.getByRole('row')).toHaveCount(11);
  await expectNoAxeViolations(page, 'NIS2-åtgärder, ny bedömning');

  // (a) with a planned measure; the saved area's Ändra has focus again.
  const editA = page.getByRole('button', { name: 'Ändra (a) Riskanalys och säkerhetspolicyer för informationssystem' });
  await editA.click();
  let dialog = page.getByRole('dialog', { name: 'Ändra (a) Riskanalys och säkerhetspolicyer för informationssystem' });
  await dialog.getByRole('combobox', { name: 'Status' }).selectOption('delvis');
  await dialog.getByRole('textbox', { name: 'Brister' }).fill('Riskanalys saknas för journalsystemet');
  await dialog.getByRole('textbox', { name: 'Planerad åtgärd' }).fill('Riskanalys per NIS-system');
  await dialog.getByRole('textbox', { name: 'Ansvarig för åtgärden' }).fill('ISAM');
  await dialog.getByLabel('Klart senast').fill(`${YEAR}-10-31`);
  await expectNoAxeViolations(page, 'Ändra område');
  await dialog.getByRole('button', { name: 'Spara' }).click();
  await expect(dialog).toHaveCount(0);
  await expect(editA).toBeFocused();
  await expect(table.getByRole('row').filter({ hasText: 'Riskanalys per NIS-system' })).toContainText('Delvis genomförd');

  // (h) ej tillämplig without a reason: the server's 422 at the reason field, which takes focus.
  await page.getByRole('button', { name: 'Ändra (h) Kryptografi och kryptering' }).click();
  dialog = page.getByRole('dialog', { name: 'Ändra (h) Kryptografi och kryptering' });
  await dialog.getByRole('combobox', { name: 'Status' }).selectOption('ej_tillamplig');
  await dialog.getByRole('button', { name: 'Spara' }).click();
  const reason = dialog.getByRole('textbox', { name: 'Skäl' });
  await expect(reason).toHaveAttribute('aria-invalid', 'true');
  await expect(reason).toBeFocused();
  await expect(dialog).toContainText('Ange skälet till att området inte är tillämpligt');
  await expectNoAxeViolations(page, 'Ändra område med fel');
  await reason.fill('Krypteringen sköts av stadens gemensamma it-miljö');
  await dialog.getByRole('button', { name: 'Spara' }).click();
  await expect(dialog).toHaveCount(0);

  // A supplier with a sub-supplier without contract, and a training of the förvaltningschef.
  await page.getByRole('button', { name: 'Lägg till leverantör' }).click();
  dialog = page.getByRole('dialog', { name: 'Lägg till leverantör' });
  await dialog.getByRole('textbox', { name: 'Leverantör', exact: true }).fill('Procedo AB');
  await dialog.getByRole('textbox', { name: 'Tjänst eller system' }).fill('Procedo');
  await dialog.getByRole('textbox', { name: 'Underleverantörer' }).fill('Molntjänst för säkerhetskopior (utan avtal)');
  await dialog.getByRole('checkbox', { name: 'Avtal finns' }).check();
  await dialog.getByRole('button', { name: 'Spara' }).click();
  await expect(dialog).toHaveCount(0);
  await expect(page.getByRole('table', { name: `Leverantörer och underleverantörer ${YEAR}` })).toContainText('Molntjänst för säkerhetskopior (utan avtal)');
  await expect(page.getByRole('button', { name: 'Ändra Procedo AB' })).toBeFocused();
  const training = page.getByRole('form', { name: 'Registrera utbildning' });
  await training.getByRole('textbox', { name: 'Namn' }).fill(chef.name);
  await training.getByLabel('Genomförd').fill(`${YEAR}-05-10`);
  await training.getByRole('button', { name: 'Registrera utbildning' }).click();
  await expect(page.getByRole('table', { name: `Förvaltningsledningens utbildning ${YEAR}` })).toContainText(`${YEAR}-05-10`);
  await expectNoAxeViolations(page, 'NIS2-åtgärder ifyllda');
  await logout(page, isam.name);

  // The förvaltningschef's approval is refused while areas are not started without a reason (422 naming them).
  await openYear(page, chef);
  await page.getByRole('button', { name: `Godkänn åtgärderna för ${YEAR}` }).click();
  await expect(page.getByRole('alert')).toContainText('(b) Incidenthantering');
  await expectNoAxeViolations(page, 'NIS2-godkännande nekat');
  await logout(page, chef.name);

  await openYear(page, isam);
  for (const [key, name] of AREAS) await setArea(page, key, name, key === 'j' ? 'genomford' : 'delvis');
  await expect(page.getByText('Alla områden har status eller skäl.')).toBeVisible();
  await logout(page, isam.name);

  await openYear(page, chef);
  await page.getByRole('button', { name: `Godkänn åtgärderna för ${YEAR}` }).click();
  await expect(page.getByText(`Godkända av ${chef.name}`)).toBeVisible();
  await expect(page.getByRole('button', { name: 'Öppna för ändring' })).toBeFocused();
  await expectNoAxeViolations(page, 'NIS2-åtgärder godkända');
  expect(seen.errors.filter((e) => !/status of 422/.test(e))).toEqual([]);
  expect(seen.csp).toEqual([]);
});

test("the city's ISAM follows the förvaltningar in one table and opens one from it; axe finds nothing", async ({ page }) => {
  const seen = watchErrors(page);
  await login(page, slk.email, slk.password);
  await chooseOrg(page, stad.slug);
  await page.goto(`/nis2?year=${YEAR}`);
  const table = page.getByRole('table', { name: `Cybersäkerhetslagen i organisationerna under ${stad.name} ${YEAR}` });
  const row = table.getByRole('row', { name: new RegExp(forv.name) });
  await expect(row).toContainText('Väsentlig entitet');
  await expect(row).toContainText('2026-02-16');
  await expect(row).toContainText(/Godkänd \d{4}-\d{2}-\d{2}/);
  await expectNoAxeViolations(page, 'NIS2-åtgärder, stadens översikt');
  await row.getByRole('button', { name: `Öppna ${forv.name}` }).click();
  await expect(page.getByText(`Godkända av ${chef.name}`)).toBeVisible();
  expect(seen.errors).toEqual([]);
  expect(seen.csp).toEqual([]);
});
