/**
 * The one permission list, and which roles grant which permissions. Roles are held per organisation
 * subtree (or samverkansgrupp); a permission held on an org applies to that org and everything below it.
 * Anything not granted here is denied.
 */
export const PERMISSIONS = [
  'org.read',
  'org.manage',
  'user.read',
  'user.manage',
  'audit.read',
  'system.admin',
  'incident.report',
  'incident.read',
  'incident.manage',
  'incident.protected',
  'risk.read',
  'risk.manage',
  'risk.decide',
  'report.read',
  'report.edit',
  'report.approve',
  'template.manage',
  'plan.read',
  'plan.manage',
  'dso.approve',
  'document.read',
  'document.manage',
  'object.read',
  'object.manage',
  'privacy.read',
  'privacy.manage',
] as const;
export type Permission = (typeof PERMISSIONS)[number];

export const ROLES = [
  'systemadministrator',
  'forvaltningschef',
  'isam',
  'dso',
  'sakerhetsansvarig',
  'chef',
  'objektagare',
  'klassningsledare',
  'dataskyddshandlaggare',
  'medarbetare',
  'lasare',
] as const;
export type Role = (typeof ROLES)[number];

const READ: Permission[] = ['org.read', 'incident.read', 'risk.read', 'report.read', 'plan.read', 'document.read', 'object.read', 'privacy.read'];
const EMPLOYEE: Permission[] = ['org.read', 'incident.report', 'document.read'];

export const ROLE_PERMISSIONS: Record<Role, readonly Permission[]> = {
  systemadministrator: PERMISSIONS,
  forvaltningschef: [...READ, ...EMPLOYEE, 'user.read', 'audit.read', 'risk.decide', 'report.approve', 'incident.protected'],
  isam: [
    ...READ, ...EMPLOYEE, 'org.manage', 'user.read', 'audit.read', 'incident.manage', 'incident.protected', 'risk.manage',
    'report.edit', 'template.manage', 'plan.manage', 'document.manage', 'object.manage', 'privacy.manage',
  ],
  dso: [...READ, ...EMPLOYEE, 'incident.manage', 'incident.protected', 'dso.approve', 'audit.read', 'privacy.manage'],
  sakerhetsansvarig: [...READ, ...EMPLOYEE, 'incident.manage', 'risk.manage', 'plan.manage', 'object.manage'],
  chef: [...READ, ...EMPLOYEE],
  objektagare: [...EMPLOYEE, 'risk.read', 'plan.read', 'object.read', 'object.manage'],
  klassningsledare: [...EMPLOYEE, 'risk.read', 'plan.read', 'object.read', 'object.manage'],
  dataskyddshandlaggare: [...READ, ...EMPLOYEE, 'incident.manage', 'incident.protected', 'privacy.manage'],
  medarbetare: EMPLOYEE,
  lasare: READ,
};

export function isRole(value: string): value is Role {
  return (ROLES as readonly string[]).includes(value);
}
export function isPermission(value: string): value is Permission {
  return (PERMISSIONS as readonly string[]).includes(value);
}
