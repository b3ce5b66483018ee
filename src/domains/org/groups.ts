import { and, asc, eq, inArray } from 'drizzle-orm';
import { z } from '@hono/zod-openapi';
import type { Ctx } from '../../server/platform/context';
import type { Db } from '../../server/platform/db';
import { conflict, forbidden, notFound } from '../../server/platform/errors';
import { staleVersion } from '../../server/platform/locking';
import { inAuthTx, inTx } from '../../server/platform/tx';
import { recordAudit } from '../audit/chain';
import type { CreateOrgGroup, OrgGroup, UpdateOrgGroup } from './contract';
import { findOrg } from './service';
import { orgGroupMembers, orgGroups, orgs } from './table';

async function load(db: Db, ids?: string[]): Promise<OrgGroup[]> {
  const groups = await db
    .select()
    .from(orgGroups)
    .where(ids ? inArray(orgGroups.id, ids) : undefined)
    .orderBy(asc(orgGroups.name));
  if (groups.length === 0) return [];
  const members = await db
    .select({ groupId: orgGroupMembers.groupId, id: orgs.id, slug: orgs.slug, name: orgs.name })
    .from(orgGroupMembers)
    .innerJoin(orgs, eq(orgs.id, orgGroupMembers.orgId))
    .where(inArray(orgGroupMembers.groupId, groups.map((g) => g.id)))
    .orderBy(asc(orgs.name));
  return groups.map((g) => ({
    id: g.id,
    slug: g.slug,
    name: g.name,
    description: g.description,
    archivedAt: g.archivedAt?.toISOString() ?? null,
    version: g.version,
    members: members.filter((m) => m.groupId === g.id).map(({ id, slug, name }) => ({ id, slug, name })),
  }));
}

/**
 * The cooperation groups, as far as the caller may see them: a member organisation outside the caller's org.read
 * scope is left out, and a group with no member left is not listed (deny by default: an employee of one
 * förvaltning learns nothing of groups it is not part of).
 */
export async function listGroups(ctx: Ctx): Promise<OrgGroup[]> {
  ctx.authz.require('org.read');
  const groups = await load(ctx.db);
  const paths = new Map((await ctx.db.select({ id: orgs.id, path: orgs.path }).from(orgs)).map((o) => [o.id, o.path]));
  return groups
    .map((g) => ({ ...g, members: g.members.filter((m) => ctx.authz.can('org.read', paths.get(m.id))) }))
    .filter((g) => g.members.length > 0);
}

async function memberRows(ctx: Ctx, tx: Db, slugs: string[]) {
  const rows = [];
  for (const [i, s] of slugs.entries()) {
    const o = await findOrg(tx, s, `members.${i}`);
    if (!ctx.authz.can('org.manage', o.path)) throw forbidden();
    rows.push(o);
  }
  return rows;
}

export async function createGroup(ctx: Ctx, input: z.infer<typeof CreateOrgGroup>): Promise<OrgGroup> {
  ctx.authz.require('org.manage');
  return inTx(ctx, async (tx) => {
    const [dup] = await tx.select({ id: orgGroups.id }).from(orgGroups).where(eq(orgGroups.slug, input.slug));
    if (dup) {
      throw conflict('duplicate_slug', {
        sv: `Kortnamnet "${input.slug}" används redan av en annan samverkansgrupp.`,
        en: `The slug "${input.slug}" is already used by another cooperation group.`,
      }, 'slug');
    }
    const members = await memberRows(ctx, tx, input.members);
    const [g] = await tx
      .insert(orgGroups)
      .values({ slug: input.slug, name: input.name, description: input.description ?? '' })
      .returning();
    if (members.length) await tx.insert(orgGroupMembers).values(members.map((m) => ({ groupId: g.id, orgId: m.id })));
    const [dto] = await load(tx, [g.id]);
    await recordAudit(tx, ctx, { action: 'orggroup.create', entityType: 'org_group', entityId: g.id, after: dto });
    return dto;
  });
}

export async function updateGroup(ctx: Ctx, slug: string, input: z.infer<typeof UpdateOrgGroup>): Promise<OrgGroup> {
  ctx.authz.require('org.manage');
  return inAuthTx(ctx, async (tx) => {
    const [cur] = await tx.select().from(orgGroups).where(eq(orgGroups.slug, slug));
    if (!cur) throw notFound({ sv: `Samverkansgruppen "${slug}" finns inte.`, en: `Cooperation group "${slug}" does not exist.` }, 'slug');
    const [before] = await load(tx, [cur.id]);
    for (const m of before.members) {
      const o = await findOrg(tx, m.id);
      if (!ctx.authz.can('org.manage', o.path)) throw forbidden();
    }
    const changes: Partial<typeof orgGroups.$inferInsert> = {};
    if (input.name !== undefined) changes.name = input.name;
    if (input.description !== undefined) changes.description = input.description;
    if (input.archived !== undefined) changes.archivedAt = input.archived ? new Date() : null;
    const [row] = await tx
      .update(orgGroups)
      .set({ ...changes, version: cur.version + 1, updatedAt: new Date() })
      .where(and(eq(orgGroups.id, cur.id), eq(orgGroups.version, input.version)))
      .returning();
    if (!row) throw staleVersion('org_group', input.version, before);
    if (input.members) {
      const members = await memberRows(ctx, tx, input.members);
      await tx.delete(orgGroupMembers).where(eq(orgGroupMembers.groupId, cur.id));
      if (members.length) await tx.insert(orgGroupMembers).values(members.map((m) => ({ groupId: cur.id, orgId: m.id })));
    }
    const [after] = await load(tx, [cur.id]);
    await recordAudit(tx, ctx, { action: 'orggroup.update', entityType: 'org_group', entityId: cur.id, before, after });
    return after;
  });
}
