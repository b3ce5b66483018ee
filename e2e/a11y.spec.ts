import { expect, test } from '@playwright/test';
import { adminApi, chooseOrg, createOrgViaApi, expectNoAxeViolations, login, openModule, unique } from './helpers';

// axe-core (WCAG 2.0/2.1 A and AA) on every foundation page, with some content on them.
test('no WCAG 2.1 AA violations on the login, start, organisation, user, audit and account pages', async ({ page }) => {
  await page.goto('/');
  await expect(page.getByRole('button', { name: 'Logga in' })).toBeVisible();
  await expectNoAxeViolations(page, 'login');
  // The accessibility statement is public: its link on the login page opens it without a session.
  await page.getByRole('link', { name: 'Tillgänglighetsredogörelse' }).click();
  await expect(page.getByRole('heading', { level: 1, name: 'Tillgänglighetsredogörelse' })).toBeVisible();
  await expect(page.getByRole('heading', { level: 2, name: 'Innehåll som inte är tillgängligt' })).toBeVisible();
  await expect(page.getByText('Kontakta din informationssäkerhetssamordnare (ISAM) eller organisationens it-support.')).toBeVisible();
  await expectNoAxeViolations(page, 'accessibility statement, signed out');
  await page.getByRole('link', { name: 'Till inloggningen' }).click();

  await login(page);
  const u = unique();
  await createOrgViaApi(page, { slug: `a11y-stad-${u}`, name: `A11y stad ${u}`, type: 'stad' });
  await createOrgViaApi(page, { slug: `a11y-forv-${u}`, name: `A11y förvaltning ${u}`, type: 'forvaltning', parent: `a11y-stad-${u}` });
  await page.reload();
  await expect(page.getByRole('heading', { level: 1, name: 'Översikt' })).toBeVisible();
  await expectNoAxeViolations(page, 'start');
  // Signed in, the footer links to it too.
  await page.getByRole('contentinfo').getByRole('link', { name: 'Tillgänglighetsredogörelse' }).click();
  await expect(page.getByRole('heading', { level: 1, name: 'Tillgänglighetsredogörelse' })).toBeVisible();

  await openModule(page, 'Organisationer');
  await page.getByRole('tree').getByText(`A11y förvaltning ${u}`, { exact: true }).click();
  await expect(page.getByRole('heading', { level: 2, name: `A11y förvaltning ${u}` })).toBeVisible();
  await expectNoAxeViolations(page, 'organisations');
  await page.getByRole('tab', { name: 'Samverkansgrupper' }).click();
  await expect(page.getByRole('button', { name: 'Ny samverkansgrupp' })).toBeVisible();
  await expectNoAxeViolations(page, 'samverkansgrupper');

  await openModule(page, 'Användare och roller');
  await expect(page.getByRole('row').filter({ hasText: 'admin@e2e.test' })).toBeVisible();
  await expectNoAxeViolations(page, 'users');
  await page.getByRole('button', { name: 'Ny användare' }).click();
  await expect(page.getByRole('dialog')).toBeVisible();
  await expectNoAxeViolations(page, 'create user dialog');
  await page.getByRole('dialog').getByRole('button', { name: 'Avbryt' }).click();

  await openModule(page, 'Granskningslogg');
  await expect(page.getByRole('row').filter({ hasText: 'org.create' }).first()).toBeVisible();
  await expectNoAxeViolations(page, 'audit');

  await openModule(page, 'Mitt konto');
  await expect(page.getByRole('heading', { name: 'Mina sessioner' })).toBeVisible();
  await expect(page.getByText('Den här sessionen')).toBeVisible();
  // An API token's permissions are chosen and listed in words (the code beside them in the picker).
  const tokens = page.getByRole('region', { name: 'API-token' });
  await tokens.getByRole('textbox', { name: 'Namn' }).fill(`Integration ${u}`);
  await tokens.getByRole('combobox', { name: 'Behörigheter' }).click();
  await page.getByRole('option', { name: 'Läsa incidenter (incident.read)' }).click();
  await page.keyboard.press('Escape');
  await tokens.getByRole('button', { name: 'Skapa token' }).click();
  await expect(page.getByText('Ny token – visas bara nu')).toBeVisible();
  await expect(tokens.getByRole('row').filter({ hasText: `Integration ${u}` })).toContainText('Läsa incidenter');
  await expectNoAxeViolations(page, 'my account');
});

// A phone (390 px, WCAG 1.4.10 reflow): no sideways scrolling, language and logout in the menu drawer, and the
// report form with a template's panel has no contrast problem (the footer no longer sits fixed over content).
test('a 390 px wide screen keeps every control reachable and passes axe', async ({ page }) => {
  await login(page);
  const u = unique();
  await createOrgViaApi(page, { slug: `a11y-mobil-${u}`, name: `A11y mobilstad ${u}`, type: 'stad' });
  await page.setViewportSize({ width: 390, height: 800 });
  await page.goto('/rapportera-incident');
  await expect(page.getByRole('heading', { level: 1, name: 'Rapportera incident' })).toBeVisible();
  const sideways = () => page.evaluate(() => document.documentElement.scrollWidth - document.documentElement.clientWidth);
  expect(await sideways()).toBeLessThanOrEqual(0);
  await page.getByLabel('Typ av händelse (frivillig)').selectOption({ index: 1 });
  await expect(page.getByText('Mallen fyller i')).toBeVisible();
  await expectNoAxeViolations(page, 'report form with a template at 390 px');

  await page.getByRole('button', { name: 'Visa eller dölj menyn' }).click();
  const nav = page.getByRole('navigation', { name: 'Moduler' });
  await expect(nav.getByRole('button', { name: 'Logga ut' })).toBeVisible();
  await expectNoAxeViolations(page, 'open menu drawer at 390 px');
  await nav.getByRole('button', { name: 'English' }).click();
  await expect(page.locator('html')).toHaveAttribute('lang', 'en');
  await page.getByRole('navigation', { name: 'Modules' }).getByRole('button', { name: 'Svenska' }).click();
  await expect(page.locator('html')).toHaveAttribute('lang', 'sv');
  await page.getByRole('navigation', { name: 'Moduler' }).getByRole('button', { name: 'Logga ut' }).click();
  await expect(page.getByRole('button', { name: 'Logga in' })).toBeVisible();
});

// WCAG 2.1.1 and 1.4.10 at 390 px (axe scrollable-region-focusable, found by an outside test on these pages): a table
// wider than the screen scrolls in its own area, which is a tab stop named as its table and scrolls with the arrow
// keys; the page itself never scrolls sideways (Skalor did, by its versions table).
test('at 390 px a wide table scrolls in its own area that the keyboard reaches, and the page does not scroll sideways', async ({ page }) => {
  const u = unique();
  const stad = { slug: `a11y-tab-stad-${u}`, name: `Tabellstad ${u}`, type: 'stad' };
  const forv = { slug: `a11y-tab-forv-${u}`, name: `Tabellförvaltningen ${u}`, type: 'forvaltning', parent: stad.slug };
  const { api, headers } = await adminApi();
  const post = async (path: string, data: unknown) => {
    const r = await api.post(path, { headers, data });
    expect(r.status(), `${path}: ${await r.text()}`).toBe(201);
    return (await r.json()) as Record<string, unknown>;
  };
  await post('/api/orgs', stad);
  await post('/api/orgs', forv);
  await post('/api/plan/activities', { org: forv.slug, year: 2025, area: 'Kompetens', description: `Utbilda alla chefer i informationsklassning ${u}` });
  const areas = ['Kompetens', 'Informationsklassning', 'Riskhantering', 'Incidenthantering', 'Uppföljning'];
  for (const year of [2024, 2025]) await post('/api/maturity', { org: forv.slug, year, scores: areas.map((area) => ({ area, level: 2 })) });
  const vor = (await post('/api/risks/vor', { org: forv.slug, year: 2025 })) as { id: string; processes: { arbetssatt: { id: string }[] }[] };
  await post(`/api/risks/vor/${vor.id}/events`, { arbetssattId: vor.processes[0].arbetssatt[0].id, title: `Behörigheter avslutas inte i tid ${u}`, sannolikhet: 4, konsekvens: 4 });
  await api.dispose();

  await login(page);
  await page.setViewportSize({ width: 390, height: 800 });
  await chooseOrg(page, forv.slug);
  const sideways = () => page.evaluate(() => document.documentElement.scrollWidth - document.documentElement.clientWidth);
  const pages: [string, string, (string | RegExp)[]][] = [
    ['/forbattringsplan', 'Förbättringsplan', [/^Antal aktiviteter per status/]],
    ['/mognad', 'Mognadsmätning', ['Nivå per område och år (1–4)', 'Områden och nivåer 2025']],
    ['/risker/ikp', 'IKP-beslut', ['Risker för IKP-beslut 2025']],
    ['/risker/skalor', 'Skalor', ['Riskvärden och nivåer i den gällande skalan', 'Tabell: Versioner']],
  ];
  for (const [path, heading, regions] of pages) {
    await page.goto(path);
    await expect(page.getByRole('heading', { level: 1, name: heading })).toBeVisible();
    for (const name of regions) {
      const region = page.getByRole('region', { name, exact: typeof name === 'string' ? true : undefined });
      await expect(region, `${path}: ${name}`).toHaveAttribute('tabindex', '0');
      await region.focus();
      await page.keyboard.press('ArrowRight');
      await expect.poll(() => region.evaluate((el) => el.scrollLeft), `${path}: ${name} scrolls with the arrow keys`).toBeGreaterThan(0);
    }
    expect(await sideways(), `${path} scrolls sideways`).toBeLessThanOrEqual(0);
    await expectNoAxeViolations(page, `${path} at 390 px`);
  }
  // Wide enough, a table is no tab stop of its own: nothing to scroll.
  await page.setViewportSize({ width: 1280, height: 800 });
  await expect(page.getByRole('table', { name: 'Versioner' })).toBeVisible();
  await expect(page.getByRole('region', { name: 'Tabell: Versioner' })).toHaveCount(0);
});
