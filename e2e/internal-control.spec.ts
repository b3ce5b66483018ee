import { expect, test } from '@playwright/test';
import { adminApi, chooseOrg, expectNoAxeViolations, login, openModule, seedOrgsAndPeople, unique, watchErrors } from './helpers';

// Internkontroll through the browser: the förvaltning's VoR of this year has an event with riskvärde 16 (proposed for
// the IKP, seeded through the API). An ISAM plans a half-yearly kontrollmoment for that risk, reports H1 as an
// avvikelse without a comment (the server's 422 is shown at the comment field), gives the comment and the measures,
// and finds the result in the risk's list, also with the filter "only deviations". From the city, the administrator
// plans a second control for the same risk, which is kept on the förvaltning. axe finds nothing.
test.describe.configure({ mode: 'serial' });

const u = unique();
const stad = { slug: `ik-stad-${u}`, name: `Internkontrollstad ${u}`, type: 'stad' };
const forv = { slug: `ik-forv-${u}`, name: `Internkontrollförvaltningen ${u}`, type: 'forvaltning', parent: stad.slug };
const isam = { name: `Isam Kontroll ${u}`, email: `isam-ik-${u}@e2e.test`, password: `Blå-abborre-dyker-${u}-djupt` };
const riskTitle = `Behörigheter avslutas inte i tid ${u}`;
const today = new Intl.DateTimeFormat('sv-SE', { timeZone: 'Europe/Stockholm' }).format(new Date());
const year = Number(today.slice(0, 4));

test.beforeAll(async () => {
  await seedOrgsAndPeople([stad, forv], [[isam, 'isam', forv.slug]]);
  const { api, headers } = await adminApi();
  const vor = await api.post('/api/risks/vor', { headers, data: { org: forv.slug, year } });
  expect(vor.status(), await vor.text()).toBe(201);
  const body = (await vor.json()) as { id: string; processes: { arbetssatt: { id: string }[] }[] };
  const ev = await api.post(`/api/risks/vor/${body.id}/events`, { headers, data: { arbetssattId: body.processes[0].arbetssatt[0].id, title: riskTitle, sannolikhet: 4, konsekvens: 4 } });
  expect(ev.status(), await ev.text()).toBe(201);
  await api.dispose();
});

test('an ISAM plans a control for an IKP risk, reports a deviation (422 at the comment first) and sees it in the list; axe finds nothing', async ({ page }) => {
  const seen = watchErrors(page);
  await login(page, isam.email, isam.password);
  await chooseOrg(page, forv.slug);
  await openModule(page, 'Internkontroll');
  const group = page.getByRole('region', { name: riskTitle });
  await expect(group).toContainText('Riskvärde 16');
  await expect(group).toContainText('Risken har inga kontrollmoment ännu.');
  await expectNoAxeViolations(page, 'Internkontroll (risk utan kontroll)');

  await group.getByRole('button', { name: `Nytt kontrollmoment för risken ${riskTitle}` }).click();
  const dialog = page.getByRole('dialog', { name: `Nytt kontrollmoment för ${forv.name} ${year}` });
  await expect(dialog.getByRole('combobox', { name: 'IKP-risk' })).toHaveValue(/.+/);
  await dialog.getByRole('textbox', { name: 'Kontrollmoment' }).fill('Avslutade anställningar stäms av mot behörigheterna i verksamhetssystemen.');
  await dialog.getByRole('textbox', { name: 'Metod' }).fill('Stickprov');
  await dialog.getByRole('combobox', { name: 'Frekvens' }).selectOption('halvar');
  await dialog.getByRole('textbox', { name: 'Ansvarig' }).fill('Objektledare');
  await expectNoAxeViolations(page, 'Nytt kontrollmoment');
  await dialog.getByRole('button', { name: 'Lägg till' }).click();
  await expect(dialog).toHaveCount(0);

  const control = group.getByRole('article');
  await expect(control).toHaveCount(1);
  await expect(control).toContainText('Frekvens: Halvår');
  const h1 = control.getByRole('row').filter({ hasText: 'H1 (halvår 1)' });
  await expect(control.getByRole('row').filter({ hasText: 'H2 (halvår 2)' })).toHaveCount(1);
  await h1.getByRole('button', { name: /^Rapportera resultat för H1 \(halvår 1\)/ }).click();

  const report = page.getByRole('dialog', { name: `Rapportera resultat för H1 (halvår 1) ${year}` });
  await report.getByRole('combobox', { name: 'Resultat' }).selectOption('avvikelse');
  await report.getByLabel('Utförd den').fill(today);
  await report.getByRole('button', { name: 'Rapportera' }).click();
  const comment = report.getByRole('textbox', { name: 'Kommentar' });
  await expect(comment).toHaveAttribute('aria-invalid', 'true');
  await expect(comment).toBeFocused();
  await expect(report).toContainText('Beskriv avvikelsen i kommentaren');
  await expectNoAxeViolations(page, 'Rapportera resultat med fel');
  await comment.fill('Två av tjugo som slutat hade kvar behörighet');
  await report.getByRole('textbox', { name: 'Vidtagna åtgärder' }).fill('Behörigheterna togs bort; cheferna påmindes');
  await report.getByRole('button', { name: 'Rapportera' }).click();
  await expect(report).toHaveCount(0);

  await expect(h1.getByText('Avvikelse', { exact: true })).toBeVisible();
  await expect(h1).toContainText(today);
  await expect(h1).toContainText('Två av tjugo som slutat hade kvar behörighet');
  await expect(h1.getByRole('button', { name: /^Ändra resultatet för H1 \(halvår 1\)/ })).toBeFocused();
  await expect(page.getByRole('status').filter({ hasText: 'Resultatet för H1 (halvår 1) är sparat' })).toBeVisible();
  await expectNoAxeViolations(page, 'Internkontroll (en avvikelse)');

  await page.getByRole('combobox', { name: 'Visa' }).selectOption('deviations');
  await expect(page.getByRole('region', { name: riskTitle }).getByRole('article')).toHaveCount(1);
  await page.getByRole('combobox', { name: 'Visa' }).selectOption('missing');
  // H1 is reported and H2 has not ended: nothing is missing.
  await expect(page.getByRole('region', { name: riskTitle })).toHaveCount(0);
  await expect(page.getByText(`Inga kontrollmoment för ${year} matchar urvalet.`)).toBeVisible();
  expect(seen.errors.filter((e) => !/status of 422/.test(e))).toEqual([]);
  expect(seen.csp).toEqual([]);
});

test('from the city, a control planned for a förvaltning\'s IKP risk is kept on that förvaltning', async ({ page }) => {
  await login(page);
  await chooseOrg(page, stad.slug);
  await openModule(page, 'Internkontroll');
  const group = page.getByRole('region', { name: riskTitle });
  await expect(group).toContainText(forv.name);
  await group.getByRole('button', { name: `Nytt kontrollmoment för risken ${riskTitle}` }).click();
  const dialog = page.getByRole('dialog', { name: `Nytt kontrollmoment för ${stad.name} ${year}` });
  await dialog.getByRole('textbox', { name: 'Kontrollmoment' }).fill('Behörighetslistan gås igenom med cheferna.');
  await dialog.getByRole('button', { name: 'Lägg till' }).click();
  await expect(dialog).toHaveCount(0);
  await expect(group.getByRole('article')).toHaveCount(2);
  await expect(group.getByRole('article').filter({ hasText: 'Behörighetslistan gås igenom med cheferna' })).toContainText(forv.name);
  await expectNoAxeViolations(page, 'Internkontroll (staden)');
});
