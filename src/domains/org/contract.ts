import { z } from '@hono/zod-openapi';
import { int4, OrgNumber } from '../../server/platform/schema';

export const ORG_TYPES = ['stad', 'forvaltning', 'namnd', 'bolag', 'avdelning', 'enhet'] as const;
export type OrgType = (typeof ORG_TYPES)[number];

/** Which types may sit directly under which: stad → förvaltning/nämnd/bolag → avdelning → enhet. */
export const CHILD_TYPES: Record<OrgType, readonly OrgType[]> = {
  stad: ['forvaltning', 'namnd', 'bolag'],
  forvaltning: ['avdelning', 'enhet'],
  namnd: ['avdelning', 'enhet'],
  bolag: ['avdelning', 'enhet'],
  avdelning: ['avdelning', 'enhet'],
  enhet: ['enhet'],
};

export const Slug = z
  .string()
  .min(2)
  .max(64)
  .regex(/^[a-z0-9]+(?:-[a-z0-9]+)*$/, 'gemener a–z, siffror och bindestreck / lowercase a–z, digits and hyphens');
export const Name = z.string().trim().min(1).max(200);
/** Personuppgiftsansvarig nämnd and organisationsnummer: optional; null clears. */
const ControllerName = Name.nullable().optional()
  .openapi({ description: 'Personuppgiftsansvarig nämnd, t.ex. "Hässelby-Vällingby stadsdelsnämnd" / the controlling committee (GDPR controller)' });
const ControllerOrgNumber = OrgNumber.nullable().optional()
  .openapi({ description: 'Den personuppgiftsansvariges organisationsnummer NNNNNN-NNNN / the controller\'s organisation number', example: '212000-0142' });

export const Org = z
  .object({
    id: z.uuid(),
    slug: z.string(),
    name: z.string(),
    type: z.enum(ORG_TYPES),
    parentId: z.uuid().nullable(),
    parentSlug: z.string().nullable(),
    path: z.string(),
    depth: int4(),
    archivedAt: z.string().nullable(),
    controllerName: z.string().nullable().openapi({ description: 'Personuppgiftsansvarig nämnd / controlling committee' }),
    controllerOrgNumber: z.string().nullable().openapi({ description: 'Organisationsnummer NNNNNN-NNNN' }),
    version: int4(),
  })
  .openapi('Org');
export type Org = z.infer<typeof Org>;

export const CreateOrg = z
  .strictObject({
    slug: Slug, name: Name, type: z.enum(ORG_TYPES), parent: Slug.optional().nullable(),
    controllerName: ControllerName, controllerOrgNumber: ControllerOrgNumber,
  })
  .openapi('CreateOrg');
export type CreateOrg = z.infer<typeof CreateOrg>;

export const UpdateOrg = z
  .strictObject({
    version: int4().min(1),
    name: Name.optional(),
    slug: Slug.optional(),
    /** Move: the new parent's slug. */
    parent: Slug.optional(),
    archived: z.boolean().optional(),
    controllerName: ControllerName,
    controllerOrgNumber: ControllerOrgNumber,
  })
  .openapi('UpdateOrg');
export type UpdateOrg = z.infer<typeof UpdateOrg>;

export const OrgGroup = z
  .object({
    id: z.uuid(),
    slug: z.string(),
    name: z.string(),
    description: z.string(),
    members: z.array(z.object({ id: z.uuid(), slug: z.string(), name: z.string() })),
    archivedAt: z.string().nullable(),
    version: int4(),
  })
  .openapi('OrgGroup');
export type OrgGroup = z.infer<typeof OrgGroup>;

export const CreateOrgGroup = z
  .strictObject({
    slug: Slug,
    name: Name,
    description: z.string().max(2000).optional(),
    members: z.array(Slug).max(200).default([]),
  })
  .openapi('CreateOrgGroup');
export const UpdateOrgGroup = z
  .strictObject({
    version: int4().min(1),
    name: Name.optional(),
    description: z.string().max(2000).optional(),
    members: z.array(Slug).max(200).optional(),
    archived: z.boolean().optional(),
  })
  .openapi('UpdateOrgGroup');
