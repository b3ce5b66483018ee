import { and, asc, eq, inArray, like, or, sql } from 'drizzle-orm';
import type { Ctx } from '../../server/platform/context';
import type { Db } from '../../server/platform/db';
import { escapeLike } from '../../server/platform/authz';
import { conflict, forbidden, notFound, unprocessable } from '../../server/platform/errors';
import { staleVersion } from '../../server/platform/locking';
import { ROLE_PERMISSIONS, type Role } from '../../server/platform/permissions';
import { inAuthTx, inTx } from '../../server/platform/tx';
import { recordAudit } from '../audit/chain';
import { findOrg, groupMemberPaths, orgNotFound } from '../org/service';
import { orgGroups, orgs } from '../org/table';
import type { AssignRole, CreateUser, UpdateUser, User } from './contract';
import { generatePassword, hashPassword, passwordProblem } from './password';
import { apiTokens, roleAssignments, sessions, users } from './table';

type UserRow = typeof users.$inferSelect;

async function rolesOf(db: Db, userIds: string[]) {
  if (userIds.length === 0) return [];
  return db
    .select({
      userId: roleAssignments.userId,
      id: roleAssignments.id,
      role: roleAssignments.role,
      orgId: roleAssignments.orgId,
      orgSlug: orgs.slug,
      orgName: orgs.name,
      orgPath: orgs.path,
      groupId: roleAssignments.groupId,
      groupSlug: orgGroups.slug,
      groupName: orgGroups.name,
    })
    .from(roleAssignments)
    .leftJoin(orgs, eq(orgs.id, roleAssignments.orgId))
    .leftJoin(orgGroups, eq(orgGroups.id, roleAssignments.groupId))
    .where(inArray(roleAssignments.userId, userIds))
    .orderBy(asc(roleAssignments.createdAt));
}

function toDto(u: UserRow, roles: Awaited<ReturnType<typeof rolesOf>>): User {
  return {
    id: u.id,
    email: u.email,
    name: u.name,
    locale: u.locale,
    active: u.active,
    lockedUntil: u.lockedUntil && u.lockedUntil > new Date() ? u.lockedUntil.toISOString() : null,
    lastLoginAt: u.lastLoginAt?.toISOString() ?? null,
    mustChangePassword: u.mustChangePassword,
    version: u.version,
    roles: roles
      .filter((r) => r.userId === u.id)
      .map((r) => ({
        id: r.id,
        role: r.role as Role,
        orgId: r.orgId,
        orgSlug: r.orgSlug,
        orgName: r.orgName,
        groupId: r.groupId,
        groupSlug: r.groupSlug,
        groupName: r.groupName,
      })),
  };
}

/** Everything the user's roles cover, as paths; null when one of them is global. */
async function coveredPaths(db: Db, userId: string): Promise<string[] | null> {
  const roles = await rolesOf(db, [userId]);
  const groups = await groupMemberPaths(db, roles.filter((r) => r.groupId).map((r) => r.groupId!));
  const paths: string[] = [];
  for (const r of roles) {
    if (r.orgPath) paths.push(r.orgPath);
    else if (r.groupId) paths.push(...(groups.get(r.groupId) ?? []));
    else return null;
  }
  return paths;
}

/** May the actor manage this user? Only if they hold user.manage over every place the user has a role. */
async function requireManage(ctx: Ctx, db: Db, userId: string) {
  const paths = await coveredPaths(db, userId);
  const ok = paths === null || paths.length === 0 ? ctx.authz.global('user.manage') : paths.every((p) => ctx.authz.can('user.manage', p));
  if (!ok) throw forbidden();
}

/** Can the actor see this user at all? Out-of-scope users answer 404, as if they did not exist. */
async function visibleTo(ctx: Ctx, db: Db, userId: string, perm: 'user.read' | 'user.manage' = 'user.read'): Promise<boolean> {
  if (userId === ctx.principal?.userId || ctx.authz.global(perm)) return true;
  const paths = await coveredPaths(db, userId);
  return (paths ?? []).some((p) => ctx.authz.can(perm, p));
}

const noSuchUser = (id: string) => notFound({ sv: `Användaren ${id} finns inte.`, en: `User ${id} does not exist.` }, 'id');

async function findUser(db: Db, id: string): Promise<UserRow> {
  const [u] = await db.select().from(users).where(eq(users.id, id));
  if (!u) throw notFound({ sv: `Användaren ${id} finns inte.`, en: `User ${id} does not exist.` }, 'id');
  return u;
}

export async function listUsers(ctx: Ctx, q: { org?: string } = {}): Promise<User[]> {
  ctx.authz.require('user.read');
  const scope = ctx.authz.scope('user.read');
  const conds = [];
  if (scope !== 'all') {
    // Users holding a role somewhere inside the caller's scope.
    const inScope = ctx.db
      .select({ id: roleAssignments.userId })
      .from(roleAssignments)
      .innerJoin(orgs, eq(orgs.id, roleAssignments.orgId))
      .where(or(...scope.map((p) => like(orgs.path, escapeLike(p) + '%'))));
    conds.push(inArray(users.id, inScope));
  }
  if (q.org) {
    const o = await findOrg(ctx.db, q.org);
    if (!ctx.authz.can('org.read', o.path) && !ctx.authz.can('user.read', o.path)) {
      throw orgNotFound(q.org);
    }
    const under = ctx.db
      .select({ id: roleAssignments.userId })
      .from(roleAssignments)
      .innerJoin(orgs, eq(orgs.id, roleAssignments.orgId))
      .where(like(orgs.path, escapeLike(o.path) + '%'));
    conds.push(inArray(users.id, under));
  }
  const rows = await ctx.db.select().from(users).where(and(...conds)).orderBy(asc(users.name)).limit(5000);
  const roles = await rolesOf(ctx.db, rows.map((u) => u.id));
  return rows.map((u) => toDto(u, roles));
}

export async function getUser(ctx: Ctx, id: string): Promise<User> {
  ctx.authz.require('user.read');
  const u = await findUser(ctx.db, id);
  if (!(await visibleTo(ctx, ctx.db, id))) throw noSuchUser(id);
  return toDto(u, await rolesOf(ctx.db, [id]));
}

function checkPassword(password: string, email: string) {
  const problem = passwordProblem(password, email);
  if (problem) throw unprocessable('weak_password', problem, 'password');
}

async function emailTaken(db: Db, email: string, exceptId?: string) {
  const [dup] = await db.select({ id: users.id }).from(users).where(eq(users.email, email));
  if (dup && dup.id !== exceptId) {
    throw conflict('duplicate_email', { sv: `E-postadressen ${email} används redan.`, en: `The e-mail address ${email} is already in use.` }, 'email');
  }
}

/** Creates a local account. Without a password a one-time password is generated and returned once. */
export async function createUser(ctx: Ctx, input: CreateUser): Promise<{ user: User; oneTimePassword?: string }> {
  ctx.authz.require('user.manage');
  const oneTime = input.password ? undefined : generatePassword();
  if (input.password) checkPassword(input.password, input.email);
  const passwordHash = await hashPassword(input.password ?? oneTime!);
  return inTx(ctx, async (tx) => {
    await emailTaken(tx, input.email);
    const [u] = await tx
      .insert(users)
      .values({ email: input.email, name: input.name, locale: input.locale, passwordHash, mustChangePassword: !!oneTime })
      .returning();
    const { passwordHash: _h, ...safe } = u;
    await recordAudit(tx, ctx, { action: 'user.create', entityType: 'user', entityId: u.id, after: safe });
    return { user: toDto(u, []), oneTimePassword: oneTime };
  });
}

export async function updateUser(ctx: Ctx, id: string, input: UpdateUser): Promise<User> {
  ctx.authz.require('user.manage');
  if (input.password !== undefined) checkPassword(input.password, input.email ?? (await findUser(ctx.db, id)).email);
  const passwordHash = input.password !== undefined ? await hashPassword(input.password) : undefined;
  return inAuthTx(ctx, async (tx) => {
    const cur = await findUser(tx, id);
    if (!(await visibleTo(ctx, tx, id)) && !(await visibleTo(ctx, tx, id, 'user.manage'))) throw noSuchUser(id);
    await requireManage(ctx, tx, id);
    if (cur.version !== input.version) throw staleVersion('user', input.version, toDto(cur, await rolesOf(tx, [id])));
    if (input.active === false && id === ctx.principal?.userId) {
      throw unprocessable('self_disable', { sv: 'Du kan inte inaktivera ditt eget konto.', en: 'You cannot deactivate your own account.' }, 'active');
    }
    const changes: Partial<UserRow> = {};
    if (input.name !== undefined) changes.name = input.name;
    if (input.email !== undefined && input.email !== cur.email) {
      await emailTaken(tx, input.email, id);
      changes.email = input.email;
    }
    if (input.locale !== undefined) changes.locale = input.locale;
    if (input.active !== undefined) changes.active = input.active;
    if (passwordHash) {
      changes.passwordHash = passwordHash;
      changes.mustChangePassword = id !== ctx.principal?.userId;
    }
    if (input.unlock) {
      changes.lockedUntil = null;
      changes.failedLogins = 0;
    }
    const [u] = await tx
      .update(users)
      .set({ ...changes, version: sql`${users.version} + 1`, updatedAt: new Date() })
      .where(and(eq(users.id, id), eq(users.version, input.version)))
      .returning();
    if (!u) throw staleVersion('user', input.version, toDto(await findUser(tx, id), await rolesOf(tx, [id])));
    if (input.active === false || passwordHash) {
      await tx.update(sessions).set({ revokedAt: new Date() }).where(and(eq(sessions.userId, id), sql`${sessions.revokedAt} is null`));
    }
    // Deactivation ends every way in, API tokens as well as sessions: a token kept working again on reactivation.
    // So does a password set by someone else (an administrator, `tillit user reset-password`): it is the way back into
    // an account that may be compromised, and a token made by whoever got in would otherwise outlive the clean-up.
    let apiTokensRevoked = 0;
    if (input.active === false || (passwordHash && id !== ctx.principal?.userId)) {
      apiTokensRevoked = (await tx.update(apiTokens).set({ revokedAt: new Date() })
        .where(and(eq(apiTokens.userId, id), sql`${apiTokens.revokedAt} is null`)).returning({ id: apiTokens.id })).length;
    }
    const strip = ({ passwordHash: _p, ...rest }: UserRow) => rest;
    await recordAudit(tx, ctx, {
      action: passwordHash ? 'user.password_reset' : 'user.update',
      entityType: 'user',
      entityId: id,
      before: strip(cur),
      after: { ...strip(u), ...(apiTokensRevoked ? { apiTokensRevoked } : {}) },
    });
    return toDto(u, await rolesOf(tx, [id]));
  });
}

/**
 * A new password for the account with this e-mail address that must be replaced at the next sign-in: `password` (checked
 * by the password rules) or a generated one-time password, returned once. For `tillit user reset-password`, when an
 * administrator is locked out: the CLI's context has no person, so updateUser sets mustChangePassword as for any reset
 * by someone else. Through updateUser, as an administrator's reset in the app: the user's sessions end and it is
 * audited as user.password_reset; the lock after failed sign-ins is lifted too. An unknown address is a 404 (field
 * email) and nothing is written.
 */
export async function resetPassword(ctx: Ctx, email: string, password?: string, activate = false): Promise<{ user: User; oneTimePassword?: string }> {
  ctx.authz.require('user.manage');
  const [u] = await ctx.db.select({ id: users.id, version: users.version }).from(users).where(eq(users.email, email));
  if (!u) {
    throw notFound({ sv: `Det finns ingen användare med e-postadressen ${email}.`, en: `There is no user with the e-mail address ${email}.` }, 'email');
  }
  const oneTimePassword = password === undefined ? generatePassword() : undefined;
  const user = await updateUser(ctx, u.id, { version: u.version, password: password ?? oneTimePassword, unlock: true, ...(activate ? { active: true } : {}) });
  return { user, oneTimePassword };
}

/** Grants a role on an org subtree, a samverkansgrupp or (system administrators only) everywhere. */
export async function assignRole(ctx: Ctx, userId: string, input: AssignRole): Promise<User> {
  ctx.authz.require('user.manage');
  if (input.org && input.group) {
    throw unprocessable('org_or_group', { sv: 'Ange organisation eller samverkansgrupp, inte båda.', en: 'Give an organisation or a group, not both.' }, 'group');
  }
  return inAuthTx(ctx, async (tx) => {
    await findUser(tx, userId);
    const held = await rolesOf(tx, [userId]);
    if (held.length > 0 && !(await visibleTo(ctx, tx, userId)) && !(await visibleTo(ctx, tx, userId, 'user.manage'))) throw noSuchUser(userId);
    // Only a global system administrator makes system administrators, wherever the role is to be held.
    if (input.role === 'systemadministrator' && !ctx.authz.global('system.admin')) {
      throw forbidden({
        sv: 'Bara en systemadministratör för hela staden kan ge rollen systemadministratör.',
        en: 'Only a city-wide system administrator can grant the system administrator role.',
      });
    }
    const perms = ROLE_PERMISSIONS[input.role];
    let orgId: string | null = null;
    let groupId: string | null = null;
    let paths: string[] | null;
    if (input.org) {
      const o = await findOrg(tx, input.org);
      orgId = o.id;
      paths = [o.path];
    } else if (input.group) {
      const [g] = await tx.select().from(orgGroups).where(eq(orgGroups.slug, input.group));
      if (!g) throw notFound({ sv: `Samverkansgruppen "${input.group}" finns inte.`, en: `Cooperation group "${input.group}" does not exist.` }, 'group');
      groupId = g.id;
      paths = (await groupMemberPaths(tx, [g.id])).get(g.id) ?? [];
    } else {
      paths = null;
    }
    // No one hands out more than they hold themselves, where they hold it.
    const allowed =
      paths === null
        ? ctx.authz.global('user.manage') && perms.every((p) => ctx.authz.global(p))
        : paths.length > 0 && paths.every((path) => ctx.authz.can('user.manage', path) && perms.every((p) => ctx.authz.can(p, path)));
    if (!allowed) throw forbidden();
    const [dup] = await tx
      .select({ id: roleAssignments.id })
      .from(roleAssignments)
      .where(
        and(
          eq(roleAssignments.userId, userId),
          eq(roleAssignments.role, input.role),
          orgId ? eq(roleAssignments.orgId, orgId) : sql`${roleAssignments.orgId} is null`,
          groupId ? eq(roleAssignments.groupId, groupId) : sql`${roleAssignments.groupId} is null`,
        ),
      );
    if (dup) throw conflict('duplicate_role', { sv: 'Användaren har redan den rollen där.', en: 'The user already has that role there.' }, 'role');
    const [a] = await tx.insert(roleAssignments).values({ userId, role: input.role, orgId, groupId }).returning();
    await recordAudit(tx, ctx, { action: 'role.assign', entityType: 'user', entityId: userId, orgId, after: a });
    const [u] = await tx.select().from(users).where(eq(users.id, userId));
    return toDto(u, await rolesOf(tx, [userId]));
  });
}

export async function removeRole(ctx: Ctx, userId: string, assignmentId: string): Promise<User> {
  ctx.authz.require('user.manage');
  return inAuthTx(ctx, async (tx) => {
    await findUser(tx, userId);
    if (!(await visibleTo(ctx, tx, userId)) && !(await visibleTo(ctx, tx, userId, 'user.manage'))) throw noSuchUser(userId);
    const [a] = (await rolesOf(tx, [userId])).filter((r) => r.id === assignmentId);
    if (!a) throw notFound({ sv: 'Rolltilldelningen finns inte.', en: 'The role assignment does not exist.' }, 'assignmentId');
    let ok: boolean;
    if (a.orgPath) ok = ctx.authz.can('user.manage', a.orgPath);
    else if (a.groupId) ok = ((await groupMemberPaths(tx, [a.groupId])).get(a.groupId) ?? []).every((p) => ctx.authz.can('user.manage', p));
    else ok = ctx.authz.global('user.manage');
    if (!ok) throw forbidden();
    if (userId === ctx.principal?.userId && a.role === 'systemadministrator') {
      throw unprocessable('self_demote', { sv: 'Du kan inte ta bort din egen administratörsroll.', en: 'You cannot remove your own administrator role.' }, 'assignmentId');
    }
    await tx.delete(roleAssignments).where(eq(roleAssignments.id, assignmentId));
    await recordAudit(tx, ctx, { action: 'role.remove', entityType: 'user', entityId: userId, orgId: a.orgId, before: a });
    const [u] = await tx.select().from(users).where(eq(users.id, userId));
    return toDto(u, await rolesOf(tx, [userId]));
  });
}

/** The signed-in user's own record (no user.read needed to see oneself). */
export async function ownProfile(ctx: Ctx): Promise<User> {
  const id = ctx.principal!.userId;
  return toDto(await findUser(ctx.db, id), await rolesOf(ctx.db, [id]));
}
