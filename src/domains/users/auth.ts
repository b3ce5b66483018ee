import { randomBytes } from 'node:crypto';
import { and, asc, count, desc, eq, gt, isNull, lte, ne, or, sql, type SQL } from 'drizzle-orm';
import type { Logger } from 'pino';
import { ConfigError, type Config } from '../../server/platform/config';
import type { Ctx } from '../../server/platform/context';
import type { Db } from '../../server/platform/db';
import { AppError, notFound, unauthorized, unprocessable } from '../../server/platform/errors';
import { systemCtx } from '../../server/platform/context';
import { inAuthTx, inTx } from '../../server/platform/tx';
import { recordAudit } from '../audit/chain';
import { sha256 } from './resolve';
import { dummyHash, generatePassword, hashPassword, passwordProblem, verifyPassword } from './password';
import { apiTokens, loginAttempts, roleAssignments, sessions, users } from './table';

export const MAX_FAILURES = 5;
export const LOCK_MINUTES = 15;

const token = (bytes = 32) => randomBytes(bytes).toString('base64url');

const badCredentials = () =>
  new AppError(401, 'bad_credentials', { sv: 'Fel e-postadress eller lösenord.', en: 'Wrong e-mail address or password.' }, 'password');
const locked = (until: Date) =>
  new AppError(
    429,
    'locked',
    {
      sv: `För många misslyckade inloggningar. Kontot är tillfälligt låst till ${until.toLocaleTimeString('sv-SE', { timeZone: 'Europe/Stockholm', hour: '2-digit', minute: '2-digit' })}.`,
      en: `Too many failed sign-ins. The account is temporarily locked until ${until.toISOString()}.`,
    },
    undefined,
    { retryAfter: Math.max(1, Math.ceil((until.getTime() - Date.now()) / 1000)) },
  );

export interface LoginResult {
  sessionToken: string;
  csrfToken: string;
  expiresAt: Date;
  userId: string;
}

/**
 * Password sign-in with per-IP rate limiting and per-account lockout; every attempt is recorded.
 * Both limits are taken before the (slow) password check, atomically, so parallel requests cannot slip past them:
 * an attempt is recorded, then the IP's attempts of the last minute are counted, this one included; an account's
 * attempt takes one of its MAX_FAILURES tries in one UPDATE, given back only by a successful sign-in. (They were
 * counted after the check: 120 parallel requests from one IP all got an answer, and 25 parallel guesses at one
 * password had 18 checked where the lockout allows 5.) Unknown, inactive and locked accounts answer alike, in the
 * same time: a password check is always made.
 */
export async function login(ctx: Ctx, email: string, password: string, userAgent?: string): Promise<LoginResult> {
  const now = new Date();
  // The attempt is recorded and the earlier ones counted with this IP and this address locked (advisory, for the
  // transaction): a burst of parallel requests is counted one by one, so exactly the allowed number pass.
  const { attempt, fromIp, failedBefore } = await inTx(ctx, async (tx) => {
    await tx.execute(sql`select pg_advisory_xact_lock(727170200, hashtext(${ctx.ip}))`);
    await tx.execute(sql`select pg_advisory_xact_lock(727170201, hashtext(${email}))`);
    const [row] = await tx.insert(loginAttempts).values({ email, ip: ctx.ip, success: false }).returning({ id: loginAttempts.id });
    const others = (cond: SQL, ms: number) => tx.select({ n: count() }).from(loginAttempts)
      .where(and(cond, ne(loginAttempts.id, row.id), gt(loginAttempts.at, new Date(now.getTime() - ms))));
    const [ip] = await others(eq(loginAttempts.ip, ctx.ip), 60_000);
    const [failed] = await others(and(eq(loginAttempts.email, email), eq(loginAttempts.success, false))!, LOCK_MINUTES * 60_000);
    return { attempt: row, fromIp: ip.n, failedBefore: failed.n };
  });
  if (fromIp >= ctx.config.loginIpLimitPerMinute) {
    throw new AppError(429, 'rate_limited', { sv: 'För många inloggningsförsök. Vänta en minut.', en: 'Too many sign-in attempts. Wait a minute.' }, undefined, { retryAfter: 60 });
  }
  const lockFor = new Date(now.getTime() + LOCK_MINUTES * 60_000);
  const [user] = await ctx.db.select().from(users).where(eq(users.email, email));
  if (!user) {
    await verifyPassword(await dummyHash(), password);
    // As for an account: MAX_FAILURES tries, then locked for LOCK_MINUTES from the last of them.
    if (failedBefore >= MAX_FAILURES) {
      const [last] = await ctx.db.select({ at: loginAttempts.at }).from(loginAttempts)
        .where(and(eq(loginAttempts.email, email), eq(loginAttempts.success, false), gt(loginAttempts.at, new Date(now.getTime() - LOCK_MINUTES * 60_000))))
        .orderBy(asc(loginAttempts.at), asc(loginAttempts.id)).offset(MAX_FAILURES - 1).limit(1);
      throw locked(new Date((last?.at ?? now).getTime() + LOCK_MINUTES * 60_000));
    }
    // Audited as for an account (who tries which addresses is worth knowing), which also keeps the answer as slow as
    // an account's: without it a wrong password took about 5 ms longer for an address that has an account.
    await recordAudit(ctx.db, { ...ctx, actorLabel: email }, { action: 'auth.login_failed', entityType: 'user', after: { unknownEmail: true, failures: failedBefore + 1, ip: ctx.ip } });
    throw badCredentials();
  }
  // One try taken, unless the account is locked: the try counts before the check.
  const [taken] = await ctx.db
    .update(users)
    .set({ failedLogins: sql`${users.failedLogins} + 1` })
    .where(and(eq(users.id, user.id), or(isNull(users.lockedUntil), lte(users.lockedUntil, now))))
    .returning({ tries: users.failedLogins });
  if (!taken || taken.tries > MAX_FAILURES) {
    await verifyPassword(await dummyHash(), password);
    const until = taken ? await lockAccount(ctx, user.id, email, taken.tries, lockFor, now) : (user.lockedUntil ?? lockFor);
    throw locked(until);
  }
  const ok = (await verifyPassword(user.passwordHash, password)) && user.active;
  if (!ok) {
    // The last try's failure locks the account.
    if (taken.tries >= MAX_FAILURES) await lockAccount(ctx, user.id, email, taken.tries, lockFor, now);
    else {
      await recordAudit(ctx.db, { ...ctx, actorLabel: email }, { action: 'auth.login_failed', entityType: 'user', entityId: user.id, after: { failures: taken.tries, ip: ctx.ip } });
    }
    throw badCredentials();
  }
  await ctx.db.update(loginAttempts).set({ success: true }).where(eq(loginAttempts.id, attempt.id));
  return startSession(ctx, user, userAgent, now, { ip: ctx.ip });
}

/**
 * A new session for a person who has proved who they are (password, or the organisation's OpenID Connect
 * provider, then `oidcIssuer`): the failed tries are forgotten and the sign-in is audited as auth.login with `how`.
 */
export async function startSession(ctx: Ctx, user: typeof users.$inferSelect, userAgent: string | undefined, now: Date, how: Record<string, unknown>, oidcIssuer?: string): Promise<LoginResult> {
  const sessionToken = token();
  const csrfToken = token(24);
  const expiresAt = new Date(now.getTime() + ctx.config.sessionAbsoluteHours * 3600_000);
  await inTx(ctx, async (tx) => {
    await tx.update(users).set({ failedLogins: 0, lockedUntil: null, lastLoginAt: now }).where(eq(users.id, user.id));
    const id = sha256(sessionToken);
    await tx.insert(sessions).values({ id, userId: user.id, csrfToken, expiresAt, ip: ctx.ip, userAgent: userAgent?.slice(0, 300) ?? null, oidcIssuer: oidcIssuer ?? null });
    await recordAudit(tx, { ...ctx, principal: { userId: user.id, email: user.email, name: user.name, locale: user.locale } }, {
      action: 'auth.login',
      entityType: 'session',
      entityId: id.slice(0, 16),
      after: { ...how, expiresAt },
    });
  });
  return { sessionToken, csrfToken, expiresAt, userId: user.id };
}

/**
 * Locks an account whose tries ran out, unless a parallel request already did (audited once), and tells until when.
 * An earlier lock that has run out counts as none.
 */
async function lockAccount(ctx: Ctx, userId: string, email: string, tries: number, until: Date, now: Date): Promise<Date> {
  return inTx(ctx, async (tx) => {
    const [row] = await tx.update(users).set({ failedLogins: 0, lockedUntil: until })
      .where(and(eq(users.id, userId), or(isNull(users.lockedUntil), lte(users.lockedUntil, now)))).returning({ lockedUntil: users.lockedUntil });
    if (row) await recordAudit(tx, { ...ctx, actorLabel: email }, { action: 'auth.lockout', entityType: 'user', entityId: userId, after: { failures: tries, ip: ctx.ip } });
    const [cur] = await tx.select({ lockedUntil: users.lockedUntil }).from(users).where(eq(users.id, userId));
    return cur?.lockedUntil ?? until;
  });
}

export async function logout(ctx: Ctx): Promise<void> {
  const sid = ctx.principal?.sessionId;
  if (!sid) return;
  await inAuthTx(ctx, async (tx) => {
    await tx.update(sessions).set({ revokedAt: new Date() }).where(eq(sessions.id, sid));
    await recordAudit(tx, ctx, { action: 'auth.logout', entityType: 'session', entityId: sid.slice(0, 16) });
  });
}

export async function listOwnSessions(ctx: Ctx) {
  const p = ctx.principal!;
  const rows = await ctx.db
    .select()
    .from(sessions)
    .where(and(eq(sessions.userId, p.userId), isNull(sessions.revokedAt), gt(sessions.expiresAt, new Date())))
    .orderBy(desc(sessions.lastSeenAt));
  const idleMs = ctx.config.sessionIdleMinutes * 60_000;
  return rows
    .filter((s) => s.lastSeenAt.getTime() + idleMs > Date.now())
    .map((s) => ({
      id: s.id.slice(0, 16),
      current: s.id === p.sessionId,
      createdAt: s.createdAt.toISOString(),
      lastSeenAt: s.lastSeenAt.toISOString(),
      expiresAt: s.expiresAt.toISOString(),
      ip: s.ip,
      userAgent: s.userAgent,
    }));
}

export async function revokeOwnSession(ctx: Ctx, shortId: string): Promise<void> {
  const p = ctx.principal!;
  await inAuthTx(ctx, async (tx) => {
    const [row] = await tx
      .update(sessions)
      .set({ revokedAt: new Date() })
      .where(and(eq(sessions.userId, p.userId), sql`substr(${sessions.id}, 1, 16) = ${shortId}`, isNull(sessions.revokedAt)))
      .returning({ id: sessions.id });
    if (!row) throw notFound({ sv: 'Sessionen finns inte.', en: 'The session does not exist.' }, 'id');
    await recordAudit(tx, ctx, { action: 'auth.session_revoke', entityType: 'session', entityId: shortId });
  });
}

export async function changeOwnPassword(ctx: Ctx, currentPassword: string, newPassword: string): Promise<void> {
  const p = ctx.principal!;
  const [u] = await ctx.db.select().from(users).where(eq(users.id, p.userId));
  if (!(await verifyPassword(u.passwordHash, currentPassword))) {
    throw new AppError(422, 'bad_current_password', { sv: 'Nuvarande lösenord är fel.', en: 'The current password is wrong.' }, 'currentPassword');
  }
  const problem = passwordProblem(newPassword, u.email);
  if (problem) throw unprocessable('weak_password', problem, 'newPassword');
  const hash = await hashPassword(newPassword);
  await inAuthTx(ctx, async (tx) => {
    await tx.update(users).set({ passwordHash: hash, mustChangePassword: false, version: sql`${users.version} + 1`, updatedAt: new Date() }).where(eq(users.id, u.id));
    // Every other session ends when the password changes.
    await tx
      .update(sessions)
      .set({ revokedAt: new Date() })
      .where(and(eq(sessions.userId, u.id), isNull(sessions.revokedAt), p.sessionId ? sql`${sessions.id} <> ${p.sessionId}` : sql`true`));
    await recordAudit(tx, ctx, { action: 'user.password_change', entityType: 'user', entityId: u.id });
  });
}

export async function createApiToken(ctx: Ctx, input: { name: string; scopes: string[]; expiresInDays: number }) {
  const p = ctx.principal!;
  // A token made with a one-time password would act without it ever being replaced (and outlive its replacement).
  if (p.mustChangePassword) {
    throw new AppError(403, 'must_change_password', {
      sv: 'Byt ditt engångslösenord innan du skapar en API-token (Mitt konto → Byt lösenord).',
      en: 'Change your one-time password before you create an API token (My account → Change password).',
    });
  }
  for (const s of input.scopes) {
    if (!ctx.authz.hasAnywhere(s as never)) {
      throw unprocessable('scope_not_held', { sv: `Du har inte behörigheten ${s} och kan inte ge den till en token.`, en: `You do not hold ${s} and cannot give it to a token.` }, 'scopes');
    }
  }
  const prefix = randomBytes(4).toString('hex');
  const secret = `tlt_${prefix}_${token()}`;
  const expiresAt = new Date(Date.now() + input.expiresInDays * 86400_000);
  return inTx(ctx, async (tx) => {
    const [t] = await tx
      .insert(apiTokens)
      .values({ userId: p.userId, name: input.name, prefix, tokenHash: sha256(secret), scopes: input.scopes, expiresAt })
      .returning();
    await recordAudit(tx, ctx, { action: 'apitoken.create', entityType: 'api_token', entityId: t.id, after: { name: t.name, prefix, scopes: t.scopes, expiresAt } });
    return { token: secret, apiToken: tokenDto(t) };
  });
}

const tokenDto = (t: typeof apiTokens.$inferSelect) => ({
  id: t.id,
  name: t.name,
  prefix: t.prefix,
  scopes: t.scopes,
  expiresAt: t.expiresAt.toISOString(),
  revokedAt: t.revokedAt?.toISOString() ?? null,
  lastUsedAt: t.lastUsedAt?.toISOString() ?? null,
  createdAt: t.createdAt.toISOString(),
});

export async function listOwnApiTokens(ctx: Ctx) {
  const rows = await ctx.db.select().from(apiTokens).where(eq(apiTokens.userId, ctx.principal!.userId)).orderBy(desc(apiTokens.createdAt));
  return rows.map(tokenDto);
}

export async function revokeApiToken(ctx: Ctx, id: string) {
  await inTx(ctx, async (tx) => {
    const [t] = await tx
      .update(apiTokens)
      .set({ revokedAt: new Date() })
      .where(and(eq(apiTokens.id, id), eq(apiTokens.userId, ctx.principal!.userId), isNull(apiTokens.revokedAt)))
      .returning();
    if (!t) throw notFound({ sv: 'Token finns inte.', en: 'The token does not exist.' }, 'id');
    await recordAudit(tx, ctx, { action: 'apitoken.revoke', entityType: 'api_token', entityId: id });
  });
}

/** Advisory lock key of the first-start administrator (several nodes may start at once on one database). */
const ADMIN_LOCK = 727170011;

/**
 * First start: make sure an administrator exists. With TILLIT_ADMIN_EMAIL/PASSWORD that account (created if
 * missing, given the global systemadministratör role); otherwise, on an empty database, admin@tillit.local
 * with a one-time password printed once to the log.
 */
export async function ensureAdmin(db: Db, config: Config, log: Logger): Promise<void> {
  const ctx = systemCtx({ db, config, log }, 'startup');
  if (config.adminEmail) {
    const email = config.adminEmail.trim().toLowerCase();
    const [existing] = await db.select().from(users).where(eq(users.email, email));
    if (!existing) {
      if (!config.adminPassword) throw new ConfigError(`TILLIT_ADMIN_PASSWORD saknas (${email} finns inte än).`, `TILLIT_ADMIN_PASSWORD is missing (${email} does not exist yet).`);
      const problem = passwordProblem(config.adminPassword, email);
      if (problem) throw new ConfigError(`TILLIT_ADMIN_PASSWORD: ${problem.sv}`, `TILLIT_ADMIN_PASSWORD: ${problem.en}`);
    }
    const hash = existing ? undefined : await hashPassword(config.adminPassword!);
    await inTx(ctx, async (tx) => {
      // Nodes starting at once on one database: one creates the account, the others find it (read again under the lock).
      await tx.execute(sql`select pg_advisory_xact_lock(${ADMIN_LOCK})`);
      const [now] = existing ? [existing] : await tx.select().from(users).where(eq(users.email, email));
      let id = now?.id;
      if (!id) {
        const [u] = await tx.insert(users).values({ email, name: 'Administratör', passwordHash: hash! }).returning();
        id = u.id;
        await recordAudit(tx, ctx, { action: 'user.create', entityType: 'user', entityId: id, after: { email, reason: 'TILLIT_ADMIN_EMAIL' } });
      } else if (!now!.active) {
        await tx.update(users).set({ active: true }).where(eq(users.id, id));
      }
      const [role] = await tx
        .select({ id: roleAssignments.id })
        .from(roleAssignments)
        .where(and(eq(roleAssignments.userId, id), eq(roleAssignments.role, 'systemadministrator'), isNull(roleAssignments.orgId), isNull(roleAssignments.groupId)));
      if (!role) {
        const [a] = await tx.insert(roleAssignments).values({ userId: id, role: 'systemadministrator' }).returning();
        await recordAudit(tx, ctx, { action: 'role.assign', entityType: 'user', entityId: id, after: a });
      }
    });
    if (existing && config.adminPassword) {
      log.info({ email }, `TILLIT_ADMIN_PASSWORD används inte: ${email} finns redan och lösenordet lämnades oförändrat. / TILLIT_ADMIN_PASSWORD not used: ${email} already exists and the password was left unchanged.`);
    }
    return;
  }
  const [{ n }] = await db.select({ n: count() }).from(users);
  if (n > 0) return;
  const password = generatePassword();
  const hash = await hashPassword(password);
  const email = 'admin@tillit.local';
  const created = await inTx(ctx, async (tx) => {
    await tx.execute(sql`select pg_advisory_xact_lock(${ADMIN_LOCK})`);
    const [{ n: still }] = await tx.select({ n: count() }).from(users);
    if (still > 0) return false;
    const [u] = await tx.insert(users).values({ email, name: 'Administratör', passwordHash: hash, mustChangePassword: true }).returning();
    await tx.insert(roleAssignments).values({ userId: u.id, role: 'systemadministrator' });
    await recordAudit(tx, ctx, { action: 'user.create', entityType: 'user', entityId: u.id, after: { email, reason: 'first start' } });
    return true;
  });
  if (!created) return;
  log.warn(
    { email },
    `Första start: administratör ${email} skapad med engångslösenordet ${password} (visas bara nu; byt det vid första inloggningen). / ` +
      `First start: administrator ${email} created with one-time password ${password} (shown only now; change it at first sign-in).`,
  );
}

export const _internal = { sha256, unauthorized };
