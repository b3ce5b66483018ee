import { expect, test } from '@playwright/test';
import { adminApi, expectNoAxeViolations, login, logout, seedOrgsAndPeople, unique, watchErrors } from './helpers';

// Komplettera rapporten: an employee (incident.report, no incident.read) opens their own report afterwards, adds a
// forgotten detail and a screenshot, and sees them; what the handlers wrote or uploaded stays out of their view.
// Its own organisations, so the other specs' counts are untouched; no time is given, so nothing depends on the date.
const u = unique();
const orgs = {
  stad: { slug: `rep-stad-${u}`, name: `Rapportstad ${u}`, type: 'stad' },
  forv: { slug: `rep-forv-${u}`, name: `Kompletteringsförvaltningen ${u}`, type: 'forvaltning', parent: `rep-stad-${u}` },
  enhet: { slug: `rep-enhet-${u}`, name: `Biblioteket ${u}`, type: 'enhet', parent: `rep-forv-${u}` },
};
const employee = { name: `Rapportör ${u}`, email: `rep-${u}@e2e.test`, password: `Lila-mås-skriver-${u}-klart` };

test.beforeAll(async () => {
  await seedOrgsAndPeople(Object.values(orgs), [[employee, 'medarbetare', orgs.enhet.slug]]);
});

test('the reporter adds a comment and a file to their own report and sees them, not the handlers\' (Komplettera rapporten)', async ({ page }) => {
  const watch = watchErrors(page);
  const title = `Glömde skärmbilden ${u}`;
  await login(page, employee.email, employee.password);
  // The employee's own report.
  const csrf = await page.evaluate(async () => ((await (await fetch('/api/me')).json()) as { csrfToken: string }).csrfToken);
  const made = await page.request.post('/api/incidents/quick', { headers: { 'X-CSRF-Token': csrf }, data: { title, org: orgs.enhet.slug, personalData: 'nej', description: `Länken: https://intranat.example/${'a'.repeat(400)}` } });
  expect(made.status(), await made.text()).toBe(201);
  const { id } = (await made.json()) as { id: string };
  // A handler's note and file on it: theirs, not the reporter's.
  const { api, headers } = await adminApi();
  expect((await api.post(`/api/incidents/${id}/comments`, { headers, data: { body: `Internt: avsändaren är känd ${u}` } })).status()).toBe(201);
  const internal = await api.post(`/api/incidents/${id}/attachments?filename=intern.txt`, {
    headers: { ...headers, 'Content-Type': 'application/octet-stream' }, data: Buffer.from('Handläggarens anteckning.\n', 'utf8'),
  });
  expect(internal.status(), await internal.text()).toBe(201);

  // From Mina rapporter to the report.
  await page.getByRole('navigation', { name: 'Moduler' }).getByRole('link', { name: 'Mina rapporter' }).click();
  await page.getByRole('table', { name: 'Mina rapporter' }).getByRole('row').filter({ hasText: title }).getByRole('link').first().click();
  await expect(page.getByRole('heading', { level: 1, name: title })).toBeVisible();
  // A long pasted link wraps within the page, on a phone too.
  await page.setViewportSize({ width: 390, height: 844 });
  await expect(page.getByText('Länken: https://intranat.example/')).toBeVisible();
  await expect.poll(() => page.evaluate(() => document.documentElement.scrollWidth)).toBeLessThanOrEqual(390);
  await page.setViewportSize({ width: 1280, height: 800 });
  const supplement = page.getByRole('region', { name: 'Komplettera rapporten' });
  await expect(supplement).toContainText('Det du lägger till här ser de som hanterar rapporten.');
  await expect(supplement.getByRole('heading', { level: 3 })).toHaveText(['Dina tillägg', 'Dina filer']);
  await expect(supplement).toContainText('Du har inte lagt till något ännu.');
  await expect(supplement).toContainText('Du har inte bifogat några filer ännu.');
  await expect(page.getByText(`Internt: avsändaren är känd ${u}`)).toHaveCount(0);
  await expect(page.getByRole('link', { name: 'intern.txt' })).toHaveCount(0);
  await expectNoAxeViolations(page, 'reporter view with Komplettera rapporten');

  // A forgotten detail: saved, said, shown in the list; focus back in the box for the next.
  const additions = supplement.getByRole('region', { name: 'Dina tillägg' });
  await additions.getByLabel('Vad vill du lägga till?').fill('Mejlet kom också till min kollega på enheten.');
  await additions.getByRole('button', { name: 'Skicka tillägget' }).click();
  await expect(additions.getByRole('listitem')).toHaveCount(1);
  await expect(additions.getByRole('listitem')).toContainText('Mejlet kom också till min kollega på enheten.');
  await expect(additions.getByRole('listitem')).toContainText(employee.name);
  await expect(additions.getByRole('status')).toHaveText('Ditt tillägg är sparat.');
  await expect(additions.getByLabel('Vad vill du lägga till?')).toBeFocused();

  // A screenshot: uploaded, said, listed; focus back on the file field; it downloads.
  const files = supplement.getByRole('region', { name: 'Dina filer' });
  const png = Buffer.from('iVBORw0KGgoAAAANSUhEUgAAAAEAAAABCAYAAAAfFcSJAAAADUlEQVR42mNkYPhfDwAChwGA60e6kgAAAABJRU5ErkJggg==', 'base64');
  await files.getByLabel('Fil att bifoga').setInputFiles({ name: 'skarmbild.png', mimeType: 'image/png', buffer: png });
  await files.getByRole('button', { name: 'Ladda upp' }).click();
  const link = files.getByRole('link', { name: 'skarmbild.png' });
  await expect(link).toBeVisible();
  await expect(files.getByRole('status')).toHaveText('Filen skarmbild.png är uppladdad.');
  await expect(files.getByLabel('Fil att bifoga')).toBeFocused();
  const download = page.waitForEvent('download');
  await link.click();
  expect((await download).suggestedFilename()).toBe('skarmbild.png');
  // Still only their own: the handler's note and file stay out.
  await expect(page.getByText(`Internt: avsändaren är känd ${u}`)).toHaveCount(0);
  await expect(files.getByRole('link')).toHaveCount(1);
  await expectNoAxeViolations(page, 'reporter view after adding a comment and a file');

  // Those who handle the report see what the reporter added, beside their own.
  const handled = (await (await api.get(`/api/incidents/${id}`, { headers })).json()) as { comments: { body: string }[]; attachments: { filename: string }[] };
  expect(handled.comments.map((c) => c.body)).toEqual([`Internt: avsändaren är känd ${u}`, 'Mejlet kom också till min kollega på enheten.']);
  expect(handled.attachments.map((a) => a.filename)).toEqual(['intern.txt', 'skarmbild.png']);
  await api.dispose();
  expect(watch.errors).toEqual([]);
  expect(watch.csp).toEqual([]);
  await logout(page, employee.name);
});
