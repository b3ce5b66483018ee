import type { Context, MiddlewareHandler } from 'hono';
import { getCookie } from 'hono/cookie';
import { resolveApiToken, resolveSession } from '../../domains/users/resolve';
import type { AppEnv } from './http';

/**
 * Did this request arrive over https? Either the deployment says so (TILLIT_SECURE_COOKIES / an https
 * TILLIT_PUBLIC_URL), or a trusted proxy (TILLIT_TRUST_PROXY) says so in X-Forwarded-Proto. The header is
 * ignored without TILLIT_TRUST_PROXY: anyone can send it.
 */
export function isSecureRequest(c: Context): boolean {
  const config = c.get('ctx')?.config;
  if (!config) return false;
  return config.secureCookies || (config.trustProxy && c.req.header('x-forwarded-proto')?.split(',')[0]?.trim() === 'https');
}

/** `__Host-` cookies require https; plain name otherwise (local http). */
export function sessionCookieName(c: Context): string {
  return isSecureRequest(c) ? '__Host-tillit_session' : 'tillit_session';
}

/** The session cookie's options: HttpOnly, SameSite=Lax, Secure over https; `expires` when it is set. */
export function sessionCookieOptions(c: Context, expires?: Date) {
  return { httpOnly: true, sameSite: 'Lax' as const, path: '/', secure: isSecureRequest(c), ...(expires ? { expires } : {}) };
}

/** Resolves who is calling (session cookie or bearer API token) into ctx.principal and ctx.authz. */
export function authenticate(): MiddlewareHandler<AppEnv> {
  return async (c, next) => {
    const ctx = c.get('ctx');
    const auth = c.req.header('authorization');
    let resolved;
    if (auth?.toLowerCase().startsWith('bearer ')) {
      resolved = await resolveApiToken(ctx.db, auth.slice(7).trim());
    } else {
      const cookie = getCookie(c, sessionCookieName(c));
      if (cookie && cookie.length < 200) resolved = await resolveSession(ctx.db, ctx.config, cookie);
    }
    if (resolved) {
      ctx.principal = resolved.principal;
      ctx.authz = resolved.authz;
      ctx.lang = resolved.principal.locale === 'en' ? 'en' : ctx.lang;
    }
    return next();
  };
}
