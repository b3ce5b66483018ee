import { sql } from 'drizzle-orm';
import { check, index, integer, pgTable, primaryKey, text, uuid } from 'drizzle-orm/pg-core';
import { idColumn, ts, versioned } from '../../server/platform/columns';

/**
 * The organisation tree: stad → förvaltning / nämnd / bolag → avdelning → enhet, any depth.
 * `path` is the materialised chain of ids ("/root/…/self/") so a subtree is one prefix match.
 */
export const orgs = pgTable(
  'orgs',
  {
    id: idColumn(),
    slug: text('slug').notNull().unique('orgs_slug_unique'),
    name: text('name').notNull(),
    type: text('type').notNull(),
    parentId: uuid('parent_id'),
    path: text('path').notNull(),
    depth: integer('depth').notNull().default(0),
    archivedAt: ts('archived_at'),
    /**
     * Personuppgiftsansvarig (GDPR controller): the nämnd, e.g. "Hässelby-Vällingby stadsdelsnämnd", and the legal
     * person's organisationsnummer (a city is one legal person: the number may sit on the stad, the name on each
     * förvaltning). The nearest recorded on an org's path applies (incidents/breach.ts).
     */
    controllerName: text('controller_name'),
    controllerOrgNumber: text('controller_org_number'),
    ...versioned(),
  },
  (t) => [
    index('orgs_path_idx').on(t.path),
    index('orgs_parent_idx').on(t.parentId),
    check('orgs_type_check', sql`${t.type} in ('stad','forvaltning','namnd','bolag','avdelning','enhet')`),
    check('orgs_controller_org_number_check', sql`${t.controllerOrgNumber} is null or ${t.controllerOrgNumber} ~ '^[0-9]{6}-[0-9]{4}$'`),
  ],
);

/** Samverkansgrupper: förvaltningar that cooperate, e.g. three sharing one DSO. */
export const orgGroups = pgTable('org_groups', {
  id: idColumn(),
  slug: text('slug').notNull().unique('org_groups_slug_unique'),
  name: text('name').notNull(),
  description: text('description').notNull().default(''),
  archivedAt: ts('archived_at'),
  ...versioned(),
});

export const orgGroupMembers = pgTable(
  'org_group_members',
  {
    groupId: uuid('group_id').notNull().references(() => orgGroups.id),
    orgId: uuid('org_id').notNull().references(() => orgs.id),
  },
  (t) => [primaryKey({ columns: [t.groupId, t.orgId] })],
);
