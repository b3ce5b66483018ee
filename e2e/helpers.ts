import { readFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { expect, request as pwRequest, type APIRequestContext, type Locator, type Page } from '@playwright/test';
import { ADMIN_EMAIL, ADMIN_PASSWORD, BASE_URL } from './env';

/** Signs in through the login form (fields found by their visible labels). */
/**
 * Signs in through the API (the page's context keeps the session cookie; the app reads its CSRF token from /api/me)
 * and opens the start page: half the time of filling in the form, which login.spec.ts, a11y.spec.ts and
 * usability.spec.ts test as users use it.
 */
export async function login(page: Page, email = ADMIN_EMAIL, password = ADMIN_PASSWORD) {
  const r = await page.request.post('/api/auth/login', { data: { email, password } });
  expect(r.status(), `sign-in of ${email}: ${await r.text()}`).toBe(200);
  await page.goto('/');
  await expect(page.getByRole('navigation', { name: 'Moduler' })).toBeVisible();
}

export async function logout(page: Page, userName: string) {
  await page.getByRole('button', { name: `Användarmeny för ${userName}` }).click();
  await page.getByRole('menuitem', { name: 'Logga ut' }).click();
  await expect(page.getByRole('button', { name: 'Logga in' })).toBeVisible();
}

export async function openModule(page: Page, linkName: string, heading = linkName) {
  await page.getByRole('navigation', { name: 'Moduler' }).getByRole('link', { name: linkName }).click();
  await expect(page.getByRole('heading', { level: 1, name: heading })).toBeVisible();
}

/** Collects console errors (CSP violations among them) and uncaught page errors. */
export function watchErrors(page: Page): { errors: string[]; csp: string[] } {
  const out = { errors: [] as string[], csp: [] as string[] };
  page.on('console', (msg) => {
    if (msg.type() !== 'error') return;
    const text = msg.text();
    // The app asks who is signed in with GET /api/auth/session, which answers 200 before sign-in too: a 401 is an error.
    if (/Content Security Policy|Content-Security-Policy/i.test(text)) out.csp.push(text);
    else out.errors.push(text);
  });
  page.on('pageerror', (err) => out.errors.push(err.message));
  return out;
}

const AXE_SOURCE = readFileSync(createRequire(import.meta.url).resolve('axe-core/axe.min.js'), 'utf8');
interface AxeViolation { id: string; impact: string | null; help: string; nodes: { target: string[] }[] }

/**
 * axe-core's violations on the page as it is now, for the rules `runOnly` picks. axe is put into the page once per
 * page load (a single-page app keeps it across its routes) and run in the page itself, violations only, once the
 * page's transitions have ended. The app has no frames. @axe-core/playwright's AxeBuilder opened a new blank page for every analysis and gathered every
 * passing node too: 1.2 s a call against 0.4 s (27 calls of three specs), and the suite calls it 129 times.
 */
export async function axeViolations(page: Page, runOnly: { type: 'tag' | 'rule'; values: string[] }): Promise<AxeViolation[]> {
  // A menu or dialog still fading in has its text at part opacity: judged mid-transition, its contrast fails.
  await page.evaluate(() => Promise.all(document.getAnimations().map((a) => a.finished.catch(() => undefined))));
  if (!(await page.evaluate(() => 'axe' in window))) await page.evaluate(AXE_SOURCE);
  const results = await page.evaluate(
    (o) => (window as unknown as { axe: { run(c: Document, o: unknown): Promise<{ violations: AxeViolation[] }> } }).axe.run(document, { runOnly: o, resultTypes: ['violations'] }),
    runOnly,
  );
  return results.violations;
}

/** No WCAG 2.0/2.1 level A or AA violation on the page as it is now. */
export async function expectNoAxeViolations(page: Page, what: string) {
  const violations = await axeViolations(page, { type: 'tag', values: ['wcag2a', 'wcag2aa', 'wcag21a', 'wcag21aa'] });
  const summary = violations.map((v) => `${v.id} (${v.impact}): ${v.help}\n  ${v.nodes.map((n) => n.target.join(' ')).join('\n  ')}`);
  expect(summary, `axe violations on ${what}`).toEqual([]);
}

/** A suffix that keeps slugs unique within one run of the suite. */
export const unique = () => Math.random().toString(36).slice(2, 8);

/** Creates organisations through the API as the signed-in page's user (for specs that need some data). */
export async function createOrgViaApi(page: Page, org: { slug: string; name: string; type: string; parent?: string }) {
  const csrf = await page.evaluate(async () => {
    const r = await fetch('/api/me', { credentials: 'same-origin' });
    return ((await r.json()) as { csrfToken: string }).csrfToken;
  });
  const res = await page.request.post('/api/orgs', { data: org, headers: { 'X-CSRF-Token': csrf } });
  expect(res.status(), await res.text()).toBe(201);
}

/** An API client signed in as the administrator, with the CSRF header its mutations need. Dispose it when done. */
export async function adminApi(): Promise<{ api: APIRequestContext; headers: Record<string, string> }> {
  const api = await pwRequest.newContext({ baseURL: BASE_URL });
  const res = await api.post('/api/auth/login', { data: { email: ADMIN_EMAIL, password: ADMIN_PASSWORD } });
  expect(res.status(), await res.text()).toBe(200);
  const { csrfToken } = (await res.json()) as { csrfToken: string };
  return { api, headers: { 'X-CSRF-Token': csrfToken } };
}

/** Chooses the organisation in the header's selector. */
export async function chooseOrg(page: Page, slug: string) {
  await page.getByLabel('Vald organisation').selectOption(slug);
}

export interface Person { name: string; email: string; password: string }

/** A spec's organisations (in parent-first order) and people, each with one role on one organisation, via the API. */
export async function seedOrgsAndPeople(orgs: { slug: string; name: string; type: string; parent?: string }[], people: readonly (readonly [Person, string, string])[]) {
  const { api, headers } = await adminApi();
  for (const o of orgs) {
    const r = await api.post('/api/orgs', { headers, data: o });
    expect(r.status(), await r.text()).toBe(201);
  }
  for (const [person, role, org] of people) {
    const r = await api.post('/api/users', { headers, data: { name: person.name, email: person.email, password: person.password } });
    expect(r.status(), await r.text()).toBe(201);
    const { user: { id } } = (await r.json()) as { user: { id: string } };
    const g = await api.post(`/api/users/${id}/roles`, { headers, data: { role, org } });
    expect(g.status(), await g.text()).toBe(201);
  }
  await api.dispose();
}

/**
 * A register import's dialog (ImportFlow): the CSV chosen, Provkör, the preview (focused) with its one bad row at
 * `line` and `column`, axe on it, then "Hoppa över ogiltiga rader", Importera, the result (focused), and closed.
 */
export async function importSkippingBadRow(page: Page, dialog: Locator, f: { fileLabel: string; name: string; csv: string; line: number; column: string; what: string }) {
  await dialog.getByLabel(f.fileLabel).setInputFiles({ name: f.name, mimeType: 'text/csv', buffer: Buffer.from(f.csv, 'utf8') });
  await dialog.getByRole('button', { name: 'Provkör (inget sparas)' }).click();
  const preview = dialog.getByRole('region', { name: 'Provkörning – inget har sparats' });
  await expect(dialog.getByRole('heading', { name: 'Provkörning – inget har sparats' })).toBeFocused();
  const bad = preview.getByRole('table', { name: /Ogiltiga rader/ }).getByRole('row').nth(1);
  await expect(bad.getByRole('cell').nth(0)).toHaveText(String(f.line));
  await expect(bad.getByRole('cell').nth(1)).toHaveText(f.column);
  await expectNoAxeViolations(page, f.what);
  await preview.getByLabel('Hoppa över ogiltiga rader').check();
  await preview.getByRole('button', { name: 'Importera' }).click();
  await expect(dialog.getByRole('heading', { name: 'Importen är klar' })).toBeFocused();
  await dialog.getByRole('button', { name: 'Stäng' }).first().click();
}
