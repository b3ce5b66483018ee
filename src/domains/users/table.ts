import { sql } from 'drizzle-orm';
import { boolean, index, integer, pgTable, text, uuid, check } from 'drizzle-orm/pg-core';
import { idColumn, ts, versioned } from '../../server/platform/columns';
import { orgGroups, orgs } from '../org/table';

export const users = pgTable('users', {
  id: idColumn(),
  email: text('email').notNull().unique('users_email_unique'),
  name: text('name').notNull(),
  passwordHash: text('password_hash'),
  locale: text('locale').notNull().default('sv'),
  active: boolean('active').notNull().default(true),
  failedLogins: integer('failed_logins').notNull().default(0),
  lockedUntil: ts('locked_until'),
  mustChangePassword: boolean('must_change_password').notNull().default(false),
  lastLoginAt: ts('last_login_at'),
  ...versioned(),
});

/** A role held on an organisation and its whole subtree, on a samverkansgrupp, or (org and group empty) everywhere. */
export const roleAssignments = pgTable(
  'role_assignments',
  {
    id: idColumn(),
    userId: uuid('user_id').notNull().references(() => users.id),
    role: text('role').notNull(),
    orgId: uuid('org_id').references(() => orgs.id),
    groupId: uuid('group_id').references(() => orgGroups.id),
    createdAt: ts('created_at').notNull().defaultNow(),
  },
  (t) => [
    index('role_assignments_user_idx').on(t.userId),
    check('role_assignments_target_check', sql`not (${t.orgId} is not null and ${t.groupId} is not null)`),
  ],
);

export const sessions = pgTable(
  'sessions',
  {
    /** SHA-256 of the cookie token; the token itself is never stored. */
    id: text('id').primaryKey(),
    userId: uuid('user_id').notNull().references(() => users.id),
    csrfToken: text('csrf_token').notNull(),
    createdAt: ts('created_at').notNull().defaultNow(),
    lastSeenAt: ts('last_seen_at').notNull().defaultNow(),
    expiresAt: ts('expires_at').notNull(),
    revokedAt: ts('revoked_at'),
    ip: text('ip'),
    userAgent: text('user_agent'),
    /** The OpenID Connect provider the session was started through (its issuer); null for a password sign-in. */
    oidcIssuer: text('oidc_issuer'),
  },
  (t) => [index('sessions_user_idx').on(t.userId)],
);

export const apiTokens = pgTable(
  'api_tokens',
  {
    id: idColumn(),
    userId: uuid('user_id').notNull().references(() => users.id),
    name: text('name').notNull(),
    prefix: text('prefix').notNull(),
    tokenHash: text('token_hash').notNull().unique('api_tokens_hash_unique'),
    /** Permissions the token may use (a subset of its owner's). */
    scopes: text('scopes').array().notNull(),
    expiresAt: ts('expires_at').notNull(),
    revokedAt: ts('revoked_at'),
    lastUsedAt: ts('last_used_at'),
    createdAt: ts('created_at').notNull().defaultNow(),
  },
  (t) => [index('api_tokens_user_idx').on(t.userId)],
);

export const loginAttempts = pgTable(
  'login_attempts',
  {
    id: idColumn(),
    email: text('email').notNull(),
    ip: text('ip').notNull(),
    success: boolean('success').notNull(),
    at: ts('at').notNull().defaultNow(),
  },
  (t) => [index('login_attempts_email_idx').on(t.email, t.at), index('login_attempts_ip_idx').on(t.ip, t.at)],
);
