import { expect, test } from '@playwright/test';
import { login } from './helpers';

test('the English switch changes the visible strings and <html lang>, and is remembered', async ({ page }) => {
  await login(page);
  await expect(page.locator('html')).toHaveAttribute('lang', 'sv');
  const nav = page.getByRole('navigation', { name: 'Moduler' });
  await expect(nav.getByRole('link', { name: 'Organisationer' })).toBeVisible();

  await page.getByRole('button', { name: 'English' }).click();
  await expect(page.locator('html')).toHaveAttribute('lang', 'en');
  const navEn = page.getByRole('navigation', { name: 'Modules' });
  await expect(navEn.getByRole('link', { name: 'Organisations' })).toBeVisible();
  await expect(navEn.getByRole('link', { name: 'Audit log' })).toBeVisible();
  await expect(page.getByRole('heading', { level: 1, name: 'Overview' })).toBeVisible();
  await expect(page.getByText('Organisationer')).toHaveCount(0);

  await page.reload();
  await expect(page.locator('html')).toHaveAttribute('lang', 'en');
  await expect(page.getByRole('heading', { level: 1, name: 'Overview' })).toBeVisible();

  await page.getByRole('button', { name: 'Svenska' }).click();
  await expect(page.locator('html')).toHaveAttribute('lang', 'sv');
  await expect(page.getByRole('heading', { level: 1, name: 'Översikt' })).toBeVisible();
});
