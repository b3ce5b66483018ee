/**
 * Single sign-on with the organisation's OpenID Connect provider (Entra ID, Keycloak, …; TILLIT_OIDC_*): the
 * authorization code flow with PKCE, state and nonce. People sign in with an account Tillit already has: the
 * provider's verified e-mail address is matched with an active user, whose roles are kept in Tillit. Nobody is
 * created by signing in, so a new employee gets roles as before (Användare och roller).
 *
 * What the flow must remember between the two requests (state, nonce, PKCE verifier, where to go afterwards) is
 * kept in a short-lived HttpOnly cookie, so any app node can take the provider's answer.
 */
import * as client from 'openid-client';
import { eq } from 'drizzle-orm';
import type { OidcConfig } from '../../server/platform/config';
import type { Ctx } from '../../server/platform/context';
import { recordAudit } from '../audit/chain';
import { startSession, type LoginResult } from './auth';
import { users } from './table';

/** Why a sign-in through the provider did not end in a session; the login page says it in words (auth.json oidcErrors). */
export type OidcFailure = 'oidc_state' | 'oidc_provider' | 'oidc_no_email' | 'oidc_unknown_user';

export class OidcError extends Error {
  constructor(public readonly code: OidcFailure, detail: string) {
    super(`${code}: ${detail}`);
  }
}

/** What the flow remembers in its cookie between leaving for the provider and coming back. */
interface Pending { state: string; nonce: string; verifier: string; returnTo: string }

export const OIDC_COOKIE = 'tillit_oidc';
/** Minutes a sign-in at the provider may take. */
export const OIDC_COOKIE_MINUTES = 10;

const discovered = new Map<string, Promise<client.Configuration>>();

/** The provider's metadata, fetched once per process (a failure is tried again on the next sign-in). */
function providerConfig(c: OidcConfig): Promise<client.Configuration> {
  const key = `${c.issuer} ${c.clientId}`;
  let p = discovered.get(key);
  if (!p) {
    const local = new URL(c.issuer).protocol === 'http:'; // only on this machine (config.ts)
    p = client.discovery(new URL(c.issuer), c.clientId, c.clientSecret, undefined, local ? { execute: [client.allowInsecureRequests] } : undefined);
    p.catch(() => discovered.delete(key));
    discovered.set(key, p);
  }
  return p;
}

/** A path on this site to return to; anything else (another host, "//host") becomes the start page. */
export function safeReturnTo(v: string | undefined): string {
  return v && /^\/(?![/\\])/.test(v) ? v.slice(0, 500) : '/';
}

/** Leaving for the provider: its address, and the cookie value to set. */
export async function beginOidc(c: OidcConfig, returnTo: string | undefined): Promise<{ url: string; cookie: string }> {
  let config: client.Configuration;
  try {
    config = await providerConfig(c);
  } catch (e) {
    throw new OidcError('oidc_provider', (e as Error).message);
  }
  const pending: Pending = { state: client.randomState(), nonce: client.randomNonce(), verifier: client.randomPKCECodeVerifier(), returnTo: safeReturnTo(returnTo) };
  const url = client.buildAuthorizationUrl(config, {
    redirect_uri: c.redirectUri,
    scope: c.scopes,
    code_challenge: await client.calculatePKCECodeChallenge(pending.verifier),
    code_challenge_method: 'S256',
    state: pending.state,
    nonce: pending.nonce,
  });
  return { url: url.href, cookie: Buffer.from(JSON.stringify(pending)).toString('base64url') };
}

function readPending(cookie: string | undefined): Pending {
  try {
    const p = JSON.parse(Buffer.from(cookie ?? '', 'base64url').toString('utf8')) as Pending;
    if (typeof p.state === 'string' && typeof p.nonce === 'string' && typeof p.verifier === 'string') return { ...p, returnTo: safeReturnTo(p.returnTo) };
  } catch {
    /* below */
  }
  throw new OidcError('oidc_state', 'the sign-in cookie is missing or unreadable');
}

/**
 * Back from the provider: the code exchanged (state, nonce and PKCE checked), the verified e-mail address matched
 * with an active user, and a session started. A refusal is audited as auth.login_failed and thrown as OidcError.
 */
export async function finishOidc(ctx: Ctx, c: OidcConfig, query: URLSearchParams, cookie: string | undefined, userAgent?: string): Promise<LoginResult & { returnTo: string }> {
  const pending = readPending(cookie);
  // The address the provider sent the browser to, as registered there (behind a proxy the request's own URL differs).
  const current = new URL(c.redirectUri);
  current.search = query.toString();
  // An answer to another sign-in (another browser's, or an older one of this browser) is refused before any exchange.
  if (query.get('state') !== pending.state) throw new OidcError('oidc_state', 'the answer belongs to another sign-in');
  let claims: ({ sub?: string; email_verified?: unknown } & Record<string, unknown>) | undefined;
  try {
    const config = await providerConfig(c);
    const tokens = await client.authorizationCodeGrant(config, current, {
      pkceCodeVerifier: pending.verifier, expectedState: pending.state, expectedNonce: pending.nonce, idTokenExpected: true,
    });
    const id = tokens.claims();
    claims = id;
    // Providers that keep the address out of the ID token give it at their userinfo endpoint.
    if (id && typeof id[c.emailClaim] !== 'string') claims = { ...(await client.fetchUserInfo(config, tokens.access_token, id.sub)), sub: id.sub };
  } catch (e) {
    throw new OidcError('oidc_provider', (e as Error).message);
  }
  const address = claims?.[c.emailClaim];
  const email = typeof address === 'string' && address.includes('@') ? address.trim().toLowerCase() : '';
  const fail = async (code: OidcFailure, userId?: string) => {
    await recordAudit(ctx.db, { ...ctx, actorLabel: email || String(claims?.sub ?? 'okänd') }, {
      action: 'auth.login_failed', entityType: 'user', entityId: userId,
      after: { method: 'oidc', issuer: c.issuer, subject: claims?.sub ?? null, reason: code, ip: ctx.ip },
    });
    return new OidcError(code, email || 'no e-mail claim');
  };
  // email_verified speaks of the email claim only; another claim (a UPN) is the provider's own name for the account.
  if (!email || (c.emailClaim === 'email' && claims?.email_verified === false)) throw await fail('oidc_no_email');
  const [user] = await ctx.db.select().from(users).where(eq(users.email, email));
  if (!user || !user.active) throw await fail('oidc_unknown_user', user?.id);
  const session = await startSession(ctx, user, userAgent, new Date(), { method: 'oidc', issuer: c.issuer, subject: claims?.sub ?? null, ip: ctx.ip }, c.issuer);
  return { ...session, returnTo: pending.returnTo };
}

/**
 * Logging out of a session started through the provider (`issuer`, Principal.oidcIssuer): the provider's logout
 * address (RP-initiated logout, with Tillit's client_id and the start page to come back to), so that its sign-in
 * ends too and the next person at a shared computer is asked who they are. Null when the session was a password
 * one, another provider's, the setting says 'local', or the provider offers no logout (or does not answer:
 * Tillit's own session has ended all the same).
 */
export async function endSessionUrl(c: OidcConfig | undefined, issuer: string | undefined, log?: { warn(o: object, m: string): void }): Promise<string | null> {
  if (!c || !issuer || issuer !== c.issuer || c.logout === 'local') return null;
  try {
    const config = await providerConfig(c);
    if (!config.serverMetadata().end_session_endpoint) return null;
    return client.buildEndSessionUrl(config, { post_logout_redirect_uri: c.postLogoutRedirectUri }).href;
  } catch (e) {
    log?.warn({ err: (e as Error).message }, 'OpenID Connect-leverantören svarar inte vid utloggning / the OpenID Connect provider does not answer at logout');
    return null;
  }
}
