/**
 * Response and request types of the API, inferred from the shared zod contracts (type-only imports:
 * nothing of zod reaches the browser bundle).
 */
import type { z } from 'zod';
import type * as OrgContract from '../../domains/org/contract';
import type * as UserContract from '../../domains/users/contract';
import type * as AuditContract from '../../domains/audit/contract';
export type { Permission, Role } from '../../server/platform/permissions';
export type { OrgType } from '../../domains/org/contract';

export type Org = z.infer<typeof OrgContract.Org>;
export type CreateOrg = z.input<typeof OrgContract.CreateOrg>;
export type UpdateOrg = z.input<typeof OrgContract.UpdateOrg>;
export type OrgGroup = z.infer<typeof OrgContract.OrgGroup>;
export type CreateOrgGroup = z.input<typeof OrgContract.CreateOrgGroup>;
export type UpdateOrgGroup = z.input<typeof OrgContract.UpdateOrgGroup>;

export type User = z.infer<typeof UserContract.User>;
export type RoleAssignment = z.infer<typeof UserContract.RoleAssignment>;
export type CreateUser = z.input<typeof UserContract.CreateUser>;
export type UpdateUser = z.input<typeof UserContract.UpdateUser>;
export type AssignRole = z.input<typeof UserContract.AssignRole>;
export type Me = z.infer<typeof UserContract.Me>;
export type SessionInfo = z.infer<typeof UserContract.SessionInfo>;
export type ApiToken = z.infer<typeof UserContract.ApiToken>;
export type CreateApiToken = z.input<typeof UserContract.CreateApiToken>;

export type AuditEntry = z.infer<typeof AuditContract.AuditEntry>;
export interface AuditPage {
  items: AuditEntry[];
  nextCursor: number | null;
}

/** GET /api/attention → { items }: what needs the signed-in user's attention (start page). */
export type { AttentionItem } from '../../server/platform/attention';
