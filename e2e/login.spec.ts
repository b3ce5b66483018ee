import { expect, test } from '@playwright/test';
import { ADMIN_EMAIL, ADMIN_PASSWORD } from './env';

test('login: wrong password shows the server message, the right one signs in', async ({ page }) => {
  await page.goto('/');
  await expect(page.locator('html')).toHaveAttribute('lang', 'sv');
  await page.getByLabel('E-post').fill(ADMIN_EMAIL);
  await page.getByLabel('Lösenord').fill('fel-lösenord-helt-enkelt');
  await page.getByRole('button', { name: 'Logga in' }).click();
  await expect(page.getByText('Fel e-postadress eller lösenord.')).toBeVisible();
  await expect(page.getByRole('navigation', { name: 'Moduler' })).toHaveCount(0);

  await page.getByLabel('Lösenord').fill(ADMIN_PASSWORD);
  await page.getByRole('button', { name: 'Logga in' }).click();
  await expect(page.getByRole('heading', { level: 1, name: 'Översikt' })).toBeVisible();

  // A reload keeps the session (GET /api/me) and the CSRF token for changes.
  await page.reload();
  await expect(page.getByRole('heading', { level: 1, name: 'Översikt' })).toBeVisible();
});

test('keyboard only: tab to the login fields, submit with Enter, then reach the navigation', async ({ page }) => {
  await page.goto('/');
  await expect(page.getByLabel('E-post')).toBeVisible();
  // From the document start, Tab reaches the organisation's sign-in first (the e2e server offers one), then E-post, then Lösenord.
  const sso = page.getByRole('link', { name: 'Logga in med organisationens konto' });
  await expect(sso).toBeVisible();
  await page.keyboard.press('Tab');
  await expect(sso).toBeFocused();
  await page.keyboard.press('Tab');
  await expect(page.getByLabel('E-post')).toBeFocused();
  await page.keyboard.type(ADMIN_EMAIL);
  await page.keyboard.press('Tab');
  await expect(page.getByLabel('Lösenord')).toBeFocused();
  await page.keyboard.type(ADMIN_PASSWORD);
  await page.keyboard.press('Enter');
  const nav = page.getByRole('navigation', { name: 'Moduler' });
  await expect(nav).toBeVisible();

  // Tab onwards until a navigation link has focus.
  const target = nav.getByRole('link', { name: 'Organisationer' });
  let reached = false;
  // Every module's link comes before it (the list grows with the modules), so the bound is generous.
  for (let i = 0; i < 60 && !reached; i++) {
    await page.keyboard.press('Tab');
    reached = await target.evaluate((el) => el === document.activeElement);
  }
  expect(reached, 'Organisationer link reachable with Tab').toBe(true);
  await page.keyboard.press('Enter');
  await expect(page.getByRole('heading', { level: 1, name: 'Organisationer' })).toBeVisible();
});

test('keyboard only: the skip link is the first stop and moves focus to the main content', async ({ page }) => {
  await page.goto('/');
  await page.getByLabel('E-post').fill(ADMIN_EMAIL);
  await page.getByLabel('Lösenord').fill(ADMIN_PASSWORD);
  await page.getByLabel('Lösenord').press('Enter');
  await expect(page.getByRole('navigation', { name: 'Moduler' })).toBeVisible();
  await page.reload();
  await expect(page.getByRole('heading', { level: 1, name: 'Översikt' })).toBeVisible();
  await page.keyboard.press('Tab');
  const skip = page.getByRole('link', { name: 'Hoppa till huvudinnehållet' });
  await expect(skip).toBeFocused();
  await expect(skip).toBeInViewport();
  await page.keyboard.press('Enter');
  await expect(page.getByRole('main')).toBeFocused();
});
