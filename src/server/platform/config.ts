import { resolve } from 'node:path';

/** Runtime configuration, read once from the environment. Every variable is listed in the README. */
export interface Config {
  port: number;
  host: string;
  dataDir: string;
  databaseUrl?: string;
  adminEmail?: string;
  adminPassword?: string;
  sessionIdleMinutes: number;
  /** Seconds a node may keep a resolved session in memory (emptied on every change to sessions, people, roles, orgs, groups); 0: never. */
  sessionCacheSeconds: number;
  sessionAbsoluteHours: number;
  /** Set when the app is served over https (directly or behind a TLS-terminating proxy). */
  secureCookies: boolean;
  trustProxy: boolean;
  bodyLimitBytes: number;
  /** Sign-in attempts allowed per client IP and minute. */
  loginIpLimitPerMinute: number;
  logLevel: string;
  webDir: string;
  smtpUrl?: string;
  /** Passphrase that encrypts `tillit backup` and opens an encrypted backup in `tillit restore` (TILLIT_BACKUP_PASSPHRASE). */
  backupPassphrase?: string;
  mailFrom: string;
  /** The address people reach Tillit at (TILLIT_PUBLIC_URL), without a trailing slash: links in e-mails. Unset: no links. */
  publicUrl?: string;
  /** Where users report accessibility problems (an e-mail address, a phone number or a text), shown in the accessibility statement. */
  accessibilityContact?: string;
  /** Minutes between the server's deadline-reminder rounds (needs smtpUrl); 0 turns them off. */
  reminderIntervalMinutes: number;
  /** Seconds a stopping server waits for requests in progress before it closes their connections. */
  shutdownSeconds: number;
  /** Single sign-on through an OpenID Connect provider (TILLIT_OIDC_*), off when unset. */
  oidc?: OidcConfig;
}

/** The OpenID Connect provider people sign in with (the municipality's Entra ID, Keycloak, …). */
export interface OidcConfig {
  issuer: string;
  clientId: string;
  clientSecret?: string;
  /** Where the provider sends people back: …/api/auth/oidc/callback, registered with the provider. */
  redirectUri: string;
  scopes: string;
  /** The claim that holds the e-mail address people are known by in Tillit (Entra ID without mail: preferred_username). */
  emailClaim: string;
  /** The sign-in button's text; the app's own words when unset. */
  label?: string;
  /**
   * Logging out of Tillit: 'provider' ends the sign-in at the provider too (RP-initiated logout, when it offers an
   * end_session_endpoint), so that the next person at a shared computer is asked who they are; 'local' ends only
   * Tillit's session.
   */
  logout: 'provider' | 'local';
  /** Where the provider sends people after logging out there, registered with the provider: Tillit's start page. */
  postLogoutRedirectUri: string;
}

/** A setting with a bad value: both languages, so the CLI and the server can say what is wrong without a stack. */
export class ConfigError extends Error {
  constructor(public readonly sv: string, public readonly en: string) {
    super(`${sv} / ${en}`);
  }
}

function int(name: string, value: string | undefined, fallback: number, max?: number): number {
  if (value === undefined || value === '') return fallback;
  const n = Number(value);
  if (!Number.isInteger(n) || n < 0) {
    throw new ConfigError(`${name} måste vara ett heltal ≥ 0, fick "${value}"`, `${name} must be a non-negative integer, got "${value}"`);
  }
  if (max !== undefined && n > max) {
    throw new ConfigError(`${name} får vara högst ${max}, fick "${value}"`, `${name} must be at most ${max}, got "${value}"`);
  }
  return n;
}

/** A TCP port (0: any free one), from PORT or `tillit serve --port`. */
export function portNumber(name: string, value: string): number {
  const n = Number(value);
  if (!/^\d+$/.test(value.trim()) || !Number.isInteger(n) || n > 65535) {
    throw new ConfigError(`${name} måste vara ett portnummer 0–65535, fick "${value}"`, `${name} must be a port number 0–65535, got "${value}"`);
  }
  return n;
}

/** pino's levels: LOG_LEVEL must be one of them (pino itself would stop the process with a stack trace). */
export const LOG_LEVELS = ['fatal', 'error', 'warn', 'info', 'debug', 'trace', 'silent'] as const;

function logLevel(value: string | undefined, fallback: string): string {
  if (value === undefined || value === '') return fallback;
  const level = value.trim().toLowerCase();
  if (!(LOG_LEVELS as readonly string[]).includes(level)) {
    throw new ConfigError(`LOG_LEVEL måste vara en av ${LOG_LEVELS.join(', ')}, fick "${value}"`, `LOG_LEVEL must be one of ${LOG_LEVELS.join(', ')}, got "${value}"`);
  }
  return level;
}

/**
 * A PostgreSQL connection string as node-postgres reads it (postgres:// or postgresql://, or socket:). The value
 * itself is never repeated: it may hold a password.
 */
function databaseUrl(value: string | undefined): string | undefined {
  if (!value) return undefined;
  let url: URL | undefined;
  try {
    // node-postgres accepts a socket directory as user@/database?host=/run/postgresql, which URL does not.
    url = new URL(value.replace('@/', '@localhost/'));
  } catch {
    /* not a URL */
  }
  if (!url || !['postgres:', 'postgresql:', 'socket:'].includes(url.protocol)) {
    const seen = url ? ` (den börjar med "${url.protocol}")` : '';
    const seenEn = url ? ` (it begins with "${url.protocol}")` : '';
    throw new ConfigError(
      `DATABASE_URL är ingen giltig PostgreSQL-adress${seen}: ange postgres://användare:lösenord@värd:port/databas`,
      `DATABASE_URL is not a valid PostgreSQL URL${seenEn}: give postgres://user:password@host:port/database`,
    );
  }
  return value;
}

function bool(value: string | undefined, fallback: boolean): boolean {
  if (value === undefined || value === '') return fallback;
  return ['1', 'true', 'yes', 'ja', 'on'].includes(value.toLowerCase());
}

/** An absolute http(s) address; plain http only on this machine (a provider on localhost, in tests). */
function httpsUrl(name: string, value: string): string {
  let url: URL | undefined;
  try {
    url = new URL(value);
  } catch {
    /* not a URL */
  }
  const local = url && ['localhost', '127.0.0.1', '[::1]'].includes(url.hostname);
  if (!url || !(url.protocol === 'https:' || (url.protocol === 'http:' && local))) {
    throw new ConfigError(`${name} måste vara en https-adress, fick "${value}"`, `${name} must be an https URL, got "${value}"`);
  }
  return value.replace(/\/+$/, '');
}

/** TILLIT_OIDC_*: all of issuer and client id, or none; the address to come back to from it or TILLIT_PUBLIC_URL. */
function oidcConfig(env: NodeJS.ProcessEnv, publicUrl: string): OidcConfig | undefined {
  const issuer = env.TILLIT_OIDC_ISSUER?.trim();
  const clientId = env.TILLIT_OIDC_CLIENT_ID?.trim();
  if (!issuer && !clientId) return undefined;
  if (!issuer || !clientId) {
    const missing = issuer ? 'TILLIT_OIDC_CLIENT_ID' : 'TILLIT_OIDC_ISSUER';
    throw new ConfigError(`${missing} saknas: inloggning med OpenID Connect behöver både TILLIT_OIDC_ISSUER och TILLIT_OIDC_CLIENT_ID.`, `${missing} is missing: OpenID Connect sign-in needs both TILLIT_OIDC_ISSUER and TILLIT_OIDC_CLIENT_ID.`);
  }
  const back = env.TILLIT_OIDC_REDIRECT_URI?.trim() || (publicUrl ? `${publicUrl.replace(/\/+$/, '')}/api/auth/oidc/callback` : '');
  if (!back) {
    throw new ConfigError('TILLIT_OIDC_REDIRECT_URI eller TILLIT_PUBLIC_URL saknas: ange adressen som leverantören skickar tillbaka till.', 'TILLIT_OIDC_REDIRECT_URI or TILLIT_PUBLIC_URL is missing: give the address the provider sends people back to.');
  }
  // Checked as an address, and kept as written: the provider compares it with its registration character by character.
  const afterLogout = env.TILLIT_OIDC_POST_LOGOUT_REDIRECT_URI?.trim();
  return {
    issuer: httpsUrl('TILLIT_OIDC_ISSUER', issuer),
    clientId,
    clientSecret: env.TILLIT_OIDC_CLIENT_SECRET || undefined,
    redirectUri: httpsUrl('TILLIT_OIDC_REDIRECT_URI', back),
    scopes: env.TILLIT_OIDC_SCOPES?.trim() || 'openid email profile',
    emailClaim: env.TILLIT_OIDC_EMAIL_CLAIM?.trim() || 'email',
    label: env.TILLIT_OIDC_LABEL?.trim() || undefined,
    logout: oidcLogout(env.TILLIT_OIDC_LOGOUT),
    postLogoutRedirectUri: afterLogout ? (httpsUrl('TILLIT_OIDC_POST_LOGOUT_REDIRECT_URI', afterLogout), afterLogout) : `${new URL(back).origin}/`,
  };
}

function oidcLogout(value: string | undefined): OidcConfig['logout'] {
  const v = value?.trim().toLowerCase() || 'provider';
  if (v !== 'provider' && v !== 'local') {
    throw new ConfigError(`TILLIT_OIDC_LOGOUT ska vara "provider" eller "local", fick "${value}"`, `TILLIT_OIDC_LOGOUT must be "provider" or "local", got "${value}"`);
  }
  return v;
}

export function loadConfig(env: NodeJS.ProcessEnv = process.env): Config {
  const publicUrl = env.TILLIT_PUBLIC_URL ?? '';
  return {
    port: env.PORT ? portNumber('PORT', env.PORT) : 3000,
    host: env.HOST ?? '0.0.0.0',
    dataDir: resolve(env.TILLIT_DATA_DIR || './data'),
    databaseUrl: databaseUrl(env.DATABASE_URL),
    adminEmail: env.TILLIT_ADMIN_EMAIL || undefined,
    adminPassword: env.TILLIT_ADMIN_PASSWORD || undefined,
    sessionIdleMinutes: int('TILLIT_SESSION_IDLE_MINUTES', env.TILLIT_SESSION_IDLE_MINUTES, 30),
    sessionCacheSeconds: int('TILLIT_SESSION_CACHE_SECONDS', env.TILLIT_SESSION_CACHE_SECONDS, 10, 300),
    sessionAbsoluteHours: int('TILLIT_SESSION_ABSOLUTE_HOURS', env.TILLIT_SESSION_ABSOLUTE_HOURS, 12),
    secureCookies: bool(env.TILLIT_SECURE_COOKIES, publicUrl.startsWith('https://')),
    trustProxy: bool(env.TILLIT_TRUST_PROXY, false),
    bodyLimitBytes: int('TILLIT_BODY_LIMIT_BYTES', env.TILLIT_BODY_LIMIT_BYTES, 1024 * 1024),
    loginIpLimitPerMinute: int('TILLIT_LOGIN_IP_LIMIT', env.TILLIT_LOGIN_IP_LIMIT, 30),
    logLevel: logLevel(env.LOG_LEVEL, env.NODE_ENV === 'test' ? 'silent' : 'info'),
    webDir: resolve(env.TILLIT_WEB_DIR || './dist/web'),
    smtpUrl: env.TILLIT_SMTP_URL || undefined,
    backupPassphrase: env.TILLIT_BACKUP_PASSPHRASE || undefined,
    accessibilityContact: env.TILLIT_ACCESSIBILITY_CONTACT?.trim() || undefined,
    mailFrom: env.TILLIT_MAIL_FROM ?? 'tillit@localhost',
    publicUrl: publicUrl.trim().replace(/\/+$/, '') || undefined,
    // At most a day: a longer pause would skip the 6 h and 24 h warnings (and overflow Node's timer).
    reminderIntervalMinutes: int('TILLIT_REMINDER_INTERVAL_MINUTES', env.TILLIT_REMINDER_INTERVAL_MINUTES, 15, 1440),
    shutdownSeconds: int('TILLIT_SHUTDOWN_SECONDS', env.TILLIT_SHUTDOWN_SECONDS, 10, 3600),
    oidc: oidcConfig(env, publicUrl),
  };
}
