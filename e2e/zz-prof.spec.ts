import { expect, test } from '@playwright/test';
import { login } from './helpers';
test('prof', async ({ page, browser }) => {
  await browser.startTracing(page, { path: '/tmp/trace-chrome.json', categories: ['devtools.timeline', 'disabled-by-default-devtools.timeline', 'v8.execute', 'blink', 'cc', 'gpu', 'viz'] });
  const t0 = Date.now();
  await login(page);
  for (const [link, h] of [['Incidenter', 'Incidenter'], ['Risker', undefined], ['Organisation', undefined], ['Start', undefined]] as const) {
    const l = page.getByRole('navigation', { name: 'Moduler' }).getByRole('link', { name: link }).first();
    if (await l.count()) { await l.click(); await page.waitForLoadState('networkidle'); }
  }
  await page.goto('/incidenter'); await expect(page.getByRole('heading', { level: 1 })).toBeVisible();
  console.log('elapsed', Date.now() - t0);
  await browser.stopTracing();
});
