import type { Context, MiddlewareHandler } from 'hono';
import { getCookie } from 'hono/cookie';
import { resolveApiToken, resolveSession } from '../../domains/users/auth';
import type { AppEnv } from './http';

/** `__Host-` cookies require https; plain name otherwise (local http). */
export function sessionCookieName(c: Context): string {
  const secure = c.get('ctx')?.config.secureCookies || c.req.header('x-forwarded-proto') === 'https';
  return secure ? '__Host-tillit_session' : 'tillit_session';
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
