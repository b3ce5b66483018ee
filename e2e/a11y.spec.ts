import { expect, test } from '@playwright/test';
import { createOrgViaApi, expectNoAxeViolations, login, openModule, unique } from './helpers';

// axe-core (WCAG 2.0/2.1 A and AA) on every foundation page, with some content on them.
test('no WCAG 2.1 AA violations on the login, start, organisation, user, audit and account pages', async ({ page }) => {
  await page.goto('/');
  await expect(page.getByRole('button', { name: 'Logga in' })).toBeVisible();
  await expectNoAxeViolations(page, 'login');

  await login(page);
  const u = unique();
  await createOrgViaApi(page, { slug: `a11y-stad-${u}`, name: `A11y stad ${u}`, type: 'stad' });
  await createOrgViaApi(page, { slug: `a11y-forv-${u}`, name: `A11y förvaltning ${u}`, type: 'forvaltning', parent: `a11y-stad-${u}` });
  await page.reload();
  await expect(page.getByRole('heading', { level: 1, name: 'Översikt' })).toBeVisible();
  await expectNoAxeViolations(page, 'start');

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
  await expectNoAxeViolations(page, 'my account');
});
