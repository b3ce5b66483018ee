import { expect, test } from '@playwright/test';
import { adminApi, chooseOrg, expectNoAxeViolations, login, openModule, seedOrgsAndPeople, unique, watchErrors } from './helpers';

// Continuity through the browser: an ISAM opens Kontinuitet from the navigation, registers a continuity plan
// (marked fastställd without its adoption date, the server's 422 is shown at the date field; then given), sees it
// flagged as never exercised, registers a held exercise of the plan with lessons learned, and sees the plan's
// "senast övad" become the exercise's day; the object the plan covers shows the plan from the register. Dates are far in the past, so the test does not depend on today's date.
// axe finds nothing.
test.describe.configure({ mode: 'serial' });

const u = unique();
const stad = { slug: `kont-stad-${u}`, name: `Kontinuitetsstad ${u}`, type: 'stad' };
const forv = { slug: `kont-forv-${u}`, name: `Kontinuitetsförvaltningen ${u}`, type: 'forvaltning', parent: stad.slug };
const isam = { name: `Isam Kontinuitet ${u}`, email: `isam-kont-${u}@e2e.test`, password: `Grön-gädda-simmar-${u}-långt` };
const planTitle = `Kontinuitetsplan Artvise ${u}`;
const exerciseTitle = `Diskussionsövning: Artvise nere ${u}`;
const objectName = `Artvise ${u}`;

test.beforeAll(async () => {
  await seedOrgsAndPeople([stad, forv], [[isam, 'isam', forv.slug]]);
  const { api, headers } = await adminApi();
  const res = await api.post('/api/objects', { data: { org: forv.slug, name: objectName }, headers });
  expect(res.status(), await res.text()).toBe(201);
  await api.dispose();
});

test('an ISAM creates a continuity plan, registers a held exercise of it and sees "senast övad" update; axe finds nothing', async ({ page }) => {
  const seen = watchErrors(page);
  await login(page, isam.email, isam.password);
  await chooseOrg(page, forv.slug);
  await openModule(page, 'Kontinuitet', 'Kontinuitet och övningar');
  // One current page in each navigation, though /risker/kontinuitet lies under Risker's /risker.
  const current = (nav: string) => page.getByRole('navigation', { name: nav }).locator('[aria-current="page"]');
  await expect(current('Moduler')).toHaveText(['Kontinuitet']);
  await expect(current('Riskarbete')).toHaveText(['Kontinuitet och övningar']);
  await expectNoAxeViolations(page, 'Kontinuitet (tom)');
  // The three tabs: RSA och processer, Kontinuitetsplaner (open first), Övningar.
  await page.getByRole('tab', { name: 'RSA och processer' }).click();
  await expect(page.getByRole('tabpanel', { name: 'RSA och processer' })).toContainText('Ingen RSA ännu.');
  await expectNoAxeViolations(page, 'Kontinuitet: RSA (tom)');
  await page.getByRole('tab', { name: 'Kontinuitetsplaner' }).click();

  await page.getByRole('button', { name: 'Ny kontinuitetsplan' }).click();
  const dialog = page.getByRole('dialog', { name: `Ny kontinuitetsplan för ${forv.name}` });
  await dialog.getByRole('textbox', { name: /^Plan/ }).fill(planTitle);
  await dialog.getByLabel('Ägare').fill('Objektägare Artvise');
  await dialog.getByRole('combobox', { name: 'Status' }).selectOption('faststalld');
  await dialog.getByLabel('Reservrutin').fill('Ärenden förs i en kalkylmall och registreras i efterhand.');
  await dialog.getByRole('checkbox', { name: objectName }).check();
  await expectNoAxeViolations(page, 'Ny kontinuitetsplan');

  // Fastställd without the adoption date: refused by the server, shown at the date field.
  await dialog.getByRole('button', { name: 'Spara' }).click();
  const adopted = dialog.getByLabel('Fastställd', { exact: false }).and(dialog.locator('input[type="date"]'));
  await expect(adopted).toHaveAttribute('aria-invalid', 'true');
  await expect(dialog).toContainText('En fastställd kontinuitetsplan har ett datum');
  await expectNoAxeViolations(page, 'Ny kontinuitetsplan med fel');
  await adopted.fill('2001-03-01');
  await dialog.getByRole('button', { name: 'Spara' }).click();
  await expect(dialog).toHaveCount(0);

  const plansPanel = page.getByRole('tabpanel', { name: 'Kontinuitetsplaner' });
  const planRow = plansPanel.getByRole('row').filter({ hasText: planTitle });
  await expect(planRow).toHaveCount(1);
  await expect(planRow).toContainText('Fastställd');
  await expect(planRow).toContainText('Aldrig övad');
  await expect(planRow).toContainText('Försenad'); // next review a year after 2001-03-01
  await expectNoAxeViolations(page, 'Kontinuitetsplaner (en plan)');

  // A held exercise of the plan.
  await page.getByRole('tab', { name: 'Övningar' }).click();
  await page.getByRole('button', { name: 'Ny övning' }).click();
  const ex = page.getByRole('dialog', { name: `Ny övning för ${forv.name}` });
  await ex.getByRole('textbox', { name: /^Övning/ }).fill(exerciseTitle);
  await ex.getByLabel('Datum', { exact: false }).fill('2002-05-14');
  await ex.getByRole('combobox', { name: 'Typ' }).selectOption('diskussionsovning');
  await ex.getByRole('combobox', { name: 'Status' }).selectOption('genomford');
  await ex.getByRole('checkbox', { name: new RegExp(planTitle) }).check();
  await ex.getByLabel('Scenario').fill('Artvise går inte att nå under en hel arbetsdag.');
  await ex.getByLabel('Antal deltagare').fill('9');
  await ex.getByLabel('Erfarenheter').fill('Kalkylmallen behöver fler fält.');
  await expectNoAxeViolations(page, 'Ny övning');
  await ex.getByRole('button', { name: 'Spara' }).click();
  await expect(ex).toHaveCount(0);
  const exRow = page.getByRole('tabpanel', { name: 'Övningar' }).getByRole('row').filter({ hasText: exerciseTitle });
  await expect(exRow).toContainText('Genomförd');
  await expect(exRow).toContainText(planTitle);
  await expectNoAxeViolations(page, 'Övningar (en övning)');

  // The plan's "senast övad" is now the exercise's day.
  await page.getByRole('tab', { name: 'Kontinuitetsplaner' }).click();
  await expect(planRow).toContainText('2002-05-14');
  await expect(planRow).not.toContainText('Aldrig övad');
  await expect(planRow).toContainText(objectName);

  // The object shows its continuity plan from the register.
  await openModule(page, 'Objekt');
  await page.getByRole('row').filter({ hasText: objectName }).getByRole('button', { name: `Ändra ${objectName}` }).click();
  const obj = page.getByRole('dialog', { name: `Ändra ${objectName}` });
  await expect(obj).toContainText('Kontinuitetsplaner i registret');
  await expect(obj).toContainText(`${planTitle}: Fastställd, senast övad 2002-05-14`);
  await expectNoAxeViolations(page, 'Objekt med kontinuitetsplan');
  expect(seen.errors.filter((e) => !/status of 422/.test(e))).toEqual([]);
  expect(seen.csp).toEqual([]);
});
