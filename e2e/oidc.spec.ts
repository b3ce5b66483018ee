import { createServer, type Server } from 'node:http';
import { expect, test } from '@playwright/test';
import Provider from 'oidc-provider';
import { ADMIN_EMAIL, BASE_URL, OIDC_ISSUER, OIDC_PORT } from './env';
import { expectNoAxeViolations } from './helpers';

// Single sign-on as a person meets it: the login page offers the organisation's provider, the provider's own pages
// sign them in (oidc-provider's development forms), and Tillit opens where they were going. The server was started
// with TILLIT_OIDC_* naming this provider (playwright.config.ts).
let idp: Server;

test.beforeAll(async () => {
  const provider = new Provider(OIDC_ISSUER, {
    clients: [{
      client_id: 'tillit-e2e', client_secret: 'e2e-hemlighet', redirect_uris: [`${BASE_URL}/api/auth/oidc/callback`], post_logout_redirect_uris: [`${BASE_URL}/`],
      grant_types: ['authorization_code'], response_types: ['code'],
    }],
    claims: { openid: ['sub'], email: ['email', 'email_verified'] },
    findAccount: async (_ctx: unknown, id: string) => ({ accountId: id, claims: async () => ({ sub: id, email: id, email_verified: true }) }),
    pkce: { required: () => true },
  });
  idp = createServer(provider.callback());
  await new Promise<void>((r) => idp.listen(OIDC_PORT, '127.0.0.1', r));
});
test.afterAll(async () => {
  await new Promise((r) => idp?.close(r));
});

test('signs in with the organisation’s account and opens the page asked for; a refusal is said in words', async ({ page }) => {
  await page.goto('/incidenter/statistik');
  await expect(page.getByRole('link', { name: 'Logga in med organisationens konto' })).toBeVisible();
  await expectNoAxeViolations(page, 'login with single sign-on');
  await page.getByRole('link', { name: 'Logga in med organisationens konto' }).click();
  // The provider's pages: sign in, then allow Tillit.
  await expect(page).toHaveURL(new RegExp(`^${OIDC_ISSUER}/`));
  await page.locator('input[name="login"]').fill(ADMIN_EMAIL);
  await page.locator('input[name="password"]').fill('lösenordet kontrolleras hos leverantören');
  await page.locator('button[type="submit"]').click();
  await page.locator('button[type="submit"]').click(); // consent
  await expect(page).toHaveURL(`${BASE_URL}/incidenter/statistik`);
  await expect(page.getByRole('navigation', { name: 'Moduler' })).toBeVisible();

  // Logging out ends the sign-in at the provider too (its own question, answered yes), and the provider sends the
  // browser back to Tillit's login page.
  await page.getByRole('button', { name: /^Användarmeny för / }).click();
  await page.getByRole('menuitem', { name: 'Logga ut' }).click();
  await expect(page).toHaveURL(new RegExp(`^${OIDC_ISSUER}/`));
  await page.getByRole('button', { name: 'Yes, sign me out' }).click();
  await expect(page).toHaveURL(`${BASE_URL}/`);
  await expect(page.getByRole('link', { name: 'Logga in med organisationens konto' })).toBeVisible();

  // The next person at this computer is asked who they are: someone Tillit does not know, back at the login page, told why.
  await page.getByRole('link', { name: 'Logga in med organisationens konto' }).click();
  await page.locator('input[name="login"]').fill('okand@e2e.test');
  await page.locator('input[name="password"]').fill('x');
  await page.locator('button[type="submit"]').click();
  await page.locator('button[type="submit"]').click();
  const alert = page.getByRole('alert').filter({ hasText: 'Inloggningen lyckades inte' });
  await expect(alert).toContainText('Ditt konto finns inte i Tillit eller är inaktiverat.');
  await expect(page.getByLabel('E-post')).toBeVisible();
  await expectNoAxeViolations(page, 'login page with a refused single sign-on');
});
