/**
 * Single sign-on against a real OpenID Connect provider (oidc-provider, on a local port), driven as a browser
 * would: to the provider, sign in and consent there, back to Tillit with a code. Nothing is mocked.
 */
import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import Provider from 'oidc-provider';
import { sql } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { loadConfig, ConfigError } from '../../server/platform/config';
import { startTestServer, userWithRole, type TestServer } from '../../test/harness';
import { updateUser } from './service';

let t: TestServer;
let idp: Server;
let issuer: string;

/** A browser's cookies, per host, and its navigation: redirects followed by hand so each hop's cookies are kept. */
class Browser {
  private jar = new Map<string, Map<string, string>>();
  private cookies(url: URL) {
    let j = this.jar.get(url.host);
    if (!j) this.jar.set(url.host, (j = new Map()));
    return j;
  }
  cookieFor(url: string, name: string) {
    return this.cookies(new URL(url)).get(name);
  }
  async go(url: string, init: { method?: string; form?: Record<string, string> } = {}): Promise<{ url: string; status: number; location?: string; body: string }> {
    const u = new URL(url);
    const jar = this.cookies(u);
    const res = await fetch(u, {
      method: init.method ?? 'GET', redirect: 'manual',
      headers: { cookie: [...jar].map(([k, v]) => `${k}=${v}`).join('; '), ...(init.form ? { 'content-type': 'application/x-www-form-urlencoded' } : {}) },
      body: init.form ? new URLSearchParams(init.form).toString() : undefined,
    });
    for (const c of res.headers.getSetCookie()) {
      const [pair, ...attrs] = c.split(';');
      const [k, ...v] = pair.split('=');
      const gone = attrs.some((a) => /^\s*max-age=0/i.test(a) || /^\s*expires=Thu, 01 Jan 1970/i.test(a));
      if (gone || v.join('=') === '') jar.delete(k.trim());
      else jar.set(k.trim(), v.join('='));
    }
    const location = res.headers.get('location') ?? undefined;
    return { url: u.href, status: res.status, location: location && new URL(location, u).href, body: await res.text() };
  }
  /** Follows redirects from `url` until a page answers (or Tillit's own address is reached, when `stopAt` is given). */
  async follow(url: string, stopAt?: string) {
    let r = await this.go(url);
    while (r.location && !(stopAt && r.location.startsWith(stopAt))) r = await this.go(r.location);
    return r;
  }
}

/** Signs in at the provider as `email` through its own forms (login, then consent); the answer is the redirect back to Tillit. */
async function signInAtProvider(b: Browser, start: string, email: string) {
  let r = await b.follow(start, t.url);
  for (let round = 0; round < 4 && !r.location?.startsWith(t.url); round++) {
    const action = /action="([^"]+)"/.exec(r.body)?.[1];
    expect(action, r.body.slice(0, 500)).toBeTruthy();
    const prompt = /name="prompt" value="([^"]+)"/.exec(r.body)?.[1] ?? 'login';
    r = await b.go(new URL(action!, r.url).href, { method: 'POST', form: prompt === 'login' ? { prompt, login: email, password: 'vad som helst' } : { prompt } });
    while (r.location && !r.location.startsWith(t.url)) r = await b.go(r.location);
  }
  expect(r.location).toMatch(/\/api\/auth\/oidc\/callback\?/);
  return r.location!;
}

beforeAll(async () => {
  t = await startTestServer();
  await userWithRole(t, 'anna.andersson@kommun.se', 'isam');
  // The provider: an address's owner signs in with any password (its development forms), and its e-mail claim is verified.
  idp = createServer();
  await new Promise<void>((r) => idp.listen(0, '127.0.0.1', r));
  issuer = `http://127.0.0.1:${(idp.address() as AddressInfo).port}`;
  const provider = new Provider(issuer, {
    clients: [{
      client_id: 'tillit', client_secret: 'hemligt-test', redirect_uris: [`${t.url}/api/auth/oidc/callback`], post_logout_redirect_uris: [`${t.url}/`],
      grant_types: ['authorization_code'], response_types: ['code'],
    }],
    claims: { openid: ['sub'], email: ['email', 'email_verified'], profile: ['preferred_username'] },
    findAccount: async (_ctx: unknown, id: string) => ({
      accountId: id,
      // "upn:…": an account with no e-mail claim, known by its preferred_username; "overifierad…": an unverified address.
      claims: async () => (id.startsWith('upn:') ? { sub: id, preferred_username: id.slice(4) } : { sub: id, email: id.startsWith('overifierad') ? id.slice(11) : id, email_verified: !id.startsWith('overifierad') }),
    }),
    pkce: { required: () => true },
  });
  idp.on('request', provider.callback());
  t.config.oidc = {
    issuer, clientId: 'tillit', clientSecret: 'hemligt-test', redirectUri: `${t.url}/api/auth/oidc/callback`, scopes: 'openid email profile', emailClaim: 'email',
    label: 'Logga in med kommunens konto', logout: 'provider', postLogoutRedirectUri: `${t.url}/`,
  };
});
afterAll(async () => {
  await new Promise((r) => idp?.close(r));
  await t?.close();
});

const audited = async (action: string) => {
  const r = await t.database.db.execute(sql`select actor_label, after from audit_log where action = ${action} order by seq desc limit 1`);
  return ((r as { rows?: { actor_label: string; after: Record<string, unknown> }[] }).rows ?? (r as unknown as { actor_label: string; after: Record<string, unknown> }[]))[0];
};

describe('sign-in with OpenID Connect', () => {
  it('offers the provider on the login page with its label', async () => {
    const r = await (await fetch(`${t.url}/api/auth/methods`)).json();
    expect(r).toEqual({ password: true, oidc: { label: 'Logga in med kommunens konto' } });
  });

  it('signs in a person Tillit knows, by the verified e-mail, and returns to the page asked for', async () => {
    const b = new Browser();
    const back = await signInAtProvider(b, `${t.url}/api/auth/oidc/login?returnTo=${encodeURIComponent('/incidenter?status=Rapporterad')}`, 'Anna.Andersson@kommun.se');
    const done = await b.go(back);
    expect([done.status, done.location]).toEqual([302, `${t.url}/incidenter?status=Rapporterad`]);
    expect(b.cookieFor(t.url, 'tillit_oidc')).toBeUndefined();
    // The same answer again (a reload of the address, or a replay): the sign-in it belonged to is over.
    expect((await b.go(back)).location).toBe(`${t.url}/?loginError=oidc_state`);
    const me = await b.go(`${t.url}/api/me`);
    expect(me.status).toBe(200);
    expect(JSON.parse(me.body)).toMatchObject({ email: 'anna.andersson@kommun.se' });
    const entry = await audited('auth.login');
    expect(entry.after).toMatchObject({ method: 'oidc', issuer, subject: 'Anna.Andersson@kommun.se' });
    // Tillit's own roles apply: the ISAM's.
    expect(JSON.parse(me.body).permissions).toContain('incident.manage');
  });

  it('reads the address from another claim when told to (Entra ID accounts without mail: preferred_username)', async () => {
    const saved = t.config.oidc!;
    t.config.oidc = { ...saved, emailClaim: 'preferred_username' };
    try {
      const b = new Browser();
      const done = await b.go(await signInAtProvider(b, `${t.url}/api/auth/oidc/login`, 'upn:anna.andersson@kommun.se'));
      expect(done.location).toBe(`${t.url}/`);
      expect(JSON.parse((await b.go(`${t.url}/api/me`)).body).email).toBe('anna.andersson@kommun.se');
    } finally {
      t.config.oidc = saved;
    }
    // Without the setting, the same account has no address to be known by.
    const b = new Browser();
    expect((await b.go(await signInAtProvider(b, `${t.url}/api/auth/oidc/login`, 'upn:anna.andersson@kommun.se'))).location).toBe(`${t.url}/?loginError=oidc_no_email`);
  });

  it('refuses an unknown or inactive person and an unverified address, audited, with no session', async () => {
    for (const [who, code] of [['okand@kommun.se', 'oidc_unknown_user'], ['overifieradanna.andersson@kommun.se', 'oidc_no_email']] as const) {
      const b = new Browser();
      const back = await signInAtProvider(b, `${t.url}/api/auth/oidc/login`, who);
      const done = await b.go(back);
      expect([done.status, done.location]).toEqual([302, `${t.url}/?loginError=${code}`]);
      expect(b.cookieFor(t.url, 'tillit_session')).toBeUndefined();
      expect((await audited('auth.login_failed')).after).toMatchObject({ method: 'oidc', reason: code });
    }
    const [anna] = (await (await import('./service')).listUsers(t.ctx, {})).filter((u) => u.email === 'anna.andersson@kommun.se');
    await updateUser(t.ctx, anna.id, { version: anna.version, active: false });
    const b = new Browser();
    const done = await b.go(await signInAtProvider(b, `${t.url}/api/auth/oidc/login`, 'anna.andersson@kommun.se'));
    expect(done.location).toBe(`${t.url}/?loginError=oidc_unknown_user`);
  });

  it("refuses an answer that does not belong to this browser's sign-in (state)", async () => {
    const victim = new Browser();
    const back = await signInAtProvider(victim, `${t.url}/api/auth/oidc/login`, 'okand@kommun.se');
    // Another browser, with no sign-in of its own under way, is handed the answer: there is nothing to match it with.
    const other = new Browser();
    expect((await other.go(back)).location).toBe(`${t.url}/?loginError=oidc_state`);
    // A browser that began its own sign-in is handed someone else's answer: the state differs.
    const third = new Browser();
    await third.go(`${t.url}/api/auth/oidc/login`);
    expect((await third.go(back)).location).toBe(`${t.url}/?loginError=oidc_state`);
  });

  it('sends a person who cancels at the provider back to the login page, and keeps returnTo on this site', async () => {
    const b = new Browser();
    await b.go(`${t.url}/api/auth/oidc/login`);
    expect((await b.go(`${t.url}/api/auth/oidc/callback?error=access_denied&state=x`)).location).toBe(`${t.url}/?loginError=oidc_denied`);
    const away = await b.go(`${t.url}/api/auth/oidc/login?returnTo=${encodeURIComponent('//evil.example/')}`);
    expect(away.location).toMatch(new RegExp(`^${issuer}/`));
    expect(JSON.parse(Buffer.from(decodeURIComponent(b.cookieFor(t.url, 'tillit_oidc')!), 'base64url').toString()).returnTo).toBe('/');
  });

  it('says when the provider cannot be reached, and is off without configuration', async () => {
    const saved = t.config.oidc!;
    t.config.oidc = { ...saved, issuer: 'http://127.0.0.1:1' };
    try {
      expect((await new Browser().go(`${t.url}/api/auth/oidc/login`)).location).toBe(`${t.url}/?loginError=oidc_provider`);
      t.config.oidc = undefined;
      expect((await fetch(`${t.url}/api/auth/oidc/login`, { redirect: 'manual' })).status).toBe(404);
      expect(await (await fetch(`${t.url}/api/auth/methods`)).json()).toEqual({ password: true, oidc: null });
    } finally {
      t.config.oidc = saved;
    }
  });

  it('checks its settings at start', () => {
    expect(() => loadConfig({ TILLIT_OIDC_ISSUER: 'https://login.kommun.se' })).toThrow(ConfigError);
    expect(() => loadConfig({ TILLIT_OIDC_ISSUER: 'https://login.kommun.se', TILLIT_OIDC_CLIENT_ID: 'tillit' })).toThrow(/TILLIT_OIDC_REDIRECT_URI eller TILLIT_PUBLIC_URL/);
    expect(() => loadConfig({ TILLIT_OIDC_ISSUER: 'http://login.kommun.se', TILLIT_OIDC_CLIENT_ID: 'tillit', TILLIT_PUBLIC_URL: 'https://tillit.kommun.se' })).toThrow(/https-adress/);
    expect(loadConfig({ TILLIT_OIDC_ISSUER: 'https://login.kommun.se/', TILLIT_OIDC_CLIENT_ID: 'tillit', TILLIT_PUBLIC_URL: 'https://tillit.kommun.se/' }).oidc).toEqual({
      issuer: 'https://login.kommun.se', clientId: 'tillit', clientSecret: undefined, redirectUri: 'https://tillit.kommun.se/api/auth/oidc/callback', scopes: 'openid email profile', emailClaim: 'email', label: undefined,
      logout: 'provider', postLogoutRedirectUri: 'https://tillit.kommun.se/',
    });
    const base = { TILLIT_OIDC_ISSUER: 'https://login.kommun.se', TILLIT_OIDC_CLIENT_ID: 'tillit', TILLIT_PUBLIC_URL: 'https://tillit.kommun.se' };
    expect(loadConfig({ ...base, TILLIT_OIDC_LOGOUT: 'Local', TILLIT_OIDC_POST_LOGOUT_REDIRECT_URI: 'https://tillit.kommun.se/utloggad' }).oidc).toMatchObject({ logout: 'local', postLogoutRedirectUri: 'https://tillit.kommun.se/utloggad' });
    expect(() => loadConfig({ ...base, TILLIT_OIDC_LOGOUT: 'båda' })).toThrow(/TILLIT_OIDC_LOGOUT ska vara "provider" eller "local"/);
    expect(() => loadConfig({ ...base, TILLIT_OIDC_POST_LOGOUT_REDIRECT_URI: 'javascript:alert(1)' })).toThrow(/https-adress/);
  });
});

/** Signs `email` in through the provider in a new browser; the browser holds both Tillit's and the provider's sessions. */
async function signedInThroughProvider(email: string) {
  const b = new Browser();
  const done = await b.go(await signInAtProvider(b, `${t.url}/api/auth/oidc/login`, email));
  expect(done.location).toBe(`${t.url}/`);
  return b;
}

const logoutFrom = async (b: Browser) => {
  const csrf = JSON.parse((await b.go(`${t.url}/api/me`)).body).csrfToken as string;
  const u = new URL(`${t.url}/api/auth/logout`);
  const res = await fetch(u, { method: 'POST', headers: { cookie: `tillit_session=${b.cookieFor(t.url, 'tillit_session')}`, 'x-csrf-token': csrf } });
  return { status: res.status, body: res.status === 200 ? ((await res.json()) as { endSessionUrl: string }) : undefined };
};

describe('logging out of a session started through the provider', () => {
  it("ends the provider's sign-in too, and the provider sends the browser back to Tillit's start page", async () => {
    await userWithRole(t, 'bo.berg@kommun.se', 'isam');
    const b = await signedInThroughProvider('bo.berg@kommun.se');
    const out = await logoutFrom(b);
    expect(out.status).toBe(200);
    const end = new URL(out.body!.endSessionUrl);
    expect(end.origin).toBe(issuer);
    expect(Object.fromEntries(end.searchParams)).toEqual({ client_id: 'tillit', post_logout_redirect_uri: `${t.url}/` });
    // Tillit's session has ended whatever the provider does next.
    expect((await b.go(`${t.url}/api/me`)).status).toBe(401);
    // At the provider: its question, answered yes, and back to Tillit.
    const ask = await b.follow(end.href);
    const action = /action="([^"]+)"/.exec(ask.body)?.[1];
    const xsrf = /name="xsrf" value="([^"]+)"/.exec(ask.body)?.[1];
    expect(action && xsrf, ask.body.slice(0, 500)).toBeTruthy();
    let r = await b.go(new URL(action!, ask.url).href, { method: 'POST', form: { xsrf: xsrf!, logout: 'yes' } });
    while (r.location && !r.location.startsWith(t.url)) r = await b.go(r.location);
    expect(r.location).toBe(`${t.url}/`);
    // Signing in again asks the provider's login form again: its sign-in ended (before, it let the next person straight in).
    const again = await b.follow(`${t.url}/api/auth/oidc/login`, t.url);
    expect(again.body).toMatch(/name="login"/);
  });

  it("ends only Tillit's session for a password sign-in, or when the setting says 'local'", async () => {
    const password = await userWithRole(t, 'cecilia.carlsson@kommun.se', 'isam');
    expect((await password.post('/api/auth/logout')).status).toBe(204);
    const saved = t.config.oidc!;
    t.config.oidc = { ...saved, logout: 'local' };
    try {
      const b = await signedInThroughProvider('cecilia.carlsson@kommun.se');
      expect((await logoutFrom(b)).status).toBe(204);
      expect((await b.go(`${t.url}/api/me`)).status).toBe(401);
    } finally {
      t.config.oidc = saved;
    }
  });

  it("is not held back by a one-time password an administrator set, which still holds a password session back", async () => {
    const password = await userWithRole(t, 'david.dahl@kommun.se', 'isam');
    const [david] = (await (await import('./service')).listUsers(t.ctx, {})).filter((u) => u.email === 'david.dahl@kommun.se');
    await updateUser(t.ctx, david.id, { version: david.version, password: 'Engångs-Lösen-Från-Admin-2026' });
    const byPassword = new (password.constructor as typeof import('../../test/harness').Client)(t.url);
    expect((await byPassword.login('david.dahl@kommun.se', 'Engångs-Lösen-Från-Admin-2026')).status).toBe(200);
    expect((await byPassword.get('/api/me')).body.mustChangePassword).toBe(true);
    expect((await byPassword.post('/api/me/tokens', { name: 'Integration', scopes: ['incident.read'], expiresInDays: 30 })).status).toBe(403);

    const b = await signedInThroughProvider('david.dahl@kommun.se');
    const me = JSON.parse((await b.go(`${t.url}/api/me`)).body);
    expect(me.mustChangePassword).toBe(false);
    const made = await fetch(`${t.url}/api/me/tokens`, {
      method: 'POST',
      headers: { cookie: `tillit_session=${b.cookieFor(t.url, 'tillit_session')}`, 'x-csrf-token': me.csrfToken, 'content-type': 'application/json' },
      body: JSON.stringify({ name: 'Integration', scopes: ['incident.read'], expiresInDays: 30 }),
    });
    expect(made.status).toBe(201);
  });
});
