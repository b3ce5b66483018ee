import { z } from '@hono/zod-openapi';
import type { Context } from 'hono';
import { deleteCookie, getCookie, setCookie } from 'hono/cookie';
import { defineRoute, json, jsonContent } from '../../server/platform/http';
import { sessionCookieName, sessionCookieOptions } from '../../server/platform/session';
import { beginOidc, finishOidc, OIDC_COOKIE, OIDC_COOKIE_MINUTES, OidcError } from './oidc';

const tags = ['Inloggning / authentication'];

/** The flow's own cookie: HttpOnly, sent back by the browser only to the callback (Lax: the provider's redirect is a top-level GET). */
const flowCookie = (c: Context) => ({ ...sessionCookieOptions(c), path: '/api/auth/oidc' });

/** Back to the login page with the reason in words there (auth.json oidcErrors). */
const toLogin = (c: Context, code: string) => c.redirect(`/?loginError=${encodeURIComponent(code)}`, 302);

export const routes = [
  defineRoute(
    {
      method: 'get', path: '/api/auth/methods', tags, summary: 'Sätt att logga in (lösenord, organisationens inloggning)', policy: { public: true },
      responses: { 200: jsonContent(z.object({ password: z.boolean(), oidc: z.object({ label: z.string().nullable() }).nullable() }), 'Inloggningssätten') },
    },
    (c) => {
      const oidc = c.get('ctx').config.oidc;
      return json(c, { password: true, oidc: oidc ? { label: oidc.label ?? null } : null });
    },
  ),
  defineRoute(
    {
      // Public: the accessibility statement must be readable before signing in (lagen om tillgänglighet till digital
      // offentlig service, 2018:1937).
      method: 'get', path: '/api/accessibility', tags: ['Tillgänglighet / accessibility'], summary: 'Kontaktvägen för tillgänglighetsredogörelsen', policy: { public: true },
      responses: { 200: jsonContent(z.object({ contact: z.string().nullable() }), 'Kontakt för att rapportera brister (TILLIT_ACCESSIBILITY_CONTACT), null om den inte är inställd') },
    },
    (c) => json(c, { contact: c.get('ctx').config.accessibilityContact ?? null }),
  ),
  defineRoute(
    {
      method: 'get', path: '/api/auth/oidc/login', tags, summary: 'Logga in via organisationens OpenID Connect-leverantör (omdirigering)', policy: { public: true },
      request: { query: z.object({ returnTo: z.string().max(500).optional() }) },
      responses: { 302: { description: 'Till leverantören; tillbaka till inloggningen med loginError när den inte svarar' }, 404: { description: 'Ingen leverantör är inställd' } },
    },
    async (c) => {
      const config = c.get('ctx').config.oidc;
      if (!config) return c.notFound();
      try {
        const { url, cookie } = await beginOidc(config, c.req.valid('query').returnTo);
        setCookie(c, OIDC_COOKIE, cookie, { ...flowCookie(c), maxAge: OIDC_COOKIE_MINUTES * 60 });
        return c.redirect(url, 302);
      } catch (e) {
        if (!(e instanceof OidcError)) throw e;
        c.get('ctx').log.warn({ err: e.message }, 'OpenID Connect-leverantören svarar inte / the OpenID Connect provider does not answer');
        return toLogin(c, e.code);
      }
    },
  ),
  defineRoute(
    {
      method: 'get', path: '/api/auth/oidc/callback', tags, summary: 'Leverantörens svar: sessionen startas, eller tillbaka till inloggningen med skälet', policy: { public: true },
      responses: { 302: { description: 'Inloggad (sessionskaka satt), eller till inloggningen med loginError' }, 404: { description: 'Ingen leverantör är inställd' } },
    },
    async (c) => {
      const ctx = c.get('ctx');
      if (!ctx.config.oidc) return c.notFound();
      const query = new URL(c.req.url).searchParams;
      const cookie = getCookie(c, OIDC_COOKIE);
      deleteCookie(c, OIDC_COOKIE, flowCookie(c));
      // The provider's own refusal (the person cancelled, no access to the app): said as such, nothing to exchange.
      if (query.has('error')) return toLogin(c, 'oidc_denied');
      try {
        const r = await finishOidc(ctx, ctx.config.oidc, query, cookie, c.req.header('user-agent'));
        setCookie(c, sessionCookieName(c), r.sessionToken, sessionCookieOptions(c, r.expiresAt));
        return c.redirect(r.returnTo, 302);
      } catch (e) {
        if (!(e instanceof OidcError)) throw e;
        ctx.log.info({ err: e.message }, 'inloggning via OpenID Connect nekad / OpenID Connect sign-in refused');
        return toLogin(c, e.code);
      }
    },
  ),
];
