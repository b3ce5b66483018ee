import { expect, test } from '@playwright/test';
import { login, openModule, watchErrors } from './helpers';

// No request leaves for another host, and the CSP (no inline scripts; styles only with the nonce) is
// never violated while every foundation page is used.
test('every request stays on the app origin and the console shows no CSP violation', async ({ page, baseURL }) => {
  const origin = new URL(baseURL!).origin;
  const requests: string[] = [];
  page.on('request', (r) => requests.push(r.url()));
  const seen = watchErrors(page);

  await login(page);
  for (const [link, heading] of [
    ['Organisationer', 'Organisationer'],
    ['Användare och roller', 'Användare och roller'],
    ['Granskningslogg', 'Granskningslogg'],
    ['Mitt konto', 'Mitt konto'],
    ['Översikt', 'Översikt'],
  ]) {
    await openModule(page, link, heading);
  }
  // Menus, popovers and modals inject styles too.
  await openModule(page, 'Användare och roller');
  await page.getByRole('button', { name: 'Kolumner' }).click();
  await expect(page.getByRole('checkbox', { name: 'E-post' })).toBeVisible();
  await page.keyboard.press('Escape');
  await expect(page.getByRole('dialog', { name: 'Kolumner' })).toBeHidden();
  await page.getByRole('button', { name: 'Ny användare' }).click();
  const dialog = page.getByRole('dialog', { name: 'Ny användare' });
  await expect(dialog).toBeVisible();
  await dialog.getByRole('button', { name: 'Avbryt' }).click();

  // The client-side export (papaparse, exceljs) is lazy-loaded from the same origin and runs under the CSP.
  for (const format of ['CSV', 'Excel (XLSX)']) {
    await page.getByRole('button', { name: 'Exportera' }).click();
    const download = page.waitForEvent('download');
    await page.getByRole('menuitem', { name: format }).click();
    const file = await download;
    expect(file.suggestedFilename()).toMatch(format === 'CSV' ? /^anvandare-\d{4}-\d{2}-\d{2}\.csv$/ : /^anvandare-\d{4}-\d{2}-\d{2}\.xlsx$/);
  }

  // The API reference page is local too.
  await page.goto('/api/docs');
  await expect(page.locator('body')).toContainText(/Tillit/);

  expect(requests.length).toBeGreaterThan(5);
  const foreign = requests.filter((u) => !u.startsWith(`${origin}/`) && !u.startsWith('data:') && !u.startsWith('blob:'));
  expect(foreign).toEqual([]);
  expect(seen.csp).toEqual([]);
  expect(seen.errors).toEqual([]);
});
