import { randomUUID } from 'node:crypto';
import { and, asc, eq, inArray, isNull, like, sql } from 'drizzle-orm';
import { alias } from 'drizzle-orm/pg-core';
import type { Ctx } from '../../server/platform/context';
import type { Db } from '../../server/platform/db';
import { escapeLike } from '../../server/platform/authz';
import { badRequest, conflict, forbidden, notFound, unprocessable } from '../../server/platform/errors';
import { staleVersion } from '../../server/platform/locking';
import { inAuthTx, inTx } from '../../server/platform/tx';
import { recordAudit } from '../audit/chain';
import { CHILD_TYPES, type CreateOrg, type Org, type OrgType, type UpdateOrg } from './contract';
import { orgGroupMembers, orgs } from './table';
import { UUID_RE } from '../../server/platform/uuid7';

type OrgRow = typeof orgs.$inferSelect;
const parent = alias(orgs, 'parent');

const typeLabel: Record<OrgType, { sv: string; en: string }> = {
  stad: { sv: 'stad', en: 'city' },
  forvaltning: { sv: 'förvaltning', en: 'administration' },
  namnd: { sv: 'nämnd', en: 'committee' },
  bolag: { sv: 'bolag', en: 'municipal company' },
  avdelning: { sv: 'avdelning', en: 'department' },
  enhet: { sv: 'enhet', en: 'unit' },
};

function toDto(r: OrgRow, parentSlug: string | null): Org {
  return {
    id: r.id,
    slug: r.slug,
    name: r.name,
    type: r.type as OrgType,
    parentId: r.parentId,
    parentSlug,
    path: r.path,
    depth: r.depth,
    archivedAt: r.archivedAt ? r.archivedAt.toISOString() : null,
    controllerName: r.controllerName,
    controllerOrgNumber: r.controllerOrgNumber,
    version: r.version,
  };
}

const selectWithParent = (db: Db) =>
  db.select({ org: orgs, parentSlug: parent.slug }).from(orgs).leftJoin(parent, eq(parent.id, orgs.parentId));

/** Finds an org by slug (or id) or answers 404 naming it. No permission check: callers check. */
/**
 * An organisation that does not exist or that the caller may not see: one answer for both (404), so that existence
 * does not leak, and worded so that it is true either way.
 */
export const orgNotFound = (ref: string, field = 'org') =>
  notFound({ sv: `Organisationen "${ref}" finns inte, eller så får du inte se den.`, en: `Organisation "${ref}" does not exist, or you may not see it.` }, field);

export async function findOrg(db: Db, slugOrId: string, field = 'org'): Promise<OrgRow> {
  // A real uuid only: 36 of [0-9a-f-] in any order (36 dashes) is no uuid PostgreSQL reads, and answered 500.
  const isId = UUID_RE.test(slugOrId);
  const [row] = await db.select().from(orgs).where(isId ? eq(orgs.id, slugOrId) : eq(orgs.slug, slugOrId)).limit(1);
  if (!row) {
    throw orgNotFound(slugOrId, field);
  }
  return row;
}

/** The org the caller names, if they may read it; 404 (not 403) otherwise, so existence does not leak. */
export async function getOrg(ctx: Ctx, slugOrId: string): Promise<Org> {
  const row = await findOrg(ctx.db, slugOrId);
  if (!ctx.authz.can('org.read', row.path)) {
    throw orgNotFound(slugOrId);
  }
  const [p] = row.parentId ? await ctx.db.select({ slug: orgs.slug }).from(orgs).where(eq(orgs.id, row.parentId)) : [];
  return toDto(row, p?.slug ?? null);
}

export interface ListOrgsQuery {
  under?: string;
  includeArchived?: boolean;
}

/** Orgs the caller may read, optionally only one subtree; ordered as a tree (by path). */
export async function listOrgs(ctx: Ctx, q: ListOrgsQuery = {}): Promise<Org[]> {
  const conds = [ctx.authz.scopeSql('org.read', orgs.path)];
  if (q.under) {
    const root = await getOrg(ctx, q.under);
    conds.push(like(orgs.path, escapeLike(root.path) + '%'));
  }
  if (!q.includeArchived) conds.push(isNull(orgs.archivedAt));
  const rows = await selectWithParent(ctx.db).where(and(...conds)).orderBy(asc(orgs.depth), asc(orgs.name));
  return sortAsTree(rows.map((r) => toDto(r.org, r.parentSlug)));
}

function sortAsTree(list: Org[]): Org[] {
  const byParent = new Map<string | null, Org[]>();
  const ids = new Set(list.map((o) => o.id));
  for (const o of list) {
    const key = o.parentId && ids.has(o.parentId) ? o.parentId : null;
    byParent.set(key, [...(byParent.get(key) ?? []), o]);
  }
  const out: Org[] = [];
  const walk = (key: string | null) => {
    for (const o of (byParent.get(key) ?? []).sort((a, b) => a.name.localeCompare(b.name, 'sv'))) {
      out.push(o);
      walk(o.id);
    }
  };
  walk(null);
  return out;
}

function checkChildType(parentType: OrgType | null, type: OrgType) {
  if (parentType === null) {
    if (type !== 'stad' && type !== 'forvaltning' && type !== 'bolag' && type !== 'namnd') {
      throw unprocessable('org_type', {
        sv: `En ${typeLabel[type].sv} måste ligga under en annan organisation (ange parent).`,
        en: `A ${typeLabel[type].en} must have a parent organisation (give parent).`,
      }, 'parent');
    }
    return;
  }
  if (!CHILD_TYPES[parentType].includes(type)) {
    throw unprocessable('org_type', {
      sv: `En ${typeLabel[type].sv} kan inte ligga under en ${typeLabel[parentType].sv}.`,
      en: `A ${typeLabel[type].en} cannot be placed under a ${typeLabel[parentType].en}.`,
    }, 'type');
  }
}

export async function createOrg(ctx: Ctx, input: CreateOrg): Promise<Org> {
  return inTx(ctx, async (tx) => {
    const p = input.parent ? await findOrg(tx, input.parent, 'parent') : null;
    if (p) {
      if (!ctx.authz.can('org.manage', p.path)) throw forbidden();
      if (p.archivedAt) {
        throw unprocessable('parent_archived', {
          sv: `Organisationen "${p.slug}" är arkiverad och kan inte få nya underorganisationer.`,
          en: `Organisation "${p.slug}" is archived and cannot get new children.`,
        }, 'parent');
      }
    } else {
      ctx.authz.requireGlobal('org.manage');
    }
    checkChildType(p ? (p.type as OrgType) : null, input.type);
    const [dup] = await tx.select({ id: orgs.id }).from(orgs).where(eq(orgs.slug, input.slug));
    if (dup) {
      throw conflict('duplicate_slug', {
        sv: `Kortnamnet "${input.slug}" används redan av en annan organisation.`,
        en: `The slug "${input.slug}" is already used by another organisation.`,
      }, 'slug');
    }
    const id = randomUUID();
    const [row] = await tx
      .insert(orgs)
      .values({
        id,
        slug: input.slug,
        name: input.name,
        type: input.type,
        parentId: p?.id ?? null,
        path: `${p?.path ?? '/'}${id}/`,
        depth: p ? p.depth + 1 : 0,
        controllerName: input.controllerName ?? null,
        controllerOrgNumber: input.controllerOrgNumber ?? null,
      })
      .returning();
    await recordAudit(tx, ctx, { action: 'org.create', entityType: 'org', entityId: id, orgId: id, after: row });
    return toDto(row, p?.slug ?? null);
  });
}

export async function updateOrg(ctx: Ctx, slugOrId: string, input: UpdateOrg): Promise<Org> {
  return inAuthTx(ctx, async (tx) => {
    const cur = await findOrg(tx, slugOrId);
    if (!ctx.authz.can('org.read', cur.path)) {
      throw orgNotFound(slugOrId);
    }
    if (!ctx.authz.can('org.manage', cur.path)) throw forbidden();
    if (cur.version !== input.version) throw staleVersion('org', input.version, toDto(cur, null));

    const changes: Partial<OrgRow> = {};
    if (input.name !== undefined) changes.name = input.name;
    if (input.controllerName !== undefined) changes.controllerName = input.controllerName;
    if (input.controllerOrgNumber !== undefined) changes.controllerOrgNumber = input.controllerOrgNumber;
    if (input.slug !== undefined && input.slug !== cur.slug) {
      const [dup] = await tx.select({ id: orgs.id }).from(orgs).where(eq(orgs.slug, input.slug));
      if (dup) {
        throw conflict('duplicate_slug', {
          sv: `Kortnamnet "${input.slug}" används redan av en annan organisation.`,
          en: `The slug "${input.slug}" is already used by another organisation.`,
        }, 'slug');
      }
      changes.slug = input.slug;
    }
    let newParentSlug: string | null | undefined;
    if (input.parent !== undefined) {
      const np = await findOrg(tx, input.parent, 'parent');
      if (np.path.startsWith(cur.path)) {
        throw conflict('cycle', {
          sv: `"${cur.slug}" kan inte flyttas under "${np.slug}": det är en del av dess eget underträd.`,
          en: `"${cur.slug}" cannot move under "${np.slug}": it is part of its own subtree.`,
        }, 'parent');
      }
      if (!ctx.authz.can('org.manage', np.path)) throw forbidden();
      if (!cur.parentId && !ctx.authz.global('org.manage')) throw forbidden();
      checkChildType(np.type as OrgType, cur.type as OrgType);
      if (np.id !== cur.parentId) {
        const newPath = `${np.path}${cur.id}/`;
        const delta = np.depth + 1 - cur.depth;
        await tx
          .update(orgs)
          .set({
            path: sql`${newPath} || substr(${orgs.path}, ${cur.path.length + 1})`,
            depth: sql`${orgs.depth} + ${delta}`,
          })
          .where(like(orgs.path, escapeLike(cur.path) + '%'));
        changes.parentId = np.id;
      }
      newParentSlug = np.slug;
    }
    if (input.archived !== undefined && input.archived !== (cur.archivedAt !== null)) {
      if (input.archived) {
        const [child] = await tx
          .select({ slug: orgs.slug })
          .from(orgs)
          .where(and(eq(orgs.parentId, cur.id), isNull(orgs.archivedAt)))
          .limit(1);
        if (child) {
          throw conflict('has_active_children', {
            sv: `"${cur.slug}" har aktiva underorganisationer (t.ex. "${child.slug}"). Arkivera eller flytta dem först.`,
            en: `"${cur.slug}" has active child organisations (e.g. "${child.slug}"). Archive or move them first.`,
          }, 'archived');
        }
        changes.archivedAt = new Date();
      } else {
        changes.archivedAt = null;
      }
    }
    const [row] = await tx
      .update(orgs)
      .set({ ...changes, version: sql`${orgs.version} + 1`, updatedAt: new Date() })
      .where(and(eq(orgs.id, cur.id), eq(orgs.version, input.version)))
      .returning();
    if (!row) throw staleVersion('org', input.version, toDto(await findOrg(tx, cur.id), null));
    await recordAudit(tx, ctx, {
      action: input.parent !== undefined ? 'org.move' : input.archived !== undefined ? 'org.archive' : 'org.update',
      entityType: 'org',
      entityId: cur.id,
      orgId: cur.id,
      before: cur,
      after: row,
    });
    if (newParentSlug === undefined && row.parentId) {
      const [p] = await tx.select({ slug: orgs.slug }).from(orgs).where(eq(orgs.id, row.parentId));
      newParentSlug = p?.slug ?? null;
    }
    return toDto(row, newParentSlug ?? null);
  });
}

/** Members of the given groups (expanding roles held on a samverkansgrupp). */
export async function groupMemberPaths(db: Db, groupIds: string[]): Promise<Map<string, string[]>> {
  const out = new Map<string, string[]>();
  if (groupIds.length === 0) return out;
  const rows = await db
    .select({ groupId: orgGroupMembers.groupId, path: orgs.path })
    .from(orgGroupMembers)
    .innerJoin(orgs, eq(orgs.id, orgGroupMembers.orgId))
    .where(inArray(orgGroupMembers.groupId, groupIds));
  for (const r of rows) out.set(r.groupId, [...(out.get(r.groupId) ?? []), r.path]);
  return out;
}

export function assertSlugGiven(slug: string | undefined, field = 'org'): string {
  if (!slug) throw badRequest('missing_org', { sv: 'Ange organisation (org).', en: 'Give an organisation (org).' }, field);
  return slug;
}
