import { defineConfig } from '@playwright/test';
import { ADMIN_EMAIL, ADMIN_PASSWORD, BASE_URL, DATA_DIR, E2E_PORT, OIDC_ISSUER, WEB_DIR } from './e2e/env';

/**
 * End-to-end tests in Debian's Chromium (never a downloaded browser) against the real server on a fresh
 * PGlite data directory. `npm run build` must have produced dist/web first (npm test does it).
 */

export default defineConfig({
  testDir: 'e2e',
  // Two spec files at a time, each file's tests in order in one worker (the specs build their own organisations and
  // people with unique names, so files do not meet). One worker left a core idle: the browser, the server and the
  // runner kept about one busy. The whole suite on one 2-core machine: 466–497 s with one worker, 370 s with two.
  fullyParallel: false,
  workers: 2,
  // One retry in CI only; a retried pass is reported as flaky in the summary of npm test.
  retries: process.env.CI ? 1 : 0,
  timeout: 60_000,
  expect: { timeout: 10_000 },
  forbidOnly: !!process.env.CI,
  reporter: [['list'], ['json', { outputFile: 'test-results/e2e.json' }]],
  use: {
    baseURL: BASE_URL,
    locale: 'sv-SE',
    timezoneId: 'Europe/Stockholm',
    // One browser context for the run, reset between tests (cookies, storage, permissions and pages, as a new one): its
    // HTTP cache stays, so the app's scripts are not parsed and compiled anew for every test. The suite: 326 s of test
    // time against 305 s.
    reuseContext: true,
    // A trace of the retry only (CI retries once): recording every test's actions and DOM snapshots, then throwing
    // them away when it passes, cost 14 % of the browser tests' time (four specs: 2.8 min against 2.4). Locally:
    // `npx playwright test --trace on`.
    trace: 'on-first-retry',
    launchOptions: {
      executablePath: '/usr/bin/chromium',
      args: [
        '--no-sandbox',
        '--disable-gpu',
        '--disable-dev-shm-usage',
        '--disable-background-networking',
        '--disable-component-update',
        '--no-first-run',
        '--disable-sync',
      ],
    },
  },
  webServer: {
    // A fresh data directory every run: the specs build their organisation tree from nothing.
    command: `rm -rf ${DATA_DIR} && node bin/tillit.mjs serve`,
    url: `${BASE_URL}/api/health`,
    reuseExistingServer: false,
    timeout: 120_000,
    stdout: 'pipe',
    stderr: 'pipe',
    env: {
      PORT: String(E2E_PORT),
      HOST: '127.0.0.1',
      TILLIT_DATA_DIR: DATA_DIR,
      TILLIT_ADMIN_EMAIL: ADMIN_EMAIL,
      TILLIT_ADMIN_PASSWORD: ADMIN_PASSWORD,
      LOG_LEVEL: 'warn',
      TILLIT_WEB_DIR: WEB_DIR,
      // Every spec signs in from 127.0.0.1; the suite does more than the default 30 sign-ins a minute per address.
      // The limit itself is tested against the server in src/domains/users (auth tests).
      TILLIT_LOGIN_IP_LIMIT: '600',
      // Single sign-on with the provider e2e/oidc.spec.ts runs (the login page offers it to every spec).
      TILLIT_OIDC_ISSUER: OIDC_ISSUER,
      TILLIT_OIDC_CLIENT_ID: 'tillit-e2e',
      TILLIT_OIDC_CLIENT_SECRET: 'e2e-hemlighet',
      TILLIT_OIDC_REDIRECT_URI: `${BASE_URL}/api/auth/oidc/callback`,
    },
  },
});
