import { z } from '@hono/zod-openapi';
import { PERMISSIONS, ROLES } from '../../server/platform/permissions';
import { Slug } from '../org/contract';
import { int4 } from '../../server/platform/schema';

export const Email = z.string().trim().toLowerCase().max(254).pipe(z.email());

export const RoleAssignment = z
  .object({
    id: z.uuid(),
    role: z.enum(ROLES),
    orgId: z.uuid().nullable(),
    orgSlug: z.string().nullable(),
    orgName: z.string().nullable(),
    groupId: z.uuid().nullable(),
    groupSlug: z.string().nullable(),
    groupName: z.string().nullable(),
  })
  .openapi('RoleAssignment');

export const User = z
  .object({
    id: z.uuid(),
    email: z.string(),
    name: z.string(),
    locale: z.string(),
    active: z.boolean(),
    lockedUntil: z.string().nullable(),
    lastLoginAt: z.string().nullable(),
    mustChangePassword: z.boolean(),
    roles: z.array(RoleAssignment),
    version: int4(),
  })
  .openapi('User');
export type User = z.infer<typeof User>;

export const CreateUser = z
  .strictObject({
    email: Email,
    name: z.string().trim().min(1).max(200),
    password: z.string().max(256).optional(),
    locale: z.enum(['sv', 'en']).default('sv'),
  })
  .openapi('CreateUser');
export type CreateUser = z.infer<typeof CreateUser>;

export const UpdateUser = z
  .strictObject({
    version: int4().min(1),
    name: z.string().trim().min(1).max(200).optional(),
    email: Email.optional(),
    active: z.boolean().optional(),
    locale: z.enum(['sv', 'en']).optional(),
    password: z.string().max(256).optional(),
    unlock: z.boolean().optional(),
  })
  .openapi('UpdateUser');
export type UpdateUser = z.infer<typeof UpdateUser>;

export const AssignRole = z
  .strictObject({ role: z.enum(ROLES), org: Slug.optional(), group: Slug.optional() })
  .openapi('AssignRole');
export type AssignRole = z.infer<typeof AssignRole>;

export const Login = z.strictObject({ email: z.string().trim().toLowerCase().max(254), password: z.string().max(256) }).openapi('Login');

export const Me = z
  .object({
    id: z.uuid(),
    email: z.string(),
    name: z.string(),
    locale: z.string(),
    csrfToken: z.string().nullable(),
    mustChangePassword: z.boolean(),
    roles: z.array(RoleAssignment),
    permissions: z.array(z.enum(PERMISSIONS)),
  })
  .openapi('Me');

export const SessionInfo = z
  .object({
    id: z.string(),
    current: z.boolean(),
    createdAt: z.string(),
    lastSeenAt: z.string(),
    expiresAt: z.string(),
    ip: z.string().nullable(),
    userAgent: z.string().nullable(),
  })
  .openapi('Session');

export const ChangePassword = z
  .strictObject({ currentPassword: z.string().max(256), newPassword: z.string().max(256) })
  .openapi('ChangePassword');

export const CreateApiToken = z
  .strictObject({
    name: z.string().trim().min(1).max(100),
    scopes: z.array(z.enum(PERMISSIONS)).min(1),
    expiresInDays: int4().min(1).max(366).default(90),
  })
  .openapi('CreateApiToken');

export const ApiToken = z
  .object({
    id: z.uuid(),
    name: z.string(),
    prefix: z.string(),
    scopes: z.array(z.string()),
    expiresAt: z.string(),
    revokedAt: z.string().nullable(),
    lastUsedAt: z.string().nullable(),
    createdAt: z.string(),
  })
  .openapi('ApiToken');
