/** Shared by playwright.config.ts and the specs. E2E_PORT / E2E_DATA_DIR / E2E_WEB_DIR let parallel runs coexist. */
export const E2E_PORT = Number(process.env.E2E_PORT ?? 3199);
export const BASE_URL = `http://127.0.0.1:${E2E_PORT}`;
export const ADMIN_EMAIL = 'admin@e2e.test';
export const ADMIN_PASSWORD = 'Rätt-häst-batteri-häftklammer-9';
export const DATA_DIR = process.env.E2E_DATA_DIR ?? '.tmp/e2e-data';
export const WEB_DIR = process.env.E2E_WEB_DIR ?? 'dist/web';
/** The local OpenID Connect provider of e2e/oidc.spec.ts: the server is told of it at start and asks it only when someone signs in with it. */
export const OIDC_PORT = Number(process.env.E2E_OIDC_PORT ?? E2E_PORT - 1);
export const OIDC_ISSUER = `http://127.0.0.1:${OIDC_PORT}`;
