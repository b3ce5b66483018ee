import { expect, test, type APIRequestContext, type Page } from '@playwright/test';
import { ADMIN_EMAIL } from './env';
import { adminApi, axeViolations, chooseOrg, expectNoAxeViolations, login, logout, openModule, seedOrgsAndPeople, unique, watchErrors } from './helpers';

// The usability audit's defects through the browser: login that names empty fields, page titles and focus on
// the new page's h1, a medarbetare's Mina rapporter, the report editor that never drops typed text silently,
// triage that offers only what can succeed and moves focus to its answer, an honest incident list beyond 50
// rows with its two exports, the incident page's facts as one valid list, the ISO 9.3 page pointing to the
// year's report, the focus ring, the form on a phone and the English captions of the report's charts.
test.describe.configure({ mode: 'serial' });
test.setTimeout(180_000);

const u = unique();
const orgs = {
  stad: { slug: `ux-stad-${u}`, name: `Användbarstad ${u}`, type: 'stad' },
  forv: { slug: `ux-forv-${u}`, name: `Prövningsförvaltningen ${u}`, type: 'forvaltning', parent: `ux-stad-${u}` },
  enhet: { slug: `ux-enhet-${u}`, name: `Skolenheten ${u}`, type: 'enhet', parent: `ux-forv-${u}` },
  annan: { slug: `ux-annan-${u}`, name: `Fritidsenheten ${u}`, type: 'enhet', parent: `ux-forv-${u}` },
};
const employee = { name: `Medarbetare UX ${u}`, email: `ux-med-${u}@e2e.test`, password: `Blå-val-simmar-${u}-lugnt` };
const isam = { name: `Isam UX ${u}`, email: `ux-isam-${u}@e2e.test`, password: `Svart-katt-springer-${u}-tyst` };
const forvReader = { name: `Förvaltningsläsare ${u}`, email: `ux-las-${u}@e2e.test`, password: `Vit-hare-läser-${u}-noga` };
const otherReader = { name: `Fritidsläsare ${u}`, email: `ux-las2-${u}@e2e.test`, password: `Grå-älg-läser-${u}-långsamt` };
const twoTrees = { name: `Delad läsare ${u}`, email: `ux-two-${u}@e2e.test`, password: `Två-träd-läser-${u}-båda` };
const year = Number(new Intl.DateTimeFormat('sv-SE', { timeZone: 'Europe/Stockholm', year: 'numeric' }).format(new Date()));

async function quick(api: APIRequestContext, headers: Record<string, string>, title: string, org = orgs.enhet.slug) {
  const res = await api.post('/api/incidents/quick', { headers, data: { title, org, personalData: 'nej' } });
  expect(res.status(), await res.text()).toBe(201);
  return (await res.json()) as { id: string; number: string };
}

/** Rules axe files as best practice (not in expectNoAxeViolations' WCAG tags) that the audit asked for. */
async function expectNoRules(page: Page, rules: string[], what: string) {
  const violations = await axeViolations(page, { type: 'rule', values: rules });
  expect(violations.map((v) => `${v.id}: ${v.nodes.map((n) => n.target.join(' ')).join(', ')}`), what).toEqual([]);
}

test.beforeAll(async () => {
  await seedOrgsAndPeople(Object.values(orgs), [
    [employee, 'medarbetare', orgs.enhet.slug],
    [isam, 'isam', orgs.forv.slug],
    [forvReader, 'lasare', orgs.forv.slug],
    [otherReader, 'lasare', orgs.annan.slug],
    [twoTrees, 'lasare', orgs.enhet.slug],
  ]);
});

test('login: empty fields are named at the fields before anything is sent', async ({ page }) => {
  const sent: string[] = [];
  page.on('request', (r) => r.url().includes('/api/auth/login') && sent.push(r.url()));
  await page.goto('/');
  await expect(page).toHaveTitle('Logga in – Tillit');
  await page.getByRole('button', { name: 'Logga in' }).click();
  await expect(page.getByLabel('E-post')).toHaveAttribute('aria-invalid', 'true');
  await expect(page.getByLabel('E-post')).toBeFocused();
  await expect(page.getByText('Ange e-postadress.')).toBeVisible();
  await expect(page.getByText('Ange lösenord.')).toBeVisible();
  await expect(page.getByText('Fel e-postadress eller lösenord')).toHaveCount(0);
  // The field's own message is what a screen reader hears with it.
  const described = await page.getByLabel('E-post').getAttribute('aria-describedby');
  expect(await page.locator(`[id="${described!.split(/\s+/)[0]}"]`).textContent()).toBe('Ange e-postadress.');

  await page.getByLabel('E-post').fill(ADMIN_EMAIL);
  await page.getByRole('button', { name: 'Logga in' }).click();
  await expect(page.getByLabel('Lösenord')).toBeFocused();
  await expect(page.getByText('Ange e-postadress.')).toHaveCount(0);
  expect(sent).toEqual([]);
  await expectNoAxeViolations(page, 'login with empty fields');
});

test('every page has its own title; a route change moves focus to the new h1, the first load does not', async ({ page }) => {
  await login(page, isam.email, isam.password);
  await expect(page).toHaveTitle('Översikt – Tillit');
  await expect(page.getByRole('heading', { level: 1 })).not.toBeFocused();
  const nav = page.getByRole('navigation', { name: 'Moduler' });
  // The two management review items say which is which.
  await expect(nav.getByRole('link', { name: 'Genomgångsmöte (ISO 9.3)' })).toBeVisible();
  await expect(nav.getByRole('link', { name: 'Rapport: Ledningens genomgång' })).toBeVisible();
  // A handler who also reports finds their own reports there too (GET /api/incidents?reporter=me).
  await expect(nav.getByRole('link', { name: 'Mina rapporter' })).toBeVisible();

  await nav.getByRole('link', { name: 'Incidenter' }).click();
  await expect(page.getByRole('heading', { level: 1, name: 'Incidenter' })).toBeFocused();
  await expect(page).toHaveTitle('Incidenter – Tillit');
  await expect(nav.getByRole('link', { name: 'Incidenter' })).toHaveAttribute('aria-current', 'page');

  // By keyboard: Enter on a link, then Tab continues from the top of the new page (its sub-navigation).
  await nav.getByRole('link', { name: 'Organisationer' }).focus();
  await page.keyboard.press('Enter');
  await expect(page.getByRole('heading', { level: 1, name: 'Organisationer' })).toBeFocused();
  await expect(page).toHaveTitle('Organisationer – Tillit');
  await page.keyboard.press('Tab');
  await expect(page.getByRole('tab', { name: 'Organisationsträd' })).toBeFocused();

  // In the UI language.
  await page.getByRole('button', { name: 'English' }).click();
  await expect(page).toHaveTitle('Organisations – Tillit');
  await page.getByRole('button', { name: 'Svenska' }).click();
  await expect(page).toHaveTitle('Organisationer – Tillit');

  // A reload is a first load: focus stays at the document start (the skip link comes first).
  await page.reload();
  await expect(page.getByRole('heading', { level: 1, name: 'Organisationer' })).toBeVisible();
  await expect(page.getByRole('heading', { level: 1 })).not.toBeFocused();
});

test('form fields get a 2 px focus ring in a dark blue, not only a border colour', async ({ page }) => {
  await login(page, isam.email, isam.password);
  await openModule(page, 'Incidenter');
  const search = page.getByRole('textbox', { name: 'Sök', exact: true });
  await search.focus();
  const ring = await search.evaluate((el) => {
    const s = getComputedStyle(el);
    return `${s.outlineStyle} ${s.outlineWidth} ${s.outlineColor}`;
  });
  expect(ring).toBe('solid 2px rgb(11, 79, 138)');
  const select = page.getByLabel('Status', { exact: true });
  await select.focus();
  expect(await select.evaluate((el) => getComputedStyle(el).outlineWidth)).toBe('2px');
});

test('a medarbetare reports (errors focus the first field), then finds the report under Mina rapporter', async ({ page }) => {
  const title = `Borttappat passerkort ${u}`;
  const watch = watchErrors(page);
  await login(page, employee.email, employee.password);
  const nav = page.getByRole('navigation', { name: 'Moduler' });
  await expect(nav.getByRole('link', { name: 'Incidenter' })).toHaveCount(0);
  await openModule(page, 'Rapportera incident');

  // Refused: the errors are announced and focus is on the first field with one.
  await page.getByRole('button', { name: 'Skicka rapport' }).click();
  await expect(page.getByRole('alert').filter({ hasText: 'Rapporten är inte skickad' })).toContainText('2 uppgifter behöver rättas');
  await expect(page.getByLabel('Vad har hänt?')).toBeFocused();
  await page.getByLabel('Vad har hänt?').fill(title);
  await page.getByRole('button', { name: 'Skicka rapport' }).click();
  await expect(page.getByRole('radio', { name: 'Ja' })).toBeFocused();
  await page.getByRole('radio', { name: 'Nej' }).check();
  await page.getByRole('button', { name: 'Skicka rapport' }).click();
  await expect(page.getByRole('heading', { level: 1, name: 'Tack – incidenten är rapporterad' })).toBeVisible();
  const number = (await page.getByTestId('receipt-number').textContent())?.trim() ?? '';

  // From the receipt to the list of one's own reports.
  await expect(page.getByText('Du hittar rapporten igen under Mina rapporter i menyn.')).toBeVisible();
  await page.getByRole('link', { name: 'Mina rapporter' }).last().click();
  await expect(page.getByRole('heading', { level: 1, name: 'Mina rapporter' })).toBeVisible();
  await expect(page).toHaveTitle('Mina rapporter – Tillit');
  await expect(nav.getByRole('link', { name: 'Mina rapporter' })).toHaveAttribute('aria-current', 'page');
  const row = page.getByRole('table', { name: 'Mina rapporter' }).getByRole('row').filter({ hasText: number });
  await expect(row).toContainText(title);
  await expect(row).toContainText('Rapporterad');
  await expect(row).toContainText(String(year));
  await expectNoAxeViolations(page, 'Mina rapporter');

  // Each report opens on its own page, with the way back to the list.
  await row.getByRole('link', { name: number }).click();
  await expect(page.getByRole('heading', { level: 1, name: title })).toBeFocused();
  await expect(page.getByRole('link', { name: '← Tillbaka till Mina rapporter' })).toHaveAttribute('href', '/mina-rapporter');
  // The reporter sees the report and its status, not the handlers' work on it.
  await expect(page.getByRole('note').filter({ hasText: 'Din rapport' })).toContainText('visas bara för dem som hanterar incidenten');
  await expect(page.getByRole('heading', { name: 'Åtgärder' })).toHaveCount(0);

  // Organisationer: a medarbetare may look, not change.
  await openModule(page, 'Organisationer');
  await expect(page.getByText('Välj en organisation i trädet för att se dess uppgifter.')).toBeVisible();
  await expect(page.getByText(/se och ändra/)).toHaveCount(0);
  expect(watch.errors).toEqual([]);
  await logout(page, employee.name);
});

test('a time in the hour repeated in October asks which one, and the winter-time one is the one stored', async ({ page }) => {
  const title = `Skärm utan lås natten till vintertid ${u}`;
  await login(page, employee.email, employee.password);
  await openModule(page, 'Rapportera incident');
  await page.getByLabel('Vad har hänt?').fill(title);
  const when = page.getByLabel('När hände det?');
  await when.fill('2025-10-26T02:30');
  const which = page.getByRole('radiogroup', { name: /2025-10-26 02:30 inträffade två gånger/ });
  await expect(which.getByRole('radio', { name: 'Den första (sommartid, +02:00)' })).toBeChecked();
  await expectNoAxeViolations(page, 'report form with the repeated hour');
  await which.getByRole('radio', { name: 'Den andra (vintertid, +01:00)' }).check();
  await page.getByRole('radio', { name: 'Nej' }).check();
  await page.getByRole('button', { name: 'Skicka rapport' }).click();
  await expect(page.getByRole('heading', { level: 1, name: 'Tack – incidenten är rapporterad' })).toBeVisible();
  // The stored instant is the second 02:30, 01:30 UTC (the first would be 00:30 UTC).
  const mine = await (await page.request.get('/api/incidents?reporter=me&limit=200')).json() as { items: { id: string; title: string }[] };
  const id = mine.items.find((i) => i.title === title)!.id;
  const stored = await (await page.request.get(`/api/incidents/${id}`)).json() as { occurredAt: string };
  expect(stored.occurredAt).toBe('2025-10-26T01:30:00.000Z');
  // An hour that is not repeated asks nothing.
  await page.goto('/rapportera-incident');
  await page.getByLabel('När hände det?').fill('2025-10-26T03:30');
  await expect(page.getByRole('radiogroup', { name: /inträffade två gånger/ })).toHaveCount(0);
});

test('on a phone the report form stacks the date and the unit', async ({ page }) => {
  await login(page, employee.email, employee.password);
  await page.setViewportSize({ width: 390, height: 844 });
  await page.goto('/rapportera-incident');
  await expect(page.getByLabel('Vilken enhet?')).toBeVisible();
  const boxes = async () => ({ when: (await page.getByLabel('När hände det?').boundingBox())!, unit: (await page.getByLabel('Vilken enhet?').boundingBox())! });
  // Stacked: the unit below the date, as wide as the form (the unit's name is not cut off).
  await expect.poll(async () => {
    const { when, unit } = await boxes();
    return unit.y > when.y + when.height && unit.width > 300;
  }).toBe(true);
  // Side by side again on a wide screen.
  await page.setViewportSize({ width: 1280, height: 800 });
  await expect.poll(async () => {
    const { when, unit } = await boxes();
    return unit.x >= when.x + when.width;
  }).toBe(true);
});

test('on a phone the closed menu is out of the tab order, and the open one is in it', async ({ page }) => {
  await login(page, employee.email, employee.password);
  await page.setViewportSize({ width: 390, height: 844 });
  await page.goto('/mina-rapporter');
  const nav = page.getByRole('navigation', { name: 'Moduler' });
  const inNav = () => page.evaluate(() => !!document.activeElement?.closest('nav'));
  // Tab through the header and on into the page: never into the hidden drawer.
  await page.locator('body').focus();
  for (let i = 0; i < 12; i++) {
    await page.keyboard.press('Tab');
    expect(await inNav(), `tab stop ${i + 1}`).toBe(false);
  }
  await page.getByRole('button', { name: 'Visa eller dölj menyn' }).click();
  await expect(nav.getByRole('link', { name: 'Mina rapporter' })).toBeVisible();
  await nav.getByRole('link', { name: 'Mina rapporter' }).focus();
  expect(await inNav()).toBe(true);
});

test('on a phone the legal clocks are one block per duty, time left included, within the screen', async ({ page }) => {
  const { api, headers } = await adminApi();
  const res = await api.post('/api/incidents', { headers, data: { org: orgs.enhet.slug, title: `Klockor i mobilen ${u}`, kind: 'Personuppgiftsincident', personalData: 'ja', riskAssessment: 'hog_risk' } });
  expect(res.status(), await res.text()).toBe(201);
  const { id } = (await res.json()) as { id: string };
  await api.dispose();
  await login(page, isam.email, isam.password);
  await page.setViewportSize({ width: 390, height: 844 });
  await page.goto(`/incidenter/${id}`);
  const clocks = page.getByRole('list', { name: 'GDPR art. 33/34 och NIS2 (24 h, 72 h, en månad)' });
  const duty = clocks.getByRole('listitem').filter({ hasText: 'Anmälan till IMY (art. 33, 72 h)' });
  await expect(duty).toContainText(/kvar/);
  const box = (await duty.boundingBox())!;
  expect(box.x + box.width).toBeLessThanOrEqual(390);
  await expectNoAxeViolations(page, 'clocks on a phone');
  // A wide screen keeps the table.
  await page.setViewportSize({ width: 1280, height: 800 });
  await expect(page.getByRole('table', { name: 'GDPR art. 33/34 och NIS2 (24 h, 72 h, en månad)' })).toBeVisible();
});

test('one who reads separate trees (a shared DSO) sees all of them in the list and deadlines, and may narrow to the selected one', async ({ page }) => {
  const { api, headers } = await adminApi();
  const users = (await (await api.get('/api/users', { headers })).json()) as { id: string; email: string }[];
  const me = users.find((x) => x.email === twoTrees.email)!;
  const second = await api.post(`/api/users/${me.id}/roles`, { headers, data: { role: 'lasare', org: orgs.annan.slug } });
  expect(second.status(), await second.text()).toBe(201);
  await quick(api, headers, `Träd ett ${u}`, orgs.enhet.slug);
  await quick(api, headers, `Träd två ${u}`, orgs.annan.slug);
  // A risk åtgärd in each tree, for the risk actions' list.
  for (const [org, title] of [[orgs.enhet.slug, `Åtgärd träd ett ${u}`], [orgs.annan.slug, `Åtgärd träd två ${u}`]]) {
    const risk = await api.post('/api/risks/register', { headers, data: { org, title: `Risk för ${title}`, sourceType: 'manual', inherent: { sannolikhet: 2, konsekvens: 2 } } });
    expect(risk.status(), await risk.text()).toBe(201);
    const action = await api.post('/api/risks/actions', { headers, data: { parentType: 'risk', parentId: ((await risk.json()) as { id: string }).id, title, dueDate: null } });
    expect(action.status(), await action.text()).toBe(201);
  }
  await api.dispose();

  await login(page, twoTrees.email, twoTrees.password);
  await page.goto('/incidenter');
  const all = page.getByRole('radio', { name: 'Alla mina organisationer' });
  await expect(all).toBeChecked();
  await expect(page.getByRole('cell', { name: `Träd ett ${u}` })).toBeVisible();
  await expect(page.getByRole('cell', { name: `Träd två ${u}` })).toBeVisible();
  await expectNoAxeViolations(page, 'incident list with the scope choice');
  // The selected organisation alone (the header's choice), remembered in the address.
  const selected = await page.getByLabel('Vald organisation').locator('option:checked').textContent();
  // Keyboard: the segmented choice is one radio group (arrows move within it).
  await all.focus();
  await page.keyboard.press('ArrowLeft');
  await expect(page.getByRole('radio', { name: selected!.trim() })).toBeChecked();
  await expect(page).toHaveURL(/alla=0/);
  const shown = selected!.includes('Skolenheten') ? `Träd ett ${u}` : `Träd två ${u}`;
  const hidden = shown === `Träd ett ${u}` ? `Träd två ${u}` : `Träd ett ${u}`;
  await expect(page.getByRole('cell', { name: shown })).toBeVisible();
  await expect(page.getByRole('cell', { name: hidden })).toHaveCount(0);
  // The deadlines open on all of them too.
  await page.goto('/incidenter/tidsfrister');
  await expect(page.getByRole('radio', { name: 'Alla mina organisationer' })).toBeChecked();
  await expect(page.getByText('Alla löpande lagstadgade tidsfrister i de organisationer du har behörighet till')).toBeVisible();
  // So do the risk åtgärder, each with its organisation.
  await page.goto('/risker/atgarder');
  await expect(page.getByRole('radio', { name: 'Alla mina organisationer' })).toBeChecked();
  for (const [title, org] of [[`Åtgärd träd ett ${u}`, orgs.enhet.name], [`Åtgärd träd två ${u}`, orgs.annan.name]]) {
    await expect(page.getByRole('row', { name: new RegExp(title) })).toContainText(org);
  }
  await expectNoAxeViolations(page, 'risk actions of all one\'s organisations');
});

test('triage offers only reachable statuses and handlers who may read the incidents; focus goes to the answer', async ({ page }) => {
  const { api, headers } = await adminApi();
  const a = await quick(api, headers, `Triage A ${u}`);
  const b = await quick(api, headers, `Triage B ${u}`);
  const moved = await api.post('/api/incidents/bulk', { headers, data: { ids: [a.id], set: { status: 'Under registrering' } } });
  expect(moved.status(), await moved.text()).toBe(200);
  await api.dispose();

  await login(page, isam.email, isam.password);
  // The förvaltning: its users (those with a role in it or below) are the handler candidates.
  await chooseOrg(page, orgs.forv.slug);
  await openModule(page, 'Incidenter');
  const triage = page.getByRole('region', { name: /Ändra markerade/ });
  await page.getByRole('checkbox', { name: `Markera ${a.number}` }).check();
  await page.getByRole('checkbox', { name: `Markera ${b.number}` }).check();
  // Rapporterad and Under registrering: what at least one may move to, nothing all already have, no Klar.
  await expect(triage.getByLabel('Ny status').locator('option')).toHaveText(['Oförändrad', 'Under registrering', 'Under utredning', 'Förfallen']);
  // The reader of the other unit would be refused by the server: not offered.
  const handlers = triage.getByLabel('Ny handläggare').locator('option');
  await expect(handlers).toContainText([isam.name]);
  await expect(handlers.filter({ hasText: forvReader.name })).toHaveCount(1);
  await expect(handlers.filter({ hasText: otherReader.name })).toHaveCount(0);
  await expect(handlers.filter({ hasText: employee.name })).toHaveCount(0);
  await expectNoAxeViolations(page, 'triage with two selected');

  // Refused for one: nothing changes, the refused one is named, and focus is on the answer.
  await triage.getByLabel('Ny status').selectOption('Under utredning');
  await triage.getByRole('button', { name: 'Ändra markerade' }).click();
  const refused = page.getByRole('alert').filter({ hasText: 'Inget ändrades' });
  await expect(refused).toContainText(b.number);
  await expect(refused).not.toContainText(a.number);
  await expect(page.locator('.triage-result')).toBeFocused();


  // Allowed for both: done, said where focus is.
  await triage.getByLabel('Ny handläggare').selectOption('Oförändrad');
  await triage.getByLabel('Ny status').selectOption('Förfallen');
  await triage.getByRole('button', { name: 'Ändra markerade' }).click();
  await expect(page.getByRole('status').filter({ hasText: '2 incidenter ändrades.' })).toBeVisible();
  await expect(page.locator('.triage-result')).toBeFocused();
});

test('the incident list says when the server has more rows; the export offers the filtered set or the rows and columns shown', async ({ page }) => {
  const { api, headers } = await adminApi();
  const made: { id: string; number: string }[] = [];
  for (let i = 0; i < 52; i++) made.push(await quick(api, headers, `Massutskick ${i} ${u}`, orgs.annan.slug));

  await login(page, isam.email, isam.password);
  await chooseOrg(page, orgs.annan.slug);
  await openModule(page, 'Incidenter');
  const table = page.getByRole('table', { name: 'Incidenter' });
  await expect(table.getByRole('row')).toHaveCount(51);
  await expect(page.getByText('Visar 50 av 50 inlästa poster – det finns fler. Välj ”Visa fler” för att läsa in fler.')).toBeVisible();
  const search = page.getByLabel('Sök i listan');
  await expect(search).toHaveAccessibleDescription(/Söker bara i de rader som är inlästa.*Sök i alla incidenter med fältet Sök i filtret ovanför/);
  await search.fill('Massutskick 1');
  await expect(page.getByText('Sökningen gäller bara de inlästa raderna; det finns fler som inte är sökta.')).toBeVisible();
  await search.fill('');
  // A column the server sorts orders every incident that matches: the two oldest, not among the 50 loaded newest
  // first, come first by title ("Massutskick 0", "Massutskick 1", "Massutskick 10" …), and no note limits it.
  await table.getByRole('button', { name: 'Rubrik' }).click();
  await expect(table.getByRole('columnheader', { name: /Rubrik/ })).toHaveAttribute('aria-sort', 'ascending');
  const mass = table.getByRole('row').filter({ hasText: 'Massutskick' });
  await expect(mass.nth(0)).toContainText(`Massutskick 0 ${u}`);
  await expect(mass.nth(1)).toContainText(`Massutskick 1 ${u}`);
  await expect(page.getByText('Sorteringen gäller bara de inlästa raderna; det finns fler.')).toHaveCount(0);
  await table.getByRole('button', { name: /Rubrik/ }).click();
  await expect(mass.nth(0)).toContainText(`Massutskick 9 ${u}`);
  // A third click goes back to newest first.
  await table.getByRole('button', { name: /Rubrik/ }).click();
  await expect(table.getByRole('row').nth(1)).toContainText(`Massutskick 51 ${u}`);
  // Närmaste tidsfrist is worked out here from the clocks: sorting by it says, right above the table where the head
  // was clicked, that it covers the loaded rows only.
  await table.getByRole('button', { name: 'Närmaste tidsfrist' }).click();
  await expect(page.getByText('Sorteringen gäller bara de inlästa raderna; det finns fler.')).toBeInViewport();
  await table.getByRole('button', { name: /Närmaste tidsfrist/ }).click();
  await table.getByRole('button', { name: /Närmaste tidsfrist/ }).click();

  // The server's export follows the applied filter and says it holds all that match; the other is what is shown.
  await page.getByRole('textbox', { name: 'Sök', exact: true }).fill('Massutskick');
  await page.getByRole('button', { name: 'Filtrera', exact: true }).click();
  // How many match, counted by the server; "select all" takes the 52 that match, the two not loaded too (one triage
  // step takes up to 500).
  await expect(page.getByText('Visar 50 av 50 inlästa poster – det finns fler. Välj ”Visa fler” för att läsa in fler. Totalt 52 poster matchar.')).toBeVisible();
  const triage = page.getByRole('region', { name: /Ändra markerade/ });
  await page.getByRole('button', { name: 'Markera alla 52 som matchar' }).click();
  await expect(triage.getByRole('heading')).toHaveText('Ändra markerade (52 st)');
  await expect(triage.getByText('52 incidenter markerade', { exact: true })).toHaveAttribute('aria-live', 'polite');
  await expect(table.getByRole('checkbox', { checked: true })).toHaveCount(50);
  // Someone else changes the first one, not loaded (newest first): the step is refused, and the reload reads the
  // two not loaded again with all that match, so all 52 stay selected, as they are now.
  const changed = await api.patch(`/api/incidents/${made[0].id}`, { headers, data: { version: 1, kind: 'Arbetsmiljö' } });
  expect(changed.status(), await changed.text()).toBe(200);
  await api.dispose();
  await triage.getByLabel('Ny typ').selectOption('IT-säkerhet');
  await triage.getByRole('button', { name: 'Ändra markerade' }).click();
  const stale = triage.getByRole('alert').filter({ hasText: 'Någon annan har ändrat detta' });
  await expect(stale).toContainText(made[0].number);
  await stale.getByRole('button', { name: 'Ladda om' }).click();
  await expect(triage.getByRole('status')).toHaveText('Listan är omladdad. 52 incidenter är markerade, som de ser ut nu. Välj Ändra markerade igen.');
  await expect(triage.getByRole('heading')).toHaveText('Ändra markerade (52 st)');
  await triage.getByRole('button', { name: 'Avmarkera alla' }).click();
  // The answer went with the selection it was about.
  await expect(triage.getByRole('status')).toHaveCount(0);
  await expect(triage.getByRole('heading')).toHaveText('Ändra markerade (0 st)');
  // While "Sök i listan" narrows the rows, select all takes the rows shown, and says so.
  await page.getByLabel('Sök i listan').fill('Massutskick 3');
  const shownRows = (await table.getByRole('row').count()) - 1;
  expect(shownRows).toBeGreaterThan(0);
  expect(shownRows).toBeLessThan(50);
  await page.getByRole('button', { name: `Markera de ${shownRows} som visas` }).click();
  await expect(triage.getByRole('heading')).toHaveText(`Ändra markerade (${shownRows} st)`);
  await triage.getByRole('button', { name: 'Avmarkera alla' }).click();
  await page.getByLabel('Sök i listan').fill('');
  await page.getByRole('button', { name: 'Exportera' }).click();
  const all = page.getByRole('menuitem', { name: 'CSV: alla som matchar filtret' });
  await expect(all).toHaveAttribute('href', new RegExp(`/api/incidents/export\\?org=${orgs.annan.slug}&q=Massutskick&format=csv`));
  await expect(page.getByRole('menuitem', { name: 'Excel (XLSX): alla som matchar filtret' })).toBeVisible();
  await expectNoAxeViolations(page, 'incident export menu');
  // The open menu is inside the page's main landmark, not in a portal outside every landmark (axe best practice).
  await expectNoRules(page, ['region'], 'incident export menu');
  await page.keyboard.press('Escape');

  // Hide a column: the export of what is shown leaves it out.
  await page.getByRole('button', { name: 'Kolumner' }).click();
  await page.getByRole('group', { name: 'Visa kolumner' }).getByRole('checkbox', { name: 'Typ' }).uncheck();
  await page.keyboard.press('Escape');
  await page.getByRole('button', { name: 'Exportera' }).click();
  const download = page.waitForEvent('download');
  await page.getByRole('menuitem', { name: 'CSV: bara visade rader och kolumner' }).click();
  const file = await download;
  // Named as the server's file of the list is, told apart from it: incidenter-visade-2026-12-07.csv.
  expect(file.suggestedFilename()).toMatch(/^incidenter-visade-\d{4}-\d{2}-\d{2}\.csv$/);
  const csv = (await (await import('node:fs/promises')).readFile((await file.path())!, 'utf8')).replace(/^\ufeff/, '');
  const [header, ...lines] = csv.trim().split('\r\n');
  expect(header.split(';')).toContain('Rubrik');
  expect(header.split(';')).not.toContain('Typ');
  expect(lines).toHaveLength(50);

  await page.getByRole('button', { name: 'Visa fler' }).click();
  await expect(table.getByRole('row')).toHaveCount(53);
  await expect(page.getByText('Visar 52 poster', { exact: true })).toBeVisible();
  await expect(page.getByRole('button', { name: 'Visa fler' })).toHaveCount(0);
  // The start page's "new reports waiting" links here with ?status=Rapporterad: the list opens filtered to it.
  await page.goto('/incidenter?status=Rapporterad');
  await expect(page.getByRole('combobox', { name: 'Status' }).first()).toHaveValue('Rapporterad');
  await expect(page.getByRole('table', { name: 'Incidenter' }).getByRole('row').nth(1)).toContainText('Rapporterad');
});

test('an incident page with an assessment is one valid list of facts; an empty title is caught at the field', async ({ page }) => {
  const { api, headers } = await adminApi();
  const c = await quick(api, headers, `Bedömd händelse ${u}`);
  const r = await api.patch(`/api/incidents/${c.id}`, { headers, data: { version: 1, assessmentText: 'Ingen trolig risk för de registrerade.' } });
  expect(r.status(), await r.text()).toBe(200);
  await api.dispose();

  await login(page, isam.email, isam.password);
  await page.goto(`/incidenter/${c.id}`);
  await expect(page.getByRole('heading', { level: 1, name: `Bedömd händelse ${u}` })).toBeVisible();
  await expect(page).toHaveTitle(`Bedömd händelse ${u} – Tillit`);
  await expect(page.locator('dl dt', { hasText: 'Bedömning' })).toBeVisible();
  await expectNoAxeViolations(page, 'incident with assessment');

  await page.getByRole('button', { name: 'Ändra uppgifter' }).click();
  await page.getByLabel('Rubrik').fill('');
  await page.getByRole('button', { name: 'Spara' }).click();
  await expect(page.getByLabel('Rubrik')).toBeFocused();
  await expect(page.getByLabel('Rubrik')).toHaveAttribute('aria-invalid', 'true');
  await expect(page.getByText('Ange en rubrik.')).toBeVisible();
});

test('the report editor never drops typed text silently', async ({ page }) => {
  const { api, headers } = await adminApi();
  // An incident this year, so the report has figures to chart.
  await quick(api, headers, `Diagramunderlag ${u}`);
  const created = await api.post('/api/reports', { headers, data: { org: orgs.forv.slug, year } });
  expect(created.status(), await created.text()).toBe(201);
  await api.dispose();

  await login(page, isam.email, isam.password);
  await chooseOrg(page, orgs.forv.slug);
  await openModule(page, 'Rapport: Ledningens genomgång', 'Ledningens genomgång – rapport');
  const outline = page.getByRole('list', { name: 'Rapportens avsnitt' });
  const first = outline.getByRole('listitem').first().getByRole('button').first();
  const second = outline.getByRole('listitem').nth(1).getByRole('button').first();
  const editor = page.getByRole('textbox', { name: /^Text i avsnittet/ });
  await expect(editor).toHaveAccessibleName(/Sammanfattning/);
  // The section editor is a region of its own name, not the preview's section of the same heading.
  await expectNoRules(page, ['landmark-unique', 'landmark-no-duplicate-banner', 'dlitem'], 'report page');

  await editor.click();
  await page.keyboard.type('Text som inte får försvinna.');
  await second.click();
  const dialog = page.getByRole('dialog', { name: 'Ändringar som inte är sparade' });
  await expect(dialog).toContainText(/”1 Sammanfattning[^”]*” har ändringar som inte är sparade/);
  await expect(dialog.getByRole('button', { name: 'Spara' })).toBeFocused();
  await expectNoAxeViolations(page, 'unsaved changes dialog');
  await expectNoRules(page, ['landmark-unique', 'landmark-no-duplicate-banner'], 'unsaved changes dialog');

  // Avbryt: stay, the text is still there.
  await dialog.getByRole('button', { name: 'Avbryt' }).click();
  await expect(dialog).toHaveCount(0);
  await expect(editor).toHaveAccessibleName(/Sammanfattning/);
  await expect(editor).toContainText('Text som inte får försvinna.');

  // Spara: saved, said so, and the other section opens; back again, the text is there.
  await second.click();
  await dialog.getByRole('button', { name: 'Spara' }).click();
  await expect(page.getByRole('status').filter({ hasText: /^Sparat: ändringarna i avsnittet ”1 Sammanfattning[^”]*”\.$/ })).toBeVisible();
  await expect(editor).not.toHaveAccessibleName(/Sammanfattning/);
  await first.click();
  await expect(dialog).toHaveCount(0);
  await expect(editor).toContainText('Text som inte får försvinna.');

  // Switching tabs within the section keeps what was typed in view.
  await editor.click();
  await page.keyboard.press('Control+End');
  await page.keyboard.type(' Ett tillägg.');
  await page.getByRole('tab', { name: /Tabeller/ }).click();
  await page.getByRole('tab', { name: 'Text' }).click();
  await expect(editor).toContainText('Ett tillägg.');

  // Leaving the page asks too; "Släng ändringarna" goes on without saving.
  await page.getByRole('navigation', { name: 'Moduler' }).getByRole('link', { name: 'Incidenter' }).click();
  await expect(dialog).toBeVisible();
  await dialog.getByRole('button', { name: 'Släng ändringarna' }).click();
  await expect(page.getByRole('heading', { level: 1, name: 'Incidenter' })).toBeVisible();
  await page.goBack();
  await expect(editor).toContainText('Text som inte får försvinna.');
  await expect(editor).not.toContainText('Ett tillägg.');

  // The charts' captions in English (the figures are the document's).
  await page.getByRole('button', { name: 'English' }).click();
  await expect(page.locator('figcaption', { hasText: 'Incidents by status' }).first()).toBeVisible();
  await page.getByRole('button', { name: 'Svenska' }).click();

  // Closing the tab with unsaved text: the browser's own warning (beforeunload).
  await page.getByRole('textbox', { name: /^Text i avsnittet/ }).click();
  await page.keyboard.type(' Osparat.');
  const asked = page.waitForEvent('dialog');
  await page.close({ runBeforeUnload: true });
  const beforeUnload = await asked;
  expect(beforeUnload.type()).toBe('beforeunload');
  // Left once it has closed: the next test reuses the browser context, which must not find a page still closing.
  const closed = page.waitForEvent('close');
  await beforeUnload.accept();
  await closed;
});

test('the ISO 9.3 meeting page says when the year’s report exists and links to it', async ({ page }) => {
  await login(page, isam.email, isam.password);
  await chooseOrg(page, orgs.forv.slug);
  await openModule(page, 'Genomgångsmöte (ISO 9.3)', 'Ledningens genomgång – möte (ISO 9.3)');
  const note = page.getByText(`Årsrapporten för ${year} finns (utkast)`);
  await expect(note).toBeVisible();
  await expectNoAxeViolations(page, 'ISO 9.3 page with the report note');
  await page.getByRole('link', { name: `Öppna rapporten för ${year}` }).click();
  await expect(page.getByRole('heading', { level: 1, name: 'Ledningens genomgång – rapport' })).toBeFocused();
  await expect(page.getByLabel('År', { exact: true })).toHaveValue(String(year));
});
