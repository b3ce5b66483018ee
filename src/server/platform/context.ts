import type { Logger } from 'pino';
import type { Config } from './config';
import type { Db } from './db';
import { Authz } from './authz';

export interface Principal {
  userId: string;
  email: string;
  name: string;
  locale: string;
  sessionId?: string;
  csrfToken?: string;
  apiTokenId?: string;
  /** Signed in with a one-time password: may read and replace it, but change nothing else (http.ts gate). */
  mustChangePassword?: boolean;
  /** A session started through this OpenID Connect provider (its issuer). */
  oidcIssuer?: string;
}

/** What every service function receives: who acts, from where, and with which permissions. */
export interface Ctx {
  db: Db;
  config: Config;
  log: Logger;
  principal?: Principal;
  authz: Authz;
  requestId: string;
  ip: string;
  lang: 'sv' | 'en';
  /** Label for audit rows when no user acts (CLI, system jobs). */
  actorLabel?: string;
}

export function systemCtx(base: Pick<Ctx, 'db' | 'config' | 'log'>, label = 'system', authz?: Authz): Ctx {
  return {
    ...base,
    authz: authz ?? new Authz([{ role: 'systemadministrator', paths: null }]),
    requestId: `cli-${process.pid}-${Date.now()}`,
    ip: 'local',
    lang: 'sv',
    actorLabel: label,
  };
}
